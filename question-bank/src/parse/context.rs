//! Parsing state shared by the section readers: positions, errors, ids, and
//! the checks every section makes on headings, lists and Markdown text.

use super::blocks::{Block, BlockKind, Heading, Item};
use super::suggest::{is_blank, suggest_id};
use super::visible::has_visible_content;
use crate::error::BankError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Longest id allowed, in bytes (ids are ASCII).
const MAX_ID_LEN: usize = 64;

/// Where an id was written in a bank file (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdSite {
    /// The id.
    pub id: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The state of parsing one file.
pub(crate) struct Context<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    pub errors: Vec<BankError>,
    pub ids: Vec<IdSite>,
}

impl<'a> Context<'a> {
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        Context {
            file,
            text,
            line_starts,
            errors: Vec::new(),
            ids: Vec::new(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// Byte offset of the start of the line holding `offset`.
    fn line_start(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        self.line_starts[line - 1]
    }

    /// Records an error at a byte offset. On a line indented with a tab, the
    /// message says so: the tab is usually the real cause.
    pub fn error(&mut self, offset: usize, message: impl Into<String>) {
        let (line, column) = self.position(offset);
        let mut message = message.into();
        message.push_str(self.tab_note(offset));
        self.errors.push(BankError {
            file: self.file.to_path_buf(),
            line,
            column,
            message,
        });
    }

    /// Records a written id at `offset`, checking its syntax and that it is
    /// new in this file.
    pub fn define_id(&mut self, id: &str, offset: usize) {
        if !self.check_id_syntax(id, offset) {
            return;
        }
        if let Some(first) = self.ids.iter().find(|site| site.id == id) {
            let message = format!(
                "duplicate id \"{id}\" (first defined at {}:{})",
                self.file.display(),
                first.line
            );
            self.error(offset, message);
            return;
        }
        let (line, column) = self.position(offset);
        self.ids.push(IdSite {
            id: id.to_string(),
            line,
            column,
        });
    }

    /// Reports `id` unless it is lowercase kebab-case of at most 64 characters.
    pub fn check_id_syntax(&mut self, id: &str, offset: usize) -> bool {
        let valid = is_valid_id(id);
        if !valid {
            self.error(offset, invalid_id_message(id));
        }
        valid
    }

    /// The Markdown source of `blocks`: from the start of the first block's
    /// line to the end of the last block, trimmed. Leading indentation is kept
    /// unless the first block is a paragraph, where it means nothing; that way
    /// writing the text back at the start of a line parses to the same blocks.
    pub fn markdown(&self, blocks: &[&Block]) -> String {
        let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
            return String::new();
        };
        let start = self.line_start(first.range.start);
        let end = last.range.end.max(start);
        let source = self.text[start..end].trim_end();
        match first.kind {
            BlockKind::Paragraph(_) => source.trim_start(),
            _ => source,
        }
        .to_string()
    }

    /// The title and id of a heading that must carry `{#id}` (`what` names it
    /// in messages: "key element", "question", …). Registers the id.
    pub fn titled_heading(
        &mut self,
        block: &Block,
        heading: &Heading,
        what: &str,
    ) -> (String, String) {
        let raw_id = self.raw_id(block, heading);
        let title = if raw_id.is_some() {
            // The attribute block is one id written wrongly, not several
            // attributes: report it once, as an id.
            self.plain_title(heading, what)
        } else {
            self.heading_title(block, heading, what)
        };
        if let Some(raw) = raw_id {
            let offset = self.attribute_offset(block);
            self.error(offset, invalid_id_message(&raw));
            // Go on with the suggested id, so references written correctly
            // do not cascade into more errors.
            let id = suggest_id(&raw).unwrap_or_default();
            return (title, id);
        }
        let Some(id) = heading.id.clone() else {
            let hashes = "#".repeat(heading.level.into());
            let shown = if title.is_empty() { "Title" } else { &title };
            self.error(
                block.range.start,
                format!("{what} \"{title}\" has no id (expected \"{hashes} {shown} {{#an-id}}\")"),
            );
            return (title, String::new());
        };
        let offset = self.attribute_offset(block);
        self.define_id(&id, offset);
        let id = if is_valid_id(&id) {
            id
        } else {
            suggest_id(&id).unwrap_or(id)
        };
        if title.is_empty() {
            self.error(block.range.start, format!("{what} {id} has no title"));
        }
        (title, id)
    }

    /// The title of a heading that must carry no attributes (section, level
    /// and subsection headings); `what` names it in messages, `hint` may
    /// explain why there is no id.
    pub fn untagged_heading(
        &mut self,
        block: &Block,
        heading: &Heading,
        what: &str,
        hint: &str,
    ) -> String {
        let title = self.heading_title(block, heading, what);
        if heading.id.is_some() {
            let offset = self.attribute_offset(block);
            self.error(offset, format!("{what} headings take no {{#id}}{hint}"));
        }
        title
    }

    /// The plain-text title, reporting markup and unsupported attributes.
    fn heading_title(&mut self, block: &Block, heading: &Heading, what: &str) -> String {
        if heading.other_attributes {
            let offset = self.attribute_offset(block);
            self.error(
                offset,
                "heading attributes other than {#id} are not supported",
            );
        }
        self.plain_title(heading, what)
    }

    /// The plain-text title, reporting markup; a title of invisible
    /// characters only counts as empty.
    fn plain_title(&mut self, heading: &Heading, what: &str) -> String {
        if let Some((markup, offset)) = heading.text.markup {
            self.error(
                offset,
                format!("{what} title must be plain text, found {markup}"),
            );
        }
        let title = heading.text.plain();
        if is_blank(title) {
            String::new()
        } else {
            title.to_string()
        }
    }

    /// The id as written when a heading's `{#…}` holds more than one word
    /// (pulldown-cmark would keep only the first word as the id and read the
    /// rest as other attributes).
    fn raw_id(&self, block: &Block, heading: &Heading) -> Option<String> {
        if !heading.other_attributes {
            return None;
        }
        let source = self.text[block.range.clone()].lines().next()?.trim_end();
        let inner = source.strip_suffix('}')?;
        let inner = &inner[inner.rfind('{')? + 1..];
        let raw = inner.trim().strip_prefix('#')?;
        let only_words = raw
            .split_whitespace()
            .all(|word| !word.starts_with(['#', '.']) && !word.contains('='));
        only_words.then(|| raw.trim().to_string())
    }

    /// `" (…tab…)"` when the line holding `offset` is indented with a tab
    /// (Markdown reads it as four spaces, which changes what the line is).
    fn tab_note(&self, offset: usize) -> &'static str {
        let start = self.line_start(offset.min(self.text.len()));
        let indent = self.text[start..]
            .chars()
            .take_while(|c| *c == ' ' || *c == '\t');
        if indent.clone().any(|c| c == '\t') {
            " (the line starts with a tab, which Markdown reads as 4 spaces of indentation; start the line without a tab)"
        } else {
            ""
        }
    }

    /// The Markdown of a field, or an empty string when it shows nothing
    /// (only invisible characters, comments or rules), in which case the
    /// caller reports it as empty.
    pub fn visible_markdown(&self, blocks: &[&Block]) -> String {
        let markdown = self.markdown(blocks);
        if has_visible_content(&markdown) {
            markdown
        } else {
            String::new()
        }
    }

    /// Offset of the `{` of a heading's attributes (or of the heading).
    fn attribute_offset(&self, block: &Block) -> usize {
        self.text[block.range.clone()]
            .rfind('{')
            .map_or(block.range.start, |index| block.range.start + index)
    }

    /// The items of a plain-text list; `what` names one item ("behavior").
    pub fn plain_list(&mut self, items: &[Item], what: &str) -> Vec<String> {
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            if let Some((block, offset)) = &item.extra_block {
                // A nested block's range may start at the end of the line
                // before it; report it on its own line.
                let offset = if self.text[*offset..].starts_with('\n') {
                    offset + 1
                } else {
                    *offset
                };
                self.error(
                    offset,
                    format!("{what} must be one paragraph of plain text, found {block}"),
                );
            } else if let Some((markup, offset)) = item.text.markup {
                self.error(offset, format!("{what} must be plain text, found {markup}"));
            } else if is_blank(item.text.plain()) {
                self.error(
                    item.range.start,
                    format!("empty {what}: list items need text"),
                );
            } else {
                texts.push(item.text.plain().to_string());
            }
        }
        texts
    }

    /// Reports the first of `blocks` as out of place, if there is one.
    /// `place` completes "unexpected paragraph …".
    pub fn reject_first(&mut self, blocks: &[&Block], place: &str) {
        if let Some(block) = blocks.first() {
            self.error(
                block.range.start,
                format!("unexpected {} {place}", block.describe()),
            );
        }
    }
}

/// The message for an invalid id, with a corrected one when there is one.
fn invalid_id_message(id: &str) -> String {
    let problem = if id.chars().any(char::is_whitespace) {
        "ids cannot contain spaces"
    } else {
        "ids are lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*)"
    };
    let fix = suggest_id(id).map_or(String::new(), |id| format!(" — did you mean \"{id}\"?"));
    format!("invalid id \"{id}\": {problem}, at most {MAX_ID_LEN} characters{fix}")
}

/// Whether `id` is lowercase kebab-case (`[a-z0-9]+(-[a-z0-9]+)*`), ≤ 64 bytes.
pub(crate) fn is_valid_id(id: &str) -> bool {
    id.len() <= MAX_ID_LEN
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_kebab_case_up_to_64_characters() {
        for id in ["a", "customer-focus", "cf-q-2", "0-9", &"a".repeat(64)] {
            assert!(is_valid_id(id), "{id} should be valid");
        }
        for id in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "cf_x",
            "cf x",
            "é",
            "cf.level-1",
            &"a".repeat(65),
        ] {
            assert!(!is_valid_id(id), "{id:?} should be invalid");
        }
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nçé x\n";
        let cx = Context::new(Path::new("f.md"), text);
        assert_eq!(cx.position(0), (1, 1));
        assert_eq!(cx.position(3), (2, 1));
        // "çé " is 5 bytes but 3 characters.
        assert_eq!(cx.position(8), (2, 4));
        assert_eq!(cx.position(text.len()), (3, 1));
    }
}
