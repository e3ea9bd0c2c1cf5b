//! Time zones and calendar invitations: each person's zone, interviews
//! scheduled with a start and an end typed in the scheduler's zone and shown
//! in each viewer's, the `.ics` file of an interview (read back by a calendar
//! parser) for those who may see it, and invitations mailed with it.

use crate::fixtures::*;
use crate::helpers::*;
use app::db::users::DEFAULT_ORG;
use app::model::{CandidateDetail, MyInterview, Role, ScheduleInput, ScorecardWrite, TeamRole};
use app::server_fns::candidates::{GetCandidate, ScheduleInterview};
use app::server_fns::scorecards::{ListMyInterviews, SubmitScorecard};
use app::server_fns::time_zones::{MyTimeZone, SetMyTimeZone, TimeZoneNames};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use reqwest::StatusCode;

/// UTC milliseconds of `2026-03-08T06:30Z`: 01:30 EST in New York, the
/// night its clocks go forward.
const NY_START: i64 = 1_772_951_400_000;
const HOUR: i64 = 3_600_000;

/// A role with a published one-stage guide, a candidate and people:
/// Rita (recruiter, New York), Ivan and Ines (interviewers), Hana (the
/// role's hiring manager), Hank (another hiring manager), Olga (an
/// interviewer on no panel).
struct Setup {
    app: TestApp,
    people: People,
    candidate_id: String,
}

async fn setup(app: TestApp) -> Setup {
    server::banks::import_shipped(&app.db).await.unwrap();
    let people = people(
        &app,
        &[
            ("rita", "Rita Recruiter", Role::Recruiter),
            ("ivan", "Ivan Petrov", Role::Interviewer),
            ("ines", "Ines Ortega, PhD", Role::Interviewer),
            ("hana", "Hana Manager", Role::HiringManager),
            ("hank", "Hank Elsewhere", Role::HiringManager),
            ("olga", "Olga Outside", Role::Interviewer),
        ],
    )
    .await;
    let r = app.recruiter(&people.tokens["rita"]);
    let role_id = r.role("Care lead").await;
    r.profile(&role_id, &[("customer-focus", 3, 1)]).await;
    r.team(
        &role_id,
        &[(people.ids["hana"].as_str(), TeamRole::HiringManager)],
    )
    .await;
    r.publish(&role_id, panel_guide(&["customer-focus"])).await;
    let candidate_id = r
        .candidate(&role_id, "Zoë Park; \"Z\"", "zoe@cand.example")
        .await;
    Setup {
        app,
        people,
        candidate_id,
    }
}

impl Setup {
    fn token(&self, who: &str) -> &str {
        &self.people.tokens[who]
    }

    fn schedule_input(&self, starts: &str, ends: &str) -> ScheduleInput {
        ScheduleInput {
            candidate_id: self.candidate_id.clone(),
            stage_id: "panel".into(),
            starts_local: starts.into(),
            ends_local: ends.into(),
            panel: vec![
                (self.people.ids["ivan"].clone(), Vec::new()),
                (
                    self.people.ids["ines"].clone(),
                    vec!["customer-focus".into()],
                ),
            ],
            ..Default::default()
        }
    }

    async fn set_zone(&self, who: &str, zone: &str) {
        let stored = self
            .app
            .run(
                self.token(who),
                SetMyTimeZone {
                    time_zone: zone.into(),
                },
            )
            .await;
        assert_eq!(stored, zone);
    }

    async fn ics(&self, who: Option<&str>, interview_id: &str) -> reqwest::Response {
        self.app
            .get(
                &format!("/interviews/{interview_id}/invite.ics"),
                who.map(|w| self.token(w)),
            )
            .await
    }
}

/// The field a refused call names.
async fn field_of(res: reqwest::Response) -> String {
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = res.text().await.unwrap();
    match serde_json::from_str::<app::errors::AppError>(&body) {
        Ok(app::errors::AppError::Invalid { field, .. }) => field,
        other => panic!("not a field error: {other:?} from {body}"),
    }
}

#[tokio::test]
async fn a_person_chooses_a_time_zone_by_its_iana_name() {
    for backend in backends() {
        let s = setup(spawn_app(&backend).await).await;
        assert_eq!(s.app.run(s.token("ivan"), MyTimeZone {}).await, None);
        let names = s.app.run(s.token("ivan"), TimeZoneNames {}).await;
        assert!(names.iter().any(|n| n == "Europe/Berlin"), "{backend:?}");
        for bad in ["Mars/Olympus_Mons", "", "EST5EDT,M3.2.0,M11.1.0"] {
            let res = s
                .app
                .attempt(
                    Some(s.token("ivan")),
                    &SetMyTimeZone {
                        time_zone: bad.into(),
                    },
                )
                .await;
            assert_eq!(field_of(res).await, "time_zone", "{bad:?}");
        }
        assert_eq!(s.app.run(s.token("ivan"), MyTimeZone {}).await, None);
        s.set_zone("ivan", "Europe/Berlin").await;
        assert_eq!(
            s.app.run(s.token("ivan"), MyTimeZone {}).await.as_deref(),
            Some("Europe/Berlin")
        );
        // Each person's own: Ines still has none.
        assert_eq!(s.app.run(s.token("ines"), MyTimeZone {}).await, None);
    }
}

#[tokio::test]
async fn times_typed_in_the_schedulers_zone_are_shown_in_each_viewers_across_a_change_of_clocks() {
    for backend in backends() {
        let s = setup(spawn_app(&backend).await).await;
        s.set_zone("rita", "America/New_York").await;
        s.set_zone("ivan", "Europe/Berlin").await;
        // 01:30 EST to 03:30 EDT: one hour, across the night New York's
        // clocks go forward.
        let input = s.schedule_input("2026-03-08T01:30", "2026-03-08T03:30");
        let scheduled = s
            .app
            .run(s.token("rita"), ScheduleInterview { input })
            .await;
        let detail: CandidateDetail = s
            .app
            .run(
                s.token("rita"),
                GetCandidate {
                    candidate_id: s.candidate_id.clone(),
                },
            )
            .await;
        let i = &detail.interviews[0];
        assert_eq!(
            (i.scheduled_at, i.ends_at),
            (Some(NY_START), Some(NY_START + HOUR)),
            "{backend:?}"
        );
        assert_eq!(
            i.when,
            "Sun 8 Mar 2026, 01:30–03:30 (America/New_York, EST→EDT)"
        );
        assert_eq!(detail.viewer_time_zone.as_deref(), Some("America/New_York"));
        // The rows other features read carry the end too.
        let record =
            app::db::interviews::find_interview(&s.app.db, DEFAULT_ORG, &scheduled.interview_id)
                .await
                .unwrap()
                .unwrap();
        assert_eq!(
            (record.scheduled_at, record.ends_at),
            (Some(NY_START), Some(NY_START + HOUR))
        );

        let mine: Vec<MyInterview> = s
            .app
            .run(s.token("ivan"), ListMyInterviews { page: None })
            .await;
        assert_eq!(mine[0].ends_at, Some(NY_START + HOUR));
        assert_eq!(
            mine[0].when,
            "Sun 8 Mar 2026, 07:30–08:30 (Europe/Berlin, CET)"
        );
        let unchosen: Vec<MyInterview> = s
            .app
            .run(s.token("ines"), ListMyInterviews { page: None })
            .await;
        assert_eq!(unchosen[0].when, "Sun 8 Mar 2026, 06:30–07:30 (UTC)");
    }
}

#[tokio::test]
async fn impossible_starts_and_ends_are_refused_naming_the_field() {
    for backend in backends() {
        let s = setup(spawn_app(&backend).await).await;
        s.set_zone("rita", "America/New_York").await;
        let cases = [
            (
                "end before start",
                "2026-03-10T10:00",
                "2026-03-10T09:00",
                "ends",
            ),
            ("end without start", "", "2026-03-10T09:00", "ends"),
            (
                "skipped by the clocks",
                "2026-03-08T02:30",
                "2026-03-08T04:00",
                "starts",
            ),
            ("not a time", "tomorrow", "", "starts"),
        ];
        for (name, starts, ends, field) in cases {
            let res = s
                .app
                .attempt(
                    Some(s.token("rita")),
                    &ScheduleInterview {
                        input: s.schedule_input(starts, ends),
                    },
                )
                .await;
            assert_eq!(field_of(res).await, field, "{name} on {backend:?}");
        }
        // Milliseconds sent directly are checked the same way.
        let mut input = s.schedule_input("", "");
        input.scheduled_at = Some(NY_START);
        input.ends_at = Some(NY_START);
        let res = s
            .app
            .attempt(Some(s.token("rita")), &ScheduleInterview { input })
            .await;
        assert_eq!(field_of(res).await, "ends");
    }
}

/// The one event of an `.ics` text, parsed as a calendar program would.
fn parse_event(text: &str) -> icalendar::Event {
    let unfolded = icalendar::parser::unfold(text);
    let calendar: icalendar::Calendar = icalendar::parser::read_calendar(&unfolded)
        .expect("a calendar")
        .into();
    let events: Vec<icalendar::Event> = calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1, "{text}");
    events.into_iter().next().unwrap()
}

fn utc_ms(at: Option<DatePerhapsTime>) -> i64 {
    match at {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.timestamp_millis(),
        other => panic!("not a UTC time: {other:?}"),
    }
}

/// Checks the file's framing: CRLF lines of at most 75 octets.
fn assert_well_formed(text: &str) {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.ends_with("END:VCALENDAR\r\n"), "{text}");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?}");
        assert!(!line.contains('\n'), "{line:?}");
    }
    for needed in ["PRODID:", "VERSION:2.0", "METHOD:", "UID:", "DTSTAMP:"] {
        assert!(text.contains(needed), "{needed} in {text}");
    }
}

#[tokio::test]
async fn the_ics_goes_to_the_panel_and_managers_only_and_reads_back_in_a_calendar_parser() {
    for backend in backends() {
        let s = setup(spawn_app(&backend).await).await;
        s.set_zone("rita", "Europe/Berlin").await;
        // 01:30 CET to 03:30 CEST on 29 March 2026: one hour across Berlin's change.
        let input = s.schedule_input("2026-03-29T01:30", "2026-03-29T03:30");
        let id = s
            .app
            .run(s.token("rita"), ScheduleInterview { input })
            .await
            .interview_id;
        // Ivan submits, with words only he may share.
        let mut content = crate::access_matrix::world::complete_content();
        content.summary = "SECRET-SUMMARY-FROM-IVAN".into();
        let write = ScorecardWrite {
            interview_id: id.clone(),
            base_version: 0,
            idempotency_key: "ivan-submit".into(),
            content,
        };
        let _ = s.app.run(s.token("ivan"), SubmitScorecard { write }).await;

        // Signed out: sent to sign in, never the file.
        let anonymous = s.ics(None, &id).await.status();
        assert!(
            anonymous == StatusCode::UNAUTHORIZED || anonymous.is_redirection(),
            "{anonymous}"
        );
        for stranger in ["olga", "hank"] {
            assert_eq!(
                s.ics(Some(stranger), &id).await.status(),
                StatusCode::NOT_FOUND,
                "{stranger} on {backend:?}"
            );
        }
        assert_eq!(
            s.ics(Some("ivan"), "no-such-interview").await.status(),
            StatusCode::NOT_FOUND
        );
        for reader in ["ines", "ivan", "rita", "hana"] {
            let res = s.ics(Some(reader), &id).await;
            assert_eq!(res.status(), StatusCode::OK, "{reader} on {backend:?}");
            let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(content_type.starts_with("text/calendar"), "{content_type}");
            let disposition = res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(disposition.contains(".ics"), "{disposition}");
            let text = res.text().await.unwrap();
            assert_well_formed(&text);
            assert!(!text.contains("SECRET-SUMMARY"), "{reader}: {text}");
            assert!(
                !text.to_ascii_lowercase().contains("recommend"),
                "{reader}: {text}"
            );

            let event = parse_event(&text);
            let start = utc_ms(event.get_start());
            // 01:30 CET is 00:30 UTC; the end an hour later, 03:30 CEST.
            assert_eq!(start, 1_774_744_200_000, "{reader}");
            assert_eq!(utc_ms(event.get_end()), start + HOUR, "{reader}");
            assert_eq!(
                event.get_uid(),
                Some(format!("interview-{id}@127.0.0.1").as_str())
            );
            let summary = event.get_summary().unwrap();
            assert!(
                summary.contains("Zoë Park; \"Z\"") && summary.contains("Panel"),
                "{summary}"
            );
            let description = event.get_description().unwrap();
            for part in [
                "Ivan Petrov",
                "Ines Ortega, PhD",
                "Stage: Panel",
                &format!("/interviews/{id}"),
            ] {
                assert!(description.contains(part), "{part} in {description}");
            }
            let mut attendees: Vec<(String, String)> = event
                .get_attendees()
                .into_iter()
                .map(|a| (a.cn.unwrap_or_default(), a.cal_address))
                .collect();
            attendees.sort();
            assert_eq!(
                attendees,
                [
                    (
                        "Ines Ortega, PhD".to_owned(),
                        "mailto:ines@example.org".to_owned()
                    ),
                    (
                        "Ivan Petrov".to_owned(),
                        "mailto:ivan@example.org".to_owned()
                    ),
                ]
            );
        }
        // Ines's own copy names her focus; nobody else's does.
        let ines = s.ics(Some("ines"), &id).await.text().await.unwrap();
        let rita = s.ics(Some("rita"), &id).await.text().await.unwrap();
        assert!(
            parse_event(&ines)
                .get_description()
                .unwrap()
                .contains("Your focus")
        );
        assert!(
            !parse_event(&rita)
                .get_description()
                .unwrap()
                .contains("Your focus")
        );

        // An interview without a time has no calendar file.
        let untimed = s
            .app
            .run(
                s.token("rita"),
                ScheduleInterview {
                    input: ScheduleInput {
                        panel: vec![(s.people.ids["olga"].clone(), Vec::new())],
                        ..s.schedule_input("", "")
                    },
                },
            )
            .await
            .interview_id;
        assert_eq!(
            s.ics(Some("olga"), &untimed).await.status(),
            StatusCode::CONFLICT
        );
    }
}

#[tokio::test]
async fn scheduling_mails_each_panel_member_an_invitation_with_the_ics_when_smtp_is_set_up() {
    use server::config::{ReferenceConfig, ServeConfig, SmtpSecurity};
    let (port, received) = crate::references::intake::fake_smtp().await;
    let config = ServeConfig {
        references: ReferenceConfig {
            smtp_host: Some("127.0.0.1".into()),
            smtp_port: port,
            smtp_security: SmtpSecurity::None,
            smtp_from: Some("Hiring at Acme <hiring@acme.example>".into()),
            public_url: Some("https://hire.acme.example".into()),
            ..ReferenceConfig::default()
        },
        ..ServeConfig::default()
    };
    let s = setup(spawn_app_with(&Backend::Sqlite, config).await).await;
    s.set_zone("rita", "America/New_York").await;
    s.set_zone("ivan", "Europe/Berlin").await;
    let input = s.schedule_input("2026-03-08T01:30", "2026-03-08T03:30");
    let id = s
        .app
        .run(s.token("rita"), ScheduleInterview { input })
        .await
        .interview_id;
    let mails = received.lock().unwrap().clone();
    assert_eq!(mails.len(), 2, "{mails:?}");
    let ivans = mails
        .iter()
        .find(|m| m.contains("ivan@example.org"))
        .expect("Ivan's invitation");
    let mail = crate::references::intake::decode_quoted_printable(ivans);
    assert!(mail.contains("multipart/mixed"), "{mail}");
    assert!(mail.contains("text/calendar"), "{mail}");
    assert!(mail.contains("method=REQUEST"), "{mail}");
    // His own zone in the words.
    assert!(
        mail.contains("Sun 8 Mar 2026, 07:30–08:30 (Europe/Berlin, CET)"),
        "{mail}"
    );
    let ics = attachment(ivans);
    // The test server keeps lines with bare newlines; a calendar reads CRLF.
    let ics = ics.replace("\r\n", "\n").replace('\n', "\r\n");
    assert!(ics.contains("METHOD:REQUEST"), "{ics}");
    let event = parse_event(&ics);
    assert_eq!(utc_ms(event.get_start()), NY_START);
    assert_eq!(utc_ms(event.get_end()), NY_START + HOUR);
    assert_eq!(
        event.get_url(),
        Some(format!("https://hire.acme.example/interviews/{id}").as_str())
    );
    assert_eq!(event.get_attendees().len(), 2);

    let outbox = app::db::outbox::list_for_subject(&s.app.db, DEFAULT_ORG, &id)
        .await
        .unwrap();
    assert_eq!(outbox.len(), 2);
    assert!(
        outbox.iter().all(|o| o.status.as_str() == "sent"),
        "{outbox:?}"
    );
}

#[tokio::test]
async fn without_smtp_scheduling_sends_nothing() {
    let s = setup(spawn_app(&Backend::Sqlite).await).await;
    let id = s
        .app
        .run(
            s.token("rita"),
            ScheduleInterview {
                input: s.schedule_input("2026-03-10T09:00", "2026-03-10T10:00"),
            },
        )
        .await
        .interview_id;
    let outbox = app::db::outbox::list_for_subject(&s.app.db, DEFAULT_ORG, &id)
        .await
        .unwrap();
    assert!(outbox.is_empty(), "{outbox:?}");
    assert_eq!(s.ics(Some("ivan"), &id).await.status(), StatusCode::OK);
}

/// The `text/calendar` part of a raw message, its transfer encoding undone.
fn attachment(raw: &str) -> String {
    let at = raw
        .find("Content-Type: text/calendar")
        .expect("a calendar part");
    let part = &raw[at..];
    let (headers, rest) = part.split_once("\n\n").expect("part headers");
    let body: String = rest
        .lines()
        .take_while(|l| !l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    if headers.contains("base64") {
        String::from_utf8(base64(&body)).unwrap()
    } else if headers.contains("quoted-printable") {
        crate::references::intake::decode_quoted_printable(&body)
    } else {
        body
    }
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let digits: Vec<u32> = text
        .bytes()
        .filter_map(|b| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32))
        .collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= d << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}
