//! Settings that come from flags and environment variables.

use clap::Args;
use ipnet::IpNet;
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

    /// Failed sign-ins allowed per account per 15 minutes; past it the account
    /// signs in only from browsers that signed in to it before, until the
    /// 15 minutes are over.
    #[arg(long, env = "PANELKIT_LOGIN_ACCOUNT_FAILURES", default_value_t = 10,
          value_parser = clap::value_parser!(i64).range(1..))]
    pub login_failures_per_account: i64,

    /// Hours a session lasts after sign-in, however active.
    #[arg(long, env = "PANELKIT_SESSION_HOURS", default_value_t = 12,
          value_parser = clap::value_parser!(i64).range(1..=720))]
    pub session_hours: i64,

    /// Minutes without a request after which a session ends.
    #[arg(long, env = "PANELKIT_SESSION_IDLE_MINUTES", default_value_t = 60,
          value_parser = clap::value_parser!(i64).range(5..=43_200))]
    pub session_idle_minutes: i64,

    /// Reverse proxies whose X-Forwarded-For / Forwarded headers are believed,
    /// as comma-separated addresses or CIDR ranges (e.g. 10.0.0.0/8,::1).
    /// Requests from anyone else count under their own address.
    #[arg(long, env = "PANELKIT_TRUSTED_PROXIES", value_delimiter = ',', value_parser = parse_proxy)]
    pub trusted_proxies: Vec<IpNet>,

    /// Seconds between applications of the retention rule (one app server
    /// applies it per round, under a lease in the database).
    #[arg(long, env = "PANELKIT_RETENTION_EVERY_SECS", default_value_t = 86_400,
          value_parser = clap::value_parser!(u64).range(1..), hide = true)]
    pub retention_every_secs: u64,

    /// Megabytes of rendered pages kept in memory, each for the session that
    /// asked and only while nothing in the database changed; 0 keeps none.
    #[arg(long, env = "PANELKIT_PAGE_CACHE_MB", default_value_t = 64)]
    pub page_cache_mb: u16,

    /// Reference checks and the mail that invites referees.
    #[command(flatten)]
    pub references: ReferenceConfig,

    /// When interviewers and referees are reminded.
    #[command(flatten)]
    pub reminders: ReminderConfig,
}

/// Reminders to panel members whose scorecard is late and to referees who
/// have not answered: mailed with SMTP, else listed on the recruiters' home
/// page to pass on. (Small integers: the struct fits beside `demo` in
/// [`ServeConfig`], which keeps the command enum's variants close in size.)
#[derive(Debug, Clone, Args)]
pub struct ReminderConfig {
    /// Hours after an interview ends before a panel member whose scorecard is not
    /// submitted is reminded (once); 0 turns these reminders off.
    #[arg(long, env = "PANELKIT_REMIND_SCORECARD_HOURS", default_value_t = 18,
          value_parser = clap::value_parser!(u16).range(0..=720))]
    pub remind_scorecard_hours: u16,

    /// Days without an answer before a referee is reminded, and again before the
    /// second and last reminder; 0 turns these reminders off.
    #[arg(long, env = "PANELKIT_REMIND_REFEREE_DAYS", default_value_t = 3,
          value_parser = clap::value_parser!(u16).range(0..=90))]
    pub remind_referee_days: u16,

    /// Seconds between reminder rounds (one app server works per round, under
    /// a lease in the database).
    #[arg(long, env = "PANELKIT_REMINDERS_EVERY_SECS", default_value_t = 900,
          value_parser = clap::value_parser!(u16).range(1..), hide = true)]
    pub reminders_every_secs: u16,
}

impl Default for ReminderConfig {
    fn default() -> Self {
        let defaults = app::settings::ReminderSettings::default();
        Self {
            remind_scorecard_hours: u16::try_from(defaults.scorecard_after_hours).unwrap_or(18),
            remind_referee_days: u16::try_from(defaults.referee_after_days).unwrap_or(3),
            reminders_every_secs: 900,
        }
    }
}

impl ReminderConfig {
    /// The settings the reminder round runs with.
    pub fn settings(&self) -> app::settings::ReminderSettings {
        app::settings::ReminderSettings {
            scorecard_after_hours: i64::from(self.remind_scorecard_hours),
            referee_after_days: i64::from(self.remind_referee_days),
        }
    }
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

    /// The address people reach Panelkit at (e.g. https://hire.example.org). It alone
    /// decides the links in invitations and, when https, that cookies are Secure
    /// (`__Host-` names) and that HSTS is sent. Required with --smtp-host.
    #[arg(long, env = "PANELKIT_PUBLIC_URL", value_parser = parse_public_url)]
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

impl ServeConfig {
    /// Whether the public URL is https: cookies are then Secure and HSTS sent.
    pub fn is_https(&self) -> bool {
        self.references
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }

    /// The session lifetime and idle timeout.
    pub fn session_policy(&self) -> app::db::sessions::SessionPolicy {
        app::db::sessions::SessionPolicy {
            lifetime_ms: self.session_hours * 60 * 60 * 1000,
            idle_ms: self.session_idle_minutes * 60 * 1000,
        }
    }

    /// Refuses settings that cannot work together.
    pub fn validate(&self) -> Result<(), String> {
        if self.references.smtp_host.is_some() && self.references.public_url.is_none() {
            return Err(
                "--smtp-host is set but --public-url (PANELKIT_PUBLIC_URL) is not: \
                 invitations would carry links built from whatever address a request came \
                 in on. Set --public-url to the address people reach Panelkit at, \
                 e.g. https://hire.example.org"
                    .to_owned(),
            );
        }
        Ok(())
    }
}

/// A public URL: `http(s)://host[:port]`, no path, query or credentials;
/// kept without a trailing slash.
pub fn parse_public_url(raw: &str) -> Result<String, String> {
    let trimmed = raw.trim().trim_end_matches('/');
    let uri: http::Uri = trimmed
        .parse()
        .map_err(|_| format!("\"{raw}\" is not a URL; expected e.g. https://hire.example.org"))?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    let authority = uri
        .authority()
        .map(http::uri::Authority::as_str)
        .unwrap_or_default();
    let bare = uri
        .path_and_query()
        .is_none_or(|p| p.as_str().is_empty() || p.as_str() == "/");
    if !scheme_ok || authority.is_empty() || authority.contains('@') || !bare {
        return Err(format!(
            "\"{raw}\" must be http:// or https:// and a host (and port), with no path, e.g. https://hire.example.org"
        ));
    }
    Ok(trimmed.to_owned())
}

/// One trusted proxy: an address or a CIDR range.
pub fn parse_proxy(raw: &str) -> Result<IpNet, String> {
    let raw = raw.trim();
    raw.parse::<IpNet>()
        .or_else(|_| raw.parse::<std::net::IpAddr>().map(IpNet::from))
        .map_err(|_| format!("\"{raw}\" is not an address or CIDR range (e.g. 10.0.0.0/8)"))
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
            site_root: PathBuf::from("target/site"),
            demo: false,
            login_rate_per_minute: 30,
            login_failures_per_account: 10,
            session_hours: 12,
            session_idle_minutes: 60,
            trusted_proxies: Vec::new(),
            retention_every_secs: 86_400,
            page_cache_mb: 64,
            references: ReferenceConfig::default(),
            reminders: ReminderConfig::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_origins_only() {
        assert_eq!(
            parse_public_url("https://hire.example.org/").as_deref(),
            Ok("https://hire.example.org")
        );
        assert!(parse_public_url("http://127.0.0.1:3000").is_ok());
        for bad in [
            "hire.example.org",
            "ftp://hire.example.org",
            "https://hire.example.org/app",
            "https://user:pw@hire.example.org",
            "https://hire.example.org/?x=1",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxies_are_addresses_or_ranges() {
        assert_eq!(parse_proxy("10.0.0.0/8").unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(parse_proxy(" ::1 ").unwrap().to_string(), "::1/128");
        assert!(parse_proxy("10.0.0.0/33").is_err());
        assert!(parse_proxy("proxy.internal").is_err());
    }

    #[test]
    fn mail_without_a_public_url_is_refused() {
        let mut config = ServeConfig::default();
        config.references.smtp_host = Some("smtp.example.org".into());
        let err = config.validate().unwrap_err();
        assert!(err.contains("--public-url"), "{err}");
        config.references.public_url = Some("https://hire.example.org".into());
        assert!(config.validate().is_ok());
    }
}
