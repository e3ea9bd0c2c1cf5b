//! `user add|set-password|deactivate|reactivate`: accounts from the command
//! line, for the first admin and for operators locked out of the browser.

use super::UserCommand;
use anyhow::{Context, bail};
use app::db::Db;
use app::db::users::{DEFAULT_ORG, InsertUserError, NewUser};
use app::model::Email;
use std::io::BufRead;

/// Runs a `user` command.
pub async fn run(db: &Db, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add { email, name, role } => {
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
            match app::db::users::insert_user(db, DEFAULT_ORG, &user).await {
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
        UserCommand::SetPassword { email } => {
            let password = read_password_line()?;
            let hash = app::password::hash_password(password)
                .await
                .context("password from standard input")?;
            if !app::db::users::set_password(db, DEFAULT_ORG, &email, &hash).await? {
                bail!("--email: no account with the email {email}");
            }
            println!("Changed the password of {email}; its sessions have ended.");
            Ok(())
        }
        UserCommand::Deactivate { email } => {
            let found =
                app::services::accounts::set_active_by_email(db, DEFAULT_ORG, &email, false)
                    .await
                    .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            if !found {
                bail!("--email: no account with the email {email}");
            }
            println!("Deactivated {email}; its sessions have ended.");
            Ok(())
        }
        UserCommand::Reactivate { email } => {
            let found = app::services::accounts::set_active_by_email(db, DEFAULT_ORG, &email, true)
                .await
                .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            if !found {
                bail!("--email: no account with the email {email}");
            }
            println!("Reactivated {email}.");
            Ok(())
        }
    }
}

/// The password, from one line of standard input (never an argument, which
/// other users of the machine could read in the process list).
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
