//! The embedded DejaVu Sans faces (regular, bold, oblique) and the metrics
//! layout reads from them with ttf-parser.
//!
//! The same bytes are measured here and embedded by
//! [`render`](super::render), so measured widths match what the reader sees.

use ttf_parser::Face;

use super::PdfError;

/// A face of the embedded family. There is no bold-oblique file: bold wins
/// when text is both (see [`Style::combine`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub(crate) enum Style {
    #[default]
    Regular,
    Bold,
    Italic,
}

impl Style {
    pub(crate) fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
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
        }
    }

    pub(crate) fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
            Style::Bold => include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
            Style::Italic => include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
        }
    }
}

/// The three parsed faces. Parsing only reads table directories, so a
/// document loads its own set rather than sharing a global; the advance
/// widths of the characters most text uses are looked up once per process
/// ([`Metrics`]), since layout asks for every character of every line and a
/// cmap search per character was a sixth of a summary's time.
pub(crate) struct Fonts {
    faces: [Face<'static>; 3],
    metrics: &'static Metrics,
}

/// Characters below this have their coverage and advance in [`Metrics`]:
/// Latin, Greek, Cyrillic, Armenian, Hebrew and Arabic blocks, general
/// punctuation, symbols, arrows and box drawing.
const TABLED: u32 = 0x2600;
/// A character the face has no glyph for.
const MISSING: u16 = u16::MAX;

/// Per face, the advance (font units) of every character below [`TABLED`],
/// or [`MISSING`].
struct Metrics {
    advances: [Vec<u16>; 3],
    units_per_em: [f32; 3],
}

impl Metrics {
    fn get(faces: &[Face<'static>; 3]) -> &'static Metrics {
        static METRICS: std::sync::OnceLock<Metrics> = std::sync::OnceLock::new();
        METRICS.get_or_init(|| {
            let table = |face: &Face<'static>| {
                (0..TABLED)
                    .map(|u| {
                        char::from_u32(u)
                            .and_then(|c| face.glyph_index(c))
                            .map_or(MISSING, |g| {
                                face.glyph_hor_advance(g).unwrap_or(0).min(MISSING - 1)
                            })
                    })
                    .collect()
            };
            Metrics {
                advances: [table(&faces[0]), table(&faces[1]), table(&faces[2])],
                units_per_em: [
                    f32::from(faces[0].units_per_em()),
                    f32::from(faces[1].units_per_em()),
                    f32::from(faces[2].units_per_em()),
                ],
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
        ];
        let metrics = Metrics::get(&faces);
        Ok(Self { faces, metrics })
    }

    fn face(&self, style: Style) -> &Face<'static> {
        &self.faces[style.index()]
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
    fn coverage_includes_european_scripts_but_not_cjk() {
        let fonts = Fonts::load().unwrap();
        for c in ['ễ', 'Ł', 'ż', 'λ', 'Ж', '\u{FFFD}', '•', '–'] {
            assert!(fonts.covers(Style::Regular, c), "regular lacks {c}");
        }
        assert!(!fonts.covers(Style::Regular, '面'));
    }

    #[test]
    fn tabled_metrics_match_the_faces() {
        let fonts = Fonts::load().unwrap();
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            let face = fonts.face(style);
            for c in [
                'a', 'W', 'ễ', 'Ж', '\u{05D0}', '\u{2014}', '\u{25A0}', '\u{0378}',
            ] {
                let direct = face.glyph_index(c);
                assert_eq!(fonts.covers(style, c), direct.is_some(), "{c:?}");
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
