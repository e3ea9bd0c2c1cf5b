//! The optional `Calibration samples` section: samples with their kind,
//! expert level, text, reasoning and key points, read, exported and read
//! back, and every broken part reported at its line.

use question_bank::{Level, SampleKind, parse_str, to_markdown};

/// A small valid bank (the same as in `broken_files.rs`).
const VALID: &str = include_str!("fixtures/customer-focus-small.md");

const SECTION: &str = "## Calibration samples

### Polite at the desk {#cf-cal-desk}

Kind: interview answer
Level: Entry

> I stayed polite and fetched my manager.

Why:

Someone else solved it: the **Entry** anchor.

Key points:

- Politeness is not evidence.
- Ask who solved it.

### A colleague on follow-up {#cf-cal-colleague}

Kind: Referee statement
Level: 3

She always rang back to check it had worked.

Why:

Consistent and alone: **Independent**.
";

/// `VALID` with `section` appended.
fn with_section(section: &str) -> String {
    format!("{VALID}\n{section}")
}

/// 1-based line of the first line of `text` that equals `line` (after the
/// fixture), so the expected positions follow the text under test.
fn line_of(text: &str, line: &str) -> usize {
    text.lines()
        .position(|l| l == line)
        .unwrap_or_else(|| panic!("no line {line:?}"))
        + 1
}

fn errors_of(text: &str) -> Vec<String> {
    match parse_str("bank.md", text) {
        Ok(_) => vec!["ok".into()],
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect(),
    }
}

/// The section with `from` replaced by `to`, appended to the bank.
fn broken(from: &str, to: &str) -> String {
    assert!(SECTION.contains(from), "{from:?} is not in the section");
    with_section(&SECTION.replacen(from, to, 1))
}

#[test]
fn samples_are_read_with_kind_level_text_reasoning_and_key_points() {
    let competency = parse_str("bank.md", &with_section(SECTION)).expect("valid");
    let samples = &competency.calibration_samples;
    assert_eq!(samples.len(), 2);
    assert_eq!(samples[0].id, "cf-cal-desk");
    assert_eq!(samples[0].title, "Polite at the desk");
    assert_eq!(samples[0].kind, SampleKind::InterviewAnswer);
    assert_eq!(samples[0].level, Level::Entry);
    assert_eq!(samples[0].text, "> I stayed polite and fetched my manager.");
    assert_eq!(
        samples[0].why,
        "Someone else solved it: the **Entry** anchor."
    );
    assert_eq!(
        samples[0].key_points,
        ["Politeness is not evidence.", "Ask who solved it."]
    );
    // Kinds in any case, levels by number.
    assert_eq!(samples[1].kind, SampleKind::RefereeStatement);
    assert_eq!(samples[1].level, Level::Independent);
    assert!(samples[1].key_points.is_empty());
}

#[test]
fn samples_survive_export_and_a_bank_without_them_exports_none() {
    let competency = parse_str("bank.md", &with_section(SECTION)).expect("valid");
    let exported = to_markdown(&competency);
    assert!(
        exported.contains("Kind: referee statement\nLevel: Independent"),
        "{exported}"
    );
    assert_eq!(parse_str("bank.md", &exported), Ok(competency));
    let plain = parse_str("bank.md", VALID).expect("valid");
    assert!(plain.calibration_samples.is_empty());
    assert!(!to_markdown(&plain).contains("Calibration samples"));
}

#[test]
fn a_model_stored_before_calibration_samples_existed_still_reads() {
    let competency = parse_str("bank.md", VALID).expect("valid");
    let mut json: serde_json::Value = serde_json::to_value(&competency).expect("json");
    json.as_object_mut()
        .expect("object")
        .remove("calibration_samples");
    let read: question_bank::Competency = serde_json::from_value(json).expect("old model reads");
    assert_eq!(read, competency);
}

#[test]
fn a_missing_level_is_reported_at_the_sample_heading() {
    let text = broken("Level: Entry\n", "");
    let line = line_of(&text, "### Polite at the desk {#cf-cal-desk}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: calibration sample cf-cal-desk has no Level line (expected \"Level: \" and the level experts gave it, Entry to Expert or 1 to 5, under the heading)"
        )]
    );
}

#[test]
fn an_unknown_level_is_reported_at_its_value_with_a_suggestion() {
    let text = broken("Level: Entry", "Level: Entyr");
    let line = line_of(&text, "Level: Entyr");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:8: unknown level \"Entyr\" — expected Entry, Developing, Independent, Advanced, Expert or 1 to 5; did you mean \"Entry\"?"
        )]
    );
    let text = broken("Level: 3", "Level: 7");
    let line = line_of(&text, "Level: 7");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:8: unknown level \"7\" — expected Entry, Developing, Independent, Advanced, Expert or 1 to 5"
        )]
    );
}

#[test]
fn an_unknown_or_missing_kind_is_reported() {
    let text = broken("Kind: interview answer", "Kind: interview anwser");
    let line = line_of(&text, "Kind: interview anwser");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:7: unknown sample kind \"interview anwser\" — expected interview answer or referee statement; did you mean \"interview answer\"?"
        )]
    );
    let text = broken("Kind: interview answer\n", "");
    let line = line_of(&text, "### Polite at the desk {#cf-cal-desk}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: calibration sample cf-cal-desk has no Kind line (expected \"Kind: interview answer\" or \"Kind: referee statement\" under the heading)"
        )]
    );
    let text = broken("Kind: interview answer", "Knd: interview answer");
    let line = line_of(&text, "Knd: interview answer");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: unknown metadata line \"Knd:\" in calibration sample cf-cal-desk — did you mean \"Kind:\"?"
        )]
    );
}

#[test]
fn a_missing_or_empty_why_is_reported() {
    let text = broken(
        "Why:\n\nSomeone else solved it: the **Entry** anchor.\n\n",
        "",
    );
    let line = line_of(&text, "### Polite at the desk {#cf-cal-desk}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: calibration sample cf-cal-desk has no \"Why:\" (expected a \"Why:\" paragraph followed by the experts' reasoning in terms of the anchors)"
        )]
    );
    let text = broken("Someone else solved it: the **Entry** anchor.\n\n", "");
    let line = line_of(&text, "Why:");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: the \"Why:\" of calibration sample cf-cal-desk is empty (expected the experts' reasoning in terms of the anchors)"
        )]
    );
}

#[test]
fn a_missing_text_and_a_broken_key_point_list_are_reported() {
    let text = broken("> I stayed polite and fetched my manager.\n\n", "");
    let line = line_of(&text, "### Polite at the desk {#cf-cal-desk}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: calibration sample cf-cal-desk has no sample text (expected the answer or statement after the Kind and Level lines)"
        )]
    );
    let text = broken(
        "- Politeness is not evidence.\n- Ask who solved it.",
        "Politeness is not evidence.",
    );
    let line = line_of(&text, "Politeness is not evidence.");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: expected a bullet list after \"Key points:\" in calibration sample cf-cal-desk, found paragraph"
        )]
    );
}

#[test]
fn duplicate_sample_ids_and_an_empty_section_are_reported() {
    let text = broken("{#cf-cal-colleague}", "{#cf-cal-desk}");
    let first = line_of(&text, "### Polite at the desk {#cf-cal-desk}");
    let second = line_of(&text, "### A colleague on follow-up {#cf-cal-desk}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{second}:30: duplicate id \"cf-cal-desk\" (first defined at bank.md:{first})"
        )]
    );
    // Sample ids share the namespace of questions.
    let text = broken("{#cf-cal-desk}", "{#cf-q-unhappy}");
    let line = line_of(&text, "### Polite at the desk {#cf-q-unhappy}");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:24: duplicate id \"cf-q-unhappy\" (first defined at bank.md:45)"
        )]
    );
    let text = with_section("## Calibration samples\n\n");
    let line = line_of(&text, "## Calibration samples");
    assert_eq!(
        errors_of(&text),
        [format!(
            "{line}:1: section \"Calibration samples\" has no samples (expected \"### Title {{#id}}\" headings)"
        )]
    );
}

#[test]
fn every_error_in_the_section_is_reported_at_once() {
    let text = with_section(
        &SECTION
            .replacen("Level: Entry", "Level: Entyr", 1)
            .replacen("Why:\n\nConsistent and alone: **Independent**.\n", "", 1),
    );
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("unknown level \"Entyr\""), "{errors:?}");
    assert!(
        errors[1].contains("cf-cal-colleague has no \"Why:\""),
        "{errors:?}"
    );
}

#[test]
fn template_text_in_a_sample_is_refused() {
    let text = broken(
        "> I stayed polite and fetched my manager.",
        "> I stayed polite and fetched [the manager's name].",
    );
    let errors = errors_of(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("template text"), "{errors:?}");
}
