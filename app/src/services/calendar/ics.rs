//! iCalendar (RFC 5545) text for one interview: what calendar programs
//! import. Pure: the caller decides what goes in (never another rater's
//! ratings, notes or recommendation) and this only writes it correctly:
//! UTC times, escaped text, quoted parameters, CRLF lines folded at 75
//! octets without splitting a character.

use jiff::Timestamp;

/// What the file is for: a download to add to a calendar, or an invitation
/// mailed to an attendee (RFC 5546 methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A copy to add to one's calendar.
    Publish,
    /// An invitation to the attendees.
    Request,
}

/// A person in the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Display name.
    pub name: String,
    /// Mail address.
    pub email: String,
}

/// One interview as a calendar event.
#[derive(Debug, Clone)]
pub struct Event {
    /// Stable across downloads and reschedules, so calendars update the
    /// event instead of adding another.
    pub uid: String,
    /// Counts the changes of the event (0 when first sent).
    pub sequence: i64,
    /// When the file was made, UTC milliseconds.
    pub stamp: i64,
    /// Start, UTC milliseconds.
    pub start: i64,
    /// End, UTC milliseconds.
    pub end: i64,
    /// One-line title.
    pub summary: String,
    /// Longer text; newlines allowed.
    pub description: String,
    /// The scoring page.
    pub url: String,
    /// Who scheduled it.
    pub organizer: Person,
    /// The panel.
    pub attendees: Vec<Person>,
}

/// The product id in every file.
pub const PRODID: &str = "-//Panelkit//Interview invitations//EN";

/// The whole `VCALENDAR` with one `VEVENT`, CRLF line ends.
pub fn calendar(event: &Event, method: Method) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        format!("PRODID:{PRODID}"),
        "VERSION:2.0".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        format!(
            "METHOD:{}",
            match method {
                Method::Publish => "PUBLISH",
                Method::Request => "REQUEST",
            }
        ),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(&event.uid)),
        format!("SEQUENCE:{}", event.sequence.max(0)),
        format!("DTSTAMP:{}", utc(event.stamp)),
        format!("DTSTART:{}", utc(event.start)),
        format!("DTEND:{}", utc(event.end)),
        format!("SUMMARY:{}", text(&event.summary)),
        format!("DESCRIPTION:{}", text(&event.description)),
        format!("URL:{}", uri(&event.url)),
        format!(
            "ORGANIZER;CN={}:mailto:{}",
            param(&event.organizer.name),
            uri(&event.organizer.email)
        ),
    ];
    for a in &event.attendees {
        lines.push(format!(
            "ATTENDEE;CN={};CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{}",
            param(&a.name),
            uri(&a.email)
        ));
    }
    lines.extend(
        [
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        .map(str::to_owned),
    );
    let mut out = String::new();
    for line in lines {
        fold_into(&mut out, &line);
    }
    out
}

/// UTC milliseconds as `20260310T130000Z` (seconds kept, milliseconds dropped).
pub fn utc(ms: i64) -> String {
    let ts = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon, comma and newlines escaped (RFC 5545
/// 3.3.11); other control characters dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, always quoted: a double quote cannot appear in one
/// at all (RFC 5545 3.1), so it becomes a single quote; controls go.
pub fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| if c == '"' { '\'' } else { c })
        .collect();
    format!("\"{clean}\"")
}

/// A URI or address value: no controls and no spaces, which would end or
/// break the line's meaning.
fn uri(value: &str) -> String {
    value
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Appends `line` with CRLF, folded so no physical line exceeds 75 octets;
/// continuation lines start with one space (which counts towards them).
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_long_lines_fold_at_75_octets() {
        assert_eq!(text("a,b;c\\d\r\ne\u{7}"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(param("Ana \"Ace\" O'Neil;x"), "\"Ana 'Ace' O'Neil;x\"");
        let mut out = String::new();
        let long = format!("SUMMARY:{}", "Zoë ".repeat(40));
        fold_into(&mut out, &long);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{physical:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.strip_suffix("\r\n"), Some(long.as_str()));
        assert_eq!(utc(1_773_147_600_000), "20260310T130000Z");
    }
}
