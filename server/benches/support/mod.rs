//! What the benchmarks share: the result lines `.ci/bench` gathers into one
//! table, and fresh databases on either engine.

#![allow(dead_code, reason = "each benchmark uses a part")]

pub mod generate;
pub mod http;
pub mod scenario;

/// Prints one result line: `RESULT|figure|measured|budget|ratio|pass`.
/// `ratio` is measured over budget for an upper bound (≤ 1 passes) and
/// budget over measured for a lower bound, so ≤ 1.00 always passes.
pub fn report(figure: &str, measured: &str, budget: &str, ratio: f64, pass: bool) {
    println!(
        "RESULT|{figure}|{measured}|{budget}|{ratio:.2}|{}",
        if pass { "pass" } else { "FAIL" }
    );
}

/// Reports `value` against an upper bound `max` (e.g. a latency budget).
pub fn at_most(figure: &str, value: f64, max: f64, unit: &str) {
    report(
        figure,
        &format!("{value:.2} {unit}"),
        &format!("≤ {max} {unit}"),
        value / max,
        value <= max,
    );
}

/// Reports `value` against a lower bound `min` (e.g. a throughput ratio).
pub fn at_least(figure: &str, value: f64, min: f64, unit: &str) {
    report(
        figure,
        &format!("{value:.3}{unit}"),
        &format!("≥ {min}{unit}"),
        if value > 0.0 {
            min / value
        } else {
            f64::INFINITY
        },
        value >= min,
    );
}

/// The engines to measure: SQLite always, PostgreSQL when
/// `PANELKIT_BENCH_POSTGRES_URL` names a database the benchmark may fill
/// (each run gets a schema of its own in it).
pub fn engines() -> Vec<Engine> {
    let mut all = vec![Engine::Sqlite];
    if let Ok(url) = std::env::var("PANELKIT_BENCH_POSTGRES_URL")
        && !url.is_empty()
    {
        all.push(Engine::Postgres(url));
    }
    all
}

/// A database engine to measure on.
#[derive(Debug, Clone)]
pub enum Engine {
    /// A file in the temporary folder.
    Sqlite,
    /// A schema in this PostgreSQL database.
    Postgres(String),
}

impl Engine {
    /// `SQLite` or `PostgreSQL`.
    pub fn name(&self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres(_) => "PostgreSQL",
        }
    }

    /// A fresh, empty database named after `label`; [`Engine::drop_database`]
    /// removes it.
    pub async fn fresh(&self, label: &str) -> String {
        let unique = format!("{label}_{}", std::process::id());
        match self {
            Engine::Sqlite => {
                let dir = std::env::temp_dir().join("panelkit-bench");
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("{unique}.db"));
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
                }
                format!("sqlite://{}", path.display())
            }
            Engine::Postgres(url) => {
                use sqlx::Connection;
                let mut conn = sqlx::PgConnection::connect(url)
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::raw_sql(&format!(
                    "DROP SCHEMA IF EXISTS {unique} CASCADE; CREATE SCHEMA {unique}"
                ))
                .execute(&mut conn)
                .await
                .expect("create schema");
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}options=-c%20search_path%3D{unique}")
            }
        }
    }

    /// Removes what [`Engine::fresh`] made for `label`.
    pub async fn drop_database(&self, label: &str) {
        let unique = format!("{label}_{}", std::process::id());
        match self {
            Engine::Sqlite => {
                let dir = std::env::temp_dir().join("panelkit-bench");
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.join(format!("{unique}.db{ext}")));
                }
            }
            Engine::Postgres(url) => {
                use sqlx::Connection;
                if let Ok(mut conn) = sqlx::PgConnection::connect(url).await {
                    let _ = sqlx::raw_sql(&format!("DROP SCHEMA IF EXISTS {unique} CASCADE"))
                        .execute(&mut conn)
                        .await;
                }
            }
        }
    }
}
