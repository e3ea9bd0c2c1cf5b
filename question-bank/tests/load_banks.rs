//! Loading banks from disk: directories, ids unique across files, every error
//! of every file, content hashes and the size limit.

use question_bank::{BankError, MAX_FILE_BYTES, content_hash, load_banks, parse_file, to_markdown};
use std::fs;
use std::path::{Path, PathBuf};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path =
            std::env::temp_dir().join(format!("question-bank-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create temp dir");
        TempDir(path)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, text).expect("write bank");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A valid bank whose ids all start with `prefix`; `extra_question` adds a
/// second interview question with that id.
fn bank(prefix: &str, extra_question: Option<&str>) -> String {
    let extra = extra_question.map_or(String::new(), |id| {
        format!(
            "### Another {{#{id}}}\n\nType: situational\nTargets: {prefix}-element\n\nWhat would you do?\n\nProbes:\n\n- Why?\n\n"
        )
    });
    format!(
        "# Bank {prefix} {{#{prefix}}}

## Definition

Text.

## Why it matters

Text.

## Key elements

### Element {{#{prefix}-element}}

- A behavior.

## Proficiency levels

### Entry

One.

### Developing

Two.

### Independent

Three.

### Advanced

Four.

### Expert

Five.

## Interview questions

### Question {{#{prefix}-question}}

Type: behavioral
Targets: {prefix}-element

Tell me about a time.

Probes:

- What happened?

{extra}## Reference questions

### Reference {{#{prefix}-reference}}

How did {{candidate}} do?
"
    )
}

fn messages(errors: &[BankError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_directory_loads_its_markdown_banks_and_its_subfolders_sorted_skipping_readme_and_hidden_files()
{
    let dir = TempDir::new("directory");
    dir.write("b.md", &bank("b", None));
    dir.write("a.md", &bank("a", None));
    dir.write("README.md", "Not a bank.");
    dir.write(".#a.md", "Not a bank either (an editor's lock file).");
    dir.write("notes.txt", "Not Markdown.");
    fs::create_dir(dir.0.join("sub")).expect("create subdirectory");
    dir.write("sub/c.md", &bank("c", None));
    fs::create_dir(dir.0.join(".hidden")).expect("create hidden directory");
    dir.write(".hidden/d.md", "Not read: hidden folders are skipped.");

    let banks = load_banks(&[&dir.0]).unwrap_or_else(|errors| panic!("{:#?}", messages(&errors)));

    let ids: Vec<&str> = banks
        .iter()
        .map(|bank| bank.competency.id.as_str())
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(banks[0].path, dir.0.join("a.md"));
    assert_eq!(
        banks[0].content_hash,
        content_hash(to_markdown(&banks[0].competency).as_bytes())
    );
    assert_eq!(banks[0].content_hash.len(), 64);
}

#[test]
fn files_and_directories_can_be_mixed() {
    let dir = TempDir::new("mixed");
    let single = dir.write("single.md", &bank("single", None));
    fs::create_dir(dir.0.join("more")).expect("create subdirectory");
    dir.write("more/other.md", &bank("other", None));

    let banks = load_banks(&[single, dir.0.join("more")]).expect("both load");

    let ids: Vec<&str> = banks
        .iter()
        .map(|bank| bank.competency.id.as_str())
        .collect();
    assert_eq!(ids, ["single", "other"]);
}

#[test]
fn an_id_repeated_in_another_file_is_reported_in_both_naming_the_other() {
    let dir = TempDir::new("duplicates");
    let first = dir.write("a.md", &bank("a", None));
    let second = dir.write("b.md", &bank("b", Some("a-question")));

    let errors = load_banks(&[&dir.0]).unwrap_err();

    // Neither file owns the id yet, so neither is blamed over the other.
    assert_eq!(
        messages(&errors),
        [
            format!(
                "{}:41:14: id \"a-question\" is also used by competency \"b\" (defined at {}:52); ids are unique across all banks",
                first.display(),
                second.display()
            ),
            format!(
                "{}:52:13: id \"a-question\" is also used by competency \"a\" (defined at {}:41); ids are unique across all banks",
                second.display(),
                first.display()
            )
        ]
    );
}

#[test]
fn every_error_of_every_file_is_reported_grouped_by_file() {
    let dir = TempDir::new("all-errors");
    let a = dir.write(
        "a.md",
        &bank("a", None)
            .replace("Four.\n", "")
            .replace("How did {candidate} do?", "How did they do?"),
    );
    dir.write("b.md", &bank("b", None));
    let c = dir.write(
        "c.md",
        &bank("c", None).replace("## Definition", "## Definitions"),
    );

    let errors = load_banks(&[&dir.0]).unwrap_err();

    assert_eq!(
        messages(&errors),
        [
            format!(
                "{}:31:1: level \"Advanced\" has no anchor text",
                a.display()
            ),
            format!(
                "{}:55:1: reference question a-reference text must contain {{candidate}} (the placeholder for the candidate's name)",
                a.display()
            ),
            format!(
                "{}:3:1: unknown section \"Definitions\" — did you mean \"Definition\"? (section names are exact, case-sensitive)",
                c.display()
            ),
        ]
    );
}

#[test]
fn a_missing_path_and_an_oversized_file_are_reported_without_parsing() {
    let dir = TempDir::new("unreadable");
    let missing = dir.0.join("missing.md");
    let big = dir.write("big.md", &"x".repeat(MAX_FILE_BYTES + 1));

    let errors = load_banks(&[&missing, &big]).unwrap_err();

    let got = messages(&errors);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].starts_with(&format!("{}:1:1: cannot read file: ", missing.display())),
        "{}",
        got[0]
    );
    assert_eq!(
        got[1],
        format!(
            "{}:1:1: file is 262145 bytes; bank files are limited to 256 KiB (262144 bytes)",
            big.display()
        )
    );
}

#[test]
fn parse_file_reads_one_bank() {
    let dir = TempDir::new("parse-file");
    let path = dir.write("one.md", &bank("one", None));
    assert_eq!(
        parse_file(&path).map(|competency| competency.id),
        Ok("one".to_string())
    );
    assert!(parse_file(Path::new("/nonexistent/bank.md")).is_err());
}

#[test]
fn no_paths_load_no_banks() {
    let none: [&Path; 0] = [];
    assert_eq!(load_banks(&none), Ok(Vec::new()));
}

#[test]
fn a_folder_without_banks_is_an_error_naming_it() {
    let dir = TempDir::new("empty");
    dir.write("README.md", "Not a bank.");
    let errors = load_banks(&[&dir.0]).expect_err("nothing to load");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("no bank files"),
        "{}",
        errors[0]
    );
}
