//! The command line: `serve` (the default), `user add` and `demo`.

use crate::config::{DatabaseConfig, ServeConfig};
use crate::{demo, startup};
use anyhow::{Context, bail};
use app::db::users::{DEFAULT_ORG, InsertUserError, NewUser};
use app::model::{Email, Role};
use clap::{Parser, Subcommand};
use std::io::BufRead;

/// Panelkit: structured interviews and reference checks.
///
/// With no command, `panelkit` serves the web app (see `panelkit serve --help`).
/// Every command takes the database from --database-url or DATABASE_URL; the
/// default is a SQLite file at data/panelkit.db, created on first use.
#[derive(Debug, Parser)]
#[command(name = "panelkit", version, about, long_about)]
pub struct Cli {
    #[command(flatten)]
    pub db: DatabaseConfig,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app (the default command).
    Serve(ServeConfig),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Load demo accounts (one of each role) into an empty database and print their logins.
    Demo,
}

/// Account commands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account. The password is read from the first line of standard input,
    /// e.g. `printf '%s\n' "$PASSWORD" | panelkit user add --email … --name … --role recruiter`.
    Add {
        /// Sign-in email.
        #[arg(long)]
        email: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// admin, recruiter, interviewer or hiring-manager.
        #[arg(long)]
        role: Role,
    },
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli
        .command
        .unwrap_or(Command::Serve(ServeConfig::default()));
    let db = startup::open_database(&cli.db.database_url).await?;
    match command {
        Command::Serve(config) => startup::serve(db, config).await,
        Command::Demo => {
            match demo::load(&db).await? {
                Some(logins) => demo::print_logins(&logins),
                None => println!("The database already has accounts; demo data not loaded."),
            }
            Ok(())
        }
        Command::User(UserCommand::Add { email, name, role }) => {
            let email = Email::parse(&email).context("--email")?;
            if name.trim().is_empty() {
                bail!("--name: must not be empty");
            }
            let password = read_password_line()?;
            let hash = app::password::hash_password(password)
                .await
                .context("password from standard input")?;
            let user = NewUser {
                email: email.as_str(),
                name: &name,
                role,
                password_hash: &hash,
            };
            match app::db::users::insert_user(&db, DEFAULT_ORG, &user).await {
                Ok(id) => {
                    println!("Created {role} {email} (id {id}).");
                    Ok(())
                }
                Err(InsertUserError::DuplicateEmail(email)) => {
                    bail!("--email: an account with the email {email} already exists")
                }
                Err(e) => Err(e).context("creating the account"),
            }
        }
    }
}

fn read_password_line() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        bail!(
            "no password on standard input: pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | panelkit user add …"
        );
    }
    Ok(password)
}
