//! Server rendering under load: the release `panelkit` binary serving the
//! scoring page and the candidate summary page over 50 connections, next to
//! a plain axum handler (a process of its own answering a constant), the
//! app's `/healthz` and a static file under `/pkg`, all in one run. The
//! scoring page is measured as served (a reload finds it in the cache of
//! rendered pages) and rendered every time (a second server on the same
//! database with that cache off).
//!
//! `cargo bench -p server --bench ssr` (`PANELKIT_BENCH_SECS`, default 5,
//! sets the length of each measurement). The static file is measured when
//! the browser bundle was built (`source .ci/lib.sh; build_site release`).

#[path = "../tests/support/process.rs"]
mod process;
mod support;

use process::ServerProcess as Server;
use std::path::PathBuf;
use std::process::{Child, Command};
use support::http::{Load, client, load};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");
const CONNECTIONS: usize = 50;

/// The plain handler's process: killed when dropped.
struct Plain(Child);

impl Drop for Plain {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serves `GET /` answering a constant on `port` (this binary, re-run with
/// `--plain-server PORT`).
fn plain_server(port: u16) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async move {
        let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
            .await
            .unwrap();
        axum::serve(listener, app).await.unwrap();
    });
}

/// The static file to measure: the stylesheet in the built site.
fn static_file(site: &std::path::Path) -> Option<String> {
    let mut css: Vec<String> = std::fs::read_dir(site.join("pkg"))
        .ok()?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".css"))
        .collect();
    css.sort();
    css.into_iter().next().map(|n| format!("/pkg/{n}"))
}

fn row(name: &str, l: &Load, base: f64) {
    println!(
        "{name:<40} {:>9.0} {:>8.2} {:>8.2} {:>9} {:>7.1}%",
        l.per_sec,
        l.p50,
        l.p99,
        l.bytes,
        100.0 * l.per_sec / base
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--plain-server") {
        return plain_server(args[2].parse().unwrap());
    }
    tokio::runtime::Runtime::new().unwrap().block_on(bench());
}

async fn bench() {
    let secs: f64 = std::env::var("PANELKIT_BENCH_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5.0);
    let engine = support::Engine::Sqlite;
    let url = engine.fresh("ssr").await;
    let demo = Command::new(BIN)
        .arg("demo")
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(demo.status.success(), "{demo:?}");
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/site");
    let server = Server::start(
        BIN,
        &url,
        &[
            ("PANELKIT_LOGIN_RATE", "100000"),
            ("PANELKIT_SITE_ROOT", site.to_str().unwrap()),
        ],
    )
    .await;
    let base = server.base.clone();
    let uncached = Server::start(
        BIN,
        &url,
        &[
            ("PANELKIT_LOGIN_RATE", "100000"),
            ("PANELKIT_SITE_ROOT", site.to_str().unwrap()),
            ("PANELKIT_PAGE_CACHE_MB", "0"),
        ],
    )
    .await;
    let demo = support::scenario::demo_panel(&base).await;
    let (interview, candidate) = (demo.interview.clone(), demo.candidate.clone());
    let (interviewer, recruiter) = (demo.interviewer.clone(), demo.recruiter.clone());

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let plain = Plain(
        Command::new(std::env::current_exe().unwrap())
            .args(["--plain-server", &port.to_string()])
            .spawn()
            .unwrap(),
    );
    let plain_url = format!("http://127.0.0.1:{port}/");
    for _ in 0..200 {
        if client(1).get(&plain_url).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }

    let plain_load = load(&plain_url, None, CONNECTIONS, secs).await;
    let health = load(&format!("{base}/healthz"), None, CONNECTIONS, secs).await;
    let file = static_file(&site);
    let static_load = match &file {
        Some(path) => Some(load(&format!("{base}{path}"), None, CONNECTIONS, secs).await),
        None => None,
    };
    let scoring = load(
        &format!("{base}/interviews/{interview}"),
        Some(&interviewer),
        CONNECTIONS,
        secs,
    )
    .await;
    let rendered = load(
        &format!("{}/interviews/{interview}", uncached.base),
        Some(&interviewer),
        CONNECTIONS,
        secs,
    )
    .await;
    let summary = load(
        &format!("{base}/candidates/{candidate}/summary"),
        Some(&recruiter),
        CONNECTIONS,
        secs,
    )
    .await;
    drop(plain);
    drop(server);
    drop(uncached);
    engine.drop_database("ssr").await;

    println!("\nServer rendering, release build, {CONNECTIONS} connections, {secs} s each");
    println!(
        "{:<40} {:>9} {:>8} {:>8} {:>9} {:>8}",
        "", "req/s", "p50 ms", "p99 ms", "bytes", "of plain"
    );
    let p = plain_load.per_sec;
    row("plain axum handler (own process)", &plain_load, p);
    row("GET /healthz (database ping)", &health, p);
    if let (Some(path), Some(l)) = (&file, &static_load) {
        row(&format!("GET {path}"), l, p);
    }
    row("scoring page (interviewer, draft)", &scoring, p);
    row("scoring page, rendered every time", &rendered, p);
    row("summary page (recruiter; never kept)", &summary, p);

    support::at_least(
        "SSR scoring page req/s ÷ plain axum handler",
        scoring.per_sec / p,
        0.25,
        "×",
    );
    support::report(
        "SSR scoring page rendered every time ÷ plain axum handler",
        &format!("{:.3}× ({:.0}/s)", rendered.per_sec / p, rendered.per_sec),
        "(no budget)",
        0.0,
        true,
    );
    support::report(
        "SSR summary page req/s ÷ plain axum handler",
        &format!("{:.2}× ({:.0}/s)", summary.per_sec / p, summary.per_sec),
        "(no budget)",
        0.0,
        true,
    );
    match static_load {
        Some(l) => support::at_least(
            "static /pkg stylesheet req/s ÷ /healthz",
            l.per_sec / health.per_sec,
            0.5,
            "×",
        ),
        None => support::report(
            "static /pkg stylesheet req/s ÷ /healthz",
            "not built",
            "≥ 0.5×",
            f64::NAN,
            false,
        ),
    }
}
