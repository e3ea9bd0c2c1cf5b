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
fn import_is_idempotent_and_says_what_it_did() {
    let dir = temp_dir("import");
    let url = format!("sqlite://{}/p.db", dir.display());
    let first = panelkit(&["bank", "import", BANKS], &url);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("8 added, 0 changed, 0 left alone."));
    let again = panelkit(&["bank", "import", BANKS], &url);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 changed, 8 left alone."));

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
