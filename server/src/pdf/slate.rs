//! The candidate slate on paper, for the hiring manager: the role's
//! candidates side by side, the weighted overall and its formula.

use super::{Cell, Column, Document, Paper, PdfError};
use app::model::{OVERALL_FORMULA, Slate, SlateColumn, median_text};

/// The most competencies whose names fit as column headers on portrait
/// paper; more are keyed by number.
const FULL_HEADERS_UP_TO: usize = 3;

/// A competency's column header in full.
fn header(c: &SlateColumn) -> String {
    format!(
        "{} (needs {}, weight {})",
        c.name, c.required_level, c.weight
    )
}

/// The short header of the `i`-th competency when the slate is keyed.
fn key(i: usize) -> String {
    format!("C{}", i + 1)
}

/// Lays out the slate and returns the PDF bytes.
pub fn candidate_slate(slate: &Slate, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let mut doc = Document::new(paper, format!("Candidate slate — {}", slate.role_title));
    doc.running_header(format!("{} · candidate slate", slate.role_title));
    doc.heading(1, &format!("Candidate slate: {}", slate.role_title));
    doc.paragraph(
        "Panel medians per competency (1 Entry … 5 Expert) against the level the role \
         requires. \"split\": raters two or more levels apart. \"refs\": the references' mean, \
         once enough references answered. \"below\": the median is under the required level.",
    );
    doc.paragraph(OVERALL_FORMULA);
    if slate.withheld > 0 {
        doc.paragraph(&format!(
            "{} candidate(s) left out: the reader still owes a scorecard on their panel.",
            slate.withheld
        ));
    }
    if slate.rows.is_empty() {
        doc.paragraph("No candidates to compare yet.");
        return doc.to_bytes();
    }
    // The candidate column and the overall get fixed shares; the
    // competencies share the rest. Past a few competencies their names no
    // longer fit a column's width on portrait paper and would break
    // mid-word, so the header names them by number and a key above the
    // table spells them out.
    let keyed = slate.columns.len() > FULL_HEADERS_UP_TO;
    if keyed {
        doc.table(
            &[Column::new("Key", 1.0), Column::new("Competency", 8.0)],
            slate
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| vec![Cell::bold(key(i)), Cell::new(header(c))])
                .collect(),
        );
    }
    let share = 6.0 / slate.columns.len().max(1) as f32;
    let mut columns = vec![Column::new("Candidate", 2.2)];
    columns.extend(
        slate
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| Column::new(if keyed { key(i) } else { header(c) }, share)),
    );
    columns.push(Column::new("Overall", 1.1));
    let rows = slate
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![Cell::bold(format!(
                "{} · {} · {} scorecard(s)",
                row.name,
                row.status.label(),
                row.scorecards
            ))];
            cells.extend(slate.columns.iter().zip(&row.cells).map(|(col, cell)| {
                let mut text = median_text(cell.median);
                if cell
                    .median
                    .is_some_and(|m| m < f32::from(col.required_level))
                {
                    text.push_str(" below");
                }
                if cell.split {
                    text.push_str(" split");
                }
                if let Some(m) = cell.reference_mean {
                    text.push_str(&format!(" · refs {m:.1}"));
                }
                Cell::new(text)
            }));
            cells.push(Cell::bold(
                row.overall
                    .map(|o| format!("{o:.2}"))
                    .unwrap_or_else(|| "–".to_owned()),
            ));
            cells
        })
        .collect();
    doc.table(&columns, rows);
    doc.to_bytes()
}
