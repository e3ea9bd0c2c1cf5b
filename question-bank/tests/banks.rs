//! The shipped banks in `banks/`: they all load, they export back to the same
//! model, and Customer Focus parses to the model in its snapshot.

use question_bank::{Level, load_banks, parse_file, parse_str, to_markdown};
use std::path::PathBuf;

fn banks_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("banks")
}

/// Panics with every error, one per line, in `file:line:col: message` form.
fn fail_with(errors: &[question_bank::BankError]) -> ! {
    let listing: Vec<String> = errors.iter().map(ToString::to_string).collect();
    panic!("bank errors:\n{}", listing.join("\n"));
}

#[test]
fn every_shipped_bank_loads_without_errors() {
    let banks = load_banks(&[banks_dir()]).unwrap_or_else(|errors| fail_with(&errors));
    assert!(!banks.is_empty(), "no banks in {}", banks_dir().display());
    for bank in &banks {
        let file_stem = bank.path.file_stem().and_then(|stem| stem.to_str());
        assert_eq!(
            file_stem,
            Some(bank.competency.id.as_str()),
            "{}: a bank file is named after its competency id",
            bank.path.display()
        );
    }
}

#[test]
fn every_shipped_bank_exports_to_markdown_that_parses_to_the_same_model() {
    let banks = load_banks(&[banks_dir()]).unwrap_or_else(|errors| fail_with(&errors));
    for bank in banks {
        let exported = to_markdown(&bank.competency);
        let reparsed = parse_str(&bank.path, &exported).unwrap_or_else(|errors| fail_with(&errors));
        assert_eq!(reparsed, bank.competency, "{}", bank.path.display());
    }
}

#[test]
fn customer_focus_parses_to_its_snapshot() {
    let path = banks_dir().join("customer-focus.md");
    let competency = parse_file(&path).unwrap_or_else(|errors| fail_with(&errors));
    insta::assert_yaml_snapshot!("customer_focus", competency);
}

/// Words that tie a text to one kind of employer. Definitions and "why it
/// matters" speak to any organization; where a bank came from belongs in its
/// provenance note.
const SETTING_WORDS: &[&str] = &[
    "HR ",
    "human resources",
    "public-sector",
    "agency",
    "state government",
];

#[test]
fn every_shipped_bank_is_written_for_any_employer_and_for_referees() {
    let banks = load_banks(&[banks_dir()]).unwrap_or_else(|errors| fail_with(&errors));
    assert_eq!(banks.len(), 8);
    for bank in &banks {
        let c = &bank.competency;
        for (field, text) in [
            ("definition", &c.definition),
            ("why it matters", &c.importance),
        ] {
            for word in SETTING_WORDS {
                assert!(
                    !text.to_lowercase().contains(&word.to_lowercase()),
                    "{}: {field} mentions {word:?}",
                    c.id
                );
            }
        }
        assert!(!c.provenance.is_empty(), "{}: no provenance note", c.id);
        let levels: Vec<Level> = c.reference_anchors.iter().map(|a| a.level).collect();
        assert_eq!(levels, Level::ALL, "{}: reference levels", c.id);
        for anchor in &c.reference_anchors {
            // Written for a referee (what they saw), not the interview
            // anchors' "The answer describes…".
            let text = anchor.text.to_lowercase();
            assert!(
                text.contains("you saw")
                    || text.contains("you regularly saw")
                    || text.contains("you consistently saw"),
                "{}: {:?}",
                c.id,
                anchor.text
            );
            assert!(
                !c.anchors
                    .iter()
                    .any(|interview| interview.text == anchor.text),
                "{}: a reference anchor repeats an interview anchor",
                c.id
            );
        }
    }
}

#[test]
fn three_shipped_banks_carry_calibration_samples_across_every_level() {
    let banks = load_banks(&[banks_dir()]).unwrap_or_else(|errors| fail_with(&errors));
    for id in ["customer-focus", "communication", "problem-solving"] {
        let bank = banks
            .iter()
            .find(|bank| bank.competency.id == id)
            .unwrap_or_else(|| panic!("no bank {id}"));
        let samples = &bank.competency.calibration_samples;
        assert!(samples.len() >= 5, "{id} has {} samples", samples.len());
        for level in Level::ALL {
            assert!(
                samples.iter().any(|sample| sample.level == level),
                "{id} has no calibration sample at {level}"
            );
        }
        for sample in samples {
            assert!(
                sample.why.contains(&format!("**{}**", sample.level.name())),
                "{}: the reasoning names the anchor of its own level",
                sample.id
            );
            assert!(!sample.key_points.is_empty(), "{}: key points", sample.id);
        }
    }
}
