//! The script that makes a page's islands interactive: the bundle's entry
//! module and wasm, then each island on the page hydrated in document
//! order.
//!
//! Leptos's own island script does the same but hydrates lazily loaded
//! islands (`#[island(lazy)]`, whose code is fetched when a page shows
//! them) without saying when it is done. This one marks the body
//! `data-hydrated="true"` once every island has hydrated, lazy ones
//! included: tests wait for it, and so can people's tools.

use leptos::prelude::*;

/// The addresses of the bundle's entry module and its wasm. The server
/// provides them to every render, as `build_site` named them (after their
/// content in a built site); without it, the plain names are used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleHrefs {
    /// The wasm-bindgen module (`/pkg/panelkit.<hash>.js`).
    pub js: std::sync::Arc<str>,
    /// Its wasm (`/pkg/panelkit.<hash>.wasm`).
    pub wasm: std::sync::Arc<str>,
    /// Bundles of their own, each holding a few islands and nothing else: a
    /// page whose islands are all in one loads it instead of the main one
    /// (the referee's form, so that a referee downloads no other code).
    /// Shared: the context is cloned for every render.
    pub own: std::sync::Arc<[OwnBundle]>,
}

/// A bundle of its own (`bundle:` in `hash.txt`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OwnBundle {
    /// The islands it hydrates, by component name (`RefereeFlow`).
    pub islands: Vec<String>,
    /// Its wasm-bindgen module.
    pub js: String,
    /// Its wasm.
    pub wasm: String,
}

impl Default for BundleHrefs {
    fn default() -> Self {
        Self {
            js: "/pkg/panelkit.js".into(),
            wasm: "/pkg/panelkit_bg.wasm".into(),
            own: vec![OwnBundle {
                islands: vec!["RefereeFlow".into()],
                js: "/pkg/referee.js".into(),
                wasm: "/pkg/referee_bg.wasm".into(),
            }]
            .into(),
        }
    }
}

/// Picks the bundle (a bundle of its own that holds every island on the
/// page, else the main one), loads its module, starts the wasm
/// (`crate::hydrate`), then awaits each island's hydration function in
/// turn; a lazy island's returns once its download group has arrived and it
/// has hydrated. A page without islands loads nothing. An island whose
/// function is missing is reported, not fatal: the rest of the page still
/// hydrates.
const SCRIPT: &str = r#"(async (main, own) => {
  const islands = [...document.querySelectorAll("leptos-island")];
  if (islands.length > 0) {
    // Leptos names an island's hydration function `<Component>_<number>`.
    const names = islands.map((el) => el.dataset.component.replace(/_\d+$/, ""));
    const pick = own.find((b) => names.every((n) => b.islands.includes(n))) ?? main;
    const mod = await import(pick.js);
    await mod.default({ module_or_path: pick.wasm });
    mod.hydrate();
    for (const el of islands) {
      const hydrate = mod[el.dataset.component];
      if (hydrate) {
        await hydrate(el);
      } else {
        console.warn(`no hydration function for the island ${el.dataset.component}`);
      }
    }
  }
  document.body.dataset.hydrated = "true";
})"#;

/// Put in the `<head>` of every page.
#[component]
pub fn IslandScripts() -> impl IntoView {
    // Outside islands the server writes no hydration markers (as Leptos's
    // own island script arranges): only islands are hydrated.
    if let Some(shared) = Owner::current_shared_context() {
        shared.set_is_hydrating(false);
    }
    let hrefs = use_context::<BundleHrefs>().unwrap_or_default();
    let nonce = use_nonce();
    // The hrefs come from the server's own build listing, never from a
    // request; written as JSON all the same. Nothing is preloaded here:
    // which bundle a page needs, if any, is known only once its body is
    // rendered (a page can say, `PreloadOwnBundle`).
    let main = serde_json::json!({ "js": &*hrefs.js, "wasm": &*hrefs.wasm });
    let own = serde_json::to_string(&*hrefs.own).unwrap_or_else(|_| "[]".into());
    let call = format!("{SCRIPT}({main}, {own});");
    view! { <script type="module" nonce=nonce>{call}</script> }
}

/// Preloads the bundle of its own that holds `island`, for a page that
/// shows it: the download then starts with the page instead of after it
/// (the island script only knows which bundle to load once the page is
/// parsed). Put in that page's component; renders into the `<head>`.
#[component]
pub fn PreloadOwnBundle(island: &'static str) -> impl IntoView {
    let hrefs = use_context::<BundleHrefs>().unwrap_or_default();
    hrefs
        .own
        .iter()
        .find(|b| b.islands.iter().any(|i| i == island))
        .map(|b| {
            view! {
                <leptos_meta::Link rel="modulepreload" href=b.js.clone() />
                <leptos_meta::Link rel="preload" href=b.wasm.clone() as_="fetch" type_="application/wasm" crossorigin="anonymous" />
            }
        })
}
