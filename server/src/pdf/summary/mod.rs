//! The candidate summary for hiring managers: required against observed
//! level at a glance, the competency × rater grid, disagreements with their
//! evidence side by side, references, interview notes, recommendations and
//! the decision. The sections are laid out by `panel` (the chart, the grid,
//! disagreements) and `testimony` (evidence, references, notes); the
//! recommendations and the decision are here.

mod panel;
mod testimony;

use super::{Cell, Column, Document, Paper, PdfError};
use app::model::{PanelSummary, format_day};
use panel::{at_a_glance, disagreements, grid};
use testimony::{evidence, notes, references};

/// Lays out `summary` and returns the PDF bytes.
pub fn candidate_summary(summary: &PanelSummary, paper: Paper) -> Result<Vec<u8>, PdfError> {
    summary_document(summary, paper).to_bytes()
}

/// The summary as a [`Document`], before layout.
pub fn summary_document(s: &PanelSummary, paper: Paper) -> Document {
    let title = format!("Candidate summary: {} — {}", s.candidate_name, s.role_title);
    let mut doc = Document::new(paper, title);
    doc.created_at(s.generated_at);
    doc.running_header(format!(
        "{} · {} · candidate summary · {}",
        s.candidate_name,
        s.role_title,
        format_day(s.generated_at)
    ));
    doc.heading(1, &s.candidate_name);
    let mut facts: Vec<(String, String)> = vec![
        ("Role".into(), s.role_title.clone()),
        (
            "Stages".into(),
            if s.stages.is_empty() {
                "No scorecard submitted yet".into()
            } else {
                s.stages.join(", ")
            },
        ),
        ("Date".into(), format_day(s.generated_at)),
        (
            "Panel".into(),
            format!(
                "{} submitted scorecard{}",
                s.raters.len(),
                plural(s.raters.len())
            ),
        ),
    ];
    if let Some(d) = s.decision() {
        facts.push((
            "Decision".into(),
            format!(
                "{} — {}, {}",
                d.decision.label(),
                d.decided_by,
                format_day(d.decided_at)
            ),
        ));
    }
    doc.key_values(&facts);
    doc.paragraph(
        "Only submitted scorecards are included. Levels: 1 Entry, 2 Developing, \
         3 Independent, 4 Advanced, 5 Expert.",
    );
    // A revised question asked of this panel in another version than of
    // other candidates: said before any figure that compares them.
    if !s.version_notes.is_empty() {
        doc.heading(2, "Question versions");
        doc.bullets(&s.version_notes);
    }

    // What a decision rests on first (chart, grid, recommendations and
    // decision), then the detail behind it.
    at_a_glance(&mut doc, s);
    grid(&mut doc, s);
    recommendations(&mut doc, s);
    disagreements(&mut doc, s);
    evidence(&mut doc, s);
    references(&mut doc, s);
    notes(&mut doc, s);
    doc
}

pub(super) fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn recommendations(doc: &mut Document, s: &PanelSummary) {
    doc.heading(2, "Recommendations and decision");
    let tally: Vec<String> = s
        .tally
        .iter()
        .map(|(r, n)| format!("{}: {n}", r.label()))
        .collect();
    doc.paragraph(&tally.join(" · "));
    if !s.raters.is_empty() {
        let rows = s
            .raters
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::new(s.rater_label(i)),
                    Cell::bold(
                        r.recommendation
                            .map(app::model::Recommendation::label)
                            .unwrap_or("–"),
                    ),
                ]
            })
            .collect();
        doc.table(
            &[
                Column::new("Rater", 3.0),
                Column::new("Recommendation", 1.5),
            ],
            rows,
        );
    }
    match s.decision() {
        None => {
            doc.paragraph("No decision has been recorded yet.");
        }
        Some(d) => {
            doc.heading(
                3,
                &format!(
                    "Decision: {} — {}, {}",
                    d.decision.label(),
                    d.decided_by,
                    format_day(d.decided_at)
                ),
            );
            doc.markdown(&d.rationale);
            if s.decisions.len() > 1 {
                doc.label("Earlier decisions:");
                let items: Vec<String> = s.decisions[1..]
                    .iter()
                    .map(|d| {
                        format!(
                            "{} — {}, {}: {}",
                            d.decision.label(),
                            d.decided_by,
                            format_day(d.decided_at),
                            plain_text(&d.rationale)
                        )
                    })
                    .collect();
                doc.bullets(&items);
            }
        }
    }
}

/// Markdown as plain text for table cells: emphasis markers dropped, list
/// items and paragraphs kept on their own lines.
pub(super) fn plain_text(md: &str) -> String {
    md.lines()
        .map(|l| {
            let t = l.trim();
            let t = t
                .strip_prefix("- ")
                .or_else(|| t.strip_prefix("* "))
                .map(|rest| format!("• {rest}"))
                .unwrap_or_else(|| t.to_owned());
            t.replace("**", "").replace("__", "").replace('*', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_keeps_lines_and_drops_emphasis() {
        assert_eq!(
            plain_text("**Clear**\n- one\n* *two*"),
            "Clear\n• one\n• two"
        );
    }
}
