//! The embedded faces — DejaVu Sans (regular, bold, oblique) and Droid Sans
//! Fallback for Chinese, Japanese and Korean — and the metrics layout reads
//! from them with ttf-parser.
//!
//! The same bytes are measured here and embedded by
//! [`render`](super::render), so measured widths match what the reader sees.
//!
//! The DejaVu files carry no TrueType hinting: it was removed, glyph ids,
//! outlines and metrics unchanged, with fontTools (`pyftsubset FILE
//! --glyphs='*' --unicodes='*' --retain-gids --no-hinting
//! --layout-features='*' --name-IDs='*' --name-legacy --name-languages='*'
//! --notdef-outline --notdef-glyph --recalc-bounds=false`). PDF readers
//! hint outlines themselves, and the instructions were a quarter of every
//! subset a document embeds.

use ttf_parser::Face;

use super::PdfError;

/// An embedded face. Text asks for `Regular`, `Bold` or `Italic` (DejaVu
/// Sans); `Cjk` is never asked for but chosen per character by fallback
/// (see [`text`](super::text)) for what DejaVu lacks: ideographs, kana and
/// Hangul. There is no bold-oblique file: bold wins when text is both (see
/// [`Style::combine`]); the CJK face has one weight only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) enum Style {
    #[default]
    Regular,
    Bold,
    Italic,
    Cjk,
}

/// How many faces are embedded.
pub(crate) const FACES: usize = 4;

impl Style {
    /// Every face, in [`index`](Self::index) order.
    pub(crate) const ALL: [Style; FACES] = [Style::Regular, Style::Bold, Style::Italic, Style::Cjk];

    pub(crate) fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
            Style::Cjk => 3,
        }
    }

    /// The face for text that is bold and/or italic. Without a bold-oblique
    /// face, bold is the stronger signal and is kept.
    pub(crate) fn combine(bold: bool, italic: bool) -> Self {
        match (bold, italic) {
            (true, _) => Style::Bold,
            (false, true) => Style::Italic,
            (false, false) => Style::Regular,
        }
    }

    pub(crate) fn file_name(self) -> &'static str {
        match self {
            Style::Regular => "DejaVuSans.ttf",
            Style::Bold => "DejaVuSans-Bold.ttf",
            Style::Italic => "DejaVuSans-Oblique.ttf",
            Style::Cjk => "DroidSansFallback.ttf",
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
            Style::Bold => include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
            Style::Italic => include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
            Style::Cjk => include_bytes!("../../assets/fonts/DroidSansFallback.ttf"),
        }
    }
}

/// The parsed faces. Parsing only reads table directories, so a
/// document loads its own set rather than sharing a global; the advance
/// widths of the characters most text uses are looked up once per process
/// ([`Metrics`]), since layout asks for every character of every line and a
/// cmap search per character was a sixth of a summary's time.
pub(crate) struct Fonts {
    faces: [Face<'static>; FACES],
    metrics: &'static Metrics,
}

/// Characters below this have their coverage and advance in [`Metrics`]:
/// Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic blocks, general
/// punctuation, symbols, arrows and box drawing.
const TABLED: u32 = 0x2600;
/// A character the face has no glyph for.
const MISSING: u16 = u16::MAX;

/// Per face, the advance (font units) and glyph id of every character below
/// [`TABLED`], or [`MISSING`].
struct Metrics {
    advances: [Vec<u16>; FACES],
    glyphs: [Vec<u16>; FACES],
    units_per_em: [f32; FACES],
}

impl Metrics {
    fn get(faces: &[Face<'static>; FACES]) -> &'static Metrics {
        static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
        METRICS.get_or_init(|| {
            // One cmap search per character and face; the advances follow
            // from the glyphs found.
            let glyphs = faces.each_ref().map(|face| {
                (0..TABLED)
                    .map(|u| {
                        char::from_u32(u)
                            .and_then(|c| face.glyph_index(c))
                            .map_or(MISSING, |g| g.0)
                    })
                    .collect::<Vec<u16>>()
            });
            let advances = std::array::from_fn(|i| {
                glyphs[i]
                    .iter()
                    .map(|&g| match g {
                        MISSING => MISSING,
                        g => faces[i]
                            .glyph_hor_advance(ttf_parser::GlyphId(g))
                            .unwrap_or(0)
                            .min(MISSING - 1),
                    })
                    .collect()
            });
            Metrics {
                advances,
                glyphs,
                units_per_em: faces.each_ref().map(|f| f32::from(f.units_per_em())),
            }
        })
    }

    /// The tabled advance of `c`: `Some(None)` when the face lacks it,
    /// `None` when `c` is not tabled.
    fn advance(&self, style: Style, c: char) -> Option<Option<u16>> {
        let units = *self.advances[style.index()].get(c as usize)?;
        Some((units != MISSING).then_some(units))
    }
}

impl Fonts {
    pub(crate) fn load() -> Result<Self, PdfError> {
        let parse = |style: Style| {
            Face::parse(style.bytes(), 0).map_err(|_| PdfError::Font {
                name: style.file_name(),
            })
        };
        let faces = [
            parse(Style::Regular)?,
            parse(Style::Bold)?,
            parse(Style::Italic)?,
            parse(Style::Cjk)?,
        ];
        let metrics = Metrics::get(&faces);
        Ok(Self { faces, metrics })
    }

    pub(crate) fn face(&self, style: Style) -> &Face<'static> {
        &self.faces[style.index()]
    }

    /// The glyph id `style`'s face draws `c` with, if it has one.
    pub(crate) fn glyph(&self, style: Style, c: char) -> Option<u16> {
        match self.metrics.glyphs[style.index()].get(c as usize) {
            Some(&MISSING) => None,
            Some(&g) => Some(g),
            None => self.face(style).glyph_index(c).map(|g| g.0),
        }
    }

    /// Whether `style`'s face has a glyph for `c`.
    pub(crate) fn covers(&self, style: Style, c: char) -> bool {
        match self.metrics.advance(style, c) {
            Some(units) => units.is_some(),
            None => self.face(style).glyph_index(c).is_some(),
        }
    }

    /// Advance width of `c` at `size` points; 0 for a character the face
    /// lacks (callers resolve coverage first).
    pub(crate) fn advance(&self, style: Style, c: char, size: f32) -> f32 {
        if let Some(units) = self.metrics.advance(style, c) {
            let em = self.metrics.units_per_em[style.index()];
            return f32::from(units.unwrap_or(0)) * size / em;
        }
        let face = self.face(style);
        let units = face
            .glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or(0);
        f32::from(units) * size / f32::from(face.units_per_em())
    }

    /// Ascender and descender (positive, below the baseline) at `size`.
    pub(crate) fn vertical_metrics(&self, size: f32) -> (f32, f32) {
        let face = self.face(Style::Regular);
        let em = f32::from(face.units_per_em());
        (
            f32::from(face.ascender()) * size / em,
            -f32::from(face.descender()) * size / em,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_face_parses() {
        assert!(Fonts::load().is_ok());
    }

    #[test]
    fn dejavu_covers_european_scripts_and_the_cjk_face_the_rest() {
        let fonts = Fonts::load().unwrap();
        for c in ['ễ', 'Ł', 'ż', 'λ', 'Ж', '\u{FFFD}', '•', '–'] {
            assert!(fonts.covers(Style::Regular, c), "regular lacks {c}");
        }
        for c in ['面', '试', 'さ', 'カ', '한', '글', '。'] {
            assert!(!fonts.covers(Style::Regular, c), "regular has {c}");
            assert!(fonts.covers(Style::Cjk, c), "the CJK face lacks {c}");
        }
        assert!(!fonts.covers(Style::Cjk, '𓀀'), "no face has hieroglyphs");
        assert!(!fonts.covers(Style::Regular, '𓀀'));
    }

    #[test]
    fn tabled_metrics_match_the_faces() {
        let fonts = Fonts::load().unwrap();
        for style in Style::ALL {
            let face = fonts.face(style);
            for c in [
                'a', 'W', 'ễ', 'Ж', '\u{05D0}', '\u{2014}', '\u{25A0}', '\u{0378}',
            ] {
                let direct = face.glyph_index(c);
                assert_eq!(fonts.covers(style, c), direct.is_some(), "{c:?}");
                assert_eq!(fonts.glyph(style, c), direct.map(|g| g.0), "{c:?}");
                let units = direct.and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0);
                let expected = f32::from(units) * 10.0 / f32::from(face.units_per_em());
                assert_eq!(fonts.advance(style, c, 10.0), expected, "{c:?}");
            }
        }
    }

    #[test]
    fn bold_text_is_wider_than_regular() {
        let fonts = Fonts::load().unwrap();
        let regular = fonts.advance(Style::Regular, 'm', 10.0);
        let bold = fonts.advance(Style::Bold, 'm', 10.0);
        assert!(regular > 5.0 && bold > regular, "{regular} {bold}");
    }
}
