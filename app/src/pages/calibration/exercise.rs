//! `/calibration/:competency`: the samples of one competency, rated blind
//! on the scoring page's anchor scale. Keys as on the scoring page: 1–5
//! rate the current sample (and move on), j and k move between samples.
//! The page never holds the experts' levels; submitting stores the attempt
//! and opens its results.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::rating_scale::AnchorScale;
use crate::errors::AppError;
use crate::model::{Assessment, CalibrationExercise, SampleRating};
use crate::server_fns::calibration::{load_calibration_exercise, submit_calibration};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use question_bank::Level;

/// The exercise page.
#[component]
pub fn CalibrationExercisePage() -> impl IntoView {
    let params = use_params_map();
    let competency = move || params.read().get("competency").unwrap_or_default();
    let data = Resource::new(competency, load_calibration_exercise);
    view! {
        <PageTitle text="Calibration exercise" />
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/calibration">"Calibration exercises"</a></nav>
        <Loaded resource=data let:exercise>
            <ExerciseView exercise />
        </Loaded>
    }
}

/// The samples to rate: an island, hydrated with the exercise the server
/// rendered.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn ExerciseView(exercise: CalibrationExercise) -> impl IntoView {
    let count = exercise.samples.len();
    let ratings: Vec<RwSignal<Assessment>> = (0..count)
        .map(|_| RwSignal::new(Assessment::Pending))
        .collect();
    let ratings = StoredValue::new(ratings);
    let error = RwSignal::new(None::<AppError>);
    let live = RwSignal::new(false);
    let competency_id = exercise.competency_id.clone();
    let ids: Vec<String> = exercise.samples.iter().map(|s| s.id.clone()).collect();
    let submit = Action::new(move |ratings: &Vec<SampleRating>| {
        let (competency_id, ratings) = (competency_id.clone(), ratings.clone());
        async move {
            let id = submit_calibration(competency_id.clone(), ratings).await?;
            Ok::<_, AppError>((competency_id, id))
        }
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok((competency, attempt))) => {
            crate::components::navigate::go_to(&format!(
                "/calibration/{competency}/results/{attempt}"
            ));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    Effect::new(move |_| live.set(true));
    keys::install(ratings, count);
    let rated = move || {
        ratings.with_value(|r| {
            r.iter()
                .filter(|s| matches!(s.get(), Assessment::Rated(_)))
                .count()
        })
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        let chosen: Vec<SampleRating> = ratings.with_value(|r| {
            r.iter()
                .zip(&ids)
                .filter_map(|(s, id)| match s.get_untracked() {
                    Assessment::Rated(level) => Some(SampleRating {
                        sample_id: id.clone(),
                        level: level.as_u8(),
                    }),
                    _ => None,
                })
                .collect()
        });
        if chosen.len() < count {
            error.set(Some(AppError::invalid(
                "ratings",
                "rate every sample before you submit",
            )));
            return;
        }
        submit.dispatch(chosen);
    };
    let name = exercise.name.clone();
    let anchors = exercise.anchors.clone();
    // A sample has no required level to mark.
    let no_level: Option<Level> = None;
    view! {
        <h1>{format!("Calibration: {name}")}</h1>
        <p class="lede">"Read each sample and rate it against the anchors, as you would an answer in an interview. The experts' levels and reasoning appear once you submit."</p>
        <p class="muted">"Keys: 1–5 rate the current sample and move to the next; j and k move between samples."</p>
        <form class="calibration-exercise" on:submit=on_submit>
            {exercise.samples.into_iter().enumerate().map(|(index, sample)| {
                let value = ratings.with_value(|r| r[index]);
                let label = format!("Sample {} of {count}", index + 1);
                let (aria, heading) = (label.clone(), label.clone());
                view! {
                    <section class="card calibration-sample" data-sample=index.to_string() tabindex="-1" aria-label=aria>
                        <h2>{heading}<span class="muted">{format!(" · {}", sample.kind)}</span></h2>
                        <div class="prose sample-text" inner_html=sample.text_html></div>
                        <AnchorScale
                            name=format!("sample-{}", sample.id)
                            legend=label
                            anchors=anchors.clone()
                            required=no_level
                            value=value
                            on_change=Callback::new(move |a| value.set(a))
                            disabled=Signal::derive(move || !live.get())
                            allow_not_assessed=false
                        />
                    </section>
                }
            }).collect_view()}
            <p class="muted" aria-live="polite">{move || format!("{} of {count} samples rated", rated())}</p>
            <FormStatus error=error />
            <button type="submit" class="primary" disabled=move || !live.get() || submit.pending().get()>"Submit my levels"</button>
        </form>
    }
}

mod keys {
    //! The exercise's keys (browser only): 1–5 rate the sample holding the
    //! focus (the first unrated one when none does) and move on; j and k
    //! move between samples.

    use crate::model::Assessment;
    use leptos::prelude::*;

    /// Listens for the keys while the page is open.
    pub fn install(ratings: StoredValue<Vec<RwSignal<Assessment>>>, count: usize) {
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| {
            let handle = window_event_listener(leptos::ev::keydown, move |ev| {
                on_key(ratings, count, &ev);
            });
            on_cleanup(move || handle.remove());
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (ratings, count);
    }

    #[cfg(feature = "hydrate")]
    fn on_key(
        ratings: StoredValue<Vec<RwSignal<Assessment>>>,
        count: usize,
        ev: &web_sys::KeyboardEvent,
    ) {
        use wasm_bindgen::JsCast;
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || count == 0 {
            return;
        }
        let document = document();
        let active = document.active_element();
        if active
            .as_ref()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "SELECT"))
        {
            return;
        }
        let focused = active
            .and_then(|el| el.closest("[data-sample]").ok().flatten())
            .and_then(|el| el.get_attribute("data-sample"))
            .and_then(|i| i.parse::<usize>().ok());
        let first_unrated = || {
            ratings.with_value(|r| {
                r.iter()
                    .position(|s| !matches!(s.get_untracked(), Assessment::Rated(_)))
            })
        };
        let current = focused.or_else(first_unrated).unwrap_or(0);
        let focus = |index: usize| {
            let selector = format!("[data-sample='{index}']");
            if let Some(el) = document
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
                el.scroll_into_view();
            }
        };
        let key = ev.key();
        match key.as_str() {
            "1" | "2" | "3" | "4" | "5" => {
                let Some(level) = key
                    .parse::<u8>()
                    .ok()
                    .and_then(|n| question_bank::Level::try_from(n).ok())
                else {
                    return;
                };
                ev.prevent_default();
                ratings.with_value(|r| r[current].set(Assessment::Rated(level)));
                focus((current + 1).min(count - 1));
            }
            "j" => {
                ev.prevent_default();
                focus((current + 1).min(count - 1));
            }
            "k" => {
                ev.prevent_default();
                focus(current.saturating_sub(1));
            }
            _ => {}
        }
    }
}
