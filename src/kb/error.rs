//! Errors a KB author can act on: each names the file, and where there is one, the line and column.

use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use thiserror::Error;

/// Why a KB could not be loaded.
#[derive(Debug, Error, Diagnostic)]
pub enum KbError {
    #[error("{path}: cannot read the file: {reason}")]
    Io { path: String, reason: String },

    #[error("{path}: the file is {size} bytes; a KB file may be at most {max} bytes")]
    TooLarge { path: String, size: u64, max: u64 },

    #[error("{path}: the file is empty; a KB is a RON file starting with `(` and `meta:`")]
    Empty { path: String },

    #[error("{path}:{line}:{col}: this looks like a binary file, not RON text (NUL byte)")]
    Binary {
        path: String,
        line: usize,
        col: usize,
    },

    #[error("{path}: the file is UTF-16 ({order}), not UTF-8")]
    #[diagnostic(help("save the file as UTF-8"))]
    Utf16 { path: String, order: &'static str },

    #[error("{path}:{line}:{col}: the file is not UTF-8 text (invalid byte 0x{byte:02x})")]
    #[diagnostic(help("save the file as UTF-8"))]
    NotUtf8 {
        path: String,
        line: usize,
        col: usize,
        byte: u8,
    },

    /// Boxed: it carries the source text for the snippet.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Syntax(Box<Problem>),

    #[error("{path}: {total} problem(s) found by validation{}", shown_note(problems.len(), *total))]
    Invalid {
        path: String,
        /// The exact number of problems; only the first [`MAX_SHOWN_PROBLEMS`] are kept.
        total: usize,
        #[related]
        problems: Vec<Problem>,
    },
}

/// One problem at one place in the file: a RON syntax or shape error, or a validation finding.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}:{line}:{col}: {message}")]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// Shared by every problem of one file; `None` where a snippet would be unreadable (a line
    /// too long to show) or would make miette panic (columns past 65,535).
    #[source_code]
    pub source_code: Option<NamedSource<Arc<str>>>,
    #[label("here")]
    pub span: SourceSpan,
    #[help]
    pub help: Option<String>,
}

/// How many problems are listed; the headline still gives the exact count.
pub const MAX_SHOWN_PROBLEMS: usize = 50;

/// Past this column the snippet is left out: the line is too long to be worth printing whole.
pub(super) const MAX_SNIPPET_COLUMN: usize = 1_000;

fn shown_note(shown: usize, total: usize) -> String {
    if shown < total {
        format!(" (the first {shown} shown, and {} more)", total - shown)
    } else {
        String::new()
    }
}

impl Problem {
    /// The snippet source for a problem at `col`, or none where the line is too long to show.
    pub fn snippet_source(
        source: &NamedSource<Arc<str>>,
        col: usize,
    ) -> Option<NamedSource<Arc<str>>> {
        (col <= MAX_SNIPPET_COLUMN).then(|| source.clone())
    }
}

impl KbError {
    /// Every line/column this error points at (the first for single errors), for tests and tools.
    pub fn positions(&self) -> Vec<(usize, usize)> {
        match self {
            KbError::Binary { line, col, .. } | KbError::NotUtf8 { line, col, .. } => {
                vec![(*line, *col)]
            }
            KbError::Syntax(e) => vec![(e.line, e.col)],
            KbError::Invalid { problems, .. } => problems.iter().map(|p| (p.line, p.col)).collect(),
            _ => Vec::new(),
        }
    }

    /// The full text of the error: the headline plus every validation problem, one per line.
    pub fn full_message(&self) -> String {
        match self {
            KbError::Invalid { problems, .. } => {
                let mut out = self.to_string();
                for p in problems {
                    out.push_str("\n  ");
                    out.push_str(&p.to_string());
                }
                out
            }
            _ => self.to_string(),
        }
    }
}
