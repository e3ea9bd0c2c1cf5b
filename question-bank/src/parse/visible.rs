//! Whether a Markdown field shows anything: text made only of invisible
//! characters, HTML comments or thematic breaks counts as empty, since it
//! would be stored as nothing a reader can see (and some of it would not
//! survive being exported and read again).

use super::blocks::OPTIONS;
use super::suggest::is_blank;
use pulldown_cmark::{Event, Parser, Tag};

/// Whether `markdown` renders any visible text, image or code.
pub(crate) fn has_visible_content(markdown: &str) -> bool {
    Parser::new_ext(markdown, OPTIONS).any(|event| match event {
        Event::Text(text) | Event::Code(text) => !is_blank(&text),
        Event::Start(Tag::Image { .. }) => true,
        Event::Html(html) | Event::InlineHtml(html) => html_shows_something(&html),
        _ => false,
    })
}

/// Whether raw HTML shows anything once comments and tags are removed (an
/// `<img>` counts as visible).
fn html_shows_something(html: &str) -> bool {
    let mut rest = html;
    let mut text = String::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
        } else if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |end| end + 1);
            if rest[..end].to_ascii_lowercase().starts_with("<img") {
                return true;
            }
            rest = &rest[end..];
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            text.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    !is_blank(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_markdown_is_not_content() {
        for text in [
            "",
            "\u{a0}",
            "\u{a0}\n\n\u{200b}",
            "<!-- a note -->",
            "---",
            "***\n\n<!-- x -->",
            "<div></div>",
            "&nbsp;",
        ] {
            assert!(!has_visible_content(text), "{text:?} counts as visible");
        }
    }

    #[test]
    fn text_code_and_images_are_content() {
        for text in [
            "a",
            "`x`",
            "![alt](i.png)",
            "<b>bold</b>",
            "<img src=x>",
            "- item",
        ] {
            assert!(has_visible_content(text), "{text:?} counts as invisible");
        }
    }
}
