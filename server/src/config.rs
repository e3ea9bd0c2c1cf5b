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

    /// Reference checks and the mail that invites referees.
    #[command(flatten)]
    pub references: ReferenceConfig,
}

/// Reference checks: links, thresholds and the optional SMTP server that
/// mails invitations. Without `--smtp-host` the recruiter is shown each
/// referee's link to send themselves.
#[derive(Clone, Args)]
pub struct ReferenceConfig {
    /// Days a referee's one-time link works.
    #[arg(long, env = "PANELKIT_REFERENCE_EXPIRY_DAYS", default_value_t = 7,
          value_parser = clap::value_parser!(i64).range(1..=90))]
    pub reference_expiry_days: i64,

    /// References that must have answered before their ratings are combined per competency.
    #[arg(long, env = "PANELKIT_REFERENCE_THRESHOLD", default_value_t = 2,
          value_parser = clap::value_parser!(u16).range(1..))]
    pub reference_threshold: u16,

    /// Calls to the referee pages' endpoints allowed per client address per minute.
    #[arg(long, env = "PANELKIT_REFEREE_RATE", default_value_t = 120)]
    pub referee_rate_per_minute: i64,

    /// The address people reach Panelkit at, for links in mail (e.g. https://hire.example.org).
    /// Without it, links use the address the recruiter's browser used.
    #[arg(long, env = "PANELKIT_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// SMTP server that sends invitations; unset means no mail.
    #[arg(long, env = "PANELKIT_SMTP_HOST", requires = "smtp_from")]
    pub smtp_host: Option<String>,

    /// SMTP port (587 for STARTTLS, 465 for TLS, 25 or a relay's port for none).
    #[arg(long, env = "PANELKIT_SMTP_PORT", default_value_t = 587)]
    pub smtp_port: u16,

    /// How the SMTP connection is secured: starttls, tls or none (only for a relay on this host).
    #[arg(long, env = "PANELKIT_SMTP_SECURITY", value_enum, default_value_t = SmtpSecurity::Starttls)]
    pub smtp_security: SmtpSecurity,

    /// SMTP user name, if the server needs one.
    #[arg(long, env = "PANELKIT_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// SMTP password (prefer the environment variable to the flag).
    #[arg(long, env = "PANELKIT_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,

    /// Sender of invitations, e.g. "Hiring at Acme <hiring@acme.example>".
    #[arg(long, env = "PANELKIT_SMTP_FROM", value_parser = crate::mail::parse_mailbox)]
    pub smtp_from: Option<String>,
}

// By hand, so the SMTP password never reaches a log.
impl std::fmt::Debug for ReferenceConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReferenceConfig")
            .field("reference_expiry_days", &self.reference_expiry_days)
            .field("reference_threshold", &self.reference_threshold)
            .field("referee_rate_per_minute", &self.referee_rate_per_minute)
            .field("public_url", &self.public_url)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_security", &self.smtp_security)
            .field("smtp_user", &self.smtp_user)
            .field(
                "smtp_password",
                &self.smtp_password.as_ref().map(|_| "********"),
            )
            .field("smtp_from", &self.smtp_from)
            .finish()
    }
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or network.
    None,
}

impl Default for ReferenceConfig {
    fn default() -> Self {
        Self {
            reference_expiry_days: 7,
            reference_threshold: 2,
            referee_rate_per_minute: 120,
            public_url: None,
            smtp_host: None,
            smtp_port: 587,
            smtp_security: SmtpSecurity::Starttls,
            smtp_user: None,
            smtp_password: None,
            smtp_from: None,
        }
    }
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            demo: false,
            login_rate_per_minute: 30,
            references: ReferenceConfig::default(),
        }
    }
}
