//! Accounts, for admins: invite people by email, change roles, deactivate
//! and reactivate, and send password-reset links.

use crate::components::form::FormStatus;
use crate::components::loaded::Loaded;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::model::{AccountView, InviteInput, PasswordLink, Role, format_utc};
use crate::server_fns::accounts::{
    invite_user, list_accounts, reset_password_link, set_user_active, set_user_role,
};
use leptos::prelude::*;

/// `/users`: every account of the organization and what admins can do to it.
/// The whole page is an island: each change reloads the list.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub fn UsersPage() -> impl IntoView {
    let version = RwSignal::new(0_u32);
    let accounts = Resource::new(move || version.get(), |_| list_accounts());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<(String, PasswordLink)>);
    let changed = Callback::new(move |result: Result<(), AppError>| {
        match result {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e)),
        }
        version.update(|v| *v += 1);
    });
    view! {
        <PageTitle text="Users" />
        <h1>"Users"</h1>
        <p class="lede">"Invite people, set what they may do, and deactivate accounts that should no longer sign in. \
            A deactivated person's sessions end at once; their history stays attributed to them."</p>
        <FormStatus error=error notice=notice />
        {move || link.get().map(|(who, l)| view! { <LinkNotice who link=l /> })}
        <Loaded resource=accounts let:accounts>
            {
                view! {
                    <table class="data accounts">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Email"</th>
                            <th scope="col">"Role"</th><th scope="col">"State"</th>
                            <th scope="col">"Actions"</th>
                        </tr></thead>
                        <tbody>
                            {accounts.into_iter().map(|a| view! {
                                <AccountRow account=a changed link notice />
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            }
        </Loaded>
        <InviteForm changed link />
    }
}

/// The one-time link just made, for the admin to pass on when it was not mailed.
#[component]
fn LinkNotice(who: String, link: PasswordLink) -> impl IntoView {
    let expires = format_utc(link.expires_at);
    view! {
        <div class="card link-notice" role="status">
            {if link.emailed {
                view! { <p>{format!("A one-time link was mailed to {who}. It works once, until {expires}.")}</p> }.into_any()
            } else {
                view! {
                    <p>{format!("Send {who} this one-time link (no mail server is set up). It works once, until {expires}:")}</p>
                    <p><code class="one-time-link" data-testid="one-time-link">{link.link.clone()}</code></p>
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn AccountRow(
    account: AccountView,
    changed: Callback<Result<(), AppError>>,
    link: RwSignal<Option<(String, PasswordLink)>>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = StoredValue::new(account.id.clone());
    let label = StoredValue::new(format!("{} <{}>", account.name, account.email));
    let set_role = Action::new(move |role: &Role| {
        let role = *role;
        async move { set_user_role(id.get_value(), role).await.map(|_| ()) }
    });
    let set_active = Action::new(move |active: &bool| {
        let active = *active;
        async move { set_user_active(id.get_value(), active).await.map(|_| ()) }
    });
    let reset = Action::new(move |_: &()| async move { reset_password_link(id.get_value()).await });
    Effect::new(move |_| {
        if let Some(r) = set_role.value().get() {
            notice.set(
                r.is_ok()
                    .then(|| format!("Changed the role of {}.", label.get_value())),
            );
            changed.run(r);
        }
    });
    Effect::new(move |_| {
        if let Some(r) = set_active.value().get() {
            notice.set(r.is_ok().then(|| format!("Updated {}.", label.get_value())));
            changed.run(r);
        }
    });
    Effect::new(move |_| match reset.value().get() {
        Some(Ok(l)) => {
            link.set(Some((label.get_value(), l)));
            changed.run(Ok(()));
        }
        Some(Err(e)) => changed.run(Err(e)),
        None => {}
    });
    let active = account.active;
    let state = match (account.active, account.invited) {
        (false, _) => "Deactivated",
        (true, true) => "Invited",
        (true, false) => "Active",
    };
    let current = account.role;
    view! {
        <tr data-account=account.email.clone()>
            <td>{account.name.clone()}</td>
            <td>{account.email.clone()}</td>
            <td>
                <label class="visually-hidden" for=format!("role-{}", account.id)>{format!("Role of {}", account.name)}</label>
                <select id=format!("role-{}", account.id) disabled=move || set_role.pending().get()
                    on:change=move |ev| {
                        if let Ok(role) = event_target_value(&ev).parse::<Role>() {
                            set_role.dispatch(role);
                        }
                    }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == current>{r.label()}</option>
                    }).collect_view()}
                </select>
            </td>
            <td>{state}</td>
            <td class="actions">
                <button type="button" class="secondary" disabled=move || set_active.pending().get()
                    on:click=move |_| { set_active.dispatch(!active); }>
                    {if active { "Deactivate" } else { "Reactivate" }}
                </button>
                <button type="button" class="secondary" disabled=move || reset.pending().get() || !active
                    on:click=move |_| { reset.dispatch(()); }>
                    "Password link"
                </button>
            </td>
        </tr>
    }
}

#[component]
fn InviteForm(
    changed: Callback<Result<(), AppError>>,
    link: RwSignal<Option<(String, PasswordLink)>>,
) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Interviewer);
    let error = RwSignal::new(None::<AppError>);
    let invite = Action::new(move |input: &InviteInput| {
        let input = input.clone();
        async move { invite_user(input).await }
    });
    Effect::new(move |_| match invite.value().get() {
        Some(Ok(l)) => {
            link.set(Some((
                format!("{} <{}>", name.get_untracked(), email.get_untracked()),
                l,
            )));
            email.set(String::new());
            name.set(String::new());
            error.set(None);
            changed.run(Ok(()));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        invite.dispatch(InviteInput {
            email: email.get(),
            name: name.get(),
            role: role.get(),
        });
    };
    view! {
        <section class="card form-card" aria-labelledby="invite">
            <h2 id="invite">"Invite someone"</h2>
            <p class="muted">"They get a one-time link to choose their password; it works once, for 7 days."</p>
            <form on:submit=submit>
                <label for="invite-name">"Name"</label>
                <input id="invite-name" required bind:value=name />
                <label for="invite-email">"Email"</label>
                <input id="invite-email" type="email" required bind:value=email />
                <label for="invite-role">"Role"</label>
                <select id="invite-role" on:change=move |ev| {
                    if let Ok(r) = event_target_value(&ev).parse::<Role>() { role.set(r); }
                }>
                    {Role::ALL.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=move || role.get() == r>{r.label()}</option>
                    }).collect_view()}
                </select>
                <FormStatus error=error />
                <button type="submit" class="primary" disabled=move || invite.pending().get()>"Send invitation"</button>
            </form>
        </section>
    }
}
