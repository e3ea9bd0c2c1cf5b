//! A person's time zone in the browser: the offer of the browser's zone
//! while none is chosen (shown on every page, never applied without a
//! click), and the chooser on the account page. The zone database stays on
//! the server; the browser only reports its own zone's name.

use crate::components::form::FormStatus;
use crate::errors::AppError;
use crate::server_fns::time_zones::{my_time_zone, set_my_time_zone, time_zone_names};
use leptos::prelude::*;

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions()
/// .timeZone`); `None` on the server or when the browser does not say.
pub fn browser_time_zone() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        let format = web_sys::js_sys::Intl::DateTimeFormat::new(
            &web_sys::js_sys::Array::new(),
            &web_sys::js_sys::Object::new(),
        );
        web_sys::js_sys::Reflect::get(
            &format.resolved_options(),
            &wasm_bindgen::JsValue::from_str("timeZone"),
        )
        .ok()?
        .as_string()
        .filter(|zone| !zone.is_empty())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

/// Reloads the page, so the server formats its times in the new zone.
fn reload() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// The time zone offer, on the pages of a signed-in person who has not
/// chosen a zone. The server knows whether they have; only then does the
/// page carry the island (and its code), so everyone else's pages run none
/// of it.
#[component]
pub fn ZoneNotice() -> impl IntoView {
    let zone = Resource::new_blocking(|| (), |_| my_time_zone());
    view! {
        <Suspense fallback=|| ()>
            {move || zone.get().and_then(|z| matches!(z, Ok(None)).then(|| view! { <TimeZoneOffer /> }))}
        </Suspense>
    }
}

/// Says times are in UTC and offers the browser's zone as a one-click
/// choice. Shown only once the browser has said its zone, so nothing shows
/// on the server's rendering (it cannot know the browser's zone).
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
fn TimeZoneOffer() -> impl IntoView {
    let offer = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        if let Some(browser) = browser_time_zone() {
            offer.set(Some(browser));
        }
    });
    let choose = Action::new(|zone: &String| {
        let zone = zone.clone();
        async move { set_my_time_zone(zone).await }
    });
    Effect::new(move |_| match choose.value().get() {
        Some(Ok(_)) => reload(),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    move || {
        offer.get().map(|zone| {
            let pick = zone.clone();
            view! {
                <section class="notice time-zone-offer" aria-label="Your time zone">
                    <p>
                        "Times are shown in UTC: you have not chosen your time zone. This browser is set to "
                        <strong>{zone.clone()}</strong>"."
                    </p>
                    <button type="button" class="primary" disabled=move || choose.pending().get()
                        on:click=move |_| { error.set(None); choose.dispatch(pick.clone()); }>
                        {format!("Use {zone}")}
                    </button>
                    " "
                    <a href="/account#time-zone">"Choose another"</a>
                    <FormStatus error=error />
                </section>
            }
        })
    }
}

/// The account page's chooser: the zone in force, a field with every name
/// to pick from, and the browser's zone as a suggestion. An island.
#[cfg_attr(not(feature = "referee-bundle"), island(lazy))]
#[cfg_attr(feature = "referee-bundle", component)]
pub fn TimeZoneChooser() -> impl IntoView {
    let current = RwSignal::new(None::<Option<String>>);
    let names = RwSignal::new(Vec::<String>::new());
    let zone = RwSignal::new(String::new());
    let browser = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<AppError>);
    let notice = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        browser.set(browser_time_zone());
        leptos::task::spawn_local(async move {
            if let Ok(mine) = my_time_zone().await {
                zone.set(mine.clone().unwrap_or_default());
                current.set(Some(mine));
            }
            if let Ok(all) = time_zone_names().await {
                names.set(all);
            }
        });
    });
    let save = Action::new(|zone: &String| {
        let zone = zone.clone();
        async move { set_my_time_zone(zone).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(stored)) => {
            zone.set(stored.clone());
            current.set(Some(Some(stored.clone())));
            notice.set(Some(format!("Times are now shown to you in {stored}.")));
        }
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    view! {
        <section class="card form-card" id="time-zone" aria-labelledby="time-zone-h">
            <h2 id="time-zone-h">"Your time zone"</h2>
            <p data-testid="time-zone-current">{move || match current.get() {
                None => String::new(),
                Some(Some(z)) => format!("Times are shown to you, and typed by you, in {z}."),
                Some(None) => "You have not chosen a time zone: times are shown to you in UTC.".to_owned(),
            }}</p>
            <form on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                notice.set(None);
                save.dispatch(zone.get());
            }>
                <label for="time-zone-input">"Time zone (a place, e.g. Europe/Berlin)"</label>
                <input id="time-zone-input" list="time-zone-names" autocomplete="off" required bind:value=zone />
                <datalist id="time-zone-names">
                    {move || names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                </datalist>
                {move || browser.get().map(|b| {
                    let pick = b.clone();
                    view! {
                        <p class="muted">
                            "This browser is set to " {b} ". "
                            <button type="button" class="link-button" on:click=move |_| zone.set(pick.clone())>"Use it"</button>
                        </p>
                    }
                })}
                <FormStatus error=error notice=notice />
                <button type="submit" class="primary" disabled=move || save.pending().get()>"Save time zone"</button>
            </form>
        </section>
    }
}
