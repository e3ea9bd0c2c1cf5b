//! The chart's vector marks: the required level as an outlined bar, the
//! observed mean as a filled bar, the min–max spread as a whisker, and the
//! legend that explains them.

use super::{ChartRow, Columns, LEGEND_HEIGHT, SMALL_SIZE, small_text};
use crate::pdf::draw::{Draw, Rgb, Stroke};
use crate::pdf::fonts::Style;
use crate::pdf::layout::{Layout, line_height};
use crate::pdf::text::measure;

const REQUIRED_HALF_HEIGHT: f32 = 7.5;
const OBSERVED_HALF_HEIGHT: f32 = 4.0;
const WHISKER_CAP: f32 = 5.0;

fn required_marker(l: &mut Layout<'_>, x0: f32, x1: f32, center: f32) {
    l.push(Draw::Rect {
        x: x0,
        y: center - REQUIRED_HALF_HEIGHT,
        width: x1 - x0,
        height: 2.0 * REQUIRED_HALF_HEIGHT,
        fill: None,
        stroke: Some(Stroke::new(Rgb::ACCENT, 1.2)),
    });
}

fn observed_bar(l: &mut Layout<'_>, x0: f32, x1: f32, center: f32) {
    l.push(Draw::Rect {
        x: x0,
        y: center - OBSERVED_HALF_HEIGHT,
        width: x1 - x0,
        height: 2.0 * OBSERVED_HALF_HEIGHT,
        fill: Some(Rgb::BAR),
        stroke: None,
    });
}

fn whisker(l: &mut Layout<'_>, x0: f32, x1: f32, center: f32) {
    let stroke = Stroke::new(Rgb::TEXT, 1.1);
    l.push(Draw::Line {
        from: (x0, center),
        to: (x1, center),
        stroke,
    });
    for x in [x0, x1] {
        l.push(Draw::Line {
            from: (x, center - WHISKER_CAP),
            to: (x, center + WHISKER_CAP),
            stroke,
        });
    }
}

pub(super) fn bars(l: &mut Layout<'_>, cols: &Columns, row: &ChartRow, center: f32) {
    let x0 = cols.x(0.0);
    if let Some(observed) = row.observed {
        observed_bar(l, x0, cols.x(observed), center);
    }
    if let Some(required) = row.required {
        required_marker(l, x0, cols.x(f32::from(required)), center);
    }
    if let Some((lo, hi)) = row.spread {
        whisker(l, cols.x(f32::from(lo)), cols.x(f32::from(hi)), center);
    }
}

/// Draws a legend sample between two x positions around a centre line.
type DrawSample = fn(&mut Layout<'_>, f32, f32, f32);

pub(super) fn legend(l: &mut Layout<'_>, cols: &Columns) {
    let center = l.y + LEGEND_HEIGHT / 2.0 + 2.0;
    let top = center - line_height(SMALL_SIZE) / 2.0;
    let mut x = cols.scale_left;
    let entries: [(&str, DrawSample); 3] = [
        ("Required level", required_marker),
        ("Observed (median)", observed_bar),
        ("Range (min–max)", whisker),
    ];
    for (label, draw) in entries {
        draw(l, x, x + 18.0, center);
        x += 24.0;
        small_text(l, x, top, Style::Regular, label);
        x += measure(l.fonts, label, Style::Regular, SMALL_SIZE) + 16.0;
    }
    l.y += LEGEND_HEIGHT + 2.0;
}
