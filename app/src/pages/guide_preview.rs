//! The draft guide as an interviewer will see it once published.

use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::components::stage_view::StageView;
use crate::model::for_candidate;
use crate::server_fns::guides::{get_published_guide, preview_guide};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/roles/:id/guide/preview`.
#[component]
pub fn GuidePreviewPage() -> impl IntoView {
    let params = use_params_map();
    let role_id = move || params.read().get("id").unwrap_or_default();
    let guide = Resource::new(role_id, preview_guide);
    let published = Resource::new(role_id, get_published_guide);
    view! {
        <PageTitle text="Guide preview" />
        <Loaded resource=guide let:guide>
            {
                    let role_href = format!("/roles/{}", guide.role_id);
                    view! {
                        <nav class="breadcrumb" aria-label="Breadcrumb">
                            <a href="/roles">"Roles"</a>" / "<a href=role_href.clone()>{guide.role_title.clone()}</a>
                            " / "<a href=format!("{role_href}/guide")>"Guide"</a>
                        </nav>
                        <h1>"Preview: " {guide.role_title.clone()}</h1>
                        <Suspense>
                            {move || published.get().and_then(Result::ok).flatten().map(|p| view! {
                                <aside class="card packets" aria-label="Printable packets">
                                    <strong>{format!("Printable interviewer packets (version {}):", p.version)}</strong>
                                    {p.stages.iter().map(|s| view! {
                                        " "<a href=format!("/roles/{}/packet.pdf?stage={}", p.role_id, s.id) download>{format!("{} (PDF)", s.name)}</a>
                                    }).collect_view()}
                                </aside>
                            })}
                        </Suspense>
                        <p class="notice">"This is the current draft as each interviewer will see it. Candidates' names replace {candidate} in reference questions."</p>
                        {guide.stages.is_empty().then(|| view! { <p class="empty">"The guide has no stages yet."</p> })}
                        {guide.stages.clone().into_iter().map(|stage| view! { <StageView guide=guide.clone() stage /> }).collect_view()}
                        {(!guide.reference_questions.is_empty()).then(|| view! {
                            <section class="card">
                                <h2>"Reference-check questions"</h2>
                                <ol>
                                    {guide.reference_questions.iter().map(|q| view! {
                                        <li><strong>{q.title.clone()}</strong>
                                            <div class="prose" inner_html=for_candidate(&q.text, "the candidate")></div></li>
                                    }).collect_view()}
                                </ol>
                            </section>
                        })}
                    }.into_any()
            }
        </Loaded>
    }
}
