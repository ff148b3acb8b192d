//! One pass over a config file's text: where each top-level option and each key override
//! stands, so that each is read, or skipped, on its own and every warning names its true line
//! and column. Hand-written because ron reports no spans for the values it reads; it follows
//! RON's lexical rules only as far as finding them needs (comments, strings, chars, brackets).

use std::ops::Range;

/// Where the parts of a config file stand, as byte ranges of its text.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Layout {
    /// Each top-level option, from its name to the end of its value (and its comma).
    pub options: Vec<OptionSpan>,
    /// The inside of `keys: [ … ]`.
    pub keys: Option<Range<usize>>,
    /// Each entry of that list, without the commas between them.
    pub entries: Vec<Range<usize>>,
}

#[derive(Debug, PartialEq, Eq)]
pub(super) struct OptionSpan {
    pub name: String,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    Ident,
    /// A string, a char, a number or other punctuation: part of a value.
    Other,
}

/// The next token at or after `i`: its kind and byte range, or `None` at the end. Comments and
/// whitespace are skipped; an unterminated string or comment runs to the end (ron reports it).
fn next_token(text: &[u8], mut i: usize) -> Option<(Token, Range<usize>)> {
    loop {
        match text.get(i..)? {
            [] => return None,
            [b' ' | b'\t' | b'\r' | b'\n', ..] => i += 1,
            [b'/', b'/', ..] => {
                i = text[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(text.len(), |n| i + n);
            }
            [b'/', b'*', ..] => i = block_comment_end(text, i),
            _ => break,
        }
    }
    let start = i;
    let (token, end) = match text[i] {
        b @ (b'(' | b'[' | b'{') => (Token::Open(b), i + 1),
        b @ (b')' | b']' | b'}') => (Token::Close(b), i + 1),
        b',' => (Token::Comma, i + 1),
        b':' => (Token::Colon, i + 1),
        b'"' => (Token::Other, quoted_end(text, i + 1, b'"')),
        b'\'' => (Token::Other, quoted_end(text, i + 1, b'\'')),
        b'r' if raw_string_hashes(text, i + 1).is_some() => {
            let hashes = raw_string_hashes(text, i + 1).unwrap_or(0);
            (Token::Other, raw_string_end(text, i + 2 + hashes, hashes))
        }
        b if b.is_ascii_alphabetic() || b == b'_' => {
            // `r#name` is a raw identifier.
            let from = if text[i..].starts_with(b"r#") {
                i + 2
            } else {
                i
            };
            let n = text[from..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                .unwrap_or(text.len() - from);
            (Token::Ident, from + n)
        }
        // One character (all of a multi-byte one) of a number or punctuation.
        b => (Token::Other, i + utf8_len(b)),
    };
    Some((token, start..end.min(text.len())))
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The end of a nested `/* … */` comment starting at `i`.
fn block_comment_end(text: &[u8], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < text.len() {
        if text[i..].starts_with(b"/*") {
            depth += 1;
            i += 2;
        } else if text[i..].starts_with(b"*/") {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    text.len()
}

/// The end of a string or char whose text starts at `i`, after its opening `quote`.
fn quoted_end(text: &[u8], mut i: usize, quote: u8) -> usize {
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// After an `r` at `i - 1`: the number of `#` before a `"`, if this is a raw string.
fn raw_string_hashes(text: &[u8], i: usize) -> Option<usize> {
    let hashes = text[i.min(text.len())..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    (text.get(i + hashes) == Some(&b'"')).then_some(hashes)
}

fn raw_string_end(text: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < text.len() {
        if text[i] == b'"'
            && text[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    text.len()
}

/// Finds the top-level options and the key overrides, in one pass.
pub(super) fn scan(text: &str) -> Layout {
    let bytes = text.as_bytes();
    let mut layout = Layout::default();
    let mut depth = 0usize;
    // The option being read at depth 1: its name and where it started.
    let mut option: Option<(String, usize)> = None;
    let mut name: Option<(String, usize)> = None;
    let mut in_keys = false;
    let mut entry: Option<Range<usize>> = None;
    let mut last_end = 0;
    let mut i = 0;
    while let Some((token, span)) = next_token(bytes, i) {
        i = span.end;
        let in_entry = in_keys
            && depth >= 2
            && !(depth == 2 && matches!(token, Token::Comma | Token::Close(_)));
        if in_entry {
            let e = entry.get_or_insert(span.start..span.end);
            e.end = span.end;
        }
        match token {
            Token::Open(b) => {
                if depth == 1
                    && !in_keys
                    && b == b'['
                    && option.as_ref().is_some_and(|(n, _)| n == "keys")
                    && layout.keys.is_none()
                {
                    in_keys = true;
                    layout.keys = Some(span.end..span.end);
                }
                depth += 1;
            }
            Token::Close(_) => {
                depth = depth.saturating_sub(1);
                if in_keys && depth == 2 {
                    if let Some(e) = &mut entry {
                        e.end = span.end;
                    }
                } else if in_keys && depth == 1 {
                    layout.entries.extend(entry.take());
                    if let Some(keys) = &mut layout.keys {
                        keys.end = span.start;
                    }
                    in_keys = false;
                } else if depth == 0
                    && let Some((n, start)) = option.take()
                {
                    layout.options.push(OptionSpan {
                        name: n,
                        span: start..last_end,
                    });
                }
            }
            Token::Comma if in_keys && depth == 2 => layout.entries.extend(entry.take()),
            Token::Comma if depth == 1 => {
                if let Some((n, start)) = option.take() {
                    layout.options.push(OptionSpan {
                        name: n,
                        span: start..span.end,
                    });
                }
                name = None;
            }
            Token::Ident if depth == 1 && option.is_none() => {
                name = Some((text[span.clone()].to_string(), span.start));
            }
            Token::Colon if depth == 1 && option.is_none() => option = name.take(),
            _ => {}
        }
        last_end = span.end;
    }
    layout
}

/// `text` with the bytes of `ranges` blanked: each character a space, newlines kept, so every
/// line and column after them stays where it was.
pub(super) fn blank(text: &str, ranges: &[Range<usize>]) -> String {
    let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
    sorted.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in sorted {
        if r.start < at {
            continue;
        }
        out.push_str(&text[at..r.start]);
        out.extend(
            text[r.clone()]
                .chars()
                .map(|c| if c == '\n' { '\n' } else { ' ' }),
        );
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The byte offset of a line and column (from 1, columns in characters, as ron counts them).
pub(super) fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    text[line_start..]
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(text.len(), |(i, _)| line_start + i)
}

/// Line and column (from 1, columns in characters) of increasing byte offsets, counted on from
/// the last one asked for, so all the overrides of a file cost one pass.
pub(super) struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    /// Where `offset` is; offsets must not decrease between calls.
    pub(super) fn position(&mut self, offset: usize) -> (usize, usize) {
        for c in self.text[self.at..offset.max(self.at)].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.at = offset.max(self.at);
        (self.line, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_options_and_entries_past_comments_and_strings() {
        let text = "// keys: [(x)]\n(\n  theme: Mono, /* keys: [ */\n  keys: [\n    (key: \"]\", action: Quit), // ,\n    (key: \"x\",\n     action: Paste(\"a,b\")),\n  ],\n  mouse: false\n)";
        let layout = scan(text);
        let names: Vec<&str> = layout.options.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names, ["theme", "keys", "mouse"]);
        assert_eq!(&text[layout.options[0].span.clone()], "theme: Mono,");
        assert_eq!(&text[layout.options[2].span.clone()], "mouse: false");
        let entries: Vec<&str> = layout.entries.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            entries,
            [
                "(key: \"]\", action: Quit)",
                "(key: \"x\",\n     action: Paste(\"a,b\"))"
            ]
        );
        let keys = layout.keys.unwrap();
        assert!(text[keys].trim_start().starts_with("(key"));
    }

    #[test]
    fn blanking_keeps_lines_and_columns() {
        let text = "(a: \"é\nx\", b: 1)";
        let range = 1..12;
        let blanked = blank(text, std::slice::from_ref(&range));
        assert_eq!(blanked.lines().count(), 2);
        assert_eq!(blanked.chars().count(), text.chars().count());
        assert!(blanked.ends_with("  b: 1)"));
    }

    #[test]
    fn positions_count_characters_and_lines() {
        let text = "ab\né€x\ny";
        assert_eq!(offset_of(text, 2, 3), "ab\né€".len());
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.position(0), (1, 1));
        assert_eq!(lines.position("ab\né€".len()), (2, 3));
        assert_eq!(lines.position(text.len() - 1), (3, 1));
    }
}
