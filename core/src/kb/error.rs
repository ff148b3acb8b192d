//! Errors a KB author can act on: each names the file, and where there is one, the line and column.

use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use thiserror::Error;

use crate::safe_text::escape_all;

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
/// Built with `Problem::new`: the file name, message and snippet hold no control or
/// bidirectional character (each is written `<U+XXXX>`), so printing one cannot rewrite the
/// terminal.
#[derive(Debug, Error, Diagnostic)]
#[error("{path}:{line}:{col}: {message}")]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    /// The lines around the problem, cut to a window around its column.
    #[source_code]
    pub source_code: Option<Snippet>,
    /// The problem's place in [`Problem::source_code`] (not in the file).
    #[label("here")]
    pub span: SourceSpan,
    #[help]
    pub help: Option<String>,
}

/// How many problems are listed; the headline still gives the exact count.
pub const MAX_SHOWN_PROBLEMS: usize = 50;

/// A snippet shows at most this many characters of a line either side of the problem's column;
/// longer lines are cut, and the cut ends marked `…`.
pub const SNIPPET_WINDOW: usize = 120;

fn shown_note(shown: usize, total: usize) -> String {
    if shown < total {
        format!(" (the first {shown} shown, and {} more)", total - shown)
    } else {
        String::new()
    }
}

impl Problem {
    /// A problem at byte offset `at` of `text`, which is at 1-based `line` and `col` (characters).
    pub(crate) fn new(
        name: &str,
        text: &str,
        at: usize,
        (line, col): (usize, usize),
        message: &str,
        help: Option<&str>,
    ) -> Problem {
        let (snippet, span) = Snippet::around(name, text, at, line, col);
        Problem {
            path: escape_all(name).into_owned(),
            line,
            col,
            message: escape_all(message).into_owned(),
            source_code: Some(snippet),
            span,
            help: help.map(|h| escape_all(h).into_owned()),
        }
    }
}

/// What a report shows of the file around a problem: the problem's line and the lines either
/// side, each cut to [`SNIPPET_WINDOW`] characters either side of the problem's column, every
/// control or bidirectional character written `<U+XXXX>`. Small whatever the file (a KB written
/// on one 16 MiB line shows about 240 characters of it), so a report stays readable and miette
/// never meets a huge column; the line numbers and the `file:line:col` miette prints are the
/// file's own.
#[derive(Debug, Clone)]
pub struct Snippet {
    name: String,
    text: String,
    /// The file's line number (0-based) of the snippet's first line.
    first_line: usize,
    /// The problem's line (0-based) within the snippet, and its place in the file (0-based).
    problem_row: usize,
    line: usize,
    col: usize,
}

impl Snippet {
    /// The snippet around byte offset `at` of `text` (at 1-based `line` and `col`), and the
    /// problem's place in it.
    fn around(name: &str, text: &str, at: usize, line: usize, col: usize) -> (Snippet, SourceSpan) {
        let mut at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        // The problem's line: up to SNIPPET_WINDOW characters either side of the problem.
        let before_from = text[start..at]
            .char_indices()
            .rev()
            .nth(SNIPPET_WINDOW - 1)
            .map_or(start, |(i, _)| start + i);
        let after_to = text[at..end]
            .char_indices()
            .nth(SNIPPET_WINDOW)
            .map_or(end, |(i, _)| at + i);
        // The other lines show the same columns: the window, wherever the problem's line ends.
        let skipped = text[start..before_from].chars().count();
        let width = text[before_from..at].chars().count() + SNIPPET_WINDOW;

        let mut rows: Vec<String> = Vec::with_capacity(3);
        let mut first_line = line - 1;
        if start > 0 {
            let prev_end = start - 1;
            let prev_start = text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
            rows.push(cut(&text[prev_start..prev_end], skipped, width));
            first_line -= 1;
        }
        let problem_row = rows.len();
        let mut row = String::new();
        if before_from > start {
            row.push('…');
        }
        row.push_str(&escape_line(&text[before_from..at]));
        let label_in_row = row.len();
        let rest = escape_line(trim_cr(&text[at..after_to]));
        row.push_str(&rest);
        if after_to < end && !trim_cr(&text[after_to..end]).is_empty() {
            row.push('…');
        }
        rows.push(row);
        if end < text.len() {
            let next_start = end + 1;
            let next_end = text[next_start..]
                .find('\n')
                .map_or(text.len(), |i| next_start + i);
            rows.push(cut(&text[next_start..next_end], skipped, width));
        }
        let label = rows[..problem_row]
            .iter()
            .map(|r| r.len() + 1)
            .sum::<usize>()
            + label_in_row;
        let snippet = Snippet {
            name: escape_all(name).into_owned(),
            text: rows.join("\n"),
            first_line,
            problem_row,
            line: line - 1,
            col: col - 1,
        };
        (snippet, SourceSpan::from(label..label))
    }

    /// The snippet's text (for tests).
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `width` characters of a line from character `skip`, `…` where cut.
fn cut(line: &str, skip: usize, width: usize) -> String {
    let line = trim_cr(line);
    let mut chars = line.chars();
    let mut out = String::new();
    if chars.by_ref().take(skip).count() > 0 {
        out.push('…');
    }
    let kept: String = chars.by_ref().take(width).collect();
    out.push_str(&escape_line(&kept));
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// A CRLF file's lines end in CR: not part of the text shown.
fn trim_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// One line of a snippet made safe to print; tabs stay (miette expands them).
fn escape_line(line: &str) -> String {
    line.split('\t')
        .map(|part| escape_all(part).into_owned())
        .collect::<Vec<_>>()
        .join("\t")
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let contents = if context_lines_before == 0 && context_lines_after == 0 {
            // The problem's own line: where miette takes the `file:line:col` it prints.
            let row_start: usize = self
                .text
                .split('\n')
                .take(self.problem_row)
                .map(|r| r.len() + 1)
                .sum();
            let row_len = self.text[row_start..]
                .find('\n')
                .unwrap_or(self.text.len() - row_start);
            MietteSpanContents::new_named(
                self.name.clone(),
                &self.text.as_bytes()[row_start..row_start + row_len],
                SourceSpan::from(row_start..row_start + row_len),
                self.line,
                self.col,
                1,
            )
        } else {
            MietteSpanContents::new_named(
                self.name.clone(),
                self.text.as_bytes(),
                SourceSpan::from(0..self.text.len()),
                self.first_line,
                0,
                self.text.split('\n').count(),
            )
        };
        Ok(Box::new(contents))
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
