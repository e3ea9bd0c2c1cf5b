//! The display list layout produces and [`render`](super::render) turns
//! into PDF operations: text, rectangles and lines in points from the
//! top-left corner of a page.

use super::fonts::Style;

/// An RGB colour, each channel 0.0–1.0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Body text: near black, softer than pure black on paper.
    pub const TEXT: Rgb = Rgb(0.11, 0.12, 0.14);
    /// Labels, running header, footer.
    pub const MUTED: Rgb = Rgb(0.38, 0.40, 0.44);
    /// Headings and chart bars.
    pub const ACCENT: Rgb = Rgb(0.12, 0.29, 0.49);
    /// Observed-level bars: lighter than the accent so lines over them show.
    pub const BAR: Rgb = Rgb(0.36, 0.56, 0.80);
    /// Table borders, rules, grid lines.
    pub const RULE: Rgb = Rgb(0.70, 0.72, 0.75);
    /// Ruled handwriting lines and chart grid: lighter than borders.
    pub const FAINT: Rgb = Rgb(0.82, 0.84, 0.86);
    /// Shaded table cells.
    pub const SHADE: Rgb = Rgb(0.93, 0.94, 0.95);
    /// Table header cells.
    pub const HEADER_FILL: Rgb = Rgb(0.87, 0.90, 0.94);
}

/// Outline colour and thickness.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stroke {
    pub color: Rgb,
    pub width: f32,
}

impl Stroke {
    pub(crate) const fn new(color: Rgb, width: f32) -> Self {
        Self { color, width }
    }
}

/// One thing drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        style: Style,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        stroke: Stroke,
    },
}

/// The display list of one page.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Page {
    pub items: Vec<Draw>,
}

impl Page {
    /// All text on the page in drawing order, for tests.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.items
            .iter()
            .filter_map(|d| match d {
                Draw::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
