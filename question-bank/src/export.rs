//! Writing a [`Competency`] back to the bank Markdown format.
//!
//! Sections come out in the order of the format description. Markdown fields
//! are written as stored; plain text (names, titles, list items) is escaped so
//! that it parses back to the same text. For any competency that [`parse_str`]
//! accepts, `parse_str(to_markdown(c)) == c`.
//!
//! [`parse_str`]: crate::parse_str

use crate::model::Competency;
use std::fmt::Write;

/// Writes a competency in the bank format (the inverse of [`crate::parse_str`]).
///
/// Optional parts that are empty (reference levels, development activities,
/// qualification statement, outreach ideas, provenance, listen-for items,
/// reference question targets, calibration samples and their key points)
/// are left out.
pub fn to_markdown(competency: &Competency) -> String {
    let mut out = String::with_capacity(8 * 1024);
    heading(&mut out, 1, &competency.name, Some(&competency.id));
    section(&mut out, "Definition");
    block(&mut out, &competency.definition);
    section(&mut out, "Why it matters");
    block(&mut out, &competency.importance);

    section(&mut out, "Key elements");
    for element in &competency.key_elements {
        heading(&mut out, 3, &element.name, Some(&element.id));
        list(&mut out, &element.behaviors);
    }

    section(&mut out, "Proficiency levels");
    for anchor in &competency.anchors {
        heading(&mut out, 3, anchor.level.name(), None);
        block(&mut out, &anchor.text);
    }

    if !competency.reference_anchors.is_empty() {
        section(&mut out, "Reference levels");
        for anchor in &competency.reference_anchors {
            heading(&mut out, 3, anchor.level.name(), None);
            block(&mut out, &anchor.text);
        }
    }

    section(&mut out, "Interview questions");
    for question in &competency.interview_questions {
        heading(&mut out, 3, &question.title, Some(&question.id));
        block(
            &mut out,
            &format!(
                "Type: {}\nTargets: {}",
                question.kind.as_str(),
                question.targets.join(", ")
            ),
        );
        block(&mut out, &question.text);
        block(&mut out, "Probes:");
        list(&mut out, &question.probes);
        if !question.listen_for.is_empty() {
            block(&mut out, "Listen for:");
            list(&mut out, &question.listen_for);
        }
    }

    section(&mut out, "Reference questions");
    for question in &competency.reference_questions {
        heading(&mut out, 3, &question.title, Some(&question.id));
        if !question.targets.is_empty() {
            block(
                &mut out,
                &format!("Targets: {}", question.targets.join(", ")),
            );
        }
        block(&mut out, &question.text);
    }

    if !competency.development_activities.is_empty() {
        section(&mut out, "Development activities");
        list(&mut out, &competency.development_activities);
    }

    if !competency.qualification_statement.is_empty()
        || !competency.outreach_ideas.is_empty()
        || !competency.provenance.is_empty()
    {
        section(&mut out, "Recruiting notes");
        if !competency.qualification_statement.is_empty() {
            heading(&mut out, 3, "Qualification statement", None);
            block(&mut out, &competency.qualification_statement);
        }
        if !competency.outreach_ideas.is_empty() {
            heading(&mut out, 3, "Outreach ideas", None);
            list(&mut out, &competency.outreach_ideas);
        }
        if !competency.provenance.is_empty() {
            heading(&mut out, 3, "Provenance", None);
            block(&mut out, &competency.provenance);
        }
    }

    if !competency.calibration_samples.is_empty() {
        section(&mut out, "Calibration samples");
        for sample in &competency.calibration_samples {
            heading(&mut out, 3, &sample.title, Some(&sample.id));
            block(
                &mut out,
                &format!(
                    "Kind: {}\nLevel: {}",
                    sample.kind.as_str(),
                    sample.level.name()
                ),
            );
            block(&mut out, &sample.text);
            block(&mut out, "Why:");
            block(&mut out, &sample.why);
            if !sample.key_points.is_empty() {
                block(&mut out, "Key points:");
                list(&mut out, &sample.key_points);
            }
        }
    }
    out
}

/// Starts a block: one blank line after whatever came before.
fn separate(out: &mut String) {
    if !out.is_empty() {
        out.push('\n');
    }
}

fn section(out: &mut String, name: &str) {
    heading(out, 2, name, None);
}

fn heading(out: &mut String, level: usize, title: &str, id: Option<&str>) {
    separate(out);
    out.push_str(&"#".repeat(level));
    out.push(' ');
    out.push_str(&escape_plain(title));
    if let Some(id) = id {
        // Writing to a String cannot fail.
        let _ = write!(out, " {{#{id}}}");
    }
    out.push('\n');
}

/// A Markdown block written as is.
fn block(out: &mut String, markdown: &str) {
    separate(out);
    out.push_str(markdown);
    out.push('\n');
}

fn list(out: &mut String, items: &[String]) {
    separate(out);
    for item in items {
        out.push_str("- ");
        out.push_str(&escape_plain(item));
        out.push('\n');
    }
}

/// Escapes plain text so that, as a heading or list item, it parses back to
/// itself: backslash before characters that start inline markup anywhere,
/// and before characters that would start a block at the start of the line.
fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    for (index, c) in text.char_indices() {
        let escape = match c {
            // Braces too: `{name}` would read as an unfilled placeholder.
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '<' | '&' | '#' => true,
            '>' | '-' | '+' | '=' | '~' => index == 0,
            // "1. x" or "1) x" would start a numbered list.
            '.' | ')' => digits > 0 && index == digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_without_markdown_characters_is_written_as_is() {
        assert_eq!(
            escape_plain("Keeps commitments (and follows up), doesn't wait."),
            "Keeps commitments (and follows up), doesn't wait."
        );
    }

    #[test]
    fn markdown_characters_in_plain_text_are_escaped() {
        assert_eq!(
            escape_plain("a *b* _c_ `d` [e] <f> & #g \\"),
            r"a \*b\* \_c\_ \`d\` \[e\] \<f> \& \#g \\"
        );
        assert_eq!(escape_plain("- x"), r"\- x");
        assert_eq!(escape_plain("> x"), r"\> x");
        assert_eq!(escape_plain("a - b > c"), "a - b > c");
        assert_eq!(escape_plain("12. x"), r"12\. x");
        assert_eq!(escape_plain("3) x"), r"3\) x");
        assert_eq!(escape_plain("3.5 x"), r"3\.5 x");
        assert_eq!(escape_plain("x 3. y"), "x 3. y");
    }
}
