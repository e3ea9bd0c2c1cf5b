//! Keep-with-next: how much of what follows a heading or a label must share
//! its page, so neither is ever left alone at the bottom of one.

use super::blocks::{MIN_RULED_LINES, Para, RULED_SPACING, heading_metrics};
use super::document::Block;
use super::fonts::Style;
use super::layout::{BODY_SIZE, Layout, line_height};
use super::text::{Span, wrap};

/// Height of the start of `rest` that must share the page with the heading
/// or label just before it: two lines of text, a table's header and first
/// row, or the first three ruled lines. Headings and labels in `rest` bring
/// their own height and what they keep, so a run of them ("Ratings" over
/// "Customer focus" over "R1: 3 Independent" over the evidence) moves to
/// the next page together. The run counts at most half a page, so a long
/// one still breaks somewhere rather than leave pages empty.
pub(crate) fn keep_with(l: &Layout<'_>, rest: &[Block]) -> f32 {
    let body_lines = 2.0 * line_height(BODY_SIZE);
    let limit = l.geo.content_height() / 2.0;
    let mut total = 0.0;
    for block in rest {
        let end = match block {
            Block::Heading { level, text } => {
                total += heading_height(l, *level, text);
                None
            }
            Block::Paragraph(p) if p.keeps_with_next => {
                total += paragraph_height(l, p) + p.space_after;
                None
            }
            Block::Spacer(pt) => {
                total += pt;
                None
            }
            Block::Ruled(n) => {
                Some(n.unwrap_or(MIN_RULED_LINES).min(MIN_RULED_LINES) as f32 * RULED_SPACING)
            }
            // Header row plus a row of one or two lines.
            Block::Table(_) | Block::Chart(_) => Some(3.0 * line_height(BODY_SIZE) + 16.0),
            Block::PageBreak => Some(0.0),
            Block::Paragraph(_) | Block::KeyValues(_) | Block::Rule => Some(body_lines),
        };
        if let Some(end) = end {
            return (total + end).min(limit);
        }
        if total >= limit {
            return limit;
        }
    }
    total.min(limit)
}

fn heading_lines(l: &Layout<'_>, level: u8, text: &str) -> usize {
    let (size, _, _) = heading_metrics(level);
    wrap(
        l.fonts,
        &[Span::new(text, Style::Bold)],
        size,
        l.geo.content_width(),
    )
    .len()
}

/// The height a heading takes, space before and after included.
fn heading_height(l: &Layout<'_>, level: u8, text: &str) -> f32 {
    let (size, before, after) = heading_metrics(level);
    let rule = if level <= 1 { 2.0 } else { 0.0 };
    before + heading_lines(l, level, text) as f32 * line_height(size) + rule + after
}

fn paragraph_height(l: &Layout<'_>, para: &Para) -> f32 {
    let x = l.geo.left + para.indent;
    wrap(l.fonts, &para.spans, BODY_SIZE, l.geo.right - x).len() as f32 * line_height(BODY_SIZE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::blocks::PARAGRAPH_GAP;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::paper::{Geometry, Paper};

    fn with_layout(f: impl FnOnce(&mut Layout<'_>)) {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        f(&mut l);
    }

    #[test]
    fn a_heading_keeps_three_ruled_lines_with_it() {
        with_layout(|l| {
            let room = keep_with(l, &[Block::Ruled(None)]);
            assert_eq!(room, MIN_RULED_LINES as f32 * RULED_SPACING);
            assert_eq!(keep_with(l, &[Block::Ruled(Some(1))]), RULED_SPACING);
        });
    }

    #[test]
    fn headings_and_labels_in_a_row_are_kept_together_with_the_text_after_them() {
        with_layout(|l| {
            let label = Block::Paragraph(Para {
                keeps_with_next: true,
                ..Para::plain("Probes:")
            });
            let text = Block::Paragraph(Para::plain("body"));
            let two_lines = 2.0 * line_height(BODY_SIZE);
            assert_eq!(keep_with(l, std::slice::from_ref(&text)), two_lines);
            let run = [
                Block::Heading {
                    level: 3,
                    text: "Question".into(),
                },
                label,
                text,
            ];
            let (size, before, after) = heading_metrics(3);
            let expected = before
                + line_height(size)
                + after
                + line_height(BODY_SIZE)
                + PARAGRAPH_GAP
                + two_lines;
            assert!((keep_with(l, &run) - expected).abs() < 0.01);
        });
    }
}
