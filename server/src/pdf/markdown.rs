//! Markdown (CommonMark, no extensions) turned into document blocks:
//! paragraphs, **bold** and *italic*, bullet and numbered lists, soft and
//! hard breaks, headings, block quotes, code and rules. Raw HTML is dropped
//! and links show only their text, so nothing in notes can inject markup or
//! smuggle a URL into the printout.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::blocks::{ITEM_GAP, LIST_INDENT, PARAGRAPH_GAP, Para};
use super::document::Block;
use super::fonts::Style;
use super::text::Span;

/// The blocks `md` renders as.
pub(crate) fn to_blocks(md: &str) -> Vec<Block> {
    let mut c = Converter::default();
    for event in Parser::new_ext(md, Options::empty()) {
        c.event(event);
    }
    c.flush(PARAGRAPH_GAP);
    c.blocks
}

#[derive(Default)]
struct Converter {
    blocks: Vec<Block>,
    spans: Vec<Span>,
    bold: usize,
    italic: usize,
    /// The next number of each open list; `None` for bullet lists.
    lists: Vec<Option<u64>>,
    quotes: usize,
    /// Marker of the list item whose first paragraph is not flushed yet.
    marker: Option<String>,
}

impl Converter {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.text("\n"),
            Event::Rule => {
                self.flush(PARAGRAPH_GAP);
                self.blocks.push(Block::Rule);
            }
            // Raw HTML and the extensions left disabled are dropped.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } | Tag::CodeBlock(_) => self.flush(PARAGRAPH_GAP),
            Tag::BlockQuote(_) => {
                self.flush(PARAGRAPH_GAP);
                self.quotes += 1;
            }
            Tag::List(first) => {
                self.flush(ITEM_GAP);
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush(ITEM_GAP);
                self.marker = Some(match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}.", *n - 1)
                    }
                    _ => "•".to_string(),
                });
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Item => self.flush(self.gap()),
            TagEnd::Heading(level) => {
                let text: String = self.spans.drain(..).map(|s| s.text).collect();
                // Headings in notes never outrank the document's own level 1.
                let level = if level <= HeadingLevel::H2 { 2 } else { 3 };
                self.blocks.push(Block::Heading { level, text });
            }
            TagEnd::CodeBlock => self.flush(PARAGRAPH_GAP),
            TagEnd::BlockQuote(_) => {
                self.flush(PARAGRAPH_GAP);
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.flush(ITEM_GAP);
                self.lists.pop();
                if self.lists.is_empty()
                    && let Some(Block::Paragraph(last)) = self.blocks.last_mut()
                {
                    last.space_after = PARAGRAPH_GAP;
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            _ => {}
        }
    }

    fn gap(&self) -> f32 {
        if self.lists.is_empty() {
            PARAGRAPH_GAP
        } else {
            ITEM_GAP
        }
    }

    fn text(&mut self, text: &str) {
        // Quotations are set in italic so they read as someone else's words.
        let style = Style::combine(self.bold > 0, self.italic > 0 || self.quotes > 0);
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.text.push_str(text),
            _ => self.spans.push(Span::new(text, style)),
        }
    }

    /// Ends the paragraph being collected, if any.
    fn flush(&mut self, space_after: f32) {
        let blank = self.spans.iter().all(|s| s.text.trim().is_empty());
        if blank && self.marker.is_none() {
            self.spans.clear();
            return;
        }
        let indent = (self.lists.len() + self.quotes) as f32 * LIST_INDENT;
        self.blocks.push(Block::Paragraph(Para {
            spans: std::mem::take(&mut self.spans),
            indent,
            marker: self.marker.take(),
            space_after,
            keeps_with_next: false,
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(md: &str) -> Vec<Para> {
        to_blocks(md)
            .into_iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    fn text_of(p: &Para) -> String {
        p.spans.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn emphasis_becomes_styled_spans() {
        let p = &paras("plain **bold** and *italic*, ***both***")[0];
        let styles: Vec<(&str, Style)> =
            p.spans.iter().map(|s| (s.text.as_str(), s.style)).collect();
        assert_eq!(
            styles,
            [
                ("plain ", Style::Regular),
                ("bold", Style::Bold),
                (" and ", Style::Regular),
                ("italic", Style::Italic),
                (", ", Style::Regular),
                ("both", Style::Bold),
            ]
        );
    }

    #[test]
    fn soft_breaks_are_spaces_and_hard_breaks_are_newlines() {
        let p = &paras("one\ntwo  \nthree")[0];
        assert_eq!(text_of(p), "one two\nthree");
    }

    #[test]
    fn lists_get_markers_and_nested_lists_indent_further() {
        let ps = paras("- a\n- b\n  1. x\n  2. y\n\nafter");
        let got: Vec<(String, Option<String>, f32)> = ps
            .iter()
            .map(|p| (text_of(p), p.marker.clone(), p.indent))
            .collect();
        let bullet = Some("•".to_string());
        assert_eq!(
            got,
            [
                ("a".into(), bullet.clone(), LIST_INDENT),
                ("b".into(), bullet, LIST_INDENT),
                ("x".into(), Some("1.".into()), 2.0 * LIST_INDENT),
                ("y".into(), Some("2.".into()), 2.0 * LIST_INDENT),
                ("after".into(), None, 0.0),
            ]
        );
        assert_eq!(
            ps[3].space_after, PARAGRAPH_GAP,
            "the list's end gets paragraph space"
        );
    }

    #[test]
    fn numbered_lists_keep_their_starting_number() {
        let markers: Vec<_> = paras("7. a\n8. b").into_iter().map(|p| p.marker).collect();
        assert_eq!(markers, [Some("7.".into()), Some("8.".into())]);
    }

    #[test]
    fn raw_html_is_dropped_and_links_keep_only_their_text() {
        let ps =
            paras("<script>alert(1)</script>\n\nsee [the guide](javascript:alert(1)) <b>now</b>");
        assert_eq!(ps.len(), 1);
        assert_eq!(text_of(&ps[0]), "see the guide now");
    }

    #[test]
    fn headings_map_to_levels_two_and_three() {
        let levels: Vec<u8> = to_blocks("# A\n## B\n#### C")
            .into_iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, [2, 2, 3]);
    }

    #[test]
    fn block_quotes_are_indented_and_italic() {
        let p = &paras("> quoted")[0];
        assert_eq!(p.indent, LIST_INDENT);
        assert_eq!(p.spans[0].style, Style::Italic);
    }

    #[test]
    fn empty_markdown_has_no_blocks() {
        assert!(to_blocks("").is_empty());
        assert!(to_blocks("   \n\n").is_empty());
    }
}
