//! The candidate summary for hiring managers: required against observed
//! level at a glance, the competency × rater grid, disagreements with their
//! evidence side by side, references, interview notes, recommendations and
//! the decision.

use super::{Cell, ChartRow, Column, Document, Paper, PdfError};
use app::model::{CompetencyRow, PanelSummary, format_day};
use question_bank::Level;

/// Lays out `summary` and returns the PDF bytes.
pub fn candidate_summary(summary: &PanelSummary, paper: Paper) -> Result<Vec<u8>, PdfError> {
    summary_document(summary, paper).to_bytes()
}

/// The summary as a [`Document`], before layout.
pub fn summary_document(s: &PanelSummary, paper: Paper) -> Document {
    let title = format!(
        "Candidate summary — {} — {}",
        s.candidate_name, s.role_title
    );
    let mut doc = Document::new(paper, title);
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

fn mean(levels: &[u8]) -> Option<f32> {
    (!levels.is_empty())
        .then(|| levels.iter().map(|&l| f32::from(l)).sum::<f32>() / levels.len() as f32)
}

/// `text` with every character Markdown could read as markup escaped, so
/// names and titles print exactly as written inside a bold run.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line with a bold lead-in, e.g. "**Name (Stage):** 3 Independent".
fn lead(doc: &mut Document, bold: &str, rest: &str) {
    doc.markdown(&format!("**{}** {}", md_escape(bold), md_escape(rest)));
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn level_name(level: u8) -> String {
    Level::try_from(level)
        .map(|l| format!("{level} {}", l.name()))
        .unwrap_or_else(|_| level.to_string())
}

fn median_text(m: Option<f32>) -> String {
    match m {
        Some(m) if m.fract() == 0.0 => format!("{m:.0}"),
        Some(m) => format!("{m:.1}"),
        None => "–".into(),
    }
}

fn at_a_glance(doc: &mut Document, s: &PanelSummary) {
    doc.heading(2, "At a glance");
    let rows: Vec<ChartRow> = s
        .competencies
        .iter()
        .map(|c| ChartRow {
            label: c.name.clone(),
            required: (1..=5)
                .contains(&c.required_level)
                .then_some(c.required_level),
            // The chart's legend reads "Observed (mean)", so it gets the mean;
            // the grid beside it gives the median.
            observed: mean(&c.levels()),
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

fn grid(doc: &mut Document, s: &PanelSummary) {
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

fn disagreements(doc: &mut Document, s: &PanelSummary) {
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
                    format!("R{}: {}", sc.rater + 1, level_name(sc.level.unwrap_or(0))),
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

fn evidence(doc: &mut Document, s: &PanelSummary) {
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
                level_name(c.required_level),
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
                Some(l) => lead(
                    doc,
                    &format!("{}: {}", s.rater_label(sc.rater), level_name(l)),
                    &format!("— {}", sc.anchor),
                ),
                None => lead(
                    doc,
                    &format!("{}: not assessed", s.rater_label(sc.rater)),
                    &format!("— {}", sc.not_assessed_reason),
                ),
            }
            if !sc.evidence.trim().is_empty() {
                doc.markdown(&sc.evidence);
            }
        }
        if !c.behaviors.is_empty() {
            doc.paragraph("Behaviors observed:");
            let items: Vec<String> = c
                .behaviors
                .iter()
                .map(|(b, n)| format!("{b} ({n} rater{})", plural(*n)))
                .collect();
            doc.bullets(&items);
        }
    }
}

fn references(doc: &mut Document, s: &PanelSummary) {
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
                (Some(l), _) => level_name(l),
                (None, true) => "can't say".into(),
                (None, false) => "not rated".into(),
            };
            lead(doc, &format!("{} · {}:", a.competency, a.question), &rating);
            if !a.text.trim().is_empty() {
                doc.markdown(&a.text);
            }
        }
    }
}

fn notes(doc: &mut Document, s: &PanelSummary) {
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
                .map(|l| format!(", rated {}", level_name(l)))
                .unwrap_or_default();
            lead(doc, &n.title, &format!("({}{rating})", n.competency));
            if !n.notes.trim().is_empty() {
                doc.markdown(&n.notes);
            }
        }
        if !r.summary.trim().is_empty() {
            doc.paragraph("Summary:");
            doc.markdown(&r.summary);
        }
        if mine.is_empty() && r.summary.trim().is_empty() {
            doc.paragraph("No notes.");
        }
    }
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
                    Cell::bold(r.recommendation.map(|x| x.label()).unwrap_or("–")),
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
                doc.paragraph("Earlier decisions:");
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
fn plain_text(md: &str) -> String {
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

    #[test]
    fn escaped_names_read_back_exactly() {
        use pulldown_cmark::{Event, Parser};
        let name = r#"O'Brien "Bob" *the* [best] <b>#1</b> \ & co_op `x` ~y~"#;
        let text: String = Parser::new(&format!("**{}**", md_escape(name)))
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.into_string()),
                _ => None,
            })
            .collect();
        assert_eq!(text, name);
    }
}
