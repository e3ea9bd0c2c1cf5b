//! The rater figures as pure functions over the ratings of scorecards, so
//! every rule (what counts, what is compared with what, when a figure stays
//! silent) is checked against hand-worked cases without a database.
//!
//! What counts:
//! - only submitted scorecards, the rater's and everyone else's: a draft can
//!   still change, and reading another rater's draft would break blind
//!   rating;
//! - competency ratings (1–5); "not assessed" is no rating;
//! - a rating is *shared* when at least one other interviewer's submitted
//!   scorecard rates the same candidate on the same competency, whatever
//!   the stage: severity and agreement compare shared ratings only.

use crate::model::ScorecardStatus;
use crate::model::agreement::median;
use crate::model::datetime::civil_from_days;
use crate::model::rater::{
    AGREEMENT_LEVELS, Figure, MIN_RATINGS, MIN_SCORECARDS, MIN_SHARED_RATINGS, QuarterFigures,
    RaterFigures, ScaleUse, Unrated,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The ratings of one scorecard, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRatings {
    /// Who rated.
    pub rater_id: String,
    /// The candidate rated.
    pub candidate_id: String,
    /// Draft or submitted.
    pub status: ScorecardStatus,
    /// When it was submitted, UTC ms (`None` for a draft).
    pub submitted_at: Option<i64>,
    /// The competencies the scorecard asked the rater for (their focus, or
    /// every competency of the stage).
    pub asked: BTreeSet<String>,
    /// Competency id → level 1–5, for the competencies rated.
    pub levels: BTreeMap<String, u8>,
}

impl CardRatings {
    fn submitted(&self) -> bool {
        self.status == ScorecardStatus::Submitted
    }
}

/// Leaves out what `viewer_id` may not read yet: every other rater's
/// scorecard on `hidden` candidates (those whose panel the viewer sits on
/// and still owes a scorecard for). The viewer's own scorecards stay.
pub fn without_hidden(
    cards: Vec<CardRatings>,
    viewer_id: &str,
    hidden: &BTreeSet<String>,
) -> Vec<CardRatings> {
    cards
        .into_iter()
        .filter(|c| c.rater_id == viewer_id || !hidden.contains(&c.candidate_id))
        .collect()
}

/// The other raters' levels, by (candidate, competency), from submitted
/// scorecards only.
fn others_levels<'a>(
    cards: &'a [CardRatings],
    rater_id: &str,
) -> HashMap<(&'a str, &'a str), Vec<u8>> {
    let mut others: HashMap<(&str, &str), Vec<u8>> = HashMap::new();
    for card in cards
        .iter()
        .filter(|c| c.submitted() && c.rater_id != rater_id)
    {
        for (competency, &level) in &card.levels {
            others
                .entry((card.candidate_id.as_str(), competency.as_str()))
                .or_default()
                .push(level);
        }
    }
    others
}

/// The figures of `rater_id` over their submitted scorecards among `cards`
/// that `include` keeps (e.g. one quarter's), compared with every other
/// rater's submitted scorecards among `cards`.
fn figures_where(
    cards: &[CardRatings],
    rater_id: &str,
    include: impl Fn(&CardRatings) -> bool,
) -> RaterFigures {
    let others = others_levels(cards, rater_id);
    let own: Vec<&CardRatings> = cards
        .iter()
        .filter(|c| c.submitted() && c.rater_id == rater_id && include(c))
        .collect();
    let mut counts = [0_u32; 5];
    let mut diffs = Vec::new();
    let mut agreeing = 0_u32;
    let mut unrated = Unrated {
        asked: 0,
        unrated: 0,
    };
    for card in &own {
        for (competency, &level) in &card.levels {
            if let Some(slot) = usize::from(level)
                .checked_sub(1)
                .and_then(|i| counts.get_mut(i))
            {
                *slot += 1;
            }
            let Some(theirs) = others.get(&(card.candidate_id.as_str(), competency.as_str()))
            else {
                continue;
            };
            let mine = f64::from(level);
            let mean = theirs.iter().map(|&l| f64::from(l)).sum::<f64>() / theirs.len() as f64;
            diffs.push(mine - mean);
            if median(theirs).is_some_and(|m| (mine - f64::from(m)).abs() <= AGREEMENT_LEVELS) {
                agreeing += 1;
            }
        }
        unrated.asked += count(card.asked.len());
        unrated.unrated += count(
            card.asked
                .iter()
                .filter(|c| !card.levels.contains_key(*c))
                .count(),
        );
    }
    let ratings: u32 = counts.iter().sum();
    let shared = count(diffs.len());
    let scorecards = count(own.len());
    RaterFigures {
        scorecards,
        ratings,
        severity: Figure::new(shared, MIN_SHARED_RATINGS, || {
            diffs.iter().sum::<f64>() / f64::from(shared)
        }),
        scale: Figure::new(ratings, MIN_RATINGS, || scale_use(counts)),
        agreement: Figure::new(shared, MIN_SHARED_RATINGS, || {
            f64::from(agreeing) / f64::from(shared)
        }),
        unrated: Figure::new(scorecards, MIN_SCORECARDS, || unrated),
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn scale_use(counts: [u32; 5]) -> ScaleUse {
    let used: Vec<u8> = (1..=5_u8)
        .filter(|l| counts[usize::from(*l) - 1] > 0)
        .collect();
    ScaleUse {
        counts,
        lowest: used.first().copied().unwrap_or(0),
        highest: used.last().copied().unwrap_or(0),
    }
}

/// `rater_id`'s figures over all of their submitted scorecards in `cards`.
pub fn rater_figures(cards: &[CardRatings], rater_id: &str) -> RaterFigures {
    figures_where(cards, rater_id, |_| true)
}

/// The calendar quarter (UTC) of `ms`: (year, 1–4).
pub fn quarter_of(ms: i64) -> (i64, u8) {
    let (year, month, _) = civil_from_days(ms.div_euclid(crate::model::datetime::DAY_MS));
    let quarter = u8::try_from((month - 1) / 3 + 1).unwrap_or(1);
    (year, quarter)
}

/// `rater_id`'s figures per calendar quarter of submission, oldest first:
/// the rater's scorecards submitted in the quarter, compared with the other
/// raters' submitted scorecards whenever those were submitted (a panel's
/// view of a candidate does not depend on the order its raters finished).
pub fn quarterly_figures(cards: &[CardRatings], rater_id: &str) -> Vec<QuarterFigures> {
    let quarters: BTreeSet<(i64, u8)> = cards
        .iter()
        .filter(|c| c.submitted() && c.rater_id == rater_id)
        .filter_map(|c| c.submitted_at)
        .map(quarter_of)
        .collect();
    quarters
        .into_iter()
        .map(|q| QuarterFigures {
            label: format!("{} Q{}", q.0, q.1),
            figures: figures_where(cards, rater_id, |c| {
                c.submitted_at.map(quarter_of) == Some(q)
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests;
