//! Paper sizes and the page geometry (margins, header and footer bands)
//! derived from them. All lengths are PostScript points, measured from the
//! top-left corner of the page; [`render`](super::render) flips y for PDF.

/// The paper a document is printed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Width and height in points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Self::A4 => (595.28, 841.89),
            Self::Letter => (612.0, 792.0),
        }
    }
}

/// Side margins: 20 mm.
const SIDE_MARGIN: f32 = 56.7;
/// Top margin, leaving room for the running header above it.
const TOP_MARGIN: f32 = 64.0;
/// Bottom margin, leaving room for the page footer below it.
const BOTTOM_MARGIN: f32 = 60.0;

/// Where content may go on a page, in points from the top-left corner.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Geometry {
    pub page_width: f32,
    pub page_height: f32,
    pub left: f32,
    pub right: f32,
    /// First y content may use.
    pub top: f32,
    /// Last y content may reach.
    pub bottom: f32,
}

impl Geometry {
    pub(crate) fn for_paper(paper: Paper) -> Self {
        let (page_width, page_height) = paper.size_pt();
        Self {
            page_width,
            page_height,
            left: SIDE_MARGIN,
            right: page_width - SIDE_MARGIN,
            top: TOP_MARGIN,
            bottom: page_height - BOTTOM_MARGIN,
        }
    }

    pub(crate) fn content_width(&self) -> f32 {
        self.right - self.left
    }

    pub(crate) fn content_height(&self) -> f32 {
        self.bottom - self.top
    }

    /// Baseline of the running header text.
    pub(crate) fn header_baseline(&self) -> f32 {
        self.top - 26.0
    }

    /// Baseline of the "Page N of M" footer.
    pub(crate) fn footer_baseline(&self) -> f32 {
        self.bottom + 32.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_box_sits_inside_both_papers() {
        for paper in [Paper::A4, Paper::Letter] {
            let g = Geometry::for_paper(paper);
            assert!(g.left > 0.0 && g.right < g.page_width, "{paper:?}");
            assert!(g.header_baseline() > 0.0, "{paper:?}");
            assert!(g.footer_baseline() < g.page_height - 12.0, "{paper:?}");
            assert!(g.content_height() > 600.0, "{paper:?}");
        }
    }
}
