//! Rendering, sanitising and the limits of [`super`].

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
        ("event handler", "<img src=x onerror=alert(1)>", "<img"),
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
        (
            "closing a text area",
            "</textarea><svg onload=alert(1)>",
            "<svg",
        ),
    ];
    for (name, input, forbidden) in cases {
        let html = to_safe_html(input);
        assert!(!html.to_lowercase().contains(forbidden), "{name}: {html}");
    }
}

#[test]
fn raw_html_shows_as_the_text_it_is() {
    let html = to_safe_html("a <b>bold</b> claim");
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;"), "{html}");
}

#[test]
fn text_within_the_limits_passes() {
    let nested = (1..=MAX_DEPTH / 2)
        .map(|d| format!("{}- level {d}", "  ".repeat(d - 1)))
        .collect::<Vec<_>>()
        .join("\n");
    for (name, text) in [
        ("plain", "Hello".to_owned()),
        ("at the size limit", "x".repeat(MAX_CHARS)),
        ("multi-byte at the limit", "é".repeat(MAX_CHARS)),
        ("nested list", nested),
        ("quotes", "> > > three levels".to_owned()),
    ] {
        assert_eq!(check_limits(&text), Ok(()), "{name}");
    }
}

#[test]
fn text_over_the_limits_is_refused_with_the_field_named() {
    let cases = [
        (
            "too long",
            "x".repeat(MAX_CHARS + 1),
            "at most 20,000 characters",
        ),
        ("nested quotes", ">".repeat(50_000), "too long"),
        (
            "nested quotes within the size",
            ">".repeat(MAX_DEPTH + 1),
            "too deeply",
        ),
        (
            "nested lists on one line",
            "- ".repeat(MAX_DEPTH + 1),
            "too deeply",
        ),
        (
            "nested emphasis",
            format!("{}x{}", "*a _".repeat(40), "_ a*".repeat(40)),
            "too deeply",
        ),
    ];
    for (name, text, words) in cases {
        let err = check("notes", &text).unwrap_err();
        let AppError::Invalid { field, message } = &err else {
            panic!("{name}: {err:?}");
        };
        assert_eq!(field, "notes", "{name}");
        assert!(message.contains(words), "{name}: {message}");
    }
}

#[test]
fn text_over_the_limits_renders_as_plain_text() {
    let deep = format!("{}<script>x</script>", ">".repeat(MAX_DEPTH + 1));
    let html = to_safe_html(&deep);
    assert!(html.starts_with("<p class=\"unrendered\">"), "{html}");
    assert!(
        !html.contains("<blockquote") && !html.contains("<script"),
        "{html}"
    );
}

#[tokio::test]
async fn rendering_off_the_workers_gives_the_same_html() {
    let text = "Some *notes* with a [link](https://example.org).".to_owned();
    assert_eq!(render(text.clone()).await, to_safe_html(&text));
}
