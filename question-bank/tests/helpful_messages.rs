//! Mistakes an author makes, each reported once, at the line of the mistake,
//! with the fix: misspelled headings, levels, labels, keys and types get
//! "did you mean …"; ids with spaces get their own message and no cascade;
//! tabs are named as tabs; invisible content counts as empty.

use question_bank::parse_str;

/// A small valid bank (the same as in `broken_files.rs`).
const VALID: &str = include_str!("fixtures/customer-focus-small.md");

/// The errors of `VALID` with `find` replaced by `replace`, as
/// `line:column: message`.
fn errors_after(find: &str, replace: &str) -> Vec<String> {
    assert!(VALID.contains(find), "{find:?} is not in the valid file");
    let text = VALID.replacen(find, replace, 1);
    match parse_str("bank.md", &text) {
        Ok(_) => vec!["ok".into()],
        Err(errors) => errors
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect(),
    }
}

#[test]
fn the_valid_file_parses() {
    assert!(parse_str("bank.md", VALID).is_ok());
}

#[test]
fn an_id_with_spaces_gets_one_message_and_no_cascade() {
    assert_eq!(
        errors_after("{#cf-relationships}", "{#cf relationships}"),
        [
            "17:26: invalid id \"cf relationships\": ids cannot contain spaces, at most 64 characters — did you mean \"cf-relationships\"?"
        ]
    );
}

#[test]
fn an_id_with_invalid_characters_gets_a_suggestion_and_no_cascade() {
    assert_eq!(
        errors_after("{#cf-relationships}", "{#CF_Relationships}"),
        [
            "17:26: invalid id \"CF_Relationships\": ids are lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*), at most 64 characters — did you mean \"cf-relationships\"?"
        ]
    );
}

#[test]
fn a_misspelled_section_is_reported_once_with_a_suggestion() {
    assert_eq!(
        errors_after("## Proficiency levels", "## Proficency levels"),
        [
            "21:1: unknown section \"Proficency levels\" — did you mean \"Proficiency levels\"? (section names are exact, case-sensitive)"
        ]
    );
    assert_eq!(
        errors_after("## Key elements", "## Key Elements"),
        [
            "11:1: unknown section \"Key Elements\" — did you mean \"Key elements\"? (section names are exact, case-sensitive)"
        ]
    );
}

#[test]
fn a_misspelled_level_is_reported_once_with_a_suggestion() {
    assert_eq!(
        errors_after("### Advanced", "### Advaced"),
        ["35:1: unknown level \"Advaced\" — did you mean \"Advanced\"?"]
    );
}

#[test]
fn a_misspelled_label_is_reported_at_its_line() {
    assert_eq!(
        errors_after("Probes:\n", "Probe:\n"),
        ["52:1: unknown label \"Probe:\" in question cf-q-unhappy — did you mean \"Probes:\"?"]
    );
    assert_eq!(
        errors_after("Listen for:\n", "Listen fr:\n"),
        [
            "56:1: unknown label \"Listen fr:\" in question cf-q-unhappy — did you mean \"Listen for:\"?"
        ]
    );
    assert_eq!(
        errors_after("Probes:\n", "Probes：\n"),
        [
            "52:1: unknown label \"Probes：\" in question cf-q-unhappy (it is written with a full-width colon \"：\") — did you mean \"Probes:\"?"
        ]
    );
}

#[test]
fn a_label_without_its_colon_is_named_and_short_question_texts_are_not_labels() {
    assert_eq!(
        errors_after("Probes:\n", "Probes\n"),
        ["52:1: unknown label \"Probes\" in question cf-q-unhappy — did you mean \"Probes:\"?"]
    );
    assert_eq!(
        errors_after(
            "Tell me about an unhappy customer.",
            "Tell me about an unhappy customer.\n\nProblems?"
        ),
        ["ok"]
    );
}

#[test]
fn a_misspelled_type_or_key_is_reported_with_a_suggestion() {
    assert_eq!(
        errors_after("Type: behavioral", "Type: behavioural"),
        [
            "47:7: unknown question type \"behavioural\" — expected behavioral or situational; did you mean \"behavioral\"?"
        ]
    );
    assert_eq!(
        errors_after("Type: behavioral", "Tpye: behavioral"),
        [
            "47:1: unknown metadata line \"Tpye:\" in question cf-q-unhappy — did you mean \"Type:\"?"
        ]
    );
    assert_eq!(
        errors_after("Targets: cf-experience, cf", "Target: cf-experience, cf"),
        [
            "48:1: unknown metadata line \"Target:\" in question cf-q-unhappy — did you mean \"Targets:\"?"
        ]
    );
    assert_eq!(
        errors_after("Type: behavioral", "Type： behavioral"),
        ["47:1: the Type line is written with a full-width colon \"：\" — did you mean \"Type:\"?"]
    );
}

#[test]
fn a_misspelled_recruiting_notes_subsection_gets_a_suggestion() {
    assert_eq!(
        errors_after("### Outreach ideas", "### Outreach idea"),
        [
            "78:1: unknown subsection \"Outreach idea\" in Recruiting notes — did you mean \"Outreach ideas\"?"
        ]
    );
}

#[test]
fn a_tab_is_named_as_a_tab() {
    assert_eq!(
        errors_after(
            "- Keeps commitments.\n",
            "- Keeps commitments.\n\t- Follows up.\n"
        ),
        [
            "20:1: behavior must be one paragraph of plain text, found a nested list (the line starts with a tab, which Markdown reads as 4 spaces of indentation; start the line without a tab)"
        ]
    );
    assert_eq!(
        errors_after(
            "\n- Shadow a help-desk shift.",
            "\n\t- Shadow a help-desk shift."
        ),
        [
            "68:1: \"Development activities\" is empty (expected a bullet list)",
            "70:2: unexpected code block in Development activities: expected one bullet list (the line starts with a tab, which Markdown reads as 4 spaces of indentation; start the line without a tab)"
        ]
    );
}

#[test]
fn invisible_content_counts_as_empty() {
    let invisible =
        ": it holds only invisible characters (such as non-breaking spaces), comments or rules";
    for hidden in [
        "\u{a0}",
        "\u{a0}\u{200b}",
        "<!-- to do -->",
        "---",
        "&nbsp;",
    ] {
        assert_eq!(
            errors_after("Sets direction.", hidden),
            [format!(
                "39:1: level \"Expert\" has no anchor text{invisible}"
            )],
            "{hidden:?}"
        );
        assert_eq!(
            errors_after("Knowing who your customers are.", hidden),
            [format!(
                "3:1: section \"Definition\" is empty{invisible} (expected Markdown text)"
            )],
            "{hidden:?}"
        );
        assert_eq!(
            errors_after("Tell me about an unhappy customer.", hidden),
            [format!(
                "45:1: question cf-q-unhappy has no question text{invisible}"
            )],
            "{hidden:?}"
        );
        assert_eq!(
            errors_after("Strong record of customer service.", hidden),
            [format!(
                "74:1: \"Qualification statement\" is empty{invisible} (expected Markdown text)"
            )],
            "{hidden:?}"
        );
    }
    assert_eq!(
        errors_after("- Keeps commitments.", "- \u{a0}\u{200b}"),
        ["19:1: empty behavior: list items need text"]
    );
    assert_eq!(
        errors_after("### Builds relationships {#", "### \u{a0} {#"),
        ["17:1: key element cf-relationships has no title"]
    );
}
