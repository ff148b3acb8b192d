//! Reading KB text into a [`KnowledgeBase`]: checks on the raw bytes, RON parsing with positions,
//! then validation. Never panics, whatever the input.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use miette::{NamedSource, SourceSpan};

use super::error::{KbError, Problem};
use super::model::KnowledgeBase;
use super::position::{line_col, offset_of};
use super::validate::validate;

/// Larger than any real KB (the shipped one is well under 1 MiB) but small enough to refuse
/// a wrong file (a disk image, a log) before reading it whole.
pub const MAX_KB_BYTES: u64 = 16 * 1024 * 1024;

/// Loads and validates the KB file at `path`.
pub fn load_path(path: &Path) -> Result<KnowledgeBase, KbError> {
    let name = path.display().to_string();
    let io_err = |e: std::io::Error| KbError::Io {
        path: name.clone(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(KbError::Io {
            path: name,
            reason: "it is a directory, not a file".into(),
        });
    }
    // Devices, pipes and /dev/stdin report a length of 0, so the limit is enforced on the read
    // itself: one byte past the limit is enough to know the input is too large.
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut bytes = Vec::new();
    file.take(MAX_KB_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > MAX_KB_BYTES {
        return Err(KbError::TooLarge {
            path: name,
            size: meta.len().max(bytes.len() as u64),
            max: MAX_KB_BYTES,
        });
    }
    load_bytes(&name, &bytes)
}

/// Loads and validates KB bytes; `name` is used in messages.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<KnowledgeBase, KbError> {
    if bytes.len() as u64 > MAX_KB_BYTES {
        return Err(KbError::TooLarge {
            path: name.into(),
            size: bytes.len() as u64,
            max: MAX_KB_BYTES,
        });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let order = if bytes[0] == 0xFF { "LE" } else { "BE" };
        return Err(KbError::Utf16 {
            path: name.into(),
            order,
        });
    }
    // A UTF-8 byte order mark is accepted and stripped: editors on Windows add it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(order) = utf16_without_bom(bytes) {
        return Err(KbError::Utf16 {
            path: name.into(),
            order,
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by definition, so the position is exact.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let (line, col) = line_col(prefix, prefix.len());
            let byte = bytes[e.valid_up_to()];
            return Err(KbError::NotUtf8 {
                path: name.into(),
                line,
                col,
                byte,
            });
        }
    };
    load_str(name, text)
}

/// Loads and validates KB text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<KnowledgeBase, KbError> {
    if text.trim().is_empty() {
        return Err(KbError::Empty { path: name.into() });
    }
    if let Some(nul) = text.find('\0') {
        let (line, col) = line_col(text, nul);
        return Err(KbError::Binary {
            path: name.into(),
            line,
            col,
        });
    }
    let kb: KnowledgeBase = ron::from_str(text).map_err(|e| syntax_error(name, text, e))?;
    validate(name, text, &kb)?;
    Ok(kb)
}

fn syntax_error(name: &str, text: &str, e: ron::error::SpannedError) -> KbError {
    let (message, help) = explain(&e.code);
    // RON reports an early end where the last value started; the end of the file is what a
    // KB author needs to see for a truncated file.
    let start = if matches!(e.code, ron::Error::Eof) {
        text.len()
    } else {
        offset_of(text, e.span.start.line, e.span.start.col)
    };
    let (line, col) = line_col(text, start);
    KbError::Syntax(Box::new(Problem {
        path: name.into(),
        line,
        col,
        message,
        source_code: Problem::snippet_source(&NamedSource::new(name, Arc::<str>::from(text)), col),
        span: SourceSpan::from(start..start),
        help,
    }))
}

/// RON's error in words a KB author knows, plus a hint where one helps.
fn explain(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    let hint = |s: &str| Some(s.to_string());
    match code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown field `{found}`{}; expected one of: {}",
                in_struct(outer),
                expected.join(", ")
            ),
            hint("check the spelling of the field name"),
        ),
        E::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", in_struct(outer)),
            hint("add the field; see the schema in README.md"),
        ),
        E::DuplicateStructField { field, outer } => (
            format!("field `{field}` appears twice{}", in_struct(outer)),
            None,
        ),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => (
            format!(
                "unknown value `{found}`{}; expected one of: {}",
                outer
                    .as_ref()
                    .map(|o| format!(" for {o}"))
                    .unwrap_or_default(),
                expected.join(", ")
            ),
            None,
        ),
        E::Eof => (
            "the file ends too early: a `(`, `[` or string is not closed (truncated file?)".into(),
            hint("compare the end of the file with data/kb.ron"),
        ),
        E::ExpectedStringEnd => ("a string is not closed with `\"`".into(), None),
        E::TrailingCharacters => ("unexpected text after the end of the KB".into(), None),
        E::ExceededRecursionLimit => ("brackets are nested too deeply".into(), None),
        other => (format!("RON syntax error: {other}"), None),
    }
}

/// " in Cause" where RON names the struct, else nothing.
fn in_struct(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" in {o}"))
        .unwrap_or_default()
}

/// UTF-16 text without a byte order mark: ASCII `(` next to a NUL in the first two bytes.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0, b, ..] if b.is_ascii() && *b != 0 => Some("BE"),
        [b, 0, ..] if b.is_ascii() && *b != 0 => Some("LE"),
        _ => None,
    }
}
