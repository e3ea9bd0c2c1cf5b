//! Readers for `Interview questions` and `Reference questions`.

use super::blocks::Block;
use super::context::Context;
use super::labels::{Label, ends_with_label};
use super::metadata::{Metadata, TargetRef, is_metadata, read_metadata};
use super::outline::{Section, Subsection, subsections};
use super::sections::{invisible, label};
use crate::model::{CANDIDATE_PLACEHOLDER, InterviewQuestion, QuestionKind, ReferenceQuestion};

/// `Interview questions`: each `### Title {#id}` with `Type:` and `Targets:`
/// lines, the question text, `Probes:` and a list, and optionally
/// `Listen for:` and a list.
pub(super) fn interview_questions(
    cx: &mut Context<'_>,
    section: &Section<'_>,
    targets: &mut Vec<TargetRef>,
) -> Vec<InterviewQuestion> {
    let subsections = questions_of(cx, section);
    let mut questions = Vec::with_capacity(subsections.len());
    for sub in subsections {
        let (title, id) = cx.titled_heading(sub.block, sub.heading, "question");
        let owner = format!("question {}", label(&id, &title));
        let heading_offset = sub.block.range.start;
        let mut rest = sub.content;
        let metadata = match rest.split_first() {
            Some((first, after)) if is_metadata(cx, first) => {
                rest = after;
                read_metadata(cx, first, &owner, true, targets)
            }
            _ => Metadata::default(),
        };
        if !metadata.has_type {
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no Type line (expected \"Type: behavioral\" or \"Type: situational\" under the heading)"
                ),
            );
        }
        if metadata.targets.is_none() {
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no Targets line (expected \"Targets: \" and the ids of the key elements it gives evidence on, under the heading)"
                ),
            );
        }

        let text_end = rest
            .iter()
            .position(|block| {
                Label::of(block)
                    .or_else(|| Label::guess(cx, block))
                    .is_some()
            })
            .unwrap_or(rest.len());
        let (text_blocks, rest) = rest.split_at(text_end);
        let text = cx.visible_markdown(text_blocks);
        if text.is_empty() {
            cx.error(
                heading_offset,
                format!("{owner} has no question text{}", invisible(text_blocks)),
            );
        }
        let (probes, listen_for) = labelled_lists(cx, rest, &owner);
        if probes.is_none() {
            let hint = if text_blocks.iter().any(|block| ends_with_label(cx, block)) {
                " — put a blank line before \"Probes:\" so it is a paragraph of its own"
            } else {
                ""
            };
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no probes (expected a \"Probes:\" paragraph followed by a bullet list){hint}"
                ),
            );
        }
        questions.push(InterviewQuestion {
            id,
            title,
            kind: metadata.kind.unwrap_or(QuestionKind::Behavioral),
            targets: metadata.targets.unwrap_or_default(),
            text,
            probes: probes.unwrap_or_default(),
            listen_for: listen_for.unwrap_or_default(),
        });
    }
    questions
}

/// Reads what follows a question's text: `Probes:` and a list, then
/// optionally `Listen for:` and a list. Returns both lists, `None` when the
/// label is absent.
fn labelled_lists(
    cx: &mut Context<'_>,
    mut rest: &[&Block],
    owner: &str,
) -> (Option<Vec<String>>, Option<Vec<String>>) {
    let mut probes = None;
    let mut listen_for = None;
    while let Some((block, after)) = rest.split_first() {
        rest = after;
        let guessed = Label::guess(cx, block);
        if let Some(label) = guessed {
            let written = cx.text[block.range.clone()].trim().to_string();
            let why = if written.contains('：') {
                " (it is written with a full-width colon \"：\")"
            } else {
                ""
            };
            cx.error(
                block.range.start,
                format!(
                    "unknown label \"{written}\" in {owner}{why} — did you mean \"{}\"?",
                    label.text()
                ),
            );
        }
        let Some(label) = Label::of(block).or(guessed) else {
            cx.error(
                block.range.start,
                format!(
                    "unexpected {} in {owner}: after the question text come \"Probes:\" and optionally \"Listen for:\", each followed by a bullet list",
                    block.describe()
                ),
            );
            continue;
        };
        let (slot, item) = match label {
            Label::Probes => (&mut probes, "probe"),
            Label::ListenFor => (&mut listen_for, "listen-for item"),
        };
        if slot.is_some() {
            cx.error(
                block.range.start,
                format!("{owner} has a second \"{}\"", label.text()),
            );
        }
        let next = rest.first();
        let items = if let Some(items) = next.and_then(|block| block.list_items()) {
            rest = &rest[1..];
            cx.plain_list(items, item)
        } else if let Some(other) =
            next.filter(|block| Label::of(block).is_none() && Label::guess(cx, block).is_none())
        {
            // Whatever stands where the list should be is taken as the
            // faulty list, so it is not reported twice.
            rest = &rest[1..];
            cx.error(
                other.range.start,
                format!(
                    "expected a bullet list after \"{}\" in {owner}, found {}",
                    label.text(),
                    other.describe()
                ),
            );
            Vec::new()
        } else {
            cx.error(
                block.range.start,
                format!(
                    "expected a bullet list after \"{}\" in {owner}",
                    label.text()
                ),
            );
            Vec::new()
        };
        slot.get_or_insert(items);
        if label == Label::Probes && listen_for.is_some() {
            cx.error(
                block.range.start,
                format!("in {owner}, \"Probes:\" must come before \"Listen for:\""),
            );
        }
    }
    (probes, listen_for)
}

/// `Reference questions`: each `### Title {#id}`, an optional `Targets:` line
/// and the question text, which must contain `{candidate}`.
pub(super) fn reference_questions(
    cx: &mut Context<'_>,
    section: &Section<'_>,
    targets: &mut Vec<TargetRef>,
) -> Vec<ReferenceQuestion> {
    let subsections = questions_of(cx, section);
    let mut questions = Vec::with_capacity(subsections.len());
    for sub in subsections {
        let (title, id) = cx.titled_heading(sub.block, sub.heading, "reference question");
        let owner = format!("reference question {}", label(&id, &title));
        let mut text_blocks = sub.content;
        let metadata = match text_blocks.split_first() {
            Some((first, after)) if is_metadata(cx, first) => {
                text_blocks = after;
                read_metadata(cx, first, &owner, false, targets)
            }
            _ => Metadata::default(),
        };
        if let (Some(first), Some(last)) = (text_blocks.first(), text_blocks.last()) {
            cx.candidate_spans.push(first.range.start..last.range.end);
        }
        let text = cx.visible_markdown(text_blocks);
        if text.is_empty() {
            cx.error(
                sub.block.range.start,
                format!("{owner} has no question text{}", invisible(text_blocks)),
            );
        } else if !text.contains(CANDIDATE_PLACEHOLDER) {
            cx.error(
                text_blocks.first().map_or(sub.block.range.start, |block| block.range.start),
                format!(
                    "{owner} text must contain {CANDIDATE_PLACEHOLDER} (the placeholder for the candidate's name)"
                ),
            );
        }
        questions.push(ReferenceQuestion {
            id,
            title,
            targets: metadata.targets.unwrap_or_default(),
            text,
        });
    }
    questions
}

/// The question subsections of a questions section, reporting stray content
/// and an empty section.
fn questions_of<'b, 's>(cx: &mut Context<'_>, section: &'s Section<'b>) -> Vec<Subsection<'b, 's>> {
    let (leading, subsections) = subsections(&section.content);
    cx.reject_first(
        leading,
        &format!(
            "in {} before the first question (each starts with \"### Title {{#id}}\")",
            section.name
        ),
    );
    if subsections.is_empty() {
        cx.error(
            section.heading.range.start,
            format!(
                "section \"{}\" has no questions (expected \"### Title {{#id}}\" headings)",
                section.name
            ),
        );
    }
    subsections
}
