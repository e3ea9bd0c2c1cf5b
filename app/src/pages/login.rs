//! The sign-in page. The form posts to `/auth/login`, which works with or
//! without the wasm loaded.

use crate::components::page_title::PageTitle;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Email and password, with a show/hide toggle for the password.
#[component]
pub fn LoginPage() -> impl IntoView {
    let query = use_query_map();
    let error = move || {
        query
            .read()
            .get("error")
            .map(|code| login_error_message(&code))
    };
    view! {
        <PageTitle text="Sign in" />
        <main id="main" class="login">
            <form class="card login-card" method="post" action="/auth/login">
                <h1>"Panelkit"</h1>
                <p class="lede">"Structured interviews and reference checks."</p>
                {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required autofocus />
                <label for="password">"Password"</label>
                <PasswordField />
                <button type="submit" class="primary">"Sign in"</button>
            </form>
        </main>
    }
}

/// The password with its show/hide toggle: an island, the only part of the
/// page the browser runs.
#[cfg_attr(not(feature = "referee-bundle"), island)]
#[cfg_attr(feature = "referee-bundle", component)]
fn PasswordField() -> impl IntoView {
    let (show_password, set_show_password) = signal(false);
    view! {
        <div class="password-row">
            <input
                id="password"
                name="password"
                type=move || if show_password.get() { "text" } else { "password" }
                autocomplete="current-password"
                required
            />
            <button
                type="button"
                class="secondary"
                aria-controls="password"
                aria-pressed=move || show_password.get().to_string()
                on:click=move |_| set_show_password.update(|shown| *shown = !*shown)
            >
                {move || if show_password.get() { "Hide" } else { "Show" }}
            </button>
        </div>
    }
}

/// The message for an `?error=` code set by the sign-in route.
fn login_error_message(code: &str) -> &'static str {
    match code {
        "rate" => "Too many attempts. Please wait a minute and try again.",
        "origin" => "The sign-in form was sent from another site and was refused.",
        // One answer for a wrong password and an unknown email alike.
        _ => "That email and password do not match an account.",
    }
}
