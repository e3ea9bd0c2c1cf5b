//! The landing page after sign-in: what this role does here.

use crate::errors::AppError;
use crate::model::{CurrentUser, Role};
use leptos::prelude::*;
use leptos_meta::Title;

/// Greets the account and says what its role is for.
#[component]
pub fn HomePage() -> impl IntoView {
    let user = use_context::<Resource<Result<Option<CurrentUser>, AppError>>>();
    let view_for = move || {
        user.and_then(|u| u.get())
            .and_then(|r| r.ok().flatten())
            .map(|user| {
                view! {
                    <h1>"Welcome, " {user.name.clone()}</h1>
                    <p class="lede">{role_summary(user.role)}</p>
                }
            })
    };
    view! {
        <Title text="Home" />
        {view_for}
    }
}

fn role_summary(role: Role) -> &'static str {
    match role {
        Role::Admin => "Manage accounts and question banks, and review the audit log.",
        Role::Recruiter => {
            "Build roles, interview guides and reference checks, and follow each candidate."
        }
        Role::Interviewer => "Score the interviews assigned to you against the behavioral anchors.",
        Role::HiringManager => "Read each candidate's panel summary and record your decision.",
    }
}
