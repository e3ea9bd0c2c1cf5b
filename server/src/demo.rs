//! The demo data set: one account of each role (two interviewers, for a panel).

use app::db::Db;
use app::db::users::{DEFAULT_ORG, NewUser};
use app::model::Role;

/// The password every demo account shares. Demo data is for a local trial only.
pub const DEMO_PASSWORD: &str = "panelkit-demo";

/// A demo account's sign-in details.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// Role.
    pub role: Role,
    /// Display name.
    pub name: &'static str,
    /// Sign-in email.
    pub email: &'static str,
}

/// The demo accounts.
pub fn logins() -> Vec<DemoLogin> {
    let login = |role, name, email| DemoLogin { role, name, email };
    vec![
        login(Role::Admin, "Ada Admin", "admin@demo.panelkit.test"),
        login(
            Role::Recruiter,
            "Rita Recruiter",
            "recruiter@demo.panelkit.test",
        ),
        login(
            Role::Interviewer,
            "Ivan Interviewer",
            "interviewer@demo.panelkit.test",
        ),
        login(
            Role::Interviewer,
            "Iris Interviewer",
            "interviewer2@demo.panelkit.test",
        ),
        login(
            Role::HiringManager,
            "Hana Hiring-Manager",
            "manager@demo.panelkit.test",
        ),
    ]
}

/// Loads the demo accounts if the database has none; returns them, or
/// `None` when the database already had accounts (nothing is changed then).
pub async fn load(db: &Db) -> anyhow::Result<Option<Vec<DemoLogin>>> {
    if app::db::users::count_users(db).await? > 0 {
        return Ok(None);
    }
    let hash = app::password::hash_password(DEMO_PASSWORD.to_owned()).await?;
    let logins = logins();
    for login in &logins {
        let user = NewUser {
            email: login.email,
            name: login.name,
            role: login.role,
            password_hash: &hash,
        };
        app::db::users::insert_user(db, DEFAULT_ORG, &user).await?;
    }
    Ok(Some(logins))
}

/// Prints the demo logins as a table.
pub fn print_logins(logins: &[DemoLogin]) {
    println!("Demo accounts (password for all: {DEMO_PASSWORD}):");
    for login in logins {
        println!(
            "  {:<15} {:<34} {}",
            login.role.label(),
            login.email,
            login.name
        );
    }
}
