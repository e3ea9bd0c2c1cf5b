//! The optional `Reference levels` section: five levels written for referees,
//! read and checked like `Proficiency levels`, exported and read back, and
//! the generic referee anchors used when a bank has none.

use question_bank::{Level, parse_str, to_markdown};

/// A small valid bank (the same as in `broken_files.rs`).
const VALID: &str = include_str!("fixtures/customer-focus-small.md");

const SECTION: &str = "## Reference levels

### Entry

You saw it once or twice, with help.

### Developing

You saw it on routine work.

### Independent

You saw it every time, without help.

### Advanced

You saw them teach it.

### Expert

You saw the whole organization ask them.

";

/// `VALID` with `section` inserted before `## Interview questions` (line 43).
fn with_section(section: &str) -> String {
    VALID.replacen(
        "## Interview questions",
        &format!("{section}## Interview questions"),
        1,
    )
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

#[test]
fn reference_levels_are_read_in_order_and_survive_export() {
    let competency = parse_str("bank.md", &with_section(SECTION)).expect("valid");
    let levels: Vec<Level> = competency
        .reference_anchors
        .iter()
        .map(|a| a.level)
        .collect();
    assert_eq!(levels, Level::ALL);
    assert_eq!(
        competency.reference_anchors[2].text,
        "You saw it every time, without help."
    );
    assert_eq!(
        competency.reference_anchor(Level::Expert),
        "You saw the whole organization ask them."
    );
    // Interview anchors are untouched.
    assert_eq!(competency.anchors[2].text, "Handles escalations alone.");
    let exported = to_markdown(&competency);
    assert!(exported.contains(SECTION), "{exported}");
    assert_eq!(parse_str("bank.md", &exported), Ok(competency));
}

#[test]
fn without_the_section_the_generic_referee_anchors_apply() {
    let competency = parse_str("bank.md", VALID).expect("valid");
    assert!(competency.reference_anchors.is_empty());
    assert_eq!(
        competency.reference_anchor(Level::Entry),
        Level::Entry.reference_anchor()
    );
    assert!(!to_markdown(&competency).contains("Reference levels"));
}

#[test]
fn a_model_stored_before_reference_levels_existed_still_reads() {
    let competency = parse_str("bank.md", VALID).expect("valid");
    let mut json: serde_json::Value = serde_json::to_value(&competency).expect("json");
    let object = json.as_object_mut().expect("object");
    object.remove("reference_anchors");
    object.remove("provenance");
    let read: question_bank::Competency = serde_json::from_value(json).expect("old model reads");
    assert_eq!(read, competency);
}

#[test]
fn broken_reference_levels_are_reported_like_proficiency_levels() {
    let levels = "(levels must be Entry, Developing, Independent, Advanced, Expert in order)";
    assert_eq!(
        errors_of(&with_section(&SECTION.replacen(
            "### Advanced\n\nYou saw them teach it.\n\n",
            "",
            1
        ))),
        [format!("57:1: missing level \"Advanced\" {levels}")]
    );
    assert_eq!(
        errors_of(&with_section(&SECTION.replacen(
            "### Entry\n\nYou saw it once or twice, with help.",
            "### Entry\n\n<!-- later -->",
            1
        ))),
        [
            "45:1: level \"Entry\" has no anchor text: it holds only invisible characters (such as non-breaking spaces), comments or rules"
        ]
    );
    assert_eq!(
        errors_of(&with_section(&SECTION.replacen(
            "### Developing",
            "### Developping",
            1
        ))),
        ["49:1: unknown level \"Developping\" — did you mean \"Developing\"?"]
    );
    assert_eq!(
        errors_of(&with_section(&SECTION.replacen(
            "### Entry",
            "### Entry {#entry}",
            1
        ))),
        ["45:11: level headings take no {#id}: a referee's rating is stored as the level, 1 to 5"]
    );
    assert_eq!(
        errors_of(&with_section(&SECTION.replacen(
            "## Reference levels\n\n",
            "## Reference levels\n\nHow referees rate.\n\n",
            1
        ))),
        [
            "45:1: unexpected paragraph in Reference levels before the first level (each level starts with \"### Entry\", \"### Developing\", …)"
        ]
    );
    assert_eq!(
        errors_of(&with_section(&format!("{SECTION}{SECTION}"))),
        ["65:1: duplicate section \"Reference levels\" (first at line 43)"]
    );
}

#[test]
fn provenance_is_a_recruiting_notes_subsection() {
    let text = format!("{VALID}\n### Provenance\n\nAdapted from a public competency model.\n");
    let competency = parse_str("bank.md", &text).expect("valid");
    assert_eq!(
        competency.provenance,
        "Adapted from a public competency model."
    );
    assert_eq!(
        parse_str("bank.md", &to_markdown(&competency)),
        Ok(competency)
    );
    assert_eq!(
        errors_of(&format!("{VALID}\n### Provenance\n\n<!-- -->\n")),
        [
            "82:1: \"Provenance\" is empty: it holds only invisible characters (such as non-breaking spaces), comments or rules (expected Markdown text)"
        ]
    );
}
