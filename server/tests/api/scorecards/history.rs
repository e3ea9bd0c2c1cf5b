//! "My interviews" a page at a time: what is still to submit on the first
//! page in full, the submitted history after it, latest first, in pages of
//! `SUBMITTED_PER_PAGE`.

use super::*;
use app::model::SUBMITTED_PER_PAGE;

impl Fixture {
    async fn my_interviews_page(&self, who: &str, page: u32) -> Vec<MyInterview> {
        self.app
            .run(self.token(who), ListMyInterviews { page: Some(page) })
            .await
    }
}

/// A screen of Carla's scheduled for Ivan `hours` after the fixture's, and
/// his scorecard for it submitted; the interview's id.
async fn submitted_screen(f: &Fixture, rita: &str, ivan: &str, hours: i64) -> String {
    let at = 1_900_000_000_000 + hours * 3_600_000;
    let interview = f
        .app
        .recruiter(rita)
        .schedule(&f.candidate_id, "screen", at, &[(ivan, &[])])
        .await
        .interview_id;
    let content = ScorecardContent {
        competencies: scores([("customer-focus", rated(Level::Independent, "Fine."))]),
        recommendation: Some(Recommendation::Yes),
        ..Default::default()
    };
    let key = format!("history-{hours:04}");
    saved(f.submit("ivan", write(&interview, 0, &key, content)).await);
    interview
}

#[tokio::test]
async fn the_submitted_history_comes_a_page_at_a_time_after_what_is_still_to_submit() {
    for backend in backends() {
        let f = fixture(&backend).await;
        let ivan_id = f.sheet("ivan", &f.screen_id).await.interviewer_id;
        let extra = 3;
        let mut submitted = Vec::new();
        for hours in 1..=(SUBMITTED_PER_PAGE + extra) as i64 {
            submitted.push(submitted_screen(&f, f.token("rita"), &ivan_id, hours).await);
        }
        // Latest submission first; submissions in the same millisecond by id.
        let first = f.my_interviews_page("ivan", 1).await;
        let open: Vec<&str> = first
            .iter()
            .filter(|i| i.to_submit())
            .map(|i| i.interview_id.as_str())
            .collect();
        assert_eq!(open.len(), 2, "{backend:?}: the fixture's screen and panel");
        assert!(
            first[..2].iter().all(MyInterview::to_submit),
            "{backend:?}: what is still to submit comes first"
        );
        let history: Vec<&MyInterview> = first[2..].iter().collect();
        assert_eq!(history.len(), SUBMITTED_PER_PAGE, "{backend:?}");
        assert!(
            history
                .windows(2)
                .all(|w| (w[0].submitted_at, &w[0].interview_id)
                    >= (w[1].submitted_at, &w[1].interview_id)),
            "{backend:?}: latest first"
        );

        let second = f.my_interviews_page("ivan", 2).await;
        assert_eq!(second.len(), extra, "{backend:?}");
        assert!(
            second.iter().all(|i| !i.to_submit()),
            "{backend:?}: later pages hold only the history"
        );
        assert!(
            f.my_interviews_page("ivan", 3).await.is_empty(),
            "{backend:?}"
        );

        // Every submitted interview is on exactly one page.
        let mut seen: Vec<String> = history
            .iter()
            .copied()
            .chain(&second)
            .map(|i| i.interview_id.clone())
            .collect();
        seen.sort();
        submitted.sort();
        assert_eq!(seen, submitted, "{backend:?}");
    }
}
