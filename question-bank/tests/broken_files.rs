//! Broken bank files: each case breaks one thing in a valid file and names
//! the exact errors expected, as `line:column: message`.

use question_bank::{MAX_FILE_BYTES, parse_str};

/// A small valid bank; the cases below edit it. Line numbers matter: the
/// expected errors refer to them.
const VALID: &str = "\
# Customer Focus {#customer-focus}

## Definition

Knowing who your customers are.

## Why it matters

Service is the job.

## Key elements

### Enhances the experience {#cf-experience}

- Gives customers full attention.

### Builds relationships {#cf-relationships}

- Keeps commitments.

## Proficiency levels

### Entry

Helps when asked.

### Developing

Handles routine requests.

### Independent

Handles escalations alone.

### Advanced

Coaches others.

### Expert

Sets direction.

## Interview questions

### Unhappy customer {#cf-q-unhappy}

Type: behavioral
Targets: cf-experience, cf-relationships

Tell me about an unhappy customer.

Probes:

- What did they need?

Listen for:

- Finds the need first.

## Reference questions

### Responsiveness {#cf-r-responsiveness}

Targets: cf-experience

How did {candidate} handle urgent requests?

## Development activities

- Shadow a help-desk shift.

## Recruiting notes

### Qualification statement

Strong record of customer service.

### Outreach ideas

- Customer-service networks.
";

const LEVELS: &str = "(levels must be Entry, Developing, Independent, Advanced, Expert in order)";
const REQUIRED: &str = "Definition, Why it matters, Key elements, Proficiency levels, \
                        Interview questions, Reference questions";
const SECTIONS: &str = "Definition, Why it matters, Key elements, Proficiency levels, \
                        Reference levels, Interview questions, Reference questions, Development activities, Recruiting notes, Calibration samples";

/// One broken file: `VALID` with `find` replaced by `replace` (first match).
struct Case {
    name: &'static str,
    find: &'static str,
    replace: &'static str,
    /// Every error, in order, as `line:column: message`.
    expected: &'static [&'static str],
}

/// Errors as `line:column: message`, or `ok` when the file parses.
fn errors_of(text: &str) -> Vec<String> {
    match parse_str("bank.md", text) {
        Ok(_) => vec!["ok".to_string()],
        Err(errors) => errors
            .iter()
            .map(|error| {
                assert_eq!(error.file.to_str(), Some("bank.md"));
                format!("{}:{}: {}", error.line, error.column, error.message)
            })
            .collect(),
    }
}

#[test]
fn the_valid_file_parses() {
    assert_eq!(errors_of(VALID), ["ok"]);
}

#[test]
fn each_broken_file_is_reported_with_its_line_and_what_was_expected() {
    let cases = [
        Case {
            name: "unknown section",
            find: "## Development activities",
            replace: "## Probes",
            expected: &[
                "68:1: unknown section \"Probes\" — allowed: Definition, Why it matters, Key elements, Proficiency levels, Reference levels, Interview questions, Reference questions, Development activities, Recruiting notes, Calibration samples",
            ],
        },
        Case {
            name: "missing required section",
            find: "## Why it matters\n\nService is the job.\n\n",
            replace: "",
            expected: &[
                "1:1: missing section \"Why it matters\" (required sections: Definition, Why it matters, Key elements, Proficiency levels, Interview questions, Reference questions)",
            ],
        },
        Case {
            name: "duplicate section",
            find: "## Why it matters",
            replace: "## Definition",
            expected: &[
                "1:1: missing section \"Why it matters\" (required sections: Definition, Why it matters, Key elements, Proficiency levels, Interview questions, Reference questions)",
                "7:1: duplicate section \"Definition\" (first at line 3)",
            ],
        },
        Case {
            name: "empty section",
            find: "Knowing who your customers are.\n\n",
            replace: "",
            expected: &["3:1: section \"Definition\" is empty (expected Markdown text)"],
        },
        Case {
            name: "content before the competency heading",
            find: "# Customer Focus",
            replace: "Intro.\n\n# Customer Focus",
            expected: &[
                "1:1: unexpected paragraph before the competency heading \"# Name {#id}\": a bank file starts with it",
            ],
        },
        Case {
            name: "competency without id",
            find: "# Customer Focus {#customer-focus}",
            replace: "# Customer Focus",
            expected: &[
                "1:1: competency \"Customer Focus\" has no id (expected \"# Customer Focus {#an-id}\")",
            ],
        },
        Case {
            name: "second level-1 heading",
            find: "## Key elements",
            replace: "# Key elements",
            expected: &[
                "1:1: missing section \"Key elements\" (required sections: Definition, Why it matters, Key elements, Proficiency levels, Interview questions, Reference questions)",
                "11:1: a bank file holds one competency: only one \"#\" heading is allowed (sections use \"##\")",
                "13:1: unexpected ### heading in Why it matters: this section holds Markdown text only (use #### for sub-headings)",
                "17:1: unexpected ### heading in Why it matters: this section holds Markdown text only (use #### for sub-headings)",
            ],
        },
        Case {
            name: "key element without behaviors",
            find: "- Keeps commitments.\n",
            replace: "",
            expected: &[
                "17:1: key element cf-relationships has no behaviors (expected a bullet list)",
            ],
        },
        Case {
            name: "paragraph instead of behaviors",
            find: "- Keeps commitments.",
            replace: "Keeps commitments.",
            expected: &[
                "17:1: key element cf-relationships has no behaviors (expected a bullet list)",
                "19:1: unexpected paragraph in key element cf-relationships: expected only a bullet list of behaviors",
            ],
        },
        Case {
            name: "markup in a behavior",
            find: "- Keeps commitments.",
            replace: "- Keeps *all* commitments.",
            expected: &["19:9: behavior must be plain text, found emphasis"],
        },
        Case {
            name: "nested list in a behavior",
            find: "- Keeps commitments.",
            replace: "- Keeps commitments.\n  - Even small ones.",
            expected: &["20:3: behavior must be one paragraph of plain text, found a nested list"],
        },
        Case {
            name: "empty behavior",
            find: "- Keeps commitments.",
            replace: "- Keeps commitments.\n-",
            expected: &["20:1: empty behavior: list items need text"],
        },
        Case {
            name: "content before the first key element",
            find: "## Key elements\n",
            replace: "## Key elements\n\nIntro.\n",
            expected: &[
                "13:1: unexpected paragraph in Key elements before the first key element (each starts with \"### Name {#id}\")",
            ],
        },
        Case {
            name: "level without anchor text",
            find: "### Expert\n\nSets direction.\n",
            replace: "### Expert\n",
            expected: &["39:1: level \"Expert\" has no anchor text"],
        },
        Case {
            name: "missing level in the middle",
            find: "### Advanced\n\nCoaches others.\n\n",
            replace: "",
            expected: &[
                "35:1: missing level \"Advanced\" (levels must be Entry, Developing, Independent, Advanced, Expert in order)",
            ],
        },
        Case {
            name: "missing last level",
            find: "### Expert\n\nSets direction.\n\n",
            replace: "",
            expected: &[
                "21:1: missing level \"Expert\" (levels must be Entry, Developing, Independent, Advanced, Expert in order)",
            ],
        },
        Case {
            name: "levels out of order",
            find: "### Entry\n\nHelps when asked.\n\n### Developing\n\nHandles routine requests.",
            replace: "### Developing\n\nHandles routine requests.\n\n### Entry\n\nHelps when asked.",
            expected: &[
                "27:1: level \"Entry\" is out of order (levels must be Entry, Developing, Independent, Advanced, Expert in order)",
            ],
        },
        Case {
            name: "unknown level",
            find: "### Expert",
            replace: "### Master",
            expected: &[
                "21:1: missing level \"Expert\" (levels must be Entry, Developing, Independent, Advanced, Expert in order)",
                "39:1: unknown level \"Master\" — expected one of Entry, Developing, Independent, Advanced, Expert",
            ],
        },
        Case {
            name: "duplicate level",
            find: "### Developing",
            replace: "### Entry",
            expected: &[
                "27:1: duplicate level \"Entry\"",
                "31:1: missing level \"Developing\" (levels must be Entry, Developing, Independent, Advanced, Expert in order)",
            ],
        },
        Case {
            name: "level heading with an id",
            find: "### Entry",
            replace: "### Entry {#cf-entry}",
            expected: &[
                "23:11: level headings take no {#id}: anchor ids are derived from the competency id (customer-focus.level-1 … customer-focus.level-5)",
            ],
        },
        Case {
            name: "question targets an unknown key element",
            find: "Targets: cf-experience, cf-relationships",
            replace: "Targets: cf-experience, cf-nope",
            expected: &[
                "48:25: question cf-q-unhappy targets unknown key element \"cf-nope\"; known: cf-experience, cf-relationships",
            ],
        },
        Case {
            name: "question without Type",
            find: "Type: behavioral\n",
            replace: "",
            expected: &[
                "45:1: question cf-q-unhappy has no Type line (expected \"Type: behavioral\" or \"Type: situational\" under the heading)",
            ],
        },
        Case {
            name: "unknown question type",
            find: "Type: behavioral",
            replace: "Type: hypothetical",
            expected: &[
                "47:7: unknown question type \"hypothetical\" — expected behavioral or situational",
            ],
        },
        Case {
            name: "question without Targets",
            find: "Targets: cf-experience, cf-relationships\n",
            replace: "",
            expected: &[
                "45:1: question cf-q-unhappy has no Targets line (expected \"Targets: \" and the ids of the key elements it gives evidence on, under the heading)",
            ],
        },
        Case {
            name: "unknown metadata line",
            find: "Targets: cf-experience, cf-relationships\n",
            replace: "Targets: cf-experience, cf-relationships\nLevel: 3\n",
            expected: &[
                "49:1: unknown metadata line \"Level:\" in question cf-q-unhappy — allowed: Type, Targets",
            ],
        },
        Case {
            name: "target listed twice",
            find: "Targets: cf-experience, cf-relationships",
            replace: "Targets: cf-experience, cf-experience",
            expected: &["48:25: question cf-q-unhappy lists target \"cf-experience\" twice"],
        },
        Case {
            name: "question without text",
            find: "Tell me about an unhappy customer.\n\n",
            replace: "",
            expected: &["45:1: question cf-q-unhappy has no question text"],
        },
        Case {
            name: "question without probes",
            find: "Probes:\n\n- What did they need?\n\n",
            replace: "",
            expected: &[
                "45:1: question cf-q-unhappy has no probes (expected a \"Probes:\" paragraph followed by a bullet list)",
            ],
        },
        Case {
            name: "Probes: not a paragraph of its own",
            find: "customer.\n\nProbes:",
            replace: "customer.\nProbes:",
            expected: &[
                "45:1: question cf-q-unhappy has no probes (expected a \"Probes:\" paragraph followed by a bullet list) — put a blank line before \"Probes:\" so it is a paragraph of its own",
            ],
        },
        Case {
            name: "Probes: followed by a paragraph",
            find: "- What did they need?",
            replace: "What did they need?",
            expected: &[
                "54:1: expected a bullet list after \"Probes:\" in question cf-q-unhappy, found paragraph",
            ],
        },
        Case {
            name: "Listen for: before Probes:",
            find: "Probes:\n\n- What did they need?\n\nListen for:\n\n- Finds the need first.",
            replace: "Listen for:\n\n- Finds the need first.\n\nProbes:\n\n- What did they need?",
            expected: &[
                "56:1: in question cf-q-unhappy, \"Probes:\" must come before \"Listen for:\"",
            ],
        },
        Case {
            name: "content after the probes",
            find: "- Finds the need first.\n",
            replace: "- Finds the need first.\n\nAnd one more thing.\n",
            expected: &[
                "60:1: unexpected paragraph in question cf-q-unhappy: after the question text come \"Probes:\" and optionally \"Listen for:\", each followed by a bullet list",
            ],
        },
        Case {
            name: "question without id",
            find: "### Unhappy customer {#cf-q-unhappy}",
            replace: "### Unhappy customer",
            expected: &[
                "45:1: question \"Unhappy customer\" has no id (expected \"### Unhappy customer {#an-id}\")",
            ],
        },
        Case {
            name: "invalid id",
            find: "{#cf-q-unhappy}",
            replace: "{#CF_Unhappy}",
            expected: &[
                "45:22: invalid id \"CF_Unhappy\": ids are lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*), at most 64 characters — did you mean \"cf-unhappy\"?",
            ],
        },
        Case {
            name: "id longer than 64 characters",
            find: "{#cf-q-unhappy}",
            replace: "{#cf-q-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}",
            expected: &[
                "45:22: invalid id \"cf-q-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": ids are lowercase kebab-case ([a-z0-9]+(-[a-z0-9]+)*), at most 64 characters",
            ],
        },
        Case {
            name: "duplicate id in one file",
            find: "{#cf-r-responsiveness}",
            replace: "{#cf-q-unhappy}",
            expected: &["62:20: duplicate id \"cf-q-unhappy\" (first defined at bank.md:45)"],
        },
        Case {
            name: "markup in a title",
            find: "### Unhappy customer",
            replace: "### Unhappy *customer*",
            expected: &["45:13: question title must be plain text, found emphasis"],
        },
        Case {
            name: "heading with classes",
            find: "{#cf-q-unhappy}",
            replace: "{#cf-q-unhappy .wide}",
            expected: &["45:22: heading attributes other than {#id} are not supported"],
        },
        Case {
            name: "reference question without {candidate}",
            find: "How did {candidate} handle",
            replace: "How did they handle",
            expected: &[
                "66:1: reference question cf-r-responsiveness text must contain {candidate} (the placeholder for the candidate's name)",
            ],
        },
        Case {
            name: "reference question with a Type line",
            find: "Targets: cf-experience\n",
            replace: "Type: behavioral\nTargets: cf-experience\n",
            expected: &[
                "64:1: reference question cf-r-responsiveness has a Type line, but reference questions take none (only Targets)",
            ],
        },
        Case {
            name: "reference question with an empty Targets line",
            find: "Targets: cf-experience\n",
            replace: "Targets:\n",
            expected: &[
                "64:9: the Targets line of reference question cf-r-responsiveness lists no key element ids",
            ],
        },
        Case {
            name: "no questions in a section",
            find: "### Responsiveness {#cf-r-responsiveness}\n\nTargets: cf-experience\n\nHow did {candidate} handle urgent requests?\n\n",
            replace: "",
            expected: &[
                "60:1: section \"Reference questions\" has no questions (expected \"### Title {#id}\" headings)",
            ],
        },
        Case {
            name: "development activities as a paragraph",
            find: "- Shadow a help-desk shift.",
            replace: "Shadow a help-desk shift.",
            expected: &[
                "68:1: \"Development activities\" is empty (expected a bullet list)",
                "70:1: unexpected paragraph in Development activities: expected one bullet list",
            ],
        },
        Case {
            name: "unknown recruiting notes subsection",
            find: "### Outreach ideas",
            replace: "### Sourcing",
            expected: &[
                "78:1: unknown subsection \"Sourcing\" in Recruiting notes — allowed: Qualification statement, Outreach ideas, Provenance",
            ],
        },
        Case {
            name: "link reference definition",
            find: "Knowing who your customers are.\n",
            replace: "Knowing who your [customers] are.\n\n[customers]: https://example.com\n",
            expected: &[
                "7:1: link reference definitions are not supported; write links inline: [text](https://…)",
            ],
        },
        Case {
            name: "code block left open at the end",
            find: "- Customer-service networks.\n",
            replace: "- Customer-service networks.\n\n```\nnever closed\n",
            expected: &[
                "82:1: this code block is never closed: it runs to the end of the file",
                "82:1: unexpected code block in Outreach ideas: expected one bullet list",
            ],
        },
    ];
    let mut failures = Vec::new();
    for case in &cases {
        assert!(
            VALID.contains(case.find),
            "case {:?}: text to replace not found",
            case.name
        );
        let broken = VALID.replacen(case.find, case.replace, 1);
        let got = errors_of(&broken);
        if got != case.expected {
            failures.push(format!(
                "case {:?}:\n  expected: {:#?}\n  got:      {got:#?}",
                case.name, case.expected
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_error_of_a_file_is_reported_in_line_order() {
    let broken = VALID
        .replacen("## Why it matters", "## Importance", 1)
        .replacen("### Expert\n\nSets direction.\n", "### Expert\n", 1)
        .replacen("How did {candidate} handle", "How did they handle", 1);
    let got = errors_of(&broken);
    assert_eq!(
        got,
        [
            format!("1:1: missing section \"Why it matters\" (required sections: {REQUIRED})"),
            format!("7:1: unknown section \"Importance\" — allowed: {SECTIONS}"),
            "39:1: level \"Expert\" has no anchor text".to_string(),
            "64:1: reference question cf-r-responsiveness text must contain {candidate} (the placeholder for the candidate's name)".to_string(),
        ]
    );
}

#[test]
fn an_empty_file_is_reported() {
    assert_eq!(
        errors_of(""),
        ["1:1: empty file: expected the competency heading \"# Name {#id}\" and its sections"]
    );
}

#[test]
fn a_file_over_256_kib_is_rejected_before_parsing() {
    let padding = "x".repeat(MAX_FILE_BYTES + 1 - VALID.len());
    let too_big = format!("{VALID}{padding}");
    assert_eq!(too_big.len(), 262_145);
    assert_eq!(
        errors_of(&too_big),
        ["1:1: file is 262145 bytes; bank files are limited to 256 KiB (262144 bytes)"]
    );
}

#[test]
fn windows_line_endings_give_the_same_model_and_lines() {
    let crlf = VALID.replace('\n', "\r\n");
    assert_eq!(parse_str("bank.md", &crlf), parse_str("bank.md", VALID));
    let broken = crlf.replacen("### Expert\r\n\r\nSets direction.\r\n", "### Expert\r\n", 1);
    assert_eq!(
        errors_of(&broken),
        ["39:1: level \"Expert\" has no anchor text"]
    );
}

#[test]
fn the_levels_message_names_the_order() {
    // Guards the shared wording used in the table above.
    let broken = VALID.replacen("### Advanced\n\nCoaches others.\n\n", "", 1);
    assert!(errors_of(&broken)[0].ends_with(LEVELS));
}
