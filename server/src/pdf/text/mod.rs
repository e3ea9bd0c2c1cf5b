//! Measuring, font fallback and greedy line wrapping of styled text.
//!
//! Every character is first resolved, one by one, to a face that can draw
//! it: its own DejaVu style, else regular DejaVu, else the CJK face, else
//! the visible [`REPLACEMENT`] mark (scripts and emoji no face has) instead of
//! an invisible .notdef box; every page showing that mark explains it (see
//! [`marginalia`](super::marginalia)). Wrapping the resolved glyphs into
//! lines is `wrap`.

mod wrap;

pub(crate) use wrap::{truncate, wrap};

use super::fonts::{Fonts, Style};

/// What the reader sees in place of a character no embedded face can draw.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// The note printed on every page that shows [`REPLACEMENT`].
pub(crate) const REPLACEMENT_NOTE: &str = "\u{FFFD} marks characters this PDF's fonts cannot show.";

/// A run of text in one style, as the builder and Markdown produce it.
/// A `'\n'` inside `text` is a hard line break.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    pub style: Style,
}

impl Span {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
        }
    }

    pub(crate) fn regular(text: impl Into<String>) -> Self {
        Self::new(text, Style::Regular)
    }
}

/// Text of one face placed at `x` from the start of its line.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Run {
    pub x: f32,
    pub text: String,
    pub style: Style,
}

/// One wrapped line.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
}

impl Line {
    /// The line's text, for tests and diagnostics.
    #[cfg(test)]
    pub(crate) fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// A character as it will be drawn, with its advance width.
#[derive(Clone, Copy, Debug)]
struct Glyph {
    c: char,
    style: Style,
    width: f32,
}

/// What wrapping sees: a glyph, a breakable space (in its span's style), a place a
/// line may break without a space (between Chinese or Japanese
/// characters), or a hard break.
enum Atom {
    Glyph(Glyph),
    Space(Glyph),
    Opportunity,
    Break,
}

/// Ideographs and kana: Chinese and Japanese run words together without
/// spaces, so a line may break between any two of them. Hangul is not here:
/// Korean separates words with spaces.
fn breaks_between(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{20000}'..='\u{2FA1F}')
}

/// Characters with no visible form of their own (soft hyphen, joiners,
/// variation selectors, BOM): dropped rather than shown as replacement marks.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
        )
}

/// Right-to-left scripts (Hebrew, Arabic and their presentation forms).
/// DejaVu has glyphs for some of them, but without bidi reordering and
/// shaping they would print reversed and unjoined: replacement marks are
/// the honest output.
fn needs_bidi_or_shaping(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// The character and face that will actually be drawn for `c`.
fn resolve(fonts: &Fonts, c: char, style: Style) -> (char, Style) {
    if needs_bidi_or_shaping(c) {
        return resolve(fonts, REPLACEMENT, style);
    }
    if fonts.covers(style, c) {
        (c, style)
    } else if fonts.covers(Style::Regular, c) {
        (c, Style::Regular)
    } else if fonts.covers(Style::Cjk, c) {
        (c, Style::Cjk)
    } else if fonts.covers(style, REPLACEMENT) {
        (REPLACEMENT, style)
    } else if fonts.covers(Style::Regular, REPLACEMENT) {
        (REPLACEMENT, Style::Regular)
    } else {
        ('?', style)
    }
}

fn atoms(fonts: &Fonts, spans: &[Span], size: f32) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    for span in spans {
        for c in span.text.chars() {
            if previous.is_some_and(breaks_between) && breaks_between(c) {
                out.push(Atom::Opportunity);
            }
            previous = Some(c);
            if c == '\n' {
                out.push(Atom::Break);
            } else if c == ' ' || c == '\t' || c == '\r' {
                out.push(Atom::Space(Glyph {
                    c: ' ',
                    style: span.style,
                    width: fonts.advance(span.style, ' ', size),
                }));
            } else if !is_invisible(c) {
                let (c, style) = resolve(fonts, c, span.style);
                let width = fonts.advance(style, c, size);
                out.push(Atom::Glyph(Glyph { c, style, width }));
            }
        }
    }
    out
}

/// Width of `text` in `style` at `size`, after fallback, on one line.
pub(crate) fn measure(fonts: &Fonts, text: &str, style: Style, size: f32) -> f32 {
    atoms(fonts, &[Span::new(text, style)], size)
        .iter()
        .map(|a| match a {
            Atom::Glyph(g) => g.width,
            Atom::Space(g) => g.width,
            Atom::Opportunity | Atom::Break => 0.0,
        })
        .sum()
}
