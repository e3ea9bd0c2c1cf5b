//! `/account`: the signed-in person's own password and time zone.

use crate::components::form::FormStatus;
use crate::components::page_title::PageTitle;
use crate::errors::AppError;
use crate::server_fns::accounts::change_own_password;
use leptos::prelude::*;

/// Your password and your time zone.
#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <PageTitle text="Your account" />
        <h1>"Your account"</h1>
        <ChangePassword />
        <crate::components::time_zone::TimeZoneChooser />
    }
}

/// Change your own password; your other sessions end. An island.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn ChangePassword() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new_password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    let change = Action::new(move |(c, n): &(String, String)| {
        let (c, n) = (c.clone(), n.clone());
        async move { change_own_password(c, n).await }
    });
    Effect::new(move |_| match change.value().get() {
        Some(Ok(())) => {
            current.set(String::new());
            new_password.set(String::new());
            notice.set(Some(
                "Your password is changed; your other sessions have ended.".into(),
            ));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="card form-card" aria-labelledby="change-password">
            <h2 id="change-password">"Change your password"</h2>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                notice.set(None);
                change.dispatch((current.get(), new_password.get()));
            }>
                <label for="current-password">"Current password"</label>
                <input id="current-password" type="password" autocomplete="current-password" required bind:value=current />
                <label for="new-password">"New password (at least 10 characters)"</label>
                <input id="new-password" type="password" autocomplete="new-password" required minlength="10" bind:value=new_password />
                <FormStatus error=error notice=notice />
                <button type="submit" class="primary" disabled=move || change.pending().get()>"Change password"</button>
            </form>
        </section>
    }
}
