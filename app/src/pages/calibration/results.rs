//! `/calibration/:competency/results/:attempt`: an attempt's results. Per
//! sample the caller's level beside the experts', the reasoning and key
//! points, and the five anchors with both levels highlighted; the verdict
//! against the pass rule on top.

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::model::calibration::PASS_PERCENT;
use crate::model::{CalibrationResult, ResultSample, SheetAnchor, format_day};
use crate::server_fns::calibration::load_calibration_result;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The results page.
#[component]
pub fn CalibrationResultPage() -> impl IntoView {
    let params = use_params_map();
    let attempt = move || params.read().get("attempt").unwrap_or_default();
    let data = Resource::new(attempt, load_calibration_result);
    view! {
        <PageTitle text="Calibration results" />
        <nav class="breadcrumb" aria-label="Breadcrumb"><a href="/calibration">"Calibration exercises"</a></nav>
        <Loaded resource=data let:result>
            <ResultView result />
        </Loaded>
    }
}

#[component]
fn ResultView(result: CalibrationResult) -> impl IntoView {
    let s = result.summary.clone();
    let passed = s.passed;
    let verdict = if passed { "Passed" } else { "Not passed" };
    let percent = (s.agreed * 100).checked_div(s.total).unwrap_or(0);
    let again = format!("/calibration/{}", result.competency_id);
    let anchors = result.anchors.clone();
    let count = result.samples.len();
    view! {
        <h1>{format!("Calibration results: {}", result.name)}</h1>
        <p class="calibration-verdict" class:passed=passed class:failed=!passed role="status">
            <strong>{verdict}</strong>
            {format!(
                ": {} of {} samples ({percent}%) within one level of the experts; a pass needs {PASS_PERCENT}%. Taken {}.",
                s.agreed, s.total, format_day(s.submitted_at)
            )}
        </p>
        <p class="actions"><a class="button-link" href=again>"Take it again"</a></p>
        {result.samples.into_iter().enumerate().map(|(index, sample)| view! {
            <SampleResult index count sample anchors=anchors.clone() />
        }).collect_view()}
    }
}

#[component]
fn SampleResult(
    index: usize,
    count: usize,
    sample: ResultSample,
    anchors: Vec<SheetAnchor>,
) -> impl IntoView {
    let agrees = sample.agrees();
    let (rated, expert) = (sample.rated, sample.expert);
    let title = format!("Sample {} of {count}: {}", index + 1, sample.title);
    let aria = title.clone();
    view! {
        <section class="card calibration-result" class:agrees=agrees class:differs=!agrees aria-label=aria>
            <h2>{title}{(!sample.kind.is_empty()).then(|| view! { <span class="muted">{format!(" · {}", sample.kind)}</span> })}</h2>
            <div class="prose sample-text" inner_html=sample.text_html></div>
            <dl class="level-compare">
                <dt>"Your level"</dt>
                <dd class="your-level">{format!("{} {}", rated.as_u8(), rated.name())}</dd>
                <dt>"Experts' level"</dt>
                <dd class="expert-level">{format!("{} {}", expert.as_u8(), expert.name())}</dd>
                <dt>"Within one level"</dt>
                <dd>{if agrees { "Yes" } else { "No" }}</dd>
            </dl>
            <h3>"Why the experts chose it"</h3>
            <div class="prose why" inner_html=sample.why_html></div>
            {(!sample.key_points.is_empty()).then(|| view! {
                <h3>"Key points"</h3>
                <ul class="key-points">{sample.key_points.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
            <h3>"The anchors"</h3>
            <ol class="anchor-list calibration-anchors">
                {anchors.into_iter().map(|a| {
                    let yours = a.level == rated;
                    let theirs = a.level == expert;
                    let tags = match (yours, theirs) {
                        (true, true) => "Your level and the experts'",
                        (true, false) => "Your level",
                        (false, true) => "Experts' level",
                        (false, false) => "",
                    };
                    view! {
                        <li class="anchor" class:highlight-yours=yours class:highlight-expert=theirs>
                            <span class="anchor-level">
                                <span class="level-num">{a.level.as_u8()}</span>
                                {a.level.name()}
                                {(!tags.is_empty()).then(|| view! { <span class="anchor-tag">{tags}</span> })}
                            </span>
                            <span class="anchor-text prose" inner_html=a.html></span>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}
