//! Reusable widgets.

pub mod autosave_status;
pub mod form;
pub mod island_script;
pub mod loaded;
pub mod nav;
pub mod navigate;
pub mod notes_field;
pub mod page_title;
pub mod people_finder;
pub mod rating_scale;
pub mod reference_form;
pub mod reference_review;
pub mod references;
pub mod section_timer;
pub mod shortcuts_help;
pub mod stage_view;
pub mod text_area;
pub mod time_zone;
pub mod unsaved;

/// Every Rust source of this crate except the module at `except` (a path
/// ending such as `components/text_area.rs`), with its text: for tests that
/// hold a rule across all modules, such as "only this module writes X".
#[cfg(test)]
pub(crate) fn sources_except(except: &str) -> Vec<(std::path::PathBuf, String)> {
    fn walk(dir: &std::path::Path, except: &str, out: &mut Vec<(std::path::PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(&path, except, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with(except) {
                let text = std::fs::read_to_string(&path).expect("read module");
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        except,
        &mut out,
    );
    out
}
