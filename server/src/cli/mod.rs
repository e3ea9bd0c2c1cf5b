//! The command line: `serve` (the default), `user add|set-password|deactivate|reactivate`,
//! `demo`, `bank`, `summary`, `candidate export|erase` and `retention run`.

use crate::config::{DatabaseConfig, ServeConfig};
use crate::{banks, demo, startup};
use anyhow::Context;
use app::db::banks::ImportOptions;
use app::db::users::DEFAULT_ORG;
use app::model::Role;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

mod candidates;
mod users;

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
    /// Check, import and export question banks (Markdown files; see question-bank/README.md).
    #[command(subcommand)]
    Bank(BankCommand),
    /// Write a candidate's panel summary as PDF (submitted scorecards only).
    Summary {
        /// The candidate's id.
        #[arg(long)]
        candidate: String,
        /// Where to write the PDF.
        #[arg(long)]
        out: PathBuf,
        /// a4 or letter.
        #[arg(long, default_value = "a4", value_parser = ["a4", "letter"])]
        paper: String,
        /// References that must have answered before their ratings are combined.
        #[arg(long, env = "PANELKIT_REFERENCE_THRESHOLD", default_value_t = 2)]
        reference_threshold: usize,
    },
    /// Answer a candidate's access or erasure request.
    #[command(subcommand)]
    Candidate(CandidateCommand),
    /// Apply the organization's retention rule (set on the Data settings page).
    #[command(subcommand)]
    Retention(RetentionCommand),
}

/// Candidate data commands.
#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Write everything stored about a candidate to a ZIP archive: candidate.json
    /// (every record, table by table) and summary.pdf. Recorded in the audit log.
    Export {
        /// The candidate's id (in the candidate page's address).
        id: String,
        /// Where to write the archive, e.g. candidate.zip.
        #[arg(long)]
        out: PathBuf,
        /// References that must have answered before their ratings are combined.
        #[arg(long, env = "PANELKIT_REFERENCE_THRESHOLD", default_value_t = 2)]
        reference_threshold: usize,
    },
    /// Erase a candidate's personal data (names, contact details, free text, referees,
    /// mail); ratings stay, de-identified. Refused under a legal hold. Recorded, with
    /// the reason, in the audit log.
    Erase {
        /// The candidate's id.
        id: String,
        /// Why (e.g. "erasure request of 3 May"); no personal data.
        #[arg(long)]
        reason: String,
    },
}

/// Retention commands.
#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Anonymise every candidate the retention rule makes due (not under a legal hold),
    /// listing them; with --dry-run only list them.
    Run {
        /// List what is due without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

/// Question bank commands.
#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Check bank files or folders: prints one `file:line:col: message` per problem and
    /// exits 1 if there is any, else a one-line summary. Ids are checked against each
    /// other, the shipped banks and, when a database URL is given (--database-url or
    /// DATABASE_URL), the banks imported there.
    Check {
        /// Bank files, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check as `import --replace` would: a file may replace a competency that came
        /// from another file or source.
        #[arg(long)]
        replace: bool,
    },
    /// Import bank files or folders into the database, all or nothing. Unchanged banks
    /// are left alone, so importing again is safe. A competency that came from another
    /// file (or is shipped) is only replaced with --replace, and questions that
    /// published guides or scorecards use are only removed with --remove-used.
    Import {
        /// Bank files, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Replace competencies that were imported from another file or shipped.
        #[arg(long)]
        replace: bool,
        /// Remove questions that published guides or scorecards still use (guides keep
        /// their own copy of the text).
        #[arg(long)]
        remove_used: bool,
    },
    /// Write a competency from the database back out as a bank file.
    Export {
        /// The competency id, e.g. customer-focus.
        id: String,
        /// Where to write it (standard output if omitted).
        #[arg(long)]
        out: Option<PathBuf>,
    },
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
    /// Set an account's password, read from the first line of standard input.
    /// Every session of the account ends.
    SetPassword {
        /// Sign-in email.
        #[arg(long)]
        email: String,
    },
    /// Deactivate an account: it can no longer sign in, and its sessions end.
    Deactivate {
        /// Sign-in email.
        #[arg(long)]
        email: String,
    },
    /// Let a deactivated account sign in again.
    Reactivate {
        /// Sign-in email.
        #[arg(long)]
        email: String,
    },
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let command = cli
        .command
        .unwrap_or(Command::Serve(ServeConfig::default()));
    // Checking files needs no database unless one is named.
    if let Command::Bank(BankCommand::Check { paths, replace }) = &command {
        let db = if banks::commands::database_named() {
            Some(startup::open_database(&cli.db.database_url).await?)
        } else {
            None
        };
        return banks::commands::check(db.as_ref(), paths, *replace).await;
    }
    let db = startup::open_database(&cli.db.database_url).await?;
    run_with_database(command, db)
        .await
        .map(|()| ExitCode::SUCCESS)
}

async fn run_with_database(command: Command, db: app::db::Db) -> anyhow::Result<()> {
    match command {
        Command::Bank(BankCommand::Check { .. }) => unreachable!("handled before"),
        Command::Bank(BankCommand::Import {
            paths,
            replace,
            remove_used,
        }) => {
            let options = ImportOptions {
                replace,
                remove_used,
            };
            banks::commands::import(&db, &paths, options).await
        }
        Command::Bank(BankCommand::Export { id, out }) => {
            let competency = app::db::banks::find_competency(&db, DEFAULT_ORG, &id)
                .await?
                .with_context(|| format!("no competency with the id \"{id}\""))?;
            let markdown = question_bank::to_markdown(&competency);
            match out {
                Some(path) => std::fs::write(&path, markdown)
                    .with_context(|| format!("writing {}", path.display()))?,
                None => print!("{markdown}"),
            }
            Ok(())
        }
        Command::Serve(config) => startup::serve(db, config).await,
        Command::Summary {
            candidate,
            out,
            paper,
            reference_threshold,
        } => candidates::write_summary(&db, &candidate, &out, &paper, reference_threshold).await,
        Command::Demo => {
            match demo::load(&db).await? {
                Some(logins) => demo::print_logins(&logins),
                None => println!("The database already has accounts; demo data not loaded."),
            }
            Ok(())
        }
        Command::User(command) => users::run(&db, command).await,
        Command::Candidate(command) => candidates::run(&db, command).await,
        Command::Retention(command) => candidates::retention(&db, command).await,
    }
}
