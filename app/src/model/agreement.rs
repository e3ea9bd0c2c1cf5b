//! Rater agreement: the median and spread of one candidate's ratings, and,
//! across a role, ICC(1) per competency and per question with notes on
//! questions that behave oddly. Pure functions over levels 1–5.

use serde::{Deserialize, Serialize};

/// Raters this many levels apart on one competency are flagged.
pub const DISAGREEMENT_LEVELS: u8 = 2;
/// Candidates with at least [`MIN_RATERS`] ratings needed before an
/// inter-rater statistic is reported: fewer says nothing reliable.
pub const MIN_CANDIDATES: usize = 3;
/// Ratings of one candidate needed for the candidate to count.
pub const MIN_RATERS: usize = 2;

/// What the tooltip beside an agreement figure says.
pub const ICC_EXPLANATION: &str = "ICC(1), the one-way intraclass correlation: the share of the \
     variation in ratings that lies between candidates rather than between raters of the same \
     candidate. 1 means raters always agree; 0 or below means a rating says as much about the \
     rater as about the candidate. Above 0.75 is good, 0.5–0.75 moderate, below 0.5 poor.";

/// A median as pages and PDFs print it: whole numbers bare, halves with one
/// decimal, a dash when nobody rated.
pub fn median_text(m: Option<f32>) -> String {
    match m {
        Some(m) if m.fract() == 0.0 => format!("{m:.0}"),
        Some(m) => format!("{m:.1}"),
        None => "–".into(),
    }
}

/// The median of `levels` (the mean of the middle two for an even count).
pub fn median(levels: &[u8]) -> Option<f32> {
    let mut sorted = levels.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f32::from(sorted[n / 2])),
        _ => Some((f32::from(sorted[n / 2 - 1]) + f32::from(sorted[n / 2])) / 2.0),
    }
}

/// The lowest and highest of `levels`.
pub fn range(levels: &[u8]) -> Option<(u8, u8)> {
    Some((*levels.iter().min()?, *levels.iter().max()?))
}

/// Highest minus lowest level; 0 for one rating, `None` for none.
pub fn spread(levels: &[u8]) -> Option<u8> {
    range(levels).map(|(lo, hi)| hi - lo)
}

/// Whether two of `levels` are [`DISAGREEMENT_LEVELS`] or more apart.
pub fn disagree(levels: &[u8]) -> bool {
    spread(levels).is_some_and(|s| s >= DISAGREEMENT_LEVELS)
}

/// ICC(1) of ratings grouped by candidate (one-way random effects, groups
/// of unequal size allowed). Candidates with fewer than [`MIN_RATERS`]
/// ratings are left out; `None` with fewer than [`MIN_CANDIDATES`] left, or
/// when every rating is the same (the statistic is undefined then).
pub fn icc1(groups: &[Vec<u8>]) -> Option<f64> {
    let groups: Vec<&Vec<u8>> = groups.iter().filter(|g| g.len() >= MIN_RATERS).collect();
    let k = groups.len();
    if k < MIN_CANDIDATES {
        return None;
    }
    let n_total: usize = groups.iter().map(|g| g.len()).sum();
    let n = n_total as f64;
    let grand = groups
        .iter()
        .flat_map(|g| g.iter())
        .map(|&v| f64::from(v))
        .sum::<f64>()
        / n;
    let mut ss_between = 0.0;
    let mut ss_within = 0.0;
    for g in &groups {
        let mean = g.iter().map(|&v| f64::from(v)).sum::<f64>() / g.len() as f64;
        ss_between += g.len() as f64 * (mean - grand).powi(2);
        ss_within += g
            .iter()
            .map(|&v| (f64::from(v) - mean).powi(2))
            .sum::<f64>();
    }
    let ms_between = ss_between / (k as f64 - 1.0);
    let ms_within = ss_within / (n - k as f64);
    // The "average group size" of the unbalanced one-way design.
    let sum_sq: f64 = groups.iter().map(|g| (g.len() as f64).powi(2)).sum();
    let n0 = (n - sum_sq / n) / (k as f64 - 1.0);
    let denominator = ms_between + (n0 - 1.0) * ms_within;
    if denominator.abs() < f64::EPSILON {
        return None;
    }
    Some((ms_between - ms_within) / denominator)
}

/// Words for an ICC(1) value.
pub fn icc_label(icc: f64) -> &'static str {
    if icc >= 0.75 {
        "good agreement"
    } else if icc >= 0.5 {
        "moderate agreement"
    } else if icc > 0.0 {
        "poor agreement"
    } else {
        "no agreement"
    }
}

/// How a competency or a question is rated across a role's candidates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementRow {
    /// Competency or guide question id.
    pub id: String,
    /// Its name or title.
    pub name: String,
    /// For a question, the competency it assesses.
    pub competency: Option<String>,
    /// Candidates rated on it by [`MIN_RATERS`] or more.
    pub candidates: usize,
    /// Ratings in all.
    pub ratings: usize,
    /// Mean rating.
    pub mean: Option<f64>,
    /// ICC(1), once [`MIN_CANDIDATES`] candidates have enough ratings.
    pub icc: Option<f64>,
    /// Notes on odd behavior, in words for people.
    pub health: Vec<String>,
    /// For a question copied from a bank, the bank question (what a
    /// recruiter may retire or revise).
    #[serde(default)]
    pub bank_id: Option<String>,
    /// For a question, the versions candidates were asked and how many
    /// candidates each, oldest first; empty when all were asked the same.
    #[serde(default)]
    pub versions: Vec<(u32, usize)>,
    /// For a question, the id of the competency it assesses (where its
    /// history is shown in the library).
    #[serde(default)]
    pub competency_id: Option<String>,
    /// For a bank question, its text in the newest guide version (Markdown),
    /// to start a revision from.
    #[serde(default)]
    pub question_text: Option<String>,
}

impl AgreementRow {
    /// The row for ratings grouped by candidate.
    pub fn from_groups(
        id: impl Into<String>,
        name: impl Into<String>,
        competency: Option<String>,
        groups: &[Vec<u8>],
    ) -> Self {
        let all: Vec<u8> = groups.iter().flatten().copied().collect();
        let mean = (!all.is_empty())
            .then(|| all.iter().map(|&v| f64::from(v)).sum::<f64>() / all.len() as f64);
        let icc = icc1(groups);
        AgreementRow {
            id: id.into(),
            name: name.into(),
            competency,
            candidates: groups.iter().filter(|g| g.len() >= MIN_RATERS).count(),
            ratings: all.len(),
            mean,
            icc,
            health: health_notes(groups, icc),
            bank_id: None,
            versions: Vec::new(),
            competency_id: None,
            question_text: None,
        }
    }

    /// "The figures mix versions: …" when candidates were asked different
    /// versions of the question.
    pub fn versions_note(&self) -> Option<String> {
        (self.versions.len() > 1).then(|| {
            format!(
                "The figures mix versions: {}.",
                super::question_version::versions_text(&self.versions)
            )
        })
    }
}

/// Notes on a competency or question that behaves oddly across a role:
/// everyone rates it low (it may be too hard, or poorly worded), or raters
/// of the same candidate rarely agree on it (the anchors or the question may
/// be read differently).
pub fn health_notes(groups: &[Vec<u8>], icc: Option<f64>) -> Vec<String> {
    let mut notes = Vec::new();
    let all: Vec<u8> = groups.iter().flatten().copied().collect();
    let enough = groups.iter().filter(|g| g.len() >= MIN_RATERS).count() >= MIN_CANDIDATES;
    if all.len() >= 2 * MIN_CANDIDATES && all.iter().all(|&v| v <= 2) {
        notes.push(
            "Everyone rates it low (2 or below): the question may be too hard for this role, or \
             the bar set above what it can show."
                .to_owned(),
        );
    }
    let rated: Vec<&Vec<u8>> = groups.iter().filter(|g| g.len() >= MIN_RATERS).collect();
    let split = rated.iter().filter(|g| disagree(g)).count();
    if enough && split * 2 > rated.len() {
        notes.push(format!(
            "Raters disagree by {DISAGREEMENT_LEVELS} or more levels on {split} of {} candidates: \
             check that the question and its anchors are read the same way.",
            rated.len()
        ));
    } else if icc.is_some_and(|i| i <= 0.0) {
        notes.push(
            "Raters never agree beyond chance on it: a rating here tells more about the rater \
             than the candidate."
                .to_owned(),
        );
    }
    notes
}

/// Rater agreement across one role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleAgreement {
    /// The role.
    pub role_id: String,
    /// Role title.
    pub role_title: String,
    /// Candidates with any submitted scorecard.
    pub candidates_scored: usize,
    /// Whether enough candidates are scored for the statistic.
    pub enough_data: bool,
    /// What the statistic is, for the tooltip.
    pub explanation: String,
    /// One row per competency of the profile.
    pub competencies: Vec<AgreementRow>,
    /// One row per rated question.
    pub questions: Vec<AgreementRow>,
    /// Whether the reader may retire or revise bank questions from here
    /// (admins and recruiters).
    #[serde(default)]
    pub may_act: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_spread_cases() {
        type Case<'a> = (&'a str, &'a [u8], Option<f32>, Option<u8>);
        let cases: [Case<'_>; 4] = [
            ("none", &[], None, None),
            ("one rating", &[3], Some(3.0), Some(0)),
            ("odd count", &[5, 1, 3], Some(3.0), Some(4)),
            ("even count", &[2, 3, 4, 4], Some(3.5), Some(2)),
        ];
        for (name, levels, m, s) in cases {
            assert_eq!(median(levels), m, "{name}");
            assert_eq!(spread(levels), s, "{name}");
        }
    }

    #[test]
    fn two_levels_apart_is_a_disagreement_and_one_is_not() {
        assert!(!disagree(&[3, 4, 4]));
        assert!(disagree(&[2, 4]));
        assert!(!disagree(&[5]));
    }

    #[test]
    fn icc_is_one_when_raters_agree_and_candidates_differ() {
        let groups = vec![vec![1, 1], vec![3, 3, 3], vec![5, 5]];
        assert!((icc1(&groups).unwrap() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn icc_matches_a_worked_example() {
        // Balanced 3 × 2: group means 1.5, 3.5, 4.5 around 19/6, so
        // MSB = 2 · (25/9 + 1/9 + 16/9) / 2 = 14/3 and MSW = (3 · 0.5) / 3 = 1/2;
        // ICC(1) = (MSB − MSW) / (MSB + (k − 1) · MSW).
        let groups = vec![vec![1, 2], vec![3, 4], vec![4, 5]];
        let expected = (14.0 / 3.0 - 0.5) / (14.0 / 3.0 + 0.5);
        let got = icc1(&groups).unwrap();
        assert!((got - expected).abs() < 1e-9, "{got} vs {expected}");
    }

    #[test]
    fn icc_needs_enough_candidates_with_two_raters() {
        assert_eq!(icc1(&[vec![1, 2], vec![3, 4], vec![5]]), None);
        assert_eq!(icc1(&[vec![3, 3], vec![3, 3], vec![3, 3]]), None);
    }

    #[test]
    fn icc_is_negative_when_raters_disagree_more_than_candidates_differ() {
        let groups = vec![vec![1, 5], vec![5, 1], vec![2, 4]];
        assert!(icc1(&groups).unwrap() < 0.0);
    }

    #[test]
    fn health_notes_name_low_and_split_questions() {
        let low = vec![vec![1, 2], vec![2, 2], vec![1, 1]];
        let notes = health_notes(&low, icc1(&low));
        assert!(notes[0].contains("rates it low"), "{notes:?}");
        let split = vec![vec![1, 4], vec![5, 2], vec![3, 3]];
        let notes = health_notes(&split, icc1(&split));
        assert!(notes.iter().any(|n| n.contains("disagree")), "{notes:?}");
        let fine = vec![vec![3, 3], vec![4, 4], vec![2, 3]];
        assert!(health_notes(&fine, icc1(&fine)).is_empty());
    }
}
