//! The candidate slate on paper: every competency name and header word
//! prints whole, however many competencies a role has.

use app::model::{PipelineStatus, Slate, SlateCell, SlateColumn, SlateRow};
use server::pdf::{Paper, candidate_slate};

use super::{PdfFile, words};

const NAMES: [&str; 6] = [
    "Communication",
    "Customer Focus",
    "Problem Solving",
    "Adaptability",
    "Accountability and Integrity",
    "Planning and Organizing",
];

fn slate(competencies: usize) -> Slate {
    let columns: Vec<SlateColumn> = NAMES[..competencies]
        .iter()
        .enumerate()
        .map(|(i, name)| SlateColumn {
            id: format!("c{i}"),
            name: (*name).to_owned(),
            required_level: 3,
            weight: 2,
        })
        .collect();
    let cells = columns
        .iter()
        .map(|_| SlateCell {
            median: Some(3.5),
            split: true,
            raters: 3,
            reference_mean: Some(4.0),
        })
        .collect();
    Slate {
        role_id: "r".into(),
        role_title: "Support lead".into(),
        columns,
        rows: vec![SlateRow {
            candidate_id: "c".into(),
            name: "Ada Lovelace".into(),
            status: PipelineStatus::Interviewing,
            scorecards: 3,
            cells,
            overall: Some(3.5),
            decision: None,
        }],
        withheld: 0,
    }
}

#[test]
fn competency_names_and_headers_print_whole_with_few_or_many_competencies() {
    for n in [2, 3, 4, 6] {
        let text = PdfFile::new(&candidate_slate(&slate(n), Paper::A4).unwrap()).text();
        let found = words(&text);
        let expected = NAMES[..n].iter().flat_map(|name| name.split(' ')).chain([
            "Overall",
            "Candidate",
            "Ada",
            "Lovelace",
        ]);
        for word in expected {
            assert!(
                found
                    .iter()
                    .any(|w| w.trim_matches(['(', ')', ':', ',']) == word),
                "{n} competencies: {word:?} is not printed whole in:\n{text}"
            );
        }
    }
}

#[test]
fn many_competencies_are_keyed_by_number_above_the_table() {
    let text = PdfFile::new(&candidate_slate(&slate(6), Paper::A4).unwrap()).text();
    for i in 1..=6 {
        assert!(
            text.contains(&format!("C{i}")),
            "C{i} missing from:\n{text}"
        );
    }
    let few = PdfFile::new(&candidate_slate(&slate(3), Paper::A4).unwrap()).text();
    assert!(
        !few.contains("C1"),
        "three competencies need no key:\n{few}"
    );
}
