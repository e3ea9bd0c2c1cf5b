//! The renderer itself: limits, raw HTML as text, sanitising. Depends on
//! nothing of the app (only pulldown-cmark, ammonia and thiserror), so the
//! fuzz target in `app/fuzz/` compiles this very file on its own instead
//! of the whole server.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, html};

/// Most characters a Markdown field may hold.
pub const MAX_CHARS: usize = 20_000;

/// Deepest nesting of quotes, lists and inline emphasis a text may have.
pub const MAX_DEPTH: usize = 32;

/// Why a text is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Over [`MAX_CHARS`].
    #[error("is too long: at most {max} characters, this has {found}", max = fmt_count(*.max), found = fmt_count(*.found))]
    TooLong {
        /// The limit.
        max: usize,
        /// The length found (a lower bound when far over).
        found: usize,
    },
    /// Over [`MAX_DEPTH`].
    #[error("nests quotes, lists or emphasis too deeply: at most {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
}

/// Checks `text` against [`MAX_CHARS`] and [`MAX_DEPTH`]. Linear in the
/// length, and constant time for a text far over the size limit.
pub fn check_limits(text: &str) -> Result<(), LimitError> {
    events_within_limits(text).map(drop)
}

/// Renders `markdown` to sanitised HTML; text over the limits becomes
/// escaped plain text. Runs on the calling thread: async code uses
/// `render` in the parent module.
pub fn to_safe_html(markdown: &str) -> String {
    // ammonia's default builder fills several hash sets of tags and
    // attributes; built once, it is shared by every render.
    static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let mut builder = ammonia::Builder::default();
        builder.link_rel(Some("noopener noreferrer nofollow"));
        builder
    });
    match events_within_limits(markdown) {
        Ok(events) => {
            let mut raw = String::with_capacity(markdown.len() * 3 / 2);
            html::push_html(&mut raw, events.into_iter());
            SANITIZER.clean(&raw).to_string()
        }
        Err(_) => plain_html(markdown),
    }
}

/// `text` escaped, at most [`MAX_CHARS`] characters, as one paragraph.
pub fn plain_html(text: &str) -> String {
    let mut out = String::from("<p class=\"unrendered\">");
    for c in text.chars().take(MAX_CHARS) {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out.push_str("</p>");
    out
}

/// The parser's events for `text` with raw HTML turned into text, or why
/// the text is over the limits.
fn events_within_limits(text: &str) -> Result<Vec<Event<'_>>, LimitError> {
    // Bytes bound characters from above, so the common case costs nothing.
    if text.len() > MAX_CHARS {
        let found = text.chars().take(MAX_CHARS * 4).count();
        if found > MAX_CHARS {
            return Err(LimitError::TooLong {
                max: MAX_CHARS,
                found,
            });
        }
    }
    // Container markers at the start of a line (`> > - >`) each open a
    // level; refusing them before parsing keeps the parser's block pass
    // from ever seeing thousands of open containers.
    if text.lines().any(|line| line_prefix_depth(line) > MAX_DEPTH) {
        return Err(LimitError::TooDeep { max: MAX_DEPTH });
    }
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let mut depth = 0usize;
    let mut events = Vec::new();
    for event in Parser::new_ext(text, options) {
        match &event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(LimitError::TooDeep { max: MAX_DEPTH });
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        events.push(match event {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            other => other,
        });
    }
    Ok(events)
}

/// How many quote and list markers open `line`.
fn line_prefix_depth(line: &str) -> usize {
    let mut depth = 0;
    let mut rest = line.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
        } else if let Some(r) = rest
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.starts_with(' '))
        {
            rest = r.trim_start();
        } else if let Some(r) = strip_ordered_marker(rest) {
            rest = r.trim_start();
        } else {
            return depth;
        }
        depth += 1;
        if depth > MAX_DEPTH {
            return depth;
        }
    }
}

/// `12. rest` or `3) rest` without its marker.
fn strip_ordered_marker(s: &str) -> Option<&str> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    s[digits..]
        .strip_prefix(['.', ')'])
        .filter(|r| r.starts_with(' '))
}

fn fmt_count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
