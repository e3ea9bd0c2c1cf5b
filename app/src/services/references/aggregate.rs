//! Combining references' ratings per competency, held back until enough
//! references answered that no single referee's ratings can be read from it.

use crate::model::{
    CompetencyReferenceRating, ReferenceAggregate, ReferenceAnswer, ReferenceQuestionView,
};

/// One submitted reference: the questions it was asked and its answers.
pub type Answered<'a> = (&'a [ReferenceQuestionView], &'a [ReferenceAnswer]);

/// The per-competency ratings of `references`. Each reference counts once
/// per competency (the mean of its ratings there); "I can't say" counts as
/// no rating. Below `threshold` answered references nothing is combined, and
/// a competency rated by fewer than `threshold` references shows no mean.
pub fn aggregate(references: &[Answered<'_>], threshold: usize) -> ReferenceAggregate {
    let threshold = threshold.max(1);
    let answered = references.len();
    let mut competencies: Vec<(CompetencyReferenceRating, f64)> = Vec::new();
    if answered >= threshold {
        for (questions, answers) in references {
            let mut own: Vec<(&str, &str, f64, u32)> = Vec::new();
            for q in *questions {
                let rating = answers
                    .iter()
                    .find(|a| a.question_id == q.id)
                    .and_then(|a| a.rating);
                if competencies
                    .iter()
                    .all(|(c, _)| c.competency_id != q.competency_id)
                {
                    competencies.push((
                        CompetencyReferenceRating {
                            competency_id: q.competency_id.clone(),
                            name: q.competency_name.clone(),
                            references: 0,
                            mean: None,
                        },
                        0.0,
                    ));
                }
                let Some(rating) = rating else { continue };
                match own.iter_mut().find(|(id, ..)| *id == q.competency_id) {
                    Some(entry) => {
                        entry.2 += f64::from(rating);
                        entry.3 += 1;
                    }
                    None => own.push((&q.competency_id, &q.competency_name, f64::from(rating), 1)),
                }
            }
            for (id, _, sum, n) in own {
                if let Some((c, total)) =
                    competencies.iter_mut().find(|(c, _)| c.competency_id == id)
                {
                    c.references += 1;
                    *total += sum / f64::from(n);
                }
            }
        }
    }
    ReferenceAggregate {
        threshold,
        answered,
        competencies: competencies
            .into_iter()
            .map(|(mut c, total)| {
                if c.references >= threshold {
                    // One decimal is all the precision five levels carry.
                    c.mean = Some((total / c.references as f64 * 10.0).round() / 10.0);
                }
                c
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::references::answers::tests::{question, rated};

    #[test]
    fn nothing_is_combined_below_the_threshold() {
        let qs = [question("a", "cf")];
        let one = [rated("a", Some(4), "")];
        let agg = aggregate(&[(&qs, &one)], 2);
        assert_eq!((agg.answered, agg.threshold), (1, 2));
        assert!(agg.competencies.is_empty());
    }

    #[test]
    fn each_reference_counts_once_per_competency() {
        let qs = [
            question("a", "cf"),
            question("b", "cf"),
            question("c", "tw"),
        ];
        let first = [
            rated("a", Some(2), ""),
            rated("b", Some(4), ""),
            rated("c", None, ""),
        ];
        let second = [
            rated("a", Some(5), ""),
            rated("b", None, ""),
            rated("c", Some(3), ""),
        ];
        let agg = aggregate(&[(&qs, &first), (&qs, &second)], 2);
        let cf = &agg.competencies[0];
        // (2+4)/2 = 3 for the first, 5 for the second: 4.
        assert_eq!(
            (cf.competency_id.as_str(), cf.references, cf.mean),
            ("cf", 2, Some(4.0))
        );
        // Only one reference rated teamwork: its rating stays hidden.
        let tw = &agg.competencies[1];
        assert_eq!((tw.references, tw.mean), (1, None));
    }
}
