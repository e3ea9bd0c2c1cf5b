//! Settings that come from flags and environment variables.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The default embedded database: a SQLite file beside where Panelkit runs.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/panelkit.db";

/// Where the database lives. Shared by every command.
#[derive(Debug, Clone, Args)]
pub struct DatabaseConfig {
    /// Database to use: `sqlite://PATH` (created and migrated on first run) or
    /// `postgres://USER@HOST/DB` to share one database between several servers.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
}

/// Settings of `panelkit serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    /// Address and port to listen on.
    #[arg(long, env = "PANELKIT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder holding the built browser bundle (`pkg/panelkit.js`, `.wasm`, `.css`).
    #[arg(long, env = "PANELKIT_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// Load the demo accounts first if the database has no accounts, and print their logins.
    #[arg(long, env = "PANELKIT_DEMO")]
    pub demo: bool,

    /// Sign-in attempts allowed per client address per minute.
    #[arg(long, env = "PANELKIT_LOGIN_RATE", default_value_t = 30)]
    pub login_rate_per_minute: i64,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            demo: false,
            login_rate_per_minute: 30,
        }
    }
}
