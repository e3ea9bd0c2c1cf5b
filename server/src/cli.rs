//! The command line: `serve` (the default), `user add|set-password|deactivate|reactivate`,
//! `demo`, `bank` and `summary`.

use crate::config::{DatabaseConfig, ServeConfig};
use crate::{banks, demo, startup};
use anyhow::{Context, bail};
use app::db::users::{DEFAULT_ORG, InsertUserError, NewUser};
use app::model::{Email, Role};
use clap::{Parser, Subcommand};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

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
}

/// Question bank commands.
#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Check bank files or folders: prints one `file:line:col: message` per problem and
    /// exits 1 if there is any, else a one-line summary.
    Check {
        /// Bank files, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Import bank files or folders into the database. Unchanged files are left alone,
    /// so importing again is safe; guides keep their own copy of the questions they use.
    Import {
        /// Bank files, or folders of them.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    // Checking files needs no database.
    if let Command::Bank(BankCommand::Check { paths }) = &command {
        return Ok(check_banks(paths));
    }
    let db = startup::open_database(&cli.db.database_url).await?;
    run_with_database(command, db)
        .await
        .map(|()| ExitCode::SUCCESS)
}

async fn run_with_database(command: Command, db: app::db::Db) -> anyhow::Result<()> {
    match command {
        Command::Bank(BankCommand::Check { .. }) => unreachable!("handled without a database"),
        Command::Bank(BankCommand::Import { paths }) => {
            let loaded = question_bank::load_banks(&paths).map_err(bank_errors)?;
            let banks: Vec<banks::ParsedBank> = loaded
                .into_iter()
                .map(|b| banks::ParsedBank {
                    source: b.path.display().to_string(),
                    competency: b.competency,
                    content_hash: b.content_hash,
                })
                .collect();
            let report = banks::import(&db, &banks).await?;
            for (verb, ids) in [
                ("added", &report.added),
                ("changed", &report.changed),
                ("unchanged", &report.unchanged),
            ] {
                for id in ids {
                    println!("{verb:<9} {id}");
                }
            }
            println!(
                "{} added, {} changed, {} left alone.",
                report.added.len(),
                report.changed.len(),
                report.unchanged.len()
            );
            Ok(())
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
        } => write_summary(&db, &candidate, &out, &paper, reference_threshold).await,
        Command::Demo => {
            match demo::load(&db).await? {
                Some(logins) => demo::print_logins(&logins),
                None => println!("The database already has accounts; demo data not loaded."),
            }
            Ok(())
        }
        Command::User(UserCommand::SetPassword { email }) => {
            let password = read_password_line()?;
            let hash = app::password::hash_password(password)
                .await
                .context("password from standard input")?;
            if !app::db::users::set_password(&db, DEFAULT_ORG, &email, &hash).await? {
                bail!("--email: no account with the email {email}");
            }
            println!("Changed the password of {email}; its sessions have ended.");
            Ok(())
        }
        Command::User(UserCommand::Deactivate { email }) => {
            if !app::db::users::set_active(&db, DEFAULT_ORG, &email, false).await? {
                bail!("--email: no account with the email {email}");
            }
            println!("Deactivated {email}; its sessions have ended.");
            Ok(())
        }
        Command::User(UserCommand::Reactivate { email }) => {
            if !app::db::users::set_active(&db, DEFAULT_ORG, &email, true).await? {
                bail!("--email: no account with the email {email}");
            }
            println!("Reactivated {email}.");
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

/// `summary`: the candidate's summary PDF, written to `out`.
async fn write_summary(
    db: &app::db::Db,
    candidate_id: &str,
    out: &std::path::Path,
    paper: &str,
    threshold: usize,
) -> anyhow::Result<()> {
    let candidate = app::db::candidates::find_candidate(db, DEFAULT_ORG, candidate_id)
        .await?
        .with_context(|| format!("no candidate with the id \"{candidate_id}\""))?;
    let summary = app::services::summary::load_summary(db, DEFAULT_ORG, &candidate, threshold)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("assembling the summary")?;
    let paper = if paper == "letter" {
        crate::pdf::Paper::Letter
    } else {
        crate::pdf::Paper::A4
    };
    let bytes = crate::pdf::candidate_summary(&summary, paper).context("laying out the PDF")?;
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    println!("Wrote {} ({} bytes).", out.display(), bytes.len());
    Ok(())
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

/// `bank check`: every problem on its own line, or a summary.
fn check_banks(paths: &[PathBuf]) -> ExitCode {
    match question_bank::load_banks(paths) {
        Ok(banks) => {
            let interview: usize = banks
                .iter()
                .map(|b| b.competency.interview_questions.len())
                .sum();
            let reference: usize = banks
                .iter()
                .map(|b| b.competency.reference_questions.len())
                .sum();
            println!(
                "{} banks, {interview} interview questions, {reference} reference-check questions: no problems found.",
                banks.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                println!("{error}");
            }
            eprintln!(
                "{} problem{} found.",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
    }
}

fn bank_errors(errors: Vec<question_bank::BankError>) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    anyhow::anyhow!(
        "the banks have problems; nothing was imported:\n{}",
        lines.join("\n")
    )
}
