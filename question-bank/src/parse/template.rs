//! Template text left in a bank: an instruction in square brackets such as
//! `[name one key element …]`, or a `{placeholder}` that nothing fills in.
//!
//! Only text that a reader would see as written is checked: the text of
//! paragraphs, headings, list items and link texts, not code spans, code
//! blocks or HTML. The brackets of a Markdown link (`[text](url)`) and a
//! `{#id}` heading attribute are syntax, not text, so they are never template
//! text; a bracket or brace escaped with a backslash (`\[`, `\{`) is meant
//! literally and allowed.

use super::blocks::OPTIONS;
use super::context::Context;
use crate::model::CANDIDATE_PLACEHOLDER;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// How much of the offending text a message quotes, in characters.
const QUOTE_CHARS: usize = 48;

/// Longest brace content taken for a placeholder, in characters.
const MAX_PLACEHOLDER_CHARS: usize = 64;

/// Reports every piece of template text in the file. `{candidate}` is allowed
/// only inside `candidate_spans` (the text of reference questions), the one
/// place the app fills it in.
pub(super) fn check(cx: &mut Context<'_>, candidate_spans: &[Range<usize>]) {
    for run in prose_runs(cx.text) {
        check_run(cx, run, candidate_spans);
    }
}

/// The byte ranges of text shown as written: runs of text, line breaks and
/// emphasis, broken at link and image boundaries, code, HTML and block
/// boundaries.
fn prose_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut run: Option<Range<usize>> = None;
    // Inside a code block or HTML block nothing is prose.
    let mut opaque = 0usize;
    for (event, range) in Parser::new_ext(text, OPTIONS).into_offset_iter() {
        let continues = match &event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                opaque += 1;
                false
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                opaque = opaque.saturating_sub(1);
                false
            }
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => opaque == 0,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => {
                run.is_some()
            }
            _ => false,
        };
        if continues {
            match run.as_mut() {
                Some(current) => current.end = current.end.max(range.end),
                None => run = Some(range),
            }
        } else {
            runs.extend(run.take());
        }
    }
    runs.extend(run);
    runs
}

/// Reports the bracketed instructions and unfilled placeholders in one run.
fn check_run(cx: &mut Context<'_>, run: Range<usize>, candidate_spans: &[Range<usize>]) {
    let text = cx.text;
    let mut at = run.start;
    while at < run.end {
        let rest = &text[at..run.end];
        let Some(found) = rest.find(['[', '{']) else {
            break;
        };
        let open = at + found;
        let opener = text.as_bytes()[open];
        at = open + 1;
        if is_escaped(text, open) {
            continue;
        }
        let closer = if opener == b'[' { ']' } else { '}' };
        let Some(close) = unescaped_find(text, open + 1..run.end, closer) else {
            continue;
        };
        let inner = &text[open + 1..close];
        if opener == b'[' {
            if inner.trim().is_empty() {
                continue;
            }
            at = close + 1;
            cx.error(
                open,
                format!(
                    "template text \"[{}]\" in square brackets: write the words the reader should see instead of an instruction to fill in (if the brackets are meant literally, escape them as \\[ and \\]; a link is written [text](https://…) with nothing between \"]\" and \"(\")",
                    quote(inner)
                ),
            );
        } else if is_placeholder(inner) {
            at = close + 1;
            let in_reference_text = candidate_spans
                .iter()
                .any(|span| span.start <= open && close < span.end);
            if let Some(message) = placeholder_message(inner, in_reference_text) {
                cx.error(open, message);
            }
        }
    }
}

/// What is wrong with placeholder `{inner}`, or `None` when it is
/// `{candidate}` in reference question text.
fn placeholder_message(inner: &str, in_reference_text: bool) -> Option<String> {
    if inner == "candidate" {
        return (!in_reference_text).then(|| {
            format!(
                "{CANDIDATE_PLACEHOLDER} is filled in only in the text of reference questions; here it would be shown as written: write the words themselves (for example \"the candidate\")"
            )
        });
    }
    let lower = inner.to_lowercase();
    let means_the_name = lower.contains("candidate") || lower.contains("name");
    Some(if in_reference_text && means_the_name {
        format!(
            "placeholder \"{{{inner}}}\" is never filled in — did you mean {CANDIDATE_PLACEHOLDER}? (the only placeholder: the candidate's name, written exactly so)"
        )
    } else {
        format!(
            "placeholder \"{{{}}}\" is never filled in: the only placeholder is {CANDIDATE_PLACEHOLDER} (the candidate's name, in reference question text); write the text itself instead (if the braces are meant literally, escape them as \\{{ and \\}})",
            quote(inner)
        )
    })
}

/// Whether brace content reads as a name to fill in: a letter, then letters,
/// digits, spaces, `_`, `-`, `.` or `'`, within 64 characters.
fn is_placeholder(inner: &str) -> bool {
    inner.chars().next().is_some_and(char::is_alphabetic)
        && inner.chars().count() <= MAX_PLACEHOLDER_CHARS
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '\''))
}

/// Whether the character at `offset` is backslash-escaped (an odd number of
/// backslashes right before it).
fn is_escaped(text: &str, offset: usize) -> bool {
    text[..offset]
        .bytes()
        .rev()
        .take_while(|&byte| byte == b'\\')
        .count()
        % 2
        == 1
}

/// The offset of the first unescaped `wanted` in `range`.
fn unescaped_find(text: &str, range: Range<usize>, wanted: char) -> Option<usize> {
    let start = range.start;
    text[range]
        .match_indices(wanted)
        .map(|(index, _)| start + index)
        .find(|&offset| !is_escaped(text, offset))
}

/// `text` on one line, shortened to about [`QUOTE_CHARS`] characters.
fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= QUOTE_CHARS {
        one_line
    } else {
        let short: String = one_line.chars().take(QUOTE_CHARS).collect();
        // Cut at a word boundary when there is one.
        let short = short
            .rsplit_once(' ')
            .map_or(short.as_str(), |(head, _)| head);
        format!("{}…", short.trim_end())
    }
}

/// The template text in one piece of question text (Markdown), in the words
/// the bank parser uses for a file: for checking text written outside a
/// file, such as a question revised in the app. `reference` allows
/// `{candidate}`, as in the text of reference questions.
pub fn template_problems(text: &str, reference: bool) -> Vec<String> {
    let mut cx = Context::new(std::path::Path::new("text"), text);
    let spans: Vec<Range<usize>> = std::iter::once(0..text.len())
        .filter(|_| reference)
        .collect();
    check(&mut cx, &spans);
    cx.errors.into_iter().map(|e| e.message).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_names_not_attributes_or_code() {
        for inner in ["name", "candidate name", "org_name", "Employer.Name", "x1"] {
            assert!(is_placeholder(inner), "{inner}");
        }
        for inner in ["#id", ".class", "key=value", "1", "", " name", "a: b"] {
            assert!(!is_placeholder(inner), "{inner:?}");
        }
    }

    #[test]
    fn one_text_is_checked_like_a_file() {
        assert!(template_problems("Tell me about a time you led a team.", false).is_empty());
        assert!(
            template_problems("Tell me about [a recent project].", false)[0]
                .contains("template text")
        );
        assert_eq!(
            template_problems("How did {candidate} cope?", false).len(),
            1
        );
        assert!(template_problems("How did {candidate} cope?", true).is_empty());
    }

    #[test]
    fn escapes_count_backslashes() {
        assert!(is_escaped(r"a\[", 2));
        assert!(!is_escaped(r"a\\[", 3));
        assert!(!is_escaped("[", 0));
    }

    #[test]
    fn prose_skips_links_code_and_html() {
        let text = "See [the guide](https://x.test) and `{code}`.\n\n<div>[x]</div>\n\n    [indented]\n\nPlain [y] *and {z}*\n";
        let runs: Vec<&str> = prose_runs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            runs,
            ["See ", "the guide", " and ", ".", "Plain [y] *and {z}*"]
        );
    }
}
