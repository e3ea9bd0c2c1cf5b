//! The one error type of PDF generation. Every variant is a server-side
//! mistake (bad embedded asset or malformed input from our own code), so all
//! of them map to 500 and are logged rather than shown to users.

use http::StatusCode;

/// Why a [`Document`](super::Document) could not be turned into PDF bytes.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// 500 Internal Server Error: an embedded font file did not parse.
    #[error("the embedded font {name} could not be parsed")]
    Font {
        /// File name of the font under `server/assets/fonts`.
        name: &'static str,
    },
    /// 500 Internal Server Error: a table has no columns, or a column width
    /// is not a positive number.
    #[error("table {table}: {problem}")]
    TableColumns {
        /// Zero-based index of the table among the document's tables.
        table: usize,
        /// What is wrong with the columns.
        problem: String,
    },
    /// 500 Internal Server Error: a table row has a different number of
    /// cells than the table has columns.
    #[error("table {table}, row {row}: {cells} cells for {columns} columns")]
    TableRow {
        /// Zero-based index of the table among the document's tables.
        table: usize,
        /// Zero-based index of the row (the header is not counted).
        row: usize,
        /// Cells in that row.
        cells: usize,
        /// Columns of the table.
        columns: usize,
    },
    /// 500 Internal Server Error: a level chart row has a level outside the
    /// 1–5 proficiency scale (or a spread whose minimum exceeds its maximum).
    #[error("level chart row {label:?}: {problem}")]
    ChartLevel {
        /// The competency label of the row.
        label: String,
        /// What is wrong with its levels.
        problem: String,
    },
    /// 500 Internal Server Error: the finished document could not be
    /// written out.
    #[error("the PDF could not be written: {0}")]
    Write(String),
}

impl PdfError {
    /// The HTTP status a route should answer with when PDF generation fails.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Self::Font { .. }
            | Self::TableColumns { .. }
            | Self::TableRow { .. }
            | Self::ChartLevel { .. }
            | Self::Write(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
