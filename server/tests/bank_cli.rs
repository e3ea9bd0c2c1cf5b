//! `panelkit bank check|import|export` as a person runs them.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_panelkit");
const BANKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../question-bank/banks");

fn panelkit(args: &[&str], database_url: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("panelkit-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_passes_the_shipped_banks_with_a_summary() {
    let out = panelkit(&["bank", "check", BANKS], "sqlite::memory:");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("8 banks,") && stdout.contains("no problems"),
        "{stdout}"
    );
}

#[test]
fn check_prints_one_located_line_per_problem_and_exits_1() {
    let dir = temp_dir("broken");
    let good = std::fs::read_to_string(format!("{BANKS}/teamwork.md")).unwrap();
    // Two problems: an unknown section and a question targeting a missing element.
    let broken = good
        .replacen("## Why it matters", "## Why it matter", 1)
        .replacen("Targets: tw-", "Targets: tw-no-such-element, tw-", 1);
    let path = dir.join("teamwork.md");
    std::fs::write(&path, &broken).unwrap();
    let out = panelkit(
        &["bank", "check", path.to_str().unwrap()],
        "sqlite::memory:",
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 2, "{stdout}");
    let section_line = broken
        .lines()
        .position(|l| l == "## Why it matter")
        .unwrap()
        + 1;
    assert!(
        lines.iter().any(
            |l| l.starts_with(&format!("{}:{section_line}:", path.display()))
                && l.contains("Why it matter")
        ),
        "{stdout}"
    );
    assert!(
        lines.iter().any(|l| l.contains("tw-no-such-element")),
        "{stdout}"
    );
    for line in lines {
        let mut parts = line.splitn(4, ':');
        let (file, row, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(
            file.ends_with("teamwork.md")
                && row.parse::<u32>().is_ok()
                && col.parse::<u32>().is_ok(),
            "{line}"
        );
    }
}

#[test]
fn check_and_import_refuse_template_text_at_its_line_and_column() {
    let dir = temp_dir("template");
    let url = format!("sqlite://{}/p.db", dir.display());
    let good = std::fs::read_to_string(format!("{BANKS}/teamwork.md")).unwrap();
    let question = "How reliable was {candidate} in delivering their share of team work?";
    assert!(good.contains(question));
    let broken = good.replacen(
        question,
        "How reliable was {candidate} in [describe the team's work] for {organization}?",
        1,
    );
    let path = dir.join("teamwork.md");
    std::fs::write(&path, &broken).unwrap();
    let file = path.to_str().unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("[describe"))
        .unwrap()
        + 1;
    let expected = [
        format!(
            "{file}:{line}:33: template text \"[describe the team's work]\" in square brackets: write the words the reader should see"
        ),
        format!(
            "{file}:{line}:64: placeholder \"{{organization}}\" is never filled in: the only placeholder is {{candidate}}"
        ),
    ];

    let check = panelkit(&["bank", "check", file], &url);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    for message in &expected {
        assert!(text(&check).contains(message.as_str()), "{}", text(&check));
    }
    let import = panelkit(&["bank", "import", file], &url);
    assert!(!import.status.success());
    for message in &expected {
        assert!(
            text(&import).contains(message.as_str()),
            "{}",
            text(&import)
        );
    }
}

#[test]
fn import_is_idempotent_and_says_what_it_did() {
    let dir = temp_dir("import");
    let url = format!("sqlite://{}/p.db", dir.display());
    let first = panelkit(&["bank", "import", BANKS], &url);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("8 added, 0 changed, 0 left alone,"));
    let again = panelkit(&["bank", "import", BANKS], &url);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 changed, 8 left alone,"));

    let out = dir.join("cf.md");
    let export = panelkit(
        &[
            "bank",
            "export",
            "customer-focus",
            "--out",
            out.to_str().unwrap(),
        ],
        &url,
    );
    assert!(export.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(question_bank::parse_str(&out, &text).is_ok());
}

#[test]
fn import_refuses_broken_banks_and_keeps_what_was_there() {
    let dir = temp_dir("refuse");
    let url = format!("sqlite://{}/p.db", dir.display());
    let broken = dir.join("bad.md");
    std::fs::write(&broken, "# Nothing here {#nothing}\n").unwrap();
    let out = panelkit(&["bank", "import", broken.to_str().unwrap()], &url);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.md:") && stderr.contains("nothing was imported"),
        "{stderr}"
    );
}

/// Fresh databases to run a test on: a SQLite file, and a PostgreSQL schema
/// when `PANELKIT_TEST_POSTGRES_URL` is set.
fn fresh_databases(name: &str) -> Vec<String> {
    let dir = temp_dir(&format!("db-{name}"));
    let mut urls = vec![format!("sqlite://{}/p.db", dir.display())];
    if let Ok(url) = std::env::var("PANELKIT_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        let schema = format!("bank_{}_{}", name.replace('-', "_"), std::process::id());
        runtime().block_on(async {
            use sqlx::Connection;
            let mut conn = sqlx::PgConnection::connect(&url).await.unwrap();
            sqlx::raw_sql(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .execute(&mut conn)
            .await
            .unwrap();
        });
        let sep = if url.contains('?') { '&' } else { '?' };
        urls.push(format!("{url}{sep}options=-c%20search_path%3D{schema}"));
    }
    urls
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn shipped(name: &str) -> String {
    std::fs::read_to_string(format!("{BANKS}/{name}")).unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The competency as the database holds it, exported.
fn exported(id: &str, url: &str) -> String {
    let out = panelkit(&["bank", "export", id], url);
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// A bank for `id` with its own prefixed ids; `question` names its one
/// interview question.
fn own_bank(id: &str, question: &str) -> String {
    shipped("customer-focus.md")
        .split("\n## Interview questions")
        .next()
        .unwrap()
        .replace("{#customer-focus}", &format!("{{#{id}}}"))
        .replace("{#cf-", &format!("{{#{id}-"))
        + &format!(
            "\n## Interview questions\n\n### One {{#{question}}}\n\nType: behavioral\nTargets: {id}-enhances-experience\n\nTell me.\n\nProbes:\n\n- Why?\n\n## Reference questions\n\n### Ref {{#{id}-r}}\n\nHow did {{candidate}} do?\n"
        )
}

#[test]
fn a_file_reusing_a_shipped_competency_id_is_refused_unless_replace_and_never_put_back() {
    for url in fresh_databases("replace") {
        let dir = temp_dir("replace-files");
        assert!(panelkit(&["bank", "import", BANKS], &url).status.success());
        let before = exported("problem-solving", &url);
        // Another folder's problem-solving.md with only one question left.
        let mut model = question_bank::parse_str("x.md", &shipped("problem-solving.md")).unwrap();
        model.interview_questions.truncate(1);
        model.reference_questions.truncate(1);
        let path = dir.join("problem-solving.md");
        std::fs::write(&path, question_bank::to_markdown(&model)).unwrap();
        let file = path.to_str().unwrap();
        let expected = format!(
            "{file}:1:19: id \"problem-solving\" already belongs to competency \"problem-solving\" (defined at "
        );

        let check = panelkit(&["bank", "check", file], &url);
        assert_eq!(check.status.code(), Some(1), "{}", text(&check));
        assert!(text(&check).contains(&expected), "{}", text(&check));
        assert!(text(&check).contains("--replace"), "{}", text(&check));

        let import = panelkit(&["bank", "import", file], &url);
        assert!(!import.status.success());
        assert!(text(&import).contains(&expected), "{}", text(&import));
        assert_eq!(
            exported("problem-solving", &url),
            before,
            "nothing may change"
        );

        let replaced = panelkit(&["bank", "import", "--replace", file], &url);
        assert!(replaced.status.success(), "{}", text(&replaced));
        let out = text(&replaced);
        assert!(
            out.contains("changed   problem-solving (replaced the competency from another source)"),
            "{out}"
        );
        assert!(
            out.contains("removed   problem-solving: question ps-"),
            "{out}"
        );
        assert_eq!(
            exported("problem-solving", &url),
            question_bank::to_markdown(&model)
        );

        // Starting the app (here: loading the demo) imports the shipped banks
        // again, but never puts back a competency that was replaced.
        let demo = panelkit(&["demo"], &url);
        assert!(demo.status.success(), "{}", text(&demo));
        assert_eq!(
            exported("problem-solving", &url),
            question_bank::to_markdown(&model)
        );
    }
}

#[test]
fn an_id_already_in_the_database_is_reported_at_its_line_by_check_and_import() {
    for url in fresh_databases("taken") {
        let first = temp_dir("taken-first");
        let second = temp_dir("taken-second");
        let one = first.join("acme-one.md");
        std::fs::write(&one, own_bank("acme-one", "acme-q-shared")).unwrap();
        let imported = panelkit(&["bank", "import", one.to_str().unwrap()], &url);
        assert!(imported.status.success(), "{}", text(&imported));

        let two = second.join("acme-two.md");
        let bank = own_bank("acme-two", "acme-q-shared");
        std::fs::write(&two, &bank).unwrap();
        let line = bank
            .lines()
            .position(|l| l.contains("{#acme-q-shared}"))
            .unwrap()
            + 1;
        let expected = format!(
            "{}:{line}:9: id \"acme-q-shared\" already belongs to competency \"acme-one\" (defined at {}, as imported into the database)",
            two.display(),
            one.canonicalize().unwrap().display()
        );

        let check = panelkit(&["bank", "check", two.to_str().unwrap()], &url);
        assert_eq!(check.status.code(), Some(1));
        assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), expected);

        // Without a database, check only knows the files and shipped banks.
        let offline = Command::new(BIN)
            .args(["bank", "check", two.to_str().unwrap()])
            .env_remove("DATABASE_URL")
            .current_dir(&second)
            .output()
            .unwrap();
        assert!(offline.status.success(), "{}", text(&offline));
        assert!(!second.join("data").exists(), "check created a database");

        let import = panelkit(&["bank", "import", two.to_str().unwrap()], &url);
        assert!(!import.status.success());
        let out = text(&import);
        assert!(out.contains(&expected), "{out}");
        assert!(
            !out.contains("UNIQUE") && !out.contains("duplicate key"),
            "{out}"
        );
    }
}

#[test]
fn two_files_reusing_each_others_ids_are_both_reported() {
    let dir = temp_dir("mutual");
    let a = dir.join("acme-a.md");
    let b = dir.join("acme-b.md");
    std::fs::write(&a, own_bank("acme-a", "acme-q-both")).unwrap();
    std::fs::write(&b, own_bank("acme-b", "acme-q-both")).unwrap();
    for order in [[&a, &b], [&b, &a]] {
        let args: Vec<&str> = ["bank", "check"]
            .into_iter()
            .chain(order.iter().map(|p| p.to_str().unwrap()))
            .collect();
        let out = panelkit(&args, "sqlite::memory:");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(stdout.lines().count(), 2, "{stdout}");
        assert!(
            stdout.contains("acme-a.md:") && stdout.contains("acme-b.md:"),
            "{stdout}"
        );
        assert!(
            stdout.contains("id \"acme-q-both\" is also used by"),
            "{stdout}"
        );
    }
}

/// Saves notes on `question` (a guide question id) in the demo interview's
/// scorecard of the first demo interviewer.
fn write_scorecard_notes(url: &str, question: &str) {
    runtime().block_on(async {
        let db = server::startup::open_database(url).await.unwrap();
        let users = app::db::users::list_users(&db, "default").await.unwrap();
        let user = users
            .iter()
            .find(|u| u.email == "interviewer@demo.panelkit.test")
            .unwrap();
        let interviews = app::db::scorecards::list_for_interviewer(&db, "default", &user.id)
            .await
            .unwrap();
        let interview = &interviews[0].interview_id;
        let seat = app::db::scorecards::find_seat(&db, "default", interview, &user.id)
            .await
            .unwrap()
            .unwrap();
        let mut content = app::model::ScorecardContent::default();
        content.questions.insert(
            question.to_owned(),
            app::model::QuestionNotes {
                notes: "Told a clear story.".into(),
                rating: None,
            },
        );
        let write = app::model::ScorecardWrite {
            interview_id: interview.clone(),
            base_version: 0,
            idempotency_key: "bank-cli-test-1".into(),
            content,
        };
        app::db::scorecards::write(
            &db,
            "default",
            &user.id,
            &seat.candidate_id,
            app::db::scorecards::WriteKind::Save,
            &write,
        )
        .await
        .unwrap();
    });
}

#[test]
fn import_refuses_to_remove_questions_that_guides_or_scorecards_use_unless_told() {
    for url in fresh_databases("used") {
        let demo = panelkit(&["demo"], &url);
        assert!(demo.status.success(), "{}", text(&demo));
        let mut model = question_bank::parse_str("x.md", &shipped("communication.md")).unwrap();
        let dropped = model.interview_questions.remove(0);
        write_scorecard_notes(&url, &format!("demo-{}", dropped.id));
        let dir = temp_dir("used-files");
        let path = dir.join("communication.md");
        std::fs::write(&path, question_bank::to_markdown(&model)).unwrap();
        let file = path.to_str().unwrap();
        let before = exported("communication", &url);

        let refused = panelkit(&["bank", "import", "--replace", file], &url);
        assert!(!refused.status.success());
        let out = text(&refused);
        assert!(
            out.contains(&format!(
                "competency \"communication\" would remove question \"{}\" ({}), still used by published guide \"Customer Service Advisor\" v1, notes in 1 scorecard",
                dropped.id, dropped.title
            )),
            "{out}"
        );
        assert!(out.contains("--remove-used"), "{out}");
        assert_eq!(
            exported("communication", &url),
            before,
            "nothing may change"
        );

        let forced = panelkit(
            &["bank", "import", "--replace", "--remove-used", file],
            &url,
        );
        assert!(forced.status.success(), "{}", text(&forced));
        let out = text(&forced);
        assert!(
            out.contains(&format!(
                "removed   communication: question {} ({}), was used by published guide",
                dropped.id, dropped.title
            )),
            "{out}"
        );
        assert!(!exported("communication", &url).contains(&dropped.id));
    }
}

#[test]
fn line_endings_do_not_make_a_bank_look_changed() {
    for url in fresh_databases("crlf") {
        let dir = temp_dir("crlf-files");
        let path = dir.join("acme-crlf.md");
        let bank = own_bank("acme-crlf", "acme-crlf-q");
        std::fs::write(&path, &bank).unwrap();
        let file = path.to_str().unwrap();
        assert!(panelkit(&["bank", "import", file], &url).status.success());
        std::fs::write(&path, format!("\u{feff}{}", bank.replace('\n', "\r\n"))).unwrap();
        let again = panelkit(&["bank", "import", file], &url);
        assert!(
            String::from_utf8_lossy(&again.stdout).contains("0 added, 0 changed, 1 left alone"),
            "{}",
            text(&again)
        );
    }
}

#[test]
fn server_start_never_removes_a_question_in_use_when_a_shipped_bank_drops_it() {
    for url in fresh_databases("start") {
        let demo = panelkit(&["demo"], &url);
        assert!(demo.status.success(), "{}", text(&demo));
        runtime().block_on(async {
            let db = server::startup::open_database(&url).await.unwrap();
            // An earlier release shipped teamwork with one more question…
            let mut banks = server::banks::shipped().unwrap();
            banks.retain(|b| b.competency.id == "teamwork");
            let mut retired = banks[0].competency.interview_questions[0].clone();
            retired.id = "tw-q-retired".into();
            banks[0].competency.interview_questions.push(retired);
            banks[0].content_hash = question_bank::model_hash(&banks[0].competency);
            server::banks::import(&db, &banks).await.unwrap();
            // …which a published guide uses.
            let role = &app::db::roles::list_roles(&db, "default", None)
                .await
                .unwrap()[0];
            let mut guide = app::db::guides::latest_version(&db, "default", &role.id)
                .await
                .unwrap()
                .unwrap();
            guide.reference_questions[0].bank_id = Some("tw-q-retired".into());
            let actor = app::db::users::list_users(&db, "default").await.unwrap()[0]
                .id
                .clone();
            let draft = app::db::guides::load_draft(&db, "default", &role.id)
                .await
                .unwrap()
                .expect("the demo role has a draft");
            app::db::guides::publish(&db, "default", guide, draft.revision, &actor)
                .await
                .unwrap();

            // Starting on the current release keeps it, and starts.
            let report = server::banks::import_shipped(&db).await.unwrap();
            assert!(report.changed.is_empty(), "{report:?}");
            let stored = app::db::banks::find_competency(&db, "default", "teamwork")
                .await
                .unwrap()
                .unwrap();
            assert!(
                stored
                    .interview_questions
                    .iter()
                    .any(|q| q.id == "tw-q-retired")
            );
        });
    }
}
