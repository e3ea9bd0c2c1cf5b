//! Going to another page from an island. The browser holds no router:
//! every page is a document of its own, loaded from the server.

/// Loads `href` as the next page (in the browser; nothing on the server).
pub fn go_to(href: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_href(href);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// Loads the current page again, for a change that alters what the server
/// rendered around an island.
pub fn reload_page() {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
