//! The outline of a bank file: its `##` sections and their `###` subsections.

use super::blocks::{Block, Heading};
use super::context::Context;
use super::suggest::closest;

/// The `##` sections of a bank, as written in the format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SectionKind {
    Definition,
    WhyItMatters,
    KeyElements,
    ProficiencyLevels,
    ReferenceLevels,
    InterviewQuestions,
    ReferenceQuestions,
    DevelopmentActivities,
    RecruitingNotes,
    CalibrationSamples,
}

/// Every section: its kind, heading text, and whether it is required.
pub(super) const SECTIONS: [(SectionKind, &str, bool); 10] = [
    (SectionKind::Definition, "Definition", true),
    (SectionKind::WhyItMatters, "Why it matters", true),
    (SectionKind::KeyElements, "Key elements", true),
    (SectionKind::ProficiencyLevels, "Proficiency levels", true),
    (SectionKind::ReferenceLevels, "Reference levels", false),
    (SectionKind::InterviewQuestions, "Interview questions", true),
    (SectionKind::ReferenceQuestions, "Reference questions", true),
    (
        SectionKind::DevelopmentActivities,
        "Development activities",
        false,
    ),
    (SectionKind::RecruitingNotes, "Recruiting notes", false),
    (
        SectionKind::CalibrationSamples,
        "Calibration samples",
        false,
    ),
];

/// One `##` section: its heading and the blocks under it.
pub(super) struct Section<'b> {
    pub name: &'static str,
    pub heading: &'b Block,
    pub content: Vec<&'b Block>,
}

/// A `###` subsection: its heading and the blocks under it.
pub(super) struct Subsection<'b, 's> {
    pub block: &'b Block,
    pub heading: &'b Heading,
    pub content: &'s [&'b Block],
}

/// Splits a section's blocks at its `###` headings; returns the blocks before
/// the first one and the subsections.
pub(super) fn subsections<'b, 's>(
    content: &'s [&'b Block],
) -> (&'s [&'b Block], Vec<Subsection<'b, 's>>) {
    let starts: Vec<usize> = content
        .iter()
        .enumerate()
        .filter(|(_, block)| block.heading(3).is_some())
        .map(|(index, _)| index)
        .collect();
    let leading = &content[..starts.first().copied().unwrap_or(content.len())];
    let mut subsections = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(content.len());
        let block = content[start];
        if let Some(heading) = block.heading(3) {
            subsections.push(Subsection {
                block,
                heading,
                content: &content[start + 1..end],
            });
        }
    }
    (leading, subsections)
}

/// The sections of a file, and the sections whose heading was misspelled
/// (reported with a suggestion, so not again as missing).
pub(super) struct Outline<'b> {
    pub sections: Vec<(SectionKind, Section<'b>)>,
    pub guessed: Vec<SectionKind>,
}

/// Splits the blocks after the competency heading into `##` sections,
/// reporting unknown section names, stray `#` headings and content before the
/// first section.
pub(super) fn split_sections<'b>(cx: &mut Context<'_>, blocks: &'b [Block]) -> Outline<'b> {
    let mut sections: Vec<(SectionKind, Section<'b>)> = Vec::new();
    let mut guessed = Vec::new();
    // Content of an unknown section is skipped: its heading is already reported.
    let mut in_unknown_section = false;
    let mut reported_stray = false;
    for block in blocks {
        if block.heading(1).is_some() {
            cx.error(
                block.range.start,
                "a bank file holds one competency: only one \"#\" heading is allowed (sections use \"##\")",
            );
        } else if let Some(heading) = block.heading(2) {
            let title = cx.untagged_heading(block, heading, "section", "");
            match SECTIONS.iter().find(|(_, name, _)| *name == title) {
                Some(&(kind, name, _)) => {
                    in_unknown_section = false;
                    sections.push((
                        kind,
                        Section {
                            name,
                            heading: block,
                            content: Vec::new(),
                        },
                    ));
                }
                None => {
                    in_unknown_section = true;
                    let allowed: Vec<&str> = SECTIONS.iter().map(|(_, name, _)| *name).collect();
                    let message = match closest(&title, &allowed) {
                        Some(name) => {
                            guessed.extend(
                                SECTIONS
                                    .iter()
                                    .filter(|(_, known, _)| *known == name)
                                    .map(|(kind, _, _)| *kind),
                            );
                            format!(
                                "unknown section \"{title}\" — did you mean \"{name}\"? (section names are exact, case-sensitive)"
                            )
                        }
                        None => format!(
                            "unknown section \"{title}\" — allowed: {}",
                            allowed.join(", ")
                        ),
                    };
                    cx.error(block.range.start, message);
                }
            }
        } else if let Some((_, section)) = sections.last_mut().filter(|_| !in_unknown_section) {
            section.content.push(block);
        } else if !in_unknown_section && !reported_stray {
            // One error for the content before the first section is enough.
            reported_stray = true;
            cx.error(
                block.range.start,
                format!(
                    "unexpected {} before the first section: sections start with \"## \" (e.g. \"## Definition\")",
                    block.describe()
                ),
            );
        }
    }
    Outline { sections, guessed }
}
