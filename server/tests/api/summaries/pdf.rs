//! The summary PDF: names and notes in any script, and long notes across
//! pages.

use super::*;

#[tokio::test]
async fn the_pdf_holds_names_and_notes_in_any_script_exactly() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        let notes = [
            "Łukasz: Zoë calmed the customer in Hà Nội, then fixed the root cause.",
            "O'Brien \"Bob\": strong ownership, «clear» follow-up — every step written down.",
            "Ελένη: η υποψήφια άκουσε τον πελάτη και πρότεινε λύση.",
        ];
        f.submit_panel(notes).await;

        let res = f.pdf(Some("hana"), "a4").await;
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");
        let headers = res.headers().clone();
        assert_eq!(headers["content-type"], "application/pdf");
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(
            headers["content-disposition"],
            "attachment; filename=\"summary-zoe-nguyen.pdf\""
        );
        let bytes = res.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        let text = squash(&pdf_text(&bytes));
        for expected in [CANDIDATE, RATERS[0].1, RATERS[1].1, RATERS[2].1]
            .into_iter()
            .chain(notes)
        {
            assert!(
                text.contains(&squash(expected)),
                "{backend:?}: {expected:?} missing from the PDF text:\n{text}"
            );
        }
        assert!(!text.contains(DRAFT_TEXT), "{backend:?}: a draft leaked");
        assert!(!text.contains('\u{FFFD}'), "{backend:?}: undrawable glyph");
        assert!(text.contains("Page 1 of"), "{backend:?}");

        let letter = f.pdf(Some("rita"), "letter").await;
        assert_eq!(letter.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn names_in_every_script_survive_as_the_candidate_too() {
    let backend = Backend::Sqlite;
    for name in [
        "Łukasz Żółć",
        "O'Brien \"Bob\"",
        "Ελένη Παπαδοπούλου",
        "Nguyễn Thị Thu Hà",
        "王小明",
        "山田 花子",
        "김민준",
    ] {
        let f = fixture(&backend, name).await;
        f.submit_panel(["a", "b", "c"]).await;
        let res = f.pdf(Some("hana"), "a4").await;
        let disposition = res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            disposition.starts_with("attachment; filename=\"") && !disposition.contains('\''),
            "{name}: {disposition}"
        );
        let text = squash(&pdf_text(&res.bytes().await.unwrap()));
        assert!(text.contains(name), "{name} missing:\n{text}");
        assert!(!text.contains('\u{FFFD}'), "{name}: a mark in\n{text}");
    }
}

#[tokio::test]
async fn very_long_notes_span_pages_without_losing_text() {
    for backend in backends() {
        let f = fixture(&backend, CANDIDATE).await;
        let long: String = (1..=120)
            .map(|i| format!("Paragraph {i:03}: the candidate described step {i} of the escalation in detail, with *names* and **numbers**.\n\n"))
            .collect();
        f.submit_panel([&long, "short", "short"]).await;
        let bytes = f.pdf(Some("hana"), "a4").await.bytes().await.unwrap();
        let raw = pdf_text(&bytes);
        let pages = raw.matches('\u{c}').count();
        assert!(pages >= 4, "{backend:?}: only {pages} pages");
        let text = squash(&raw);
        for i in 1..=120 {
            let line = format!(
                "Paragraph {i:03}: the candidate described step {i} of the escalation in detail, with names and numbers."
            );
            assert!(text.contains(&line), "{backend:?}: lost {line:?}");
        }
        assert!(
            text.contains(&format!("Page {pages} of {pages}")),
            "{backend:?}"
        );
    }
}
