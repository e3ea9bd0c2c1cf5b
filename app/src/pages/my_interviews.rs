//! My interviews: the interviews the signed-in person sits on the panel of,
//! what is still to submit first.

use crate::components::loaded::Loaded;
use crate::model::{MyInterview, ScorecardStatus};
use crate::server_fns::scorecards::list_my_interviews;
use leptos::prelude::*;
use leptos_meta::Title;

/// The caller's interviews, upcoming and to-submit first.
#[component]
pub fn MyInterviewsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| list_my_interviews());
    view! {
        <Title text="My interviews" />
        <h1>"My interviews"</h1>
        <Loaded resource=list let:list>
            {
                view! { <InterviewList list /> }.into_any()
            }
        </Loaded>
    }
    .into_any()
}

#[component]
fn InterviewList(list: Vec<MyInterview>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="lede">"No interviews are assigned to you yet. When a recruiter puts you on a panel, it appears here."</p>
        }
        .into_any();
    }
    let to_submit = list.iter().filter(|i| i.to_submit()).count();
    view! {
        <p class="lede" role="status">
            {match to_submit {
                0 => "All your scorecards are submitted.".to_owned(),
                1 => "1 scorecard to submit.".to_owned(),
                n => format!("{n} scorecards to submit."),
            }}
        </p>
        <ul class="interview-list">
            {list.into_iter().map(|i| {
                let (label, class) = match i.status {
                    None => ("Not started", "status-new"),
                    Some(ScorecardStatus::Draft) => ("Draft saved, to submit", "status-draft"),
                    Some(ScorecardStatus::Submitted) => ("Submitted", "status-done"),
                };
                view! {
                    <li class="card interview-row">
                        <div>
                            <a class="interview-link" href=format!("/interviews/{}", i.interview_id)>
                                <strong>{i.candidate_name.clone()}</strong>
                            </a>
                            <span class="muted">{format!(" · {} · {}", i.role_title, i.stage_name)}</span>
                        </div>
                        <div class="interview-meta">
                            <span class="muted">{i.scheduled_at.map(date_label).unwrap_or_else(|| "Not scheduled".to_owned())}</span>
                            <span class=format!("badge {class}")>{label}</span>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// A UTC time as "Mon 24 Nov 2025, 14:00 UTC". Computed the same way on the
/// server and in the browser, so the rendered page and hydration agree.
pub fn date_label(ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = ms.div_euclid(86_400_000);
    let minutes = ms.rem_euclid(86_400_000) / 60_000;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{} {day} {} {year}, {:02}:{:02} UTC",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_in_utc() {
        assert_eq!(date_label(0), "Thu 1 Jan 1970, 00:00 UTC");
        // 2025-11-24T14:05:00Z
        assert_eq!(date_label(1_763_993_100_000), "Mon 24 Nov 2025, 14:05 UTC");
        // 2024-02-29T23:59:00Z, a leap day
        assert_eq!(date_label(1_709_251_140_000), "Thu 29 Feb 2024, 23:59 UTC");
    }
}
