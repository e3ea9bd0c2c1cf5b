//! `hash.txt`, the listing `build_site` writes at the site root: the
//! bundle's content hashes, its other hashed files and the bundles of their
//! own, read once at start-up into the addresses pages ask for.

use anyhow::{Context, bail};
use app::components::island_script::{BundleHrefs, OwnBundle as AppOwnBundle};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The file, at the site root, that lists the bundle's content hashes.
pub const HASH_FILE: &str = "hash.txt";

/// The base name of the bundle's files (Leptos's output name).
pub const OUTPUT_NAME: &str = "panelkit";

/// A bundle of its own, as `hash.txt` lists it: file names in `pkg/`.
#[derive(Debug, Clone)]
struct OwnBundle {
    islands: Vec<String>,
    js: String,
    wasm: String,
}

/// What `build_site` left in the site root: whether the bundle has hashed
/// names, and which.
#[derive(Debug, Clone, Default)]
pub struct SiteAssets {
    /// Absolute path of `hash.txt`, when the bundle is hashed.
    pub hash_file: Option<PathBuf>,
    /// Hashes by kind (`js`, `wasm`, `css`), as in `hash.txt`.
    hashes: Vec<(String, String)>,
    /// The bundle's other hashed files (`file: <name>` lines): the loader
    /// of the lazily loaded islands and their download groups.
    files: Vec<String>,
    /// Bundles of their own (`bundle: <name> <js> <wasm> <Island>,…`).
    own: Vec<OwnBundle>,
}

impl SiteAssets {
    /// Reads `site_root/hash.txt` if there is one. A bundle without it (a
    /// test's site root, a build made another way) is served by its plain
    /// names. A malformed file is an error naming the file and line.
    pub fn load(site_root: &Path) -> anyhow::Result<Self> {
        let path = site_root.join(HASH_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let mut hashes = Vec::new();
        let mut files = Vec::new();
        let mut own = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let Some((kind, hash)) = line.split_once(':') else {
                bail!("{}:{}: expected `kind: hash`", path.display(), n + 1);
            };
            let (kind, hash) = (kind.trim(), hash.trim());
            let file_name = |name: &str| {
                let plain = name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
                if !plain || name.starts_with('.') || !name.contains('.') {
                    bail!("{}:{}: bad file name {name:?}", path.display(), n + 1);
                }
                Ok(name.to_owned())
            };
            if kind == "file" {
                files.push(file_name(hash)?);
                continue;
            }
            if kind == "bundle" {
                let fields: Vec<&str> = hash.split_whitespace().collect();
                let [_name, js, wasm, islands] = fields[..] else {
                    bail!(
                        "{}:{}: expected `bundle: <name> <js> <wasm> <Island>,…`",
                        path.display(),
                        n + 1
                    );
                };
                let islands: Vec<String> = islands.split(',').map(str::to_owned).collect();
                if islands
                    .iter()
                    .any(|i| i.is_empty() || !i.chars().all(|c| c.is_ascii_alphanumeric()))
                {
                    bail!(
                        "{}:{}: bad island names {:?}",
                        path.display(),
                        n + 1,
                        fields[3]
                    );
                }
                own.push(OwnBundle {
                    islands,
                    js: file_name(js)?,
                    wasm: file_name(wasm)?,
                });
                continue;
            }
            if !matches!(kind, "js" | "wasm" | "css") {
                bail!(
                    "{}:{}: unknown kind {kind:?} (js, wasm, css, file or bundle)",
                    path.display(),
                    n + 1
                );
            }
            if hash.is_empty() || !hash.chars().all(|c| c.is_ascii_alphanumeric()) {
                bail!("{}:{}: bad hash {hash:?}", path.display(), n + 1);
            }
            hashes.push((kind.to_owned(), hash.to_owned()));
        }
        let absolute =
            std::path::absolute(&path).with_context(|| format!("resolving {}", path.display()))?;
        Ok(Self {
            hash_file: Some(absolute),
            hashes,
            files,
            own,
        })
    }

    /// [`Self::load`], or the plain names (after logging why) when the hash
    /// file cannot be read; `serve` checks it first and refuses to start.
    pub fn load_or_plain(site_root: &Path) -> Self {
        Self::load(site_root).unwrap_or_else(|e| {
            tracing::error!("{e:#}; serving the bundle by its plain names");
            Self::default()
        })
    }

    fn hash_of(&self, kind: &str) -> Option<&str> {
        self.hashes
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, h)| h.as_str())
    }

    /// The stylesheet's address.
    pub fn stylesheet_href(&self) -> String {
        match self.hash_of("css") {
            Some(hash) => format!("/pkg/{OUTPUT_NAME}.{hash}.css"),
            None => format!("/pkg/{OUTPUT_NAME}.css"),
        }
    }

    /// The addresses of the bundles' entry modules and wasm, for the island
    /// script. Without a hash file, the plain names `build_site` writes.
    pub fn bundle_hrefs(&self) -> BundleHrefs {
        match (self.hash_of("js"), self.hash_of("wasm")) {
            (Some(js), Some(wasm)) => BundleHrefs {
                js: format!("/pkg/{OUTPUT_NAME}.{js}.js").into(),
                wasm: format!("/pkg/{OUTPUT_NAME}.{wasm}.wasm").into(),
                own: self
                    .own
                    .iter()
                    .map(|b| AppOwnBundle {
                        islands: b.islands.clone(),
                        js: format!("/pkg/{}", b.js),
                        wasm: format!("/pkg/{}", b.wasm),
                    })
                    .collect::<Vec<_>>()
                    .into(),
            },
            _ => BundleHrefs::default(),
        }
    }

    /// The addresses of the content-hashed files.
    pub fn immutable_paths(&self) -> HashSet<String> {
        self.hashes
            .iter()
            .map(|(kind, hash)| format!("/pkg/{OUTPUT_NAME}.{hash}.{kind}"))
            .chain(self.files.iter().map(|name| format!("/pkg/{name}")))
            .chain(
                self.own
                    .iter()
                    .flat_map(|b| [format!("/pkg/{}", b.js), format!("/pkg/{}", b.wasm)]),
            )
            .collect()
    }
}

/// The static routes: `/pkg/…` from `site_root/pkg`, and each other file
/// or folder at the site root (the favicon) by its name, as they are at
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn site_with(hash_txt: &str) -> PathBuf {
        let site = std::env::temp_dir().join(format!("panelkit-assets-{}", app::db::ids::new_id()));
        std::fs::create_dir_all(&site).unwrap();
        std::fs::write(site.join(HASH_FILE), hash_txt).unwrap();
        site
    }

    #[test]
    fn the_hash_file_names_the_hashed_files() {
        let site = site_with(
            "js: 0a1b\nwasm: 2c3d\n\ncss: 4e5f\nfile: __wasm_split.0a1b.js\nfile: split_scoring.6a7b.wasm\n\
             bundle: referee referee.8c9d.js referee.8c9d.wasm RefereeFlow\n",
        );
        let assets = SiteAssets::load(&site).unwrap();
        assert!(assets.hash_file.as_ref().unwrap().is_absolute());
        assert_eq!(assets.stylesheet_href(), "/pkg/panelkit.4e5f.css");
        let mut paths: Vec<_> = assets.immutable_paths().into_iter().collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "/pkg/__wasm_split.0a1b.js",
                "/pkg/panelkit.0a1b.js",
                "/pkg/panelkit.2c3d.wasm",
                "/pkg/panelkit.4e5f.css",
                "/pkg/referee.8c9d.js",
                "/pkg/referee.8c9d.wasm",
                "/pkg/split_scoring.6a7b.wasm"
            ]
        );
        assert_eq!(
            assets.bundle_hrefs(),
            BundleHrefs {
                js: "/pkg/panelkit.0a1b.js".into(),
                wasm: "/pkg/panelkit.2c3d.wasm".into(),
                own: vec![AppOwnBundle {
                    islands: vec!["RefereeFlow".into()],
                    js: "/pkg/referee.8c9d.js".into(),
                    wasm: "/pkg/referee.8c9d.wasm".into(),
                }]
                .into(),
            }
        );
        let _ = std::fs::remove_dir_all(site);
    }

    #[test]
    fn no_hash_file_means_plain_names() {
        let site = std::env::temp_dir().join(format!("panelkit-assets-{}", app::db::ids::new_id()));
        let assets = SiteAssets::load(&site).unwrap();
        assert!(assets.hash_file.is_none());
        assert_eq!(assets.stylesheet_href(), "/pkg/panelkit.css");
        assert!(assets.immutable_paths().is_empty());
    }

    #[test]
    fn a_malformed_hash_file_is_refused_naming_its_line() {
        for (text, expected) in [
            ("js: 0a1b\nwasm 2c3d\n", "hash.txt:2: expected `kind: hash`"),
            ("js: 0a1b\nmap: 2c3d\n", "hash.txt:2: unknown kind \"map\""),
            ("file: ../x.js\n", "hash.txt:1: bad file name \"../x.js\""),
            (
                "file: .hidden.js\n",
                "hash.txt:1: bad file name \".hidden.js\"",
            ),
            ("js: ../x\n", "hash.txt:1: bad hash \"../x\""),
            (
                "bundle: referee referee.1.js RefereeFlow\n",
                "hash.txt:1: expected `bundle: <name> <js> <wasm> <Island>,…`",
            ),
            (
                "bundle: referee ../r.js r.wasm RefereeFlow\n",
                "hash.txt:1: bad file name \"../r.js\"",
            ),
            (
                "bundle: referee r.js r.wasm Referee<Flow>\n",
                "hash.txt:1: bad island names \"Referee<Flow>\"",
            ),
            ("css:\n", "hash.txt:1: bad hash \"\""),
        ] {
            let site = site_with(text);
            let err = SiteAssets::load(&site).unwrap_err().to_string();
            assert!(err.contains(expected), "{text:?}: {err}");
            let _ = std::fs::remove_dir_all(site);
        }
    }
}
