//! Zone conversion around the changes of clocks in Berlin and New York.

use super::*;

/// UTC milliseconds of a UTC civil time.
fn utc(text: &str) -> i64 {
    parse_local(text, &Zone::utc()).unwrap()
}

#[test]
fn berlin_local_times_convert_across_both_changes_of_clocks() {
    let berlin = Zone::named("Europe/Berlin").unwrap();
    let cases = [
        // Winter time, UTC+1, the day before clocks go forward (29 March 2026).
        ("2026-03-28T10:00", "2026-03-28T09:00"),
        ("2026-03-29T01:59", "2026-03-29T00:59"),
        // Summer time, UTC+2, from 03:00 that night.
        ("2026-03-29T03:00", "2026-03-29T01:00"),
        ("2026-03-30T10:00", "2026-03-30T08:00"),
        // Clocks go back on 25 October 2026: 02:30 happens twice; the first counts.
        ("2026-10-25T02:30", "2026-10-25T00:30"),
        ("2026-10-25T03:00", "2026-10-25T02:00"),
        ("2026-10-26T10:00", "2026-10-26T09:00"),
    ];
    for (local, want) in cases {
        let ms = parse_local(local, &berlin).unwrap();
        assert_eq!(ms, utc(want), "{local}");
        if local != "2026-10-25T02:30" {
            assert_eq!(to_local_input(ms, &berlin), local, "{local} back");
        }
    }
}

#[test]
fn a_time_the_clocks_skip_is_refused_with_the_reason() {
    let berlin = Zone::named("Europe/Berlin").unwrap();
    let err = parse_local("2026-03-29T02:30", &berlin).unwrap_err();
    assert_eq!(
        err,
        TimeError::Gap {
            time: "2026-03-29 02:30".into(),
            zone: "Europe/Berlin".into()
        }
    );
    assert!(err.to_string().contains("clocks go forward"), "{err}");
    let new_york = Zone::named("America/New_York").unwrap();
    assert!(matches!(
        parse_local("2026-03-08T02:15", &new_york),
        Err(TimeError::Gap { .. })
    ));
}

#[test]
fn labels_name_the_zone_and_its_abbreviation_on_each_side_of_a_change() {
    let new_york = Zone::named("America/New_York").unwrap();
    // 8 March 2026 clocks go forward in New York: EST (UTC-5) to EDT (UTC-4).
    assert_eq!(
        format_at(utc("2026-03-07T14:00"), &new_york),
        "Sat 7 Mar 2026, 09:00 (America/New_York, EST)"
    );
    assert_eq!(
        format_span(
            utc("2026-03-10T13:00"),
            Some(utc("2026-03-10T14:00")),
            &new_york
        ),
        "Tue 10 Mar 2026, 09:00–10:00 (America/New_York, EDT)"
    );
    let berlin = Zone::named("Europe/Berlin").unwrap();
    // An hour that spans the change: 01:30 CET to 03:30 CEST.
    assert_eq!(
        format_span(
            utc("2026-03-29T00:30"),
            Some(utc("2026-03-29T01:30")),
            &berlin
        ),
        "Sun 29 Mar 2026, 01:30–03:30 (Europe/Berlin, CET→CEST)"
    );
    assert_eq!(
        format_span(
            utc("2026-10-25T21:30"),
            Some(utc("2026-10-25T23:30")),
            &berlin
        ),
        "Sun 25 Oct 2026, 22:30 – Mon 26 Oct 2026, 00:30 (Europe/Berlin, CET)"
    );
}

#[test]
fn without_a_chosen_zone_times_are_utc_and_say_so() {
    let zone = Zone::of(None);
    assert!(!zone.is_chosen());
    assert_eq!(zone.name(), "UTC");
    assert_eq!(format_at(0, &zone), "Thu 1 Jan 1970, 00:00 (UTC)");
    assert_eq!(Zone::of(Some("Not/A_Zone")).name(), "UTC");
    assert!(Zone::of(Some("Asia/Tokyo")).is_chosen());
}

#[test]
fn only_iana_names_are_zones() {
    for bad in [
        "",
        "Mars/Olympus_Mons",
        "EST5EDT,M3.2.0,M11.1.0",
        "+05:00",
        "../etc/passwd",
    ] {
        assert!(
            matches!(Zone::named(bad), Err(TimeError::UnknownZone(_))),
            "{bad:?}"
        );
    }
    assert_eq!(
        Zone::named(" Europe/Berlin ").unwrap().name(),
        "Europe/Berlin"
    );
    let names = zone_names();
    for name in ["America/New_York", "Europe/Berlin", "UTC", "Asia/Kolkata"] {
        assert!(names.iter().any(|n| n == name), "{name}");
    }
}

#[test]
fn days_follow_the_zone() {
    let new_york = Zone::named("America/New_York").unwrap();
    // 03:00 UTC on the 11th is still the evening of the 10th in New York.
    assert!(same_day(
        utc("2026-03-10T13:00"),
        utc("2026-03-11T03:00"),
        &new_york
    ));
    assert!(!same_day(
        utc("2026-03-10T13:00"),
        utc("2026-03-11T03:00"),
        &Zone::utc()
    ));
    assert_eq!(
        parse_local("2026-02-30T10:00", &new_york),
        Err(TimeError::NotATime)
    );
}
