//! The level chart: one row per competency on a horizontal 1–5 proficiency
//! scale (the marks themselves are in [`marks`]), with the numbers printed
//! on the right and a legend underneath.

mod marks;

use marks::{bars, legend};

use app::model::median_text;

use super::PdfError;
use super::draw::{Draw, Rgb, Stroke};
use super::fonts::Style;
use super::layout::{Layout, line_height};
use super::text::{Span, measure, wrap};

/// Highest proficiency level.
const MAX_LEVEL: f32 = 5.0;
const LABEL_SIZE: f32 = 9.5;
const SMALL_SIZE: f32 = 8.0;
const MIN_ROW: f32 = 26.0;
const HEADER_HEIGHT: f32 = 16.0;
const LEGEND_HEIGHT: f32 = 22.0;

/// One competency in a [`level_chart`](super::Document::level_chart).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartRow {
    /// The competency name, wrapped if long.
    pub label: String,
    /// The proficiency level the role requires (1–5).
    pub required: Option<u8>,
    /// The observed level: the median of the panel's ratings (1.0–5.0), as
    /// the legend says.
    pub observed: Option<f32>,
    /// The lowest and highest rating given (each 1–5).
    pub spread: Option<(u8, u8)>,
}

impl ChartRow {
    fn check(&self) -> Result<(), String> {
        let level = |v: u8| (1..=5).contains(&v);
        if let Some(r) = self.required.filter(|&r| !level(r)) {
            return Err(format!("required level {r} is outside 1–5"));
        }
        if let Some(o) = self.observed.filter(|o| !(1.0..=MAX_LEVEL).contains(o)) {
            return Err(format!("observed level {o} is outside 1–5"));
        }
        match self.spread {
            Some((lo, hi)) if !level(lo) || !level(hi) || lo > hi => {
                Err(format!("spread {lo}–{hi} is not a range within 1–5"))
            }
            _ => Ok(()),
        }
    }
}

/// Checks every row's levels before anything is drawn.
pub(crate) fn validate(rows: &[ChartRow]) -> Result<(), PdfError> {
    for row in rows {
        row.check().map_err(|problem| PdfError::ChartLevel {
            label: row.label.clone(),
            problem,
        })?;
    }
    Ok(())
}

/// Horizontal positions of the chart's columns.
struct Columns {
    label_width: f32,
    scale_left: f32,
    scale_right: f32,
    required_x: f32,
    observed_x: f32,
}

impl Columns {
    fn new(l: &Layout<'_>) -> Self {
        let width = l.geo.content_width();
        let label_width = width * 0.30;
        let values_width = width * 0.17;
        Self {
            label_width,
            scale_left: l.geo.left + label_width + 6.0,
            scale_right: l.geo.right - values_width - 16.0,
            required_x: l.geo.right - values_width,
            observed_x: l.geo.right - values_width * 0.55,
        }
    }

    /// x of a level on the scale; 0 is the scale's left edge.
    fn x(&self, level: f32) -> f32 {
        self.scale_left + (self.scale_right - self.scale_left) * level / MAX_LEVEL
    }
}

/// Lays out a validated chart.
pub(crate) fn level_chart(l: &mut Layout<'_>, rows: &[ChartRow]) {
    let cols = Columns::new(l);
    let lh = line_height(LABEL_SIZE);
    let wrapped: Vec<_> = rows
        .iter()
        .map(|r| {
            let lines = wrap(
                l.fonts,
                &[Span::regular(&r.label)],
                LABEL_SIZE,
                cols.label_width - 4.0,
            );
            let height = (lines.len() as f32 * lh + 8.0).max(MIN_ROW);
            (r, lines, height)
        })
        .collect();
    let Some(first) = wrapped.first() else {
        return;
    };
    l.ensure(HEADER_HEIGHT + first.2);
    header(l, &cols);
    for (i, (row, lines, height)) in wrapped.iter().enumerate() {
        // The last row takes the legend along rather than leave it alone.
        let needed = if i + 1 == wrapped.len() {
            height + LEGEND_HEIGHT
        } else {
            *height
        };
        if needed > l.remaining() {
            l.new_page();
            header(l, &cols);
        }
        let top = l.y;
        let center = top + height / 2.0;
        grid(l, &cols, top, top + height);
        let text_top = center - lines.len() as f32 * lh / 2.0;
        for (i, line) in lines.iter().enumerate() {
            l.draw_line(
                line,
                l.geo.left,
                text_top + i as f32 * lh,
                LABEL_SIZE,
                Rgb::TEXT,
            );
        }
        bars(l, &cols, row, center);
        values(l, &cols, row, center);
        l.y += height;
    }
    l.ensure(LEGEND_HEIGHT);
    legend(l, &cols);
    l.gap(10.0);
}

fn small_text(l: &mut Layout<'_>, x: f32, top: f32, style: Style, text: &str) {
    let baseline = l.baseline(top, SMALL_SIZE);
    l.push(Draw::Text {
        x,
        baseline,
        size: SMALL_SIZE,
        style,
        color: Rgb::MUTED,
        text: text.to_string(),
    });
}

/// Text centred on `x`.
fn centred(l: &mut Layout<'_>, x: f32, top: f32, size: f32, color: Rgb, text: &str) {
    let width = measure(l.fonts, text, Style::Regular, size);
    let baseline = l.baseline(top, size);
    l.push(Draw::Text {
        x: x - width / 2.0,
        baseline,
        size,
        style: Style::Regular,
        color,
        text: text.to_string(),
    });
}

fn header(l: &mut Layout<'_>, cols: &Columns) {
    let top = l.y + (HEADER_HEIGHT - line_height(SMALL_SIZE)) / 2.0;
    small_text(l, l.geo.left, top, Style::Bold, "Competency");
    for level in 1..=5 {
        centred(
            l,
            cols.x(level as f32),
            top,
            SMALL_SIZE,
            Rgb::MUTED,
            &level.to_string(),
        );
    }
    small_text(l, cols.required_x, top, Style::Bold, "Req.");
    small_text(l, cols.observed_x, top, Style::Bold, "Obs.");
    let y = l.y + HEADER_HEIGHT;
    l.push(Draw::Line {
        from: (l.geo.left, y),
        to: (l.geo.right, y),
        stroke: Stroke::new(Rgb::RULE, 0.6),
    });
    l.y = y;
}

fn grid(l: &mut Layout<'_>, cols: &Columns, top: f32, bottom: f32) {
    for level in 0..=5 {
        let x = cols.x(level as f32);
        let color = if level == 0 { Rgb::RULE } else { Rgb::FAINT };
        l.push(Draw::Line {
            from: (x, top),
            to: (x, bottom),
            stroke: Stroke::new(color, 0.5),
        });
    }
    l.push(Draw::Line {
        from: (l.geo.left, bottom),
        to: (l.geo.right, bottom),
        stroke: Stroke::new(Rgb::FAINT, 0.5),
    });
}

fn values(l: &mut Layout<'_>, cols: &Columns, row: &ChartRow, center: f32) {
    let top = center - line_height(LABEL_SIZE) / 2.0;
    let required = row.required.map_or("—".to_string(), |r| r.to_string());
    let observed = match (row.observed, row.spread) {
        (Some(o), Some((lo, hi))) => format!("{} ({lo}–{hi})", median_text(Some(o))),
        (Some(o), None) => median_text(Some(o)),
        (None, _) => "—".to_string(),
    };
    for (x, text) in [(cols.required_x, required), (cols.observed_x, observed)] {
        let line = wrap(l.fonts, &[Span::regular(text)], LABEL_SIZE, f32::INFINITY);
        if let Some(line) = line.first() {
            l.draw_line(line, x, top, LABEL_SIZE, Rgb::TEXT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::Fonts;
    use crate::pdf::paper::{Geometry, Paper};

    fn row(required: Option<u8>, observed: Option<f32>, spread: Option<(u8, u8)>) -> ChartRow {
        ChartRow {
            label: "Ownership".into(),
            required,
            observed,
            spread,
        }
    }

    #[test]
    fn levels_outside_the_scale_are_rejected_with_the_competency_named() {
        let cases = [
            (row(Some(0), None, None), "required 0"),
            (row(Some(6), None, None), "required 6"),
            (row(None, Some(5.5), None), "observed 5.5"),
            (row(None, Some(f32::NAN), None), "observed NaN"),
            (row(None, None, Some((4, 2))), "reversed spread"),
        ];
        for (r, case) in cases {
            let err = validate(&[r]).expect_err(case);
            assert!(err.to_string().contains("Ownership"), "{case}: {err}");
        }
        assert!(validate(&[row(Some(3), Some(3.5), Some((2, 5)))]).is_ok());
        assert!(
            validate(&[row(None, None, None)]).is_ok(),
            "a competency nobody rated"
        );
    }

    #[test]
    fn bars_end_at_the_level_they_show() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        let cols = Columns::new(&l);
        level_chart(&mut l, &[row(Some(4), Some(2.5), None)]);
        let widths: Vec<(f32, bool)> = l.pages[0]
            .items
            .iter()
            .filter_map(|d| match d {
                Draw::Rect { width, fill, .. } => Some((*width, fill.is_some())),
                _ => None,
            })
            .take(2)
            .collect();
        let unit = cols.x(1.0) - cols.x(0.0);
        assert!(
            (widths[0].0 - 2.5 * unit).abs() < 0.01 && widths[0].1,
            "{widths:?}"
        );
        assert!(
            (widths[1].0 - 4.0 * unit).abs() < 0.01 && !widths[1].1,
            "{widths:?}"
        );
    }

    #[test]
    fn an_empty_chart_draws_nothing() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        level_chart(&mut l, &[]);
        assert!(l.pages[0].items.is_empty());
    }

    #[test]
    fn the_legend_never_sits_alone_at_the_top_of_a_page() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        // Room for the header and one row, but not for the legend too.
        l.y = l.geo.bottom - HEADER_HEIGHT - MIN_ROW - 5.0;
        level_chart(
            &mut l,
            &[row(Some(3), None, None), row(Some(2), None, None)],
        );
        let last = l.pages.last().unwrap().text();
        assert!(
            last.contains("Ownership") && last.contains("Required level"),
            "{last}"
        );
    }

    #[test]
    fn the_scale_header_repeats_after_a_page_break() {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        let rows: Vec<ChartRow> = (0..40)
            .map(|_| row(Some(3), Some(3.0), Some((2, 4))))
            .collect();
        level_chart(&mut l, &rows);
        assert!(l.pages.len() >= 2);
        for page in &l.pages {
            assert!(page.text().starts_with("Competency 1 2 3 4 5 Req. Obs."));
        }
    }
}
