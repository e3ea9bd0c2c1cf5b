//! The keyboard shortcuts of the scoring page, and the clock its section
//! timers read (browser only). Shortcuts act on the current item: the
//! question, competency rating or recommendation card that holds the focus.

use super::Scoring;
#[cfg(feature = "hydrate")]
use {
    crate::model::{Assessment, Recommendation},
    leptos::prelude::*,
    question_bank::Level,
    wasm_bindgen::JsCast,
    web_sys::{Element, HtmlElement, KeyboardEvent},
};

/// Listens for shortcuts and ticks the timers' clock while the page is open.
pub fn install(s: Scoring) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let keys = window_event_listener(leptos::ev::keydown, move |ev| on_key(s, ev));
        let focus = window_event_listener(leptos::ev::focusin, move |ev| {
            follow_section(s, ev.target());
        });
        let click =
            window_event_listener(leptos::ev::click, move |ev| follow_section(s, ev.target()));
        let now = crate::components::section_timer::now_ms;
        s.clock.set(now());
        let tick = set_interval_with_handle(
            move || {
                let running = s.timers.try_with_value(|t| {
                    t.values()
                        .any(|t| t.get_untracked().running_since.is_some())
                });
                if running == Some(true) {
                    s.clock.set(now());
                }
            },
            std::time::Duration::from_millis(1000),
        )
        .ok();
        on_cleanup(move || {
            keys.remove();
            focus.remove();
            click.remove();
            if let Some(t) = tick {
                t.clear();
            }
        });
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = s;
}

/// The section of what was focused or clicked (or linked to from the
/// section list) becomes the current one.
#[cfg(feature = "hydrate")]
fn follow_section(s: Scoring, target: Option<web_sys::EventTarget>) {
    let Some(el) = target.and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let in_section = el
        .closest("[data-section]")
        .ok()
        .flatten()
        .and_then(|sec| sec.get_attribute("data-section"));
    let linked = || {
        let href = el
            .closest("a[href^='#']")
            .ok()
            .flatten()?
            .get_attribute("href")?;
        let id = href.trim_start_matches('#');
        Some(id.strip_prefix("section-").unwrap_or(id).to_owned())
    };
    if let Some(id) = in_section.or_else(linked)
        && !s.content.is_disposed()
        && s.current_section.get_untracked() != id
    {
        s.current_section.set(id);
    }
}

#[cfg(feature = "hydrate")]
fn on_key(s: Scoring, ev: KeyboardEvent) {
    if ev.ctrl_key()
        || ev.meta_key()
        || ev.alt_key()
        || ev.default_prevented()
        || s.content.is_disposed()
    {
        return;
    }
    let key = ev.key();
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    if s.help_open.get_untracked() {
        // The dialog closes itself on Escape; `?` toggles it too.
        if key == "?" {
            ev.prevent_default();
            s.help_open.set(false);
        }
        return;
    }
    if let Some(t) = target.as_ref().filter(|t| is_text_entry(t)) {
        if key == "Escape" {
            ev.prevent_default();
            match t.closest("[data-item]").ok().flatten() {
                Some(item) => focus(&item),
                None => {
                    if let Ok(el) = t.clone().dyn_into::<HtmlElement>() {
                        let _ = el.blur();
                    }
                }
            }
        }
        return;
    }
    let item = target
        .as_ref()
        .and_then(|t| t.closest("[data-item]").ok().flatten());
    let on_item_itself = match (&item, &target) {
        (Some(i), Some(t)) => i.is_same_node(Some(t)),
        _ => false,
    };
    let handled = match key.as_str() {
        "?" => {
            s.help_open.set(true);
            true
        }
        "j" => move_item(item.as_ref(), 1),
        "k" => move_item(item.as_ref(), -1),
        "n" => move_section(item.as_ref(), 1),
        "p" => move_section(item.as_ref(), -1),
        "0" | "1" | "2" | "3" | "4" | "5" => {
            let n = key.parse::<u8>().unwrap_or(0);
            item.as_ref().is_some_and(|i| rate(s, i, n))
        }
        "e" => item.as_ref().is_some_and(edit),
        "Enter" if on_item_itself => item.as_ref().is_some_and(edit),
        "b" => item.as_ref().is_some_and(behaviors),
        "t" => item.as_ref().is_some_and(|i| toggle_timer(s, i)),
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// Whether typing into `el` should keep its keys (text fields, not radios).
#[cfg(feature = "hydrate")]
fn is_text_entry(el: &Element) -> bool {
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").unwrap_or_default().as_str(),
            "radio" | "checkbox" | "button" | "submit" | "reset" | "range" | "color" | "file"
        ),
        _ => false,
    }
}

#[cfg(feature = "hydrate")]
fn all(selector: &str, within: Option<&Element>) -> Vec<Element> {
    let list = match within {
        Some(el) => el.query_selector_all(selector),
        None => document().query_selector_all(selector),
    };
    let Ok(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

#[cfg(feature = "hydrate")]
fn focus(el: &Element) {
    el.scroll_into_view_with_bool(true);
    if let Ok(el) = el.clone().dyn_into::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Focuses the element with `id` once the view has caught up with a change.
#[cfg(feature = "hydrate")]
fn focus_id_soon(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = el.dyn_into::<HtmlElement>()
        {
            let _ = el.focus();
        }
    });
}

#[cfg(feature = "hydrate")]
fn step(len: usize, current: Option<usize>, dir: i32) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (current, dir > 0) {
        (None, true) => 0,
        (None, false) => len - 1,
        (Some(i), true) => (i + 1).min(len - 1),
        (Some(i), false) => i.saturating_sub(1),
    })
}

#[cfg(feature = "hydrate")]
fn move_item(item: Option<&Element>, dir: i32) -> bool {
    let items = all("[data-item]", None);
    let current = item.and_then(|i| items.iter().position(|x| x.is_same_node(Some(i))));
    step(items.len(), current, dir)
        .map(|i| focus(&items[i]))
        .is_some()
}

#[cfg(feature = "hydrate")]
fn move_section(item: Option<&Element>, dir: i32) -> bool {
    let sections = all("[data-section]", None);
    let section = item.and_then(|i| i.closest("[data-section]").ok().flatten());
    let current = section.and_then(|sec| sections.iter().position(|x| x.is_same_node(Some(&sec))));
    let Some(next) = step(sections.len(), current, dir) else {
        return false;
    };
    match all("[data-item]", Some(&sections[next])).first() {
        Some(first) => {
            focus(first);
            true
        }
        None => false,
    }
}

/// 1–5 rate the item (1–4 for the recommendation); 0 clears a question's
/// rating or marks a competency not assessed (and goes to its reason).
#[cfg(feature = "hydrate")]
fn rate(s: Scoring, item: &Element, n: u8) -> bool {
    if !s.editable() {
        return false;
    }
    let id = item.get_attribute("data-id").unwrap_or_default();
    let level = Level::try_from(n).ok();
    match item.get_attribute("data-item").as_deref() {
        Some("question") => {
            s.rate_question(&id, level);
            s.announce(match level {
                Some(l) => format!("Answer rated {} {}", l.as_u8(), l.name()),
                None => "Answer rating cleared".to_owned(),
            });
            true
        }
        Some("competency") => {
            match level {
                Some(l) => {
                    s.assess(&id, Assessment::Rated(l));
                    s.announce(format!("Rated {} {}", l.as_u8(), l.name()));
                }
                None => {
                    s.assess(&id, Assessment::NotAssessed);
                    s.announce("Marked not assessed; give the reason".to_owned());
                    focus_id_soon(format!("reason-{id}"));
                }
            }
            true
        }
        Some("overall") => match Recommendation::from_key(n) {
            Some(r) => {
                s.recommend(Some(r));
                s.announce(format!("Recommendation: {}", r.label()));
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Goes to the item's text: notes, evidence or summary.
#[cfg(feature = "hydrate")]
fn edit(item: &Element) -> bool {
    let id = item.get_attribute("data-id").unwrap_or_default();
    let field = match item.get_attribute("data-item").as_deref() {
        Some("question") => format!("notes-{id}"),
        Some("competency") => format!("evidence-{id}"),
        Some("overall") => "summary".to_owned(),
        _ => return false,
    };
    focus_id_soon(field);
    true
}

/// Goes to the first behavior of a competency's checklist.
#[cfg(feature = "hydrate")]
fn behaviors(item: &Element) -> bool {
    let Some(details) = all("details.key-element", Some(item)).into_iter().next() else {
        return false;
    };
    let _ = details.set_attribute("open", "");
    match all("input[type=checkbox]", Some(&details)).first() {
        Some(first) => {
            focus(first);
            true
        }
        None => false,
    }
}

#[cfg(feature = "hydrate")]
fn toggle_timer(s: Scoring, item: &Element) -> bool {
    let section = item
        .closest("[data-section]")
        .ok()
        .flatten()
        .and_then(|sec| sec.get_attribute("data-section"));
    match section.and_then(|id| s.timer(&id)) {
        Some(timer) => {
            let now = crate::components::section_timer::now_ms();
            timer.update(|t| t.toggle(now));
            s.clock.set(now);
            let running = timer.get_untracked().running_since.is_some();
            s.announce(
                if running {
                    "Timer started"
                } else {
                    "Timer paused"
                }
                .to_owned(),
            );
            true
        }
        None => false,
    }
}
