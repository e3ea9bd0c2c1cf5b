//! Rater analytics over HTTP: figures count submitted scorecards only (the
//! rater's and the others'), stay silent below their minimum, leave out
//! candidates the reader still owes a scorecard for, and each interviewer
//! reads only their own while admins and recruiters read everyone's.

use crate::fixtures::{person, question};
use crate::helpers::*;
use app::model::rater::{RaterReport, RaterSummary};
use app::model::{
    Assessment, CompetencyScore, GuideQuestionKind, QuestionNotes, Recommendation, Role,
    ScorecardContent, ScorecardWrite, ScoringSheet, Section, Stage, WriteOutcome,
};
use app::server_fns::raters::{GetRaterFigures, ListRaters};
use app::server_fns::scorecards::{LoadScorecard, SaveScorecard, SubmitScorecard};
use question_bank::Level;
use reqwest::StatusCode;

const CF: &str = "customer-focus";
const TW: &str = "teamwork";

/// A scorecard rating each of `levels` (a competency with no level is
/// marked not assessed), ready to submit.
fn content(levels: &[(&str, Option<Level>)]) -> ScorecardContent {
    let mut c = ScorecardContent {
        recommendation: Some(Recommendation::Yes),
        ..Default::default()
    };
    for (id, level) in levels {
        let score = match level {
            Some(l) => CompetencyScore {
                assessment: Assessment::Rated(*l),
                evidence: "Gave a concrete example.".into(),
                ..Default::default()
            },
            None => CompetencyScore {
                assessment: Assessment::NotAssessed,
                not_assessed_reason: "Ran out of time.".into(),
                ..Default::default()
            },
        };
        c.competencies.insert((*id).to_owned(), score);
    }
    c.questions.insert(
        "q1".into(),
        QuestionNotes {
            notes: "Notes.".into(),
            rating: None,
        },
    );
    c
}

fn write(interview_id: &str, key: &str, content: ScorecardContent) -> ScorecardWrite {
    ScorecardWrite {
        interview_id: interview_id.into(),
        base_version: 0,
        idempotency_key: key.into(),
        content,
    }
}

/// Five candidates of one role, each with one panel interview of Riley
/// (focus: both competencies), Avery (customer focus only) and, on the
/// first, Blake.
struct Panel {
    app: TestApp,
    tokens: std::collections::HashMap<&'static str, String>,
    ids: std::collections::HashMap<&'static str, String>,
    /// One interview per candidate.
    interviews: Vec<String>,
}

impl Panel {
    async fn build(backend: &Backend) -> Panel {
        let app = spawn_app(backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let mut tokens = std::collections::HashMap::new();
        let mut ids = std::collections::HashMap::new();
        for (login, role) in [
            ("ada", Role::Admin),
            ("rita", Role::Recruiter),
            ("hana", Role::HiringManager),
            ("riley", Role::Interviewer),
            ("avery", Role::Interviewer),
            ("blake", Role::Interviewer),
        ] {
            let (id, token) = person(&app, login, login, role).await;
            tokens.insert(login, token);
            ids.insert(login, id);
        }
        let rita = tokens["rita"].clone();
        let recruiter = app.recruiter(&rita);
        let role_id = recruiter.role("Support Lead").await;
        recruiter.profile(&role_id, &[(CF, 3, 1), (TW, 3, 1)]).await;
        let guide = app::model::Guide {
            stages: vec![Stage {
                id: "panel".into(),
                name: "Panel".into(),
                sections: [CF, TW]
                    .iter()
                    .enumerate()
                    .map(|(i, c)| Section {
                        id: format!("s{}", i + 1),
                        competency_id: (*c).into(),
                        minutes: 20,
                        questions: vec![question(
                            &format!("q{}", i + 1),
                            c,
                            GuideQuestionKind::Custom,
                        )],
                    })
                    .collect(),
            }],
            reference_questions: vec![question("r1", CF, GuideQuestionKind::Reference)],
        };
        recruiter.publish(&role_id, guide).await;
        let mut interviews = Vec::new();
        for n in 1..=5 {
            let candidate = recruiter
                .candidate(
                    &role_id,
                    &format!("Candidate {n}"),
                    &format!("c{n}@cand.example"),
                )
                .await;
            let mut panel: Vec<(&str, &[&str])> = vec![
                (ids["riley"].as_str(), &[][..]),
                (ids["avery"].as_str(), &[CF][..]),
            ];
            if n == 1 {
                panel.push((ids["blake"].as_str(), &[CF][..]));
            }
            let scheduled = recruiter
                .schedule(&candidate, "panel", 1_900_000_000_000, &panel)
                .await;
            interviews.push(scheduled.interview_id);
        }
        Panel {
            app,
            tokens,
            ids,
            interviews,
        }
    }

    fn token(&self, login: &str) -> &str {
        &self.tokens[login]
    }

    /// The version of `login`'s scorecard for interview `n` (0: none yet).
    async fn version(&self, login: &str, n: usize) -> i64 {
        let interview_id = self.interviews[n].clone();
        let sheet: ScoringSheet = self
            .app
            .run(self.token(login), LoadScorecard { interview_id })
            .await;
        sheet.scorecard.version
    }

    async fn submit(&self, login: &str, n: usize, levels: &[(&str, Option<Level>)]) {
        let key = format!("{login}-submit-{n}");
        let mut w = write(&self.interviews[n], &key, content(levels));
        w.base_version = self.version(login, n).await;
        let outcome = self
            .app
            .run(self.token(login), SubmitScorecard { write: w })
            .await;
        assert!(matches!(outcome, WriteOutcome::Saved(_)), "{outcome:?}");
    }

    async fn draft(&self, login: &str, n: usize, levels: &[(&str, Option<Level>)]) {
        let key = format!("{login}-draft-{n}");
        let mut w = write(&self.interviews[n], &key, content(levels));
        w.base_version = self.version(login, n).await;
        let outcome = self
            .app
            .run(self.token(login), SaveScorecard { write: w })
            .await;
        assert!(matches!(outcome, WriteOutcome::Saved(_)), "{outcome:?}");
    }

    async fn figures(&self, reader: &str, rater: &str) -> RaterReport {
        let rater_id = Some(self.ids[rater].clone());
        self.app
            .run(self.token(reader), GetRaterFigures { rater_id })
            .await
    }
}

/// Riley rates customer focus one level above Avery on every candidate and
/// teamwork alone; Blake's draft on the first candidate would move Riley's
/// severity to +1.2 were it counted.
#[tokio::test]
async fn figures_count_only_submitted_scorecards_and_stay_silent_until_enough() {
    for backend in backends() {
        let p = Panel::build(&backend).await;
        let case = format!("{backend:?}");
        for n in 0..5 {
            p.submit("avery", n, &[(CF, Some(Level::Independent))])
                .await;
            p.draft(
                "riley",
                n,
                &[(CF, Some(Level::Advanced)), (TW, Some(Level::Independent))],
            )
            .await;
        }
        p.draft("blake", 0, &[(CF, Some(Level::Entry))]).await;

        // Hidden before submission: Riley's drafts count for nobody.
        let riley = p.figures("ada", "riley").await;
        assert_eq!(
            (riley.overall.scorecards, riley.overall.ratings),
            (0, 0),
            "{case}"
        );
        assert!(riley.quarters.is_empty(), "{case}");
        let avery = p.figures("ada", "avery").await;
        assert_eq!(avery.overall.scorecards, 5, "{case}");
        assert_eq!(
            avery.overall.severity.basis, 0,
            "Riley's drafts are not compared with: {case}"
        );
        assert_eq!(avery.overall.severity.value, None, "{case}");

        // Four submitted: four shared ratings, one short of the minimum.
        for n in 0..4 {
            p.submit(
                "riley",
                n,
                &[(CF, Some(Level::Advanced)), (TW, Some(Level::Independent))],
            )
            .await;
        }
        let riley = p.figures("riley", "riley").await;
        assert!(riley.is_self, "{case}");
        assert_eq!(
            (riley.overall.scorecards, riley.overall.ratings),
            (4, 8),
            "{case}"
        );
        assert_eq!(riley.overall.severity.basis, 4, "{case}");
        assert_eq!(riley.overall.severity.value, None, "too few to say: {case}");
        assert!(riley.overall.scale.value.is_some(), "{case}");

        // The fifth, with teamwork not assessed.
        p.submit("riley", 4, &[(CF, Some(Level::Advanced)), (TW, None)])
            .await;
        let riley = p.figures("rita", "riley").await;
        assert!(!riley.is_self, "{case}");
        let f = &riley.overall;
        assert_eq!((f.scorecards, f.ratings), (5, 9), "{case}");
        assert_eq!(f.severity.basis, 5, "{case}");
        let severity = f.severity.value.expect("five shared ratings");
        assert!(
            (severity - 1.0).abs() < 1e-9,
            "Blake's draft is left out: {severity} on {case}"
        );
        assert!(
            f.agreement.value.is_some_and(|a| (a - 1.0).abs() < 1e-9),
            "{case}"
        );
        let scale = f.scale.value.clone().expect("nine ratings");
        assert_eq!(scale.counts, [0, 0, 4, 5, 0], "{case}");
        let unrated = f.unrated.value.clone().expect("five scorecards");
        assert_eq!(
            (unrated.asked, unrated.unrated),
            (10, 1),
            "no focus: asked for the whole stage: {case}"
        );
        assert_eq!(riley.quarters.len(), 1, "{case}");
        assert_eq!(riley.quarters[0].figures.scorecards, 5, "{case}");
        let avery = p.figures("ada", "avery").await;
        let severity = avery.overall.severity.value.expect("five shared ratings");
        assert!((severity + 1.0).abs() < 1e-9, "{severity} on {case}");
        // Blake only drafted.
        let blake = p.figures("ada", "blake").await;
        assert_eq!(blake.overall.scorecards, 0, "{case}");
        let listed: Vec<RaterSummary> = p.app.run(p.token("ada"), ListRaters {}).await;
        let names: Vec<&str> = listed.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["avery", "riley"], "{case}");
        assert_eq!(listed[1].scorecards, 5, "{case}");
    }
}

#[tokio::test]
async fn a_reader_who_owes_a_scorecard_sees_no_figures_from_that_candidate() {
    for backend in backends() {
        let p = Panel::build(&backend).await;
        let case = format!("{backend:?}");
        for n in 0..5 {
            p.submit("avery", n, &[(CF, Some(Level::Independent))])
                .await;
            p.submit(
                "riley",
                n,
                &[(CF, Some(Level::Advanced)), (TW, Some(Level::Independent))],
            )
            .await;
        }
        // The admin joins a second interview of the first candidate and
        // owes a scorecard: Riley's figures lose that candidate for them.
        let rita = p.token("rita").to_owned();
        let candidate = {
            let interview_id = p.interviews[0].clone();
            let sheet: ScoringSheet = p
                .app
                .run(p.token("riley"), LoadScorecard { interview_id })
                .await;
            sheet.candidate_id
        };
        p.app
            .recruiter(&rita)
            .schedule(
                &candidate,
                "panel",
                1_900_000_000_000,
                &[(p.ids["ada"].as_str(), &[][..])],
            )
            .await;
        let seen_by_ada = p.figures("ada", "riley").await;
        assert_eq!(seen_by_ada.overall.scorecards, 4, "{case}");
        assert_eq!(seen_by_ada.overall.severity.basis, 4, "{case}");
        assert_eq!(seen_by_ada.overall.severity.value, None, "{case}");
        let seen_by_rita = p.figures("rita", "riley").await;
        assert_eq!(seen_by_rita.overall.severity.basis, 5, "{case}");
    }
}

#[tokio::test]
async fn an_interviewer_cannot_read_another_interviewers_figures() {
    for backend in backends() {
        let p = Panel::build(&backend).await;
        let case = format!("{backend:?}");
        let riley_id = p.ids["riley"].clone();
        let ask = |login: Option<&'static str>, rater: Option<String>| {
            let p = &p;
            async move {
                let token = login.map(|l| p.token(l));
                p.app
                    .attempt(token, &GetRaterFigures { rater_id: rater })
                    .await
                    .status()
            }
        };
        let cases = [
            ("avery reads riley", Some("avery"), StatusCode::NOT_FOUND),
            (
                "hiring manager reads riley",
                Some("hana"),
                StatusCode::NOT_FOUND,
            ),
            ("anonymous reads riley", None, StatusCode::UNAUTHORIZED),
            ("riley reads riley", Some("riley"), StatusCode::OK),
            ("recruiter reads riley", Some("rita"), StatusCode::OK),
            ("admin reads riley", Some("ada"), StatusCode::OK),
        ];
        for (name, login, expected) in cases {
            assert_eq!(
                ask(login, Some(riley_id.clone())).await,
                expected,
                "{name} on {case}"
            );
        }
        // Without an id: your own.
        assert_eq!(ask(Some("avery"), None).await, StatusCode::OK, "{case}");
        let own: RaterReport = p
            .app
            .run(p.token("avery"), GetRaterFigures { rater_id: None })
            .await;
        assert_eq!(own.rater_id, p.ids["avery"], "{case}");
        // An id that is no account is as unknown to an admin.
        assert_eq!(
            ask(Some("ada"), Some("no-such-account".into())).await,
            StatusCode::NOT_FOUND,
            "{case}"
        );
        for (login, expected) in [
            ("avery", StatusCode::FORBIDDEN),
            ("hana", StatusCode::FORBIDDEN),
            ("rita", StatusCode::OK),
            ("ada", StatusCode::OK),
        ] {
            let status = p
                .app
                .attempt(Some(p.token(login)), &ListRaters {})
                .await
                .status();
            assert_eq!(status, expected, "{login} lists raters on {case}");
        }
    }
}
