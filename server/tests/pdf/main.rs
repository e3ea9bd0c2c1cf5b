//! PDF building blocks end to end: documents rendered to bytes and read back
//! with poppler's `pdftotext` and `pdfinfo`, as a reader's tools see them.
//! Needs poppler-utils (`apt-get install -y poppler-utils`).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use server::pdf::{Cell, ChartRow, Column, Document, Paper, PdfError};

mod scripts;
mod slate;

const NAMES: [&str; 4] = [
    "Zoë Nguyễn",
    "Łukasz Żółć",
    "O'Brien \"Bob\"",
    "Ελένη Παπαδοπούλου",
];

/// A PDF written to a temporary file for the poppler tools, removed on drop.
struct PdfFile(PathBuf);

impl PdfFile {
    fn new(bytes: &[u8]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("panelkit-pdf-{}-{n}.pdf", std::process::id()));
        std::fs::write(&path, bytes).expect("temp dir is writable");
        Self(path)
    }

    fn run(&self, tool: &str, args: &[&str]) -> String {
        let output = Command::new(tool)
            .args(args)
            .arg(&self.0)
            .args(if tool == "pdftotext" { &["-"][..] } else { &[] })
            .output()
            .unwrap_or_else(|e| panic!("{tool} could not run ({e}); install poppler-utils"));
        assert!(output.status.success(), "{tool} failed: {output:?}");
        String::from_utf8(output.stdout).expect("poppler prints UTF-8")
    }

    /// The text of each page, as `pdftotext -layout` lays it out.
    fn pages(&self) -> Vec<String> {
        let text = self.run("pdftotext", &["-layout", "-enc", "UTF-8"]);
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        pages
    }

    fn text(&self) -> String {
        self.pages().join("\n")
    }

    fn info(&self, field: &str) -> String {
        self.info_with(field, &[])
    }

    /// A date field of `pdfinfo -isodates`, e.g. `2026-03-15T10:20:30Z`.
    fn iso_info(&self, field: &str) -> String {
        self.info_with(field, &["-isodates"])
    }

    fn info_with(&self, field: &str, args: &[&str]) -> String {
        let info = self.run("pdfinfo", args);
        info.lines()
            .find_map(|l| l.strip_prefix(&format!("{field}:")))
            .unwrap_or_else(|| panic!("pdfinfo has no {field}: {info}"))
            .trim()
            .to_string()
    }
}

impl Drop for PdfFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Deterministic, varied prose: `n` paragraphs with some **bold** and
/// *italic* words.
fn long_notes(n: usize) -> String {
    let vocabulary = [
        "candidate",
        "described",
        "the",
        "incident",
        "calmly",
        "and",
        "named",
        "trade-offs",
        "between",
        "speed",
        "correctness",
        "rollback",
        "she",
        "asked",
        "about",
        "on-call",
        "load",
        "numbers",
        "Zoë",
        "Żółć",
        "Ελένη",
        "observed",
        "behavior",
        "anchor",
        "level",
    ];
    (0..n)
        .map(|p| {
            (0..45 + p % 17)
                .map(|w| {
                    let word = vocabulary[(p * 7 + w * 13) % vocabulary.len()];
                    match (p + w) % 11 {
                        0 => format!("**{word}**"),
                        5 => format!("*{word}*"),
                        _ => word.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn names_in_every_script_come_out_exactly() {
    let mut doc = Document::new(Paper::A4, "Panel");
    doc.heading(2, NAMES[0])
        .paragraph(&NAMES.join(", "))
        .key_values(&NAMES.map(|n| ("Interviewer", n)))
        .table(
            &[Column::new("Name", 1.0), Column::new("Rating", 1.0)],
            NAMES
                .iter()
                .map(|n| vec![Cell::new(*n), Cell::new("3")])
                .collect(),
        );
    let pdf = PdfFile::new(&doc.to_bytes().unwrap());

    let text = pdf.text();
    assert!(text.contains(&NAMES.join(", ")), "{text}");
    for name in NAMES {
        assert!(
            text.matches(name).count() >= 3,
            "{name} should appear 3 times in\n{text}"
        );
    }
}

#[test]
fn long_markdown_notes_span_pages_numbered_against_the_total_and_keep_every_word() {
    let notes = long_notes(40);
    let mut doc = Document::new(Paper::Letter, "Notes");
    doc.running_header("Running header").markdown(&notes);
    let bytes = doc.to_bytes().unwrap();
    let pdf = PdfFile::new(&bytes);

    let pages = pdf.pages();
    let total = pages.len();
    assert!(total >= 3, "40 paragraphs take several pages, got {total}");
    assert_eq!(doc.page_count().unwrap(), total);
    let mut body = String::new();
    for (i, page) in pages.iter().enumerate() {
        let footer = format!("Page {} of {total}", i + 1);
        assert!(
            page.contains(&footer),
            "page {} lacks {footer:?}:\n{page}",
            i + 1
        );
        for line in page.lines() {
            let line = line.trim();
            if line != "Running header" && line != footer {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    assert_eq!(words(&body), words(&notes.replace('*', "")));
}

#[test]
fn cjk_text_prints_in_the_cjk_face_beside_dejavu_text() {
    let mut doc = Document::new(Paper::A4, "Fallback");
    doc.paragraph("面试官 said: well done, 山田さん and 김민준")
        .markdown("**面** bold");
    let bytes = doc.to_bytes().unwrap();
    let pdf = PdfFile::new(&bytes);
    let text = pdf.text();
    assert!(
        text.contains("面试官 said: well done, 山田さん and 김민준"),
        "{text}"
    );
    assert!(text.contains("面 bold"), "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
    let fonts = pdf.run("pdffonts", &[]);
    assert!(fonts.contains("DroidSansFallback"), "{fonts}");
    // Subset: a few glyphs of the 4 MB face, not the face.
    assert!(bytes.len() < 60 * 1024, "{} bytes", bytes.len());
}

#[test]
fn a_document_without_cjk_does_not_embed_the_cjk_face() {
    let mut doc = Document::new(Paper::A4, "Latin");
    doc.paragraph("Zoë Nguyễn, Ελένη");
    let fonts = PdfFile::new(&doc.to_bytes().unwrap()).run("pdffonts", &[]);
    assert!(!fonts.contains("Droid"), "{fonts}");
}

#[test]
fn the_title_becomes_pdf_metadata() {
    let doc = Document::new(Paper::A4, "Candidate summary — Ελένη Παπαδοπούλου");
    let pdf = PdfFile::new(&doc.to_bytes().unwrap());
    assert_eq!(pdf.info("Title"), "Candidate summary — Ελένη Παπαδοπούλου");
    assert_eq!(pdf.info("Pages"), "1");
}

#[test]
fn a_document_of_a_few_pages_with_every_element_stays_small() {
    let mut doc = Document::new(Paper::A4, "Every element");
    doc.heading(1, "Summary")
        .key_values(&[("Candidate", NAMES[3]), ("Role", "Engineer")])
        .level_chart(&[
            ChartRow {
                label: "Problem solving".into(),
                required: Some(4),
                observed: Some(3.7),
                spread: Some((3, 5)),
            },
            ChartRow {
                label: "Mentoring".into(),
                required: Some(2),
                ..ChartRow::default()
            },
        ])
        .table(
            &[Column::new("Level", 1.0), Column::new("Anchor", 5.0)],
            (1..=5)
                .map(|l| vec![Cell::bold(l.to_string()).shaded(), Cell::new("Anchor text")])
                .collect(),
        )
        .bullets(&["probe one", "probe two"])
        .ruled_lines(4)
        .spacer(20.0)
        .rule()
        .page_break()
        .markdown(&long_notes(20))
        .ruled_lines_to_page_end();
    let bytes = doc.to_bytes().unwrap();
    let pdf = PdfFile::new(&bytes);

    assert!(pdf.pages().len() >= 3);
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let text = pdf.text();
    for expected in [
        "Req.",
        "Obs.",
        "3.7 (3–5)",
        "Required level",
        "Anchor text",
        "• probe two",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from\n{text}");
    }
}

#[test]
fn the_table_header_is_repeated_on_every_page_it_spans() {
    let mut doc = Document::new(Paper::A4, "Anchors");
    doc.table(
        &[Column::new("Level", 1.0), Column::new("Anchor", 5.0)],
        (0..150)
            .map(|i| vec![Cell::new(i.to_string()), Cell::new(format!("row {i}"))])
            .collect(),
    );
    let pages = PdfFile::new(&doc.to_bytes().unwrap()).pages();
    assert!(pages.len() >= 3);
    for page in &pages {
        assert!(page.contains("Level") && page.contains("Anchor"), "{page}");
    }
    let all = pages.join("\n");
    assert!(
        (0..150).all(|i| all.contains(&format!("row {i}\n")) || all.contains(&format!("row {i} ")))
    );
}

#[test]
fn invalid_input_is_an_error_not_a_broken_file() {
    let mut doc = Document::new(Paper::A4, "Bad");
    doc.level_chart(&[ChartRow {
        label: "Ownership".into(),
        required: Some(7),
        ..ChartRow::default()
    }]);
    let err = doc.to_bytes().unwrap_err();
    assert!(matches!(err, PdfError::ChartLevel { .. }), "{err}");
    assert_eq!(err.status_code(), http::StatusCode::INTERNAL_SERVER_ERROR);
}
