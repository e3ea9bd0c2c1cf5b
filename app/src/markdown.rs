//! Markdown to HTML for display, with anything unsafe removed.
//!
//! Bank files and people's notes are Markdown. pulldown-cmark passes raw
//! HTML and `javascript:` links straight through, so its output is cleaned
//! with ammonia, which keeps formatting and tables and drops scripts, event
//! handlers and dangerous URLs. Nothing a bank or a note says can run.

use pulldown_cmark::{Options, Parser, html};

/// Renders `markdown` to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives() {
        let html = to_safe_html("**Listen** for *specifics*:\n\n- one\n- two");
        assert!(
            html.contains("<strong>Listen</strong>") && html.contains("<em>specifics</em>"),
            "{html}"
        );
        assert!(html.contains("<li>one</li>"), "{html}");
    }

    #[test]
    fn scripts_handlers_and_javascript_links_are_removed() {
        let cases = [
            ("script tag", "<script>alert(1)</script>hello", "<script"),
            ("event handler", "<img src=x onerror=alert(1)>", "onerror"),
            (
                "javascript link",
                "[click](javascript:alert(1))",
                "javascript:",
            ),
            (
                "iframe",
                "<iframe src=\"https://evil.example\"></iframe>",
                "<iframe",
            ),
        ];
        for (name, input, forbidden) in cases {
            let html = to_safe_html(input);
            assert!(!html.to_lowercase().contains(forbidden), "{name}: {html}");
        }
    }
}
