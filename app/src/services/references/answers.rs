//! Reference questions as people see them, and checking answers against them.

use crate::model::{
    AnchorView, AnsweredQuestion, CompetencySnapshot, PublishedGuide, ReferenceAnswer,
    ReferenceQuestionView,
};
use question_bank::Level;
use std::collections::HashSet;

/// Longest free-text answer, in characters.
pub const MAX_TEXT_CHARS: usize = 5_000;

/// The reference questions of `guide` with `candidate_name` in place of
/// `{candidate}`, rendered to safe HTML, each with the reference anchors of
/// its competency (see [`referee_anchors`]).
pub fn question_views(guide: &PublishedGuide, candidate_name: &str) -> Vec<ReferenceQuestionView> {
    guide
        .reference_questions
        .iter()
        .map(|q| {
            let competency = guide.competency(&q.competency_id);
            // The bank's own substitution escapes Markdown in the name, so a
            // name cannot add links or formatting to the question.
            let text = question_bank::ReferenceQuestion {
                id: q.id.clone(),
                title: q.title.clone(),
                targets: Vec::new(),
                text: q.text.clone(),
            }
            .text_for(candidate_name);
            ReferenceQuestionView {
                id: q.id.clone(),
                competency_id: q.competency_id.clone(),
                competency_name: competency
                    .map_or_else(|| q.competency_id.clone(), |c| c.name.clone()),
                title: q.title.clone(),
                html: crate::markdown::to_safe_html(&text),
                anchors: referee_anchors(competency),
            }
        })
        .collect()
}

/// The five levels a referee rates against, as safe HTML: the competency's
/// reference anchors (what a colleague would have seen, and how often). The
/// interview anchors describe an interview answer, which a referee never
/// heard, so they are never shown here: a competency without reference
/// anchors (a bank without them, or a version published before banks had
/// them, or a question whose competency is not in the snapshot) gets the
/// generic ones.
pub fn referee_anchors(competency: Option<&CompetencySnapshot>) -> Vec<AnchorView> {
    Level::ALL
        .into_iter()
        .map(|level| {
            let text = competency
                .and_then(|c| c.reference_anchors.iter().find(|a| a.level == level))
                .map_or_else(|| level.reference_anchor(), |a| a.text.as_str());
            AnchorView {
                level: level.as_u8(),
                name: level.name().to_owned(),
                html: crate::markdown::to_safe_html(text),
            }
        })
        .collect()
}

use crate::errors::FieldError;
use crate::model::answer_field;

/// Checks `answers` against `questions` and returns them in question order,
/// one per question. A draft may leave questions unanswered; a final set
/// (`complete`) must rate every question or say "I can't say".
pub fn check_answers(
    questions: &[ReferenceQuestionView],
    answers: &[ReferenceAnswer],
    complete: bool,
) -> Result<Vec<ReferenceAnswer>, FieldError> {
    let mut seen = HashSet::new();
    for a in answers {
        if !questions.iter().any(|q| q.id == a.question_id) {
            return Err(FieldError::new(
                "answers".into(),
                "an answer is for a question that is not on this form; reload the page".into(),
            ));
        }
        if !seen.insert(a.question_id.as_str()) {
            return Err(FieldError::new(
                "answers".into(),
                "a question was answered twice; reload the page".into(),
            ));
        }
    }
    let mut checked = Vec::with_capacity(questions.len());
    for q in questions {
        let answer = answers
            .iter()
            .find(|a| a.question_id == q.id)
            .cloned()
            .unwrap_or_else(|| ReferenceAnswer {
                question_id: q.id.clone(),
                ..ReferenceAnswer::default()
            });
        if let Some(r) = answer.rating {
            if !(1..=5).contains(&r) {
                return Err(FieldError::new(
                    answer_field(&q.id, "rating"),
                    "choose a level from 1 to 5".into(),
                ));
            }
            if answer.cant_say {
                return Err(FieldError::new(
                    answer_field(&q.id, "rating"),
                    "choose a level or \"I can't say\", not both".into(),
                ));
            }
        }
        if answer.text.chars().count() > MAX_TEXT_CHARS {
            return Err(FieldError::new(
                answer_field(&q.id, "comments"),
                "at most 5,000 characters".into(),
            ));
        }
        crate::markdown::check_limits(&answer.text)
            .map_err(|e| FieldError::new(answer_field(&q.id, "comments"), e.to_string()))?;
        if complete && !answer.is_answered() {
            return Err(FieldError::new(
                answer_field(&q.id, "rating"),
                "choose a level, or \"I can't say\"".into(),
            ));
        }
        checked.push(ReferenceAnswer {
            text: answer.text.trim_end().to_owned(),
            ..answer
        });
    }
    Ok(checked)
}

/// The answers paired with their questions, in question order.
pub fn answered(
    questions: &[ReferenceQuestionView],
    answers: &[ReferenceAnswer],
) -> Vec<AnsweredQuestion> {
    questions
        .iter()
        .filter_map(|q| {
            answers
                .iter()
                .find(|a| a.question_id == q.id)
                .map(|a| AnsweredQuestion {
                    question: q.clone(),
                    answer: a.clone(),
                })
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn question(id: &str, competency: &str) -> ReferenceQuestionView {
        ReferenceQuestionView {
            id: id.into(),
            competency_id: competency.into(),
            competency_name: competency.into(),
            title: id.into(),
            html: String::new(),
            anchors: Vec::new(),
        }
    }

    pub(crate) fn rated(id: &str, rating: Option<u8>, text: &str) -> ReferenceAnswer {
        ReferenceAnswer {
            question_id: id.into(),
            rating,
            cant_say: rating.is_none(),
            text: text.into(),
        }
    }

    #[test]
    fn answer_problems_name_the_question() {
        let qs = [question("a", "x"), question("b", "y")];
        let both = ReferenceAnswer {
            cant_say: true,
            ..rated("b", Some(3), "")
        };
        let long = rated("a", Some(2), &"x".repeat(MAX_TEXT_CHARS + 1));
        let cases: Vec<(&str, Vec<ReferenceAnswer>, bool, Option<&str>)> = vec![
            (
                "a complete set",
                vec![rated("a", Some(4), "ok"), rated("b", None, "")],
                true,
                None,
            ),
            (
                "a partial draft",
                vec![rated("a", Some(4), "")],
                false,
                None,
            ),
            (
                "a partial final set",
                vec![rated("a", Some(4), "")],
                true,
                Some("answers.b.rating"),
            ),
            (
                "a rating of 6",
                vec![rated("a", Some(6), "")],
                false,
                Some("answers.a.rating"),
            ),
            (
                "rating and can't say",
                vec![both],
                false,
                Some("answers.b.rating"),
            ),
            (
                "too much text",
                vec![long],
                false,
                Some("answers.a.comments"),
            ),
            (
                "an unknown question",
                vec![rated("z", Some(1), "")],
                false,
                Some("answers"),
            ),
            (
                "a repeated question",
                vec![rated("a", Some(1), ""), rated("a", Some(2), "")],
                false,
                Some("answers"),
            ),
        ];
        for (name, answers, complete, field) in cases {
            let result = check_answers(&qs, &answers, complete);
            assert_eq!(
                result.as_ref().err().map(|e| e.field.as_str()),
                field,
                "{name}"
            );
        }
        let ordered = check_answers(
            &qs,
            &[rated("b", None, "no idea  "), rated("a", Some(1), "")],
            true,
        )
        .unwrap();
        assert_eq!(ordered[0].question_id, "a");
        assert_eq!(ordered[1].text, "no idea");
    }

    /// A published guide as stored: one competency, one reference question;
    /// `reference_anchors` is left out when `None`, as in versions published
    /// before banks had reference levels.
    fn stored_guide(reference_anchors: Option<&str>) -> PublishedGuide {
        let anchors: Vec<String> = Level::ALL
            .iter()
            .map(|l| {
                format!(
                    r#"{{"level":"{}","text":"The answer shows {}."}}"#,
                    l.name(),
                    l.name()
                )
            })
            .collect();
        let reference = reference_anchors.map_or(String::new(), |r| {
            let list: Vec<String> = Level::ALL
                .iter()
                .map(|l| format!(r#"{{"level":"{}","text":"{r} {}"}}"#, l.name(), l.name()))
                .collect();
            format!(r#""reference_anchors":[{}],"#, list.join(","))
        });
        let json = format!(
            r#"{{"id":"g","role_id":"r","role_title":"Lead","version":1,"published_at":0,
            "competencies":[{{"id":"cf","name":"Customer Focus","required_level":3,"weight":1,
              "anchors":[{}],{reference}"key_elements":[]}}],
            "stages":[],
            "reference_questions":[{{"id":"q","bank_id":null,"kind":"Reference","competency_id":"cf",
              "title":"T","text":"How did {{candidate}} do?","probes":[],"listen_for":[]}}]}}"#,
            anchors.join(",")
        );
        serde_json::from_str(&json).expect("a stored guide reads")
    }

    #[test]
    fn referees_see_the_reference_anchors_not_the_interview_ones() {
        let views = question_views(&stored_guide(Some("*You saw* it at")), "Ana");
        let anchors = &views[0].anchors;
        assert_eq!(anchors.len(), 5);
        assert_eq!(anchors[0].name, "Entry");
        assert_eq!(
            anchors[0].html.trim(),
            "<p><em>You saw</em> it at Entry</p>"
        );
        assert!(anchors.iter().all(|a| !a.html.contains("The answer")));
    }

    #[test]
    fn a_guide_published_before_reference_levels_gets_the_generic_ones() {
        let guide = stored_guide(None);
        assert!(guide.competencies[0].reference_anchors.is_empty());
        let views = question_views(&guide, "Ana");
        let anchors = &views[0].anchors;
        assert_eq!(anchors.len(), 5);
        for (view, level) in anchors.iter().zip(Level::ALL) {
            assert_eq!(view.level, level.as_u8());
            assert!(
                view.html.contains(level.reference_anchor()),
                "{}",
                view.html
            );
            assert!(!view.html.contains("The answer"), "{}", view.html);
        }
    }

    #[test]
    fn a_question_whose_competency_is_gone_still_gets_five_levels() {
        assert_eq!(referee_anchors(None).len(), 5);
    }
}
