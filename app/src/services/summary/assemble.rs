//! Assembling a [`PanelSummary`] from submitted scorecards: the grid, medians
//! and spreads, disagreement flags, behaviors and the recommendation tally.
//! Pure (no database), and server only, so none of it ships to the browser.

use crate::model::agreement;
use crate::model::summary::{
    CompetencyRow, Decision, PanelSummary, QuestionNote, Rater, RaterScore, ReferenceComment,
};
use crate::model::{
    Assessment, PublishedGuide, Recommendation, ReferenceAggregate, SubmittedScorecard,
};

/// What [`build`] assembles a summary from.
pub struct SummaryInput<'a> {
    /// Candidate id.
    pub candidate_id: &'a str,
    /// Candidate name.
    pub candidate_name: &'a str,
    /// Role id.
    pub role_id: &'a str,
    /// Role title.
    pub role_title: &'a str,
    /// The role's current profile (its latest published guide), if any.
    pub profile: Option<&'a PublishedGuide>,
    /// Submitted scorecards, each with the guide version its interview followed.
    pub scorecards: &'a [(SubmittedScorecard, &'a PublishedGuide)],
    /// The references' combined ratings.
    pub references: &'a ReferenceAggregate,
    /// The submitted references.
    pub reference_comments: Vec<ReferenceComment>,
    /// Decisions, newest first.
    pub decisions: Vec<Decision>,
    /// Now, UTC milliseconds.
    pub now: i64,
}

/// Assembles the summary; `to_html` renders Markdown to safe HTML.
pub fn build(input: SummaryInput<'_>, to_html: &dyn Fn(&str) -> String) -> PanelSummary {
    let raters: Vec<Rater> = input
        .scorecards
        .iter()
        .map(|(s, _)| Rater {
            interviewer_id: s.interviewer_id.clone(),
            name: s.interviewer_name.clone(),
            stage_name: s.stage_name.clone(),
            submitted_at: s.submitted_at,
            amendments: s.amendments,
            recommendation: s.content.recommendation,
            summary: s.content.summary.clone(),
            summary_html: to_html(&s.content.summary),
        })
        .collect();
    let mut stages: Vec<String> = Vec::new();
    for r in &raters {
        if !stages.contains(&r.stage_name) {
            stages.push(r.stage_name.clone());
        }
    }

    // Rows: the profile's competencies in order, then any other competency
    // a rater scored (from an older guide version).
    let mut rows: Vec<CompetencyRow> = Vec::new();
    let profile = input
        .profile
        .or_else(|| input.scorecards.first().map(|(_, g)| *g));
    let mut add_row = |id: &str, name: &str, required: u8, weight: u8| {
        if rows.iter().all(|r| r.id != id) {
            rows.push(CompetencyRow {
                id: id.to_owned(),
                name: name.to_owned(),
                required_level: required,
                weight,
                scores: Vec::new(),
                median: None,
                range: None,
                spread: None,
                disagreement: false,
                behaviors: Vec::new(),
                reference_mean: None,
                reference_count: 0,
            });
        }
    };
    for c in profile.iter().flat_map(|g| g.competencies.iter()) {
        add_row(&c.id, &c.name, c.required_level, c.weight);
    }
    for (s, guide) in input.scorecards {
        for id in s.content.competencies.keys() {
            if let Some(c) = guide.competency(id) {
                add_row(&c.id, &c.name, c.required_level, c.weight);
            }
        }
    }

    for row in &mut rows {
        for (i, (s, guide)) in input.scorecards.iter().enumerate() {
            let Some(score) = s.content.competencies.get(&row.id) else {
                continue;
            };
            let snapshot = guide.competency(&row.id);
            let level = match score.assessment {
                Assessment::Rated(level) => Some(level.as_u8()),
                Assessment::NotAssessed => None,
                // A submitted scorecard has no pending focus competency; one
                // it did not focus on is simply not part of its column.
                Assessment::Pending => continue,
            };
            let anchor = level
                .and_then(|l| {
                    snapshot?
                        .anchors
                        .iter()
                        .find(|a| a.level.as_u8() == l)
                        .map(|a| plain(&a.text))
                })
                .unwrap_or_default();
            let behaviors = score
                .behaviors
                .iter()
                .filter_map(|b| behavior_text(snapshot?, b))
                .collect();
            row.scores.push(RaterScore {
                rater: i,
                level,
                not_assessed_reason: score.not_assessed_reason.clone(),
                anchor,
                evidence: score.evidence.clone(),
                evidence_html: to_html(&score.evidence),
                behaviors,
            });
        }
        let levels = row.levels();
        row.median = agreement::median(&levels);
        row.range = agreement::range(&levels);
        row.spread = agreement::spread(&levels);
        row.disagreement = agreement::disagree(&levels);
        let mut counts: Vec<(String, usize)> = Vec::new();
        for b in row.scores.iter().flat_map(|s| s.behaviors.iter()) {
            match counts.iter_mut().find(|(t, _)| t == b) {
                Some((_, n)) => *n += 1,
                None => counts.push((b.clone(), 1)),
            }
        }
        counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        row.behaviors = counts;
        if let Some(r) = input
            .references
            .competencies
            .iter()
            .find(|r| r.competency_id == row.id)
        {
            row.reference_mean = r.mean;
            row.reference_count = r.references;
        }
    }

    let mut question_notes = Vec::new();
    for (i, (s, guide)) in input.scorecards.iter().enumerate() {
        for stage in &guide.stages {
            for section in &stage.sections {
                for q in &section.questions {
                    let Some(n) = s.content.questions.get(&q.id) else {
                        continue;
                    };
                    if n.notes.trim().is_empty() && n.rating.is_none() {
                        continue;
                    }
                    let competency = guide
                        .competency(&section.competency_id)
                        .map(|c| c.name.clone())
                        .unwrap_or_else(|| section.competency_id.clone());
                    question_notes.push(QuestionNote {
                        rater: i,
                        title: q.title.clone(),
                        competency,
                        rating: n.rating.map(question_bank::Level::as_u8),
                        notes: n.notes.clone(),
                        notes_html: to_html(&n.notes),
                    });
                }
            }
        }
    }

    let tally = Recommendation::ALL
        .into_iter()
        .map(|r| {
            let n = raters
                .iter()
                .filter(|x| x.recommendation == Some(r))
                .count();
            (r, n)
        })
        .collect();

    PanelSummary {
        candidate_id: input.candidate_id.to_owned(),
        candidate_name: input.candidate_name.to_owned(),
        role_id: input.role_id.to_owned(),
        role_title: input.role_title.to_owned(),
        stages,
        generated_at: input.now,
        raters,
        competencies: rows,
        question_notes,
        tally,
        references_threshold: input.references.threshold,
        references_answered: input.references.answered,
        reference_comments: input.reference_comments,
        decisions: input.decisions,
        may_decide: false,
        version_notes: Vec::new(),
    }
}

/// The text of behavior `id` (`key-element:index`) in `competency`.
fn behavior_text(competency: &crate::model::CompetencySnapshot, id: &str) -> Option<String> {
    let (element, index) = id.rsplit_once(':')?;
    let index: usize = index.parse().ok()?;
    competency
        .key_elements
        .iter()
        .find(|k| k.id == element)?
        .behaviors
        .get(index)
        .cloned()
}

/// Anchor Markdown as one line of plain text.
pub fn plain(markdown: &str) -> String {
    markdown
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '#']).trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "")
        .replace('*', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CompetencyScore, CompetencySnapshot, ScorecardContent};
    use question_bank::{Anchor, KeyElement, Level};

    fn guide() -> PublishedGuide {
        let anchors = (1..=5)
            .map(|l| Anchor {
                level: Level::try_from(l).unwrap(),
                text: format!("- Anchor **{l}**"),
            })
            .collect();
        PublishedGuide {
            id: "g1".into(),
            role_id: "r".into(),
            role_title: "Lead".into(),
            version: 1,
            published_at: 0,
            competencies: vec![CompetencySnapshot {
                id: "cf".into(),
                name: "Customer Focus".into(),
                required_level: 3,
                weight: 2,
                anchors,
                reference_anchors: Vec::new(),
                key_elements: vec![KeyElement {
                    id: "ke".into(),
                    name: "Listens".into(),
                    behaviors: vec!["Asks questions".into(), "Paraphrases".into()],
                }],
            }],
            stages: Vec::new(),
            reference_questions: Vec::new(),
        }
    }

    fn card(name: &str, level: u8, behaviors: &[&str]) -> SubmittedScorecard {
        let mut content = ScorecardContent {
            recommendation: Some(if level >= 3 {
                Recommendation::Yes
            } else {
                Recommendation::No
            }),
            ..Default::default()
        };
        content.competencies.insert(
            "cf".into(),
            CompetencyScore {
                assessment: Assessment::Rated(Level::try_from(level).unwrap()),
                evidence: format!("{name} saw it"),
                behaviors: behaviors.iter().map(|b| (*b).to_owned()).collect(),
                ..Default::default()
            },
        );
        SubmittedScorecard {
            interview_id: "i".into(),
            stage_name: "Panel".into(),
            interviewer_id: name.into(),
            interviewer_name: name.into(),
            version: 2,
            submitted_at: 1,
            amendments: 0,
            content,
        }
    }

    #[test]
    fn the_grid_has_levels_anchors_median_and_a_flag() {
        let g = guide();
        let cards = [
            (card("Ann", 2, &["ke:0"]), &g),
            (card("Bob", 4, &["ke:0", "ke:1"]), &g),
            (card("Cy", 3, &[]), &g),
        ];
        let refs = ReferenceAggregate {
            threshold: 2,
            answered: 0,
            competencies: Vec::new(),
        };
        let s = build(
            SummaryInput {
                candidate_id: "c",
                candidate_name: "Zoë",
                role_id: "r",
                role_title: "Lead",
                profile: Some(&g),
                scorecards: &cards,
                references: &refs,
                reference_comments: Vec::new(),
                decisions: Vec::new(),
                now: 0,
            },
            &|s| s.to_owned(),
        );
        let row = &s.competencies[0];
        assert_eq!(row.levels(), [2, 4, 3]);
        assert_eq!((row.median, row.spread), (Some(3.0), Some(2)));
        assert!(row.disagreement);
        assert_eq!(row.score_of(1).unwrap().anchor, "Anchor 4");
        assert_eq!(row.behaviors[0], ("Asks questions".to_owned(), 2));
        let tally: Vec<usize> = s.tally.iter().map(|(_, n)| *n).collect();
        assert_eq!(tally, [0, 1, 2, 0]);
        assert_eq!(s.stages, ["Panel"]);
    }
}
