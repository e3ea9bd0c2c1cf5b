//! Writes a sample interviewer packet and candidate summary using every
//! PDF building block, and prints size and time per file.
//!
//! `cargo run -p server --example pdf_sample [-- OUT_DIR]` (default
//! `target/pdf-sample`); view with `pdftoppm -png -r 60 FILE prefix`.

use std::time::Instant;

use server::pdf::{Cell, ChartRow, Column, Document, Paper};

fn anchors_table(doc: &mut Document) {
    let anchors = [
        "Needs the problem framed for them; solutions address symptoms.",
        "Solves well-defined problems with guidance; checks some alternatives.",
        "Breaks down ambiguous problems independently and weighs trade-offs explicitly.",
        "Anticipates second-order effects; brings data to decisions; unblocks others.",
        "Reframes problems for the organisation; their approach becomes the team's default.",
    ];
    let rows = anchors
        .iter()
        .enumerate()
        .map(|(i, a)| vec![Cell::bold((i + 1).to_string()).shaded(), Cell::new(*a)])
        .collect();
    doc.table(
        &[Column::new("Level", 0.7), Column::new("Anchor", 6.0)],
        rows,
    );
}

fn packet() -> Document {
    let mut doc = Document::new(Paper::A4, "Interviewer packet — Zoë Nguyễn");
    doc.heading(1, "Interviewer packet").key_values(&[
        ("Candidate", "Zoë Nguyễn"),
        ("Role", "Senior Backend Engineer"),
        ("Stage", "Onsite, technical deep dive"),
        ("Interviewer", "Łukasz Żółć"),
        ("Co-interviewer", "O'Brien \"Bob\""),
    ]);
    doc.paragraph(
        "Ask every question as written. Use probes only to get to the behavior; \
         write down what the candidate did, not your impression of it.",
    );
    for (n, (competency, question)) in [
        (
            "Problem solving",
            "Tell me about a time you had to fix a problem whose cause was unclear. \
             How did you find it, and what did you do once you had?",
        ),
        (
            "Ownership",
            "Describe a project you took over after it had gone wrong. What did you change first?",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        if n > 0 {
            doc.page_break();
        }
        doc.heading(2, &format!("{}. {competency}", n + 1));
        doc.markdown(&format!("**Question.** {question}"));
        doc.heading(3, "Probes");
        doc.bullets(&[
            "What was your role, and who else was involved?",
            "What options did you consider and reject? Why?",
            "What happened in the end? How do you know?",
        ]);
        doc.heading(3, "Proficiency levels");
        anchors_table(&mut doc);
        doc.heading(3, "Notes");
        doc.ruled_lines_to_page_end();
    }
    doc
}

fn summary() -> Document {
    let mut doc = Document::new(Paper::Letter, "Candidate summary — Ελένη Παπαδοπούλου");
    doc.running_header(
        "Candidate summary · Ελένη Παπαδοπούλου · Senior Backend Engineer · confidential",
    );
    doc.heading(1, "Candidate summary").key_values(&[
        ("Candidate", "Ελένη Παπαδοπούλου"),
        ("Role", "Senior Backend Engineer"),
        ("Panel", "Zoë Nguyễn, Łukasz Żółć, O'Brien \"Bob\""),
        ("Decision due", "Friday"),
    ]);
    doc.heading(2, "Required and observed levels");
    doc.level_chart(&[
        ChartRow {
            label: "Problem solving".into(),
            required: Some(4),
            observed: Some(4.3),
            spread: Some((4, 5)),
        },
        ChartRow {
            label: "Ownership".into(),
            required: Some(3),
            observed: Some(2.7),
            spread: Some((2, 3)),
        },
        ChartRow {
            label: "Communicating with non-technical stakeholders under time pressure".into(),
            required: Some(3),
            observed: Some(3.0),
            spread: Some((1, 5)),
        },
        ChartRow {
            label: "Systems design".into(),
            required: Some(5),
            observed: Some(3.5),
            spread: None,
        },
        ChartRow {
            label: "Mentoring".into(),
            required: Some(2),
            observed: None,
            spread: None,
        },
    ]);
    doc.heading(2, "Ratings by interviewer");
    let columns = [
        Column::new("Competency", 2.4),
        Column::new("Zoë Nguyễn", 1.0),
        Column::new("Łukasz Żółć", 1.0),
        Column::new("O'Brien \"Bob\"", 1.0),
        Column::new("Mean", 0.8),
    ];
    let rows = [
        ("Problem solving", ["4", "5", "4"], "4.3"),
        ("Ownership", ["3", "2", "3"], "2.7"),
        (
            "Communicating with non-technical stakeholders",
            ["1", "5", "3"],
            "3.0",
        ),
        ("Systems design", ["3", "4", "—"], "3.5"),
        ("Mentoring", ["—", "—", "—"], "—"),
    ]
    .into_iter()
    .map(|(name, ratings, mean)| {
        let mut row = vec![Cell::bold(name)];
        row.extend(ratings.into_iter().map(Cell::from));
        row.push(Cell::bold(mean).shaded());
        row
    })
    .collect();
    doc.table(&columns, rows);
    doc.heading(2, "Notes");
    doc.markdown(
        "Strong **debugging narrative**: she *bisected* the deploy history before touching code.\n\
         Hard break here:  \nnext line.\n\n\
         - Clear about trade-offs\n- Asked good questions about the **on-call** rotation\n  \
         1. nested numbered\n  2. second\n\n\
         <div>raw HTML is ignored</div>\n\n\
         See [the guide](https://example.invalid/guide). Unsupported script: 面试官.\n\n\
         ---\n\n\
         > A quoted remark from the debrief.",
    );
    doc.spacer(12.0).rule().paragraph("End of summary.");
    doc
}

/// Page breaks inside a chart and a table, a row taller than a page, and
/// text the fonts cannot draw.
fn stress() -> Document {
    let mut doc = Document::new(Paper::A4, "Layout stress test");
    doc.heading(1, "Page breaks inside blocks");
    doc.paragraph(&"Filler text to push the chart down the page. ".repeat(40));
    let rows: Vec<ChartRow> = (1..=14u8)
        .map(|i| ChartRow {
            label: format!("Competency {i}"),
            required: Some(i % 5 + 1),
            observed: Some(1.0 + f32::from(i % 9) / 2.0),
            spread: Some((1, i % 5 + 1)),
        })
        .collect();
    doc.level_chart(&rows);
    let long = "A very long anchor that keeps going. ".repeat(160);
    let rows = (1..=8)
        .map(|i| {
            let text = if i == 4 {
                long.clone()
            } else {
                format!("Anchor {i}")
            };
            vec![Cell::bold(i.to_string()).shaded(), Cell::new(text)]
        })
        .collect();
    doc.table(
        &[Column::new("Level", 0.7), Column::new("Anchor", 6.0)],
        rows,
    );
    doc.markdown("Emoji 😀, Hebrew שלום, CJK 面试官, soft\u{00AD}hyphen, a_very_long_identifier_without_any_spaces_that_must_break_somewhere_because_it_is_longer_than_the_line_itself.");
    doc
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/pdf-sample".to_string());
    std::fs::create_dir_all(&dir)?;
    for (name, doc) in [
        ("packet.pdf", packet()),
        ("summary.pdf", summary()),
        ("stress.pdf", stress()),
    ] {
        let runs = 5;
        let start = Instant::now();
        let mut pages = 0;
        for _ in 0..runs {
            pages = doc.page_count()?;
        }
        let layout = start.elapsed() / runs;
        let start = Instant::now();
        let mut bytes = Vec::new();
        for _ in 0..runs {
            bytes = doc.to_bytes()?;
        }
        let total = start.elapsed() / runs;
        let path = format!("{dir}/{name}");
        std::fs::write(&path, &bytes)?;
        println!(
            "{path}: {pages} pages, {} KB, {total:.1?} per file ({layout:.1?} of it layout)",
            bytes.len() / 1024
        );
    }
    Ok(())
}
