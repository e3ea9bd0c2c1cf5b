//! A role's candidate slate: every candidate side by side on the role's
//! competencies, with a weighted overall whose formula is stated.

use crate::model::{DecisionKind, PipelineStatus};
use serde::{Deserialize, Serialize};

/// How the overall is combined, in words, shown beside the figures.
pub const OVERALL_FORMULA: &str = "Overall = Σ (weight × panel median) ÷ Σ weight, over the \
     competencies the panel rated; competencies nobody rated are left out of both sums.";

/// One competency of the role: a column of the slate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlateColumn {
    /// Competency id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level the role requires (1–5).
    pub required_level: u8,
    /// The role's weight for it (1–5).
    pub weight: u8,
}

/// One candidate on one competency.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SlateCell {
    /// Median of the panel's submitted ratings (1–5), if anyone rated it.
    pub median: Option<f32>,
    /// The panel's ratings are two or more levels apart.
    pub split: bool,
    /// How many raters rated it.
    pub raters: usize,
    /// Mean of the references' ratings, once enough references answered.
    pub reference_mean: Option<f64>,
}

/// One candidate: a row of the slate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlateRow {
    /// Candidate id (links to the summary).
    pub candidate_id: String,
    /// Candidate's name.
    pub name: String,
    /// Pipeline status.
    pub status: PipelineStatus,
    /// Submitted scorecards behind the figures.
    pub scorecards: usize,
    /// One cell per column, in column order.
    pub cells: Vec<SlateCell>,
    /// The weighted overall ([`OVERALL_FORMULA`]), if anything was rated.
    pub overall: Option<f64>,
    /// The latest decision, if any.
    pub decision: Option<DecisionKind>,
}

/// The slate of one role as the caller may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Slate {
    /// The role.
    pub role_id: String,
    /// Its title.
    pub role_title: String,
    /// The role's competencies.
    pub columns: Vec<SlateColumn>,
    /// The candidates, sorted as asked.
    pub rows: Vec<SlateRow>,
    /// Candidates left out because the caller still owes a scorecard on
    /// their panel (blind rating).
    pub withheld: usize,
}

/// How the slate is sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SlateSort {
    /// Highest weighted overall first (unrated last).
    #[default]
    Overall,
    /// By name.
    Name,
    /// Highest panel median on this competency first (unrated last).
    Competency(String),
}

impl SlateSort {
    /// Reads the `sort` query value: `overall`, `name` or a competency id.
    pub fn parse(value: Option<&str>) -> SlateSort {
        match value {
            None | Some("" | "overall") => SlateSort::Overall,
            Some("name") => SlateSort::Name,
            Some(id) => SlateSort::Competency(id.to_owned()),
        }
    }

    /// The query value.
    pub fn as_query(&self) -> &str {
        match self {
            SlateSort::Overall => "overall",
            SlateSort::Name => "name",
            SlateSort::Competency(id) => id,
        }
    }
}

/// The weighted overall of `cells` under `columns` ([`OVERALL_FORMULA`]).
pub fn weighted_overall(columns: &[SlateColumn], cells: &[SlateCell]) -> Option<f64> {
    let (sum, weights) = columns
        .iter()
        .zip(cells)
        .filter_map(|(col, cell)| cell.median.map(|m| (f64::from(col.weight), f64::from(m))))
        .fold((0.0, 0.0), |(sum, weights), (w, m)| {
            (sum + w * m, weights + w)
        });
    (weights > 0.0).then(|| sum / weights)
}

/// Sorts `rows` by `sort` over `columns`; ties and unrated candidates go by
/// name, so the order is the same on every load.
pub fn sort_rows(rows: &mut [SlateRow], columns: &[SlateColumn], sort: &SlateSort) {
    let key = |row: &SlateRow| -> Option<f64> {
        match sort {
            SlateSort::Overall => row.overall,
            SlateSort::Name => None,
            SlateSort::Competency(id) => columns
                .iter()
                .position(|c| &c.id == id)
                .and_then(|i| row.cells.get(i))
                .and_then(|c| c.median.map(f64::from)),
        }
    };
    rows.sort_by(|a, b| match (key(a), key(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.name.cmp(&b.name)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.name.cmp(&b.name),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(id: &str, weight: u8) -> SlateColumn {
        SlateColumn {
            id: id.to_owned(),
            name: id.to_owned(),
            required_level: 3,
            weight,
        }
    }

    fn cell(median: Option<f32>) -> SlateCell {
        SlateCell {
            median,
            ..SlateCell::default()
        }
    }

    fn row(name: &str, medians: &[Option<f32>], columns: &[SlateColumn]) -> SlateRow {
        let cells: Vec<SlateCell> = medians.iter().map(|m| cell(*m)).collect();
        SlateRow {
            candidate_id: name.to_owned(),
            name: name.to_owned(),
            status: PipelineStatus::Interviewing,
            scorecards: 0,
            overall: weighted_overall(columns, &cells),
            cells,
            decision: None,
        }
    }

    #[test]
    fn the_overall_weights_each_median_and_skips_unrated_competencies() {
        let columns = [col("a", 3), col("b", 1), col("c", 2)];
        // (3×4 + 1×2 + 2×3.5) / 6 = 21 / 6 = 3.5
        let all = [cell(Some(4.0)), cell(Some(2.0)), cell(Some(3.5))];
        assert_eq!(weighted_overall(&columns, &all), Some(3.5));
        // Unrated "b" leaves both sums: (3×4 + 2×3.5) / 5 = 19 / 5 = 3.8
        let partial = [cell(Some(4.0)), cell(None), cell(Some(3.5))];
        let overall = weighted_overall(&columns, &partial).unwrap();
        assert!((overall - 3.8).abs() < 1e-9, "{overall}");
        assert_eq!(
            weighted_overall(&columns, &[cell(None), cell(None), cell(None)]),
            None
        );
    }

    #[test]
    fn sorting_puts_the_highest_first_and_the_unrated_last_by_name() {
        let columns = [col("a", 2), col("b", 1)];
        let mut rows = vec![
            row("Zoe", &[Some(3.0), Some(5.0)], &columns),
            row("Abe", &[None, None], &columns),
            row("Mia", &[Some(4.0), Some(2.0)], &columns),
            row("Ben", &[Some(4.0), Some(2.0)], &columns),
            row("Cal", &[None, None], &columns),
        ];
        let names = |rows: &[SlateRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, &columns, &SlateSort::Overall);
        // Zoe (2×3 + 5) / 3 = 3.67; Ben and Mia (2×4 + 2) / 3 = 3.33.
        assert_eq!(names(&rows), ["Zoe", "Ben", "Mia", "Abe", "Cal"]);
        sort_rows(&mut rows, &columns, &SlateSort::Competency("b".into()));
        assert_eq!(names(&rows), ["Zoe", "Ben", "Mia", "Abe", "Cal"]);
        sort_rows(&mut rows, &columns, &SlateSort::Competency("a".into()));
        assert_eq!(names(&rows), ["Ben", "Mia", "Zoe", "Abe", "Cal"]);
        sort_rows(&mut rows, &columns, &SlateSort::Name);
        assert_eq!(names(&rows), ["Abe", "Ben", "Cal", "Mia", "Zoe"]);
    }

    #[test]
    fn the_sort_query_round_trips() {
        for sort in [
            SlateSort::Overall,
            SlateSort::Name,
            SlateSort::Competency("customer-focus".into()),
        ] {
            assert_eq!(SlateSort::parse(Some(sort.as_query())), sort);
        }
        assert_eq!(SlateSort::parse(None), SlateSort::Overall);
    }
}
