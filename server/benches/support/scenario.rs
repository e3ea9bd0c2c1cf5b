//! The demo data as the page benchmarks use it: the second demo interviewer
//! has submitted a complete scorecard, the first has a complete draft (the
//! scoring page measured is the one being filled in), and the recruiter
//! reads the candidate's summary.

#![allow(dead_code, reason = "each benchmark uses a part")]

use super::http::{call, client, login};
use app::model::{
    Assessment, MyInterview, QuestionNotes, Recommendation, ScorecardContent, ScoringSheet,
    WriteOutcome,
};
use serde_json::json;

/// Sessions and ids of the demo panel.
#[derive(Debug, Clone)]
pub struct DemoPanel {
    /// The first demo interviewer's session.
    pub interviewer: String,
    /// The demo recruiter's session.
    pub recruiter: String,
    /// The demo admin's session.
    pub admin: String,
    /// The demo interview.
    pub interview: String,
    /// Its candidate.
    pub candidate: String,
}

/// Fills in the demo panel's scorecards on the server at `base` (a
/// database loaded with `panelkit demo`).
pub async fn demo_panel(base: &str) -> DemoPanel {
    let pw = server::demo::DEMO_PASSWORD;
    let c = client(1);
    let mut interview = String::new();
    let mut candidate = String::new();
    for (seed, email) in [
        "interviewer@demo.panelkit.test",
        "interviewer2@demo.panelkit.test",
    ]
    .iter()
    .enumerate()
    {
        let token = login(base, email, pw).await;
        let mine: Vec<MyInterview> = call(&c, base, "list_my_interviews", &token, &json!({})).await;
        let demo = mine
            .iter()
            .find(|i| i.to_submit())
            .expect("the demo interview");
        interview = demo.interview_id.clone();
        let sheet: ScoringSheet = call(
            &c,
            base,
            "load_scorecard",
            &token,
            &json!({"interview_id": interview}),
        )
        .await;
        candidate = sheet.candidate_id.clone();
        let write = json!({"write": {"interview_id": interview, "base_version": 0,
            "idempotency_key": format!("bench-demo-{seed}"), "content": complete(&sheet, seed)}});
        let name = if seed == 1 {
            "submit_scorecard"
        } else {
            "save_scorecard"
        };
        let _: WriteOutcome = call(&c, base, name, &token, &write).await;
    }
    DemoPanel {
        interviewer: login(base, "interviewer@demo.panelkit.test", pw).await,
        recruiter: login(base, "recruiter@demo.panelkit.test", pw).await,
        admin: login(base, "admin@demo.panelkit.test", pw).await,
        interview,
        candidate,
    }
}

/// A complete scorecard for `sheet`: every question and competency rated,
/// with notes, so the summary page shows what a decided candidate's does.
pub fn complete(sheet: &ScoringSheet, seed: usize) -> ScorecardContent {
    let mut content = ScorecardContent::default();
    for (i, (id, _)) in sheet.question_titles().into_iter().enumerate() {
        content.questions.insert(
            id,
            QuestionNotes {
                notes: format!(
                    "Described a **specific** case ({i}): what they did, with whom, and what changed \
                     afterwards. Named the numbers.\n\n- Asked first\n- Followed up in writing"
                ),
                rating: question_bank::Level::try_from(1 + ((i + seed) % 5) as u8).ok(),
            },
        );
    }
    for (i, c) in sheet.competencies.iter().enumerate() {
        let score = content.competencies.entry(c.id.clone()).or_default();
        score.assessment = Assessment::Rated(
            question_bank::Level::try_from(1 + ((i + seed) % 5) as u8)
                .unwrap_or(question_bank::Level::Independent),
        );
        score.evidence = format!("Evidence for {}: a clear story, owned the outcome.", c.name);
        if let Some(k) = c.key_elements.first()
            && let Some((b, _)) = k.behaviors.first()
        {
            score.behaviors.insert(b.clone());
        }
    }
    content.recommendation = Some(Recommendation::ALL[seed % 4]);
    content.summary = "Solid candidate with *clear* examples.".into();
    content
}
