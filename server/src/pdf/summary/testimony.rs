//! The sections that quote what people said: each rater's evidence per
//! competency, the referees' answers, and the interview notes.

use super::plural;
use crate::pdf::{Cell, Column, Document};
use app::model::{PanelSummary, median_text};
use question_bank::Level;

pub(super) fn evidence(doc: &mut Document, s: &PanelSummary) {
    if s.raters.is_empty() {
        return;
    }
    doc.heading(2, "Ratings and evidence by competency");
    for c in &s.competencies {
        doc.heading(
            3,
            &format!(
                "{} — required {}, panel median {}, spread {}",
                c.name,
                Level::numbered(c.required_level),
                median_text(c.median),
                c.spread
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "–".into())
            ),
        );
        if c.scores.is_empty() {
            doc.paragraph("Not scored by anyone on the panel.");
            continue;
        }
        for sc in &c.scores {
            match sc.level {
                Some(l) => doc.lead(
                    &format!("{}: {}", s.rater_label(sc.rater), Level::numbered(l)),
                    &format!("— {}", sc.anchor),
                ),
                None => doc.lead(
                    &format!("{}: not assessed", s.rater_label(sc.rater)),
                    &format!("— {}", sc.not_assessed_reason),
                ),
            };
            if !sc.evidence.trim().is_empty() {
                doc.markdown(&sc.evidence);
            }
        }
        if !c.behaviors.is_empty() {
            doc.label("Behaviors observed:");
            let items: Vec<String> = c
                .behaviors
                .iter()
                .map(|(b, n)| format!("{b} ({n} rater{})", plural(*n)))
                .collect();
            doc.bullets(&items);
        }
    }
}

pub(super) fn references(doc: &mut Document, s: &PanelSummary) {
    doc.heading(2, "References");
    if s.references_answered < s.references_threshold {
        doc.paragraph(&format!(
            "{} of the {} references needed have answered; ratings are combined once {} have.",
            s.references_answered, s.references_threshold, s.references_threshold
        ));
    } else {
        let rows: Vec<Vec<Cell>> = s
            .competencies
            .iter()
            .filter(|c| c.reference_count > 0)
            .map(|c| {
                vec![
                    Cell::bold(c.name.clone()),
                    Cell::new(c.reference_count.to_string()),
                    Cell::new(
                        c.reference_mean
                            .map(|m| format!("{m:.1}"))
                            .unwrap_or_else(|| "held back (too few)".into()),
                    ),
                    Cell::new(median_text(c.median)),
                    Cell::new(c.required_level.to_string()),
                ]
            })
            .collect();
        if !rows.is_empty() {
            doc.table(
                &[
                    Column::new("Competency", 3.0),
                    Column::new("References", 1.3),
                    Column::new("Reference mean", 1.6),
                    Column::new("Panel median", 1.6),
                    Column::new("Required", 1.3),
                ],
                rows,
            );
        }
    }
    if s.reference_comments.is_empty() {
        doc.paragraph("No reference has been submitted yet.");
    }
    for r in &s.reference_comments {
        doc.heading(
            3,
            &format!(
                "{} — {}, {} months{}",
                r.referee,
                r.relationship,
                r.months_worked,
                if r.by_phone { ", by phone" } else { "" }
            ),
        );
        for a in &r.answers {
            let rating = match (a.rating, a.cant_say) {
                (Some(l), _) => Level::numbered(l),
                (None, true) => "can't say".into(),
                (None, false) => "not rated".into(),
            };
            doc.lead(&format!("{} · {}:", a.competency, a.question), &rating);
            if !a.text.trim().is_empty() {
                doc.markdown(&a.text);
            }
        }
    }
}

pub(super) fn notes(doc: &mut Document, s: &PanelSummary) {
    if s.raters.is_empty() {
        return;
    }
    doc.heading(2, "Interview notes");
    for (i, r) in s.raters.iter().enumerate() {
        doc.heading(3, &s.rater_label(i));
        let mine: Vec<_> = s.question_notes.iter().filter(|n| n.rater == i).collect();
        for n in &mine {
            let rating = n
                .rating
                .map(|l| format!(", rated {}", Level::numbered(l)))
                .unwrap_or_default();
            doc.lead(&n.title, &format!("({}{rating})", n.competency));
            if !n.notes.trim().is_empty() {
                doc.markdown(&n.notes);
            }
        }
        if !r.summary.trim().is_empty() {
            doc.label("Summary:");
            doc.markdown(&r.summary);
        }
        if mine.is_empty() && r.summary.trim().is_empty() {
            doc.paragraph("No notes.");
        }
    }
}
