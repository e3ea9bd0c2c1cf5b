//! The optional `Calibration samples` section: each sample a `### Title {#id}`
//! with `Kind:` and `Level:` lines, the sample text, `Why:` and the experts'
//! reasoning, and optionally `Key points:` and a list.

use super::blocks::{Block, BlockKind};
use super::context::Context;
use super::outline::{Section, subsections};
use super::sections::{invisible, label};
use super::suggest::closest;
use crate::level::Level;
use crate::model::{CalibrationSample, SampleKind};

/// The labels that divide a sample after its text.
const WHY: &str = "Why:";
const KEY_POINTS: &str = "Key points:";

/// What the metadata paragraph under a sample heading gave.
#[derive(Default)]
struct SampleMetadata {
    kind: Option<SampleKind>,
    has_kind: bool,
    level: Option<Level>,
    has_level: bool,
}

/// `Calibration samples`: at least one sample.
pub(super) fn calibration_samples(
    cx: &mut Context<'_>,
    section: &Section<'_>,
) -> Vec<CalibrationSample> {
    let (leading, subsections) = subsections(&section.content);
    cx.reject_first(
        leading,
        "in Calibration samples before the first sample (each starts with \"### Title {#id}\")",
    );
    if subsections.is_empty() {
        cx.error(
            section.heading.range.start,
            "section \"Calibration samples\" has no samples (expected \"### Title {#id}\" headings)",
        );
    }
    let mut samples = Vec::with_capacity(subsections.len());
    for sub in subsections {
        let (title, id) = cx.titled_heading(sub.block, sub.heading, "calibration sample");
        let owner = format!("calibration sample {}", label(&id, &title));
        let heading_offset = sub.block.range.start;
        let mut rest = sub.content;
        let metadata = match rest.split_first() {
            Some((first, after)) if is_sample_metadata(cx, first) => {
                rest = after;
                read_metadata(cx, first, &owner)
            }
            _ => SampleMetadata::default(),
        };
        if !metadata.has_kind {
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no Kind line (expected \"Kind: interview answer\" or \"Kind: referee statement\" under the heading)"
                ),
            );
        }
        if !metadata.has_level {
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no Level line (expected \"Level: \" and the level experts gave it, Entry to Expert or 1 to 5, under the heading)"
                ),
            );
        }
        let why_at = rest.iter().position(|block| is_label(block, WHY));
        let key_at = rest.iter().position(|block| is_label(block, KEY_POINTS));
        let text_end = why_at.or(key_at).unwrap_or(rest.len());
        let text_blocks = &rest[..text_end];
        let text = cx.visible_markdown(text_blocks);
        if text.is_empty() {
            cx.error(
                heading_offset,
                format!(
                    "{owner} has no sample text{} (expected the answer or statement after the Kind and Level lines)",
                    invisible(text_blocks)
                ),
            );
        }
        let why = match why_at {
            None => {
                cx.error(
                    heading_offset,
                    format!(
                        "{owner} has no \"Why:\" (expected a \"Why:\" paragraph followed by the experts' reasoning in terms of the anchors)"
                    ),
                );
                String::new()
            }
            Some(at) => {
                let end = key_at.filter(|&k| k > at).unwrap_or(rest.len());
                let why_blocks = &rest[at + 1..end];
                let why = cx.visible_markdown(why_blocks);
                if why.is_empty() {
                    cx.error(
                        rest[at].range.start,
                        format!(
                            "the \"Why:\" of {owner} is empty{} (expected the experts' reasoning in terms of the anchors)",
                            invisible(why_blocks)
                        ),
                    );
                }
                why
            }
        };
        let key_points = match key_at {
            Some(at) if why_at.is_some_and(|why| why > at) => {
                cx.error(
                    rest[at].range.start,
                    format!("in {owner}, \"Why:\" must come before \"Key points:\""),
                );
                Vec::new()
            }
            Some(at) => key_points(cx, rest[at], &rest[at + 1..], &owner),
            None => Vec::new(),
        };
        samples.push(CalibrationSample {
            id,
            title,
            kind: metadata.kind.unwrap_or(SampleKind::InterviewAnswer),
            level: metadata.level.unwrap_or(Level::Entry),
            text,
            why,
            key_points,
        });
    }
    samples
}

/// The list after `Key points:`, and nothing else.
fn key_points(cx: &mut Context<'_>, label: &Block, after: &[&Block], owner: &str) -> Vec<String> {
    let Some((first, others)) = after.split_first() else {
        cx.error(
            label.range.start,
            format!("expected a bullet list after \"{KEY_POINTS}\" in {owner}"),
        );
        return Vec::new();
    };
    let points = match &first.kind {
        BlockKind::List(items) => cx.plain_list(items, "key point"),
        _ => {
            cx.error(
                first.range.start,
                format!(
                    "expected a bullet list after \"{KEY_POINTS}\" in {owner}, found {}",
                    first.describe()
                ),
            );
            Vec::new()
        }
    };
    cx.reject_first(
        others,
        &format!("in {owner} after its key points (the list ends the sample)"),
    );
    points
}

/// Whether a block is a paragraph holding only `label` (any case).
fn is_label(block: &Block, label: &str) -> bool {
    matches!(&block.kind, BlockKind::Paragraph(text) if text.plain().eq_ignore_ascii_case(label))
}

/// The keys of a sample's metadata paragraph.
const KEYS: [&str; 2] = ["Kind", "Level"];

/// Whether the first line of a paragraph starts with a known key (or a near
/// miss of one) and a colon.
fn is_sample_metadata(cx: &Context<'_>, block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph(_))
        && cx.text[block.range.clone()]
            .trim_start()
            .lines()
            .next()
            .and_then(split_key)
            .is_some_and(|(key, _)| closest(key, &KEYS).is_some())
}

/// Reads the `Kind:` and `Level:` lines.
fn read_metadata(cx: &mut Context<'_>, block: &Block, owner: &str) -> SampleMetadata {
    let mut metadata = SampleMetadata::default();
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
                format!("expected a \"Key: value\" line in the metadata of {owner} (keys: Kind, Level), found \"{line}\""),
            );
            continue;
        };
        let value_offset = line_offset + line.len() - value.trim_start().len();
        let value = value.trim();
        let known = KEYS.iter().find(|known| known.eq_ignore_ascii_case(key));
        let key = match known {
            Some(known) => *known,
            None => match closest(key, &KEYS) {
                Some(guess) => {
                    cx.error(
                        line_offset,
                        format!("unknown metadata line \"{key}:\" in {owner} — did you mean \"{guess}:\"?"),
                    );
                    guess
                }
                None => {
                    cx.error(
                        line_offset,
                        format!("unknown metadata line \"{key}:\" in {owner} (keys: Kind, Level)"),
                    );
                    continue;
                }
            },
        };
        if key == "Kind" {
            if metadata.has_kind {
                cx.error(line_offset, format!("{owner} has a second Kind line"));
                continue;
            }
            metadata.has_kind = true;
            metadata.kind = read_kind(cx, value, value_offset, line_offset);
        } else {
            if metadata.has_level {
                cx.error(line_offset, format!("{owner} has a second Level line"));
                continue;
            }
            metadata.has_level = true;
            metadata.level = read_level(cx, value, value_offset, line_offset);
        }
    }
    metadata
}

/// The sample kind named by `value`, or an error at it.
fn read_kind(
    cx: &mut Context<'_>,
    value: &str,
    value_offset: usize,
    line_offset: usize,
) -> Option<SampleKind> {
    let normalized = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(kind) = SampleKind::ALL
        .into_iter()
        .find(|kind| kind.as_str().eq_ignore_ascii_case(&normalized))
    {
        return Some(kind);
    }
    let names = SampleKind::ALL.map(SampleKind::as_str);
    let hint = closest(&normalized.to_lowercase(), &names)
        .map(|name| format!("; did you mean \"{name}\"?"))
        .unwrap_or_default();
    let offset = if value.is_empty() {
        line_offset
    } else {
        value_offset
    };
    cx.error(
        offset,
        format!(
            "unknown sample kind \"{value}\" — expected interview answer or referee statement{hint}"
        ),
    );
    None
}

/// The level named by `value` (a level name in any case, or 1 to 5), or an
/// error at it.
fn read_level(
    cx: &mut Context<'_>,
    value: &str,
    value_offset: usize,
    line_offset: usize,
) -> Option<Level> {
    let by_number = value
        .parse::<u8>()
        .ok()
        .and_then(|n| Level::try_from(n).ok());
    let by_name = Level::ALL
        .into_iter()
        .find(|level| level.name().eq_ignore_ascii_case(value));
    if let Some(level) = by_number.or(by_name) {
        return Some(level);
    }
    let names = Level::ALL.map(Level::name);
    let hint = closest(value, &names)
        .map(|name| format!("; did you mean \"{name}\"?"))
        .unwrap_or_default();
    let offset = if value.is_empty() {
        line_offset
    } else {
        value_offset
    };
    cx.error(
        offset,
        format!(
            "unknown level \"{value}\" — expected Entry, Developing, Independent, Advanced, Expert or 1 to 5{hint}"
        ),
    );
    None
}

/// Splits `Key: value` when the key is letters and spaces.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once([':', '：'])?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
        .then_some((key, value))
}
