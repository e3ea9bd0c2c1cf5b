//! Greedy line wrapping of resolved glyphs, and truncation with an ellipsis.

use super::{Atom, Glyph, Line, Run, Span, atoms, measure};
use crate::pdf::fonts::{Fonts, Style};
/// Builds lines glyph by glyph, merging neighbours of one face into runs.
#[derive(Default)]
struct LineBuilder {
    lines: Vec<Line>,
    current: Line,
}

impl LineBuilder {
    fn push(&mut self, g: Glyph) {
        let line = &mut self.current;
        match line.runs.last_mut() {
            Some(run) if run.style == g.style => run.text.push(g.c),
            _ => line.runs.push(Run {
                x: line.width,
                text: g.c.to_string(),
                style: g.style,
            }),
        }
        line.width += g.width;
    }

    fn push_word(&mut self, word: &[Glyph]) {
        for g in word {
            self.push(*g);
        }
    }

    fn finish_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.current));
    }

    fn is_empty(&self) -> bool {
        self.current.runs.is_empty()
    }
}

/// Appends `word` to the line being built (after `space`, if the line has
/// text), starting a new line first if it does not fit. The space keeps its
/// own span's face, so it is drawn as wide as it was measured.
fn place_word(out: &mut LineBuilder, word: &mut Vec<Glyph>, space: Option<Glyph>, max_width: f32) {
    if word.is_empty() {
        return;
    }
    let word_width: f32 = word.iter().map(|g| g.width).sum();
    let space = space.filter(|_| !out.is_empty());
    let space_width = space.map_or(0.0, |g| g.width);
    if !out.is_empty() && out.current.width + space_width + word_width > max_width {
        out.finish_line();
    } else if let Some(space) = space {
        out.push(space);
    }
    if word_width <= max_width {
        out.push_word(word);
    } else {
        for g in word.iter() {
            if !out.is_empty() && out.current.width + g.width > max_width {
                out.finish_line();
            }
            out.push(*g);
        }
    }
    word.clear();
}

/// Wraps `spans` into lines no wider than `max_width` at `size` points.
///
/// Runs of whitespace collapse to one space and vanish at line starts and
/// ends; `'\n'` forces a break (two in a row leave an empty line). A word
/// wider than a whole line is broken between characters.
pub(crate) fn wrap(fonts: &Fonts, spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    let mut out = LineBuilder::default();
    let mut word: Vec<Glyph> = Vec::new();
    let mut pending_space: Option<Glyph> = None;

    for atom in atoms(fonts, spans, size) {
        match atom {
            // Glyphs of different styles with no space between them
            // ("**bold**,") form one word and are never split apart.
            Atom::Glyph(g) => word.push(g),
            Atom::Space(g) => {
                let space = pending_space.take();
                place_word(&mut out, &mut word, space, max_width);
                if !out.is_empty() {
                    pending_space = Some(g);
                }
            }
            Atom::Opportunity => {
                let space = pending_space.take();
                place_word(&mut out, &mut word, space, max_width);
            }
            Atom::Break => {
                let space = pending_space.take();
                place_word(&mut out, &mut word, space, max_width);
                out.finish_line();
            }
        }
    }
    let space = pending_space.take();
    place_word(&mut out, &mut word, space, max_width);
    if !out.is_empty() {
        out.finish_line();
    }
    out.lines
}

/// `text` on one line, shortened with "…" to fit `max_width`, with each
/// character in the face that draws it (as [`wrap`] resolves them).
pub(crate) fn truncate(fonts: &Fonts, text: &str, style: Style, size: f32, max_width: f32) -> Line {
    let single_line = text.replace('\n', " ");
    let one_line = |t: &str| {
        wrap(fonts, &[Span::new(t, style)], size, f32::INFINITY)
            .pop()
            .unwrap_or_default()
    };
    if measure(fonts, &single_line, style, size) <= max_width {
        return one_line(&single_line);
    }
    let budget = max_width - measure(fonts, "…", style, size);
    let mut out = String::new();
    let mut width = 0.0;
    for c in single_line.chars() {
        let w = measure(fonts, &c.to_string(), style, size);
        if width + w > budget {
            break;
        }
        width += w;
        out.push(c);
    }
    one_line(&format!("{}…", out.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::text::needs_bidi_or_shaping;

    fn fonts() -> Fonts {
        Fonts::load().unwrap()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn short_text_stays_on_one_line() {
        let lines = wrap(&fonts(), &[Span::regular("Tell me about it.")], 10.0, 400.0);
        assert_eq!(texts(&lines), ["Tell me about it."]);
    }

    #[test]
    fn wrapping_breaks_between_words_and_respects_the_width() {
        let f = fonts();
        let text = "the quick brown fox jumps over the lazy dog ".repeat(8);
        let lines = wrap(&f, &[Span::regular(&text)], 10.0, 150.0);
        assert!(lines.len() > 3);
        for line in &lines {
            assert!(
                line.width <= 150.0,
                "{:?} is {} wide",
                line.text(),
                line.width
            );
            let t = line.text();
            assert_eq!(t.trim(), t, "no space at either end of {t:?}");
        }
        let rejoined = texts(&lines).join(" ");
        assert_eq!(rejoined, text.trim_end());
    }

    #[test]
    fn whitespace_runs_collapse_and_leading_space_vanishes() {
        let lines = wrap(&fonts(), &[Span::regular("  a \t  b  ")], 10.0, 400.0);
        assert_eq!(texts(&lines), ["a b"]);
    }

    #[test]
    fn newlines_are_hard_breaks_and_a_blank_line_survives() {
        let lines = wrap(&fonts(), &[Span::regular("one\n\ntwo\n")], 10.0, 400.0);
        assert_eq!(texts(&lines), ["one", "", "two"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_between_characters() {
        let f = fonts();
        let word = "x".repeat(200);
        let lines = wrap(&f, &[Span::regular(&word)], 10.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 100.0));
        assert_eq!(texts(&lines).concat(), word);
    }

    #[test]
    fn styles_become_runs_placed_at_their_measured_offset() {
        let f = fonts();
        let spans = [
            Span::regular("a "),
            Span::new("bold", Style::Bold),
            Span::regular(", c"),
        ];
        let lines = wrap(&f, &spans, 10.0, 400.0);
        assert_eq!(texts(&lines), ["a bold, c"]);
        let runs = &lines[0].runs;
        assert_eq!(runs.len(), 3);
        assert_eq!(runs[1].style, Style::Bold);
        let expected_x = measure(&f, "a ", Style::Regular, 10.0);
        assert!((runs[1].x - expected_x).abs() < 0.01);
    }

    #[test]
    fn a_styled_suffix_without_space_stays_with_its_word() {
        let f = fonts();
        let spans = [Span::new("word", Style::Bold), Span::regular(",")];
        let width = measure(&f, "word", Style::Bold, 10.0);
        // Room for the bold word but not the comma: the pair moves together.
        let lines = wrap(
            &f,
            &[Span::regular("aa "), spans[0].clone(), spans[1].clone()],
            10.0,
            width + 5.0,
        );
        assert_eq!(texts(&lines), ["aa", "word,"]);
    }

    #[test]
    fn cjk_falls_back_to_the_cjk_face_character_by_character() {
        let f = fonts();
        let lines = wrap(&f, &[Span::new("面试 ok 한글", Style::Bold)], 10.0, 400.0);
        assert_eq!(texts(&lines), ["面试 ok 한글"]);
        let runs: Vec<(&str, Style)> = lines[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.style))
            .collect();
        assert_eq!(
            runs,
            [
                ("面试", Style::Cjk),
                (" ok ", Style::Bold),
                ("한글", Style::Cjk)
            ]
        );
        assert!(lines[0].width > measure(&f, " ok ", Style::Bold, 10.0) + 30.0);
    }

    #[test]
    fn characters_no_face_has_become_visible_replacement_marks() {
        let lines = wrap(&fonts(), &[Span::regular("ok 𓀀 \u{10000}x")], 10.0, 400.0);
        assert_eq!(texts(&lines), ["ok \u{FFFD} \u{FFFD}x"]);
    }

    #[test]
    fn chinese_and_japanese_break_between_characters_but_korean_between_words() {
        let f = fonts();
        let width = measure(&f, "面试官面试官", Style::Regular, 10.0);
        let lines = wrap(
            &f,
            &[Span::regular("面试官面试官面试官面试官")],
            10.0,
            width + 1.0,
        );
        assert_eq!(texts(&lines), ["面试官面试官", "面试官面试官"]);
        let korean = "한국어 문장은 띄어 씁니다";
        let lines = wrap(&f, &[Span::regular(korean)], 10.0, width);
        assert!(lines.len() > 1);
        assert_eq!(texts(&lines).join(" "), korean, "breaks only at spaces");
    }

    #[test]
    fn a_character_missing_from_a_styled_face_falls_back_to_regular() {
        let f = fonts();
        let c = ('\u{0370}'..'\u{2FFF}')
            .find(|&c| {
                !f.covers(Style::Italic, c)
                    && f.covers(Style::Regular, c)
                    && !c.is_control()
                    && !needs_bidi_or_shaping(c)
            })
            .expect("the oblique face lacks some glyph the regular face has");
        let lines = wrap(&f, &[Span::new(c.to_string(), Style::Italic)], 10.0, 400.0);
        assert_eq!(lines[0].runs[0].style, Style::Regular, "{c:?}");
        assert_eq!(lines[0].runs[0].text, c.to_string());
    }

    #[test]
    fn right_to_left_text_becomes_replacement_marks_rather_than_reversed_letters() {
        let lines = wrap(&fonts(), &[Span::regular("שלום سلام")], 10.0, 400.0);
        let four = "\u{FFFD}".repeat(4);
        assert_eq!(texts(&lines), [format!("{four} {four}")]);
    }

    #[test]
    fn invisible_characters_are_dropped_not_replaced() {
        let lines = wrap(
            &fonts(),
            &[Span::regular("a\u{200D}b\u{FE0F}\u{00AD}")],
            10.0,
            400.0,
        );
        assert_eq!(texts(&lines), ["ab"]);
    }

    #[test]
    fn truncation_adds_an_ellipsis_only_when_needed() {
        let f = fonts();
        let short = truncate(&f, "short", Style::Regular, 10.0, 200.0);
        assert_eq!(short.text(), "short");
        let long = truncate(&f, &"word ".repeat(50), Style::Regular, 10.0, 100.0);
        assert!(long.text().ends_with('…'), "{}", long.text());
        assert!(long.width <= 100.0);
    }

    #[test]
    fn truncated_text_keeps_each_character_in_its_face() {
        let line = truncate(&fonts(), "김민준 · 面试 · 𓀀", Style::Regular, 8.0, 400.0);
        assert_eq!(line.text(), "김민준 · 面试 · \u{FFFD}");
        let styles: Vec<Style> = line.runs.iter().map(|r| r.style).collect();
        assert_eq!(
            styles,
            [Style::Cjk, Style::Regular, Style::Cjk, Style::Regular]
        );
    }
}
