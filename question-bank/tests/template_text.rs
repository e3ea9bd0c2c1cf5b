//! Template text left in a bank is reported where it is written, with what
//! to write instead: instructions in square brackets, and placeholders other
//! than `{candidate}` in reference question text. Links, `{#id}` attributes,
//! code and escaped brackets are not template text.

use question_bank::parse_str;

/// A small valid bank (the same as in `broken_files.rs`).
const VALID: &str = include_str!("fixtures/customer-focus-small.md");

const BRACKETS: &str = "in square brackets: write the words the reader should see instead of an instruction to fill in (if the brackets are meant literally, escape them as \\[ and \\]; a link is written [text](https://…) with nothing between \"]\" and \"(\")";

/// The errors of `VALID` with `find` replaced by `replace`, as
/// `line:column: message`, or `ok`.
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
fn a_bracketed_instruction_in_a_reference_question_is_reported_where_it_opens() {
    assert_eq!(
        errors_after(
            "How did {candidate} handle urgent requests?",
            "How would you rate {candidate}'s ability to [name one key element from this competency, for example: find out what a customer really needs]?"
        ),
        [format!(
            "66:45: template text \"[name one key element from this competency, for…]\" {BRACKETS}"
        )]
    );
}

#[test]
fn bracketed_instructions_are_reported_in_every_kind_of_field() {
    assert_eq!(
        errors_after(
            "Knowing who your customers are.",
            "Knowing who [your customers] are."
        ),
        [format!(
            "5:13: template text \"[your customers]\" {BRACKETS}"
        )]
    );
    assert_eq!(
        errors_after("- Keeps commitments.", "- Keeps [number] commitments."),
        [format!("19:9: template text \"[number]\" {BRACKETS}")]
    );
    assert_eq!(
        errors_after(
            "### Unhappy customer {#cf-q-unhappy}",
            "### Unhappy [type] customer {#cf-q-unhappy}"
        ),
        [format!("45:13: template text \"[type]\" {BRACKETS}")]
    );
    // A link with a space before its URL is not a link: the brackets show.
    assert_eq!(
        errors_after(
            "Service is the job.",
            "See [the charter] (https://example.com)."
        ),
        [format!("9:5: template text \"[the charter]\" {BRACKETS}")]
    );
}

#[test]
fn a_placeholder_other_than_candidate_is_reported_with_what_to_write() {
    assert_eq!(
        errors_after(
            "handle urgent requests?",
            "handle urgent requests at {organization}?"
        ),
        [
            "66:47: placeholder \"{organization}\" is never filled in: the only placeholder is {candidate} (the candidate's name, in reference question text); write the text itself instead (if the braces are meant literally, escape them as \\{ and \\})"
        ]
    );
    assert_eq!(
        errors_after("Sets direction.", "Sets direction for {team name}."),
        [
            "41:20: placeholder \"{team name}\" is never filled in: the only placeholder is {candidate} (the candidate's name, in reference question text); write the text itself instead (if the braces are meant literally, escape them as \\{ and \\})"
        ]
    );
}

#[test]
fn a_misspelled_candidate_placeholder_gets_a_suggestion() {
    assert_eq!(
        errors_after(
            "How did {candidate} handle",
            "How did {candidate_name} handle"
        ),
        [
            "66:1: reference question cf-r-responsiveness text must contain {candidate} (the placeholder for the candidate's name)",
            "66:9: placeholder \"{candidate_name}\" is never filled in — did you mean {candidate}? (the only placeholder: the candidate's name, written exactly so)",
        ]
    );
    assert_eq!(
        errors_after(
            "handle urgent requests?",
            "handle urgent requests, {Candidate}?"
        ),
        [
            "66:45: placeholder \"{Candidate}\" is never filled in — did you mean {candidate}? (the only placeholder: the candidate's name, written exactly so)"
        ]
    );
}

#[test]
fn candidate_outside_reference_question_text_is_reported() {
    let expected = "{candidate} is filled in only in the text of reference questions; here it would be shown as written: write the words themselves (for example \"the candidate\")";
    assert_eq!(
        errors_after(
            "Tell me about an unhappy customer.",
            "Ask {candidate} about an unhappy customer."
        ),
        [format!("50:5: {expected}")]
    );
    assert_eq!(
        errors_after(
            "### Responsiveness {#cf-r-responsiveness}",
            "### How {candidate} responds {#cf-r-responsiveness}"
        ),
        [format!("62:9: {expected}")]
    );
}

#[test]
fn links_ids_code_html_and_escaped_brackets_are_not_template_text() {
    for (find, replace) in [
        (
            "Service is the job.",
            "See [the service charter](https://example.com/charter).",
        ),
        (
            "Service is the job.",
            "See ![a chart](chart.png) and <https://example.com>.",
        ),
        ("Service is the job.", "Write `{name}` or `[x]` in code."),
        ("Service is the job.", "```\n[template] {name}\n```"),
        (
            "Service is the job.",
            "<!-- [internal note] {todo} -->\nService is the job.",
        ),
        (
            "Service is the job.",
            r"Literal \[brackets\] and \{braces\} are fine.",
        ),
        (
            "Service is the job.",
            "Braces that are not names: {#id}, {1, 2} and {a: b}; [ ] is empty.",
        ),
        (
            "Service is the job.",
            "An opening [ without a close, and a } alone.",
        ),
        (
            "How did {candidate} handle urgent requests?",
            "How did {candidate} handle urgent requests? Would you work with {candidate} again?",
        ),
    ] {
        assert_eq!(errors_after(find, replace), ["ok"], "{replace}");
    }
}

#[test]
fn every_template_error_of_a_file_is_reported_in_line_order() {
    let text = VALID
        .replacen("Knowing who your customers are.", "Knowing [who].", 1)
        .replacen("Sets direction.", "Sets {direction}.", 1)
        .replacen(
            "handle urgent requests?",
            "handle [urgent] requests for {org}?",
            1,
        );
    let errors = parse_str("bank.md", &text).expect_err("template text is an error");
    let places: Vec<(usize, usize)> = errors.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(places, [(5, 9), (41, 6), (66, 28), (66, 50)]);
}
