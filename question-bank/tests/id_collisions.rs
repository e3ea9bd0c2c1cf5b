//! Ids across banks: a file may not take an id that belongs to another
//! competency (in another file given, a shipped bank or the database), may
//! not replace a competency from another source unless told, and must be
//! named after its competency.

use question_bank::{BankError, IdRegistry, load_banks, load_banks_against, load_text, parse_str};
use std::fs;
use std::path::PathBuf;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let path = std::env::temp_dir().join(format!("qb-ids-{}-{name}", std::process::id()));
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

/// A valid bank `id` whose element, question and reference ids are given.
/// Line 1 holds the competency id, line 13 the element id, line 41 the
/// question id, line 54 the reference id.
fn bank(id: &str, element: &str, question: &str, reference: &str) -> String {
    format!(
        "# Bank {{#{id}}}

## Definition

Text.

## Why it matters

Text.

## Key elements

### Element {{#{element}}}

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

### Question {{#{question}}}

Type: behavioral
Targets: {element}

Tell me about a time.

Probes:

- What happened?

## Reference questions

### Reference {{#{reference}}}

How did {{candidate}} do?
"
    )
}

fn simple(id: &str) -> String {
    bank(
        id,
        &format!("{id}-e"),
        &format!("{id}-q"),
        &format!("{id}-r"),
    )
}

fn messages(errors: &[BankError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

/// A registry holding a "shipped" bank `teamwork` from `shipped/teamwork.md`.
fn shipped_registry() -> IdRegistry {
    let mut registry = IdRegistry::default();
    let text = bank("teamwork", "tw-e", "tw-q", "tw-r");
    let shipped = load_text("shipped/teamwork.md", "shipped/teamwork.md", &text).unwrap();
    registry.add_bank(&shipped, &shipped.source);
    registry
}

#[test]
fn a_question_id_of_a_shipped_bank_is_reported_where_it_is_reused() {
    let dir = TempDir::new("shipped-question");
    let path = dir.write("mine.md", &bank("mine", "mine-e", "tw-q", "mine-r"));
    let errors = load_banks_against(&[&path], &shipped_registry(), false).unwrap_err();
    assert_eq!(
        messages(&errors),
        [format!(
            "{}:41:14: id \"tw-q\" already belongs to competency \"teamwork\" (defined at shipped/teamwork.md:41)",
            path.display()
        )]
    );
}

#[test]
fn a_file_redefining_a_shipped_competency_needs_replace() {
    let dir = TempDir::new("replace");
    let path = dir.write("teamwork.md", &simple("teamwork"));
    let errors = load_banks_against(&[&path], &shipped_registry(), false).unwrap_err();
    assert_eq!(
        messages(&errors),
        [format!(
            "{}:1:8: id \"teamwork\" already belongs to competency \"teamwork\" (defined at shipped/teamwork.md:1); \
             this file would replace it: import with --replace to do that, or choose another id",
            path.display()
        )]
    );
    // With --replace the file may even reuse the replaced bank's own ids.
    let reusing = dir.write("teamwork.md", &bank("teamwork", "tw-e", "tw-q", "x-r"));
    let banks = load_banks_against(&[&reusing], &shipped_registry(), true).unwrap();
    assert_eq!(banks[0].competency.id, "teamwork");
}

#[test]
fn the_same_file_is_the_same_source_wherever_it_is_checked_out() {
    let dir = TempDir::new("same-source");
    fs::create_dir_all(dir.0.join("shipped")).unwrap();
    let path = dir.write(
        "shipped/teamwork.md",
        &bank("teamwork", "tw-e", "tw-q", "tw-r2"),
    );
    // The registry knows it by the relative path "shipped/teamwork.md".
    let banks = load_banks_against(&[&path], &shipped_registry(), false).unwrap();
    assert_eq!(banks.len(), 1);
}

#[test]
fn a_stored_competency_blocks_its_ids_and_names_its_source() {
    let dir = TempDir::new("stored");
    let mut registry = IdRegistry::default();
    let stored = parse_str("x.md", &bank("stored", "st-e", "st-q", "st-r")).unwrap();
    registry.add_stored(&stored, "/srv/banks/stored.md");
    let path = dir.write("mine.md", &bank("mine", "st-e", "mine-q", "mine-r"));
    let errors = load_banks_against(&[&path], &registry, false).unwrap_err();
    assert_eq!(
        messages(&errors),
        [format!(
            "{}:13:13: id \"st-e\" already belongs to competency \"stored\" (defined at /srv/banks/stored.md, as imported into the database)",
            path.display()
        )]
    );
}

#[test]
fn an_id_moved_between_two_competencies_redefined_together_is_accepted() {
    let dir = TempDir::new("moved");
    let mut registry = IdRegistry::default();
    let a = dir.write("a.md", &bank("a", "a-e", "shared-q", "a-r"));
    let stored = load_banks(&[&a]).unwrap();
    registry.add_bank(&stored[0], &stored[0].source);
    // a drops shared-q and b takes it, in one import.
    dir.write("a.md", &bank("a", "a-e", "a-q", "a-r"));
    let b = dir.write("b.md", &bank("b", "b-e", "shared-q", "b-r"));
    let banks = load_banks_against(&[&a, &b], &registry, false).unwrap();
    assert_eq!(banks.len(), 2);
}

#[test]
fn two_new_files_sharing_an_id_are_both_reported_whatever_their_order() {
    let dir = TempDir::new("mutual");
    let a = dir.write("a.md", &bank("a", "a-e", "shared-q", "a-r"));
    let b = dir.write("b.md", &bank("b", "b-e", "shared-q", "b-r"));
    let expected = [
        format!(
            "{}:41:14: id \"shared-q\" is also used by competency \"b\" (defined at {}:41); ids are unique across all banks",
            a.display(),
            b.display()
        ),
        format!(
            "{}:41:14: id \"shared-q\" is also used by competency \"a\" (defined at {}:41); ids are unique across all banks",
            b.display(),
            a.display()
        ),
    ];
    let forward = messages(&load_banks(&[&a, &b]).unwrap_err());
    let mut backward = messages(&load_banks(&[&b, &a]).unwrap_err());
    backward.sort();
    assert_eq!(forward, expected);
    assert_eq!(backward, expected);
}

#[test]
fn the_owner_of_an_id_is_not_blamed_when_another_file_takes_it() {
    let dir = TempDir::new("owner");
    let a = dir.write("a.md", &bank("a", "a-e", "a-q", "a-r"));
    let mut registry = IdRegistry::default();
    registry.add_bank(
        &load_banks(&[&a]).unwrap()[0],
        &a.canonicalize().unwrap().display().to_string(),
    );
    let b = dir.write("b.md", &bank("b", "b-e", "a-q", "b-r"));
    for order in [[&b, &a], [&a, &b]] {
        let errors = load_banks_against(&order, &registry, false).unwrap_err();
        assert_eq!(
            messages(&errors),
            [format!(
                "{}:41:14: id \"a-q\" already belongs to competency \"a\" (defined at {}:41); ids are unique across all banks",
                b.display(),
                a.display()
            )]
        );
    }
}

#[test]
fn a_file_must_be_named_after_its_competency() {
    let dir = TempDir::new("names");
    let path = dir.write("my-problem-solving.md", &simple("problem-solving"));
    let errors = load_banks(&[&path]).unwrap_err();
    assert_eq!(
        messages(&errors),
        [format!(
            "{}:1:8: the file is named \"my-problem-solving.md\" but holds competency \"problem-solving\": \
             a bank file is named after its competency id; rename it to \"problem-solving.md\"",
            path.display()
        )]
    );
}

#[test]
fn a_file_given_twice_is_read_once() {
    let dir = TempDir::new("twice");
    let path = dir.write("a.md", &simple("a"));
    let banks = load_banks(&[&path, &path, &dir.0]).unwrap();
    assert_eq!(banks.len(), 1);
}

#[test]
fn line_endings_do_not_change_the_content_hash() {
    let dir = TempDir::new("hash");
    let lf = dir.write("a.md", &simple("a"));
    fs::create_dir_all(dir.0.join("crlf")).unwrap();
    let crlf = dir.write(
        "crlf/a.md",
        &format!("\u{feff}{}", simple("a").replace('\n', "\r\n")),
    );
    let a = load_banks(&[&lf]).unwrap();
    let b = load_banks(&[&crlf]).unwrap();
    assert_eq!(a[0].content_hash, b[0].content_hash);
    let changed = dir.write("a.md", &simple("a").replace("Four.", "Four, changed."));
    assert_ne!(
        load_banks(&[&changed]).unwrap()[0].content_hash,
        a[0].content_hash
    );
}
