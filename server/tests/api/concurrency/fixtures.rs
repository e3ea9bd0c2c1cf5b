//! What the concurrency cases share besides the world: fixtures built
//! through the server functions, and request bodies (profiles, a guide, a
//! panel, scorecard writes).

use super::support::{Answer, World};
use crate::fixtures::{Recruiter, link_token, referee_input, scorecard_write};
use app::model::{
    Assessment, CompetencyScore, Guide, GuideQuestion, GuideQuestionKind, InviteResult,
    ProfileEntry, QuestionNotes, Recommendation, RefereeInput, Relationship, ScheduleInput,
    ScorecardContent, ScorecardWrite, Section, Stage, TeamRole, WriteOutcome,
};
use app::server_fns::candidates::ScheduleInterview;
use app::server_fns::references::{AddReferee, SendReferenceInvitation};
use question_bank::Level;

/// Fixtures built through the server functions, as the recruiter.
impl World {
    fn recruiter(&self) -> Recruiter<'_> {
        self.apps[0].recruiter(self.token("rita"))
    }

    /// A role with a unique title; returns its id.
    pub async fn role(&self) -> String {
        let title = format!("Support Lead {}", self.unique());
        self.recruiter().role(&title).await
    }

    /// A role with Customer Focus and Teamwork in its profile, Hana as its
    /// hiring manager and both interviewers on its team.
    pub async fn profiled_role(&self) -> String {
        let role = self.role().await;
        let recruiter = self.recruiter();
        recruiter
            .profile(&role, &[("customer-focus", 3, 1), ("teamwork", 3, 1)])
            .await;
        let (hana, ivan, iris) = (self.id("hana"), self.id("ivan"), self.id("iris"));
        recruiter
            .team(
                &role,
                &[
                    (&hana, TeamRole::HiringManager),
                    (&ivan, TeamRole::Interviewer),
                    (&iris, TeamRole::Interviewer),
                ],
            )
            .await;
        role
    }

    /// Saves `guide` as the role's draft; returns the new revision.
    pub async fn save_draft(&self, role: &str, guide: Guide) -> i64 {
        self.recruiter().save_draft(role, guide).await
    }

    /// A profiled role whose [`guide`] is published as version 1.
    pub async fn published_role(&self) -> String {
        let role = self.profiled_role().await;
        let (_, version) = self.recruiter().publish(&role, guide("Panel")).await;
        assert_eq!(version, 1);
        role
    }

    /// A candidate for `role` with a unique address; returns the id.
    pub async fn candidate(&self, role: &str) -> String {
        let n = self.unique();
        self.recruiter()
            .candidate(
                role,
                &format!("Carla {n}"),
                &format!("carla{n}@cand.example"),
            )
            .await
    }

    /// A candidate's panel interview: Ivan on Customer Focus, Iris on all.
    pub async fn interview(&self, candidate: &str) -> String {
        let (ivan, iris) = (self.id("ivan"), self.id("iris"));
        let panel = schedule(candidate, &[(&ivan, &["customer-focus"]), (&iris, &[])]);
        self.run("rita", panel).await.interview_id
    }

    /// A referee of `candidate`; returns the reference request's id.
    pub async fn referee(
        &self,
        candidate: &str,
        relationship: Relationship,
        email: &str,
    ) -> String {
        let add = AddReferee {
            candidate_id: candidate.into(),
            input: RefereeInput {
                relationship,
                ..referee_input("Rhea Referee", email, "")
            },
        };
        self.run("rita", add).await
    }

    /// Invites the referee of `request`; returns the link's token.
    pub async fn invite(&self, request: &str) -> String {
        let request_id = request.into();
        let sent = self
            .run("rita", SendReferenceInvitation { request_id })
            .await;
        token_of(&sent)
    }
}

/// The token of an invitation's link.
pub fn token_of(invitation: &InviteResult) -> String {
    link_token(invitation.link.as_deref().expect("a link to send"))
}

/// Profile entries for `competencies`, all at level 3, weight 1.
pub fn profile(competencies: &[&str]) -> Vec<ProfileEntry> {
    competencies
        .iter()
        .map(|c| ProfileEntry {
            competency_id: (*c).into(),
            required_level: 3,
            weight: 1,
        })
        .collect()
}

fn question(id: &str, competency: &str, kind: GuideQuestionKind) -> GuideQuestion {
    GuideQuestion {
        text: format!("Tell me about **{id}**."),
        ..crate::fixtures::question(id, competency, kind)
    }
}

fn section(id: &str, competency: &str, minutes: u32, questions: &[&str]) -> Section {
    Section {
        id: id.into(),
        competency_id: competency.into(),
        minutes,
        questions: questions
            .iter()
            .map(|q| question(q, competency, GuideQuestionKind::Custom))
            .collect(),
    }
}

/// A one-stage guide named `stage` on Customer Focus and Teamwork, with a
/// reference-check question on Customer Focus.
pub fn guide(stage: &str) -> Guide {
    Guide {
        stages: vec![Stage {
            id: "panel".into(),
            name: stage.into(),
            sections: vec![
                section("s1", "customer-focus", 20, &["q1", "q2"]),
                section("s2", "teamwork", 15, &["q3"]),
            ],
        }],
        reference_questions: vec![question(
            "r1",
            "customer-focus",
            GuideQuestionKind::Reference,
        )],
    }
}

/// The panel stage for `candidate` with `panel`: account ids with their
/// focus competencies (none: all).
pub fn schedule(candidate: &str, panel: &[(&str, &[&str])]) -> ScheduleInterview {
    let panel = panel
        .iter()
        .map(|(u, f)| ((*u).to_owned(), f.iter().map(|c| (*c).to_owned()).collect()))
        .collect();
    ScheduleInterview {
        input: ScheduleInput {
            candidate_id: candidate.into(),
            stage_id: "panel".into(),
            scheduled_at: Some(1_900_000_000_000),
            panel,
            ..Default::default()
        },
    }
}

/// A complete scorecard for someone focused on Customer Focus, with `summary`.
pub fn complete(summary: &str) -> ScorecardContent {
    let q1 = QuestionNotes {
        notes: "Calmed an angry customer, then fixed the cause.".into(),
        rating: Some(Level::Advanced),
    };
    let cf = CompetencyScore {
        assessment: Assessment::Rated(Level::Independent),
        evidence: "Owned the outcome.".into(),
        ..Default::default()
    };
    ScorecardContent {
        questions: [("q1".to_owned(), q1)].into(),
        competencies: [("customer-focus".to_owned(), cf)].into(),
        recommendation: Some(Recommendation::Yes),
        summary: summary.into(),
    }
}

/// A scorecard write.
pub fn write(
    interview: &str,
    base_version: i64,
    key: &str,
    content: ScorecardContent,
) -> ScorecardWrite {
    scorecard_write(interview, base_version, key, content)
}

/// The version a write was saved as, or `None` for a conflict.
pub fn saved_version(answer: &Answer) -> Option<i64> {
    match answer.value::<WriteOutcome>() {
        WriteOutcome::Saved(ack) => Some(ack.version),
        WriteOutcome::Conflict(_) => None,
    }
}

/// Asserts that `values` are 1, 2, … n with no gap or repeat.
pub fn assert_gapless(case: &str, mut values: Vec<i64>) {
    values.sort_unstable();
    let expected: Vec<i64> = (1..=values.len() as i64).collect();
    assert_eq!(values, expected, "{case}: numbers with gaps or repeats");
}
