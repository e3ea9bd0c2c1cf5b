//! The two documents Panelkit prints — the candidate summary and the
//! interviewer packet — with names in Chinese, Japanese, Korean, Greek and
//! Vietnamese, read back with poppler; characters no font has; metadata.

use app::model::{
    CompetencyRow, CompetencySnapshot, GuideQuestion, GuideQuestionKind, PanelSummary,
    PublishedGuide, QuestionNote, Rater, RaterScore, Recommendation, ReferenceComment,
    ReferenceCommentAnswer, Section, Stage,
};
use question_bank::{Anchor, Level};
use server::pdf::{PacketFor, Paper, candidate_summary, interviewer_packet};

use super::PdfFile;

/// A candidate, an interviewer and a referee in each script.
const PEOPLE: [(&str, &str, &str, &str); 5] = [
    ("Chinese", "王小明", "李娜", "张伟"),
    ("Japanese", "山田 花子", "佐藤 健", "すずき ゆうこ"),
    ("Korean", "김민준", "이서연", "박지훈"),
    (
        "Greek",
        "Ελένη Παπαδοπούλου",
        "Νίκος Γεωργίου",
        "Μαρία Κωνσταντίνου",
    ),
    (
        "Vietnamese",
        "Nguyễn Thị Thu Hà",
        "Trần Văn Đức",
        "Lê Hoàng Phúc",
    ),
];

/// 2026-03-15 10:20:30 UTC.
const GENERATED_AT: i64 = 1_773_570_030_000;

fn summary(candidate: &str, rater: &str, referee: &str) -> PanelSummary {
    let levels = [3u8, 4];
    PanelSummary {
        candidate_id: "c1".into(),
        candidate_name: candidate.into(),
        role_id: "r1".into(),
        role_title: "Support Lead".into(),
        stages: vec!["Panel".into()],
        generated_at: GENERATED_AT,
        raters: vec![Rater {
            interviewer_id: "u1".into(),
            name: rater.into(),
            stage_name: "Panel".into(),
            submitted_at: GENERATED_AT,
            amendments: 0,
            recommendation: Some(Recommendation::ALL[2]),
            summary: format!("{rater} recommends {candidate}."),
            summary_html: String::new(),
        }],
        competencies: vec![CompetencyRow {
            id: "customer-focus".into(),
            name: "Customer Focus".into(),
            required_level: 3,
            weight: 2,
            scores: vec![RaterScore {
                rater: 0,
                level: Some(levels[0]),
                not_assessed_reason: String::new(),
                anchor: "Acts on customer needs without prompting.".into(),
                evidence: format!("{candidate} called the customer back."),
                evidence_html: String::new(),
                behaviors: vec![],
            }],
            median: app::model::agreement::median(&levels[..1]),
            range: app::model::agreement::range(&levels[..1]),
            spread: app::model::agreement::spread(&levels[..1]),
            disagreement: false,
            behaviors: vec![],
            reference_mean: Some(4.0),
            reference_count: 2,
        }],
        question_notes: vec![QuestionNote {
            rater: 0,
            title: "Tell me about a difficult customer".into(),
            competency: "Customer Focus".into(),
            rating: Some(3),
            notes: format!("{candidate}: listened first."),
            notes_html: String::new(),
        }],
        tally: vec![(Recommendation::ALL[2], 1)],
        references_threshold: 1,
        references_answered: 1,
        reference_comments: vec![ReferenceComment {
            referee: referee.into(),
            relationship: "Manager".into(),
            months_worked: 18,
            by_phone: false,
            answers: vec![ReferenceCommentAnswer {
                competency: "Customer Focus".into(),
                question: format!("How did {candidate} treat customers?"),
                rating: Some(4),
                cant_say: false,
                text: format!("{referee}: always kind."),
            }],
        }],
        decisions: vec![],
        may_decide: false,
        version_notes: Vec::new(),
    }
}

fn guide() -> PublishedGuide {
    let competency = |id: &str, name: &str| CompetencySnapshot {
        id: id.into(),
        name: name.into(),
        required_level: 3,
        weight: 1,
        anchors: Level::ALL
            .iter()
            .map(|l| Anchor {
                level: *l,
                text: format!("What level {} sounds like.", l.as_u8()),
            })
            .collect(),
        reference_anchors: vec![],
        key_elements: vec![],
    };
    let section = |id: &str| Section {
        id: format!("s-{id}"),
        competency_id: id.into(),
        minutes: 15,
        questions: vec![GuideQuestion {
            id: format!("q-{id}"),
            bank_id: None,
            bank_version: None,
            kind: GuideQuestionKind::Behavioral,
            competency_id: id.into(),
            title: "A hard week".into(),
            text: "Tell me about a hard week.".into(),
            probes: vec!["What did you do first?".into()],
            listen_for: vec!["Specific actions".into()],
        }],
    };
    PublishedGuide {
        id: "v1".into(),
        role_id: "r1".into(),
        role_title: "Support Lead".into(),
        version: 2,
        published_at: GENERATED_AT,
        competencies: vec![
            competency("customer-focus", "Customer Focus"),
            competency("adaptability", "Adaptability"),
        ],
        stages: vec![Stage {
            id: "panel".into(),
            name: "Panel".into(),
            sections: vec![section("customer-focus"), section("adaptability")],
        }],
        reference_questions: vec![],
    }
}

fn packet(guide: &PublishedGuide, candidate: &str, interviewer: &str, focus: &[String]) -> Vec<u8> {
    interviewer_packet(
        &PacketFor {
            guide,
            stage: &guide.stages[0],
            candidate: Some(candidate),
            interviewer: Some(interviewer),
            focus,
            generated_at: GENERATED_AT,
            calibration: &[],
        },
        Paper::A4,
    )
    .expect("the packet renders")
}

/// pdftotext's text with runs of whitespace made single spaces, so names
/// split over layout columns still compare.
fn squashed(pdf: &PdfFile) -> String {
    pdf.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_summary_prints_candidate_rater_and_referee_names_in_every_script() {
    for (script, candidate, rater, referee) in PEOPLE {
        let bytes = candidate_summary(&summary(candidate, rater, referee), Paper::A4).unwrap();
        let pdf = PdfFile::new(&bytes);
        let text = squashed(&pdf);
        for name in [candidate, rater, referee] {
            assert!(text.contains(name), "{script}: {name} missing from\n{text}");
        }
        assert!(
            text.contains(&format!("{referee}: always kind.")),
            "{script}"
        );
        assert!(!text.contains('\u{FFFD}'), "{script}: a mark in\n{text}");
        assert!(bytes.len() < 150 * 1024, "{script}: {} bytes", bytes.len());
        assert_eq!(
            pdf.info("Title"),
            format!("Candidate summary: {candidate} — Support Lead"),
            "{script}"
        );
    }
}

#[test]
fn the_packet_prints_candidate_and_interviewer_names_in_every_script_and_focus_by_name() {
    let guide = guide();
    let focus = ["customer-focus".to_string(), "adaptability".to_string()];
    for (script, candidate, interviewer, _) in PEOPLE {
        let bytes = packet(&guide, candidate, interviewer, &focus);
        let pdf = PdfFile::new(&bytes);
        let text = squashed(&pdf);
        for name in [candidate, interviewer] {
            assert!(text.contains(name), "{script}: {name} missing from\n{text}");
        }
        assert!(
            text.contains("Your focus Customer Focus, Adaptability"),
            "{script}: focus not by name in\n{text}"
        );
        assert!(!text.contains("customer-focus"), "{script}: a raw id");
        assert!(!text.contains('\u{FFFD}'), "{script}");
        assert!(bytes.len() < 150 * 1024, "{script}: {} bytes", bytes.len());
    }
}

#[test]
fn a_character_no_font_has_prints_a_mark_and_the_page_explains_it() {
    let guide = guide();
    // Egyptian hieroglyphs and Linear B: in no embedded face.
    let candidate = "Zoë 𓀀 Nguyễn 𐀀";
    for (document, bytes) in [
        (
            "summary",
            candidate_summary(&summary(candidate, "李娜", "김민준"), Paper::A4).unwrap(),
        ),
        ("packet", packet(&guide, candidate, "李娜", &[])),
    ] {
        let pdf = PdfFile::new(&bytes);
        let first = squashed(&pdf);
        assert!(
            first.contains("Zoë \u{FFFD} Nguyễn \u{FFFD}"),
            "{document}: no marks in\n{first}"
        );
        assert!(!first.contains('𓀀') && !first.contains('𐀀'), "{document}");
        // The note itself holds one mark: a page explains exactly when it
        // shows another.
        let pages = pdf.pages();
        for (i, page) in pages.iter().enumerate() {
            let marks = page.matches('\u{FFFD}').count();
            let explains = page.contains("marks characters this PDF's fonts cannot show");
            assert_eq!(
                explains,
                marks >= 2,
                "{document}, page {}: {marks} marks\n{page}",
                i + 1
            );
        }
        assert!(
            pages[0].contains("marks characters this PDF's fonts cannot show"),
            "{document}: the first page shows the name"
        );
    }
}

#[test]
fn a_page_without_marks_has_no_note() {
    let bytes = candidate_summary(&summary("王小明", "李娜", "张伟"), Paper::A4).unwrap();
    let text = PdfFile::new(&bytes).text();
    assert!(!text.contains("cannot show"), "{text}");
}

#[test]
fn both_documents_carry_their_creation_date_and_title() {
    let guide = guide();
    let summary = candidate_summary(&summary("김민준", "李娜", "张伟"), Paper::A4).unwrap();
    let packet = packet(&guide, "김민준", "李娜", &[]);
    for (bytes, title) in [
        (summary, "Candidate summary: 김민준 — Support Lead"),
        (packet, "Interview packet: 김민준 — Panel"),
    ] {
        let pdf = PdfFile::new(&bytes);
        assert_eq!(pdf.info("Title"), title);
        let created = pdf.iso_info("CreationDate");
        assert!(
            created.starts_with("2026-03-15T10:20:30"),
            "{title}: {created}"
        );
    }
}

#[test]
fn the_chart_shows_the_same_median_as_the_tables() {
    let mut s = summary("王小明", "李娜", "张伟");
    let levels = [2u8, 3, 5, 5];
    let row = &mut s.competencies[0];
    row.scores = (0..4)
        .map(|i| RaterScore {
            rater: i,
            level: Some(levels[i]),
            ..row.scores[0].clone()
        })
        .collect();
    row.median = app::model::agreement::median(&levels);
    row.range = app::model::agreement::range(&levels);
    s.raters = (0..4).map(|_| s.raters[0].clone()).collect();
    // Median 4, mean 3.75: the chart must print the median.
    let text = squashed(&PdfFile::new(&candidate_summary(&s, Paper::A4).unwrap()));
    assert!(text.contains("Observed (median)"), "{text}");
    assert!(text.contains("4 (2–5)"), "{text}");
    assert!(!text.contains("3.8") && !text.contains("mean)"), "{text}");
}
