//! Concurrent calls on reference checks, the recruiter's and the referee's.

use super::fixtures::*;
use super::support::*;
use crate::fixtures::{answer, referee_input};
use app::model::{PhoneCheckInput, RefereeInput, ReferenceAnswer, Relationship};
use app::server_fns::referee::{
    LoadRefereeForm, RefereeConsent, RefereeDecline, RefereeSaveDraft, RefereeSubmit,
};
use app::server_fns::references::{
    AddReferee, RecordPhoneCheck, ReviewReferenceSignal, SendReferenceInvitation,
};

/// The referee's side is reached with the link's token alone.
const REFEREE: &str = "nobody";

/// A candidate of a published role, with one referee; returns both ids.
async fn referee(w: &World) -> (String, String) {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    let request = w
        .referee(&candidate, Relationship::Peer, "rhea@work.example")
        .await;
    (candidate, request)
}

/// An invited referee who consented; returns the request id and token.
async fn consented(w: &World) -> (String, String) {
    let (_, request) = referee(w).await;
    let token = w.invite(&request).await;
    let consent = RefereeConsent {
        token: token.clone(),
    };
    w.run_as_referee(consent).await;
    (request, token)
}

fn answers(rating: u8, text: &str) -> Vec<ReferenceAnswer> {
    vec![answer("r1", Some(rating), text)]
}

fn phone_check(request_id: &str, answers: Vec<ReferenceAnswer>) -> RecordPhoneCheck {
    RecordPhoneCheck {
        request_id: request_id.into(),
        input: PhoneCheckInput {
            called_by: "Rita".into(),
            called_at: String::new(),
            answers,
        },
    }
}

async fn stored_answers(w: &World, request: &str) -> String {
    w.texts(
        "SELECT answers_json FROM reference_requests WHERE id = $1",
        &[request],
    )
    .await
    .remove(0)
}

/// Referees are a list: every added referee is kept and audited.
pub async fn add_referee(w: &World) {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    let body = |n: usize| AddReferee {
        candidate_id: candidate.clone(),
        input: RefereeInput {
            relationship: Relationship::Peer,
            months_worked: 12,
            ..referee_input(&format!("Rhea {n}"), &format!("rhea{n}@work.example"), "")
        },
    };
    let answers = w.identical("add_referee identical", "rita", body(0)).await;
    assert!(answers.iter().all(Answer::ok), "add_referee: {answers:?}");
    let calls = (1..=AT_ONCE).map(|n| call("rita", body(n))).collect();
    let answers = w.burst("add_referee conflicting", calls).await;
    assert!(answers.iter().all(Answer::ok), "add_referee: {answers:?}");
    let ids = w
        .texts(
            "SELECT id FROM reference_requests WHERE candidate_id = $1",
            &[&candidate],
        )
        .await;
    assert_eq!(ids.len(), 2 * AT_ONCE);
    for id in &ids {
        assert_eq!(
            w.audits("referee.add", id).await,
            1,
            "add_referee: one entry each"
        );
    }
}

/// Each invitation replaces the link before it: of links sent at the same
/// moment exactly one works afterwards.
pub async fn send_reference_invitation(w: &World) {
    let (_, request) = referee(w).await;
    let body = SendReferenceInvitation {
        request_id: request.clone(),
    };
    let answers = w.identical("send_reference_invitation", "rita", body).await;
    assert!(
        answers.iter().all(Answer::ok),
        "send_reference_invitation: {answers:?}"
    );
    let mut working = 0;
    for a in &answers {
        let token = token_of(&a.value());
        let form = w.apps[1].attempt(None, &LoadRefereeForm { token }).await;
        if form.status() == 200 {
            working += 1;
        }
    }
    assert_eq!(
        working, 1,
        "send_reference_invitation: exactly one live link"
    );
    let sent = w
        .number(
            "SELECT send_count FROM reference_requests WHERE id = $1",
            &[&request],
        )
        .await;
    assert_eq!(sent, AT_ONCE as i64);
    assert_eq!(w.audits("reference.invite", &request).await, AT_ONCE as i64);
}

pub async fn record_phone_check(w: &World) {
    let (_, request) = referee(w).await;
    let replies = w
        .identical(
            "record_phone_check identical",
            "rita",
            phone_check(&request, answers(4, "Same")),
        )
        .await;
    assert_eq!(
        replies.iter().filter(|a| a.ok()).count(),
        1,
        "record_phone_check: {replies:?}"
    );
    for a in replies.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409, "{a:?}");
    }
    assert_eq!(w.audits("reference.phone_check", &request).await, 1);

    let (_, other) = referee(w).await;
    let calls = (0..AT_ONCE)
        .map(|i| {
            let check = phone_check(&other, answers(3, &format!("call {i}")));
            call("rita", check)
        })
        .collect();
    let replies = w.burst("record_phone_check conflicting", calls).await;
    let winners: Vec<usize> = (0..AT_ONCE).filter(|&i| replies[i].ok()).collect();
    assert_eq!(winners.len(), 1, "record_phone_check: {replies:?}");
    assert!(
        stored_answers(w, &other)
            .await
            .contains(&format!("call {}", winners[0]))
    );
    assert_eq!(w.audits("reference.phone_check", &other).await, 1);
}

/// Reviews are a history: each is kept and audited; the newest is shown.
pub async fn review_reference_signal(w: &World) {
    let role = w.published_role().await;
    let candidate = w.candidate(&role).await;
    let request = w
        .referee(&candidate, Relationship::Manager, "boss@gmail.com")
        .await;
    let key = format!("free-mail-manager:{request}");
    let body = |note: &str| ReviewReferenceSignal {
        candidate_id: candidate.clone(),
        signal_key: key.clone(),
        note: note.into(),
    };
    let answers = w
        .identical(
            "review_reference_signal identical",
            "rita",
            body("Called the employer."),
        )
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "review_reference_signal: {answers:?}"
    );
    let calls = (0..AT_ONCE)
        .map(|i| call("rita", body(&format!("Check {i}"))))
        .collect();
    let answers = w.burst("review_reference_signal conflicting", calls).await;
    assert!(
        answers.iter().all(Answer::ok),
        "review_reference_signal: {answers:?}"
    );
    let reviews = w
        .number(
            "SELECT COUNT(*) FROM reference_signal_reviews WHERE candidate_id = $1",
            &[&candidate],
        )
        .await;
    assert_eq!(reviews, 2 * AT_ONCE as i64);
    assert_eq!(
        w.audits("reference.signal_review", &candidate).await,
        reviews
    );
}

/// Opening the form notes the first visit, once, whatever the race.
pub async fn load_referee_form(w: &World) {
    let (_, request) = referee(w).await;
    let token = w.invite(&request).await;
    let answers = w
        .identical("load_referee_form", REFEREE, LoadRefereeForm { token })
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "load_referee_form: {answers:?}"
    );
    let opened = w
        .number(
            "SELECT COUNT(*) FROM reference_requests WHERE id = $1 AND opened_at IS NOT NULL",
            &[&request],
        )
        .await;
    assert_eq!(opened, 1);
}

pub async fn referee_consent(w: &World) {
    let (_, request) = referee(w).await;
    let token = w.invite(&request).await;
    let answers = w
        .identical("referee_consent", REFEREE, RefereeConsent { token })
        .await;
    assert!(
        answers.iter().all(Answer::ok),
        "referee_consent: {answers:?}"
    );
    let consented = w
        .number(
            "SELECT COUNT(*) FROM reference_requests WHERE id = $1 AND consented_at IS NOT NULL",
            &[&request],
        )
        .await;
    assert_eq!(consented, 1);
}

/// Drafts: the last save stands, whole.
pub async fn referee_save_draft(w: &World) {
    let (request, token) = consented(w).await;
    let body = |text: &str| RefereeSaveDraft {
        token: token.clone(),
        answers: answers(2, text),
    };
    let replies = w
        .identical("referee_save_draft identical", REFEREE, body("Same"))
        .await;
    assert!(
        replies.iter().all(Answer::ok),
        "referee_save_draft: {replies:?}"
    );
    let calls = (0..AT_ONCE)
        .map(|i| call(REFEREE, body(&format!("draft {i}"))))
        .collect();
    let replies = w.burst("referee_save_draft conflicting", calls).await;
    assert!(
        replies.iter().all(Answer::ok),
        "referee_save_draft: {replies:?}"
    );
    let stored = stored_answers(w, &request).await;
    assert!(
        (0..AT_ONCE).any(|i| stored.contains(&format!("draft {i}\""))),
        "{stored}"
    );
}

pub async fn referee_submit(w: &World) {
    let (request, token) = consented(w).await;
    let calls = (0..AT_ONCE)
        .map(|i| {
            let submit = RefereeSubmit {
                token: token.clone(),
                answers: answers(5, &format!("answer {}", i % 2)),
            };
            call(REFEREE, submit)
        })
        .collect();
    let replies = w.burst("referee_submit", calls).await;
    let winners: Vec<usize> = (0..AT_ONCE).filter(|&i| replies[i].ok()).collect();
    assert_eq!(
        winners.len(),
        1,
        "referee_submit: accepted once: {replies:?}"
    );
    for a in replies.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409);
        assert!(a.message().contains("already submitted"), "{}", a.message());
    }
    assert!(
        stored_answers(w, &request)
            .await
            .contains(&format!("answer {}", winners[0] % 2))
    );
    assert_eq!(w.audits("reference.submit", &request).await, 1);
}

/// Declining races submitting: one of them closes the link.
pub async fn referee_decline(w: &World) {
    let (request, token) = consented(w).await;
    let decline = || RefereeDecline {
        token: token.clone(),
        reason: "Hardly knew them.".into(),
    };
    let submit = || RefereeSubmit {
        token: token.clone(),
        answers: answers(4, "Fine"),
    };
    let calls = vec![
        call(REFEREE, decline()),
        call(REFEREE, submit()),
        call(REFEREE, decline()),
        call(REFEREE, submit()),
    ];
    let replies = w.burst("referee_decline", calls).await;
    assert_eq!(
        replies.iter().filter(|a| a.ok()).count(),
        1,
        "referee_decline: {replies:?}"
    );
    let closed = w.audits("reference.decline", &request).await
        + w.audits("reference.submit", &request).await;
    assert_eq!(closed, 1, "referee_decline: one entry for the one change");
}
