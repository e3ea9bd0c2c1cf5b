//! Benchmark (not a timed test): the PDF candidate summary for 5 raters ×
//! 8 competencies with notes and 3 answered references, made in process,
//! against headless Chromium printing an equivalent HTML page to PDF as a
//! whole process. Run with `cargo bench -p server --bench summary_pdf`.

/// The allocator of the `panelkit` binary (`src/main.rs`), so that the
/// figure is the server's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use app::model::{
    CompetencyRow, Decision, DecisionKind, PanelSummary, QuestionNote, Rater, RaterScore,
    Recommendation, ReferenceComment, ReferenceCommentAnswer,
};
use server::pdf::{Paper, candidate_summary};

mod support;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const COMPETENCIES: [&str; 8] = [
    "Customer Focus",
    "Communication",
    "Problem Solving",
    "Teamwork",
    "Integrity",
    "Adaptability",
    "Planning",
    "Leadership",
];
const RATERS: [&str; 5] = [
    "Zoë Nguyễn",
    "Łukasz Żółć",
    "O'Brien \"Bob\"",
    "Ελένη Παπαδοπούλου",
    "Amara Okafor",
];

/// The panel again, in Chinese, Japanese and Korean.
const CJK_RATERS: [&str; 5] = ["李娜", "山田 花子", "김민준", "佐藤 健", "이서연"];

fn note(rater: &str, competency: &str) -> String {
    format!(
        "{rater} on {competency}: the candidate described a **specific** situation, what they \
         did and what came of it. They *named* the people involved and the numbers.\n\n\
         - Asked clarifying questions first\n- Followed up in writing\n- Checked the outcome a week later"
    )
}

fn summary() -> PanelSummary {
    let raters: Vec<Rater> = RATERS
        .iter()
        .enumerate()
        .map(|(i, name)| Rater {
            interviewer_id: format!("u{i}"),
            name: (*name).to_owned(),
            stage_name: if i < 2 { "Screen" } else { "Panel" }.to_owned(),
            submitted_at: 1_790_000_000_000,
            amendments: 0,
            recommendation: Some(Recommendation::ALL[(i + 1) % 4]),
            summary: format!("{name}: **solid** candidate with clear examples."),
            summary_html: String::new(),
        })
        .collect();
    let competencies: Vec<CompetencyRow> = COMPETENCIES
        .iter()
        .enumerate()
        .map(|(c, name)| {
            let scores: Vec<RaterScore> = (0..5)
                .map(|r| {
                    let level = 1 + ((c + r * (c % 3)) % 5) as u8;
                    RaterScore {
                        rater: r,
                        level: Some(level),
                        not_assessed_reason: String::new(),
                        anchor: format!("Anchor for level {level}: acts on it with growing independence and reach."),
                        evidence: note(RATERS[r], name),
                        evidence_html: String::new(),
                        behaviors: vec!["Asks questions first".into(), "Follows up".into()],
                    }
                })
                .collect();
            let levels: Vec<u8> = scores.iter().filter_map(|s| s.level).collect();
            CompetencyRow {
                id: format!("c{c}"),
                name: (*name).to_owned(),
                required_level: 3 + (c % 2) as u8,
                weight: 1 + (c % 5) as u8,
                median: app::model::agreement::median(&levels),
                range: app::model::agreement::range(&levels),
                spread: app::model::agreement::spread(&levels),
                disagreement: app::model::agreement::disagree(&levels),
                scores,
                behaviors: vec![("Asks questions first".into(), 5), ("Follows up".into(), 5)],
                reference_mean: Some(3.5),
                reference_count: 3,
            }
        })
        .collect();
    let question_notes = (0..5)
        .flat_map(|r| {
            COMPETENCIES.iter().map(move |c| QuestionNote {
                rater: r,
                title: format!("Tell me about a time ({c})"),
                competency: (*c).to_owned(),
                rating: Some(3),
                notes: note(RATERS[r], c),
                notes_html: String::new(),
            })
        })
        .collect();
    let reference_comments = (0..3)
        .map(|i| ReferenceComment {
            referee: format!("Referee {}", i + 1),
            relationship: "Manager".into(),
            months_worked: 24,
            by_phone: i == 2,
            answers: COMPETENCIES
                .iter()
                .map(|c| ReferenceCommentAnswer {
                    competency: (*c).to_owned(),
                    question: format!("How did the candidate show {c}?"),
                    rating: Some(4),
                    cant_say: false,
                    text: "Reliable, thoughtful, and quick to ask for help when it mattered."
                        .into(),
                })
                .collect(),
        })
        .collect();
    PanelSummary {
        candidate_id: "cand".into(),
        candidate_name: "Zoë Nguyễn".into(),
        role_id: "role".into(),
        role_title: "Support Lead".into(),
        stages: vec!["Screen".into(), "Panel".into()],
        generated_at: 1_790_000_000_000,
        raters,
        competencies,
        question_notes,
        tally: Recommendation::ALL.iter().map(|r| (*r, 1)).collect(),
        references_threshold: 2,
        references_answered: 3,
        reference_comments,
        decisions: vec![Decision {
            decision: DecisionKind::Hire,
            rationale: "Strong across the panel; the **split** on leadership was discussed.".into(),
            decided_by: "Hana Hiring".into(),
            decided_at: 1_790_000_000_000,
        }],
        may_decide: false,
        version_notes: Vec::new(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The same content as an HTML page, as the browser would print it.
fn html(s: &PanelSummary) -> String {
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Candidate summary</title>\
         <style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;margin:20mm}\
         table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:3px 5px;vertical-align:top}\
         th{background:#dde5ef}.split{background:#eee;font-weight:bold}.bar{height:8px;background:#5b8fcc}</style></head><body>",
    );
    h += &format!(
        "<h1>{}</h1><p>{} · {}</p><h2>At a glance</h2><table>",
        esc(&s.candidate_name),
        esc(&s.role_title),
        s.stages.join(", ")
    );
    for c in &s.competencies {
        let w = c.median.unwrap_or(0.0) * 20.0;
        h += &format!(
            "<tr><td>{}</td><td style=\"width:60%\"><div class=\"bar\" style=\"width:{w}%\"></div></td><td>{} / {}</td></tr>",
            esc(&c.name),
            c.required_level,
            c.median.unwrap_or(0.0)
        );
    }
    h += "</table><h2>Competency × rater</h2><table><tr><th>Competency</th><th>Req.</th>";
    for r in &s.raters {
        h += &format!("<th>{}</th>", esc(&r.name));
    }
    h += "<th>Median</th><th>Spread</th></tr>";
    for c in &s.competencies {
        h += &format!("<tr><th>{}</th><td>{}</td>", esc(&c.name), c.required_level);
        for sc in &c.scores {
            h += &format!("<td>{}</td>", sc.level.unwrap_or(0));
        }
        h += &format!(
            "<td>{:.1}</td><td class=\"{}\">{}</td></tr>",
            c.median.unwrap_or(0.0),
            if c.disagreement { "split" } else { "" },
            c.spread.unwrap_or(0)
        );
    }
    h += "</table><h2>Ratings and evidence</h2>";
    for c in &s.competencies {
        h += &format!("<h3>{}</h3>", esc(&c.name));
        for sc in &c.scores {
            h += &format!(
                "<p><b>{}</b>: {} — {}</p><p>{}</p>",
                esc(&s.rater_label(sc.rater)),
                sc.level.unwrap_or(0),
                esc(&sc.anchor),
                esc(&sc.evidence)
            );
        }
    }
    h += "<h2>References</h2>";
    for r in &s.reference_comments {
        h += &format!("<h3>{}</h3><ul>", esc(&r.referee));
        for a in &r.answers {
            h += &format!(
                "<li>{} · {}: {} — {}</li>",
                esc(&a.competency),
                esc(&a.question),
                a.rating.unwrap_or(0),
                esc(&a.text)
            );
        }
        h += "</ul>";
    }
    h += "<h2>Interview notes</h2>";
    for n in &s.question_notes {
        h += &format!(
            "<h4>{} — {}</h4><p>{}</p>",
            esc(&s.rater_label(n.rater)),
            esc(&n.title),
            esc(&n.notes)
        );
    }
    h += "<h2>Decision</h2>";
    if let Some(d) = s.decision() {
        h += &format!("<p>{}: {}</p>", d.decision.label(), esc(&d.rationale));
    }
    h + "</body></html>"
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let s = summary();
    let out_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/tmp/summary-bench");
    std::fs::create_dir_all(&out_dir).expect("output folder");

    // Warm up (font parsing, allocator), then measure.
    let bytes = candidate_summary(&s, Paper::A4).expect("summary PDF");
    let runs = 50;
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let b = candidate_summary(&s, Paper::A4).expect("summary PDF");
            let elapsed = t.elapsed();
            std::hint::black_box(b);
            elapsed
        })
        .collect();
    let in_process = median(samples);
    let pdf_path = out_dir.join("summary.pdf");
    std::fs::write(&pdf_path, &bytes).expect("write PDF");
    println!(
        "in process: median {:.2} ms per PDF over {runs} runs; {} bytes ({:.1} KB); {}",
        in_process.as_secs_f64() * 1e3,
        bytes.len(),
        bytes.len() as f64 / 1024.0,
        pdf_path.display()
    );

    let ms = in_process.as_secs_f64() * 1e3;
    support::at_most("summary PDF, median in process", ms, 5.0, "ms");
    support::at_most(
        "summary PDF, file size",
        bytes.len() as f64 / 1024.0,
        150.0,
        "KB",
    );

    // The same summary with the candidate and the panel named in Chinese,
    // Japanese and Korean: the CJK face is subset to the glyphs used.
    let mut cjk = s.clone();
    cjk.candidate_name = "王小明".into();
    for (rater, name) in cjk.raters.iter_mut().zip(CJK_RATERS) {
        rater.name = name.into();
    }
    for (i, reference) in cjk.reference_comments.iter_mut().enumerate() {
        reference.referee = CJK_RATERS[i].into();
    }
    let cjk_bytes = candidate_summary(&cjk, Paper::A4).expect("CJK summary PDF");
    let cjk_time = median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(candidate_summary(&cjk, Paper::A4).expect("CJK summary PDF"));
                t.elapsed()
            })
            .collect(),
    );
    println!(
        "in process, CJK names: median {:.2} ms per PDF over {runs} runs; {} bytes ({:.1} KB)",
        cjk_time.as_secs_f64() * 1e3,
        cjk_bytes.len(),
        cjk_bytes.len() as f64 / 1024.0,
    );
    support::at_most(
        "summary PDF with CJK names, file size",
        cjk_bytes.len() as f64 / 1024.0,
        150.0,
        "KB",
    );

    let html_path = out_dir.join("summary.html");
    std::fs::write(&html_path, html(&s)).expect("write HTML");
    let chromium_pdf = out_dir.join("chromium.pdf");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let mut chrome_samples = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let status = Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", chromium_pdf.display()))
            .arg(format!("file://{}", html_path.display()))
            .output();
        match status {
            Ok(o) if o.status.success() => chrome_samples.push(t.elapsed()),
            Ok(o) => {
                println!(
                    "chromium failed: {}",
                    String::from_utf8_lossy(&o.stderr)
                        .lines()
                        .last()
                        .unwrap_or("")
                );
                support::report(
                    "summary PDF, Chromium ÷ in process",
                    "chromium failed",
                    "≥ 150×",
                    f64::NAN,
                    false,
                );
                return;
            }
            Err(e) => {
                println!("chromium not run ({e}); set CHROMIUM to its path to compare");
                support::report(
                    "summary PDF, Chromium ÷ in process",
                    "chromium not run",
                    "≥ 150×",
                    f64::NAN,
                    false,
                );
                return;
            }
        }
    }
    let chrome = median(chrome_samples);
    let chrome_size = std::fs::metadata(&chromium_pdf)
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "headless Chromium --print-to-pdf, whole process: median {:.0} ms over 5 runs; {} bytes ({:.1} KB)",
        chrome.as_secs_f64() * 1e3,
        chrome_size,
        chrome_size as f64 / 1024.0
    );
    let ratio = chrome.as_secs_f64() / in_process.as_secs_f64();
    println!("ratio: Chromium takes {ratio:.0}× as long as in process");
    support::at_least(
        &format!(
            "summary PDF, Chromium ({:.0} ms) ÷ in process",
            chrome.as_secs_f64() * 1e3
        ),
        ratio,
        150.0,
        "×",
    );
}
