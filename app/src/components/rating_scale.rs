//! Rating controls on the five proficiency levels: the full scale with each
//! level's behavioral anchor beside it (for competencies), and a compact one
//! (for single answers). Both are native radio groups: arrow keys move
//! between levels, and each level is named for screen readers.

use crate::model::{Assessment, SheetAnchor};
use leptos::prelude::*;
use question_bank::Level;

/// A competency's rating: the five levels with their anchors, the required
/// level marked, and "not assessed".
#[component]
pub fn AnchorScale(
    /// Unique name of the radio group.
    name: String,
    /// What is rated, e.g. "Customer Focus".
    legend: String,
    /// The five anchors, Entry first.
    anchors: Vec<SheetAnchor>,
    /// The level the role requires, if any (a calibration exercise has none).
    #[prop(into)]
    required: Option<Level>,
    /// Current assessment.
    #[prop(into)]
    value: Signal<Assessment>,
    /// Called with the new assessment.
    on_change: Callback<Assessment>,
    /// Read-only (submitted).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Whether "not assessed" is offered (a calibration sample must be rated).
    #[prop(default = true)]
    allow_not_assessed: bool,
) -> impl IntoView {
    let options = anchors
        .into_iter()
        .map(|anchor| {
            let level = anchor.level;
            let id = format!("{name}-{}", level.as_u8());
            let anchor_id = format!("{id}-anchor");
            let checked = move || value.get() == Assessment::Rated(level);
            view! {
                <label class="anchor-option" class:selected=checked class:required=Some(level) == required>
                    <input
                        type="radio"
                        id=id
                        name=name.clone()
                        value=level.as_u8().to_string()
                        aria-label=format!("{} {}", level.as_u8(), level.name())
                        aria-describedby=anchor_id.clone()
                        checked=value.get_untracked() == Assessment::Rated(level)
                        prop:checked=checked
                        disabled=move || disabled.get()
                        on:change=move |_| on_change.run(Assessment::Rated(level))
                    />
                    <span class="anchor-level">
                        <span class="level-num">{level.as_u8()}</span>
                        {level.name()}
                        {(Some(level) == required).then(|| view! { <span class="required-tag">"Required"</span> })}
                    </span>
                    <span class="anchor-text prose" id=anchor_id inner_html=anchor.html></span>
                </label>
            }
        })
        .collect_view();
    let not_assessed = move || value.get() == Assessment::NotAssessed;
    view! {
        <fieldset class="anchor-scale-input">
            <legend>{format!("{legend}: observed level")}</legend>
            <div class="anchor-options">
                {options}
                {allow_not_assessed.then(|| view! {
                    <label class="anchor-option not-assessed" class:selected=not_assessed>
                        <input
                            type="radio"
                            name=name.clone()
                            value="0"
                            aria-label="Not assessed"
                            checked=value.get_untracked() == Assessment::NotAssessed
                            prop:checked=not_assessed
                            disabled=move || disabled.get()
                            on:change=move |_| on_change.run(Assessment::NotAssessed)
                        />
                        <span class="anchor-level"><span class="level-num muted-num">"0"</span>"Not assessed"</span>
                    </label>
                })}
            </div>
        </fieldset>
    }
    .into_any()
}

/// An optional rating of one answer: no rating, or 1–5.
#[component]
pub fn QuickRating(
    /// Unique name of the radio group.
    name: String,
    /// What is rated, e.g. the question's title.
    legend: String,
    /// Current rating.
    #[prop(into)]
    value: Signal<Option<Level>>,
    /// Called with the new rating.
    on_change: Callback<Option<Level>>,
    /// Read-only (submitted).
    #[prop(into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let choices: Vec<Option<Level>> = std::iter::once(None)
        .chain(Level::ALL.into_iter().map(Some))
        .collect();
    view! {
        <fieldset class="quick-rating">
            <legend>
                <span class="visually-hidden">{format!("{legend}: ")}</span>
                "Answer rating (optional)"
            </legend>
            <div class="segments">
                {choices.into_iter().map(|choice| {
                    let checked = move || value.get() == choice;
                    let (short, long) = match choice {
                        None => ("–".to_owned(), "No rating".to_owned()),
                        Some(l) => (l.as_u8().to_string(), format!("{} {}", l.as_u8(), l.name())),
                    };
                    view! {
                        <label class="segment" class:selected=checked title=long.clone()>
                            <input
                                type="radio"
                                name=name.clone()
                                value=short.clone()
                                aria-label=long.clone()
                                checked=value.get_untracked() == choice
                                prop:checked=checked
                                disabled=move || disabled.get()
                                on:change=move |_| on_change.run(choice)
                            />
                            <span aria-hidden="true">{short}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}
