//! The metadata paragraph under a question heading (`Type:` and `Targets:`
//! lines) and the check that targets name key elements of the competency.

use super::blocks::{Block, BlockKind};
use super::context::Context;
use super::suggest::{closest, did_you_mean};
use crate::model::{KeyElement, QuestionKind};

/// A key element id named on a `Targets:` line, kept until all key elements
/// are known (sections may come in any order).
pub(super) struct TargetRef {
    /// How messages name the question: "question cf-q-x".
    owner: String,
    id: String,
    offset: usize,
}

/// The metadata paragraph under a question heading.
#[derive(Default)]
pub(super) struct Metadata {
    pub kind: Option<QuestionKind>,
    /// Whether a `Type:` line was present (even if its value was wrong).
    pub has_type: bool,
    pub targets: Option<Vec<String>>,
}

/// The keys of a metadata paragraph.
const KEYS: [&str; 2] = ["Type", "Targets"];

/// Whether a block is a metadata paragraph: its first line starts with a
/// known key, or a near miss of one, and a colon (any case).
pub(super) fn is_metadata(cx: &Context<'_>, block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph(_))
        && split_key(first_line(&cx.text[block.range.clone()]))
            .is_some_and(|(key, _)| closest(key, &KEYS).is_some())
}

/// Reads `Type:` and `Targets:` lines. `Type` is allowed only for interview
/// questions.
pub(super) fn read_metadata(
    cx: &mut Context<'_>,
    block: &Block,
    owner: &str,
    type_allowed: bool,
    targets: &mut Vec<TargetRef>,
) -> Metadata {
    let mut metadata = Metadata::default();
    let allowed = if type_allowed {
        "Type, Targets"
    } else {
        "Targets"
    };
    let mut offset = block.range.start;
    for raw_line in cx.text[block.range.clone()].split_inclusive('\n') {
        let line_offset = offset + (raw_line.len() - raw_line.trim_start().len());
        offset += raw_line.len();
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        let Some((key, value)) = split_key(line) else {
            cx.error(
                line_offset,
                format!("expected a \"Key: value\" line in the metadata of {owner} (keys: {allowed}), found \"{line}\""),
            );
            continue;
        };
        let value_offset = line_offset + line.len() - value.trim_start().len();
        let value = value.trim();
        let full_width = line
            .find([':', '：'])
            .is_some_and(|colon| line[colon..].starts_with('：'));
        let key = match KEYS.iter().find(|known| known.eq_ignore_ascii_case(key)) {
            Some(known) if full_width => {
                cx.error(
                    line_offset,
                    format!("the {known} line is written with a full-width colon \"：\" — did you mean \"{known}:\"?"),
                );
                *known
            }
            Some(_) => key,
            None => match closest(key, &KEYS) {
                Some(known) => {
                    cx.error(
                        line_offset,
                        format!("unknown metadata line \"{key}:\" in {owner} — did you mean \"{known}:\"?"),
                    );
                    known
                }
                None => key,
            },
        };
        if key.eq_ignore_ascii_case("Type") && type_allowed {
            if metadata.has_type {
                cx.error(line_offset, format!("{owner} has a second Type line"));
                continue;
            }
            metadata.has_type = true;
            metadata.kind = match value.to_ascii_lowercase().as_str() {
                "behavioral" => Some(QuestionKind::Behavioral),
                "situational" => Some(QuestionKind::Situational),
                _ => {
                    let hint = did_you_mean(value, &["behavioral", "situational"]);
                    cx.error(
                        value_offset,
                        format!(
                            "unknown question type \"{value}\" — expected behavioral or situational{}",
                            hint.replacen(" —", ";", 1)
                        ),
                    );
                    None
                }
            };
        } else if key.eq_ignore_ascii_case("Type") {
            cx.error(
                line_offset,
                format!(
                    "{owner} has a Type line, but reference questions take none (only Targets)"
                ),
            );
        } else if key.eq_ignore_ascii_case("Targets") {
            if metadata.targets.is_some() {
                cx.error(line_offset, format!("{owner} has a second Targets line"));
                continue;
            }
            metadata.targets = Some(read_targets(cx, value, value_offset, owner, targets));
        } else {
            cx.error(
                line_offset,
                format!("unknown metadata line \"{key}:\" in {owner} — allowed: {allowed}"),
            );
        }
    }
    metadata
}

/// Reads the comma-separated ids of a `Targets:` line.
fn read_targets(
    cx: &mut Context<'_>,
    value: &str,
    value_offset: usize,
    owner: &str,
    targets: &mut Vec<TargetRef>,
) -> Vec<String> {
    // `value` is trimmed; find where it starts in the source line.
    let line = &cx.text[value_offset..];
    let mut offset = value_offset + (line.len() - line.trim_start().len());
    let mut ids: Vec<String> = Vec::new();
    if value.is_empty() {
        cx.error(
            value_offset,
            format!("the Targets line of {owner} lists no key element ids"),
        );
        return ids;
    }
    for part in value.split(',') {
        let id_offset = offset + (part.len() - part.trim_start().len());
        offset += part.len() + 1;
        let id = part.trim();
        if id.is_empty() {
            cx.error(
                id_offset,
                format!("empty id in the Targets line of {owner} (ids are separated by commas)"),
            );
        } else if ids.iter().any(|seen| seen == id) {
            cx.error(id_offset, format!("{owner} lists target \"{id}\" twice"));
        } else if cx.check_id_syntax(id, id_offset) {
            ids.push(id.to_string());
            targets.push(TargetRef {
                owner: owner.to_string(),
                id: id.to_string(),
                offset: id_offset,
            });
        }
    }
    ids
}

/// Reports targets that are not key elements of this competency.
pub(super) fn check_targets(cx: &mut Context<'_>, targets: &[TargetRef], elements: &[KeyElement]) {
    let known: Vec<&str> = elements
        .iter()
        .map(|element| element.id.as_str())
        .filter(|id| !id.is_empty())
        .collect();
    for target in targets {
        if !known.contains(&target.id.as_str()) {
            cx.error(
                target.offset,
                format!(
                    "{} targets unknown key element \"{}\"; known: {}",
                    target.owner,
                    target.id,
                    known.join(", ")
                ),
            );
        }
    }
}

/// Splits `Key: value` when the key is letters and spaces; a full-width
/// colon counts as a colon here so that it can be reported.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
        .then_some((key, value))
}

fn first_line(text: &str) -> &str {
    text.trim_start().lines().next().unwrap_or("")
}
