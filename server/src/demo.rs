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
    load_hiring(db).await?;
    Ok(Some(logins))
}

/// A role with a published two-stage guide, three candidates and one
/// scheduled panel, so every role has something to do on first sign-in.
async fn load_hiring(db: &Db) -> anyhow::Result<()> {
    use app::model::{
        CandidateInput, Guide, GuideQuestion, GuideQuestionKind, ProfileEntry, RoleInput, Section,
        Stage, TeamRole,
    };
    crate::banks::import_shipped(db).await?;
    let users = app::db::users::list_users(db, DEFAULT_ORG).await?;
    let id_of = |email: &str| {
        users
            .iter()
            .find(|u| u.email == email)
            .map(|u| u.id.clone())
            .ok_or_else(|| anyhow::anyhow!("demo account {email} missing"))
    };
    let recruiter = id_of("recruiter@demo.panelkit.test")?;
    let role_id = app::db::roles::insert_role(
        db,
        DEFAULT_ORG,
        &recruiter,
        &RoleInput {
            title: "Customer Service Advisor".into(),
            department: "Member Services".into(),
            description: "Answers members' questions by phone and email, resolves problems on first contact \
                          where possible, and hands complex cases on with everything the next person needs."
                .into(),
        },
    )
    .await?;
    let profile = [
        ("customer-focus", 3, 3),
        ("communication", 3, 2),
        ("problem-solving", 2, 2),
        ("teamwork", 3, 1),
    ];
    let entries: Vec<ProfileEntry> = profile
        .iter()
        .map(|(id, level, weight)| ProfileEntry {
            competency_id: (*id).into(),
            required_level: *level,
            weight: *weight,
        })
        .collect();
    app::db::roles::set_profile(db, DEFAULT_ORG, &recruiter, &role_id, &entries).await?;
    let team = vec![
        (recruiter.clone(), TeamRole::Recruiter),
        (
            id_of("manager@demo.panelkit.test")?,
            TeamRole::HiringManager,
        ),
        (
            id_of("interviewer@demo.panelkit.test")?,
            TeamRole::Interviewer,
        ),
        (
            id_of("interviewer2@demo.panelkit.test")?,
            TeamRole::Interviewer,
        ),
    ];
    app::db::roles::set_team(db, DEFAULT_ORG, &recruiter, &role_id, &team).await?;

    let bank = app::db::banks::list_competencies(db, DEFAULT_ORG).await?;
    let competency = |id: &str| {
        bank.iter()
            .find(|c| c.id == id)
            .ok_or_else(|| anyhow::anyhow!("bank {id} missing"))
    };
    let interview = |competency_id: &str, n: usize| -> anyhow::Result<Vec<GuideQuestion>> {
        let c = competency(competency_id)?;
        Ok(c.interview_questions
            .iter()
            .take(n)
            .map(|q| GuideQuestion {
                id: format!("demo-{}", q.id),
                bank_id: Some(q.id.clone()),
                bank_version: None,
                kind: match q.kind {
                    question_bank::QuestionKind::Behavioral => GuideQuestionKind::Behavioral,
                    question_bank::QuestionKind::Situational => GuideQuestionKind::Situational,
                },
                competency_id: competency_id.into(),
                title: q.title.clone(),
                text: q.text.clone(),
                probes: q.probes.clone(),
                listen_for: q.listen_for.clone(),
            })
            .collect())
    };
    let section =
        |id: &str, competency_id: &str, minutes: u32, n: usize| -> anyhow::Result<Section> {
            Ok(Section {
                id: id.into(),
                competency_id: competency_id.into(),
                minutes,
                questions: interview(competency_id, n)?,
            })
        };
    let mut reference_questions = Vec::new();
    for id in ["customer-focus", "communication", "teamwork"] {
        let c = competency(id)?;
        reference_questions.extend(c.reference_questions.iter().take(2).map(|q| GuideQuestion {
            id: format!("demo-{}", q.id),
            bank_id: Some(q.id.clone()),
            bank_version: None,
            kind: GuideQuestionKind::Reference,
            competency_id: id.into(),
            title: q.title.clone(),
            text: q.text.clone(),
            probes: Vec::new(),
            listen_for: Vec::new(),
        }));
    }
    let guide = Guide {
        stages: vec![
            Stage {
                id: "phone-screen".into(),
                name: "Phone screen".into(),
                sections: vec![section("screen-cf", "customer-focus", 20, 2)?],
            },
            Stage {
                id: "panel".into(),
                name: "Panel interview".into(),
                sections: vec![
                    section("panel-com", "communication", 15, 2)?,
                    section("panel-ps", "problem-solving", 15, 2)?,
                    section("panel-tw", "teamwork", 10, 1)?,
                ],
            },
        ],
        reference_questions,
    };
    let revision =
        app::db::guides::save_draft(db, DEFAULT_ORG, &role_id, 1, &guide, &recruiter).await?;
    let role = app::db::roles::find_role(db, DEFAULT_ORG, &role_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo role missing"))?;
    let snapshot = app::services::guides::snapshot::build(db, DEFAULT_ORG, &role, guide)
        .await
        .map_err(|e| anyhow::anyhow!("building the demo guide: {e}"))?;
    let published =
        app::db::guides::publish(db, DEFAULT_ORG, snapshot, revision, &recruiter).await?;

    let mut first = None;
    for (name, email) in [
        ("Zoë Nguyễn", "zoe.nguyen@example.org"),
        ("Łukasz Żółć", "lukasz.zolc@example.org"),
        ("Ελένη Παπαδοπούλου", "eleni.papadopoulou@example.org"),
    ] {
        let input = CandidateInput {
            name: name.into(),
            email: email.into(),
            notes: String::new(),
        };
        let id = app::db::candidates::insert_candidate(
            db,
            DEFAULT_ORG,
            Some(&recruiter),
            &role_id,
            &input,
        )
        .await?;
        first.get_or_insert(id);
    }
    let zoe = first.ok_or_else(|| anyhow::anyhow!("no demo candidate"))?;
    let panel = vec![
        (
            id_of("interviewer@demo.panelkit.test")?,
            vec!["communication".to_owned()],
        ),
        (id_of("interviewer2@demo.panelkit.test")?, Vec::new()),
    ];
    // Tomorrow at this time, on the minute, for an hour.
    let start = (app::db::now_ms() + 24 * 60 * 60 * 1000) / 60_000 * 60_000;
    app::db::interviews::insert_interview(
        db,
        DEFAULT_ORG,
        &recruiter,
        &app::db::interviews::NewInterview {
            candidate_id: &zoe,
            guide_version_id: &published.id,
            stage_id: "panel",
            stage_name: "Panel interview",
            scheduled_at: Some(start),
            ends_at: Some(start + 60 * 60 * 1000),
            panel: &panel,
        },
    )
    .await?;
    Ok(())
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
