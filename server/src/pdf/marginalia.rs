//! The running header and the "Page N of M" footer, added to every page
//! once layout knows how many pages there are, and the note explaining the
//! replacement mark on every page that shows one.

use super::draw::{Draw, Page, Rgb, Stroke};
use super::fonts::{Fonts, Style};
use super::paper::Geometry;
use super::text::{Line, REPLACEMENT, REPLACEMENT_NOTE, truncate};

/// Size of the running header and footer text.
const MARGINALIA_SIZE: f32 = 8.0;

/// The running header and "Page N of M" on every page, and on a page
/// where some character could not be drawn, the note saying what its mark
/// means (left of the page number).
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
    // A line's runs as muted text at `x` on `baseline`.
    let draw = |line: &Line, x: f32, baseline: f32| -> Vec<Draw> {
        line.runs
            .iter()
            .map(|run| Draw::Text {
                x: x + run.x,
                baseline,
                size,
                style: run.style,
                color: Rgb::MUTED,
                text: run.text.clone(),
            })
            .collect()
    };
    for (i, page) in pages.iter_mut().enumerate() {
        let footer = truncate(
            fonts,
            &format!("Page {} of {}", i + 1, total),
            Style::Regular,
            size,
            f32::INFINITY,
        );
        // The header goes first so text extraction reads it first.
        let rule_y = geo.header_baseline() + 6.0;
        let mut top = draw(&header, geo.left, geo.header_baseline());
        top.push(Draw::Line {
            from: (geo.left, rule_y),
            to: (geo.right, rule_y),
            stroke: Stroke::new(Rgb::RULE, 0.5),
        });
        page.items.splice(0..0, top);
        let explain = shows_replacement(page);
        page.items.extend(draw(
            &footer,
            geo.right - footer.width,
            geo.footer_baseline(),
        ));
        if explain {
            let note = truncate(
                fonts,
                REPLACEMENT_NOTE,
                Style::Regular,
                size,
                geo.content_width() - footer.width - 12.0,
            );
            page.items
                .extend(draw(&note, geo.left, geo.footer_baseline()));
        }
    }
}

fn shows_replacement(page: &Page) -> bool {
    page.items.iter().any(|d| match d {
        Draw::Text { text, .. } => text.contains(REPLACEMENT),
        _ => false,
    })
}
