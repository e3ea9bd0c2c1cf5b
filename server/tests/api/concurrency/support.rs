//! The concurrency suite's world: two app servers on one database, a cast
//! of signed-in people, calls fired at the same moment, and reads of what
//! was stored.

use crate::fixtures::{Encoded, Wire};
use crate::helpers::*;
use app::model::Role;
use leptos::server_fn::ServerFn;
use reqwest::StatusCode;
use serde::Serialize;
use serde::de::DeserializeOwned;
use server::config::ServeConfig;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many calls each burst fires at once.
pub const AT_ONCE: usize = 4;

/// Two app servers sharing one fresh database, and everyone's sessions.
pub struct World {
    pub backend: Backend,
    pub apps: [TestApp; 2],
    pool: AnyPool,
    tokens: HashMap<&'static str, String>,
    ids: HashMap<&'static str, String>,
    unique: AtomicUsize,
}

/// One server function call of a burst.
pub struct Call {
    pub who: &'static str,
    pub args: Encoded,
}

/// What a call of a burst was answered.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub body: String,
}

impl Answer {
    pub fn ok(&self) -> bool {
        self.status == StatusCode::OK
    }

    /// The success value.
    pub fn value<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The message of a refusal, as the page shows it.
    pub fn message(&self) -> String {
        let err: app::errors::AppError = serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {}", self.body));
        err.to_string()
    }
}

/// A [`Call`] of server function `F` as `who`.
pub fn call<F>(who: &'static str, args: F) -> Call
where
    F: ServerFn + Serialize,
    F::Protocol: Wire,
{
    let args = Encoded::of(&args);
    Call { who, args }
}

/// Starts an app server on an existing database, with rate limits out of
/// the way of the bursts.
async fn serve_on(database_url: &str) -> TestApp {
    let mut config = ServeConfig {
        login_rate_per_minute: 100_000,
        ..ServeConfig::default()
    };
    config.references.referee_rate_per_minute = 100_000;
    crate::helpers::serve_on(database_url, &config).await
}

impl World {
    /// Two servers on a fresh database of `backend`, the shipped banks, and
    /// a recruiter, an admin, two interviewers and a hiring manager.
    pub async fn new(backend: &Backend) -> World {
        let url = fresh_database_url(backend).await;
        let first = serve_on(&url).await;
        let second = serve_on(&url).await;
        server::banks::import_shipped(&first.db).await.unwrap();
        sqlx::any::install_default_drivers();
        let pool = sqlx::any::AnyPoolOptions::new()
            .max_connections(2)
            .connect(&url)
            .await
            .expect("a reading connection");
        let people = [
            ("rita", Role::Recruiter),
            ("ada", Role::Admin),
            ("ivan", Role::Interviewer),
            ("iris", Role::Interviewer),
            ("hana", Role::HiringManager),
        ];
        let mut tokens = HashMap::new();
        for (name, role) in people {
            let email = format!("{name}@example.org");
            first.add_user(&email, role).await;
            tokens.insert(name, first.login(&email).await);
        }
        let users = app::db::users::list_users(&first.db, "default")
            .await
            .unwrap();
        let ids = people
            .iter()
            .map(|(name, _)| {
                let email = format!("{name}@example.org");
                let user = users.iter().find(|u| u.email == email).unwrap();
                (*name, user.id.clone())
            })
            .collect();
        World {
            backend: backend.clone(),
            apps: [first, second],
            pool,
            tokens,
            ids,
            unique: AtomicUsize::new(0),
        }
    }

    /// The account id of `who`.
    pub fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub fn id(&self, who: &str) -> String {
        self.ids[who].clone()
    }

    /// A number no other fixture of this world got.
    pub fn unique(&self) -> usize {
        self.unique.fetch_add(1, Ordering::Relaxed)
    }

    /// Calls server function `F` as `who` on the first server, expecting
    /// success.
    pub async fn run<F>(&self, who: &str, args: F) -> F::Output
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
        F::Output: DeserializeOwned,
    {
        self.apps[0].run(&self.tokens[who], args).await
    }

    /// Calls server function `F` without a session on the second server,
    /// expecting success.
    pub async fn run_as_referee<F>(&self, args: F) -> F::Output
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
        F::Output: DeserializeOwned,
    {
        self.apps[1].run_anonymous(args).await
    }

    /// Fires `calls` at the same moment, alternating between the two
    /// servers, and checks that none was answered with a 5xx.
    pub async fn burst(&self, case: &str, calls: Vec<Call>) -> Vec<Answer> {
        let barrier = Arc::new(tokio::sync::Barrier::new(calls.len()));
        let mut tasks = Vec::new();
        for (i, c) in calls.into_iter().enumerate() {
            let app = &self.apps[i % 2];
            // Anyone not in the cast (a referee) calls without a session.
            let token = self.tokens.get(c.who).map(String::as_str);
            let request = c.args.request(app, token);
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                barrier.wait().await;
                let res = request.send().await.expect("an answer");
                let status = res.status();
                Answer {
                    status,
                    body: res.text().await.unwrap_or_default(),
                }
            }));
        }
        let mut answers = Vec::new();
        for task in tasks {
            answers.push(task.await.unwrap());
        }
        for a in &answers {
            assert!(
                !a.status.is_server_error(),
                "{case} on {:?}: {} {}",
                self.backend,
                a.status,
                a.body
            );
        }
        answers
    }

    /// Fires the same call [`AT_ONCE`] times at once.
    pub async fn identical<F>(&self, case: &str, who: &'static str, args: F) -> Vec<Answer>
    where
        F: ServerFn + Serialize,
        F::Protocol: Wire,
    {
        let args = Encoded::of(&args);
        let calls = (0..AT_ONCE)
            .map(|_| Call {
                who,
                args: args.clone(),
            })
            .collect();
        self.burst(case, calls).await
    }

    /// A single number from the database.
    pub async fn number(&self, sql: &str, binds: &[&str]) -> i64 {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.fetch_one(&self.pool).await.expect(sql)
    }

    /// A column of text from the database.
    pub async fn texts(&self, sql: &str, binds: &[&str]) -> Vec<String> {
        let mut query = sqlx::query_scalar::<_, String>(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.fetch_all(&self.pool).await.expect(sql)
    }

    /// How many audit entries record `action` on `subject`.
    pub async fn audits(&self, action: &str, subject: &str) -> i64 {
        self.number(
            "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject = $2",
            &[action, subject],
        )
        .await
    }
}
