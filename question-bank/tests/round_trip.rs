//! Round trips: exporting a parsed bank and parsing it again gives the same
//! model, for the README's example, for generated models and for mutated files.

use proptest::prelude::*;
use proptest::sample::subsequence;
use question_bank::{
    Anchor, Competency, InterviewQuestion, KeyElement, Level, QuestionKind, ReferenceQuestion,
    parse_str, to_markdown,
};

/// The complete example file from the README (its first `markdown` block).
fn readme_example() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```markdown\n")
        .expect("README has a markdown example")
        + 12;
    let end = start + readme[start..].find("\n```\n").expect("example is closed") + 1;
    readme[start..end].to_string()
}

#[test]
fn the_readme_example_parses_and_exports_to_the_same_text() {
    let example = readme_example();
    let competency = parse_str("README.md", &example).unwrap_or_else(|errors| {
        let listing: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("README example does not parse:\n{}", listing.join("\n"))
    });
    assert_eq!(competency.id, "customer-focus");
    assert_eq!(competency.anchors.len(), 5);
    assert_eq!(competency.interview_questions.len(), 2);
    assert_eq!(
        competency.interview_questions[1].kind,
        QuestionKind::Situational
    );
    assert_eq!(
        competency.reference_questions[0].text_for("Ana Lima"),
        "How did Ana Lima respond when a customer or colleague needed something\nurgently?"
    );
    let exported = to_markdown(&competency);
    assert_eq!(
        exported, example,
        "the README shows the exporter's own layout"
    );
    assert_eq!(parse_str("README.md", &exported), Ok(competency));
}

#[test]
fn plain_text_with_markdown_characters_survives_the_round_trip() {
    let mut competency = parse_str("README.md", &readme_example()).expect("example parses");
    let tricky = [
        "5 * 3 = 15, not *emphasis* or _this_",
        "- starts like a list item",
        "1. starts like a numbered item",
        "# starts like a heading, ends like one #",
        "> quoted, <b>not HTML</b>, &amp; no entity",
        "[not a link](https://example.com) and `not code` \\ backslash",
        "~~~ not a fence, {braces} and {#not-an-id}",
    ];
    competency.key_elements[0].name = tricky[6].to_string();
    competency.key_elements[0].behaviors = tricky.iter().map(ToString::to_string).collect();
    competency.interview_questions[0].probes = tricky.iter().map(ToString::to_string).collect();
    competency.name = tricky[3].to_string();
    let exported = to_markdown(&competency);
    assert_eq!(parse_str("x.md", &exported), Ok(competency), "{exported}");
}

/// An id stem: lowercase kebab-case, short enough for suffixes.
fn id_stem() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,3}"
}

/// Plain text: words of letters, digits and punctuation, including the
/// characters Markdown gives meaning to.
fn plain_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        r#"[A-Za-z0-9éü'",.;:!?()*_#<>&\[\]{}\\`~+=|/-]{1,10}"#,
        1..8,
    )
    .prop_map(|words| words.join(" "))
}

fn plain_list(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(plain_text(), 1..=max)
}

/// Markdown text made of plain words: one to three paragraphs, sometimes a
/// bullet list, lines wrapped at random.
fn markdown_text() -> impl Strategy<Value = String> {
    let word = "[A-Za-z][a-z0-9'.,;?!()]{0,8}";
    let line = prop::collection::vec(word, 1..8).prop_map(|words| words.join(" "));
    let paragraph = prop::collection::vec(line.clone(), 1..3).prop_map(|lines| lines.join("\n"));
    let list = prop::collection::vec(line, 1..4).prop_map(|items| {
        items
            .iter()
            .map(|item| format!("- {item}"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    prop::collection::vec(prop_oneof![3 => paragraph, 1 => list], 1..4)
        .prop_map(|blocks| blocks.join("\n\n"))
}

fn competency() -> impl Strategy<Value = Competency> {
    (id_stem(), 1usize..=4)
        .prop_flat_map(|(stem, element_count)| {
            let element_ids: Vec<String> = (0..element_count)
                .map(|index| format!("{stem}-e{index}"))
                .collect();
            let key_elements = prop::collection::vec((plain_text(), plain_list(4)), element_count);
            let anchors = prop::collection::vec(markdown_text(), 5);
            let reference_anchors = prop::option::of(prop::collection::vec(markdown_text(), 5));
            let interview = prop::collection::vec(
                (
                    plain_text(),
                    prop_oneof![
                        Just(QuestionKind::Behavioral),
                        Just(QuestionKind::Situational)
                    ],
                    subsequence(element_ids.clone(), 1..=element_count),
                    markdown_text(),
                    plain_list(3),
                    prop::collection::vec(plain_text(), 0..3),
                ),
                1..4,
            );
            let reference = prop::collection::vec(
                (
                    plain_text(),
                    subsequence(element_ids.clone(), 0..=element_count),
                    markdown_text(),
                ),
                1..4,
            );
            (
                Just((stem, element_ids)),
                plain_text(),
                (markdown_text(), markdown_text()),
                key_elements,
                (anchors, reference_anchors),
                interview,
                reference,
                prop::collection::vec(plain_text(), 0..3),
                prop::option::of(markdown_text()),
                prop::collection::vec(plain_text(), 0..3),
                prop::option::of(markdown_text()),
            )
        })
        .prop_map(
            |(
                (stem, element_ids),
                name,
                (definition, importance),
                key_elements,
                (anchors, reference_anchors),
                interview,
                reference,
                development_activities,
                qualification_statement,
                outreach_ideas,
                provenance,
            )| Competency {
                id: stem.clone(),
                name,
                definition,
                importance,
                key_elements: element_ids
                    .into_iter()
                    .zip(key_elements)
                    .map(|(id, (name, behaviors))| KeyElement {
                        id,
                        name,
                        behaviors,
                    })
                    .collect(),
                anchors: Level::ALL
                    .into_iter()
                    .zip(anchors)
                    .map(|(level, text)| Anchor { level, text })
                    .collect(),
                reference_anchors: Level::ALL
                    .into_iter()
                    .zip(reference_anchors.unwrap_or_default())
                    .map(|(level, text)| Anchor { level, text })
                    .collect(),
                interview_questions: interview
                    .into_iter()
                    .enumerate()
                    .map(
                        |(index, (title, kind, targets, text, probes, listen_for))| {
                            InterviewQuestion {
                                id: format!("{stem}-q{index}"),
                                title,
                                kind,
                                targets,
                                text,
                                probes,
                                listen_for,
                            }
                        },
                    )
                    .collect(),
                reference_questions: reference
                    .into_iter()
                    .enumerate()
                    .map(|(index, (title, targets, text))| ReferenceQuestion {
                        id: format!("{stem}-r{index}"),
                        title,
                        targets,
                        text: format!("{text} How did {{candidate}} do?"),
                    })
                    .collect(),
                development_activities,
                qualification_statement: qualification_statement.unwrap_or_default(),
                outreach_ideas,
                provenance: provenance.unwrap_or_default(),
                calibration_samples: Vec::new(),
            },
        )
}

/// Fragments that mean something in Markdown or in the bank format.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "- ",
    "1. ",
    "### ",
    "## ",
    "# ",
    "#### ",
    "Probes:",
    "Listen for:",
    "Type: situational",
    "Targets: ",
    "```",
    "~~~",
    "<!-- ",
    " -->",
    "<div>",
    "    ",
    "> ",
    "*",
    "_",
    "`",
    "[x]",
    "(y)",
    "{name}",
    "## Reference levels\n\n",
    "[x]: /u",
    "{candidate}",
    "{#an-id}",
    "{.c}",
    "\\",
    "&amp;",
    "---",
    "===",
    "\t",
    "é",
    "\r\n",
    "\u{feff}",
];

/// Edits to a valid file: insert a fragment, delete a span, repeat a line.
#[derive(Clone, Debug)]
enum Edit {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index, usize),
    RepeatLine(prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), prop::sample::select(FRAGMENTS))
            .prop_map(|(at, fragment)| Edit::Insert(at, fragment)),
        2 => (any::<prop::sample::Index>(), 1usize..40).prop_map(|(at, len)| Edit::Delete(at, len)),
        1 => any::<prop::sample::Index>().prop_map(Edit::RepeatLine),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(index, _)| index)
        .chain([text.len()])
        .collect();
    match edit {
        Edit::Insert(at, fragment) => {
            let at = *at.get(&boundaries);
            format!("{}{fragment}{}", &text[..at], &text[at..])
        }
        Edit::Delete(at, len) => {
            let start = at.index(boundaries.len());
            let end = boundaries[(start + len).min(boundaries.len() - 1)];
            format!("{}{}", &text[..boundaries[start]], &text[end..])
        }
        Edit::RepeatLine(at) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let line = at.index(lines.len());
            let mut out = String::with_capacity(text.len() + lines[line].len());
            for (index, text_line) in lines.iter().enumerate() {
                out.push_str(text_line);
                if index == line {
                    out.push_str(text_line);
                }
            }
            out
        }
    }
}

proptest! {
    #[test]
    fn generated_models_survive_export_and_parse(model in competency()) {
        let exported = to_markdown(&model);
        prop_assert_eq!(parse_str("generated.md", &exported), Ok(model), "{}", exported);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn mutated_files_parse_without_panicking_and_round_trip_when_valid(
        edits in prop::collection::vec(edit(), 1..5)
    ) {
        let text = edits.iter().fold(readme_example(), |text, edit| apply(&text, edit));
        if let Ok(competency) = parse_str("mutated.md", &text) {
            let exported = to_markdown(&competency);
            prop_assert_eq!(
                parse_str("mutated.md", &exported),
                Ok(competency),
                "input:\n{}\nexported:\n{}",
                text,
                exported
            );
        }
    }
}
