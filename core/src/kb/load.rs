//! Reading KB text into a [`KnowledgeBase`]: checks on the raw bytes, RON parsing with positions,
//! then validation. Never panics, whatever the input.

use std::borrow::Cow;
use std::path::Path;

/// The KB shipped inside the binary, so obddx works with no files beside it.
pub const EMBEDDED_KB: &str = include_str!("../../../data/kb.ron");
/// How the embedded KB is named in messages.
pub const EMBEDDED_KB_NAME: &str = "<embedded>/data/kb.ron";

use super::error::{KbError, Problem};
use super::model::KnowledgeBase;
use super::position::{line_col, offset_of};
use super::validate::validate;
use crate::safe_text::escape_all;

/// Larger than any real KB (the shipped one is well under 1 MiB) but small enough to refuse
/// a wrong file (a disk image, a log) before reading it whole.
pub const MAX_KB_BYTES: u64 = 16 * 1024 * 1024;

/// Loads and validates the KB file at `path`.
pub fn load_path(path: &Path) -> Result<KnowledgeBase, KbError> {
    load_path_with_text(path).map(|(kb, _)| kb)
}

/// As [`load_path`], with the text the KB was read from (after the byte checks and line-ending
/// conversion), for checks that need positions: the file is read once.
pub(crate) fn load_path_with_text(path: &Path) -> Result<(KnowledgeBase, String), KbError> {
    let name = display_name(path);
    let io_err = |e: std::io::Error| KbError::Io {
        path: name.clone(),
        reason: e.to_string(),
    };
    // Opened without blocking, regular files only (a FIFO, a terminal or a device would hang
    // or never end): see [`super::file`].
    let bytes = super::file::read_regular(path, MAX_KB_BYTES).map_err(|e| match e {
        super::file::FileError::TooLarge { size, max } => KbError::TooLarge {
            path: name.clone(),
            size,
            max,
        },
        super::file::FileError::Io(e) => io_err(e),
        other => KbError::Io {
            path: name.clone(),
            reason: other.to_string(),
        },
    })?;
    let text = decode(&name, &bytes)?;
    load_text(&name, text).map(|(kb, text)| (kb, text.into_owned()))
}

/// How a file is named in messages: its path, with any control or bidirectional character
/// written `<U+XXXX>` (a file name can hold an escape sequence; messages must not).
pub(crate) fn display_name(path: &Path) -> String {
    escape_all(&path.display().to_string()).into_owned()
}

/// Loads and validates KB bytes; `name` is used in messages.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<KnowledgeBase, KbError> {
    let name: &str = &escape_all(name);
    load_str(name, decode(name, bytes)?)
}

/// The text of KB bytes: within the size limit, not UTF-16, UTF-8 (a byte order mark stripped).
pub(super) fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<&'b str, KbError> {
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
    Ok(text)
}

/// Loads and validates KB text; `name` is used in messages.
pub fn load_str(name: &str, text: &str) -> Result<KnowledgeBase, KbError> {
    load_text(&escape_all(name), text).map(|(kb, _)| kb)
}

/// Loads and validates KB text, and returns the text as validated (CR-only line endings read
/// as LF).
fn load_text<'t>(name: &str, text: &'t str) -> Result<(KnowledgeBase, Cow<'t, str>), KbError> {
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
    // Old Mac line endings (CR only): read as LF, byte for byte, so every offset stays valid and
    // line numbers and snippets count lines as the author's editor does.
    let text = if text.contains('\r') {
        Cow::Owned(cr_only_as_lf(text))
    } else {
        Cow::Borrowed(text)
    };
    let kb: KnowledgeBase = ron::from_str(&text).map_err(|e| syntax_error(name, &text, e))?;
    validate(name, &text, &kb)?;
    Ok((kb, text))
}

pub(super) fn syntax_error(name: &str, text: &str, e: ron::error::SpannedError) -> KbError {
    let (mut message, help) = explain(&e.code);
    // A cut-off file shows up as many different RON errors (a missing field, a string not
    // closed, an early end); what they share is an unclosed bracket or string at the end.
    let unclosed = unclosed_at_end(text);
    if let Some(open) = &unclosed
        && !matches!(e.code, ron::Error::Eof)
    {
        let (line, _) = line_col(text, open.at);
        message.push_str(&format!(
            "; the file ends inside {} opened on line {line}: was it cut off?",
            open.what
        ));
    }
    located_syntax_error(name, text, &e, &message, help.as_deref())
}

/// A RON error of `text` as a syntax problem at its place, in `message`'s words (every RON file
/// read: the KB, the guideline layer).
pub(super) fn located_syntax_error(
    name: &str,
    text: &str,
    e: &ron::error::SpannedError,
    message: &str,
    help: Option<&str>,
) -> KbError {
    // RON reports an early end where the last value started; the end of the file is what a
    // KB author needs to see for a truncated file.
    let start = if matches!(e.code, ron::Error::Eof) {
        text.len()
    } else {
        offset_of(text, e.span.start.line, e.span.start.col)
    };
    let (line, col) = line_col(text, start);
    KbError::Syntax(Box::new(Problem::new(
        name,
        text,
        start,
        (line, col),
        message,
        help,
    )))
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
                in_struct(outer.as_ref()),
                expected.join(", ")
            ),
            hint("check the spelling of the field name"),
        ),
        E::MissingStructField { field, outer } => (
            format!("missing field `{field}`{}", in_struct(outer.as_ref())),
            hint("add the field; see the schema in docs/authoring.md"),
        ),
        E::DuplicateStructField { field, outer } => (
            format!("field `{field}` appears twice{}", in_struct(outer.as_ref())),
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
        // RON suggests its raw-identifier syntax (`r#name`), which no KB field or value uses.
        E::SuggestRawIdentifier(name) | E::InvalidIdentifier(name) => (
            format!("`{name}` is not a field or value name"),
            hint(
                "names are letters, digits and `_` (fields: lowercase; values: like `Trimesters`)",
            ),
        ),
        E::ExpectedIdentifier => (
            "expected a field or value name here".into(),
            hint("check the text just before this point; see the schema in docs/authoring.md"),
        ),
        other => (format!("RON syntax error: {other}"), None),
    }
}

/// " in Cause" where RON names the struct, else nothing.
fn in_struct(outer: Option<&String>) -> String {
    outer.map(|o| format!(" in {o}")).unwrap_or_default()
}

/// The innermost bracket or string still open at the end of the text.
struct Unclosed {
    what: &'static str,
    at: usize,
}

/// Scans RON text (strings with escapes, `//` and `/* */` comments) for what is still open at
/// its end. A rough lexer on purpose: it only has to tell a cut-off file from a complete one.
fn unclosed_at_end(text: &str) -> Option<Unclosed> {
    let bytes = text.as_bytes();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            return Some(Unclosed {
                                what: "a string",
                                at: start,
                            });
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        Some(_) => i += 1,
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let start = i;
                match text[i + 2..].find("*/") {
                    Some(end) => i += 2 + end + 1,
                    None => {
                        return Some(Unclosed {
                            what: "a comment",
                            at: start,
                        });
                    }
                }
            }
            b @ (b'(' | b'[' | b'{') => open.push((b, i)),
            b')' | b']' | b'}' => {
                open.pop();
            }
            _ => {}
        }
        i += 1;
    }
    open.last().map(|&(b, at)| Unclosed {
        what: match b {
            b'(' => "a `(`",
            b'[' => "a `[`",
            _ => "a `{`",
        },
        at,
    })
}

/// Every CR not followed by LF becomes LF (same length, so offsets are unchanged).
fn cr_only_as_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(ch);
        }
    }
    out
}

/// UTF-16 text without a byte order mark: ASCII `(` next to a NUL in the first two bytes.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0, b, ..] if b.is_ascii() && *b != 0 => Some("BE"),
        [b, 0, ..] if b.is_ascii() && *b != 0 => Some("LE"),
        _ => None,
    }
}
