//! The interviewer packet: one stage of a published guide on paper, for
//! interviewers who take notes by hand. Each section has its questions,
//! probes and listen-for points, the five anchors of its competency, and
//! ruled room for notes.

use super::{Cell, Column, Document, Paper, PdfError};
use app::model::{PublishedGuide, Stage};

/// Who and what the packet is for.
#[derive(Debug, Clone, Copy)]
pub struct PacketFor<'a> {
    /// The guide version.
    pub guide: &'a PublishedGuide,
    /// The stage printed.
    pub stage: &'a Stage,
    /// The candidate, when the packet is for one interview.
    pub candidate: Option<&'a str>,
    /// The interviewer, when known.
    pub interviewer: Option<&'a str>,
    /// Competency ids this interviewer focuses on (empty: all); printed
    /// by name.
    pub focus: &'a [String],
    /// When the packet is made, UTC milliseconds: its creation date.
    pub generated_at: i64,
    /// Calibration key points for the interviewer's focus competencies:
    /// (competency name, points); empty prints nothing.
    pub calibration: &'a [(String, Vec<String>)],
}

/// Lays out the packet and returns the PDF bytes.
pub fn interviewer_packet(packet: &PacketFor<'_>, paper: Paper) -> Result<Vec<u8>, PdfError> {
    let PacketFor {
        guide,
        stage,
        candidate,
        interviewer,
        focus,
        generated_at,
        calibration,
    } = *packet;
    let title = match candidate {
        Some(name) => format!("Interview packet: {name} — {}", stage.name),
        None => format!("Interview packet: {} — {}", guide.role_title, stage.name),
    };
    let mut doc = Document::new(paper, title);
    doc.created_at(generated_at);
    doc.running_header(format!(
        "{} · {} · guide version {}",
        guide.role_title, stage.name, guide.version
    ));
    doc.heading(1, &format!("{}: {}", guide.role_title, stage.name));
    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(name) = candidate {
        facts.push(("Candidate".into(), name.into()));
    }
    if let Some(name) = interviewer {
        facts.push(("Interviewer".into(), name.into()));
    }
    facts.push((
        "Planned time".into(),
        format!(
            "{} minutes in {} sections",
            stage.minutes(),
            stage.sections.len()
        ),
    ));
    facts.push(("Guide".into(), format!("Version {}", guide.version)));
    if !focus.is_empty() {
        let names: Vec<&str> = focus.iter().map(|id| guide.competency_name(id)).collect();
        facts.push(("Your focus".into(), names.join(", ")));
    }
    doc.key_values(&facts);
    doc.paragraph(
        "Ask each question as written, then probe for what the candidate actually did. \
         Write down behavior and evidence, not impressions. Rate each competency against \
         the anchors on its own, before talking with the other interviewers.",
    );
    if !calibration.is_empty() {
        doc.heading(2, "Calibration key points");
        doc.paragraph(
            "What the experts looked for when they leveled the calibration samples of your \
             focus competencies.",
        );
        for (name, points) in calibration {
            doc.heading(3, name);
            doc.bullets(points);
        }
    }

    for (i, section) in stage.sections.iter().enumerate() {
        // Each competency starts a page, so notes for one never run into the next.
        if i > 0 {
            doc.page_break();
        }
        let competency = guide.competency(&section.competency_id);
        let name = guide.competency_name(&section.competency_id);
        doc.heading(2, &format!("{}. {name} ({} min)", i + 1, section.minutes));
        if let Some(c) = competency {
            doc.paragraph(&format!(
                "Required level for this role: {} {}",
                c.required_level,
                question_bank::Level::try_from(c.required_level)
                    .map(question_bank::Level::name)
                    .unwrap_or("")
            ));
        }
        for q in &section.questions {
            doc.heading(3, &format!("{} ({})", q.title, q.kind.label()));
            doc.markdown(&q.text);
            if !q.probes.is_empty() {
                doc.label("Probes:");
                doc.bullets(&q.probes);
            }
            if !q.listen_for.is_empty() {
                doc.label("Listen for:");
                doc.bullets(&q.listen_for);
            }
        }
        if let Some(c) = competency {
            doc.heading(3, "Proficiency levels");
            let rows = c
                .anchors
                .iter()
                .map(|a| {
                    let mut level = Cell::bold(format!("{} {}", a.level.as_u8(), a.level.name()));
                    if a.level.as_u8() == c.required_level {
                        level = level.shaded();
                    }
                    vec![level, Cell::new(strip_markdown(&a.text))]
                })
                .collect();
            doc.table(
                &[
                    Column::new("Level", 1.4),
                    Column::new("What an answer at this level sounds like", 6.0),
                ],
                rows,
            );
            doc.paragraph("Rating (circle one):   1   2   3   4   5   Not assessed");
        }
        doc.heading(3, "Notes");
        doc.ruled_lines_to_page_end();
    }
    doc.to_bytes()
}

/// Anchor text as plain sentences for a table cell (tables take plain text).
fn strip_markdown(text: &str) -> String {
    text.lines()
        .map(|l| l.trim().trim_start_matches(['-', '*']).trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "")
}
