//! Fuzz target: the Markdown renderer on arbitrary UTF-8 must never panic,
//! must agree with the limit check, and must never emit a script element,
//! an event handler or a `javascript:` or `data:` URL, whatever the text says.

#![no_main]

#[path = "../../src/markdown/render.rs"]
mod render;

use libfuzzer_sys::fuzz_target;

/// Elements that run or embed active content.
const FORBIDDEN_ELEMENTS: [&str; 8] = [
    "script", "iframe", "object", "embed", "svg", "math", "style", "form",
];

fuzz_target!(|text: &str| {
    let html = render::to_safe_html(text);
    let within = render::check_limits(text).is_ok();
    // Text over the limits is shown as one escaped paragraph, never parsed.
    assert_eq!(
        !within,
        html.starts_with("<p class=\"unrendered\">"),
        "limit check and renderer disagree"
    );
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let (name, mut rest) = tag.split_once(' ').unwrap_or((tag, ""));
        let name = name.trim_start_matches('/').to_ascii_lowercase();
        assert!(!FORBIDDEN_ELEMENTS.contains(&name.as_str()), "<{name}> in {html}");
        // The serializer writes `name="value"` with quotes escaped inside.
        while let Some((attr, after)) = rest.trim_start().split_once("=\"") {
            let (value, next) = after.split_once('"').unwrap_or((after, ""));
            let attr = attr.trim().to_ascii_lowercase();
            let value = value.trim().to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "event handler {attr} in {html}");
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("data:"),
                "{attr}={value} in {html}"
            );
            rest = next;
        }
    }
});
