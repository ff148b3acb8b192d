//! Characters that must never reach a terminal raw, and their visible form.
//!
//! A KB may come from anywhere (`--kb PATH`), and file names and ids typed on the command line
//! are echoed in messages. Control characters (C0, DEL, C1) can clear the screen, set the window
//! title, write the clipboard (OSC 52) or leave the alternate screen; bidirectional controls can
//! make text read differently from what it says. Validation refuses them in every text value of a
//! KB ([`crate::kb`]); every output of the command line is passed through [`sanitize`] as well,
//! which writes each one as `<U+XXXX>`.

use std::borrow::Cow;

/// Whether `c` is a control character (C0 U+0000–U+001F, DEL U+007F, C1 U+0080–U+009F) or a
/// bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    is_control(c) || is_bidi(c)
}

/// C0, DEL or C1.
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// A bidirectional formatting character: marks, embeddings, overrides and isolates.
pub fn is_bidi(c: char) -> bool {
    matches!(
        c,
        '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The visible form of an unsafe character: `<U+001B>`.
pub fn visible(c: char) -> String {
    format!("<U+{:04X}>", u32::from(c))
}

/// "U+001B (ESC), a control character": how messages name an unsafe character.
pub fn describe(c: char) -> String {
    let kind = if is_bidi(c) {
        "a bidirectional control"
    } else {
        "a control character"
    };
    match short_name(c) {
        Some(name) => format!("U+{:04X} ({name}), {kind}", u32::from(c)),
        None => format!("U+{:04X}, {kind}", u32::from(c)),
    }
}

/// The usual abbreviation of a control or bidirectional character.
fn short_name(c: char) -> Option<&'static str> {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    const C1: [&str; 32] = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
        "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI",
        "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ];
    let n = u32::from(c) as usize;
    Some(match c {
        '\u{0}'..='\u{1f}' => C0[n],
        '\u{7f}' => "DEL",
        '\u{80}'..='\u{9f}' => C1[n - 0x80],
        '\u{61c}' => "ALM, Arabic letter mark",
        '\u{200e}' => "LRM, left-to-right mark",
        '\u{200f}' => "RLM, right-to-left mark",
        '\u{202a}' => "LRE, left-to-right embedding",
        '\u{202b}' => "RLE, right-to-left embedding",
        '\u{202c}' => "PDF, pop directional formatting",
        '\u{202d}' => "LRO, left-to-right override",
        '\u{202e}' => "RLO, right-to-left override",
        '\u{2066}' => "LRI, left-to-right isolate",
        '\u{2067}' => "RLI, right-to-left isolate",
        '\u{2068}' => "FSI, first strong isolate",
        '\u{2069}' => "PDI, pop directional isolate",
        _ => return None,
    })
}

/// Every unsafe character written as `<U+XXXX>`, newlines included: for one value echoed in a
/// message (a file name, an id typed on the command line, a line of a snippet).
pub fn escape_all(text: &str) -> Cow<'_, str> {
    replace(text, |_| false)
}

/// Text for a terminal: every unsafe character written as `<U+XXXX>`, except the newline, which
/// ends the output's own lines.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    replace(text, |c| c == '\n')
}

fn replace(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    replace_with(text, keep, visible)
}

/// `text` with every unsafe character but those `keep` accepts written as `encode` says;
/// borrowed when there is none (the common case).
pub fn replace_with(
    text: &str,
    keep: impl Fn(char) -> bool,
    encode: impl Fn(char) -> String,
) -> Cow<'_, str> {
    let unsafe_here = |c: char| is_unsafe(c) && !keep(c);
    let Some(first) = text.find(unsafe_here) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if unsafe_here(c) {
            out.push_str(&encode(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        let text = "Ectopic pregnancy — ≥ 6 w, é ü, Кровотечение\n";
        assert!(matches!(sanitize(text), Cow::Borrowed(t) if t == text));
        assert!(matches!(escape_all("a b"), Cow::Borrowed("a b")));
    }

    #[test]
    fn controls_and_bidi_are_made_visible() {
        assert_eq!(sanitize("a\u{1b}]0;x\u{7}b\n"), "a<U+001B>]0;x<U+0007>b\n");
        assert_eq!(escape_all("a\nb\t"), "a<U+000A>b<U+0009>");
        assert_eq!(sanitize("\u{7f}\u{9b}\u{202e}"), "<U+007F><U+009B><U+202E>");
    }

    #[test]
    fn names() {
        assert_eq!(describe('\u{1b}'), "U+001B (ESC), a control character");
        assert_eq!(describe('\u{9b}'), "U+009B (CSI), a control character");
        assert_eq!(
            describe('\u{202e}'),
            "U+202E (RLO, right-to-left override), a bidirectional control"
        );
        for c in (0..=0x2100u32).filter_map(char::from_u32) {
            assert_eq!(is_unsafe(c), short_name(c).is_some(), "{c:?}");
        }
    }
}
