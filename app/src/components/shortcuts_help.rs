//! A dialog listing a page's keyboard shortcuts, opened with `?`.

use leptos::html;
use leptos::prelude::*;

/// One shortcut: the keys as shown, and what they do.
pub type Shortcut = (&'static str, &'static str);

/// The shortcuts dialog. While open it takes focus; Escape or the button
/// closes it.
#[component]
pub fn ShortcutsHelp(
    /// Whether the dialog is open.
    open: RwSignal<bool>,
    /// The shortcuts, in the order to list them.
    shortcuts: Vec<Shortcut>,
) -> impl IntoView {
    let close_button = NodeRef::<html::Button>::new();
    // Focus moves into the dialog when it opens and back where it was when
    // it closes.
    #[cfg(feature = "hydrate")]
    {
        let before = StoredValue::new_local(None::<web_sys::HtmlElement>);
        Effect::new(move |was_open: Option<bool>| {
            let is_open = open.get();
            if is_open && was_open != Some(true) {
                use wasm_bindgen::JsCast;
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                before.set_value(active);
                request_animation_frame(move || {
                    if let Some(button) = close_button.get_untracked() {
                        let _ = button.focus();
                    }
                });
            } else if !is_open
                && was_open == Some(true)
                && let Some(el) = before.try_update_value(Option::take).flatten()
            {
                let _ = el.focus();
            }
            is_open
        });
    }
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" on:click=move |_| open.set(false)></div>
            <div
                class="dialog card"
                role="dialog"
                aria-modal="true"
                aria-labelledby="shortcuts-title"
                on:keydown=move |ev| {
                    match ev.key().as_str() {
                        "Escape" => {
                            ev.prevent_default();
                            open.set(false);
                        }
                        // The only control is Close: keep the focus in the dialog.
                        "Tab" => ev.prevent_default(),
                        _ => {}
                    }
                }
            >
                <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
                <table class="shortcuts">
                    <tbody>
                        {shortcuts.iter().map(|(keys, what)| view! {
                            <tr>
                                <th scope="row">
                                    {keys.split(' ').map(|k| view! { <kbd>{k}</kbd>" " }).collect_view()}
                                </th>
                                <td>{*what}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                <button type="button" class="secondary" node_ref=close_button on:click=move |_| open.set(false)>
                    "Close"
                </button>
            </div>
        </Show>
    }
    .into_any()
}
