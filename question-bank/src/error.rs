//! `BankError`: one problem in a bank file, located by file, line and column.
//!
//! Policy: the parser never stops at the first problem. Every function that
//! reads banks returns *all* the errors it found, each naming what was
//! expected, so an author can fix a file in one pass. Positions are 1-based;
//! columns count characters (not bytes). Problems with a whole file (unreadable,
//! too large) are reported at line 1, column 1.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// A problem in a bank file, displayed as `file:line:col: message` (the form
/// compilers use, so editors and terminals can jump to it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}:{line}:{column}: {message}", file.display())]
pub struct BankError {
    /// The file, as given by the caller.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl BankError {
    /// An error about the whole file, reported at line 1, column 1.
    pub(crate) fn whole_file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        BankError {
            file: file.into(),
            line: 1,
            column: 1,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_display_as_file_line_column_message() {
        let error = BankError {
            file: "banks/customer-focus.md".into(),
            line: 12,
            column: 3,
            message: "level \"Expert\" has no anchor text".into(),
        };
        assert_eq!(
            error.to_string(),
            "banks/customer-focus.md:12:3: level \"Expert\" has no anchor text"
        );
    }
}
