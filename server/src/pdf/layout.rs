//! The layout cursor: the pages laid out so far, the current y, and the
//! page-break rules every block shares.

use super::draw::{Draw, Page, Rgb};
use super::fonts::Fonts;
use super::paper::Geometry;
use super::text::Line;

/// Body text size in points.
pub(crate) const BODY_SIZE: f32 = 10.0;
/// Line height as a multiple of the font size.
pub(crate) const LEADING: f32 = 1.4;

/// Line height for text at `size`.
pub(crate) fn line_height(size: f32) -> f32 {
    size * LEADING
}

/// Lays blocks out top to bottom, opening pages as they fill.
pub(crate) struct Layout<'f> {
    pub fonts: &'f Fonts,
    pub geo: Geometry,
    pub pages: Vec<Page>,
    /// Top of the free space on the current page.
    pub y: f32,
}

impl<'f> Layout<'f> {
    pub(crate) fn new(fonts: &'f Fonts, geo: Geometry) -> Self {
        Self {
            fonts,
            geo,
            pages: vec![Page::default()],
            y: geo.top,
        }
    }

    /// Height left on the current page.
    pub(crate) fn remaining(&self) -> f32 {
        self.geo.bottom - self.y
    }

    /// Whether nothing has been placed on the current page yet.
    pub(crate) fn at_page_top(&self) -> bool {
        self.y <= self.geo.top + 0.01
    }

    pub(crate) fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.top;
    }

    /// Starts a new page unless `height` fits here. At the top of a page
    /// nothing is gained by breaking, so the block overflows instead (the
    /// callers split anything taller than a page first).
    pub(crate) fn ensure(&mut self, height: f32) {
        if height > self.remaining() + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space between blocks; swallowed at the top of a page.
    pub(crate) fn gap(&mut self, height: f32) {
        if self.at_page_top() {
            return;
        }
        self.y += height;
        if self.y > self.geo.bottom {
            self.new_page();
        }
    }

    pub(crate) fn push(&mut self, item: Draw) {
        self.pages
            .last_mut()
            .expect("a layout always has a page")
            .items
            .push(item);
    }

    /// Baseline for a line of text at `size` whose line box starts at `top`.
    pub(crate) fn baseline(&self, top: f32, size: f32) -> f32 {
        let (ascent, descent) = self.fonts.vertical_metrics(size);
        top + (line_height(size) - ascent - descent) / 2.0 + ascent
    }

    /// Draws `line` with its line box at `top`, starting at `x`.
    pub(crate) fn draw_line(&mut self, line: &Line, x: f32, top: f32, size: f32, color: Rgb) {
        let baseline = self.baseline(top, size);
        for run in &line.runs {
            self.push(Draw::Text {
                x: x + run.x,
                baseline,
                size,
                style: run.style,
                color,
                text: run.text.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::paper::Paper;

    #[test]
    fn ensure_breaks_only_when_the_block_does_not_fit() {
        let fonts = Fonts::load().unwrap();
        let mut layout = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        layout.ensure(10_000.0);
        assert_eq!(layout.pages.len(), 1, "an empty page never breaks");
        layout.y = layout.geo.bottom - 20.0;
        layout.ensure(15.0);
        assert_eq!(layout.pages.len(), 1);
        layout.ensure(25.0);
        assert_eq!(layout.pages.len(), 2);
        assert!(layout.at_page_top());
    }

    #[test]
    fn gaps_vanish_at_the_top_of_a_page() {
        let fonts = Fonts::load().unwrap();
        let mut layout = Layout::new(&fonts, Geometry::for_paper(Paper::Letter));
        layout.gap(12.0);
        assert!(layout.at_page_top());
        layout.y += 1.0;
        layout.gap(12.0);
        assert!((layout.y - layout.geo.top - 13.0).abs() < 0.01);
    }

    #[test]
    fn the_baseline_sits_inside_the_line_box() {
        let fonts = Fonts::load().unwrap();
        let layout = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        let b = layout.baseline(100.0, 10.0);
        assert!(b > 107.0 && b < 100.0 + line_height(10.0), "{b}");
    }
}
