//! `spawn_app()` and request helpers shared by the tests.

use app::db::Db;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::Role;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use server::config::ServeConfig;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The password given to accounts created by [`TestApp::add_user`].
pub const PASSWORD: &str = "correct horse battery";

/// Which database a test runs on.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    Postgres(String),
}

/// SQLite always; PostgreSQL too when its URL is set.
pub fn backends() -> Vec<Backend> {
    let mut all = vec![Backend::Sqlite];
    if let Ok(url) = std::env::var("PANELKIT_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        all.push(Backend::Postgres(url));
    }
    all
}

/// A fresh, empty database URL for one test.
pub async fn fresh_database_url(backend: &Backend) -> String {
    let unique = format!("t{}", app::db::ids::new_id());
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("panelkit-tests");
            std::fs::create_dir_all(&dir).unwrap();
            let path: PathBuf = dir.join(format!("{unique}.db"));
            format!("sqlite://{}", path.display())
        }
        Backend::Postgres(url) => {
            // A schema per test inside the run's database: isolated, and
            // dropped with that database when the run ends.
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(url)
                .await
                .expect("connect to PostgreSQL");
            sqlx::raw_sql(&format!("CREATE SCHEMA {unique}"))
                .execute(&mut conn)
                .await
                .expect("create schema");
            let sep = if url.contains('?') { '&' } else { '?' };
            format!("{url}{sep}options=-c%20search_path%3D{unique}")
        }
    }
}

/// A running server on its own database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub database_url: String,
}

/// Starts the app on 127.0.0.1:0 with a fresh database on `backend`.
pub async fn spawn_app(backend: &Backend) -> TestApp {
    spawn_app_with(backend, ServeConfig::default()).await
}

/// [`spawn_app`] with settings.
pub async fn spawn_app_with(backend: &Backend, config: ServeConfig) -> TestApp {
    let database_url = fresh_database_url(backend).await;
    serve_on(&database_url, &config).await
}

/// Starts the app on 127.0.0.1:0 on an existing database (migrating it),
/// e.g. a second app server sharing the first one's database.
pub async fn serve_on(database_url: &str, config: &ServeConfig) -> TestApp {
    let db = server::startup::open_database(database_url)
        .await
        .expect("open database");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = server::startup::build_router(db.clone(), config, addr);
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        addr,
        db,
        database_url: database_url.to_owned(),
    }
}

/// A client that keeps no cookies and follows no redirects, so tests see
/// exactly what the server answers.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// A plain pool on the app's database, for putting it in states the
    /// app never writes itself (past dates, rows an older version leaves).
    pub async fn raw_pool(&self) -> sqlx::AnyPool {
        sqlx::any::install_default_drivers();
        sqlx::AnyPool::connect(&self.database_url).await.unwrap()
    }

    /// Creates an account with [`PASSWORD`].
    pub async fn add_user(&self, email: &str, role: Role) {
        let hash = app::password::hash_password(PASSWORD.into()).await.unwrap();
        let user = NewUser {
            email,
            name: email,
            role,
            password_hash: &hash,
        };
        app::db::users::insert_user(&self.db, DEFAULT_ORG, &user)
            .await
            .unwrap();
    }

    /// Posts the sign-in form and returns the raw response.
    pub async fn post_login(
        &self,
        email: &str,
        password: &str,
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let mut req = client()
            .post(self.url("/auth/login"))
            .form(&[("email", email), ("password", password)]);
        if let Some(token) = cookie {
            req = req.header("cookie", session_cookie(token));
        }
        req.send().await.unwrap()
    }

    /// Signs in with [`PASSWORD`] and returns the session token.
    pub async fn login(&self, email: &str) -> String {
        self.login_with(email, PASSWORD).await
    }

    /// Signs in and returns the session token.
    pub async fn login_with(&self, email: &str, password: &str) -> String {
        let res = self.post_login(email, password, None).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(res.headers()), "/");
        session_from(res.headers()).expect("a session cookie")
    }

    /// Calls the server function at `/api/{name}` with a form body, for
    /// tests of the wire itself; the others call `TestApp::attempt` with the
    /// function's own arguments type.
    pub async fn call(
        &self,
        name: &str,
        token: Option<&str>,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = client().post(self.url(&format!("/api/{name}"))).form(form);
        if let Some(token) = token {
            req = req.header("cookie", session_cookie(token));
        }
        req.send().await.unwrap()
    }

    /// Calls the JSON-input server function at `/api/{name}` with any body,
    /// for tests of the wire itself (malformed or oversized bodies).
    pub async fn call_json(
        &self,
        name: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> reqwest::Response {
        let mut req = client().post(self.url(&format!("/api/{name}"))).json(&body);
        if let Some(token) = token {
            req = req.header("cookie", session_cookie(token));
        }
        req.send().await.unwrap()
    }

    /// GETs `path` with the session `token`.
    pub async fn get(&self, path: &str, token: Option<&str>) -> reqwest::Response {
        let mut req = client().get(self.url(path));
        if let Some(token) = token {
            req = req.header("cookie", session_cookie(token));
        }
        req.send().await.unwrap()
    }
}

/// The `Cookie` header that carries session `token` under either cookie
/// name: `__Host-panelkit_session` when the app has an https public URL,
/// `panelkit_session` otherwise.
pub fn session_cookie(token: &str) -> String {
    format!("panelkit_session={token}; __Host-panelkit_session={token}")
}

pub fn location(headers: &HeaderMap) -> &str {
    headers
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The session token a response sets, if it sets a non-empty one.
pub fn session_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| {
            v.strip_prefix("panelkit_session=")
                .or_else(|| v.strip_prefix("__Host-panelkit_session="))
        })
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .find(|v| !v.is_empty())
}

/// The text of a PDF, as `pdftotext` reads it.
pub fn pdf_text(bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("panelkit-pdf-{}", app::db::ids::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.pdf");
    std::fs::write(&file, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}
