//! The sections that show the panel's ratings together: the chart of
//! required against observed level, the competency × rater grid, and the
//! disagreements with their evidence side by side.

use super::plain_text;
use crate::pdf::{Cell, ChartRow, Column, Document};
use app::model::{CompetencyRow, PanelSummary, median_text};
use question_bank::Level;

pub(super) fn at_a_glance(doc: &mut Document, s: &PanelSummary) {
    doc.heading(2, "At a glance");
    let rows: Vec<ChartRow> = s
        .competencies
        .iter()
        .map(|c| ChartRow {
            label: c.name.clone(),
            required: (1..=5)
                .contains(&c.required_level)
                .then_some(c.required_level),
            // The panel median, as in the grid and the tables: one statistic
            // for "observed" everywhere in the summary.
            observed: c.median,
            spread: c.range,
        })
        .collect();
    if rows.is_empty() {
        doc.paragraph("The role has no competency profile yet.");
        return;
    }
    doc.level_chart(&rows);
    let below: Vec<&str> = s
        .competencies
        .iter()
        .filter(|c| c.below_required())
        .map(|c| c.name.as_str())
        .collect();
    let split: Vec<&str> = s.disagreements().map(|c| c.name.as_str()).collect();
    let mut lines = Vec::new();
    if !below.is_empty() {
        lines.push(format!(
            "Panel median below the required level: {}.",
            below.join(", ")
        ));
    }
    if !split.is_empty() {
        lines.push(format!(
            "Raters two or more levels apart: {} (see Disagreements).",
            split.join(", ")
        ));
    }
    if !lines.is_empty() {
        doc.bullets(&lines);
    }
}

pub(super) fn grid(doc: &mut Document, s: &PanelSummary) {
    // With a long profile the chart fills the first page; the grid and
    // its key then start a page of their own rather than split after a row.
    if s.competencies.len() > 5 {
        doc.page_break();
    }
    doc.heading(2, "Competency × rater");
    if s.raters.is_empty() {
        doc.paragraph("No scorecard has been submitted yet.");
        return;
    }
    // Raters are numbered in the grid so any number of names fits; the key
    // above it names them.
    let key: Vec<(String, String)> = s
        .raters
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rec = r
                .recommendation
                .map(|x| format!(" — recommends {}", x.label().to_lowercase()))
                .unwrap_or_default();
            (
                format!("R{}", i + 1),
                format!("{} ({}){rec}", r.name, r.stage_name),
            )
        })
        .collect();
    doc.key_values(&key);
    let mut columns = vec![Column::new("Competency", 3.2), Column::new("Req.", 1.1)];
    for i in 0..s.raters.len() {
        columns.push(Column::new(format!("R{}", i + 1), 1.0));
    }
    columns.push(Column::new("Median", 1.3));
    columns.push(Column::new("Spread", 1.3));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for c in &s.competencies {
        let mut row = vec![
            Cell::bold(format!("{} (weight {})", c.name, c.weight)),
            Cell::new(c.required_level.to_string()),
        ];
        for i in 0..s.raters.len() {
            row.push(match c.score_of(i) {
                Some(score) => match score.level {
                    Some(l) if l < c.required_level => Cell::new(format!("{l} ↓")),
                    Some(l) => Cell::new(l.to_string()),
                    None => Cell::new("n/a"),
                },
                None => Cell::new("–"),
            });
        }
        let mut median = Cell::new(median_text(c.median));
        if c.below_required() {
            median = median.shaded();
        }
        row.push(median);
        row.push(match c.spread {
            Some(sp) if c.disagreement => Cell::bold(format!("{sp} split")).shaded(),
            Some(sp) => Cell::new(sp.to_string()),
            None => Cell::new("–"),
        });
        rows.push(row);
    }
    doc.table(&columns, rows);
    doc.paragraph(
        "↓ below the required level · n/a not assessed · – not rated by this rater · \
         \"split\": raters two or more levels apart. Shaded medians fall below the required level.",
    );
}

pub(super) fn disagreements(doc: &mut Document, s: &PanelSummary) {
    let split: Vec<&CompetencyRow> = s.disagreements().collect();
    if split.is_empty() {
        return;
    }
    doc.heading(2, "Disagreements");
    doc.paragraph(
        "Where raters are two or more levels apart, their evidence is set side by side. \
         Talk it through before deciding.",
    );
    for c in split {
        doc.heading(
            3,
            &format!(
                "{}: levels {}–{} (required {})",
                c.name,
                c.range.map(|r| r.0).unwrap_or(0),
                c.range.map(|r| r.1).unwrap_or(0),
                c.required_level
            ),
        );
        let rated: Vec<_> = c.scores.iter().filter(|sc| sc.level.is_some()).collect();
        // Short column titles ("R2: 4 Advanced", as in the grid's key) keep
        // the header on one line so the heading stays with its table; the
        // name heads the evidence cell.
        let columns: Vec<Column> = rated
            .iter()
            .map(|sc| {
                Column::new(
                    format!(
                        "R{}: {}",
                        sc.rater + 1,
                        Level::numbered(sc.level.unwrap_or(0))
                    ),
                    1.0,
                )
            })
            .collect();
        // Names on a short first row of their own: the heading keeps only
        // the header and first row with it, and a tall evidence row may
        // then move on to the next page under a repeated header.
        let names = rated
            .iter()
            .map(|sc| Cell::bold(s.rater_label(sc.rater)))
            .collect();
        let evidence = rated
            .iter()
            .map(|sc| Cell::new(plain_text(&sc.evidence)))
            .collect();
        let anchors = rated
            .iter()
            .map(|sc| Cell::new(format!("Anchor: {}", sc.anchor)).shaded())
            .collect();
        doc.table(&columns, vec![names, evidence, anchors]);
    }
}
