//! The `Probes:` and `Listen for:` labels of an interview question, and
//! the near misses ("Probe:", "Probes：" with a full-width colon) that are
//! reported as typos at their own line instead of being read as text.

use super::blocks::{Block, BlockKind};
use super::context::Context;
use super::suggest::closest;

/// The labels that end an interview question's text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    Probes,
    ListenFor,
}

impl Label {
    pub(super) fn text(self) -> &'static str {
        match self {
            Label::Probes => "Probes:",
            Label::ListenFor => "Listen for:",
        }
    }

    /// The label this block is, if it is a paragraph holding only a label.
    pub(super) fn of(block: &Block) -> Option<Label> {
        let BlockKind::Paragraph(text) = &block.kind else {
            return None;
        };
        [Label::Probes, Label::ListenFor]
            .into_iter()
            .find(|label| text.plain().eq_ignore_ascii_case(label.text()))
    }

    /// The label a short one-line paragraph was probably meant to be
    /// ("Probe:", "Listen for", "Probes：" with a full-width colon).
    pub(super) fn guess(cx: &Context<'_>, block: &Block) -> Option<Label> {
        let BlockKind::Paragraph(text) = &block.kind else {
            return None;
        };
        let plain = text.plain();
        let one_line = !cx.text[block.range.clone()].trim().contains('\n');
        if !one_line || plain.split_whitespace().count() > 3 || Label::of(block).is_some() {
            return None;
        }
        let stem = plain.trim_end_matches([':', '：']).trim_end();
        // Without a colon only the exact words count: a short question text
        // ("Problems?") must not be taken for a label.
        let name = if stem.len() < plain.len() {
            closest(stem, &["Probes", "Listen for"])?
        } else {
            ["Probes", "Listen for"]
                .into_iter()
                .find(|name| name.eq_ignore_ascii_case(stem))?
        };
        [Label::Probes, Label::ListenFor]
            .into_iter()
            .find(|label| label.text().starts_with(name))
    }
}

/// Whether a paragraph's last line is a label (the author forgot the blank
/// line that makes it a paragraph of its own).
pub(super) fn ends_with_label(cx: &Context<'_>, block: &Block) -> bool {
    matches!(block.kind, BlockKind::Paragraph(_))
        && cx.text[block.range.clone()]
            .trim_end()
            .lines()
            .last()
            .is_some_and(|line| line.trim().eq_ignore_ascii_case(Label::Probes.text()))
}
