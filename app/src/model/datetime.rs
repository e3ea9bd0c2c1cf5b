//! Calendar arithmetic in one place: UTC milliseconds to and from the text
//! people read and type. Time is stored in UTC everywhere; these helpers are
//! pure, so the server and the browser format the same instant identically
//! (a page that formatted in the browser's zone would hydrate differently
//! from the server's rendering).

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// Formats UTC milliseconds as `2025-03-07 14:05 UTC`.
pub fn format_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Formats UTC milliseconds as a day, `7 March 2025`.
pub fn format_day(ms: i64) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let (y, m, d) = civil_from_days(ms.div_euclid(1000).div_euclid(86_400));
    format!("{d} {} {y}", MONTHS[(m - 1) as usize])
}

/// A UTC time as "Mon 24 Nov 2025, 14:00 UTC".
pub fn date_label(ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = ms.div_euclid(DAY_MS);
    let minutes = ms.rem_euclid(DAY_MS) / 60_000;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{} {day} {} {year}, {:02}:{:02} UTC",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        minutes / 60,
        minutes % 60
    )
}

/// Reads `YYYY-MM-DDTHH:MM` (or with a space, or a bare date) as UTC milliseconds.
pub fn parse_utc(input: &str) -> Option<i64> {
    let input = input.trim();
    let (date, time) = match input.split_once(['T', ' ']) {
        Some((d, t)) => (d, t),
        None => (input, "00:00"),
    };
    let mut date_parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (
        date_parts.next()??,
        date_parts.next()??,
        date_parts.next()??,
    );
    let mut time_parts = time.splitn(3, ':');
    let h: i64 = time_parts.next()?.parse().ok()?;
    let min: i64 = time_parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m)
        || !(1..=days_in_month(y, m)).contains(&d)
        || !(0..24).contains(&h)
        || !(0..60).contains(&min)
    {
        return None;
    }
    Some((days_from_civil(y, m, d) * 86_400 + h * 3600 + min * 60) * 1000)
}

/// Days in month `m` (1–12) of year `y`.
pub fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days <-> civil date algorithms (proleptic Gregorian).
/// The (year, month, day) of `z` days after 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days from 1970-01-01 to (`y`, `m`, `d`).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_through_utc_text() {
        let cases = [
            ("epoch", "1970-01-01T00:00", 0),
            ("leap day", "2024-02-29T23:59", 1_709_251_140_000),
            ("new year", "2025-01-01 08:30", 1_735_720_200_000),
        ];
        for (name, text, ms) in cases {
            assert_eq!(parse_utc(text), Some(ms), "{name}");
            assert_eq!(
                format_utc(ms),
                format!("{} UTC", text.replace('T', " ")),
                "{name}"
            );
        }
        assert_eq!(parse_utc("2025-06-01"), Some(1_748_736_000_000));
        assert_eq!(format_day(1_748_736_000_000), "1 June 2025");
    }

    #[test]
    fn labels_name_the_weekday() {
        assert_eq!(date_label(0), "Thu 1 Jan 1970, 00:00 UTC");
        assert_eq!(date_label(1_795_516_200_000), "Tue 24 Nov 2026, 10:30 UTC");
        assert_eq!(date_label(951_868_740_000), "Tue 29 Feb 2000, 23:59 UTC");
    }

    #[test]
    fn impossible_dates_are_refused() {
        for bad in [
            "",
            "2025-02-29T10:00",
            "2025-13-01T10:00",
            "2025-01-01T24:00",
            "tomorrow",
            "2025-01-01T10",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn days_per_month_follow_the_leap_rules() {
        let cases = [
            (2024, 2, 29),
            (2025, 2, 28),
            (1900, 2, 28),
            (2000, 2, 29),
            (2025, 4, 30),
            (2025, 12, 31),
        ];
        for (y, m, days) in cases {
            assert_eq!(days_in_month(y, m), days, "{y}-{m}");
        }
    }
}
