//! Calibration exercises: rated blind (the experts' levels reach the
//! browser only after the attempt is kept), the pass rule at its 80%
//! boundary, a role's requirement blocking scorecards until the
//! interviewer passes, what the recruiter sees, and the packet's key points.

use crate::fixtures::*;
use crate::helpers::*;
use app::model::{
    CalibrationExercise, Role, SampleRating, ScorecardContent, ScoringSheet, WriteOutcome,
};
use app::server_fns::calibration::{
    CalibrationGate, GetRoleCalibration, ListCalibrations, LoadCalibrationExercise,
    LoadCalibrationResult, SetRoleCalibration, SubmitCalibration,
};
use app::server_fns::scorecards::{LoadScorecard, SaveScorecard, SubmitScorecard};
use question_bank::Competency;
use reqwest::StatusCode;

/// A shipped bank, parsed here to know the experts' levels.
fn bank(id: &str) -> Competency {
    let text = match id {
        "communication" => include_str!("../../../question-bank/banks/communication.md"),
        "customer-focus" => include_str!("../../../question-bank/banks/customer-focus.md"),
        _ => panic!("no bank {id} here"),
    };
    question_bank::parse_str(format!("{id}.md"), text).unwrap()
}

/// The experts' level of `sample_id` in `bank`, 1–5.
fn expert(bank: &Competency, sample_id: &str) -> u8 {
    bank.calibration_samples
        .iter()
        .find(|s| s.id == sample_id)
        .unwrap()
        .level
        .as_u8()
}

/// Two levels away from the experts': outside "within one level".
fn two_off(level: u8) -> u8 {
    if level >= 3 { level - 2 } else { level + 2 }
}

/// Ratings for `exercise`: the experts' level, except for the first
/// `misses` samples, which are two levels off.
fn ratings(exercise: &CalibrationExercise, bank: &Competency, misses: usize) -> Vec<SampleRating> {
    exercise
        .samples
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let level = expert(bank, &s.id);
            SampleRating {
                sample_id: s.id.clone(),
                level: if i < misses { two_off(level) } else { level },
            }
        })
        .collect()
}

async fn exercise(app: &TestApp, token: &str, competency: &str) -> CalibrationExercise {
    let args = LoadCalibrationExercise {
        competency_id: competency.into(),
    };
    app.run(token, args).await
}

/// Takes the exercise of `competency` with `misses` samples two levels off;
/// returns the attempt id.
async fn take(app: &TestApp, token: &str, competency: &str, misses: usize) -> String {
    let ex = exercise(app, token, competency).await;
    let args = SubmitCalibration {
        competency_id: competency.into(),
        ratings: ratings(&ex, &bank(competency), misses),
    };
    app.run(token, args).await
}

#[tokio::test]
async fn the_experts_levels_stay_hidden_until_the_attempt_is_kept() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
        let (_, iris) = person(&app, "iris", "Iris", Role::Interviewer).await;
        let list = app.run(&ivan, ListCalibrations {}).await;
        let ids: Vec<&str> = list.iter().map(|c| c.competency_id.as_str()).collect();
        for id in ["communication", "customer-focus", "problem-solving"] {
            assert!(ids.contains(&id), "{id} in {ids:?} on {backend:?}");
        }
        assert!(list.iter().all(|c| c.latest.is_none()));

        // What the browser receives before submitting: no level, no reasoning.
        let args = LoadCalibrationExercise {
            competency_id: "communication".into(),
        };
        let raw = app.attempt(Some(&ivan), &args).await.text().await.unwrap();
        let communication = bank("communication");
        for sample in &communication.calibration_samples {
            assert!(raw.contains(&sample.id), "{} is in the exercise", sample.id);
            let why_start: String = sample.why.chars().take(40).collect();
            assert!(
                !raw.contains(&why_start),
                "reasoning of {} leaked",
                sample.id
            );
            assert!(!raw.contains(&sample.key_points[0]), "key points leaked");
        }
        for key in ["\"expert\"", "\"why", "\"key_points\"", "\"title\""] {
            assert!(!raw.contains(key), "{key} in the exercise: {raw}");
        }
        // The order is fixed for a person.
        let again = exercise(&app, &ivan, "communication").await;
        let first: CalibrationExercise = serde_json::from_str(&raw).unwrap();
        assert_eq!(first, again);
        assert_eq!(first.anchors.len(), 5);

        let attempt = take(&app, &ivan, "communication", 0).await;
        let result = app
            .run(
                &ivan,
                LoadCalibrationResult {
                    attempt_id: attempt.clone(),
                },
            )
            .await;
        assert!(result.summary.passed, "{backend:?}");
        assert_eq!((result.summary.agreed, result.summary.total), (5, 5));
        assert_eq!(result.samples.len(), 5);
        for sample in &result.samples {
            assert_eq!(sample.rated, sample.expert);
            assert!(sample.why_html.contains("<strong>"), "{}", sample.why_html);
        }
        // Kept: the list shows it, and only its taker can read it.
        let list = app.run(&ivan, ListCalibrations {}).await;
        let c = list
            .iter()
            .find(|c| c.competency_id == "communication")
            .unwrap();
        assert_eq!(
            c.latest.as_ref().map(|a| a.id.as_str()),
            Some(attempt.as_str())
        );
        assert!(c.passed_at.is_some());
        let res = app
            .attempt(
                Some(&iris),
                &LoadCalibrationResult {
                    attempt_id: attempt,
                },
            )
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{backend:?}");
    }
}

#[tokio::test]
async fn an_attempt_passes_at_exactly_eighty_percent_within_one_level() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
        // Communication has five samples: 4 of 5 is 80%, 3 of 5 is 60%.
        for (misses, agreed, passed) in [(1, 4, true), (2, 3, false)] {
            let attempt = take(&app, &ivan, "communication", misses).await;
            let result = app
                .run(
                    &ivan,
                    LoadCalibrationResult {
                        attempt_id: attempt,
                    },
                )
                .await;
            assert_eq!(
                (
                    result.summary.agreed,
                    result.summary.total,
                    result.summary.passed
                ),
                (agreed, 5, passed),
                "{misses} misses on {backend:?}"
            );
            assert_eq!(
                result.samples.iter().filter(|s| !s.agrees()).count(),
                misses
            );
        }
    }
}

#[tokio::test]
async fn an_incomplete_or_foreign_attempt_is_refused() {
    let app = spawn_app(&Backend::Sqlite).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let (_, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
    let ex = exercise(&app, &ivan, "communication").await;
    let full = ratings(&ex, &bank("communication"), 0);
    let mut out_of_scale = full.clone();
    out_of_scale[0].level = 7;
    let mut foreign = full.clone();
    foreign[0].sample_id = "cf-cal-front-desk".into();
    let cases = [
        ("a sample left out", full[1..].to_vec()),
        ("a level of 7", out_of_scale),
        ("another competency's sample", foreign),
    ];
    for (name, ratings) in cases {
        let args = SubmitCalibration {
            competency_id: "communication".into(),
            ratings,
        };
        let res = app.attempt(Some(&ivan), &args).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{name}");
    }
    let args = LoadCalibrationExercise {
        competency_id: "teamwork".into(),
    };
    let res = app.attempt(Some(&ivan), &args).await;
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "no samples, no exercise"
    );
    assert!(
        app.run(&ivan, ListCalibrations {})
            .await
            .iter()
            .all(|c| c.latest.is_none())
    );
}

#[tokio::test]
async fn a_role_that_requires_calibration_blocks_scoring_until_the_interviewer_passes() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        server::banks::import_shipped(&app.db).await.unwrap();
        let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
        let (ivan_id, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
        let (iris_id, iris) = person(&app, "iris", "Iris", Role::Interviewer).await;
        let r = app.recruiter(&rita);
        let role_id = r.role("Support lead").await;
        r.profile(
            &role_id,
            &[
                ("customer-focus", 3, 3),
                ("communication", 3, 2),
                ("teamwork", 3, 1),
            ],
        )
        .await;
        r.publish(&role_id, panel_guide(&["customer-focus", "communication"]))
            .await;
        let candidate = r.candidate(&role_id, "Carla", "carla@example.org").await;
        let interview = r
            .schedule(
                &candidate,
                "panel",
                1_900_000_000_000,
                &[(&ivan_id, &[]), (&iris_id, &[])],
            )
            .await
            .interview_id;
        let load = LoadScorecard {
            interview_id: interview.clone(),
        };
        let save = SaveScorecard {
            write: scorecard_write(&interview, 0, "calib-save-01", ScorecardContent::default()),
        };
        // Not required yet: scoring is open to everyone on the panel. Iris
        // autosaves, so this server holds her seat for a moment.
        let _: ScoringSheet = app.run(&iris, load.clone()).await;
        let iris_save = |base, key: &str| SaveScorecard {
            write: scorecard_write(&interview, base, key, ScorecardContent::default()),
        };
        let outcome = app.run(&iris, iris_save(0, "calib-iris-01")).await;
        assert!(matches!(outcome, WriteOutcome::Saved(_)), "{outcome:?}");

        // Only managers set it; an interviewer neither sets nor reads it.
        let on = SetRoleCalibration {
            role_id: role_id.clone(),
            required: true,
        };
        let res = app.attempt(Some(&ivan), &on).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?}");
        let status = app.run(&rita, on).await;
        assert!(status.required);
        // At once for Iris's next autosave too.
        let res = app
            .attempt(Some(&iris), &iris_save(1, "calib-iris-02"))
            .await;
        assert_eq!(
            res.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend:?}"
        );
        let names: Vec<&str> = status
            .competencies
            .iter()
            .map(|(_, n)| n.as_str())
            .collect();
        assert_eq!(
            names,
            ["Customer Focus", "Communication"],
            "profile order, teamwork has none"
        );
        let res = app
            .attempt(
                Some(&ivan),
                &GetRoleCalibration {
                    role_id: role_id.clone(),
                },
            )
            .await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND);

        // Uncalibrated: open, save and submit are refused, naming the exercises.
        let submit = SubmitScorecard {
            write: scorecard_write(&interview, 0, "calib-submit-1", ScorecardContent::default()),
        };
        for res in [
            app.attempt(Some(&ivan), &load).await,
            app.attempt(Some(&ivan), &save).await,
            app.attempt(Some(&ivan), &submit).await,
        ] {
            assert_eq!(
                res.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{backend:?}"
            );
            let text = res.text().await.unwrap();
            assert!(
                text.contains("calibration") && text.contains("Communication"),
                "{text}"
            );
        }
        let gate = CalibrationGate {
            interview_id: interview.clone(),
        };
        assert_eq!(app.run(&ivan, gate.clone()).await.len(), 2);

        // A failed attempt does not count; one competency passed is not enough.
        take(&app, &ivan, "customer-focus", 3).await;
        take(&app, &ivan, "customer-focus", 0).await;
        take(&app, &ivan, "communication", 2).await;
        let missing = app.run(&ivan, gate.clone()).await;
        assert_eq!(
            missing,
            [("communication".to_owned(), "Communication".to_owned())]
        );
        assert_eq!(
            app.attempt(Some(&ivan), &save).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );

        take(&app, &ivan, "communication", 1).await;
        assert!(app.run(&ivan, gate).await.is_empty());
        let _: ScoringSheet = app.run(&ivan, load.clone()).await;
        let outcome = app.run(&ivan, save).await;
        assert!(matches!(outcome, WriteOutcome::Saved(_)), "{outcome:?}");
        assert_eq!(
            app.attempt(Some(&iris), &load).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "iris has not calibrated"
        );

        // The recruiter sees who is calibrated.
        let status = app
            .run(
                &rita,
                GetRoleCalibration {
                    role_id: role_id.clone(),
                },
            )
            .await;
        let rows: Vec<(&str, bool, usize)> = status
            .interviewers
            .iter()
            .map(|i| {
                let passed = i.passed_at.iter().filter(|p| p.is_some()).count();
                (i.name.as_str(), i.calibrated(), passed)
            })
            .collect();
        assert_eq!(rows, [("Iris", false, 0), ("Ivan", true, 2)], "{backend:?}");

        // Turned off, Iris may score again.
        let off = SetRoleCalibration {
            role_id,
            required: false,
        };
        assert!(!app.run(&rita, off).await.required);
        let _: ScoringSheet = app.run(&iris, load).await;
    }
}

#[tokio::test]
async fn the_packet_prints_the_calibration_key_points_of_the_focus_competencies() {
    let app = spawn_app(&Backend::Sqlite).await;
    server::banks::import_shipped(&app.db).await.unwrap();
    let (_, rita) = person(&app, "rita", "Rita Recruiter", Role::Recruiter).await;
    let (ivan_id, ivan) = person(&app, "ivan", "Ivan", Role::Interviewer).await;
    let r = app.recruiter(&rita);
    let role_id = r.role("Support lead").await;
    r.profile(
        &role_id,
        &[("customer-focus", 3, 3), ("communication", 3, 2)],
    )
    .await;
    r.publish(&role_id, panel_guide(&["customer-focus", "communication"]))
        .await;
    let candidate = r.candidate(&role_id, "Carla", "carla@example.org").await;
    let interview = r
        .schedule(
            &candidate,
            "panel",
            1_900_000_000_000,
            &[(&ivan_id, &["customer-focus"])],
        )
        .await
        .interview_id;
    let res = app
        .get(&format!("/interviews/{interview}/packet.pdf"), Some(&ivan))
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let text = pdf_text(&res.bytes().await.unwrap());
    let squashed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squashed.contains("Calibration key points"), "{squashed}");
    let cf = bank("customer-focus");
    let point = &cf.calibration_samples[0].key_points[0];
    assert!(
        squashed.contains(&format!("Entry: {point}")),
        "{point} in {squashed}"
    );
    let other = &bank("communication").calibration_samples[0].key_points[0];
    assert!(!squashed.contains(other.as_str()), "not a focus competency");
    // The stage packet, for no one in particular, has none.
    let res = app
        .get(
            &format!("/roles/{role_id}/packet.pdf?stage=panel"),
            Some(&rita),
        )
        .await;
    let text = pdf_text(&res.bytes().await.unwrap());
    assert!(!text.contains("Calibration key points"));
}
