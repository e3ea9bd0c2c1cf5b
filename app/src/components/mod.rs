//! Reusable widgets.

pub mod autosave_status;
pub mod form;
pub mod loaded;
pub mod nav;
pub mod notes_field;
pub mod page_title;
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
