//! Fraud signals: facts about a candidate's references worth a second look,
//! each with its likely innocent explanations. They inform; they decide
//! nothing.

use crate::db::references::RequestRecord;
use crate::model::{FraudSignal, ReferenceMethod, Relationship, SignalKind};

/// Domains of free mail services, where anyone can get an address.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "yandex.com",
    "yandex.ru",
    "mail.ru",
    "zoho.com",
    "fastmail.com",
    "hey.com",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "orange.fr",
    "free.fr",
    "t-online.de",
    "libero.it",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "tutanota.com",
];

/// Characters a fast typist enters per second; text faster than this was
/// not typed in the form.
const CHARS_PER_SECOND: i64 = 8;
/// Least time to read a question and its anchors and choose a level.
const MS_PER_RATING: i64 = 3_000;

fn domain(email: &str) -> &str {
    email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default()
}

/// Whether `email` is at a free mail service.
pub fn is_free_mail(email: &str) -> bool {
    FREE_MAIL.contains(&domain(email))
}

/// The least time the answers of `r` take to give in the form, in ms.
fn plausible_ms(r: &RequestRecord) -> (i64, usize, usize) {
    let chars: usize = r.answers.iter().map(|a| a.text.chars().count()).sum();
    let ratings = r.answers.iter().filter(|a| a.rating.is_some()).count();
    let ms = chars as i64 * 1000 / CHARS_PER_SECOND + ratings as i64 * MS_PER_RATING;
    (ms, chars, ratings)
}

fn seconds(ms: i64) -> String {
    let s = (ms + 500) / 1000;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {} s", s / 60, s % 60)
    }
}

/// The signals among the references of a candidate whose email is `candidate_email`.
pub fn compute(candidate_email: &str, requests: &[RequestRecord]) -> Vec<FraudSignal> {
    let mut signals = Vec::new();
    let candidate_domain = domain(candidate_email);
    let signal =
        |key: String, kind, ids: Vec<&str>, summary: String, explanations: &[&str]| FraudSignal {
            key,
            kind,
            request_ids: ids.into_iter().map(str::to_owned).collect(),
            summary,
            explanations: explanations.iter().map(|e| (*e).to_owned()).collect(),
            review: None,
        };

    let answered_online: Vec<&RequestRecord> = requests
        .iter()
        .filter(|r| r.method == ReferenceMethod::Link && r.times.submitted_at.is_some())
        .collect();
    for (i, a) in answered_online.iter().enumerate() {
        for b in &answered_online[i + 1..] {
            if a.submitted_ip_hash.is_some() && a.submitted_ip_hash == b.submitted_ip_hash {
                let mut ids = [a.id.as_str(), b.id.as_str()];
                ids.sort_unstable();
                signals.push(signal(
                    format!("same-address:{}+{}", ids[0], ids[1]),
                    SignalKind::SameAddress,
                    ids.to_vec(),
                    format!(
                        "{} and {} submitted their references from the same network address.",
                        a.referee.name, b.referee.name
                    ),
                    &[
                        "They work at the same organization and share its network or VPN.",
                        "They used the same public Wi-Fi or mobile network; mobile carriers put many customers behind one address.",
                        "A proxy in front of Panelkit hides visitors' addresses, so all answers look alike (ask your administrator).",
                    ],
                ));
            }
        }
    }

    for r in requests {
        let referee_domain = domain(&r.referee.email);
        if !candidate_domain.is_empty() && r.referee.email == candidate_email {
            signals.push(signal(
                format!("candidate-domain:{}", r.id),
                SignalKind::CandidateDomain,
                vec![&r.id],
                format!("{}'s email address is the candidate's own address.", r.referee.name),
                &["The address was mistyped or copied from the wrong field when the referee was added."],
            ));
        } else if !candidate_domain.is_empty()
            && referee_domain == candidate_domain
            && !is_free_mail(candidate_email)
        {
            signals.push(signal(
                format!("candidate-domain:{}", r.id),
                SignalKind::CandidateDomain,
                vec![&r.id],
                format!(
                    "{}'s email is at {referee_domain}, the domain of the candidate's own address.",
                    r.referee.name
                ),
                &[
                    "The candidate still works there and the referee is a current colleague or manager.",
                    "The candidate uses a work address from the employer the reference is about.",
                    "The domain belongs to a large organization or a university where both have addresses.",
                ],
            ));
        }
        if r.referee.relationship == Relationship::Manager && is_free_mail(&r.referee.email) {
            signals.push(signal(
                format!("free-mail-manager:{}", r.id),
                SignalKind::FreeMailManager,
                vec![&r.id],
                format!(
                    "{} is named as the candidate's manager but gave a free-mail address ({referee_domain}).",
                    r.referee.name
                ),
                &[
                    "Many people give a personal address for references, especially after leaving the employer.",
                    "The employer is small, closed down, or uses free-mail addresses.",
                    "The referee prefers to keep references out of their work mailbox.",
                ],
            ));
        }
        if r.method == ReferenceMethod::Link
            && let (Some(started), Some(submitted)) = (r.times.started_at, r.times.submitted_at)
        {
            let took = submitted - started;
            let (needed, chars, ratings) = plausible_ms(r);
            if took < needed {
                signals.push(signal(
                    format!("fast:{}", r.id),
                    SignalKind::FastCompletion,
                    vec![&r.id],
                    format!(
                        "{} submitted {ratings} rating{} and {chars} characters of text {} after starting; \
                         reading and typing that much usually takes at least {}.",
                        r.referee.name,
                        if ratings == 1 { "" } else { "s" },
                        seconds(took),
                        seconds(needed)
                    ),
                    &[
                        "The referee wrote the answers elsewhere first, e.g. in notes, and pasted them in.",
                        "They read the questions in an earlier visit, on another device, before starting here.",
                        "They know the candidate well and answered decisively.",
                    ],
                ));
            }
        }
    }
    signals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{RefereeInput, ReferenceAnswer, ReferenceTimes};

    fn request(id: &str, email: &str, relationship: Relationship) -> RequestRecord {
        RequestRecord {
            id: id.into(),
            candidate_id: "c".into(),
            referee: RefereeInput {
                name: format!("Referee {id}"),
                email: email.into(),
                phone: String::new(),
                relationship,
                months_worked: 24,
            },
            method: ReferenceMethod::Link,
            guide_version_id: None,
            invited_by: None,
            send_count: 1,
            times: ReferenceTimes::default(),
            consented_at: None,
            decline_reason: String::new(),
            answers: Vec::new(),
            submitted_ip_hash: None,
            phone: None,
        }
    }

    fn submitted(mut r: RequestRecord, ip: &str, took_ms: i64, text: &str) -> RequestRecord {
        r.times.started_at = Some(1_000_000);
        r.times.submitted_at = Some(1_000_000 + took_ms);
        r.submitted_ip_hash = Some(ip.into());
        r.answers = vec![ReferenceAnswer {
            question_id: "q".into(),
            rating: Some(4),
            cant_say: false,
            text: text.into(),
        }];
        r
    }

    /// What a signal is about: its kind and the requests concerned.
    type Seen = Vec<(SignalKind, Vec<String>)>;

    fn kinds(signals: &[FraudSignal]) -> Seen {
        signals
            .iter()
            .map(|s| (s.kind, s.request_ids.clone()))
            .collect()
    }

    #[test]
    fn each_signal_names_what_was_seen_and_why_it_may_be_innocent() {
        let cases: Vec<(&str, Vec<RequestRecord>, Seen)> = vec![
            (
                "two referees from one address",
                vec![
                    submitted(
                        request("b", "b@acme.example", Relationship::Peer),
                        "h1",
                        600_000,
                        "fine",
                    ),
                    submitted(
                        request("a", "a@other.example", Relationship::Peer),
                        "h1",
                        600_000,
                        "fine",
                    ),
                ],
                vec![(SignalKind::SameAddress, vec!["a".into(), "b".into()])],
            ),
            (
                "different addresses",
                vec![
                    submitted(
                        request("a", "a@acme.example", Relationship::Peer),
                        "h1",
                        600_000,
                        "",
                    ),
                    submitted(
                        request("b", "b@other.example", Relationship::Peer),
                        "h2",
                        600_000,
                        "",
                    ),
                ],
                vec![],
            ),
            (
                "referee at the candidate's domain",
                vec![request("a", "boss@cand.example", Relationship::Peer)],
                vec![(SignalKind::CandidateDomain, vec!["a".into()])],
            ),
            (
                "referee with the candidate's own address",
                vec![request("a", "zoe@cand.example", Relationship::Client)],
                vec![(SignalKind::CandidateDomain, vec!["a".into()])],
            ),
            (
                "free-mail manager",
                vec![request("a", "boss@gmail.com", Relationship::Manager)],
                vec![(SignalKind::FreeMailManager, vec!["a".into()])],
            ),
            (
                "free-mail peer",
                vec![request("a", "pal@gmail.com", Relationship::Peer)],
                vec![],
            ),
            (
                "400 characters in five seconds",
                vec![submitted(
                    request("a", "a@x.example", Relationship::Peer),
                    "h",
                    5_000,
                    &"w".repeat(400),
                )],
                vec![(SignalKind::FastCompletion, vec!["a".into()])],
            ),
            (
                "400 characters in two minutes",
                vec![submitted(
                    request("a", "a@x.example", Relationship::Peer),
                    "h",
                    120_000,
                    &"w".repeat(400),
                )],
                vec![],
            ),
        ];
        for (name, requests, expected) in cases {
            let signals = compute("zoe@cand.example", &requests);
            assert_eq!(kinds(&signals), expected, "{name}");
            for s in &signals {
                assert!(
                    !s.explanations.is_empty() && !s.summary.is_empty(),
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn a_candidate_on_free_mail_shares_no_domain_with_referees() {
        let signals = compute(
            "zoe@gmail.com",
            &[request("a", "pal@gmail.com", Relationship::Peer)],
        );
        assert!(signals.is_empty(), "{signals:?}");
    }
}
