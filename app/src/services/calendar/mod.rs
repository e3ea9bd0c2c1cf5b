//! Interview times and calendar invitations: reading the start and end a
//! scheduler typed in their own zone, the `.ics` file of an interview
//! ([`ics`]) for those who may see it, and mailing it to the panel when
//! SMTP is configured ([`invite`]).

pub mod ics;
pub mod invite;

use super::time::{TimeError, Zone, parse_local};
use crate::auth::invalid;
use crate::errors::AppError;
use crate::model::ScheduleInput;

/// The longest an interview may last: a day. Longer is a typing mistake.
const LONGEST_MS: i64 = 24 * 3_600_000;

/// Start and end of the interview `input` asks for, UTC milliseconds: the
/// local texts read in `zone` when given (they win over the millisecond
/// fields), then checked: an end needs a start and comes after it.
pub fn interview_times(
    zone: &Zone,
    input: &ScheduleInput,
) -> Result<(Option<i64>, Option<i64>), AppError> {
    let read = |field: &str, text: &str, fallback: Option<i64>| {
        if text.trim().is_empty() {
            return Ok(fallback);
        }
        parse_local(text, zone)
            .map(Some)
            .map_err(|e: TimeError| invalid(field, e.to_string()))
    };
    let start = read("starts", &input.starts_local, input.scheduled_at)?;
    let end = read("ends", &input.ends_local, input.ends_at)?;
    match (start, end) {
        (None, Some(_)) => Err(invalid("ends", "give a start before an end")),
        (Some(s), Some(e)) if e <= s => Err(invalid("ends", "the end must be after the start")),
        (Some(s), Some(e)) if e - s > LONGEST_MS => Err(invalid(
            "ends",
            "an interview lasts at most 24 hours; check the end date",
        )),
        times => Ok(times),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(starts: &str, ends: &str) -> ScheduleInput {
        ScheduleInput {
            starts_local: starts.into(),
            ends_local: ends.into(),
            ..Default::default()
        }
    }

    fn field(r: Result<(Option<i64>, Option<i64>), AppError>) -> String {
        match r {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn local_times_are_read_in_the_zone_and_the_end_follows_the_start() {
        let berlin = Zone::named("Europe/Berlin").unwrap();
        let (s, e) =
            interview_times(&berlin, &input("2026-03-29T01:30", "2026-03-29T03:30")).unwrap();
        // One hour across the change of clocks.
        assert_eq!(e.unwrap() - s.unwrap(), 3_600_000);
        assert_eq!(
            field(interview_times(
                &berlin,
                &input("2026-03-29T10:00", "2026-03-29T09:00")
            )),
            "ends"
        );
        assert_eq!(
            field(interview_times(&berlin, &input("", "2026-03-29T09:00"))),
            "ends"
        );
        assert_eq!(
            field(interview_times(&berlin, &input("2026-03-29T02:30", ""))),
            "starts"
        );
        assert_eq!(
            field(interview_times(&berlin, &input("soon", ""))),
            "starts"
        );
        assert_eq!(
            field(interview_times(
                &berlin,
                &input("2026-03-01T10:00", "2026-03-03T10:00")
            )),
            "ends"
        );
        assert_eq!(
            interview_times(&berlin, &input("", "")).unwrap(),
            (None, None)
        );
    }
}
