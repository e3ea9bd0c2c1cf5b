//! Accounts administered in the browser: invitations and set-password
//! links, deactivation, own passwords and the last active admin.

use super::{BIN, account_id, count, exec, raw};
use crate::fixtures::link_token;
use crate::helpers::*;
use app::model::{InviteInput, Role};
use app::server_fns::accounts::{
    ChangeOwnPassword, InviteUser, PasswordLinkInfo, ResetPasswordLink, SetPasswordByLink,
    SetUserActive, SetUserRole,
};
use app::server_fns::scorecards::ListMyInterviews;
use reqwest::StatusCode;

fn invite(email: &str, name: &str, role: Role) -> InviteUser {
    InviteUser {
        input: InviteInput {
            email: email.into(),
            name: name.into(),
            role,
        },
    }
}

fn set_password(token: &str, password: &str) -> SetPasswordByLink {
    SetPasswordByLink {
        token: token.into(),
        password: password.into(),
    }
}

fn active(user_id: &str, active: bool) -> SetUserActive {
    SetUserActive {
        user_id: user_id.into(),
        active,
    }
}

fn role(user_id: &str, role: Role) -> SetUserRole {
    SetUserRole {
        user_id: user_id.into(),
        role,
    }
}

fn change_password(current: &str, new_password: &str) -> ChangeOwnPassword {
    ChangeOwnPassword {
        current: current.into(),
        new_password: new_password.into(),
    }
}

const MY_INTERVIEWS: ListMyInterviews = ListMyInterviews { page: None };

#[tokio::test]
async fn invitation_links_work_once_expire_and_give_way_to_newer_ones() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        let pool = raw(&app.database_url).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let ada = app.login("ada@example.org").await;
        let link = app
            .run(
                &ada,
                invite("Nia@Example.org", "Nia New", Role::Interviewer),
            )
            .await;
        assert!(link.link.contains("/welcome/"), "{}", link.link);
        let token = link_token(&link.link);
        let stored = count(
            &pool,
            "SELECT COUNT(*) FROM account_tokens WHERE token_hash = $1",
            &token,
        )
        .await;
        assert_eq!(stored, 0, "only the token's hash is stored");
        // Not signed in yet: the account has no password anyone knows.
        let res = app
            .post_login("nia@example.org", "my own password", None)
            .await;
        assert_ne!(location(res.headers()), "/");
        let info = app
            .run_anonymous(PasswordLinkInfo {
                token: token.clone(),
            })
            .await;
        assert_eq!(info.email, "nia@example.org");
        assert!(info.invitation);
        let short = app.attempt(None, &set_password(&token, "short")).await;
        assert_eq!(short.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(short.text().await.unwrap().contains("password"));
        let email = app
            .run_anonymous(set_password(&token, "my own password"))
            .await;
        assert_eq!(email, "nia@example.org");
        app.login_with("nia@example.org", "my own password").await;
        // Single use.
        let again = app
            .attempt(None, &set_password(&token, "another password"))
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{backend:?}");
        let page = app.get(&format!("/welcome/{token}"), None).await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(
            page.text()
                .await
                .unwrap()
                .contains("This link does not work")
        );

        // A reset link replaces the older one, and expires.
        let reset = ResetPasswordLink {
            user_id: link.user_id.clone(),
        };
        let first = app.run(&ada, reset.clone()).await;
        let second = app.run(&ada, reset).await;
        let old = app
            .attempt(
                None,
                &set_password(&link_token(&first.link), "replaced password"),
            )
            .await;
        assert_eq!(
            old.status(),
            StatusCode::CONFLICT,
            "the older link stopped working"
        );
        exec(
            &pool,
            "UPDATE account_tokens SET expires_at = 1 WHERE used_at IS NULL",
        )
        .await
        .unwrap();
        let expired = app
            .attempt(
                None,
                &set_password(&link_token(&second.link), "expired password"),
            )
            .await;
        assert_eq!(expired.status(), StatusCode::CONFLICT, "expired");
        app.login_with("nia@example.org", "my own password").await;
        // Only admins invite.
        let nia_session = app.login_with("nia@example.org", "my own password").await;
        let refused = app
            .attempt(
                Some(&nia_session),
                &invite("x@example.org", "X", Role::Admin),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn deactivation_ends_sessions_at_once_and_own_password_changes_end_the_others() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        app.add_user("ivan@example.org", Role::Interviewer).await;
        let ada = app.login("ada@example.org").await;
        let ivan = app.login("ivan@example.org").await;
        let ivan_id = account_id(&app, &ada, "ivan@example.org").await;
        let ok = app.attempt(Some(&ivan), &MY_INTERVIEWS).await;
        assert_eq!(ok.status(), StatusCode::OK);
        let done = app.run(&ada, active(&ivan_id, false)).await;
        assert!(done);
        let after = app.attempt(Some(&ivan), &MY_INTERVIEWS).await;
        assert_eq!(after.status(), StatusCode::UNAUTHORIZED, "{backend:?}");
        let res = app.post_login("ivan@example.org", PASSWORD, None).await;
        assert_ne!(location(res.headers()), "/", "cannot sign in");
        app.run(&ada, active(&ivan_id, true)).await;
        let ivan = app.login("ivan@example.org").await;
        let ivan_elsewhere = app.login("ivan@example.org").await;
        // In use moments ago, so this server holds the session in memory.
        let used = app.attempt(Some(&ivan_elsewhere), &MY_INTERVIEWS).await;
        assert_eq!(used.status(), StatusCode::OK);
        // Own password: the current one is checked; other sessions end.
        let wrong = app
            .attempt(
                Some(&ivan),
                &change_password("nope nope nope", "a brand new one"),
            )
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.text().await.unwrap().contains("current"));
        app.run(&ivan, change_password(PASSWORD, "a brand new one"))
            .await;
        let here = app.attempt(Some(&ivan), &MY_INTERVIEWS).await;
        assert_eq!(here.status(), StatusCode::OK, "the changing session stays");
        let there = app.attempt(Some(&ivan_elsewhere), &MY_INTERVIEWS).await;
        assert_eq!(there.status(), StatusCode::UNAUTHORIZED, "the others end");
        app.login_with("ivan@example.org", "a brand new one").await;
    }
}

#[tokio::test]
async fn the_last_active_admin_can_be_neither_demoted_nor_deactivated() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let ada = app.login("ada@example.org").await;
        let ada_id = account_id(&app, &ada, "ada@example.org").await;
        let demote = app
            .attempt(Some(&ada), &role(&ada_id, Role::Recruiter))
            .await;
        let deactivate = app.attempt(Some(&ada), &active(&ada_id, false)).await;
        for (name, res) in [("set_user_role", demote), ("set_user_active", deactivate)] {
            assert_eq!(res.status(), StatusCode::CONFLICT, "{name} on {backend:?}");
            assert!(res.text().await.unwrap().contains("last active admin"));
        }
        // The command line keeps the rule too.
        let out = std::process::Command::new(BIN)
            .args(["user", "deactivate", "--email", "ada@example.org"])
            .env("DATABASE_URL", &app.database_url)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("last active admin"));
        // With a second admin, the first may step down.
        app.add_user("bo@example.org", Role::Admin).await;
        app.run(&ada, role(&ada_id, Role::Recruiter)).await;
        // At once, though her session was in use moments ago: her next
        // call is a recruiter's.
        let res = app.attempt(Some(&ada), &role(&ada_id, Role::Admin)).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{backend:?}");
        let bo = app.login("bo@example.org").await;
        let bo_id = account_id(&app, &bo, "bo@example.org").await;
        let res = app.attempt(Some(&bo), &active(&bo_id, false)).await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
        // A deactivated admin does not count.
        app.run(&bo, role(&ada_id, Role::Admin)).await;
        app.run(&bo, active(&ada_id, false)).await;
        let res = app
            .attempt(Some(&bo), &role(&bo_id, Role::Interviewer))
            .await;
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }
}
