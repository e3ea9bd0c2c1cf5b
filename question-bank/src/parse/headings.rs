//! Reading headings: titles (plain text, invisible counts as empty), `{#id}`
//! attributes, ids written with spaces or invalid characters (reported once,
//! with a suggestion that is used from then on, so nothing cascades).

use super::blocks::{Block, Heading};
use super::context::{Context, MAX_ID_LEN, is_valid_id};
use super::suggest::{is_blank, suggest_id};

impl Context<'_> {
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

    /// Offset of the `{` of a heading's attributes (or of the heading).
    fn attribute_offset(&self, block: &Block) -> usize {
        self.text[block.range.clone()]
            .rfind('{')
            .map_or(block.range.start, |index| block.range.start + index)
    }
}

/// The message for an invalid id, with a corrected one when there is one.
pub(super) fn invalid_id_message(id: &str) -> String {
    let problem = if id.chars().any(char::is_whitespace) {
        "ids cannot contain spaces"
    } else {
        "ids are lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*)"
    };
    let fix = suggest_id(id).map_or(String::new(), |id| format!(" — did you mean \"{id}\"?"));
    format!("invalid id \"{id}\": {problem}, at most {MAX_ID_LEN} characters{fix}")
}
