//! The [`Document`] builder: records blocks in reading order, then lays
//! them out into pages, adds the running header and "Page N of M" footer
//! once the page count is known, and renders the PDF.

use super::PdfError;
use super::blocks::{self, ITEM_GAP, LIST_INDENT, PARAGRAPH_GAP, Para};
use super::chart::{self, ChartRow};
use super::draw::Page;
use super::fonts::Fonts;
use super::fonts::Style;
use super::keep::keep_with;
use super::layout::Layout;
use super::marginalia;
use super::markdown;
use super::paper::{Geometry, Paper};
use super::render::{self, Metadata};
use super::table::{self, Cell, Column, Table};
use super::text::Span;

/// One block of content, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Block {
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Para),
    KeyValues(Vec<(String, String)>),
    Table(Table),
    Chart(Vec<ChartRow>),
    /// `None`: to the end of the page.
    Ruled(Option<usize>),
    Rule,
    Spacer(f32),
    PageBreak,
}

/// A PDF document under construction. Methods append blocks and return
/// `&mut Self` so calls chain; nothing is laid out until
/// [`to_bytes`](Self::to_bytes) (or [`page_count`](Self::page_count)).
#[derive(Clone, Debug)]
pub struct Document {
    paper: Paper,
    title: String,
    header: String,
    created_at: Option<i64>,
    blocks: Vec<Block>,
}

impl Document {
    /// An empty document on `paper`. `title` becomes the PDF's title
    /// metadata and, until [`running_header`](Self::running_header) says
    /// otherwise, the header printed at the top of every page.
    pub fn new(paper: Paper, title: impl Into<String>) -> Self {
        let title = title.into();
        Self {
            paper,
            header: title.clone(),
            title,
            created_at: None,
            blocks: Vec::new(),
        }
    }

    /// The creation date in the PDF's metadata, UTC milliseconds since
    /// 1970. Without it the clock at [`to_bytes`](Self::to_bytes) is used.
    pub fn created_at(&mut self, unix_ms: i64) -> &mut Self {
        self.created_at = Some(unix_ms);
        self
    }

    /// Replaces the text printed at the top of every page (shortened with
    /// "…" if it does not fit on one line).
    pub fn running_header(&mut self, text: impl Into<String>) -> &mut Self {
        self.header = text.into();
        self
    }

    /// A bold heading; `level` 1 is largest, anything above 3 is treated
    /// as 3. A heading never ends a page: it moves on with what follows.
    pub fn heading(&mut self, level: u8, text: &str) -> &mut Self {
        self.blocks.push(Block::Heading {
            level: level.clamp(1, 3),
            text: text.to_string(),
        });
        self
    }

    /// A paragraph of plain text; `'\n'` starts a new line.
    pub fn paragraph(&mut self, text: &str) -> &mut Self {
        self.blocks.push(Block::Paragraph(Para::plain(text)));
        self
    }

    /// A short line that introduces what follows ("Probes:"). Like a
    /// heading it never ends a page: it moves on with what follows.
    pub fn label(&mut self, text: &str) -> &mut Self {
        self.blocks.push(Block::Paragraph(Para {
            keeps_with_next: true,
            ..Para::plain(text)
        }));
        self
    }

    /// A line with a bold lead-in ("R1: 3 Independent — the anchor"),
    /// both plain text, kept with what follows like a [`label`](Self::label).
    pub fn lead(&mut self, bold: &str, rest: &str) -> &mut Self {
        self.blocks.push(Block::Paragraph(Para {
            spans: vec![
                Span::new(bold, Style::Bold),
                Span::regular(format!(" {rest}")),
            ],
            keeps_with_next: true,
            ..Para::plain("")
        }));
        self
    }

    /// A bullet list of plain text items (no Markdown escaping needed).
    pub fn bullets<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Self {
        for (i, item) in items.iter().enumerate() {
            self.blocks.push(Block::Paragraph(Para {
                indent: LIST_INDENT,
                marker: Some("•".to_string()),
                space_after: if i + 1 == items.len() {
                    PARAGRAPH_GAP
                } else {
                    ITEM_GAP
                },
                ..Para::plain(item.as_ref())
            }));
        }
        self
    }

    /// Markdown: paragraphs, `**bold**`, `*italic*`, bullet and numbered
    /// lists, soft and hard breaks, headings (shown at level 2 or 3), block
    /// quotes, code and rules. Raw HTML is dropped; links show their text.
    pub fn markdown(&mut self, md: &str) -> &mut Self {
        self.blocks.extend(markdown::to_blocks(md));
        self
    }

    /// Label–value pairs in two aligned columns ("Candidate", "Role", …).
    pub fn key_values<L: AsRef<str>, V: AsRef<str>>(&mut self, pairs: &[(L, V)]) -> &mut Self {
        let pairs = pairs
            .iter()
            .map(|(l, v)| (l.as_ref().to_string(), v.as_ref().to_string()))
            .collect();
        self.blocks.push(Block::KeyValues(pairs));
        self
    }

    /// A table with a header row of column titles. Cells wrap; the header
    /// is repeated after a page break; a row moves to the next page whole,
    /// or, if taller than a page, splits between lines. Every row must have
    /// one cell per column ([`PdfError::TableRow`] otherwise).
    pub fn table(&mut self, columns: &[Column], rows: Vec<Vec<Cell>>) -> &mut Self {
        self.blocks.push(Block::Table(Table {
            columns: columns.to_vec(),
            rows,
        }));
        self
    }

    /// A chart of required against observed proficiency level (1–5), one
    /// row per competency, with a legend. Levels outside 1–5 are a
    /// [`PdfError::ChartLevel`].
    pub fn level_chart(&mut self, rows: &[ChartRow]) -> &mut Self {
        self.blocks.push(Block::Chart(rows.to_vec()));
        self
    }

    /// `n` ruled lines to write notes on by hand, continuing on the next
    /// page if they do not fit.
    pub fn ruled_lines(&mut self, n: usize) -> &mut Self {
        self.blocks.push(Block::Ruled(Some(n)));
        self
    }

    /// Ruled lines down to the bottom of the current page, or of the next
    /// page if fewer than three would fit here: handwriting room that never
    /// spills a few stray lines onto a page of their own.
    pub fn ruled_lines_to_page_end(&mut self) -> &mut Self {
        self.blocks.push(Block::Ruled(None));
        self
    }

    /// A thin horizontal rule across the page.
    pub fn rule(&mut self) -> &mut Self {
        self.blocks.push(Block::Rule);
        self
    }

    /// `pt` points of vertical space (dropped at the top of a page).
    pub fn spacer(&mut self, pt: f32) -> &mut Self {
        self.blocks.push(Block::Spacer(pt.max(0.0)));
        self
    }

    /// Continues on a new page. Does nothing at the top of an empty page,
    /// so it never produces blank pages.
    pub fn page_break(&mut self) -> &mut Self {
        self.blocks.push(Block::PageBreak);
        self
    }

    /// The number of pages the document lays out to.
    pub fn page_count(&self) -> Result<usize, PdfError> {
        let fonts = Fonts::load()?;
        Ok(self.lay_out(&fonts)?.len())
    }

    /// Lays the document out and renders it as PDF, fonts subset to the
    /// glyphs used. CPU-bound for a few to tens of milliseconds: call it
    /// through `tokio::task::spawn_blocking` from async handlers.
    pub fn to_bytes(&self) -> Result<Vec<u8>, PdfError> {
        let fonts = Fonts::load()?;
        let pages = self.lay_out(&fonts)?;
        let created_at = self.created_at.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        });
        let meta = Metadata {
            title: &self.title,
            created_at,
        };
        render::to_pdf(&meta, &fonts, Geometry::for_paper(self.paper), &pages)
    }

    /// Pages with their header and footer.
    pub(crate) fn lay_out(&self, fonts: &Fonts) -> Result<Vec<Page>, PdfError> {
        self.validate()?;
        let geo = Geometry::for_paper(self.paper);
        let mut l = Layout::new(fonts, geo);
        for (i, block) in self.blocks.iter().enumerate() {
            match block {
                Block::Heading { level, text } => {
                    let keep = keep_with(&l, &self.blocks[i + 1..]);
                    blocks::heading(&mut l, *level, text, keep);
                }
                Block::Paragraph(para) => {
                    let keep = if para.keeps_with_next {
                        keep_with(&l, &self.blocks[i + 1..])
                    } else {
                        0.0
                    };
                    blocks::paragraph(&mut l, para, keep);
                }
                Block::KeyValues(pairs) => blocks::key_values(&mut l, pairs),
                Block::Table(t) => table::table(&mut l, t),
                Block::Chart(rows) => chart::level_chart(&mut l, rows),
                Block::Ruled(n) => blocks::ruled_lines(&mut l, *n),
                Block::Rule => blocks::rule(&mut l),
                Block::Spacer(pt) => l.gap(*pt),
                Block::PageBreak => {
                    if !l.at_page_top() {
                        l.new_page();
                    }
                }
            }
        }
        let mut pages = l.pages;
        if pages.len() > 1 && pages.last().is_some_and(|p| p.items.is_empty()) {
            pages.pop();
        }
        marginalia::add(fonts, geo, &self.header, &mut pages);
        Ok(pages)
    }

    fn validate(&self) -> Result<(), PdfError> {
        let tables = self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        });
        for (i, t) in tables.enumerate() {
            t.validate(i)?;
        }
        for block in &self.blocks {
            if let Block::Chart(rows) = block {
                chart::validate(rows)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::draw::Draw;

    fn pages(doc: &Document) -> Vec<Page> {
        doc.lay_out(&Fonts::load().unwrap()).unwrap()
    }

    #[test]
    fn every_page_is_numbered_against_the_final_count() {
        let mut doc = Document::new(Paper::A4, "Notes");
        doc.paragraph(&"word ".repeat(3000));
        let pages = pages(&doc);
        let total = pages.len();
        assert!(total >= 3);
        for (i, page) in pages.iter().enumerate() {
            let expected = format!("Page {} of {total}", i + 1);
            assert!(
                page.text().ends_with(&expected),
                "page {}: {}",
                i + 1,
                page.text()
            );
            assert!(page.text().starts_with("Notes"));
        }
    }

    #[test]
    fn page_breaks_never_leave_blank_pages() {
        let mut doc = Document::new(Paper::Letter, "T");
        doc.page_break()
            .paragraph("one")
            .page_break()
            .page_break()
            .paragraph("two")
            .page_break();
        assert_eq!(doc.page_count().unwrap(), 2);
    }

    #[test]
    fn an_empty_document_still_has_one_numbered_page() {
        let doc = Document::new(Paper::A4, "Empty");
        let pages = pages(&doc);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].text().ends_with("Page 1 of 1"));
    }

    #[test]
    fn heading_levels_are_clamped_to_one_to_three() {
        let mut doc = Document::new(Paper::A4, "T");
        doc.heading(0, "a").heading(9, "b");
        let levels: Vec<u8> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, [1, 3]);
    }

    #[test]
    fn a_long_running_header_is_shortened_to_fit() {
        let mut doc = Document::new(Paper::A4, "T");
        doc.running_header("Candidate summary ".repeat(30));
        let first = pages(&doc).remove(0);
        let header = first.items.iter().find_map(|d| match d {
            Draw::Text { text, .. } if text.starts_with("Candidate") => Some(text.clone()),
            _ => None,
        });
        assert!(header.is_some_and(|h| h.ends_with('…')));
    }

    /// The lines of body text on `page` (marginalia left out), top to
    /// bottom, each as its runs joined.
    fn body_lines(page: &Page, geo: Geometry) -> Vec<String> {
        let mut lines: Vec<(f32, String)> = Vec::new();
        for item in &page.items {
            if let Draw::Text { baseline, text, .. } = item
                && *baseline > geo.top
                && *baseline < geo.bottom
            {
                match lines.iter_mut().find(|(b, _)| (b - baseline).abs() < 0.01) {
                    Some((_, line)) => line.push_str(text),
                    None => lines.push((*baseline, text.clone())),
                }
            }
        }
        lines.sort_by(|a, b| a.0.total_cmp(&b.0));
        lines.into_iter().map(|(_, t)| t).collect()
    }

    #[test]
    fn no_heading_or_label_ever_ends_a_page() {
        let geo = Geometry::for_paper(Paper::A4);
        let kept = ["Ratings", "Customer focus", "R1: 3 Independent", "Probes:"];
        let mut moved_on = 0;
        // Filler of 0 to 45 lines walks the run of headings and labels down
        // the page, across every position at its foot.
        for filler in 0..46 {
            let mut doc = Document::new(Paper::A4, "T");
            if filler > 0 {
                doc.paragraph(&vec!["filler"; filler].join("\n"));
            }
            doc.heading(2, kept[0])
                .heading(3, kept[1])
                .lead(kept[2], "— acts without prompting")
                .label(kept[3])
                .bullets(&["What did you do first?", "And then?"])
                .paragraph(&"evidence ".repeat(200));
            let pages = doc.lay_out(&Fonts::load().unwrap()).unwrap();
            for (i, page) in pages.iter().enumerate() {
                let lines = body_lines(page, geo);
                let last = lines.last().cloned().unwrap_or_default();
                assert!(
                    !kept.iter().any(|k| last.starts_with(k)),
                    "filler {filler}: page {} ends with {last:?}",
                    i + 1
                );
            }
            if pages.len() > 1 && body_lines(&pages[1], geo)[0] == kept[0] {
                moved_on += 1;
            }
        }
        assert!(moved_on > 0, "some positions move the whole run on");
    }

    #[test]
    fn the_replacement_mark_is_explained_on_its_page_only() {
        let mut doc = Document::new(Paper::A4, "T");
        doc.paragraph("plain")
            .page_break()
            .paragraph("hieroglyph 𓀀");
        let pages = pages(&doc);
        assert!(
            !pages[0].text().contains("cannot show"),
            "{}",
            pages[0].text()
        );
        assert!(
            pages[1]
                .text()
                .contains("\u{FFFD} marks characters this PDF's fonts cannot show"),
            "{}",
            pages[1].text()
        );
    }

    #[test]
    fn malformed_tables_fail_before_layout() {
        let mut doc = Document::new(Paper::A4, "T");
        doc.table(&[Column::new("A", 1.0)], vec![vec![]]);
        assert!(matches!(doc.to_bytes(), Err(PdfError::TableRow { .. })));
    }
}
