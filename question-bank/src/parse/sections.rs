//! Readers for the sections without questions: Markdown text, key elements,
//! proficiency levels, development activities and recruiting notes.

use super::blocks::{Block, BlockKind};
use super::context::Context;
use super::outline::{Section, subsections};
use super::suggest::{closest, did_you_mean};
use crate::level::Level;
use crate::model::{Anchor, KeyElement};

/// A section holding Markdown only (`Definition`, `Why it matters`).
pub(super) fn markdown_section(cx: &mut Context<'_>, section: &Section<'_>) -> String {
    for block in &section.content {
        if block.heading(3).is_some() {
            cx.error(
                block.range.start,
                format!(
                    "unexpected ### heading in {}: this section holds Markdown text only (use #### for sub-headings)",
                    section.name
                ),
            );
        }
    }
    let text = cx.visible_markdown(&section.content);
    if text.is_empty() {
        cx.error(
            section.heading.range.start,
            format!(
                "section \"{}\" is empty{} (expected Markdown text)",
                section.name,
                invisible(&section.content)
            ),
        );
    }
    text
}

/// Why a field with blocks in it still counts as empty.
pub(super) fn invisible(content: &[&Block]) -> &'static str {
    if content.is_empty() {
        ""
    } else {
        ": it holds only invisible characters (such as non-breaking spaces), comments or rules"
    }
}

/// `Key elements`: `### Name {#id}` headings, each followed by a list of
/// behaviors.
pub(super) fn key_elements(cx: &mut Context<'_>, section: &Section<'_>) -> Vec<KeyElement> {
    let (leading, subsections) = subsections(&section.content);
    cx.reject_first(
        leading,
        "in Key elements before the first key element (each starts with \"### Name {#id}\")",
    );
    if subsections.is_empty() {
        cx.error(
            section.heading.range.start,
            "section \"Key elements\" has no key elements (expected \"### Name {#id}\" headings, each followed by a bullet list of behaviors)",
        );
    }
    let mut elements = Vec::with_capacity(subsections.len());
    for sub in subsections {
        let (name, id) = cx.titled_heading(sub.block, sub.heading, "key element");
        let label = label(&id, &name);
        let mut behaviors = None;
        for block in sub.content {
            match &block.kind {
                BlockKind::List(items) if behaviors.is_none() => {
                    behaviors = Some(cx.plain_list(items, "behavior"));
                }
                _ => cx.error(
                    block.range.start,
                    format!(
                        "unexpected {} in key element {label}: expected only a bullet list of behaviors",
                        block.describe()
                    ),
                ),
            }
        }
        if behaviors.is_none() {
            cx.error(
                sub.block.range.start,
                format!("key element {label} has no behaviors (expected a bullet list)"),
            );
        }
        elements.push(KeyElement {
            id,
            name,
            behaviors: behaviors.unwrap_or_default(),
        });
    }
    elements
}

/// `Proficiency levels`: the five level headings in order, each followed by
/// its behavioral anchor.
pub(super) fn proficiency_levels(
    cx: &mut Context<'_>,
    section: &Section<'_>,
    competency_id: &str,
) -> Vec<Anchor> {
    let id_hint = format!(
        ": anchor ids are derived from the competency id ({competency_id}.level-1 … {competency_id}.level-5)"
    );
    levels(cx, section, &id_hint)
}

/// `Reference levels`: the five level headings in order, each followed by
/// what a referee would have seen at that level.
pub(super) fn reference_levels(cx: &mut Context<'_>, section: &Section<'_>) -> Vec<Anchor> {
    levels(
        cx,
        section,
        ": a referee's rating is stored as the level, 1 to 5",
    )
}

/// The five level headings of `section` in order, each followed by its
/// anchor text; `id_hint` completes the error for a heading with an id.
fn levels(cx: &mut Context<'_>, section: &Section<'_>, id_hint: &str) -> Vec<Anchor> {
    let order = Level::ALL.map(Level::name).join(", ");
    let (leading, subsections) = subsections(&section.content);
    cx.reject_first(
        leading,
        &format!(
            "in {} before the first level (each level starts with \"### Entry\", \"### Developing\", …)",
            section.name
        ),
    );
    let mut anchors: Vec<Anchor> = Vec::with_capacity(Level::ALL.len());
    // Where each anchor's heading starts, for placing "missing" errors.
    let mut starts: Vec<usize> = Vec::with_capacity(Level::ALL.len());
    // Levels whose heading is misspelled: reported there, not again as missing.
    let mut guessed: Vec<Level> = Vec::new();
    for sub in subsections {
        let start = sub.block.range.start;
        let title = cx.untagged_heading(sub.block, sub.heading, "level", id_hint);
        let Some(level) = Level::from_name(&title) else {
            let names = Level::ALL.map(Level::name);
            let expected = match closest(&title, &names) {
                Some(name) => {
                    guessed.extend(Level::from_name(name));
                    format!(" — did you mean \"{name}\"?")
                }
                None => format!(" — expected one of {order}"),
            };
            cx.error(start, format!("unknown level \"{title}\"{expected}"));
            continue;
        };
        if anchors.iter().any(|anchor| anchor.level == level) {
            cx.error(start, format!("duplicate level \"{level}\""));
            continue;
        }
        if anchors.iter().any(|anchor| anchor.level > level) {
            cx.error(
                start,
                format!("level \"{level}\" is out of order (levels must be {order} in order)"),
            );
        }
        let text = cx.visible_markdown(sub.content);
        if text.is_empty() {
            cx.error(
                start,
                format!(
                    "level \"{level}\" has no anchor text{}",
                    invisible(sub.content)
                ),
            );
        }
        anchors.push(Anchor { level, text });
        starts.push(start);
    }
    // A missing level is reported where it belongs: at the first heading of a
    // higher level, or at the section heading when no higher level follows.
    for missing in Level::ALL {
        if guessed.contains(&missing) || anchors.iter().any(|anchor| anchor.level == missing) {
            continue;
        }
        let offset = anchors
            .iter()
            .zip(&starts)
            .find(|(anchor, _)| anchor.level > missing)
            .map_or(section.heading.range.start, |(_, &start)| start);
        cx.error(
            offset,
            format!("missing level \"{missing}\" (levels must be {order} in order)"),
        );
    }
    anchors
}

/// A section or subsection holding one plain-text list (`Development
/// activities`, `Outreach ideas`); `item` names one entry in messages.
pub(super) fn single_list(
    cx: &mut Context<'_>,
    heading: &Block,
    content: &[&Block],
    name: &str,
    item: &str,
) -> Vec<String> {
    let mut list = None;
    for block in content {
        match &block.kind {
            BlockKind::List(items) if list.is_none() => list = Some(cx.plain_list(items, item)),
            _ => cx.error(
                block.range.start,
                format!(
                    "unexpected {} in {name}: expected one bullet list",
                    block.describe()
                ),
            ),
        }
    }
    if list.is_none() {
        cx.error(
            heading.range.start,
            format!("\"{name}\" is empty (expected a bullet list)"),
        );
    }
    list.unwrap_or_default()
}

/// The subsections of `Recruiting notes`.
const RECRUITING_NOTES: [&str; 3] = ["Qualification statement", "Outreach ideas", "Provenance"];

/// What `Recruiting notes` holds; each part empty when absent.
pub(super) struct RecruitingNotes {
    pub qualification_statement: String,
    pub outreach_ideas: Vec<String>,
    pub provenance: String,
}

/// `Recruiting notes`: `### Qualification statement` (Markdown), `### Outreach
/// ideas` (a list) and `### Provenance` (Markdown), each optional but at
/// least one present.
pub(super) fn recruiting_notes(cx: &mut Context<'_>, section: &Section<'_>) -> RecruitingNotes {
    let allowed = RECRUITING_NOTES
        .map(|name| format!("\"### {name}\""))
        .join(", ");
    let (leading, subsections) = subsections(&section.content);
    cx.reject_first(
        leading,
        &format!("in Recruiting notes before its first subsection (expected {allowed})"),
    );
    if subsections.is_empty() {
        cx.error(
            section.heading.range.start,
            format!("section \"Recruiting notes\" is empty (expected one or more of {allowed})"),
        );
    }
    let mut statement = None;
    let mut ideas = None;
    let mut provenance = None;
    for sub in subsections {
        let title = cx.untagged_heading(sub.block, sub.heading, "subsection", "");
        let slot_taken = match title.as_str() {
            "Qualification statement" => statement.is_some(),
            "Outreach ideas" => ideas.is_some(),
            "Provenance" => provenance.is_some(),
            _ => {
                let hint = did_you_mean(&title, &RECRUITING_NOTES);
                let expected = if hint.is_empty() {
                    format!(" — allowed: {}", RECRUITING_NOTES.join(", "))
                } else {
                    hint
                };
                cx.error(
                    sub.block.range.start,
                    format!("unknown subsection \"{title}\" in Recruiting notes{expected}"),
                );
                continue;
            }
        };
        if slot_taken {
            cx.error(
                sub.block.range.start,
                format!("duplicate subsection \"{title}\" in Recruiting notes"),
            );
        } else if title == "Outreach ideas" {
            ideas = Some(single_list(
                cx,
                sub.block,
                sub.content,
                "Outreach ideas",
                "outreach idea",
            ));
        } else {
            let text = cx.visible_markdown(sub.content);
            if text.is_empty() {
                cx.error(
                    sub.block.range.start,
                    format!(
                        "\"{title}\" is empty{} (expected Markdown text)",
                        invisible(sub.content)
                    ),
                );
            }
            if title == "Provenance" {
                provenance = Some(text);
            } else {
                statement = Some(text);
            }
        }
    }
    RecruitingNotes {
        qualification_statement: statement.unwrap_or_default(),
        outreach_ideas: ideas.unwrap_or_default(),
        provenance: provenance.unwrap_or_default(),
    }
}

/// How messages name a heading: its id, or its title when it has no id.
pub(super) fn label(id: &str, title: &str) -> String {
    if id.is_empty() {
        format!("\"{title}\"")
    } else {
        id.to_string()
    }
}
