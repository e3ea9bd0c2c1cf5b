//! Markdown to the flat list of top-level blocks that the bank parser walks.
//!
//! pulldown-cmark yields a stream of events; banks only need the top-level
//! blocks (headings, paragraphs, lists, anything else) with their byte ranges,
//! the plain text of headings, paragraphs and list items, and whether that text
//! used inline markup (which plain-text fields reject).

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag};
use std::ops::Range;

/// The Markdown extensions banks use: only `{#id}` heading attributes.
pub(crate) const OPTIONS: Options = Options::ENABLE_HEADING_ATTRIBUTES;

/// A block at the top level of the document.
pub(crate) struct Block {
    /// Byte range in the source, as given by pulldown-cmark.
    pub range: Range<usize>,
    pub kind: BlockKind,
}

pub(crate) enum BlockKind {
    Heading(Heading),
    Paragraph(Inline),
    /// A bullet or numbered list.
    List(Vec<Item>),
    Code {
        fenced: bool,
    },
    Html,
    /// Block quote or thematic break, named for messages.
    Other(&'static str),
}

pub(crate) struct Heading {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// The `{#id}` attribute.
    pub id: Option<String>,
    /// Whether `{.class}` or `{key=value}` attributes were given.
    pub other_attributes: bool,
    pub text: Inline,
}

/// The plain text of inline content and the first inline markup in it.
#[derive(Default)]
pub(crate) struct Inline {
    text: String,
    /// What the first markup was ("emphasis", "a link", …) and its offset.
    pub markup: Option<(&'static str, usize)>,
}

impl Inline {
    /// The text, trimmed, with line breaks as spaces.
    pub fn plain(&self) -> &str {
        self.text.trim()
    }

    fn start_tag(&mut self, tag: &Tag<'_>, offset: usize) {
        let what = match tag {
            Tag::Emphasis => "emphasis",
            Tag::Strong => "strong emphasis",
            Tag::Strikethrough => "strikethrough",
            Tag::Link { .. } => "a link",
            Tag::Image { .. } => "an image",
            _ => "markup",
        };
        self.mark(what, offset);
    }

    fn leaf(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Text(text) => self.text.push_str(&text),
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::Code(_) => self.mark("code", offset),
            Event::InlineHtml(_) | Event::Html(_) => self.mark("HTML", offset),
            _ => self.mark("markup", offset),
        }
    }

    fn mark(&mut self, what: &'static str, offset: usize) {
        self.markup.get_or_insert((what, offset));
    }
}

/// One list item: plain text, or the block that made it more than that.
pub(crate) struct Item {
    pub range: Range<usize>,
    pub text: Inline,
    /// A nested list, second paragraph, quote, …: its description ("a nested
    /// list") and offset.
    pub extra_block: Option<(String, usize)>,
}

/// The blocks of a document and the offsets of link reference definitions
/// (which produce no events, so they are reported separately).
pub(crate) struct Document {
    pub blocks: Vec<Block>,
    pub link_definitions: Vec<usize>,
}

/// Splits `text` into top-level blocks.
pub(crate) fn read_blocks(text: &str) -> Document {
    let mut events = Parser::new_ext(text, OPTIONS).into_offset_iter();
    let mut blocks = Vec::new();
    let mut current: Option<Builder> = None;
    let mut depth = 0usize;
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(tag) => {
                depth += 1;
                match current.as_mut() {
                    Some(builder) => builder.start(&tag, range, depth),
                    None => current = Some(Builder::new(&tag, range)),
                }
            }
            Event::End(_) => {
                if depth == 1 {
                    blocks.extend(current.take().map(Builder::finish));
                } else if let Some(builder) = current.as_mut() {
                    builder.end(depth);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Rule if current.is_none() => blocks.push(Block {
                range,
                kind: BlockKind::Other("thematic break"),
            }),
            leaf => {
                if let Some(builder) = current.as_mut() {
                    builder.leaf(leaf, range.start, depth);
                }
            }
        }
    }
    let mut link_definitions: Vec<usize> = events
        .reference_definitions()
        .iter()
        .map(|(_, definition)| definition.span.start)
        .collect();
    link_definitions.sort_unstable();
    Document {
        blocks,
        link_definitions,
    }
}

impl Block {
    /// How messages name this kind of block ("paragraph", "list", …).
    pub fn describe(&self) -> String {
        match &self.kind {
            BlockKind::Heading(heading) => format!("{} heading", "#".repeat(heading.level.into())),
            BlockKind::Paragraph(_) => "paragraph".into(),
            BlockKind::List(_) => "list".into(),
            BlockKind::Code { .. } => "code block".into(),
            BlockKind::Html => "HTML block".into(),
            BlockKind::Other(what) => (*what).into(),
        }
    }

    /// The items, if this block is a list.
    pub fn list_items(&self) -> Option<&[Item]> {
        match &self.kind {
            BlockKind::List(items) => Some(items),
            _ => None,
        }
    }

    /// The heading, if this block is one of `level`.
    pub fn heading(&self, level: u8) -> Option<&Heading> {
        match &self.kind {
            BlockKind::Heading(heading) if heading.level == level => Some(heading),
            _ => None,
        }
    }
}

/// Builds one top-level block from the events inside it.
struct Builder {
    range: Range<usize>,
    kind: BlockKind,
    /// The list item being read, for lists.
    item: Option<ItemBuilder>,
}

struct ItemBuilder {
    item: Item,
    /// Whether the item's (single) paragraph has started.
    in_paragraph: bool,
    /// Depth of an extra block whose content is being skipped.
    skipping: Option<usize>,
}

impl Builder {
    fn new(tag: &Tag<'_>, range: Range<usize>) -> Self {
        let kind = match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => BlockKind::Heading(Heading {
                level: heading_level(*level),
                id: id.as_ref().map(ToString::to_string),
                other_attributes: !classes.is_empty() || !attrs.is_empty(),
                text: Inline::default(),
            }),
            Tag::Paragraph => BlockKind::Paragraph(Inline::default()),
            Tag::List(_) => BlockKind::List(Vec::new()),
            Tag::CodeBlock(kind) => BlockKind::Code {
                fenced: matches!(kind, CodeBlockKind::Fenced(_)),
            },
            Tag::HtmlBlock => BlockKind::Html,
            Tag::BlockQuote(_) => BlockKind::Other("block quote"),
            _ => BlockKind::Other("block"),
        };
        Builder {
            range,
            kind,
            item: None,
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>, depth: usize) {
        match &mut self.kind {
            BlockKind::Heading(Heading { text, .. }) | BlockKind::Paragraph(text) => {
                text.start_tag(tag, range.start);
            }
            BlockKind::List(_) if depth == 2 => {
                self.item = Some(ItemBuilder {
                    item: Item {
                        range,
                        text: Inline::default(),
                        extra_block: None,
                    },
                    in_paragraph: false,
                    skipping: None,
                });
            }
            BlockKind::List(_) => {
                if let Some(item) = self.item.as_mut() {
                    item.start(tag, range.start, depth);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, depth: usize) {
        match &mut self.kind {
            BlockKind::List(items) if depth == 2 => {
                items.extend(self.item.take().map(|builder| builder.item));
            }
            BlockKind::List(_) => {
                if let Some(item) = self.item.as_mut()
                    && item.skipping == Some(depth)
                {
                    item.skipping = None;
                }
            }
            _ => {}
        }
    }

    fn leaf(&mut self, event: Event<'_>, offset: usize, depth: usize) {
        match &mut self.kind {
            BlockKind::Heading(Heading { text, .. }) | BlockKind::Paragraph(text) => {
                text.leaf(event, offset);
            }
            BlockKind::List(_) => {
                if let Some(item) = self.item.as_mut() {
                    item.leaf(event, offset, depth);
                }
            }
            _ => {}
        }
    }

    fn finish(self) -> Block {
        Block {
            range: self.range,
            kind: self.kind,
        }
    }
}

impl ItemBuilder {
    fn start(&mut self, tag: &Tag<'_>, offset: usize, depth: usize) {
        if self.skipping.is_some() {
            return;
        }
        let is_inline = matches!(
            tag,
            Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Superscript
                | Tag::Subscript
        );
        if is_inline {
            self.item.text.start_tag(tag, offset);
        } else if depth == 3 && matches!(tag, Tag::Paragraph) && !self.in_paragraph {
            self.in_paragraph = true;
        } else {
            let what = match tag {
                Tag::Paragraph => "a second paragraph",
                Tag::List(_) => "a nested list",
                Tag::Heading { .. } => "a heading",
                Tag::CodeBlock(_) => "a code block",
                Tag::BlockQuote(_) => "a block quote",
                Tag::HtmlBlock => "an HTML block",
                _ => "a block",
            };
            self.extra_block(what, offset);
            self.skipping = Some(depth);
        }
    }

    fn leaf(&mut self, event: Event<'_>, offset: usize, depth: usize) {
        match event {
            _ if self.skipping.is_some() => {}
            // A thematic break is a block but has no start and end events.
            Event::Rule => self.extra_block("a thematic break", offset),
            // Only text straight in the item or in its one paragraph counts.
            _ if depth == 2 || self.in_paragraph => self.item.text.leaf(event, offset),
            _ => {}
        }
    }

    fn extra_block(&mut self, what: &str, offset: usize) {
        self.item
            .extra_block
            .get_or_insert_with(|| (what.to_string(), offset));
    }
}

/// `HeadingLevel` as a number.
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}
