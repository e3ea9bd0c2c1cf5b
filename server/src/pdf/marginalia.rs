//! The running header and the "Page N of M" footer, added to every page
//! once layout knows how many pages there are.

use super::draw::{Draw, Page, Rgb, Stroke};
use super::fonts::{Fonts, Style};
use super::paper::Geometry;
use super::text::{measure, truncate};

/// Size of the running header and footer text.
const MARGINALIA_SIZE: f32 = 8.0;

/// The running header and "Page N of M" on every page.
pub(crate) fn add(fonts: &Fonts, geo: Geometry, header: &str, pages: &mut [Page]) {
    let total = pages.len();
    let size = MARGINALIA_SIZE;
    let header = truncate(
        fonts,
        header,
        Style::Regular,
        size,
        geo.content_width() * 0.8,
    );
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = format!("Page {} of {}", i + 1, total);
        let footer_width = measure(fonts, &footer, Style::Regular, size);
        let text = |x: f32, baseline: f32, text: String| Draw::Text {
            x,
            baseline,
            size,
            style: Style::Regular,
            color: Rgb::MUTED,
            text,
        };
        // The header goes first so text extraction reads it first.
        let rule_y = geo.header_baseline() + 6.0;
        page.items.splice(
            0..0,
            [
                text(geo.left, geo.header_baseline(), header.clone()),
                Draw::Line {
                    from: (geo.left, rule_y),
                    to: (geo.right, rule_y),
                    stroke: Stroke::new(Rgb::RULE, 0.5),
                },
            ],
        );
        page.items.push(text(
            geo.right - footer_width,
            geo.footer_baseline(),
            footer,
        ));
    }
}
