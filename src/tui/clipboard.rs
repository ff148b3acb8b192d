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

/// The escape sequence that sets the clipboard to `text`. The text travels in base64, whose
/// alphabet has no control character, so nothing in it can end the sequence early or start
/// another; and it is made safe first ([`crate::safe_text::sanitize`]: controls other than the
/// newline, and bidirectional controls, written `<U+XXXX>`), so what is pasted from the
/// clipboard into a terminal cannot carry an escape sequence either.
pub fn osc52(text: &str) -> String {
    let safe = crate::safe_text::sanitize(text);
    format!("\x1b]52;c;{}\x07", base64(safe.as_bytes()))
}

/// Writes the OSC 52 sequence for `text` to `out`.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
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
