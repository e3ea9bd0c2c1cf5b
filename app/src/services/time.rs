//! Time zones in one place: a person's IANA zone, local text to and from
//! UTC milliseconds in it, and the labels that name the zone.
//!
//! Instants are stored in UTC; a zone only decides how a time is typed and
//! shown to one person. The zone database (jiff's bundled copy of the IANA
//! database) lives in the server alone: pages receive labels formatted here,
//! so the browser bundle carries no zone data and the server's rendering and
//! the hydrated page agree.
//!
//! Local times that a change of clocks makes impossible or doubled follow
//! one rule: a time in a gap (clocks go forward, e.g. 02:30 on the last
//! Sunday of March in Berlin) is refused with an error that says so; a time
//! in a fold (clocks go back, 02:30 on the last Sunday of October happens
//! twice) means its first occurrence, as RFC 5545 reads it. Labels name the
//! abbreviation (CEST or CET), so the person sees which one it was.

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::{AmbiguousOffset, TimeZone};

/// A person's time zone, or UTC while they have not chosen one.
#[derive(Debug, Clone)]
pub struct Zone {
    tz: TimeZone,
    name: Option<String>,
}

/// Why text is not a time zone or a local time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TimeError {
    /// Not an IANA zone name known to the bundled database.
    #[error("\"{0}\" is not a time zone name; use one like Europe/Berlin or America/New_York")]
    UnknownZone(String),
    /// Not `YYYY-MM-DDTHH:MM`.
    #[error("use the date and time picker (YYYY-MM-DD HH:MM)")]
    NotATime,
    /// The local time is skipped by a change of clocks in the zone.
    #[error(
        "{time} does not exist in {zone}: the clocks go forward that night; choose a time outside the change"
    )]
    Gap {
        /// The time as typed, `2026-03-29 02:30`.
        time: String,
        /// The zone's name.
        zone: String,
    },
}

impl Zone {
    /// UTC, for people who have not chosen a zone.
    pub fn utc() -> Zone {
        Zone {
            tz: TimeZone::UTC,
            name: None,
        }
    }

    /// The zone called `name` (an IANA name such as `Europe/Berlin`).
    pub fn named(name: &str) -> Result<Zone, TimeError> {
        let name = name.trim();
        // Only real IANA names: jiff would also accept POSIX TZ strings
        // and offsets, which name no place and follow no future rule change.
        if name.is_empty() || name.len() > 64 || !name.chars().all(is_name_char) {
            return Err(TimeError::UnknownZone(name.to_owned()));
        }
        let tz = jiff::tz::db()
            .get(name)
            .map_err(|_| TimeError::UnknownZone(name.to_owned()))?;
        let canonical = tz.iana_name().unwrap_or(name).to_owned();
        Ok(Zone {
            tz,
            name: Some(canonical),
        })
    }

    /// The zone stored for a person: theirs, or UTC when none is stored (or a
    /// stored name the database no longer knows).
    pub fn of(stored: Option<&str>) -> Zone {
        stored
            .and_then(|n| Zone::named(n).ok())
            .unwrap_or_else(Zone::utc)
    }

    /// The zone's IANA name; `UTC` while none is chosen.
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or("UTC")
    }

    /// Whether the person chose this zone (else it is the UTC stand-in).
    pub fn is_chosen(&self) -> bool {
        self.name.is_some()
    }

    /// The abbreviation in force at `ms` (`CEST`, `EST`, `+03`, `UTC`).
    fn abbreviation(&self, ms: i64) -> String {
        self.tz
            .to_offset_info(timestamp(ms))
            .abbreviation()
            .to_owned()
    }

    /// The zone's name with the abbreviation at `ms`: `Europe/Berlin, CEST`.
    fn named_at(&self, ms: i64) -> String {
        match &self.name {
            Some(name) => format!("{name}, {}", self.abbreviation(ms)),
            None => "UTC".to_owned(),
        }
    }

    fn local(&self, ms: i64) -> DateTime {
        self.tz.to_datetime(timestamp(ms))
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '_' | '-' | '+')
}

/// Milliseconds as a timestamp; out-of-range values (never stored) clamp.
fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// Every zone name a person may choose, sorted.
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_owned())
        .filter(|n| n.contains('/') && !n.starts_with("Etc/") && !n.starts_with("posix"))
        .collect();
    names.push("UTC".to_owned());
    names.sort();
    names.dedup();
    names
}

fn day_label(dt: DateTime) -> String {
    dt.strftime("%a %-d %b %Y").to_string()
}

fn clock(dt: DateTime) -> String {
    dt.strftime("%H:%M").to_string()
}

/// An instant as `Tue 10 Mar 2026, 09:00 (America/New_York, EDT)`.
pub fn format_at(ms: i64, zone: &Zone) -> String {
    let dt = zone.local(ms);
    format!("{}, {} ({})", day_label(dt), clock(dt), zone.named_at(ms))
}

/// A start and optional end: `Tue 10 Mar 2026, 09:00–10:00 (America/New_York,
/// EDT)`, the end's day repeated when it differs, both abbreviations when a
/// change of clocks falls between them.
pub fn format_span(start: i64, end: Option<i64>, zone: &Zone) -> String {
    let Some(end) = end else {
        return format_at(start, zone);
    };
    let (a, b) = (zone.local(start), zone.local(end));
    let until = if a.date() == b.date() {
        format!("–{}", clock(b))
    } else {
        format!(" – {}, {}", day_label(b), clock(b))
    };
    let named = match &zone.name {
        Some(name) => {
            let (x, y) = (zone.abbreviation(start), zone.abbreviation(end));
            if x == y {
                format!("{name}, {x}")
            } else {
                format!("{name}, {x}→{y}")
            }
        }
        None => "UTC".to_owned(),
    };
    format!("{}, {}{until} ({named})", day_label(a), clock(a))
}

/// Reads `YYYY-MM-DDTHH:MM` (a `datetime-local` value; a space works too) as
/// a local time in `zone`, to UTC milliseconds. See the module notes for
/// times that a change of clocks skips (refused) or repeats (the first).
pub fn parse_local(text: &str, zone: &Zone) -> Result<i64, TimeError> {
    let text = text.trim().replacen(' ', "T", 1);
    // The picker sends minutes; seconds are accepted and kept.
    let dt: DateTime = text.parse().map_err(|_| TimeError::NotATime)?;
    if !(1900..=2200).contains(&dt.year()) {
        return Err(TimeError::NotATime);
    }
    let ambiguous = zone.tz.to_ambiguous_timestamp(dt);
    let offset = match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Fold { before, .. } => before,
        AmbiguousOffset::Gap { .. } => {
            return Err(TimeError::Gap {
                time: dt.strftime("%Y-%m-%d %H:%M").to_string(),
                zone: zone.name().to_owned(),
            });
        }
    };
    let ts = offset.to_timestamp(dt).map_err(|_| TimeError::NotATime)?;
    Ok(ts.as_millisecond())
}

/// `ms` as a `datetime-local` value in `zone` (`2026-03-10T09:00`), to fill
/// a picker.
pub fn to_local_input(ms: i64, zone: &Zone) -> String {
    zone.local(ms).strftime("%Y-%m-%dT%H:%M").to_string()
}

/// Whether `a` and `b` fall on the same calendar day in `zone`.
pub fn same_day(a: i64, b: i64, zone: &Zone) -> bool {
    zone.local(a).date() == zone.local(b).date()
}

/// The zone of `user`, read from their account (UTC until they choose).
pub async fn zone_of(
    db: &crate::db::Db,
    user: &crate::model::CurrentUser,
) -> Result<Zone, sqlx::Error> {
    let stored = crate::db::users::time_zone(db, &user.org_id, &user.id).await?;
    Ok(Zone::of(stored.as_deref()))
}

/// Stores `name` as `user`'s time zone; returns the name as stored (its
/// canonical spelling). An unknown name is a `time_zone` field error.
pub async fn set_zone(
    db: &crate::db::Db,
    user: &crate::model::CurrentUser,
    name: &str,
) -> Result<String, crate::errors::AppError> {
    let zone = Zone::named(name).map_err(|e| crate::auth::invalid("time_zone", e.to_string()))?;
    crate::db::users::set_time_zone(db, &user.org_id, &user.id, zone.name()).await?;
    Ok(zone.name().to_owned())
}

#[cfg(test)]
mod tests;
