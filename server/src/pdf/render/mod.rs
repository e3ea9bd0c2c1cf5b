//! Turning laid-out pages into PDF bytes: one content stream per page
//! written straight from the display list, the faces it uses embedded as
//! subsets (see [`embed`]), and the file around them.
//!
//! printpdf built the file before, through its own list of operations and
//! lopdf's object tree; that was four fifths of a summary's time (number
//! formatting, allocation, subsetting and deflating the fonts for every
//! document). printpdf still parses and subsets the faces.

mod content;
mod embed;
mod file;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::ZlibEncoder;

use super::PdfError;
use super::draw::{Draw, Page};
use super::fonts::{FACES, Fonts, Style};
use super::paper::Geometry;
use content::Content;
use embed::Embedding;
use file::FileWriter;

/// What the PDF's document information says about it.
pub(crate) struct Metadata<'a> {
    pub title: &'a str,
    /// When the document was made, UTC milliseconds since 1970.
    pub created_at: i64,
}

/// Renders `pages`, laid out with `fonts`, into a PDF with `meta` as its
/// document information.
pub(crate) fn to_pdf(
    meta: &Metadata<'_>,
    fonts: &Fonts,
    geo: Geometry,
    pages: &[Page],
) -> Result<Vec<u8>, PdfError> {
    let embeddings = embeddings(fonts, pages)?;
    let mut file = FileWriter::with_capacity(64 * 1024);
    let catalog = file.reserve();
    let page_tree = file.reserve();
    let info = file.reserve();
    let resources = file.reserve();
    let font_ids: [_; FACES] =
        std::array::from_fn(|i| embeddings[i].as_ref().map(|_| file.reserve()));

    let mut kids = String::new();
    for page in pages {
        let content = file.reserve();
        let page_id = file.reserve();
        file.object(
            page_id,
            &format!(
                "<< /Type /Page /Parent {page_tree} /MediaBox [0 0 {} {}] \
                 /Resources {resources} /Contents {content} >>",
                geo.page_width, geo.page_height
            ),
        );
        let bytes = page_content(page, fonts, geo.page_height, &embeddings);
        file.stream(content, "/Filter /FlateDecode", &deflate(&bytes));
        kids.push_str(&format!("{page_id} "));
    }
    file.object(
        page_tree,
        &format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.trim_end(),
            pages.len()
        ),
    );
    file.object(catalog, &format!("<< /Type /Catalog /Pages {page_tree} >>"));

    let mut font_names = String::new();
    for (i, (embedding, id)) in embeddings.iter().zip(font_ids).enumerate() {
        if let (Some(embedding), Some(id)) = (embedding, id) {
            embedding.write(&mut file, id);
            font_names.push_str(&format!("/F{i} {id} "));
        }
    }
    file.object(resources, &format!("<< /Font << {}>> >>", font_names));

    let created =
        file::date(meta.created_at).map_err(|e| PdfError::Write(format!("creation date: {e}")))?;
    file.object(
        info,
        &format!(
            "<< /Title {} /Creator (Panelkit) /Producer (Panelkit) \
             /CreationDate {created} /ModDate {created} >>",
            file::text_string(meta.title)
        ),
    );
    Ok(file.finish(catalog, info))
}

/// Per face, the embedding that holds every glyph the pages draw in it, or
/// `None` for a face no page uses (the CJK face is never copied into a
/// document without CJK text).
fn embeddings(fonts: &Fonts, pages: &[Page]) -> Result<[Option<Arc<Embedding>>; FACES], PdfError> {
    // Per face, by glyph id, the first character drawn with it (0: none).
    // A flat table, not a map: this runs for every character of the document.
    let mut used: [Vec<u32>; FACES] = Default::default();
    for item in pages.iter().flat_map(|p| &p.items) {
        if let Draw::Text { style, text, .. } = item {
            let used = &mut used[style.index()];
            if used.is_empty() {
                used.resize(usize::from(fonts.face(*style).number_of_glyphs()) + 1, 0);
            }
            for c in text.chars() {
                if let Some(slot) = fonts
                    .glyph(*style, c)
                    .and_then(|g| used.get_mut(usize::from(g)))
                    && *slot == 0
                {
                    *slot = u32::from(c);
                }
            }
        }
    }
    let mut out: [Option<Arc<Embedding>>; FACES] = Default::default();
    for style in Style::ALL {
        let used = &used[style.index()];
        if used.is_empty() {
            continue;
        }
        let glyphs: BTreeMap<u16, String> = used
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(g, &c)| {
                Some((
                    u16::try_from(g).ok()?,
                    char::from_u32(c).filter(|_| c != 0)?.to_string(),
                ))
            })
            .collect();
        out[style.index()] = Some(Embedding::for_glyphs(fonts, style, &glyphs)?);
    }
    Ok(out)
}

fn page_content(
    page: &Page,
    fonts: &Fonts,
    page_height: f32,
    embeddings: &[Option<Arc<Embedding>>; FACES],
) -> Vec<u8> {
    let mut content = Content::new(page_height);
    for item in &page.items {
        match item {
            Draw::Text {
                x,
                baseline,
                size,
                style,
                color,
                text,
            } => {
                let Some(embedding) = &embeddings[style.index()] else {
                    continue;
                };
                let glyphs = text
                    .chars()
                    .map(|c| embedding.glyph(fonts.glyph(*style, c).unwrap_or(0)));
                content.text(style.index(), *size, *color, *x, *baseline, glyphs);
            }
            Draw::Rect {
                x,
                y,
                width,
                height,
                fill,
                stroke,
            } => content.rect(*x, *y, *width, *height, *fill, *stroke),
            Draw::Line { from, to, stroke } => content.line(*from, *to, *stroke),
        }
    }
    content.into_bytes()
}

/// Deflates `data` at a fast level: the best level took a third of a
/// summary's time for a file 3% smaller.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len() / 3), Compression::new(2));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}
