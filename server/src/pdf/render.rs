//! Turning laid-out pages into PDF bytes with printpdf: one text section
//! per run, rectangles and lines as paths, fonts embedded and subset.

use std::sync::OnceLock;

use printpdf::{
    Color, DateTime, FontId, Line as PdfLine, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use super::PdfError;
use super::draw::{Draw, Page, Rgb, Stroke};
use super::fonts::{FACES, Style};
use super::paper::Geometry;

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

/// `style`'s face parsed for printpdf. Parsing takes milliseconds (the CJK
/// face far more), so each face is parsed once per process, and only when a
/// document first uses it.
fn parsed_font(style: Style) -> Result<&'static ParsedFont, PdfError> {
    static PARSED: [OnceLock<Option<ParsedFont>>; FACES] = [const { OnceLock::new() }; FACES];
    PARSED[style.index()]
        .get_or_init(|| ParsedFont::from_bytes(style.bytes(), 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PdfError::Font {
            name: style.file_name(),
        })
}

/// What the PDF's document information says about it.
pub(crate) struct Metadata<'a> {
    pub title: &'a str,
    /// When the document was made, UTC milliseconds since 1970.
    pub created_at: i64,
}

/// Renders `pages` into a PDF with `meta` as its document information.
pub(crate) fn to_pdf(
    meta: &Metadata<'_>,
    geo: Geometry,
    pages: &[Page],
) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(meta.title);
    doc.metadata.info.creator = "Panelkit".to_string();
    doc.metadata.info.producer = "Panelkit (printpdf)".to_string();
    // Without this, printpdf dates every file 1970-01-01.
    let created = DateTime::from_unix_timestamp(meta.created_at.div_euclid(1000))
        .map_err(|e| PdfError::Write(format!("creation date: {e}")))?;
    doc.metadata.info.creation_date = created;
    doc.metadata.info.modification_date = created;
    doc.metadata.info.metadata_date = created;
    // Only the faces the pages use are added: printpdf would leave the others
    // out of the file anyway, but copying the CJK face's tables into every
    // document would cost time.
    let mut used = [false; FACES];
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Draw::Text { style, .. } = item {
            used[style.index()] = true;
        }
    }
    let mut font_ids: [Option<FontId>; FACES] = Default::default();
    for style in Style::ALL {
        if used[style.index()] {
            font_ids[style.index()] = Some(doc.add_font(parsed_font(style)?));
        }
    }
    let width = Mm::from(Pt(geo.page_width));
    let height = Mm::from(Pt(geo.page_height));
    let pdf_pages = pages
        .iter()
        .map(|page| PdfPage::new(width, height, page_ops(page, geo.page_height, &font_ids)))
        .collect();
    let options = PdfSaveOptions {
        subset_fonts: true,
        // Compressed below: lopdf's own pass uses the slowest level, which
        // took a third of a summary's time for a file 3% smaller.
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf = doc
        .with_pages(pdf_pages)
        .to_lopdf_document(&options, &mut Vec::new());
    compress_streams(&mut pdf);
    let mut out = Vec::new();
    pdf.save_to(&mut out)
        .map_err(|e| PdfError::Write(e.to_string()))?;
    Ok(out)
}

/// Deflates every stream not already filtered (page content, fonts, the
/// ToUnicode maps) at a fast level.
fn compress_streams(pdf: &mut lopdf::Document) {
    use flate2::Compression;
    use flate2::write::ZlibEncoder;
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() || stream.content.len() < 64 {
            continue;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(3));
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        if let Ok(compressed) = encoder.finish()
            && compressed.len() < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A point given from the top-left, in PDF's bottom-left coordinates.
fn point(page_height: f32, x: f32, y: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(page_height - y),
    }
}

fn stroke_ops(ops: &mut Vec<Op>, stroke: Stroke) {
    ops.push(Op::SetOutlineColor {
        col: color(stroke.color),
    });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(stroke.width),
    });
}

fn page_ops(page: &Page, page_height: f32, fonts: &[Option<FontId>; FACES]) -> Vec<Op> {
    let mut ops = Vec::new();
    for item in &page.items {
        match item {
            Draw::Text {
                x,
                baseline,
                size,
                style,
                color: c,
                text,
            } => {
                let Some(font) = &fonts[style.index()] else {
                    continue;
                };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::SetTextCursor {
                    pos: point(page_height, *x, *baseline),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Draw::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => {
                if let Some(fill) = fill {
                    ops.push(Op::SetFillColor { col: color(*fill) });
                }
                if let Some(stroke) = stroke {
                    stroke_ops(&mut ops, *stroke);
                }
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    (None, _) => PaintMode::Stroke,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(page_height - y - height),
                        width: Pt(*width),
                        height: Pt(*height),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Draw::Line { from, to, stroke } => {
                stroke_ops(&mut ops, *stroke);
                let p = |(x, y): (f32, f32)| LinePoint {
                    p: point(page_height, x, y),
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: PdfLine {
                        points: vec![p(*from), p(*to)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops
}
