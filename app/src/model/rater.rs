//! Rater analytics as pages show them: per interviewer, how they use the
//! rating scale compared with the rest of the panel, overall and per
//! calendar quarter. Computed in `services::rater_analytics`.

use serde::{Deserialize, Serialize};

/// Shared ratings (the rater's and at least one other rater's rating of the
/// same candidate on the same competency) needed before severity or
/// agreement is reported: with fewer, one unusual candidate decides it.
pub const MIN_SHARED_RATINGS: u32 = 5;
/// Ratings needed before the use of the scale is reported.
pub const MIN_RATINGS: u32 = 5;
/// Submitted scorecards needed before the unrated share is reported.
pub const MIN_SCORECARDS: u32 = 3;
/// Two ratings at most this many levels apart count as agreeing.
pub const AGREEMENT_LEVELS: f64 = 1.0;

/// One figure with what it rests on: `value` is `None` when `basis` is
/// below `needed`, and the page then says there is too little to say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure<T> {
    /// The figure, once there is enough behind it.
    pub value: Option<T>,
    /// How many ratings or scorecards it rests on.
    pub basis: u32,
    /// The documented minimum for `basis`.
    pub needed: u32,
}

impl<T> Figure<T> {
    /// `value` if `basis` reaches `needed`, else silent.
    pub fn new(basis: u32, needed: u32, value: impl FnOnce() -> T) -> Figure<T> {
        Figure {
            value: (basis >= needed).then(value),
            basis,
            needed,
        }
    }
}

/// How often a rater used each of the five levels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleUse {
    /// Ratings at level 1 (Entry) … 5 (Expert).
    pub counts: [u32; 5],
    /// The lowest and highest level used.
    pub lowest: u8,
    /// See `lowest`.
    pub highest: u8,
}

impl ScaleUse {
    /// All ratings counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    /// The share of ratings at `level` (1–5), 0–1.
    pub fn share(&self, level: u8) -> f64 {
        let total = self.total();
        match usize::from(level)
            .checked_sub(1)
            .and_then(|i| self.counts.get(i))
        {
            Some(&n) if total > 0 => f64::from(n) / f64::from(total),
            _ => 0.0,
        }
    }
}

/// Competencies a rater was asked to rate and left unrated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unrated {
    /// Competencies asked for, summed over the scorecards.
    pub asked: u32,
    /// Of those, marked "not assessed" (or left without a level).
    pub unrated: u32,
}

impl Unrated {
    /// `unrated / asked`, 0 when nothing was asked.
    pub fn share(&self) -> f64 {
        if self.asked == 0 {
            0.0
        } else {
            f64::from(self.unrated) / f64::from(self.asked)
        }
    }
}

/// The figures of one rater over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterFigures {
    /// Submitted scorecards counted.
    pub scorecards: u32,
    /// Competency ratings on them.
    pub ratings: u32,
    /// Mean of (their rating − the mean of the other raters' ratings of the
    /// same candidate and competency), in levels: below 0 stricter than the
    /// panel, above 0 more lenient. Basis: shared ratings.
    pub severity: Figure<f64>,
    /// How they used the five levels. Basis: ratings.
    pub scale: Figure<ScaleUse>,
    /// Share (0–1) of their shared ratings within one level of the median
    /// of the other raters' ratings. Basis: shared ratings.
    pub agreement: Figure<f64>,
    /// Competencies asked for and left unrated. Basis: scorecards.
    pub unrated: Figure<Unrated>,
}

/// The figures of one calendar quarter (by submission time, UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterFigures {
    /// "2026 Q3".
    pub label: String,
    /// The figures of the scorecards submitted in the quarter.
    pub figures: RaterFigures,
}

/// What the rater page shows about one interviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterReport {
    /// The interviewer's account id.
    pub rater_id: String,
    /// Their name.
    pub rater_name: String,
    /// Whether the reader is the interviewer.
    pub is_self: bool,
    /// Over every submitted scorecard.
    pub overall: RaterFigures,
    /// Per calendar quarter, oldest first.
    pub quarters: Vec<QuarterFigures>,
}

/// One interviewer in the list admins and recruiters see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RaterSummary {
    /// Account id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Submitted scorecards.
    pub scorecards: i64,
    /// Last change to one of them (a submission or an amendment), UTC ms.
    pub last_submitted_at: i64,
}

/// A signed difference in levels as the page prints it: "+0.40", "−0.25".
pub fn signed_levels(diff: f64) -> String {
    let rounded = (diff * 100.0).round() / 100.0;
    if rounded > 0.0 {
        format!("+{rounded:.2}")
    } else if rounded < 0.0 {
        format!("−{:.2}", -rounded)
    } else {
        "0.00".to_owned()
    }
}

/// Severity within this many levels of 0 reads as "in line with the panel".
pub const IN_LINE_LEVELS: f64 = 0.25;

/// What a severity figure means, in words.
pub fn severity_words(diff: f64) -> &'static str {
    if diff >= IN_LINE_LEVELS {
        "more lenient: rates higher than the rest of the panel"
    } else if diff <= -IN_LINE_LEVELS {
        "stricter: rates lower than the rest of the panel"
    } else {
        "in line with the rest of the panel"
    }
}

/// "Too few … to say" with how many there are and how many are needed.
pub fn too_few(basis: u32, needed: u32, unit: &str) -> String {
    format!("Too few {unit} to say ({basis} of the {needed} needed).")
}

/// A share 0–1 as a whole percentage.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_below_its_minimum_is_silent_but_keeps_its_basis() {
        let few = Figure::new(4, 5, || 1.0);
        assert_eq!(few.value, None);
        assert_eq!(few.basis, 4);
        assert_eq!(Figure::new(5, 5, || 1.0).value, Some(1.0));
    }

    #[test]
    fn signed_levels_cases() {
        let cases = [
            (0.4, "+0.40"),
            (-0.25, "−0.25"),
            (0.0, "0.00"),
            (-0.001, "0.00"),
        ];
        for (diff, text) in cases {
            assert_eq!(signed_levels(diff), text, "{diff}");
        }
    }

    #[test]
    fn severity_words_cases() {
        let cases = [
            (0.5, "more lenient"),
            (0.25, "more lenient"),
            (0.1, "in line"),
            (-0.2, "in line"),
            (-0.25, "stricter"),
        ];
        for (diff, words) in cases {
            assert!(severity_words(diff).starts_with(words), "{diff}");
        }
    }

    #[test]
    fn shares_of_the_scale_and_of_unrated() {
        let scale = ScaleUse {
            counts: [1, 0, 2, 1, 0],
            lowest: 1,
            highest: 4,
        };
        assert_eq!(scale.total(), 4);
        assert!((scale.share(3) - 0.5).abs() < 1e-9);
        assert!(scale.share(6).abs() < 1e-9);
        let unrated = Unrated {
            asked: 0,
            unrated: 0,
        };
        assert!(unrated.share().abs() < 1e-9);
    }
}
