//! HTTP for the benchmarks: signing in, calling server functions, and a
//! closed-loop load generator (each connection sends its next request when
//! the last answer is read).

#![allow(dead_code, reason = "each benchmark uses a part")]

use std::time::{Duration, Instant};

/// A client that keeps no cookies, follows no redirects and keeps up to
/// `connections` connections open.
pub fn client(connections: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(connections)
        .build()
        .unwrap()
}

pub use client::{call, login};

#[path = "../../tests/support/client.rs"]
mod client;

/// What a load run measured.
#[derive(Debug, Clone)]
pub struct Load {
    /// Requests answered per second.
    pub per_sec: f64,
    /// Median latency, ms.
    pub p50: f64,
    /// 99th percentile latency, ms.
    pub p99: f64,
    /// Size of one answer's body, bytes.
    pub bytes: usize,
}

/// GETs `url` (as `token`'s session, if any) over `connections` concurrent
/// connections for `secs` seconds; every answer must be a 200.
pub async fn load(url: &str, token: Option<&str>, connections: usize, secs: f64) -> Load {
    let c = client(connections);
    let cookie = token.map(|t| format!("panelkit_session={t}"));
    let get = |c: &reqwest::Client| {
        let mut req = c.get(url);
        if let Some(cookie) = &cookie {
            req = req.header("cookie", cookie.clone());
        }
        req
    };
    // Warm up: open the connections and fill caches.
    let first = get(&c).send().await.unwrap();
    assert!(first.status().is_success(), "{url}: {}", first.status());
    let bytes = first.bytes().await.unwrap().len();
    let deadline = Instant::now() + Duration::from_secs_f64(secs);
    let started = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let (c, req) = (c.clone(), get(&c));
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                let template = req.build().unwrap();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    let res = c
                        .execute(template.try_clone().unwrap())
                        .await
                        .expect("request");
                    let status = res.status();
                    let body = res.bytes().await.expect("body");
                    assert!(status.is_success(), "{status}: {}", body.len());
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i].as_secs_f64() * 1000.0
    };
    Load {
        per_sec: latencies.len() as f64 / elapsed,
        p50: pct(0.5),
        p99: pct(0.99),
        bytes,
    }
}

/// Median and 99th percentile (ms) of `samples`.
pub fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort_unstable();
    let pct = |p: f64| {
        let i = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
        samples[i].as_secs_f64() * 1000.0
    };
    (pct(0.5), pct(0.99))
}
