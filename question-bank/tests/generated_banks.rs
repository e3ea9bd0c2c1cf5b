//! Generated bank *files*, written the many ways an author might (list
//! markers, blank lines, CRLF line endings, non-breaking spaces, comments,
//! rules): whatever the checker accepts must export to a file it accepts
//! again, with the same model and the same content hash; invisible content
//! must never be accepted as a field.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use question_bank::{model_hash, parse_str, to_markdown};

/// A Markdown field as an author might write it; some variants show nothing.
fn field() -> impl Strategy<Value = String> {
    let word = "[A-Za-z][a-z0-9'.,;?!()]{0,8}";
    let text = prop::collection::vec(word, 1..6).prop_map(|words| words.join(" "));
    prop_oneof![
        24 => text.clone(),
        2 => (text.clone(), text.clone()).prop_map(|(a, b)| format!("{a}\n\n{b}")),
        1 => text.clone().prop_map(|t| format!("{t}\n\n<!-- a note -->")),
        1 => text.clone().prop_map(|t| format!("<!-- a note -->\n\n{t}")),
        1 => text.clone().prop_map(|t| format!("{t}\n\n---")),
        1 => text.clone().prop_map(|t| format!("\u{a0}{t}\u{a0}")),
        1 => text.prop_map(|t| format!("- {t}\n- {t}")),
        1 => invisible(),
    ]
}

/// Content a reader cannot see.
fn invisible() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\u{a0}",
        "\u{a0}\u{a0}\u{3000}",
        "\u{200b}",
        "<!-- nothing yet -->",
        "---",
        "***",
        "<!-- a -->\n\n---",
        "&nbsp;",
    ])
    .prop_map(str::to_string)
}

/// A plain-text item; sometimes padded with non-breaking spaces.
fn item() -> impl Strategy<Value = String> {
    let words =
        prop::collection::vec("[A-Za-z][a-z0-9,']{0,8}", 1..5).prop_map(|words| words.join(" "));
    prop_oneof![
        8 => words.clone(),
        1 => words.prop_map(|w| format!("\u{a0}{w}")),
    ]
}

/// How a file is laid out: list marker, blank lines between blocks, line
/// ending.
#[derive(Clone, Debug)]
struct Layout {
    marker: &'static str,
    gap: &'static str,
    crlf: bool,
}

fn layout() -> impl Strategy<Value = Layout> {
    (
        prop::sample::select(vec!["-", "*", "+", "1."]),
        prop::sample::select(vec!["\n\n", "\n\n\n"]),
        any::<bool>(),
    )
        .prop_map(|(marker, gap, crlf)| Layout { marker, gap, crlf })
}

/// The pieces of one generated bank.
#[derive(Clone, Debug)]
struct Bank {
    definition: String,
    importance: String,
    behaviors: Vec<Vec<String>>,
    anchors: Vec<String>,
    questions: Vec<(String, Vec<String>, Vec<String>)>,
    references: Vec<String>,
    activities: Vec<String>,
    statement: Option<String>,
}

fn bank() -> impl Strategy<Value = Bank> {
    (
        (field(), field()),
        prop::collection::vec(prop::collection::vec(item(), 1..3), 1..3),
        prop::collection::vec(field(), 5),
        prop::collection::vec(
            (
                field(),
                prop::collection::vec(item(), 1..3),
                prop::collection::vec(item(), 0..2),
            ),
            1..3,
        ),
        prop::collection::vec(
            prop_oneof![
                6 => field().prop_map(|f| format!("How did {{candidate}} cope?\n\n{f}")),
                1 => invisible(),
            ],
            1..3,
        ),
        prop::collection::vec(item(), 0..3),
        prop::option::of(field()),
    )
        .prop_map(
            |(
                (definition, importance),
                behaviors,
                anchors,
                questions,
                references,
                activities,
                statement,
            )| Bank {
                definition,
                importance,
                behaviors,
                anchors,
                questions,
                references,
                activities,
                statement,
            },
        )
}

/// Writes a bank file from its pieces with the given layout.
fn write(bank: &Bank, layout: &Layout) -> String {
    let Layout { marker, gap, crlf } = layout;
    let list = |items: &[String]| {
        items
            .iter()
            .map(|item| format!("{marker} {item}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut blocks: Vec<String> = vec![
        "# Generated {#gen}".into(),
        "## Definition".into(),
        bank.definition.clone(),
        "## Why it matters".into(),
        bank.importance.clone(),
        "## Key elements".into(),
    ];
    for (index, behaviors) in bank.behaviors.iter().enumerate() {
        blocks.push(format!("### Element {index} {{#gen-e{index}}}"));
        blocks.push(list(behaviors));
    }
    blocks.push("## Proficiency levels".into());
    for (name, anchor) in ["Entry", "Developing", "Independent", "Advanced", "Expert"]
        .iter()
        .zip(&bank.anchors)
    {
        blocks.push(format!("### {name}"));
        blocks.push(anchor.clone());
    }
    blocks.push("## Interview questions".into());
    for (index, (text, probes, listen_for)) in bank.questions.iter().enumerate() {
        blocks.push(format!("### Question {index} {{#gen-q{index}}}"));
        blocks.push("Type: behavioral\nTargets: gen-e0".into());
        blocks.push(text.clone());
        blocks.push("Probes:".into());
        blocks.push(list(probes));
        if !listen_for.is_empty() {
            blocks.push("Listen for:".into());
            blocks.push(list(listen_for));
        }
    }
    blocks.push("## Reference questions".into());
    for (index, text) in bank.references.iter().enumerate() {
        blocks.push(format!("### Reference {index} {{#gen-r{index}}}"));
        blocks.push(text.clone());
    }
    if !bank.activities.is_empty() {
        blocks.push("## Development activities".into());
        blocks.push(list(&bank.activities));
    }
    if let Some(statement) = &bank.statement {
        blocks.push("## Recruiting notes".into());
        blocks.push("### Qualification statement".into());
        blocks.push(statement.clone());
    }
    let text = blocks.join(gap) + "\n";
    if *crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_accepted_file_exports_to_an_accepted_file_with_the_same_model(
        bank in bank(),
        layout in layout(),
    ) {
        let text = write(&bank, &layout);
        if let Ok(model) = parse_str("gen.md", &text) {
            let exported = to_markdown(&model);
            let again = parse_str("gen.md", &exported);
            prop_assert_eq!(again.as_ref(), Ok(&model), "input:\n{}\nexported:\n{}", text, exported);
            prop_assert_eq!(model_hash(&model), model_hash(&again.unwrap_or_default()));
            // Every Markdown field holds something visible.
            let fields = [&model.definition, &model.importance]
                .into_iter()
                .chain(model.anchors.iter().map(|a| &a.text))
                .chain(model.interview_questions.iter().map(|q| &q.text))
                .chain(model.reference_questions.iter().map(|q| &q.text));
            for field in fields {
                prop_assert!(
                    field.chars().any(|c| !c.is_whitespace() && c != '\u{200b}'),
                    "invisible field {:?} accepted in:\n{}", field, text
                );
            }
        }
    }

    #[test]
    fn a_field_with_only_invisible_content_is_rejected_at_its_heading(
        bank in bank(),
        layout in layout(),
        hidden in invisible(),
        which in 0usize..4,
    ) {
        let mut bank = bank;
        match which {
            0 => bank.definition = hidden,
            1 => bank.anchors[4] = hidden,
            2 => bank.questions[0].0 = hidden,
            _ => bank.references[0] = hidden,
        }
        let text = write(&bank, &layout);
        let errors = parse_str("gen.md", &text).unwrap_err();
        let wanted = ["section \"Definition\" is empty", "level \"Expert\" has no anchor text",
            "question gen-q0 has no question text", "reference question gen-r0 has no question text"][which];
        prop_assert!(
            errors.iter().any(|e| e.message.starts_with(wanted)),
            "{:?} not among {:?}", wanted, errors
        );
    }

    #[test]
    fn line_endings_and_layout_do_not_change_a_banks_identity(
        bank in bank(),
        first in layout(),
        second in layout(),
    ) {
        let (a, b) = (parse_str("gen.md", &write(&bank, &first)), parse_str("gen.md", &write(&bank, &second)));
        if let (Ok(a), Ok(b)) = (a, b) {
            prop_assert_eq!(model_hash(&a), model_hash(&b));
        }
    }
}

#[test]
fn the_generator_produces_accepted_files() {
    // Guard against a generator that only ever produces rejected files,
    // which would make the round-trip property vacuous.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = (bank(), layout());
    let accepted = (0..200)
        .filter(|_| {
            let (bank, layout) = strategy.new_tree(&mut runner).unwrap().current();
            parse_str("gen.md", &write(&bank, &layout)).is_ok()
        })
        .count();
    assert!(
        accepted >= 20,
        "only {accepted} of 200 generated files were accepted"
    );
}
