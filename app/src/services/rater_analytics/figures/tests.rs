//! Hand-worked cases for the rater figures.
//!
//! The panel: Riley (`r`) is the rater under study; Avery (`a`) and Blake
//! (`b`) sit on the same panels. Riley's submitted ratings, and the other
//! raters' submitted ratings of the same candidate and competency:
//!
//! | candidate | competency | Riley | others | mean | diff | median | within 1 |
//! | --- | --- | --- | --- | --- | --- | --- | --- |
//! | c1 | cf | 4 | 3, 2 | 2.5 | +1.5 | 2.5 | no |
//! | c1 | tw | 3 | 3 | 3 | 0 | 3 | yes |
//! | c2 | cf | 3 | 3 | 3 | 0 | 3 | yes |
//! | c3 | cf | 5 | 4 | 4 | +1 | 4 | yes |
//! | c4 | cf | 2 | 4, 4 | 4 | −2 | 4 | no |
//! | c5 | cf | 1 | – | | | | |
//!
//! Five shared ratings: severity (1.5 + 0 + 0 + 1 − 2) / 5 = +0.1,
//! agreement 3 / 5 = 60%. Six ratings: one of each level, two at 3.
//! Asked: c1 cf+tw, c2 cf+tw (tw left unrated), c3 cf, c4 cf, c5 cf+tw (tw
//! left unrated): 8 asked, 2 unrated, on 5 scorecards.
//! Blake's draft on c2 (cf 1) and Riley's draft on c6 (cf 5) count nowhere.

use super::*;

const JAN: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const APR: i64 = 1_775_001_600_000; // 2026-04-01T00:00:00Z
const DAY: i64 = 86_400_000;

fn card(
    rater: &str,
    candidate: &str,
    submitted_at: Option<i64>,
    asked: &[&str],
    levels: &[(&str, u8)],
) -> CardRatings {
    CardRatings {
        rater_id: rater.into(),
        candidate_id: candidate.into(),
        status: if submitted_at.is_some() {
            ScorecardStatus::Submitted
        } else {
            ScorecardStatus::Draft
        },
        submitted_at,
        asked: asked.iter().map(|s| (*s).to_owned()).collect(),
        levels: levels.iter().map(|(c, l)| ((*c).to_owned(), *l)).collect(),
    }
}

fn panel() -> Vec<CardRatings> {
    vec![
        card("r", "c1", Some(JAN), &["cf", "tw"], &[("cf", 4), ("tw", 3)]),
        card("a", "c1", Some(JAN), &["cf", "tw"], &[("cf", 3), ("tw", 3)]),
        card("b", "c1", Some(JAN + DAY), &["cf"], &[("cf", 2)]),
        card("r", "c2", Some(JAN + 80 * DAY), &["cf", "tw"], &[("cf", 3)]),
        card("a", "c2", Some(APR + 3 * DAY), &["cf"], &[("cf", 3)]),
        card("b", "c2", None, &["cf"], &[("cf", 1)]),
        card("r", "c3", Some(APR), &["cf"], &[("cf", 5)]),
        card("a", "c3", Some(APR), &["cf"], &[("cf", 4)]),
        card("r", "c4", Some(APR + DAY), &["cf"], &[("cf", 2)]),
        card("a", "c4", Some(APR + DAY), &["cf"], &[("cf", 4)]),
        card("b", "c4", Some(APR + DAY), &["cf"], &[("cf", 4)]),
        card("r", "c5", Some(APR + 2 * DAY), &["cf", "tw"], &[("cf", 1)]),
        card("r", "c6", None, &["cf"], &[("cf", 5)]),
    ]
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn the_worked_panel_gives_the_worked_figures() {
    let f = rater_figures(&panel(), "r");
    assert_eq!(f.scorecards, 5, "Riley's draft on c6 is not counted");
    assert_eq!(f.ratings, 6);
    let severity = f.severity.value.expect("five shared ratings are enough");
    assert!(close(severity, 0.1), "severity {severity}");
    assert_eq!(f.severity.basis, 5);
    let agreement = f.agreement.value.expect("agreement");
    assert!(close(agreement, 0.6), "agreement {agreement}");
    let scale = f.scale.value.expect("six ratings are enough");
    assert_eq!(scale.counts, [1, 1, 2, 1, 1]);
    assert_eq!((scale.lowest, scale.highest), (1, 5));
    assert_eq!(
        f.unrated.value,
        Some(Unrated {
            asked: 8,
            unrated: 2
        })
    );
    assert_eq!(f.unrated.basis, 5);
}

#[test]
fn another_raters_draft_is_never_compared_with() {
    let mut cards = panel();
    // Were Blake's draft on c2 counted, the c2 difference would be +1 and
    // the severity +0.3; submitting it makes it count.
    let blake = cards
        .iter_mut()
        .find(|c| c.rater_id == "b" && c.candidate_id == "c2")
        .unwrap();
    blake.status = ScorecardStatus::Submitted;
    blake.submitted_at = Some(APR);
    let severity = rater_figures(&cards, "r").severity.value.unwrap();
    assert!(close(severity, 0.3), "once submitted it counts: {severity}");
    let severity = rater_figures(&panel(), "r").severity.value.unwrap();
    assert!(close(severity, 0.1), "as a draft it does not: {severity}");
}

#[test]
fn a_rater_with_only_a_draft_has_no_figures() {
    let cards = vec![
        card("r", "c1", None, &["cf"], &[("cf", 4)]),
        card("a", "c1", Some(JAN), &["cf"], &[("cf", 3)]),
    ];
    let f = rater_figures(&cards, "r");
    assert_eq!((f.scorecards, f.ratings), (0, 0));
    assert_eq!(f.severity.value, None);
    assert_eq!(f.severity.basis, 0);
    assert_eq!(f.scale.value, None);
    assert_eq!(f.unrated.value, None);
    assert!(quarterly_figures(&cards, "r").is_empty());
    // Avery, submitted, is compared with nobody: Riley's draft is not a rating.
    let avery = rater_figures(&cards, "a");
    assert_eq!((avery.scorecards, avery.ratings), (1, 1));
    assert_eq!(avery.severity.basis, 0);
}

#[test]
fn figures_stay_silent_below_their_minimum() {
    let cards: Vec<CardRatings> = panel()
        .into_iter()
        .filter(|c| c.candidate_id != "c4" && c.candidate_id != "c5")
        .collect();
    let f = rater_figures(&cards, "r");
    assert_eq!(f.severity.value, None, "four shared ratings");
    assert_eq!(
        (f.severity.basis, f.severity.needed),
        (4, MIN_SHARED_RATINGS)
    );
    assert_eq!(f.agreement.value, None);
    assert_eq!(f.scale.value, None, "four ratings");
    assert_eq!(f.scale.basis, 4);
    assert!(f.unrated.value.is_some(), "three scorecards are enough");
    let two: Vec<CardRatings> = cards
        .into_iter()
        .filter(|c| c.candidate_id != "c3")
        .collect();
    let f = rater_figures(&two, "r");
    assert_eq!((f.unrated.value, f.unrated.basis), (None, 2));
}

#[test]
fn quarters_follow_the_raters_own_submissions() {
    let quarters = quarterly_figures(&panel(), "r");
    let labels: Vec<&str> = quarters.iter().map(|q| q.label.as_str()).collect();
    assert_eq!(labels, ["2026 Q1", "2026 Q2"]);
    let (q1, q2) = (&quarters[0].figures, &quarters[1].figures);
    assert_eq!((q1.scorecards, q1.ratings, q1.severity.basis), (2, 3, 3));
    // Avery's c2 rating was submitted in Q2; it still counts against
    // Riley's Q1 rating of c2.
    assert_eq!((q2.scorecards, q2.ratings, q2.severity.basis), (3, 3, 2));
    assert_eq!(q1.scorecards + q2.scorecards, 5);
}

#[test]
fn quarter_boundaries_are_utc_calendar_quarters() {
    let cases = [
        ("first instant of 2026", JAN, (2026, 1)),
        ("last instant of March", APR - 1, (2026, 1)),
        ("first instant of April", APR, (2026, 2)),
        ("31 December 2025", JAN - 1, (2025, 4)),
    ];
    for (name, ms, expected) in cases {
        assert_eq!(quarter_of(ms), expected, "{name}");
    }
}

#[test]
fn hidden_candidates_drop_other_raters_but_keep_the_viewers_own() {
    let hidden: BTreeSet<String> = ["c1".to_owned()].into();
    let seen = without_hidden(panel(), "a", &hidden);
    assert!(
        seen.iter()
            .all(|c| c.candidate_id != "c1" || c.rater_id == "a"),
        "{seen:?}"
    );
    assert!(
        seen.iter()
            .any(|c| c.candidate_id == "c1" && c.rater_id == "a")
    );
    // Riley seen by Avery: c1 is gone, and with it two shared ratings.
    let f = rater_figures(&seen, "r");
    assert_eq!((f.scorecards, f.severity.basis), (4, 3));
}
