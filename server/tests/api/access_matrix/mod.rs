//! The access matrix: every server function and every non-page route,
//! called as every kind of caller, checked against a table.
//!
//! The server functions are enumerated from the running registry, so a new
//! one without a row here fails the test: nobody can add an endpoint
//! without deciding who may call it.
//!
//! Outcome letters, one per caller in [`Caller::ALL`] order (anonymous,
//! seated and submitted, seated with a draft, unseated interviewer,
//! recruiter, hiring manager on the team, hiring manager elsewhere, admin,
//! referee):
//! - `O` success (2xx, or a 303 from a form route);
//! - `A` allowed: past every access check, then answered by the state it
//!   meets (2xx, or 400, 409, 410 or 422 for a stale or repeated request);
//! - `U` 401 (or a redirect to the sign-in page), `F` 403,
//!   `S` 403 "submit your own scorecard first", `N` 404.

mod rows;
pub mod world;

use crate::helpers::*;
use reqwest::StatusCode;
use rows::{Row, routes, server_fns};
use std::collections::BTreeSet;
use world::{Caller, World};

/// The letter for what the server answered.
/// A GET answered with a redirect to the sign-in page counts as 401.
async fn outcome(res: reqwest::Response, get: bool) -> (char, String) {
    let status = res.status();
    let to_login = get && location(res.headers()).starts_with("/login");
    let body = res.text().await.unwrap_or_default();
    let letter = match status {
        s if s.is_redirection() && to_login => 'U',
        s if s.is_success() || s == StatusCode::SEE_OTHER => 'O',
        StatusCode::UNAUTHORIZED => 'U',
        StatusCode::FORBIDDEN
            if body.contains("SubmitOwnFirst") || body.contains("Submit your own scorecard") =>
        {
            'S'
        }
        StatusCode::FORBIDDEN => 'F',
        StatusCode::NOT_FOUND => 'N',
        StatusCode::BAD_REQUEST
        | StatusCode::CONFLICT
        | StatusCode::GONE
        | StatusCode::UNPROCESSABLE_ENTITY => 'A',
        _ => '!',
    };
    (
        letter,
        format!("{status} {}", body.chars().take(160).collect::<String>()),
    )
}

async fn call_row(world: &World, row: &Row, caller: Caller) -> (char, String) {
    let session = world.session_of(caller);
    let res = match row {
        Row::Fn { call, .. } => call(world, caller)
            .request(&world.app, session)
            .send()
            .await
            .unwrap(),
        Row::Get { path, .. } => world.app.get(&path(world), session).await,
        Row::Post { path, .. } => {
            let mut req = client().post(world.app.url(path));
            if let Some(token) = session {
                req = req.header("cookie", format!("panelkit_session={token}"));
            }
            req.send().await.unwrap()
        }
    };
    outcome(res, matches!(row, Row::Get { .. })).await
}

/// Runs `rows`, each in a world of its own so one row's writes cannot
/// change another's answers; returns every mismatch.
async fn run(backend: &Backend, rows: &[Row]) -> Vec<String> {
    let mut failures = Vec::new();
    for row in rows {
        let world = World::build(backend).await;
        let expected: Vec<char> = row
            .expected()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert_eq!(
            expected.len(),
            Caller::ALL.len(),
            "{}: one letter per caller",
            row.name()
        );
        for (caller, want) in Caller::ALL.into_iter().zip(expected) {
            let (got, detail) = call_row(&world, row, caller).await;
            let allowed = want == 'A' && matches!(got, 'O' | 'A');
            if got != want && !allowed {
                failures.push(format!(
                    "{} as {caller:?}: expected {want}, got {got} ({detail}) on {backend:?}",
                    row.name()
                ));
            }
        }
        // Worlds are many; give their connections back before the next.
        world.app.db.close().await;
    }
    failures
}

#[tokio::test]
async fn every_server_function_has_a_row() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let table: BTreeSet<String> = server_fns().iter().map(|r| r.name().to_owned()).collect();
    let missing: Vec<_> = registered.difference(&table).collect();
    let stale: Vec<_> = table.difference(&registered).collect();
    assert!(
        missing.is_empty(),
        "server functions without a row in the access matrix: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for server functions that no longer exist: {stale:?}"
    );
    assert!(
        registered.len() >= 40,
        "the registry looks empty: {registered:?}"
    );
}

#[tokio::test]
async fn server_functions_answer_each_caller_as_the_table_says() {
    for backend in backends() {
        let failures = run(&backend, &server_fns()).await;
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

#[tokio::test]
async fn routes_answer_each_caller_as_the_table_says() {
    for backend in backends() {
        let failures = run(&backend, &routes()).await;
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
