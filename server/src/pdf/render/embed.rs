//! Faces as a PDF embeds them: a TrueType subset (printpdf's subsetter)
//! behind a Type 0 font with Identity-H encoding, so that text is written
//! as glyph ids, with the subset's advance widths and a ToUnicode map by
//! which readers copy and search the text.
//!
//! Subsetting and deflating the faces was a third of a summary's time,
//! though nearly every document draws from the same few hundred Latin
//! glyphs. Each DejaVu face is therefore subset once per process to the
//! characters in [`COMMON`] and that embedding is shared by every document
//! whose glyphs it holds; a document with a glyph outside it (Greek,
//! Vietnamese, CJK) embeds a subset of exactly the glyphs it uses.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use printpdf::ParsedFont;

use super::super::PdfError;
use super::super::fonts::{FACES, Fonts, Style};
use super::deflate;

/// The characters each DejaVu face's shared subset holds: ASCII, Latin-1
/// and Latin Extended-A, the dashes, quotes, bullets and arrows Panelkit's
/// own documents print, and the replacement mark.
const COMMON: [(char, char); 9] = [
    (' ', '~'),
    ('\u{A0}', '\u{17F}'),
    ('\u{2010}', '\u{2027}'),
    ('\u{2030}', '\u{203A}'),
    ('\u{20AC}', '\u{20AC}'),
    ('\u{2122}', '\u{2122}'),
    ('\u{2190}', '\u{2193}'),
    ('\u{2212}', '\u{2212}'),
    ('\u{FFFD}', '\u{FFFD}'),
];

/// Marks a glyph of the face that is not in the subset.
const ABSENT: u16 = u16::MAX;

/// One face's subset, ready to be written into any number of documents.
pub(super) struct Embedding {
    /// Subset glyph id by the face's glyph id, or [`ABSENT`].
    new_ids: Vec<u16>,
    /// `XXXXXX+Name`: the tag tells readers the font is a subset.
    base_font: String,
    /// The subset font program, deflated, and its length before.
    program: Vec<u8>,
    program_length: usize,
    /// The ToUnicode CMap, deflated.
    to_unicode: Vec<u8>,
    /// The `/W` array of the subset's advance widths.
    widths: String,
    /// The font descriptor's entries after `/FontName`.
    descriptor: String,
}

impl Embedding {
    /// The subset glyph for the face's glyph `glyph` (`.notdef` if the
    /// subset lacks it, which choosing the embedding rules out).
    pub(super) fn glyph(&self, glyph: u16) -> u16 {
        match self.new_ids.get(usize::from(glyph)) {
            Some(&ABSENT) | None => 0,
            Some(&g) => g,
        }
    }

    fn holds(&self, glyph: u16) -> bool {
        self.new_ids
            .get(usize::from(glyph))
            .is_some_and(|&g| g != ABSENT)
    }

    /// The embedding for a document that uses `used` (glyph id to the
    /// text it stands for) of `style`'s face: the shared one when it holds
    /// them all, else a subset of exactly these.
    pub(super) fn for_glyphs(
        fonts: &Fonts,
        style: Style,
        used: &BTreeMap<u16, String>,
    ) -> Result<Arc<Embedding>, PdfError> {
        if style != Style::Cjk {
            // Should the shared subset fail, every document still gets one of
            // its own below.
            if let Ok(common) = shared(fonts, style)
                && used.keys().all(|&g| common.holds(g))
            {
                return Ok(common);
            }
        }
        Embedding::build(fonts, style, used).map(Arc::new)
    }

    fn build(
        fonts: &Fonts,
        style: Style,
        used: &BTreeMap<u16, String>,
    ) -> Result<Embedding, PdfError> {
        let face = fonts.face(style);
        let subset = printpdf::subset_font(parsed_font(style)?, used)
            .map_err(|e| PdfError::Write(format!("subsetting {}: {e}", style.file_name())))?;
        let mut new_ids = vec![ABSENT; usize::from(face.number_of_glyphs())];
        // The subset numbers .notdef 0 and then the requested glyphs in order.
        new_ids[0] = 0;
        let mut by_new_id = Vec::with_capacity(subset.glyph_mapping.len() + 1);
        by_new_id.push((0, 0));
        for (&old, &(new, _)) in &subset.glyph_mapping {
            if old == 0 {
                continue;
            }
            if let Some(slot) = new_ids.get_mut(usize::from(old)) {
                *slot = new;
            }
            by_new_id.push((new, old));
        }
        by_new_id.sort_unstable();
        let em = f32::from(face.units_per_em());
        let scale = |units: f32| (units * 1000.0 / em).round() as i32;
        let mut widths = String::from("[0 [");
        for (expected, &(new, old)) in by_new_id.iter().enumerate() {
            if usize::from(new) != expected {
                // The mapping is dense from 0; a gap would misplace every
                // width after it.
                return Err(PdfError::Write(format!(
                    "subset of {} is not numbered in order",
                    style.file_name()
                )));
            }
            let advance = face
                .glyph_hor_advance(ttf_parser::GlyphId(old))
                .unwrap_or(0);
            let _ = write!(widths, "{} ", scale(f32::from(advance)));
        }
        widths.push_str("]]");
        let bbox = face.global_bounding_box();
        let flags = 4 | if style == Style::Italic { 64 } else { 0 };
        let descriptor = format!(
            "/Flags {flags} /FontBBox [{} {} {} {}] /ItalicAngle {} /Ascent {} /Descent {} \
             /CapHeight {} /StemV 80",
            scale(f32::from(bbox.x_min)),
            scale(f32::from(bbox.y_min)),
            scale(f32::from(bbox.x_max)),
            scale(f32::from(bbox.y_max)),
            face.italic_angle().round() as i32,
            scale(f32::from(face.ascender())),
            scale(f32::from(face.descender())),
            scale(f32::from(face.capital_height().unwrap_or(face.ascender()))),
        );
        let to_unicode = to_unicode(
            subset
                .glyph_mapping
                .values()
                .map(|(new, text)| (*new, text.as_str())),
        );
        Ok(Embedding {
            new_ids,
            base_font: format!("{}+{}", tag(used.keys()), postscript_name(style)),
            program_length: subset.bytes.len(),
            program: deflate(&subset.bytes),
            to_unicode: deflate(to_unicode.as_bytes()),
            widths,
            descriptor,
        })
    }

    /// Writes the font's five objects; `font` is the Type 0 font the
    /// pages' resources name.
    pub(super) fn write(&self, file: &mut super::file::FileWriter, font: super::file::ObjectId) {
        let cid_font = file.reserve();
        let descriptor = file.reserve();
        let program = file.reserve();
        let to_unicode = file.reserve();
        file.object(
            font,
            &format!(
                "<< /Type /Font /Subtype /Type0 /BaseFont /{} /Encoding /Identity-H \
                 /DescendantFonts [{cid_font}] /ToUnicode {to_unicode} >>",
                self.base_font
            ),
        );
        file.object(
            cid_font,
            &format!(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{} /CIDSystemInfo \
                 << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
                 /FontDescriptor {descriptor} /CIDToGIDMap /Identity /W {} >>",
                self.base_font, self.widths
            ),
        );
        file.object(
            descriptor,
            &format!(
                "<< /Type /FontDescriptor /FontName /{} {} /FontFile2 {program} >>",
                self.base_font, self.descriptor
            ),
        );
        file.stream(
            program,
            &format!("/Length1 {} /Filter /FlateDecode", self.program_length),
            &self.program,
        );
        file.stream(to_unicode, "/Filter /FlateDecode", &self.to_unicode);
    }
}

/// `style`'s subset to [`COMMON`], made on first use.
fn shared(fonts: &Fonts, style: Style) -> Result<Arc<Embedding>, PdfError> {
    static SHARED: [OnceLock<Result<Arc<Embedding>, String>>; FACES] =
        [const { OnceLock::new() }; FACES];
    SHARED[style.index()]
        .get_or_init(|| {
            let mut glyphs = BTreeMap::new();
            for c in COMMON.iter().flat_map(|&(from, to)| from..=to) {
                if let Some(g) = fonts.glyph(style, c) {
                    // Characters sharing a glyph (space and no-break space)
                    // copy as the first of them.
                    glyphs.entry(g).or_insert_with(|| c.to_string());
                }
            }
            Embedding::build(fonts, style, &glyphs)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(PdfError::Write)
}

/// `style`'s face parsed for printpdf's subsetter. Parsing takes
/// milliseconds (the CJK face far more), so each face is parsed once per
/// process, and only when a document first needs a subset of it.
fn parsed_font(style: Style) -> Result<&'static ParsedFont, PdfError> {
    static PARSED: [OnceLock<Option<ParsedFont>>; FACES] = [const { OnceLock::new() }; FACES];
    PARSED[style.index()]
        .get_or_init(|| ParsedFont::from_bytes(style.bytes(), 0, &mut Vec::new()))
        .as_ref()
        .ok_or(PdfError::Font {
            name: style.file_name(),
        })
}

fn postscript_name(style: Style) -> &'static str {
    match style {
        Style::Regular => "DejaVuSans",
        Style::Bold => "DejaVuSans-Bold",
        Style::Italic => "DejaVuSans-Oblique",
        Style::Cjk => "DroidSansFallback",
    }
}

/// Six capital letters named after the glyph set, so that two different
/// subsets of a face in one reader's cache never share a name.
fn tag<'a>(glyphs: impl Iterator<Item = &'a u16>) -> String {
    // FNV-1a: stable across processes and builds, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &g in glyphs {
        for byte in g.to_be_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

/// The ToUnicode CMap from subset glyph ids to the text each stands for.
fn to_unicode<'a>(glyphs: impl Iterator<Item = (u16, &'a str)>) -> String {
    let glyphs: Vec<(u16, &str)> = glyphs.collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    // A bfchar block holds at most 100 entries.
    for block in glyphs.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", block.len());
        for (glyph, text) in block {
            let _ = write!(out, "<{glyph:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_subset_holds_latin_text_and_not_greek() {
        let fonts = Fonts::load().unwrap();
        let common = shared(&fonts, Style::Regular).unwrap();
        for c in ['a', 'Z', 'ë', 'Ł', '—', '•', '→', '\u{FFFD}'] {
            let g = fonts.glyph(Style::Regular, c).unwrap();
            assert!(common.holds(g), "{c:?}");
            assert_ne!(common.glyph(g), 0, "{c:?}");
        }
        let lambda = fonts.glyph(Style::Regular, 'λ').unwrap();
        assert!(!common.holds(lambda));
    }

    #[test]
    fn a_glyph_outside_the_shared_subset_gets_a_subset_of_its_own() {
        let fonts = Fonts::load().unwrap();
        let used = |text: &str| {
            text.chars()
                .map(|c| (fonts.glyph(Style::Regular, c).unwrap(), c.to_string()))
                .collect::<BTreeMap<_, _>>()
        };
        let latin = Embedding::for_glyphs(&fonts, Style::Regular, &used("Zoe")).unwrap();
        assert!(Arc::ptr_eq(
            &latin,
            &shared(&fonts, Style::Regular).unwrap()
        ));
        let greek = Embedding::for_glyphs(&fonts, Style::Regular, &used("Zoλ")).unwrap();
        assert!(!Arc::ptr_eq(&greek, &latin));
        // .notdef, then the three glyphs in the face's order.
        let widths = greek
            .widths
            .trim_start_matches("[0 [")
            .trim_end_matches("]]");
        assert_eq!(widths.split_whitespace().count(), 4, "{}", greek.widths);
        let ids: Vec<u16> = "Zoλ"
            .chars()
            .map(|c| greek.glyph(fonts.glyph(Style::Regular, c).unwrap()))
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [1, 2, 3]);
    }

    #[test]
    fn the_unicode_map_spells_each_glyph_in_utf16() {
        let map = to_unicode([(1, "A"), (2, "𓀀"), (3, "fi")].into_iter());
        assert!(
            map.contains("3 beginbfchar\n<0001> <0041>\n<0002> <D80CDC00>\n<0003> <00660069>\n")
        );
    }

    #[test]
    fn tags_are_six_capitals_and_differ_by_glyph_set() {
        let a = tag([1u16, 2, 3].iter());
        assert_eq!(a.len(), 6);
        assert!(a.bytes().all(|b| b.is_ascii_uppercase()));
        assert_ne!(a, tag([1u16, 2, 4].iter()));
    }
}
