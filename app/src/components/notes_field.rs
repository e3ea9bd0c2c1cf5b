//! A Markdown text area with a preview, for notes, evidence and summaries.

use crate::components::text_area::TextArea;
use leptos::prelude::*;

/// A labelled Markdown field. The server renders its saved text; "Preview"
/// shows it formatted (rendered on the server, so it needs a connection).
#[component]
pub fn NotesField(
    /// Element id of the text area (also the label's `for`).
    id: String,
    /// The label.
    label: String,
    /// Current text.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text on every input.
    on_input: Callback<String>,
    /// Read-only (submitted).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Hint shown inside the empty field.
    #[prop(optional, into)]
    placeholder: String,
    /// Visible rows.
    #[prop(default = 4)]
    rows: u32,
) -> impl IntoView {
    let (preview, set_preview) = signal(false);
    let (html, set_html) = signal(None::<Result<String, String>>);
    let show_preview = move |_| {
        set_preview.set(true);
        set_html.set(None);
        let markdown = value.get_untracked();
        leptos::task::spawn_local(async move {
            let result = crate::server_fns::guides::preview_markdown(markdown)
                .await
                .map_err(|_| {
                    "The preview needs a connection to the server; your text is kept.".to_owned()
                });
            set_html.set(Some(result));
        });
    };
    view! {
        <div class="notes-field">
            <div class="notes-head">
                <label for=id.clone()>{label}</label>
                <div class="notes-tabs">
                    <button
                        type="button"
                        class="link-button"
                        aria-pressed=move || (!preview.get()).to_string()
                        aria-controls=id.clone()
                        on:click=move |_| set_preview.set(false)
                    >
                        "Write"
                    </button>
                    <button
                        type="button"
                        class="link-button"
                        aria-pressed=move || preview.get().to_string()
                        on:click=show_preview
                    >
                        "Preview"
                    </button>
                </div>
            </div>
            <TextArea
                value
                on_input
                attr:id=id
                attr:rows=rows
                attr:placeholder=placeholder
                class:hidden=move || preview.get()
                attr:disabled=move || disabled.get()
            />
            <Show when=move || preview.get()>
                <div class="notes-preview prose" aria-live="polite">
                    {move || match html.get() {
                        None => view! { <p class="muted">"Rendering…"</p> }.into_any(),
                        Some(Ok(h)) if h.trim().is_empty() => view! { <p class="muted">"Nothing written yet."</p> }.into_any(),
                        Some(Ok(h)) => view! { <div inner_html=h></div> }.into_any(),
                        Some(Err(e)) => view! { <p class="muted">{e}</p> }.into_any(),
                    }}
                </div>
            </Show>
        </div>
    }
    .into_any()
}
