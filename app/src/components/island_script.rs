//! The scripts that make a page's islands interactive: the bundle's entry
//! module and wasm (preloaded while the page parses), then each island on
//! the page hydrated in document order.
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
#[derive(Debug, Clone)]
pub struct BundleHrefs {
    /// The wasm-bindgen module (`/pkg/panelkit.<hash>.js`).
    pub js: std::sync::Arc<str>,
    /// Its wasm (`/pkg/panelkit.<hash>.wasm`).
    pub wasm: std::sync::Arc<str>,
}

impl Default for BundleHrefs {
    fn default() -> Self {
        Self {
            js: "/pkg/panelkit.js".into(),
            wasm: "/pkg/panelkit_bg.wasm".into(),
        }
    }
}

/// Loads the module, starts the wasm (`crate::hydrate`), then awaits each
/// island's hydration function in turn; a lazy island's returns once its
/// download group has arrived and it has hydrated. An island whose function
/// is missing is reported, not fatal: the rest of the page still hydrates.
const SCRIPT: &str = r#"(async (js, wasm) => {
  const mod = await import(js);
  await mod.default({ module_or_path: wasm });
  mod.hydrate();
  for (const el of document.querySelectorAll("leptos-island")) {
    const hydrate = mod[el.dataset.component];
    if (hydrate) {
      await hydrate(el);
    } else {
      console.warn(`no hydration function for the island ${el.dataset.component}`);
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
    // request; quoted as JSON strings all the same.
    let call = format!(
        "{SCRIPT}({}, {});",
        serde_json::Value::from(&*hrefs.js),
        serde_json::Value::from(&*hrefs.wasm)
    );
    view! {
        <link rel="modulepreload" href=hrefs.js.to_string() />
        <link rel="preload" href=hrefs.wasm.to_string() r#as="fetch" r#type="application/wasm" crossorigin="" />
        <script type="module" nonce=nonce>{call}</script>
    }
}
