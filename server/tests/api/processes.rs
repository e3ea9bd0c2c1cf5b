//! The real `panelkit` binary: a second server process sharing the database,
//! and the command line.

use crate::helpers::*;
use crate::process::ServerProcess;
use app::model::Role;
use app::server_fns::users::ListUsers;
use reqwest::StatusCode;
use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");

async fn start_process(database_url: &str) -> ServerProcess {
    ServerProcess::start(BIN, database_url, &[("RUST_LOG", "warn")]).await
}

#[tokio::test]
async fn a_second_server_process_honours_the_session_cookie() {
    for backend in backends() {
        let app = spawn_app(&backend).await;
        app.add_user("ada@example.org", Role::Admin).await;
        let token = app.login("ada@example.org").await;

        let other = start_process(&app.database_url).await;
        let res = client()
            .post(format!("{}/api/list_users", other.base))
            .header("cookie", format!("panelkit_session={token}"))
            .form(&[("", "")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{backend:?}");

        // Signing out on the second server ends the session on the first.
        client()
            .post(format!("{}/auth/logout", other.base))
            .header("cookie", format!("panelkit_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            app.attempt(Some(&token), &ListUsers {}).await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
}

fn run_cli(database_url: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[tokio::test]
async fn user_add_reads_the_password_from_stdin_and_the_account_can_sign_in() {
    let app = spawn_app(&Backend::Sqlite).await;
    let args = [
        "user",
        "add",
        "--email",
        "Iris@Example.org",
        "--name",
        "Iris",
        "--role",
        "interviewer",
    ];
    let out = run_cli(&app.database_url, &args, &format!("{PASSWORD}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    app.login("iris@example.org").await;

    let again = run_cli(&app.database_url, &args, &format!("{PASSWORD}\n"));
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("--email") && stderr.contains("already exists"),
        "{stderr}"
    );

    let bad_role = run_cli(
        &app.database_url,
        &[
            "user", "add", "--email", "a@b.org", "--name", "A", "--role", "boss",
        ],
        "x\n",
    );
    assert!(!bad_role.status.success());
    assert!(String::from_utf8_lossy(&bad_role.stderr).contains("hiring-manager"));
}

#[tokio::test]
async fn demo_loads_every_role_into_an_empty_database_only() {
    let app = spawn_app(&Backend::Sqlite).await;
    let first = run_cli(&app.database_url, &["demo"], "");
    assert!(first.status.success());
    let printed = String::from_utf8_lossy(&first.stdout);
    for role in Role::ALL {
        assert!(
            printed.contains(role.label()),
            "{role:?} missing from {printed}"
        );
    }
    let token = app
        .login_with("admin@demo.panelkit.test", server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(app.get("/", Some(&token)).await.status(), StatusCode::OK);

    let second = run_cli(&app.database_url, &["demo"], "");
    assert!(String::from_utf8_lossy(&second.stdout).contains("already has accounts"));
}
