//! Parsing state shared by the section readers: positions, errors, ids, and
//! the checks every section makes on lists and Markdown text (headings are
//! read in `headings`).

use super::blocks::{Block, BlockKind, Item};
use super::headings::invalid_id_message;
use super::suggest::is_blank;
use super::visible::has_visible_content;
use crate::error::BankError;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Longest id allowed, in bytes (ids are ASCII).
pub(super) const MAX_ID_LEN: usize = 64;

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
    /// The byte ranges of reference question texts: the only place
    /// `{candidate}` is filled in.
    pub candidate_spans: Vec<std::ops::Range<usize>>,
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
            candidate_spans: Vec::new(),
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
    pub(super) fn line_start(&self, offset: usize) -> usize {
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
