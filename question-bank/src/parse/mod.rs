//! Bank file parsing: Markdown text to a validated [`Competency`].
//!
//! Reading happens in three steps: pulldown-cmark events become top-level
//! blocks (`blocks`), the blocks are split into `##` sections and `###`
//! subsections (`outline`), and each section is read by its own reader
//! (`sections`, `questions` with `metadata`), all reporting into one shared
//! `Context` so that every problem in a file is found in one pass.
//! Cross-references (question targets) are checked last, since sections may
//! come in any order.

mod blocks;
mod calibration;
mod context;
mod headings;
mod labels;
mod metadata;
mod outline;
mod questions;
mod sections;
mod suggest;
mod template;
mod visible;

pub use context::IdSite;
pub use template::template_problems;

use crate::error::BankError;
use crate::model::Competency;
use blocks::{Block, BlockKind, read_blocks};
use context::Context;
use outline::{SECTIONS, SectionKind, split_sections};
use std::borrow::Cow;
use std::path::Path;

/// Bank files larger than this (256 KiB) are rejected before parsing.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// Parses one bank file's text. `file` is only used to label errors.
///
/// Returns the competency, or every error found in the file, in line order.
///
/// ```
/// let errors = question_bank::parse_str("empty.md", "").unwrap_err();
/// assert_eq!(
///     errors[0].to_string(),
///     "empty.md:1:1: empty file: expected the competency heading \"# Name {#id}\" and its sections"
/// );
/// ```
pub fn parse_str(file: impl AsRef<Path>, text: &str) -> Result<Competency, Vec<BankError>> {
    let parsed = parse_document(file.as_ref(), text);
    if parsed.errors.is_empty() {
        Ok(parsed.competency)
    } else {
        Err(parsed.errors)
    }
}

/// What parsing a file found: the competency (complete only if there are no
/// errors), where each id was written, and the errors.
pub(crate) struct Parsed {
    pub competency: Competency,
    pub ids: Vec<IdSite>,
    pub errors: Vec<BankError>,
}

/// Parses a file, keeping the id sites (for checks across files).
pub(crate) fn parse_document(file: &Path, text: &str) -> Parsed {
    if text.len() > MAX_FILE_BYTES {
        return Parsed {
            competency: Competency::default(),
            ids: Vec::new(),
            errors: vec![too_large(file, text.len())],
        };
    }
    let text = normalize_line_endings(text);
    let mut cx = Context::new(file, &text);
    let document = read_blocks(&text);
    for offset in document.link_definitions {
        cx.error(
            offset,
            "link reference definitions are not supported; write links inline: [text](https://…)",
        );
    }
    check_last_block_is_closed(&mut cx, &document.blocks);
    let competency = read_competency(&mut cx, &document.blocks);
    let candidate_spans = std::mem::take(&mut cx.candidate_spans);
    template::check(&mut cx, &candidate_spans);
    let mut errors = cx.errors;
    errors.sort_by_key(|error| (error.line, error.column));
    Parsed {
        competency,
        ids: cx.ids,
        errors,
    }
}

/// The error for a file over [`MAX_FILE_BYTES`].
pub(crate) fn too_large(file: &Path, len: usize) -> BankError {
    BankError::whole_file(
        file,
        format!("file is {len} bytes; bank files are limited to 256 KiB ({MAX_FILE_BYTES} bytes)"),
    )
}

/// Drops a byte-order mark and turns `\r\n` and `\r` into `\n`, so Markdown
/// fields never carry carriage returns and lines count as editors count them.
fn normalize_line_endings(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A fenced code block or HTML block left open runs to the end of the file.
/// Exporting writes sections in a fixed order, so such a block could swallow
/// what follows it; reject it instead.
fn check_last_block_is_closed(cx: &mut Context<'_>, blocks: &[Block]) {
    let Some(last) = blocks.last() else { return };
    if !matches!(
        last.kind,
        BlockKind::Code { fenced: true } | BlockKind::Html
    ) {
        return;
    }
    let probe = format!("{}\n\nend\n", &cx.text[last.range.clone()]);
    let closed = read_blocks(&probe).blocks.last().is_some_and(
        |block| matches!(&block.kind, BlockKind::Paragraph(text) if text.plain() == "end"),
    );
    if !closed {
        cx.error(
            last.range.start,
            format!(
                "this {} is never closed: it runs to the end of the file",
                last.describe()
            ),
        );
    }
}

/// Reads the competency heading, splits the sections and reads each one.
fn read_competency(cx: &mut Context<'_>, blocks: &[Block]) -> Competency {
    let mut competency = Competency::default();
    let Some(head_index) = blocks.iter().position(|block| block.heading(1).is_some()) else {
        let offset = blocks.first().map_or(0, |block| block.range.start);
        let message = if blocks.is_empty() {
            "empty file: expected the competency heading \"# Name {#id}\" and its sections"
        } else {
            "missing the competency heading \"# Name {#id}\" (a level-1 heading with the competency's name and id)"
        };
        cx.error(offset, message);
        return competency;
    };
    let head = &blocks[head_index];
    if let Some(first) = blocks.first().filter(|_| head_index > 0) {
        cx.error(
            first.range.start,
            format!(
                "unexpected {} before the competency heading \"# Name {{#id}}\": a bank file starts with it",
                first.describe()
            ),
        );
    }
    if let Some(heading) = head.heading(1) {
        (competency.name, competency.id) = cx.titled_heading(head, heading, "competency");
    }

    let outline = split_sections(cx, &blocks[head_index + 1..]);
    let sections = outline.sections;
    let mut seen: Vec<(SectionKind, &Block)> = Vec::new();
    let mut targets = Vec::new();
    let mut key_elements_read = false;
    for (kind, section) in &sections {
        if let Some((_, first)) = seen.iter().find(|(seen_kind, _)| seen_kind == kind) {
            let (line, _) = cx.position(first.range.start);
            cx.error(
                section.heading.range.start,
                format!(
                    "duplicate section \"{}\" (first at line {line})",
                    section.name
                ),
            );
            continue;
        }
        seen.push((*kind, section.heading));
        match kind {
            SectionKind::Definition => {
                competency.definition = sections::markdown_section(cx, section);
            }
            SectionKind::WhyItMatters => {
                competency.importance = sections::markdown_section(cx, section);
            }
            SectionKind::KeyElements => {
                competency.key_elements = sections::key_elements(cx, section);
                key_elements_read = true;
            }
            SectionKind::ProficiencyLevels => {
                competency.anchors = sections::proficiency_levels(cx, section, &competency.id);
            }
            SectionKind::ReferenceLevels => {
                competency.reference_anchors = sections::reference_levels(cx, section);
            }
            SectionKind::InterviewQuestions => {
                competency.interview_questions =
                    questions::interview_questions(cx, section, &mut targets);
            }
            SectionKind::ReferenceQuestions => {
                competency.reference_questions =
                    questions::reference_questions(cx, section, &mut targets);
            }
            SectionKind::DevelopmentActivities => {
                competency.development_activities = sections::single_list(
                    cx,
                    section.heading,
                    &section.content,
                    section.name,
                    "development activity",
                );
            }
            SectionKind::RecruitingNotes => {
                let notes = sections::recruiting_notes(cx, section);
                competency.qualification_statement = notes.qualification_statement;
                competency.outreach_ideas = notes.outreach_ideas;
                competency.provenance = notes.provenance;
            }
            SectionKind::CalibrationSamples => {
                competency.calibration_samples = calibration::calibration_samples(cx, section);
            }
        }
    }

    let required: Vec<&str> = SECTIONS
        .iter()
        .filter(|(_, _, required)| *required)
        .map(|(_, name, _)| *name)
        .collect();
    for (kind, name, is_required) in SECTIONS {
        if is_required
            && !outline.guessed.contains(&kind)
            && !seen.iter().any(|(seen_kind, _)| *seen_kind == kind)
        {
            cx.error(
                head.range.start,
                format!(
                    "missing section \"{name}\" (required sections: {})",
                    required.join(", ")
                ),
            );
        }
    }
    if key_elements_read {
        metadata::check_targets(cx, &targets, &competency.key_elements);
    }
    competency
}
