//! Tables: columns sized by fraction, wrapping cells, the header repeated
//! after every page break, and rows split only between text lines.

use super::PdfError;
use super::draw::{Draw, Rgb, Stroke};
use super::fonts::{Fonts, Style};
use super::layout::{Layout, line_height};
use super::text::{Line, Span, wrap};

/// Table text size: a step below body text so anchors fit.
const SIZE: f32 = 9.0;
const PAD_X: f32 = 5.0;
const PAD_Y: f32 = 4.0;
const BORDER: Stroke = Stroke::new(Rgb::RULE, 0.5);

/// A table column: its title and its share of the content width. Widths
/// are relative (`[1.0, 3.0]` gives a quarter and three quarters).
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Header text, drawn bold on a tinted background.
    pub title: String,
    /// Share of the table width, relative to the other columns.
    pub width: f32,
}

impl Column {
    /// A column titled `title` taking `width` relative to the others.
    pub fn new(title: impl Into<String>, width: f32) -> Self {
        Self {
            title: title.into(),
            width,
        }
    }
}

/// One table cell: text that wraps within the column, optionally bold or
/// on a shaded background.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The text; `'\n'` starts a new line.
    pub text: String,
    /// Set in the bold face.
    pub bold: bool,
    /// Drawn on a light grey background.
    pub shaded: bool,
}

impl Cell {
    /// A plain cell.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A bold cell.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            bold: true,
            ..Self::new(text)
        }
    }

    /// This cell on a shaded background.
    pub fn shaded(self) -> Self {
        Self {
            shaded: true,
            ..self
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Self::new(text)
    }
}

/// A table as the builder records it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Checks the shape; `index` names the table in errors.
    pub(crate) fn validate(&self, index: usize) -> Result<(), PdfError> {
        let problem = if self.columns.is_empty() {
            Some("it has no columns".to_string())
        } else {
            self.columns
                .iter()
                .find(|c| !(c.width.is_finite() && c.width > 0.0))
                .map(|c| format!("column {:?} has width {}", c.title, c.width))
        };
        if let Some(problem) = problem {
            return Err(PdfError::TableColumns {
                table: index,
                problem,
            });
        }
        match self.rows.iter().position(|r| r.len() != self.columns.len()) {
            Some(row) => Err(PdfError::TableRow {
                table: index,
                row,
                cells: self.rows[row].len(),
                columns: self.columns.len(),
            }),
            None => Ok(()),
        }
    }
}

/// A row with its cells wrapped to their column widths.
struct WrappedRow<'c> {
    cells: Vec<(&'c Cell, Vec<Line>)>,
    fill: Option<Rgb>,
}

impl WrappedRow<'_> {
    fn line_count(&self, from: &[usize]) -> usize {
        self.cells
            .iter()
            .zip(from)
            .map(|((_, lines), &start)| lines.len().saturating_sub(start))
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

fn wrap_row<'c>(
    fonts: &Fonts,
    widths: &[f32],
    cells: Vec<&'c Cell>,
    fill: Option<Rgb>,
) -> WrappedRow<'c> {
    let cells = cells
        .into_iter()
        .zip(widths)
        .map(|(cell, w)| {
            let style = if cell.bold {
                Style::Bold
            } else {
                Style::Regular
            };
            (
                cell,
                wrap(
                    fonts,
                    &[Span::new(&cell.text, style)],
                    SIZE,
                    w - 2.0 * PAD_X,
                ),
            )
        })
        .collect();
    WrappedRow { cells, fill }
}

fn row_height(lines: usize) -> f32 {
    lines as f32 * line_height(SIZE) + 2.0 * PAD_Y
}

/// Lays out a validated table.
pub(crate) fn table(l: &mut Layout<'_>, table: &Table) {
    let total: f32 = table.columns.iter().map(|c| c.width).sum();
    let widths: Vec<f32> = table
        .columns
        .iter()
        .map(|c| c.width / total * l.geo.content_width())
        .collect();
    let titles: Vec<Cell> = table.columns.iter().map(|c| Cell::bold(&c.title)).collect();
    let header = wrap_row(
        l.fonts,
        &widths,
        titles.iter().collect(),
        Some(Rgb::HEADER_FILL),
    );
    let rows: Vec<WrappedRow<'_>> = table
        .rows
        .iter()
        .map(|r| wrap_row(l.fonts, &widths, r.iter().collect(), None))
        .collect();

    let no_lines_shown = vec![0; widths.len()];
    let header_height = row_height(header.line_count(&no_lines_shown));
    let fresh_page_room = l.geo.content_height() - header_height;
    let first_row = rows.first().map_or(0.0, |r| {
        row_height(r.line_count(&no_lines_shown)).min(fresh_page_room)
    });
    l.ensure(header_height + first_row);
    draw_fragment(l, &widths, &header, &no_lines_shown, usize::MAX);

    for row in &rows {
        let mut start = no_lines_shown.clone();
        let mut after_break = false;
        loop {
            let needed = row_height(row.line_count(&start));
            let fitting = ((l.remaining() - 2.0 * PAD_Y) / line_height(SIZE)).floor();
            // The second arm only guards against a header taller than a page.
            if needed <= l.remaining() + 0.01 || (after_break && fitting < 1.0) {
                draw_fragment(l, &widths, row, &start, usize::MAX);
                break;
            }
            if needed > fresh_page_room && fitting >= 1.0 {
                // Taller than a page: show what fits, continue after the break.
                let shown = fitting as usize;
                draw_fragment(l, &widths, row, &start, shown);
                for (s, (_, lines)) in start.iter_mut().zip(&row.cells) {
                    *s = (*s + shown).min(lines.len());
                }
            }
            l.new_page();
            draw_fragment(l, &widths, &header, &no_lines_shown, usize::MAX);
            after_break = true;
        }
    }
    l.gap(10.0);
}

/// Draws lines `start[i]..start[i] + max_lines` of every cell as one band.
fn draw_fragment(
    l: &mut Layout<'_>,
    widths: &[f32],
    row: &WrappedRow<'_>,
    start: &[usize],
    max_lines: usize,
) {
    let lines = row.line_count(start).min(max_lines);
    let height = row_height(lines);
    let mut x = l.geo.left;
    for (((cell, cell_lines), &width), &from) in row.cells.iter().zip(widths).zip(start) {
        let fill = row.fill.or(cell.shaded.then_some(Rgb::SHADE));
        l.push(Draw::Rect {
            x,
            y: l.y,
            width,
            height,
            fill,
            stroke: Some(BORDER),
        });
        let end = (from + lines).min(cell_lines.len());
        for (i, line) in cell_lines[from.min(end)..end].iter().enumerate() {
            let top = l.y + PAD_Y + i as f32 * line_height(SIZE);
            l.draw_line(line, x + PAD_X, top, SIZE, Rgb::TEXT);
        }
        x += width;
    }
    l.y += height;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::draw::Page;
    use crate::pdf::paper::{Geometry, Paper};

    fn lay_out(t: &Table) -> Vec<Page> {
        let fonts = Fonts::load().unwrap();
        let mut l = Layout::new(&fonts, Geometry::for_paper(Paper::A4));
        table(&mut l, t);
        l.pages
    }

    fn two_columns(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            columns: vec![Column::new("Level", 1.0), Column::new("Anchor", 4.0)],
            rows,
        }
    }

    #[test]
    fn a_row_with_too_few_cells_is_an_error_naming_it() {
        let t = two_columns(vec![vec!["1".into(), "ok".into()], vec!["2".into()]]);
        let err = t.validate(0).unwrap_err();
        assert!(
            matches!(
                err,
                PdfError::TableRow {
                    row: 1,
                    cells: 1,
                    columns: 2,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn zero_width_columns_are_rejected() {
        let t = Table {
            columns: vec![Column::new("A", 0.0)],
            rows: vec![],
        };
        assert!(matches!(
            t.validate(3),
            Err(PdfError::TableColumns { table: 3, .. })
        ));
    }

    #[test]
    fn the_header_repeats_on_every_page() {
        let rows = (0..120)
            .map(|i| vec![Cell::new(i.to_string()), Cell::new("anchor text")])
            .collect();
        let pages = lay_out(&two_columns(rows));
        assert!(pages.len() >= 3);
        for page in &pages {
            assert!(page.text().starts_with("Level Anchor"), "{}", page.text());
        }
    }

    #[test]
    fn a_row_taller_than_a_page_splits_between_lines_and_keeps_every_line() {
        let long: String = (0..2000).map(|i| format!("w{i} ")).collect();
        let pages = lay_out(&two_columns(vec![vec![
            Cell::new("1"),
            Cell::new(long.clone()),
        ]]));
        assert!(pages.len() >= 2);
        let all: String = pages.iter().map(Page::text).collect::<Vec<_>>().join(" ");
        let words: Vec<&str> = all
            .split_whitespace()
            .filter(|w| w.starts_with('w'))
            .collect();
        let expected: Vec<&str> = long.split_whitespace().collect();
        assert_eq!(words, expected);
    }

    #[test]
    fn shaded_cells_are_filled() {
        let pages = lay_out(&two_columns(vec![vec![
            Cell::bold("3").shaded(),
            Cell::new("x"),
        ]]));
        let fills: Vec<Option<Rgb>> = pages[0]
            .items
            .iter()
            .filter_map(|d| match d {
                Draw::Rect { fill, .. } => Some(*fill),
                _ => None,
            })
            .collect();
        assert_eq!(
            fills,
            [
                Some(Rgb::HEADER_FILL),
                Some(Rgb::HEADER_FILL),
                Some(Rgb::SHADE),
                None
            ]
        );
    }
}
