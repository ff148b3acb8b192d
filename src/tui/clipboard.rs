//! Copy to the clipboard through the terminal (OSC 52): works over SSH and inside tmux
//! (`set -g set-clipboard on`), needs no display server and no extra crate.

use std::io::{self, Write};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The most base64 sent in one OSC 52 sequence. Terminals cap what they accept: hterm (`ChromeOS`,
/// the Secure Shell extension) drops string sequences over 100,000 bytes, and others truncate
/// or ignore long ones silently; below that every terminal that supports OSC 52 takes it whole.
pub const MAX_BASE64: usize = 100_000;

/// The most text (bytes, made safe) that fits in [`MAX_BASE64`].
const MAX_TEXT: usize = MAX_BASE64 / 4 * 3;

/// The escape sequence that sets the clipboard to `text`. The text travels in base64, whose
/// alphabet has no control character, so nothing in it can end the sequence early or start
/// another; and it is made safe first ([`crate::safe_text::sanitize`]: controls other than the
/// newline, and bidirectional controls, written `<U+XXXX>`), so what is pasted from the
/// clipboard into a terminal cannot carry an escape sequence either.
pub fn osc52(text: &str) -> String {
    sequence(&crate::safe_text::sanitize(text))
}

fn sequence(safe: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(safe.as_bytes()))
}

/// The part of `text` (made safe) that fits in one sequence: all of it, or its first whole
/// lines (a line longer than the limit is cut at a character).
fn fitting(text: &str) -> &str {
    if text.len() <= MAX_TEXT {
        return text;
    }
    let mut end = MAX_TEXT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match text[..end].rfind('\n') {
        Some(line_end) if line_end > 0 => &text[..=line_end],
        _ => &text[..end],
    }
}

/// Writes the OSC 52 sequence for `text` to `out`, capped at [`MAX_BASE64`]; returns how many
/// bytes of the safe text went out (see [`cut_message`]).
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<usize> {
    let safe = crate::safe_text::sanitize(text);
    let part = fitting(&safe);
    out.write_all(sequence(part).as_bytes())?;
    out.flush()?;
    Ok(part.len())
}

/// What to tell the user when [`copy`] sent only `copied` bytes of `text`: what was copied and
/// what was not. `None` when all of it went.
pub fn cut_message(text: &str, copied: usize) -> Option<String> {
    let safe = crate::safe_text::sanitize(text);
    if copied >= safe.len() {
        return None;
    }
    let lines = safe.lines().count();
    let sent = safe[..copied].lines().count();
    Some(format!(
        "Copied the first {sent} of {lines} lines ({} of {} KB): terminals take about {} KB at once; the rest was not copied",
        copied / 1000,
        safe.len() / 1000,
        MAX_BASE64 / 1000
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_known_values() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn a_long_text_is_cut_at_a_line_within_the_limit_and_says_so() {
        let line = "é".repeat(40) + "\n";
        let text = line.repeat(2000);
        let mut out = Vec::new();
        let copied = copy(&mut out, &text).unwrap();
        assert!(out.len() <= MAX_BASE64 + 8, "{}", out.len());
        assert_eq!(copied % line.len(), 0, "whole lines");
        let message = cut_message(&text, copied).unwrap();
        assert!(
            message.starts_with("Copied the first 925 of 2000 lines"),
            "{message}"
        );
        let mut out = Vec::new();
        assert_eq!(copy(&mut out, "short").unwrap(), 5);
        assert_eq!(cut_message("short", 5), None);
    }

    #[test]
    fn the_payload_is_base64_of_safe_text() {
        let hostile = "a\x1b]0;x\x07b\x7f\u{9b}\u{202e}\nc";
        let seq = osc52(hostile);
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(
            payload
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
        assert_eq!(
            payload,
            base64("a<U+001B>]0;x<U+0007>b<U+007F><U+009B><U+202E>\nc".as_bytes())
        );
    }
}
