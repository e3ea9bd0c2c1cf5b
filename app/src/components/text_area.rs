//! The one `<textarea>` of the app. Every multi-line field renders through
//! [`TextArea`], because two things about text areas must be right in one
//! place:
//!
//! 1. **Escaping on the server.** tachys 0.2.19 (leptos 0.8) declares
//!    `<textarea>` a raw-text element (`ESCAPE_CHILDREN = false`, with
//!    `<script>` and `<style>`), so its children are written into the HTML
//!    unescaped: a saved `</textarea><script>…` closed the field and ran as
//!    script. Upstream fixed this in leptos-rs/leptos#4821 ("decouple child
//!    escaping from hydration for raw-text elements", after #4730 was reverted
//!    by #4819). Until Panelkit runs a tachys with that fix, the server
//!    escapes the text itself here. **When upgrading tachys, remove
//!    [`escape_text`] and pass the text as is**; the test
//!    `hostile_text_is_escaped_exactly_once` fails on the upgrade (it would
//!    see the text escaped twice) to say so.
//! 2. **Nothing typed before hydration is lost.** The server renders the
//!    saved text and the page looks ready at once, long before the wasm has
//!    loaded on a slow link. A `prop:value` binding would overwrite whatever
//!    was typed meanwhile when the page hydrates. Instead, on hydration the
//!    text area keeps what is in the DOM: if its value differs from the text
//!    the server sent (its `defaultValue`), the person typed (or the browser
//!    restored a draft), and that text is handed to `on_input`, so it
//!    reaches the page's state and its autosave.

use leptos::prelude::*;

/// A text area showing `value` and reporting every edit to `on_input`.
///
/// Attributes go on the element with `attr:` (`attr:id="notes"`,
/// `attr:rows="4"`, `attr:disabled=move || …`), classes with `class:`.
#[component]
pub fn TextArea(
    /// The text shown. Changes to it are written into the field.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the whole text after each edit, and once on hydration if
    /// the field holds text typed before the page became interactive.
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Textarea>::new();
    // On the server: the saved text as the element's content, escaped here
    // (see the module doc). In the browser the content is never rendered:
    // tachys neither escapes nor hydrates text-area children, and the value
    // is kept in step by the effect below.
    #[cfg(not(feature = "hydrate"))]
    let content = escape_text(&value.get_untracked());
    #[cfg(feature = "hydrate")]
    let content = ();
    // Returns whether the first look at the hydrated element has happened.
    Effect::new(move |reconciled: Option<bool>| {
        let text = value.get();
        let Some(el) = node.get() else {
            return false;
        };
        let shown = el.value();
        // First look after hydration: a value that differs from the content
        // the server sent was typed (or restored) before the page was live.
        // Keep it and tell the page, rather than overwrite it.
        let typed = el.default_value().is_ok_and(|sent| sent != shown);
        if reconciled != Some(true) && typed {
            if let Some(cb) = on_input {
                cb.run(shown);
            }
            return true;
        }
        // Only write when different, so the caret does not jump while typing.
        if shown != text {
            el.set_value(&text);
        }
        true
    });
    view! {
        <textarea
            node_ref=node
            on:input=move |ev| {
                if let Some(cb) = on_input {
                    cb.run(event_target_value(&ev));
                }
            }
        >
            {content}
        </textarea>
    }
}

/// Escapes text for the content of a `<textarea>` (escapable raw text: the
/// browser decodes character references there, and only `</textarea`
/// could end it). `&` first, so the other replacements are not re-escaped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    /// Renders a text area holding `text` as the server would.
    fn render(text: &str) -> String {
        let owner = Owner::new();
        owner.set();
        let value = Signal::stored(text.to_owned());
        let html = view! {
            <TextArea value on_input=Callback::new(|_: String| {}) attr:id="notes" attr:rows="4" />
        }
        .to_html();
        drop(owner);
        html
    }

    #[test]
    fn hostile_text_is_escaped_exactly_once() {
        let hostile = "</textarea><script>alert(1)</script> & <img src=x onerror=alert(2)> &amp;";
        let html = render(hostile);
        assert!(
            !html.contains("<script>"),
            "a closing tag in the text must not end the field: {html}"
        );
        assert!(
            !html.contains("<img"),
            "no element may come from the text: {html}"
        );
        assert_eq!(
            html.matches("</textarea>").count(),
            1,
            "exactly one closing tag: {html}"
        );
        // Escaped once: what the browser decodes is the text as typed. Twice
        // would show "&lt;" to the reader (tachys with the upstream fix).
        assert!(
            html.contains(
                "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \
                 &lt;img src=x onerror=alert(2)&gt; &amp;amp;"
            ),
            "the text is escaped exactly once: {html}"
        );
    }

    #[test]
    fn attributes_reach_the_element() {
        let html = render("plain words");
        assert!(html.starts_with("<textarea"), "{html}");
        assert!(html.contains(r#"id="notes""#), "{html}");
        assert!(html.contains(r#"rows="4""#), "{html}");
        assert!(html.contains(">plain words</textarea>"), "{html}");
    }

    #[test]
    fn no_other_module_writes_a_raw_textarea() {
        // Every text area must go through this component (escaping and
        // keeping typed text live here): fail on any `<textarea` elsewhere.
        let found: Vec<String> = crate::components::sources_except("components/text_area.rs")
            .into_iter()
            .filter(|(_, text)| text.contains("<textarea"))
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert!(
            found.is_empty(),
            "use TextArea instead of <textarea> in {found:?}"
        );
    }

    #[test]
    fn escape_text_leaves_ordinary_text_alone() {
        assert_eq!(
            escape_text("Zoë said “fine” — 3/5"),
            "Zoë said “fine” — 3/5"
        );
        assert_eq!(escape_text("a<b&c>d"), "a&lt;b&amp;c&gt;d");
    }
}
