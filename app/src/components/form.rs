//! Small form helpers shared by the editing pages.

use crate::errors::AppError;
use leptos::prelude::*;

/// A message area under a form: the error of the last attempt, or a notice.
#[component]
pub fn FormStatus(
    /// The last error, if any.
    #[prop(into)]
    error: Signal<Option<AppError>>,
    /// A success notice, if any.
    #[prop(into, optional)]
    notice: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e.to_string()}</p> })}
        {move || notice.get().map(|n| view! { <p class="notice" role="status">{n}</p> })}
    }
}

/// The value of an input or select from its change or input event.
pub fn value_of(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// Splits a textarea into its non-empty trimmed lines.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A short random id for new items in an editor.
pub fn new_local_id(prefix: &str) -> String {
    #[cfg(feature = "hydrate")]
    let n = (js_sys_random() * 1e12) as u64;
    #[cfg(not(feature = "hydrate"))]
    let n = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    format!("{prefix}-{n:x}")
}

#[cfg(feature = "hydrate")]
fn js_sys_random() -> f64 {
    // Math.random through web-sys' window crypto would be stronger, but these
    // ids only need to be unique within one guide.
    let mut buf = [0u8; 8];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut buf);
    }
    (u64::from_le_bytes(buf) >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_drops_blanks_and_trims() {
        assert_eq!(lines(" a \n\n b\n"), vec!["a".to_owned(), "b".to_owned()]);
    }
}
