//! Protection for unsaved work: while any form on the page has changes that
//! are not saved, leaving by a link, the back button, a reload or closing the
//! tab asks first.
//!
//! A form registers its "has unsaved changes" signal with [`guard_unsaved`]
//! for as long as it is on the page; the first registration on a page adds
//! the browser listeners (so that pages without forms carry none of this):
//! - `beforeunload` (reload, back and forward, closing the tab, typing an
//!   address): the browser's own "Leave site?" dialog;
//! - clicks on links, in the capture phase on the document: our own
//!   question, which names what is at stake. A person who chooses to leave
//!   is not asked again by `beforeunload` as the next page loads.
//!
//! Every page is its own document (the browser holds no router), so
//! leaving a page always unloads it.

use leptos::prelude::*;

/// The question asked before unsaved changes are left behind.
pub const LEAVE_MESSAGE: &str = "You have unsaved changes on this page. Leave without saving them?";

/// Registers a form's "has unsaved changes" signal until the calling
/// component is removed from the page.
pub fn guard_unsaved(dirty: Signal<bool>) {
    #[cfg(feature = "hydrate")]
    browser::register(dirty);
    #[cfg(not(feature = "hydrate"))]
    let _ = dirty;
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::LEAVE_MESSAGE;
    use leptos::prelude::*;
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    thread_local! {
        static FORMS: RefCell<Vec<(u64, Signal<bool>)>> = const { RefCell::new(Vec::new()) };
        static NEXT_ID: Cell<u64> = const { Cell::new(0) };
        // The person chose to leave: ask no more until the page changes.
        static LEAVING: Cell<bool> = const { Cell::new(false) };
        static INSTALLED: Cell<bool> = const { Cell::new(false) };
    }

    pub fn register(dirty: Signal<bool>) {
        install();
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id + 1);
            id
        });
        FORMS.with(|f| f.borrow_mut().push((id, dirty)));
        LEAVING.with(|l| l.set(false));
        on_cleanup(move || FORMS.with(|f| f.borrow_mut().retain(|(i, _)| *i != id)));
    }

    /// Whether leaving now would lose something.
    fn at_risk() -> bool {
        !LEAVING.with(Cell::get)
            && FORMS.with(|f| {
                f.borrow()
                    .iter()
                    .any(|(_, dirty)| dirty.try_get_untracked().unwrap_or(false))
            })
    }

    /// Asks; true if the person chooses to leave.
    fn confirm_leaving() -> bool {
        let leave = window().confirm_with_message(LEAVE_MESSAGE).unwrap_or(true);
        if leave {
            LEAVING.with(|l| l.set(true));
        }
        leave
    }

    fn listen(
        target: &web_sys::EventTarget,
        name: &str,
        capture: bool,
        f: impl Fn(web_sys::Event) + 'static,
    ) {
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(f);
        let _ = target.add_event_listener_with_callback_and_bool(
            name,
            closure.as_ref().unchecked_ref(),
            capture,
        );
        // Lives as long as the page: installed once.
        closure.forget();
    }

    fn install() {
        if INSTALLED.with(|i| i.replace(true)) {
            return;
        }
        listen(&window(), "beforeunload", false, |ev| {
            if at_risk() {
                ev.prevent_default();
                // Browsers that predate preventDefault here need a returnValue.
                let _ = js_sys_set(&ev, "returnValue", LEAVE_MESSAGE);
            }
        });
        listen(&document(), "click", true, |ev| {
            let Some(mouse) = ev.dyn_ref::<web_sys::MouseEvent>() else {
                return;
            };
            if ev.default_prevented()
                || mouse.button() != 0
                || mouse.meta_key()
                || mouse.ctrl_key()
                || mouse.shift_key()
                || mouse.alt_key()
                || !at_risk()
            {
                return;
            }
            let Some(link) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("a[href]").ok().flatten())
            else {
                return;
            };
            let href = link.get_attribute("href").unwrap_or_default();
            // Downloads, new tabs and jumps within the page leave nothing behind.
            if href.starts_with('#')
                || link.has_attribute("download")
                || link.get_attribute("target").is_some_and(|t| t != "_self")
            {
                return;
            }
            if !confirm_leaving() {
                ev.prevent_default();
                ev.stop_propagation();
            }
        });
    }

    fn js_sys_set(
        target: &web_sys::Event,
        key: &str,
        value: &str,
    ) -> Result<bool, wasm_bindgen::JsValue> {
        web_sys::js_sys::Reflect::set(target, &key.into(), &value.into())
    }
}
