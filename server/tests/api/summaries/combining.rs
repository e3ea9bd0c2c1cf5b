//! References joining the summary, and the role's agreement.

use super::*;

#[tokio::test]
async fn references_join_the_summary_and_are_combined_only_above_the_threshold() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        f.submit_panel(["one", "two", "three"]).await;
        f.phone_reference(
            "Ελένη Αναφορά",
            5,
            "Always called unhappy customers back the same day.",
        )
        .await;
        let s = f.summary("hana").await;
        let cf = &s.competencies[0];
        assert_eq!((s.references_answered, s.references_threshold), (1, 2));
        assert_eq!(
            cf.reference_mean, None,
            "{backend:?}: one reference is held back"
        );
        assert_eq!(s.reference_comments[0].referee, "Ελένη Αναφορά");

        f.phone_reference(
            "Łucja Referee",
            3,
            "Kept customers informed, **even** with bad news.",
        )
        .await;
        let s = f.summary("hana").await;
        let cf = &s.competencies[0];
        assert_eq!(
            (cf.reference_count, cf.reference_mean),
            (2, Some(4.0)),
            "{backend:?}"
        );
        let text = squash(&pdf_text(
            &f.pdf(Some("hana"), "a4").await.bytes().await.unwrap(),
        ));
        for expected in [
            "Ελένη Αναφορά",
            "Always called unhappy customers back the same day.",
            "Łucja Referee",
            "Kept customers informed, even with bad news.",
        ] {
            assert!(
                text.contains(expected),
                "{backend:?}: {expected:?} missing:\n{text}"
            );
        }
    }
}

#[tokio::test]
async fn role_agreement_waits_for_enough_candidates() {
    let f = fixture(&Backend::Sqlite, CANDIDATE).await;
    f.submit_panel(["one", "two", "three"]).await;
    let a: RoleAgreement = f.app.run(f.token("hana"), f.agreement_of()).await;
    assert_eq!(a.candidates_scored, 1);
    assert!(!a.enough_data);
    assert!(a.competencies.iter().all(|c| c.icc.is_none()));
    assert!(a.explanation.contains("ICC(1)"));
}

/// The agreement is kept per process between views: a new submission and
/// a changed profile must still show on the next view.
#[tokio::test]
async fn role_agreement_follows_new_scorecards_and_profile_changes() {
    let f = fixture(&Backend::Sqlite, CANDIDATE).await;
    let before: RoleAgreement = f.app.run(f.token("hana"), f.agreement_of()).await;
    assert_eq!(before.candidates_scored, 0);
    assert_eq!(before.competencies.len(), 2);
    let again: RoleAgreement = f.app.run(f.token("hana"), f.agreement_of()).await;
    assert_eq!(again, before);

    f.submit(
        RATERS[0].0,
        scorecard(
            Level::Developing,
            Level::Independent,
            "n",
            Recommendation::No,
        ),
    )
    .await;
    let after: RoleAgreement = f.app.run(f.token("hana"), f.agreement_of()).await;
    assert_eq!(after.candidates_scored, 1);
    let rated = |a: &RoleAgreement| a.competencies.iter().map(|c| c.ratings).sum::<usize>();
    assert_eq!(rated(&after), 2, "{after:?}");

    f.app
        .recruiter(f.token("rita"))
        .profile(&f.role_id, &[("customer-focus", 3, 3)])
        .await;
    let narrowed: RoleAgreement = f.app.run(f.token("hana"), f.agreement_of()).await;
    assert_eq!(narrowed.competencies.len(), 1, "{narrowed:?}");
    assert_eq!(narrowed.candidates_scored, 1);
}

#[test]
fn the_cli_summary_command_is_known() {
    use clap::Parser;
    let cli = server::cli::Cli::try_parse_from([
        "panelkit",
        "summary",
        "--candidate",
        "abc",
        "--out",
        "x.pdf",
        "--paper",
        "letter",
    ]);
    assert!(cli.is_ok(), "{:?}", cli.err());
}
