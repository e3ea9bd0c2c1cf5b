//! Concurrent calls on accounts, legal holds, erasure and data settings.

use super::support::*;
use crate::fixtures::link_token;
use crate::helpers::PASSWORD;
use app::model::{DataSettings, HoldScope, InviteInput, RetentionRule, Role};
use app::server_fns::accounts::{
    ChangeOwnPassword, InviteUser, ResetPasswordLink, SetPasswordByLink, SetUserActive, SetUserRole,
};
use app::server_fns::data::{EraseCandidate, LiftHold, PlaceHold, SaveDataSettings};
use app::server_fns::time_zones::SetMyTimeZone;

/// Invites a fresh account with `role` as Ada; returns (id, link token).
async fn invited(w: &World, role: Role) -> (String, String) {
    let n = w.unique();
    let invite = invite(
        &format!("inv{n}@example.org"),
        &format!("Invited {n}"),
        role,
    );
    let link = w.run("ada", invite).await;
    let token = link_token(&link.link);
    (link.user_id, token)
}

fn invite(email: &str, name: &str, role: Role) -> InviteUser {
    InviteUser {
        input: InviteInput {
            email: email.into(),
            name: name.into(),
            role,
        },
    }
}

fn hold(subject_id: &str, reason: &str) -> PlaceHold {
    PlaceHold {
        scope: HoldScope::Candidate,
        subject_id: subject_id.into(),
        reason: reason.into(),
    }
}

fn erase(candidate_id: &str, reason: &str) -> EraseCandidate {
    EraseCandidate {
        candidate_id: candidate_id.into(),
        reason: reason.into(),
    }
}

pub async fn invite_user(w: &World) {
    let body = invite("twice@example.org", "Twice", Role::Interviewer);
    let answers = w.identical("invite_user identical", "ada", body).await;
    assert_eq!(answers.iter().filter(|a| a.ok()).count(), 1, "{answers:?}");
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 422, "{a:?}");
        assert!(a.message().contains("already exists"), "{}", a.message());
    }
    let ids = w
        .texts(
            "SELECT id FROM users WHERE email = $1",
            &["twice@example.org"],
        )
        .await;
    assert_eq!(ids.len(), 1);
    assert_eq!(w.audits("user.invite", &ids[0]).await, 1);
}

pub async fn set_password_by_link(w: &World) {
    let (id, token) = invited(w, Role::Interviewer).await;
    let body = SetPasswordByLink {
        token,
        password: "a password of mine".into(),
    };
    let answers = w
        .identical("set_password_by_link identical", "nobody", body)
        .await;
    assert_eq!(
        answers.iter().filter(|a| a.ok()).count(),
        1,
        "one use: {answers:?}"
    );
    assert!(
        answers.iter().filter(|a| !a.ok()).all(|a| a.status == 409),
        "{answers:?}"
    );
    assert_eq!(w.audits("user.accept_invite", &id).await, 1);
}

pub async fn reset_password_link(w: &World) {
    let (id, _) = invited(w, Role::Interviewer).await;
    let reset = ResetPasswordLink {
        user_id: id.clone(),
    };
    let answers = w
        .identical("reset_password_link identical", "ada", reset)
        .await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    let live = w
        .number(
            "SELECT COUNT(*) FROM account_tokens WHERE user_id = $1 AND used_at IS NULL",
            &[&id],
        )
        .await;
    assert_eq!(live, 1, "only the newest link works");
    assert_eq!(w.audits("user.reset_link", &id).await, AT_ONCE as i64);
}

pub async fn change_own_password(w: &World) {
    // Iris changes hers several times at once: each change is whole, and her
    // session stays.
    let calls = (0..AT_ONCE)
        .map(|n| {
            let change = ChangeOwnPassword {
                current: PASSWORD.into(),
                new_password: format!("{PASSWORD}{n}"),
            };
            call("iris", change)
        })
        .collect();
    let answers = w.burst("change_own_password", calls).await;
    assert!(
        answers.iter().filter(|a| a.ok()).count() >= 1,
        "{answers:?}"
    );
    assert!(
        answers.iter().filter(|a| !a.ok()).all(|a| a.status == 422),
        "{answers:?}"
    );
    let changed = answers.iter().filter(|a| a.ok()).count() as i64;
    assert_eq!(
        w.audits("user.change_password", &w.id("iris")).await,
        changed
    );
}

pub async fn set_user_role(w: &World) {
    let (x, _) = invited(w, Role::Admin).await;
    let ada = w.id("ada");
    // Ada demotes herself and the only other admin at once: one wins, and
    // an active admin remains.
    let demote = |user_id: &str| SetUserRole {
        user_id: user_id.into(),
        role: Role::Recruiter,
    };
    let calls = vec![call("ada", demote(&ada)), call("ada", demote(&x))];
    let answers = w.burst("set_user_role last admin", calls).await;
    assert_eq!(answers.iter().filter(|a| a.ok()).count(), 1, "{answers:?}");
    assert!(
        answers
            .iter()
            .filter(|a| !a.ok())
            .all(|a| matches!(a.status.as_u16(), 403 | 409)),
        "{answers:?}"
    );
    let admins = w
        .number(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND deactivated_at IS NULL",
            &[],
        )
        .await;
    assert_eq!(admins, 1);
    // Ada is admin again for the cases that follow.
    app::db::accounts::change_account(
        &w.apps[0].db,
        "default",
        None,
        &ada,
        app::db::accounts::AccountChange::Role(Role::Admin),
    )
    .await
    .unwrap();
}

pub async fn set_user_active(w: &World) {
    let (id, _) = invited(w, Role::Interviewer).await;
    let deactivate = SetUserActive {
        user_id: id.clone(),
        active: false,
    };
    let answers = w
        .identical("set_user_active identical", "ada", deactivate)
        .await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    assert_eq!(
        answers.iter().filter(|a| a.value::<bool>()).count(),
        1,
        "one deactivation took effect: {answers:?}"
    );
    assert_eq!(w.audits("user.deactivate", &id).await, 1);
}

pub async fn save_data_settings(w: &World) {
    let calls = (1..=AT_ONCE as i64)
        .map(|n| {
            let settings = DataSettings {
                retention_rule: RetentionRule::Off,
                retention_days: n * 10,
                referee_consent_text: format!("Text {n}"),
            };
            call("ada", SaveDataSettings { settings })
        })
        .collect();
    let answers = w.burst("save_data_settings", calls).await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    let days = w
        .number(
            "SELECT retention_days FROM organizations WHERE id = 'default'",
            &[],
        )
        .await;
    let text = w
        .texts(
            "SELECT referee_consent_text FROM organizations WHERE id = 'default'",
            &[],
        )
        .await;
    assert_eq!(
        text[0],
        format!("Text {}", days / 10),
        "one request's whole result"
    );
    assert_eq!(w.audits("settings.data", "default").await, AT_ONCE as i64);
}

pub async fn place_hold(w: &World) {
    let role = w.role().await;
    let candidate = w.candidate(&role).await;
    let calls = (0..AT_ONCE)
        .map(|n| call("ada", hold(&candidate, &format!("Claim {n}"))))
        .collect();
    let answers = w.burst("place_hold", calls).await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    assert_eq!(w.audits("hold.place", &candidate).await, AT_ONCE as i64);
}

pub async fn lift_hold(w: &World) {
    let role = w.role().await;
    let candidate = w.candidate(&role).await;
    let hold_id = w.run("ada", hold(&candidate, "Claim")).await;
    let lift = LiftHold {
        hold_id,
        reason: "Settled".into(),
    };
    let answers = w.identical("lift_hold identical", "ada", lift).await;
    assert_eq!(answers.iter().filter(|a| a.ok()).count(), 1, "{answers:?}");
    assert!(
        answers.iter().filter(|a| !a.ok()).all(|a| a.status == 404),
        "{answers:?}"
    );
    assert_eq!(w.audits("hold.lift", &candidate).await, 1);
}

pub async fn erase_candidate(w: &World) {
    let role = w.role().await;
    let candidate = w.candidate(&role).await;
    let answers = w
        .identical(
            "erase_candidate identical",
            "ada",
            erase(&candidate, "Asked to be forgotten"),
        )
        .await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    assert_eq!(
        answers.iter().filter(|a| a.value::<bool>()).count(),
        1,
        "one erasure took effect: {answers:?}"
    );
    assert_eq!(w.audits("candidate.erase", &candidate).await, 1);
    // A hold and an erasure at once: either the hold came first and the
    // erasure is refused, or the erasure happened and the hold is on an
    // erased candidate; never an erasure under a hold placed before it.
    let other = w.candidate(&role).await;
    let calls = vec![
        call("ada", hold(&other, "Claim")),
        call("ada", erase(&other, "Asked")),
    ];
    let answers = w.burst("hold against erasure", calls).await;
    assert!(answers[0].ok(), "{answers:?}");
    let hold_at = w
        .number(
            "SELECT placed_at FROM legal_holds WHERE subject_id = $1",
            &[&other],
        )
        .await;
    let erased_at = w
        .number(
            "SELECT COALESCE(erased_at, -1) FROM candidates WHERE id = $1",
            &[&other],
        )
        .await;
    if answers[1].ok() {
        assert!(
            (0..=hold_at).contains(&erased_at),
            "erased only before the hold: {answers:?}"
        );
    } else {
        assert_eq!(answers[1].status, 409, "{answers:?}");
        assert_eq!(erased_at, -1);
    }
}

pub async fn set_my_time_zone(w: &World) {
    // Iris picks several zones at once: every call succeeds and one of
    // them is what is stored, whole.
    let zones = [
        "Europe/Berlin",
        "America/New_York",
        "Asia/Tokyo",
        "Australia/Sydney",
    ];
    let calls = zones
        .iter()
        .map(|z| {
            call(
                "iris",
                SetMyTimeZone {
                    time_zone: (*z).into(),
                },
            )
        })
        .collect();
    let answers = w.burst("set_my_time_zone", calls).await;
    assert!(answers.iter().all(Answer::ok), "{answers:?}");
    let stored = w
        .texts(
            "SELECT time_zone FROM users WHERE id = $1",
            &[&w.id("iris")],
        )
        .await;
    assert!(
        stored.len() == 1 && zones.contains(&stored[0].as_str()),
        "{stored:?}"
    );
}
