//! No control character (C0 including tab and newline, DEL, C1) and no bidirectional control in
//! any text value or id of a KB or guideline-layer file: such a value could rewrite the terminal
//! of whoever prints it (clear the screen, set the title, write the clipboard) or read
//! differently from what it says.
//!
//! The RON text itself is walked, not the parsed model: every string literal of a file that
//! parsed is a text value or an id of the model (unknown fields are refused), so no field can be
//! missed, now or when one is added. Each finding has the exact place of the character: the raw
//! character, or the escape (`\u{1b}`, `\x1b`, `\n`) that decodes to it, decoded as RON decodes
//! it. One pass over the text, so it stays linear for a 16 MiB file.

use crate::safe_text;

/// The widest a cause's short name may be, in terminal columns.
pub(crate) const MAX_SHORT_NAME_COLUMNS: usize = 24;

/// The columns a text takes in a terminal.
pub(crate) fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// What is wrong with a short text that must fit `max` columns: empty, or too wide.
pub(crate) fn short_text_problem(text: &str, max: usize) -> Option<String> {
    if text.trim().is_empty() {
        Some("is empty".into())
    } else if columns(text) > max {
        Some(format!("is {} columns wide (at most {max})", columns(text)))
    } else {
        None
    }
}

/// Every string value holding an unsafe character: the byte offset of the first one, and a
/// message naming the character and the value's field.
pub(crate) fn unsafe_characters(text: &str) -> Vec<(usize, String)> {
    let bytes = text.as_bytes();
    let mut frames: Vec<Frame<'_>> = Vec::new();
    let mut ident: Option<&str> = None;
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = block_comment_end(text, i);
                continue;
            }
            b'"' => {
                let literal = escaped_literal(text, i + 1);
                literal_found(&mut frames, text, i + 1, &literal, &mut found);
                ident = None;
                i = literal.end;
                continue;
            }
            b'\'' => {
                // A character literal (no KB field holds one; skipped whole all the same).
                i = escaped_literal_with(text, i + 1, b'\'').end;
                ident = None;
                continue;
            }
            b'b' | b'r' => {
                if let Some((content, literal)) = prefixed_literal(text, i) {
                    literal_found(&mut frames, text, content, &literal, &mut found);
                    ident = None;
                    i = literal.end;
                    continue;
                }
                let (name, end) = identifier(text, i);
                ident = Some(name);
                i = end;
                continue;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let (name, end) = identifier(text, i);
                ident = Some(name);
                i = end;
                continue;
            }
            b':' => {
                if let (Some(name), Some(top)) = (ident.take(), frames.last_mut()) {
                    top.field = Some(name);
                }
            }
            b'(' | b'{' => {
                frames.push(Frame::new(false));
                ident = None;
            }
            b'[' => {
                frames.push(Frame::new(true));
                ident = None;
            }
            b')' | b']' | b'}' => {
                frames.pop();
                ident = None;
            }
            b',' => {
                if let Some(top) = frames.last_mut()
                    && top.list
                {
                    top.index += 1;
                }
                ident = None;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// An open bracket: a struct, tuple or enum value `(`/`{`, or a list `[`.
struct Frame<'t> {
    list: bool,
    /// The field being read (structs): the last `name:` seen at this level.
    field: Option<&'t str>,
    /// The element being read (lists), from 0.
    index: usize,
    /// The struct's `id`, once read: names a list element better than its index.
    id: Option<String>,
}

impl Frame<'_> {
    fn new(list: bool) -> Self {
        Frame {
            list,
            field: None,
            index: 0,
            id: None,
        }
    }
}

/// What one string literal holds.
struct Literal {
    /// Just past the closing quote (and hashes).
    end: usize,
    /// The first unsafe character, with the offset of it (raw) or of its escape.
    first_bad: Option<(usize, char)>,
    /// How many unsafe characters the value holds.
    bad: usize,
    /// Where the content (between the quotes) ends.
    content_end: usize,
}

/// Records a literal: a finding if it holds an unsafe character, and the id of its struct.
fn literal_found(
    frames: &mut [Frame<'_>],
    text: &str,
    content: usize,
    literal: &Literal,
    found: &mut Vec<(usize, String)>,
) {
    if let Some((at, c)) = literal.first_bad {
        let more = match literal.bad {
            0 | 1 => String::new(),
            n => format!(" (and {} more in this value)", n - 1),
        };
        let hint = match c {
            '\t' => " (use spaces)",
            '\n' | '\r' => " (a text value is one line)",
            _ => "",
        };
        found.push((
            at,
            format!(
                "{} contains {}{more}{hint}; KB text may not contain control characters or bidirectional controls",
                field_path(frames),
                safe_text::describe(c)
            ),
        ));
    }
    if let Some(top) = frames.last_mut()
        && !top.list
        && top.field == Some("id")
    {
        let raw = &text[content..literal.content_end.max(content)];
        let shown: String = raw.chars().take(60).collect();
        top.id = Some(safe_text::escape_all(&shown).into_owned());
    }
}

/// `causes[ectopic-pregnancy].signs[2].text`: where a value sits, list elements named by their
/// id where it has been read.
fn field_path(frames: &[Frame<'_>]) -> String {
    let mut out = String::new();
    for (k, frame) in frames.iter().enumerate() {
        if frame.list {
            let id = frames.get(k + 1).and_then(|next| next.id.as_deref());
            match id {
                Some(id) => out.push_str(&format!("[{id}]")),
                None => out.push_str(&format!("[{}]", frame.index)),
            }
        } else if let Some(field) = frame.field {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(field);
        }
    }
    if out.is_empty() {
        "a text value".into()
    } else {
        out
    }
}

/// An identifier (`causes`, `Some`, raw `r#name`) starting at `i`, and where it ends.
fn identifier(text: &str, i: usize) -> (&str, usize) {
    let bytes = text.as_bytes();
    let mut end = i;
    if bytes.get(i) == Some(&b'r') && bytes.get(i + 1) == Some(&b'#') {
        end += 2;
    }
    while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
        end += 1;
    }
    // At least one byte, so the walk always moves on.
    let end = end.max(i + 1);
    (&text[i..end], end)
}

/// A literal with a prefix at `i`: `b"…"` (escaped), `r"…"`, `r#"…"#`, `br"…"`, `br#"…"#` (raw).
/// Returns where its content starts, and the literal.
fn prefixed_literal(text: &str, i: usize) -> Option<(usize, Literal)> {
    let rest = &text.as_bytes()[i..];
    if rest.starts_with(b"b\"") {
        return Some((i + 2, escaped_literal(text, i + 2)));
    }
    let after_r = if rest.starts_with(b"br") {
        i + 2
    } else if rest.starts_with(b"r") {
        i + 1
    } else {
        return None;
    };
    let hashes = text.as_bytes()[after_r..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    if text.as_bytes().get(after_r + hashes) != Some(&b'"') {
        return None;
    }
    let content = after_r + hashes + 1;
    let closing = format!("\"{}", "#".repeat(hashes));
    let content_end = text[content..]
        .find(&closing)
        .map_or(text.len(), |n| content + n);
    let mut literal = Literal {
        end: (content_end + closing.len()).min(text.len()),
        first_bad: None,
        bad: 0,
        content_end,
    };
    for (at, c) in text[content..content_end].char_indices() {
        if safe_text::is_unsafe(c) {
            literal.bad += 1;
            literal.first_bad.get_or_insert((content + at, c));
        }
    }
    Some((content, literal))
}

/// A `"…"` string whose content starts at `start`.
fn escaped_literal(text: &str, start: usize) -> Literal {
    escaped_literal_with(text, start, b'"')
}

fn escaped_literal_with(text: &str, start: usize, quote: u8) -> Literal {
    let bytes = text.as_bytes();
    let mut first_bad = None;
    let mut bad = 0;
    let mut found = |at: usize, c: char| {
        if safe_text::is_unsafe(c) {
            bad += 1;
            first_bad.get_or_insert((at, c));
        }
    };
    let mut j = start;
    let mut content_end = text.len();
    // Byte by byte: ASCII is checked as it is; of the longer characters, only those starting
    // with 0xC2 (C1), 0xD8 (U+061C) and 0xE2 (U+200E–U+2069) can be unsafe, so only they are
    // decoded.
    while j < bytes.len() {
        let b = bytes[j];
        if b == quote {
            content_end = j;
            break;
        }
        let len = if b == b'\\' {
            let (decoded, len) = escape(&text[j..]);
            if let Some(c) = decoded {
                found(j, c);
            }
            len
        } else if b < 0x80 {
            found(j, char::from(b));
            1
        } else {
            if matches!(b, 0xC2 | 0xD8 | 0xE2)
                && let Some(c) = text.get(j..).and_then(|rest| rest.chars().next())
            {
                found(j, c);
            }
            match b {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            }
        };
        j += len;
    }
    Literal {
        end: (content_end + 1).min(text.len()),
        first_bad,
        bad,
        content_end,
    }
}

/// Decodes the escape at the start of `s` (which starts with `\`) as RON does: the character it
/// stands for (none for a line continuation), and its length in bytes.
fn escape(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'\'') => (Some('\''), 2),
        Some(b'"') => (Some('"'), 2),
        Some(b'\\') => (Some('\\'), 2),
        Some(b'n') => (Some('\n'), 2),
        Some(b'r') => (Some('\r'), 2),
        Some(b't') => (Some('\t'), 2),
        Some(b'0') => (Some('\0'), 2),
        Some(b'x') => byte_escapes(s),
        Some(b'u') => {
            let Some(close) = s.get(3..).and_then(|r| r.find('}')) else {
                return (None, 2);
            };
            let digits = &s[3..3 + close];
            let c = u32::from_str_radix(digits, 16)
                .ok()
                .and_then(char::from_u32);
            (c, 3 + close + 1)
        }
        // A line continuation: `\`, the line ending, and the next line's leading whitespace.
        Some(b'\n' | b'\r') => {
            let ending = if s[1..].starts_with("\r\n") { 2 } else { 1 };
            let rest = &s[1 + ending..];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '\r']).len();
            (None, 1 + ending + ws)
        }
        _ => (None, 1),
    }
}

/// `\xHH`, or up to four of them spelling one UTF-8 character.
fn byte_escapes(s: &str) -> (Option<char>, usize) {
    let mut bytes = Vec::with_capacity(4);
    let mut len = 0;
    while bytes.len() < 4 {
        let Some(hex) = s.get(len..len + 4).filter(|e| e.starts_with("\\x")) else {
            break;
        };
        let Ok(byte) = u8::from_str_radix(&hex[2..], 16) else {
            break;
        };
        bytes.push(byte);
        len += 4;
        if let Ok(decoded) = std::str::from_utf8(&bytes) {
            return (decoded.chars().next(), len);
        }
    }
    (None, len.max(2))
}

/// Just past the end of the (nested) block comment starting at `i`.
fn block_comment_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < bytes.len() {
        match (bytes[j], bytes[j + 1]) {
            (b'/', b'*') => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return j;
                }
            }
            _ => j += 1,
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<(usize, String)> {
        unsafe_characters(text)
    }

    #[test]
    fn plain_text_passes() {
        let text = "(meta: (title: \"Bleeding — é ü ≥ Кровь…\", x: r#\"raw \"q\"\"#), /* \u{1b} in a comment /* nested */ */\n// \u{7} too\nlist: [\"a\\\"b\", \"\\u{e9}\"])";
        assert!(messages(text).is_empty(), "{:?}", messages(text));
    }

    #[test]
    fn raw_and_escaped_characters_are_found_where_they_are() {
        let text = "(causes: [(id: \"a\", name: \"x\u{1b}[2J\"), (id: \"b\", signs: [(text: \"ok\"), (text: \"y\\u{202e}z\")])])";
        let found = messages(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, text.find('\u{1b}').unwrap());
        assert!(
            found[0]
                .1
                .starts_with("causes[a].name contains U+001B (ESC)"),
            "{}",
            found[0].1
        );
        assert_eq!(found[1].0, text.find("\\u{202e}").unwrap());
        assert!(
            found[1]
                .1
                .starts_with("causes[b].signs[1].text contains U+202E (RLO"),
            "{}",
            found[1].1
        );
    }

    #[test]
    fn every_escape_is_decoded_as_ron_decodes_it() {
        for (escape_text, bad) in [
            ("\\n", true),
            ("\\t", true),
            ("\\r", true),
            ("\\0", true),
            ("\\x1b", true),
            ("\\x7f", true),
            ("\\xc2\\x9b", true),
            ("\\u{9b}", true),
            ("\\u{200F}", true),
            ("\\u{1b}", true),
            ("\\\"", false),
            ("\\\\", false),
            ("\\'", false),
            ("\\x41", false),
            ("\\xc3\\xa9", false),
            ("\\u{e9}", false),
            ("\\\n   continued", false),
            ("\\\n \t\r\n continued", false),
            ("\\\n  \u{85}after a continuation", true),
        ] {
            let literal = format!("\"a{escape_text}b\"");
            let value: String = ron::from_str(&literal).expect(&literal);
            assert_eq!(
                value.chars().any(safe_text::is_unsafe),
                bad,
                "ron's view of {literal}"
            );
            let text = format!("(x: {literal}, y: \"after\")");
            let found = messages(&text);
            assert_eq!(found.len(), usize::from(bad), "{text}: {found:?}");
            if bad {
                let at = text
                    .find('\u{85}')
                    .unwrap_or_else(|| text.find('\\').unwrap());
                assert_eq!(found[0].0, at, "{text}");
            }
        }
    }

    #[test]
    fn ids_name_the_element_and_an_id_itself_is_checked() {
        let found = messages("(groups: [(id: \"g\\u{7}\", name: \"n\")])");
        assert_eq!(found.len(), 1);
        assert!(found[0].1.starts_with("groups[0].id contains U+0007 (BEL)"));
        let found = messages("(a: Some((text: \"\\t\")), b: [\"\u{85}\", \"x\\ny\\nz\"])");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].1.contains("a.text contains U+0009 (TAB)"));
        assert!(found[0].1.contains("(use spaces)"));
        assert!(found[1].1.starts_with("b[0] contains U+0085 (NEL)"));
        assert!(found[2].1.contains("(and 1 more in this value)"));
    }

    /// A RON string literal of the given escapes.
    fn escaped(escapes: impl Iterator<Item = String>) -> String {
        let mut literal = String::from("\"");
        literal.extend(escapes);
        literal.push('"');
        literal
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whatever the string and however RON spells it (its own serialiser, `\u{…}` or `\x…`
        /// escapes), the walk finds an unsafe character exactly when RON's value holds one.
        #[test]
        fn agrees_with_ron(s in "\\PC*|[\\x00-\\x{a0}\\x{202a}-\\x{202e}a-z]{0,20}", style in 0..3u8) {
            let literal = match style {
                0 => ron::to_string(&s).unwrap(),
                1 => escaped(s.chars().map(|c| format!("\\u{{{:x}}}", u32::from(c)))),
                _ => escaped(s.bytes().map(|b| format!("\\x{b:02x}"))),
            };
            let value: String = ron::from_str(&literal).unwrap();
            proptest::prop_assert_eq!(value.as_str(), s.as_str());
            let text = format!("(x: {literal}, y: [\"ok\"])");
            let found = unsafe_characters(&text);
            proptest::prop_assert_eq!(found.len(), usize::from(s.chars().any(safe_text::is_unsafe)), "{}", text);
        }
    }
}
