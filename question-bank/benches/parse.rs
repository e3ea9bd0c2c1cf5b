//! Parses 1,000 generated competency files (realistic size) and prints the
//! total time, the time per file and the throughput.
//!
//! Run with `cargo bench -p question-bank`. No harness: a plain `main` timing
//! with `Instant`, a warm-up pass, then the best and median of five runs.

use question_bank::{
    Anchor, Competency, InterviewQuestion, KeyElement, Level, QuestionKind, ReferenceQuestion,
    parse_str, to_markdown,
};
use std::hint::black_box;
use std::time::{Duration, Instant};

const FILES: usize = 1_000;
const RUNS: usize = 5;

/// Deterministic pseudo-random words (xorshift), so every run parses the same
/// files.
struct Words(u64);

const VOCABULARY: &[&str] = &[
    "customer",
    "service",
    "team",
    "listens",
    "follows",
    "up",
    "needs",
    "problem",
    "clearly",
    "agrees",
    "plans",
    "explains",
    "the",
    "and",
    "with",
    "their",
    "before",
    "after",
    "result",
    "colleague",
    "process",
    "improves",
    "feedback",
    "commitment",
    "keeps",
    "asks",
    "why",
    "priorities",
    "changes",
    "quickly",
    "measures",
    "shares",
    "learns",
    "options",
    "decision",
    "organization",
    "policy",
    "example",
    "situation",
    "handled",
    "independently",
    "others",
];

impl Words {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % 1_000_003).unwrap_or(0)
    }

    /// A sentence of `count` words, capitalized, with a full stop.
    fn sentence_of(&mut self, min: usize, spread: usize) -> String {
        let count = min + self.next() % spread;
        self.sentence(count)
    }

    fn sentence(&mut self, count: usize) -> String {
        let mut sentence = String::new();
        for index in 0..count {
            if index > 0 {
                sentence.push(' ');
            }
            sentence.push_str(VOCABULARY[self.next() % VOCABULARY.len()]);
        }
        let mut chars = sentence.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase());
        format!(
            "{}{}.",
            first.map(String::from).unwrap_or_default(),
            chars.as_str()
        )
    }

    /// Markdown paragraphs of a few sentences, wrapped at about 80 columns.
    fn paragraphs(&mut self, count: usize, sentences: usize) -> String {
        let mut paragraphs = Vec::with_capacity(count);
        for _ in 0..count {
            let text: Vec<String> = (0..sentences).map(|_| self.sentence_of(8, 10)).collect();
            paragraphs.push(wrap(&text.join(" ")));
        }
        paragraphs.join("\n\n")
    }

    fn items_of(&mut self, min: usize, spread: usize) -> Vec<String> {
        let count = min + self.next() % spread;
        self.items(count)
    }

    fn items(&mut self, count: usize) -> Vec<String> {
        (0..count).map(|_| self.sentence_of(6, 12)).collect()
    }
}

/// Wraps text at about 80 columns, as authors do.
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    for word in text.split(' ') {
        if column > 0 && column + word.len() > 79 {
            out.push('\n');
            column = 0;
        } else if column > 0 {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out
}

/// One bank of the size of the shipped ones: ten key elements, five anchors,
/// eight interview questions, four reference questions.
fn generate(index: usize, words: &mut Words) -> String {
    let id = format!("competency-{index}");
    let element_ids: Vec<String> = (0..10).map(|n| format!("c{index}-element-{n}")).collect();
    let competency = Competency {
        id: id.clone(),
        name: format!("Competency {index}"),
        definition: words.paragraphs(2, 3),
        importance: words.paragraphs(3, 2),
        key_elements: element_ids
            .iter()
            .map(|element_id| KeyElement {
                id: element_id.clone(),
                name: words.sentence(5).trim_end_matches('.').to_string(),
                behaviors: words.items_of(4, 5),
            })
            .collect(),
        anchors: Level::ALL
            .into_iter()
            .map(|level| Anchor {
                level,
                text: words.paragraphs(1, 4),
            })
            .collect(),
        reference_anchors: Level::ALL
            .into_iter()
            .map(|level| Anchor {
                level,
                text: words.paragraphs(1, 2),
            })
            .collect(),
        interview_questions: (0..8)
            .map(|n| InterviewQuestion {
                id: format!("c{index}-q-{n}"),
                title: words.sentence(4).trim_end_matches('.').to_string(),
                kind: if n % 3 == 0 {
                    QuestionKind::Situational
                } else {
                    QuestionKind::Behavioral
                },
                targets: element_ids.iter().skip(n).take(3).cloned().collect(),
                text: words.paragraphs(1, 2),
                probes: words.items(3),
                listen_for: words.items(4),
            })
            .collect(),
        reference_questions: (0..4)
            .map(|n| ReferenceQuestion {
                id: format!("c{index}-r-{n}"),
                title: words.sentence(3).trim_end_matches('.').to_string(),
                targets: element_ids.iter().skip(2 * n).take(2).cloned().collect(),
                text: wrap(&format!(
                    "{} How did {{candidate}} handle it?",
                    words.sentence(14)
                )),
            })
            .collect(),
        development_activities: words.items(7),
        qualification_statement: words.paragraphs(1, 2),
        outreach_ideas: words.items(2),
        provenance: words.paragraphs(1, 1),
        calibration_samples: Vec::new(),
    };
    to_markdown(&competency)
}

fn parse_all(files: &[(String, String)]) -> Duration {
    let start = Instant::now();
    for (name, text) in files {
        match parse_str(name, text) {
            Ok(competency) => {
                black_box(competency);
            }
            Err(errors) => panic!("generated bank {name} does not parse: {}", errors[0]),
        }
    }
    start.elapsed()
}

fn main() {
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    let files: Vec<(String, String)> = (0..FILES)
        .map(|index| (format!("bank-{index:04}.md"), generate(index, &mut words)))
        .collect();
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
    println!(
        "{FILES} generated banks, {:.2} MB in total, {:.1} KB per file on average",
        bytes as f64 / 1e6,
        bytes as f64 / FILES as f64 / 1e3
    );

    parse_all(&files); // warm-up
    let mut runs: Vec<Duration> = (0..RUNS).map(|_| parse_all(&files)).collect();
    runs.sort();
    for (label, total) in [("best", runs[0]), ("median", runs[RUNS / 2])] {
        println!(
            "{label:>6} of {RUNS}: total {:.1} ms, {:.1} µs per file, {:.1} MB/s",
            total.as_secs_f64() * 1e3,
            total.as_secs_f64() * 1e6 / FILES as f64,
            bytes as f64 / 1e6 / total.as_secs_f64()
        );
    }
}
