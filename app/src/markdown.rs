//! Markdown to HTML for display: bounded in work, with nothing unsafe left.
//!
//! Bank files and people's notes are Markdown. Three rules keep rendering
//! safe and cheap whatever the text:
//! - **No raw HTML.** Tags in the text are shown as the literal text they
//!   are; the rendered HTML is then cleaned with ammonia, which also drops
//!   `javascript:` links. Nothing a bank or a note says can run.
//! - **Limits.** At most [`MAX_CHARS`] characters and [`MAX_DEPTH`] levels of
//!   nesting (quotes, lists, emphasis). Text over either is refused when it
//!   is saved ([`check`]), naming the field, and if older text over them is
//!   met when rendering, it is shown as plain text instead: nesting is what
//!   made the HTML parser's work grow with the square of the input.
//! - **Off the async workers.** [`render`] runs on tokio's blocking pool with
//!   a time budget ([`RENDER_BUDGET`]), so one slow text cannot hold the
//!   threads that answer every other request.

mod render;

pub use render::{LimitError, MAX_CHARS, MAX_DEPTH, check_limits, plain_html};

use crate::errors::AppError;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

/// Texts longer than this are rendered each time rather than kept: the
/// texts met on every page view (bank questions, anchors, definitions) are
/// short, and long notes would crowd them out.
const CACHED_MAX_BYTES: usize = 4_096;

/// How many rendered texts are kept per process before the cache starts
/// over (at most about 4,096 × 4 KB × 3 of HTML).
const CACHED_ENTRIES: usize = 4_096;

/// Renders `markdown` to sanitised HTML (see the module doc), from a
/// process-wide cache for short texts. A scoring page renders every
/// question and the five anchors of each competency of its stage; parsing
/// and sanitising them anew was an eighth of the page's time.
pub fn to_safe_html(markdown: &str) -> String {
    type Cache = Mutex<HashMap<Box<str>, Arc<str>>>;
    static CACHE: LazyLock<Cache> = LazyLock::new(Default::default);
    if markdown.len() > CACHED_MAX_BYTES {
        return render::to_safe_html(markdown);
    }
    if let Some(html) = CACHE.lock().ok().and_then(|c| c.get(markdown).cloned()) {
        return html.to_string();
    }
    let html = render::to_safe_html(markdown);
    if let Ok(mut cache) = CACHE.lock() {
        if cache.len() >= CACHED_ENTRIES {
            cache.clear();
        }
        cache.insert(markdown.into(), html.as_str().into());
    }
    html
}

/// How long [`render`] waits for a text before showing it as plain text.
pub const RENDER_BUDGET: Duration = Duration::from_millis(250);

/// Checks Markdown `text` against the limits before it is saved: an
/// [`AppError::Invalid`] naming `field` if it is over them.
pub fn check(field: &str, text: &str) -> Result<(), AppError> {
    check_limits(text).map_err(|e| AppError::invalid(field, e.to_string()))
}

/// [`to_safe_html`] on the blocking pool, within [`RENDER_BUDGET`]; past the
/// budget the text is shown as plain text (the render finishes in the
/// background, bounded by the limits).
pub async fn render(markdown: String) -> String {
    let text: Arc<str> = markdown.into();
    let task = {
        let text = text.clone();
        tokio::task::spawn_blocking(move || to_safe_html(&text))
    };
    match tokio::time::timeout(RENDER_BUDGET, task).await {
        Ok(Ok(html)) => html,
        Ok(Err(err)) => {
            tracing::error!(error = %err, "Markdown rendering failed");
            plain_html(&text)
        }
        Err(_) => {
            tracing::warn!(
                chars = text.len(),
                "Markdown rendering over its time budget"
            );
            plain_html(&text)
        }
    }
}

#[cfg(test)]
mod tests;
