//! The reference questions as a form: for each question, the five levels
//! with the competency's reference anchors visible (what a colleague would
//! have seen), "I can't say", and free text. The referee's page and the
//! recruiter's phone check use the same form.

use crate::components::text_area::TextArea;
use crate::errors::AppError;
use crate::model::{ReferenceAnswer, ReferenceQuestionView, answer_field};
use leptos::prelude::*;

/// One answer per question, in question order, starting from `saved`.
pub fn initial_answers(
    questions: &[ReferenceQuestionView],
    saved: &[ReferenceAnswer],
) -> Vec<ReferenceAnswer> {
    questions
        .iter()
        .map(|q| {
            saved
                .iter()
                .find(|a| a.question_id == q.id)
                .cloned()
                .unwrap_or_else(|| ReferenceAnswer {
                    question_id: q.id.clone(),
                    ..ReferenceAnswer::default()
                })
        })
        .collect()
}

/// The message of `error` if it concerns the answer to question
/// `question_id` (the server names it with [`answer_field`]).
fn error_for(error: &Option<AppError>, question_id: &str) -> Option<String> {
    match error {
        Some(AppError::Invalid { field, message })
            if [
                answer_field(question_id, "rating"),
                answer_field(question_id, "comments"),
            ]
            .contains(field) =>
        {
            Some(message.clone())
        }
        _ => None,
    }
}

/// What the form's summary line says about `error`: a message placed beside
/// a question is pointed to rather than repeated.
pub fn summary_message(error: &AppError) -> String {
    match error {
        AppError::Invalid { field, .. } if field.starts_with("answers.") => {
            "Some answers need attention: see the questions marked below.".into()
        }
        other => other.to_string(),
    }
}

/// The questions with their rating scales and text boxes.
#[component]
pub fn ReferenceAnswerForm(
    /// The questions, in order.
    questions: Vec<ReferenceQuestionView>,
    /// One answer per question, same order; edited in place.
    answers: RwSignal<Vec<ReferenceAnswer>>,
    /// The legend of each rating, e.g. "Your rating of Zoë Park".
    legend: String,
    /// Prefix making ids unique on the page.
    id_prefix: String,
    /// Called after a rating changes or a text box is left.
    #[prop(optional, into)]
    on_change: Option<Callback<()>>,
    /// The last error, shown beside the question it names.
    #[prop(into)]
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let total = questions.len();
    // The caller may start from an empty list or a draft of other questions.
    let aligned = answers.with_untracked(|a| {
        a.len() == total && a.iter().zip(&questions).all(|(x, q)| x.question_id == q.id)
    });
    if !aligned {
        answers.set(initial_answers(&questions, &answers.get_untracked()));
    }
    let changed = move || {
        if let Some(cb) = on_change {
            cb.run(());
        }
    };
    questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let number = i + 1;
            let base = format!("{id_prefix}-q{number}");
            let heading_id = format!("{base}-h");
            let text_id = format!("{base}-text");
            let error_id = format!("{base}-error");
            let answer = move || answers.with(|a| a.get(i).cloned().unwrap_or_default());
            // For the server-rendered `checked` attributes: read once, untracked
            // (a tracked read outside a reactive context only warns).
            let saved = answers.with_untracked(|a| a.get(i).cloned().unwrap_or_default());
            let set_rating = move |rating: Option<u8>| {
                answers.update(|a| {
                    if let Some(x) = a.get_mut(i) {
                        x.cant_say = rating.is_none();
                        x.rating = rating;
                    }
                });
                changed();
            };
            let levels = q
                .anchors
                .iter()
                .map(|anchor| {
                    let level = anchor.level;
                    let checked = move || answer().rating == Some(level);
                    view! {
                        <label class="ref-level" class:selected=checked>
                            <input
                                type="radio"
                                name=base.clone()
                                value=level.to_string()
                                checked=saved.rating == Some(level)
                                prop:checked=checked
                                on:change=move |_| set_rating(Some(level))
                            />
                            <span class="ref-level-name">
                                <span class="level-num">{level}</span>
                                {anchor.name.clone()}
                            </span>
                            <span class="ref-anchor prose" inner_html=anchor.html.clone()></span>
                        </label>
                    }
                })
                .collect_view();
            let cant_say = move || answer().cant_say;
            let question_error = {
                let id = q.id.clone();
                Signal::derive(move || error.with(|e| error_for(e, &id)))
            };
            view! {
                <section class="ref-question card" aria-labelledby=heading_id.clone() data-question-id=q.id.clone()
                    class:has-error=move || question_error.with(Option::is_some)>
                    <p class="ref-competency">
                        {format!("Question {number} of {total} · ")}<strong>{q.competency_name.clone()}</strong>
                    </p>
                    <h3 id=heading_id.clone()>{q.title.clone()}</h3>
                    <div class="prose ref-question-text" inner_html=q.html.clone()></div>
                    <fieldset class="ref-scale" aria-describedby=error_id.clone()>
                        <legend>{legend.clone()}</legend>
                        <p class="ref-scale-hint">
                            "Choose the level that best matches what you saw. The descriptions are the ones the
                            interviewers use: read \"the candidate\" as the person you worked with."
                        </p>
                        <div class="ref-levels">
                            {levels}
                            <label class="ref-level ref-cant-say" class:selected=cant_say>
                                <input
                                    type="radio"
                                    name=base.clone()
                                    value="cant-say"
                                    checked=saved.cant_say
                                    prop:checked=cant_say
                                    on:change=move |_| set_rating(None)
                                />
                                <span class="ref-level-name">"I can't say"</span>
                                <span class="ref-anchor">"I did not see enough of this to judge."</span>
                            </label>
                        </div>
                    </fieldset>
                    <label for=text_id.clone()>"What did you see? Examples help most (optional)"</label>
                    <TextArea
                        value=Signal::derive(move || answer().text)
                        on_input=Callback::new(move |text: String| {
                            answers.update(|a| {
                                if let Some(x) = a.get_mut(i) {
                                    x.text = text;
                                }
                            });
                        })
                        attr:id=text_id
                        attr:rows="4"
                        attr:maxlength="5000"
                        on:change=move |_| changed()
                    />
                    <p class="field-error" id=error_id role="alert">{move || question_error.get()}</p>
                </section>
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_land_on_the_question_they_name() {
        let error = Some(AppError::invalid(
            &answer_field("q2", "rating"),
            "choose a level",
        ));
        assert_eq!(error_for(&error, "q2").as_deref(), Some("choose a level"));
        assert_eq!(error_for(&error, "q1"), None);
        let comments = Some(AppError::invalid(&answer_field("q12", "comments"), "x"));
        assert_eq!(error_for(&comments, "q1"), None);
        assert_eq!(error_for(&comments, "q12").as_deref(), Some("x"));
        assert_eq!(
            summary_message(&AppError::invalid(&answer_field("q1", "rating"), "x")),
            "Some answers need attention: see the questions marked below."
        );
        assert_eq!(
            summary_message(&AppError::invalid("called_by", "say who")),
            "called_by: say who"
        );
    }
}
