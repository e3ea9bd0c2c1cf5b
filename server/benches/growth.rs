//! Growth: the pages people use every day, on a database holding about a
//! million ratings, against the same pages on a database holding only the
//! demo data; on SQLite, and on PostgreSQL when
//! `PANELKIT_BENCH_POSTGRES_URL` is set.
//!
//! Measured as the demo's people (see `support::scenario`): the
//! interviewer's scoring page and "my interviews" (on the large database
//! the interviewer has also submitted `HEAVY_PANELS` generated interviews),
//! both home pages (an interviewer's, and an admin's with the open
//! pipeline awaiting a decision: `OPEN_PIPELINE` candidates on the large
//! database, the rest of its history decided and closed), and the
//! recruiter's candidate page, summary page and summary PDF of the demo
//! candidate (whose role holds a share of the generated candidates). Each
//! figure is the median of sequential requests to the release server; the budget is
//! 2× the empty database's.
//!
//! `cargo bench -p server --bench growth` (`PANELKIT_GROWTH_RATINGS`,
//! default 1,000,000, scales the large database; `PANELKIT_GROWTH_KEEP=1`
//! keeps it and prints where).

#[path = "../tests/support/process.rs"]
mod process;
mod support;

use process::ServerProcess as Server;
use std::process::Command;
use std::time::{Duration, Instant};
use support::generate::{Generated, HEAVY_PANELS, OPEN_PIPELINE, Scale, generate};
use support::http::{client, percentiles};
use support::{Engine, scenario};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");
/// Requests per page after the warm-up.
const SAMPLES: usize = 40;
/// Requests per page before measuring: enough for each pooled connection
/// to have run the page's statements more than five times, after which
/// PostgreSQL stops planning them afresh on each run if a generic plan does
/// as well. A long-running server is past that; five requests left the
/// measurement planning on cold connections (0.5 ms of a 2 ms page).
const WARM_UP: usize = 50;

/// The pages measured: name, path, whose session.
fn pages(demo: &scenario::DemoPanel) -> Vec<(&'static str, String, String)> {
    vec![
        (
            "scoring page",
            format!("/interviews/{}", demo.interview),
            demo.interviewer.clone(),
        ),
        (
            "my interviews",
            "/interviews".to_owned(),
            demo.interviewer.clone(),
        ),
        ("interviewer home", "/".to_owned(), demo.interviewer.clone()),
        ("admin home", "/".to_owned(), demo.admin.clone()),
        (
            "candidate page",
            format!("/candidates/{}", demo.candidate),
            demo.recruiter.clone(),
        ),
        (
            "summary page",
            format!("/candidates/{}/summary", demo.candidate),
            demo.recruiter.clone(),
        ),
        (
            "summary PDF",
            format!("/candidates/{}/summary.pdf", demo.candidate),
            demo.recruiter.clone(),
        ),
    ]
}

/// Median milliseconds per page on the database at `url`.
async fn measure(url: &str) -> Vec<(&'static str, f64, usize)> {
    // Every view rendered, from its queries: a page kept from the view
    // before would measure the cache, not the database's size.
    let server = Server::start(
        BIN,
        url,
        &[
            ("PANELKIT_LOGIN_RATE", "100000"),
            ("PANELKIT_PAGE_CACHE_MB", "0"),
        ],
    )
    .await;
    let demo = scenario::demo_panel(&server.base).await;
    let c = client(1);
    let mut out = Vec::new();
    for (name, path, token) in pages(&demo) {
        let get = || {
            c.get(format!("{}{path}", server.base))
                .header("cookie", format!("panelkit_session={token}"))
                .send()
        };
        let mut bytes = 0;
        for _ in 0..WARM_UP {
            let res = get().await.unwrap();
            assert!(res.status().is_success(), "{path}: {}", res.status());
            bytes = res.bytes().await.unwrap().len();
        }
        let mut samples: Vec<Duration> = Vec::with_capacity(SAMPLES);
        for _ in 0..SAMPLES {
            let t = Instant::now();
            let res = get().await.unwrap();
            let _ = res.bytes().await.unwrap();
            samples.push(t.elapsed());
        }
        out.push((name, percentiles(samples).0, bytes));
    }
    out
}

/// A database with the demo data, and `scale`'s history when given.
async fn database(
    engine: &Engine,
    label: &str,
    scale: Option<Scale>,
) -> (String, Option<Generated>) {
    let url = engine.fresh(label).await;
    let demo = Command::new(BIN)
        .arg("demo")
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    let generated = match scale {
        Some(scale) => Some(generate(&url, scale).await),
        None => None,
    };
    (url, generated)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let ratings = std::env::var("PANELKIT_GROWTH_RATINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(Scale::MILLION.ratings);
    let scale = Scale {
        ratings,
        ..Scale::MILLION
    };
    for engine in support::engines() {
        let name = engine.name();
        let (empty_url, _) = database(&engine, "growth_empty", None).await;
        let empty = measure(&empty_url).await;
        engine.drop_database("growth_empty").await;

        let (big_url, generated) = database(&engine, "growth_big", Some(scale)).await;
        let g = generated.unwrap();
        let size = big_url
            .strip_prefix("sqlite://")
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| format!(", {:.0} MB file", m.len() as f64 / 1e6))
            .unwrap_or_default();
        println!(
            "\n{name}: generated {} ratings in {} submitted scorecards ({} roles, {} interviewers, {} candidates, {} of them decided and {OPEN_PIPELINE} open, {} interviews; the demo interviewer on {HEAVY_PANELS} of them) in {:.1} s{size}",
            g.ratings,
            g.scorecards,
            g.roles,
            g.users,
            g.candidates,
            g.decisions,
            g.interviews,
            g.seconds
        );
        let big = measure(&big_url).await;
        // Kept on request, to look at plans and profiles on the grown data.
        if std::env::var_os("PANELKIT_GROWTH_KEEP").is_some() {
            println!("{name}: the grown database is kept at {big_url}");
        } else {
            engine.drop_database("growth_big").await;
        }

        println!(
            "{:<16} {:>12} {:>12} {:>8} {:>10} {:>10}",
            "", "empty ms", "grown ms", "ratio", "empty B", "grown B"
        );
        for ((page, e, eb), (_, b, bb)) in empty.iter().zip(&big) {
            println!(
                "{page:<16} {e:>12.2} {b:>12.2} {:>8.2} {eb:>10} {bb:>10}",
                b / e
            );
            support::at_most(
                &format!(
                    "growth: {page} at {}k ratings ÷ empty, {name}",
                    g.ratings / 1000
                ),
                b / e,
                2.0,
                "×",
            );
        }
    }
}
