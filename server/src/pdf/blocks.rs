//! Laying out the simple blocks: headings, paragraphs and list items,
//! key–value lists, horizontal rules and ruled lines for handwriting.

use super::draw::{Draw, Rgb, Stroke};
use super::fonts::Style;
use super::layout::{BODY_SIZE, Layout, line_height};
use super::text::{Span, measure, wrap};

/// Space after a body paragraph.
pub(crate) const PARAGRAPH_GAP: f32 = 7.0;
/// Space between list items.
pub(crate) const ITEM_GAP: f32 = 2.5;
/// Indent of the text of a list item per nesting level.
pub(crate) const LIST_INDENT: f32 = 20.0;
/// Distance between ruled handwriting lines (about 8.5 mm).
pub(crate) const RULED_SPACING: f32 = 24.0;
/// Fewest lines [`ruled_lines`] fills a page's end with before it starts
/// a new page instead.
pub(crate) const MIN_RULED_LINES: usize = 3;

/// A paragraph of styled text, optionally a list item: `marker` ("•",
/// "3.") is drawn right-aligned just left of the text, which starts
/// `indent` points in from the margin. A paragraph that `keeps_with_next`
/// (a label such as "Probes:") never ends a page, like a heading.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Para {
    pub spans: Vec<Span>,
    pub indent: f32,
    pub marker: Option<String>,
    pub space_after: f32,
    pub keeps_with_next: bool,
}

impl Para {
    pub(crate) fn plain(text: &str) -> Self {
        Self {
            spans: vec![Span::regular(text)],
            indent: 0.0,
            marker: None,
            space_after: PARAGRAPH_GAP,
            keeps_with_next: false,
        }
    }
}

/// Font size, space before and space after for heading levels 1–3.
pub(crate) fn heading_metrics(level: u8) -> (f32, f32, f32) {
    match level {
        0 | 1 => (17.0, 14.0, 6.0),
        2 => (13.5, 12.0, 4.0),
        _ => (11.0, 9.0, 2.0),
    }
}

/// A heading, kept on the same page as the first `keep_with` points of
/// what follows.
pub(crate) fn heading(l: &mut Layout<'_>, level: u8, text: &str, keep_with: f32) {
    let (size, before, after) = heading_metrics(level);
    let color = if level <= 2 { Rgb::ACCENT } else { Rgb::TEXT };
    let lines = wrap(
        l.fonts,
        &[Span::new(text, Style::Bold)],
        size,
        l.geo.content_width(),
    );
    let lh = line_height(size);
    l.gap(before);
    l.ensure(lines.len() as f32 * lh + after + keep_with);
    for line in &lines {
        l.draw_line(line, l.geo.left, l.y, size, color);
        l.y += lh;
    }
    if level <= 1 {
        let y = l.y + 1.0;
        l.push(Draw::Line {
            from: (l.geo.left, y),
            to: (l.geo.right, y),
            stroke: Stroke::new(Rgb::ACCENT, 0.8),
        });
        l.y += 2.0;
    }
    l.y += after;
}

/// A paragraph or list item; breaks between lines across pages. One that
/// keeps with what follows moves on whole with the first `keep_with`
/// points of it, unless together they are taller than a page.
pub(crate) fn paragraph(l: &mut Layout<'_>, para: &Para, keep_with: f32) {
    let size = BODY_SIZE;
    let lh = line_height(size);
    let x = l.geo.left + para.indent;
    let lines = wrap(l.fonts, &para.spans, size, l.geo.right - x);
    if para.keeps_with_next {
        let height = lines.len() as f32 * lh + para.space_after + keep_with;
        if height <= l.geo.content_height() {
            l.ensure(height);
        }
    }
    for (i, line) in lines.iter().enumerate() {
        l.ensure(lh);
        if i == 0
            && let Some(marker) = &para.marker
        {
            let width = measure(l.fonts, marker, Style::Regular, size);
            let baseline = l.baseline(l.y, size);
            l.push(Draw::Text {
                x: x - 5.0 - width,
                baseline,
                size,
                style: Style::Regular,
                color: Rgb::TEXT,
                text: marker.clone(),
            });
        }
        l.draw_line(line, x, l.y, size, Rgb::TEXT);
        l.y += lh;
    }
    l.gap(para.space_after);
}

/// Label–value pairs in two columns: bold muted labels, wrapped values.
/// A pair moves to the next page whole unless it is taller than a page.
pub(crate) fn key_values(l: &mut Layout<'_>, pairs: &[(String, String)]) {
    let size = BODY_SIZE;
    let lh = line_height(size);
    let widest = pairs
        .iter()
        .map(|(label, _)| measure(l.fonts, label, Style::Bold, size))
        .fold(0.0, f32::max);
    let label_width = (widest + 14.0).min(l.geo.content_width() * 0.4);
    let value_x = l.geo.left + label_width;
    for (label, value) in pairs {
        let labels = wrap(
            l.fonts,
            &[Span::new(label, Style::Bold)],
            size,
            label_width - 10.0,
        );
        let values = wrap(
            l.fonts,
            &[Span::regular(value)],
            size,
            l.geo.right - value_x,
        );
        let rows = labels.len().max(values.len()).max(1);
        if (rows as f32) * lh <= l.geo.content_height() {
            l.ensure(rows as f32 * lh);
        }
        for i in 0..rows {
            l.ensure(lh);
            if let Some(line) = labels.get(i) {
                l.draw_line(line, l.geo.left, l.y, size, Rgb::MUTED);
            }
            if let Some(line) = values.get(i) {
                l.draw_line(line, value_x, l.y, size, Rgb::TEXT);
            }
            l.y += lh;
        }
        l.y += 2.0;
    }
    l.gap(PARAGRAPH_GAP);
}

/// A thin full-width rule.
pub(crate) fn rule(l: &mut Layout<'_>) {
    l.gap(4.0);
    l.ensure(8.0);
    let y = l.y + 4.0;
    l.push(Draw::Line {
        from: (l.geo.left, y),
        to: (l.geo.right, y),
        stroke: Stroke::new(Rgb::RULE, 0.6),
    });
    l.y += 8.0;
    l.gap(PARAGRAPH_GAP);
}

/// `n` evenly spaced lines to write notes on, continuing on new pages;
/// with `n` of `None`, as many as fit above the bottom margin (at least
/// [`MIN_RULED_LINES`], on a new page if fewer fit here).
pub(crate) fn ruled_lines(l: &mut Layout<'_>, n: Option<usize>) {
    let n = n.unwrap_or_else(|| {
        let fitting = (l.remaining() / RULED_SPACING).floor() as usize;
        if fitting >= MIN_RULED_LINES || l.at_page_top() {
            fitting
        } else {
            l.new_page();
            (l.geo.content_height() / RULED_SPACING).floor() as usize
        }
    });
    for _ in 0..n {
        l.ensure(RULED_SPACING);
        l.y += RULED_SPACING;
        l.push(Draw::Line {
            from: (l.geo.left, l.y),
            to: (l.geo.right, l.y),
            stroke: Stroke::new(Rgb::FAINT, 0.5),
        });
    }
    l.gap(PARAGRAPH_GAP + 4.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::paper::{Geometry, Paper};

    fn with_layout(f: impl FnOnce(&mut Layout<'_>)) -> Vec<super::super::draw::Page> {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        f(&mut l);
        l.pages
    }

    #[test]
    fn ruled_lines_fill_pages_at_the_expected_rate() {
        let per_page = (Geometry::for_paper(Paper::A4).content_height() / RULED_SPACING) as usize;
        let pages = with_layout(|l| ruled_lines(l, Some(per_page * 2 + 1)));
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0].items.len(), per_page);
    }

    #[test]
    fn ruled_lines_to_the_page_end_fill_exactly_this_page() {
        let pages = with_layout(|l| {
            l.y += 100.0;
            ruled_lines(l, None);
        });
        assert_eq!(pages.len(), 1);
        let geo = Geometry::for_paper(Paper::A4);
        let last_y = pages[0].items.iter().filter_map(|d| match d {
            Draw::Line { from, .. } => Some(from.1),
            _ => None,
        });
        let last_y = last_y.fold(0.0, f32::max);
        assert!(last_y <= geo.bottom && last_y > geo.bottom - RULED_SPACING);
    }

    #[test]
    fn ruled_lines_to_the_page_end_start_a_new_page_when_little_room_is_left() {
        let pages = with_layout(|l| {
            l.y = l.geo.bottom - 2.0 * RULED_SPACING;
            ruled_lines(l, None);
        });
        assert_eq!(pages.len(), 2);
        assert!(pages[0].items.is_empty());
        assert!(pages[1].items.len() > MIN_RULED_LINES);
    }

    #[test]
    fn no_text_line_crosses_the_bottom_margin() {
        let geo = Geometry::for_paper(Paper::A4);
        let text = "word ".repeat(2000);
        let pages = with_layout(|l| paragraph(l, &Para::plain(&text), 0.0));
        assert!(pages.len() > 2);
        for page in &pages {
            for item in &page.items {
                if let Draw::Text { baseline, .. } = item {
                    assert!(*baseline < geo.bottom && *baseline > geo.top);
                }
            }
        }
    }

    #[test]
    fn a_heading_at_the_foot_of_a_page_moves_to_the_next() {
        let pages = with_layout(|l| {
            l.y = l.geo.bottom - 30.0;
            heading(l, 2, "Stranded?", super::super::keep::keep_with(l, &[]));
        });
        assert_eq!(pages.len(), 2);
        assert!(pages[0].items.is_empty());
        assert_eq!(pages[1].text(), "Stranded?");
    }

    #[test]
    fn list_markers_sit_left_of_the_indented_text() {
        let para = Para {
            marker: Some("•".into()),
            indent: LIST_INDENT,
            ..Para::plain("item")
        };
        let pages = with_layout(|l| paragraph(l, &para, 0.0));
        let xs: Vec<f32> = pages[0]
            .items
            .iter()
            .filter_map(|d| match d {
                Draw::Text { x, .. } => Some(*x),
                _ => None,
            })
            .collect();
        let left = Geometry::for_paper(Paper::A4).left;
        assert!(xs[0] >= left && xs[0] < left + LIST_INDENT, "{xs:?}");
        assert!((xs[1] - left - LIST_INDENT).abs() < 0.01, "{xs:?}");
    }

    #[test]
    fn key_value_labels_and_values_share_baselines() {
        let pairs = vec![("Candidate".to_string(), "Zoë Nguyễn".to_string())];
        let pages = with_layout(|l| key_values(l, &pairs));
        assert_eq!(pages[0].text(), "Candidate Zoë Nguyễn");
    }
}
