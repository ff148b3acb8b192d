//! Terminal input bytes to key, mouse and paste events (crossterm's [`Event`] type, so the
//! keymap reads them as before).
//!
//! Hand-written because the bytes must be in our hands: crossterm's own parser is private and
//! holds an unfinished sequence until it ends, swallowing every key meanwhile (after `ESC[<`
//! until `m`, after `ESC[200~` until the paste end). Here a sequence that stays unfinished for
//! [`PATIENCE`] (a paste: [`PASTE_PATIENCE`]) is given up: the event loop calls
//! [`Parser::give_up`] when nothing more arrived in time. Bytes that are not valid UTF-8,
//! unknown sequences and a broken sequence (a control byte inside it) are dropped, and what
//! follows is read afresh, so nothing can hold the input for longer than that.
//!
//! What is understood is what terminals send for the keys the browser binds, in the xterm
//! encodings: characters (Ctrl and Alt with them), Enter, Tab, Backspace, Esc, arrows, Home,
//! End, Page Up/Down, Insert, Delete, F1–F12 (CSI and SS3 forms, with modifiers), SGR mouse
//! reports (`ESC[<b;x;yM`), and bracketed paste.

use std::time::Duration;

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// How long an unfinished escape sequence may wait for its end. A terminal writes a sequence
/// in one piece; 100 ms covers a slow link splitting one (vim's `ttimeoutlen` default).
pub const PATIENCE: Duration = Duration::from_millis(100);

/// How long a bracketed paste may pause before what arrived is taken as the whole paste. Longer
/// than [`PATIENCE`]: the rest of a paste read as keys could act on them.
pub const PASTE_PATIENCE: Duration = Duration::from_secs(1);

/// The longest escape sequence kept; a longer one is not one we know, and is dropped.
const MAX_SEQUENCE: usize = 64;

/// The largest paste kept (the search line takes 256 characters; the rest is counted as cut).
const MAX_PASTE: usize = 4 * 1024 * 1024;

const ESC: u8 = 0x1b;
const PASTE_END: &[u8] = b"\x1b[201~";

/// What one look at the start of the buffer found.
enum Step {
    Event(Event, usize),
    /// Bytes that make no event (unknown or broken), dropped.
    Skip(usize),
    /// The start of a paste: its text follows.
    PasteStart(usize),
    /// More bytes are needed.
    Incomplete,
}

/// The parser's state between reads.
#[derive(Debug, Default)]
pub struct Parser {
    /// Bytes of an unfinished sequence or character.
    held: Vec<u8>,
    /// The text of a bracketed paste whose end has not come yet.
    paste: Option<Vec<u8>>,
}

impl Parser {
    /// Reads `bytes` (one read from the terminal) and appends the events they complete.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        self.held.extend_from_slice(bytes);
        let mut start = 0;
        loop {
            if let Some(paste) = &mut self.paste {
                let rest = &self.held[start..];
                if let Some(end) = find(rest, PASTE_END) {
                    take_paste(paste, &rest[..end]);
                    let text = String::from_utf8_lossy(paste).into_owned();
                    self.paste = None;
                    out.push(Event::Paste(text));
                    start += end + PASTE_END.len();
                    continue;
                }
                // Keep what could be the start of the end marker; the rest is text.
                let keep = longest_marker_prefix(rest);
                take_paste(paste, &rest[..rest.len() - keep]);
                start += rest.len() - keep;
                break;
            }
            if start == self.held.len() {
                break;
            }
            match step(&self.held[start..]) {
                Step::Event(ev, n) => {
                    out.push(ev);
                    start += n;
                }
                Step::Skip(n) => start += n,
                Step::PasteStart(n) => {
                    self.paste = Some(Vec::new());
                    start += n;
                }
                Step::Incomplete => {
                    // A lone ESC at the end of a read is the Esc key (a terminal writes a
                    // sequence whole), as crossterm reads it.
                    if self.held.len() - start == 1 && self.held[start] == ESC {
                        out.push(key(KeyCode::Esc, KeyModifiers::NONE));
                        start += 1;
                    }
                    break;
                }
            }
        }
        self.held.drain(..start);
    }

    /// Whether bytes are waiting for the rest of a sequence or a paste.
    pub fn pending(&self) -> bool {
        !self.held.is_empty() || self.paste.is_some()
    }

    /// How long to wait for the rest before [`give_up`](Self::give_up).
    pub fn patience(&self) -> Duration {
        if self.paste.is_some() {
            PASTE_PATIENCE
        } else {
            PATIENCE
        }
    }

    /// Nothing more came in time: a paste is taken as it stands; half a sequence is dropped.
    pub fn give_up(&mut self, out: &mut Vec<Event>) {
        if let Some(mut paste) = self.paste.take() {
            take_paste(&mut paste, &self.held);
            out.push(Event::Paste(String::from_utf8_lossy(&paste).into_owned()));
        }
        self.held.clear();
    }
}

fn take_paste(paste: &mut Vec<u8>, bytes: &[u8]) {
    let room = MAX_PASTE.saturating_sub(paste.len());
    paste.extend_from_slice(&bytes[..bytes.len().min(room)]);
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// How many bytes at the end of `bytes` could begin [`PASTE_END`].
fn longest_marker_prefix(bytes: &[u8]) -> usize {
    (1..PASTE_END.len())
        .rev()
        .find(|&n| bytes.ends_with(&PASTE_END[..n]))
        .unwrap_or(0)
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// One event (or skip) from the start of `buf` (not empty).
fn step(buf: &[u8]) -> Step {
    match buf[0] {
        ESC => escape(buf),
        b'\r' | b'\n' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7f | 0x08 => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        0 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        b @ 0x01..=0x1a => Step::Event(
            key(KeyCode::Char((b'a' + b - 1) as char), KeyModifiers::CONTROL),
            1,
        ),
        b @ 0x1c..=0x1f => Step::Event(
            key(
                KeyCode::Char((b'4' + b - 0x1c) as char),
                KeyModifiers::CONTROL,
            ),
            1,
        ),
        _ => character(buf),
    }
}

/// A UTF-8 character; an invalid byte is skipped alone.
fn character(buf: &[u8]) -> Step {
    let len = match buf[0] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Step::Skip(1),
    };
    if buf.len() < len {
        // Continuation bytes so far must be valid, or the character is already broken.
        return if buf[1..].iter().all(|b| b & 0xc0 == 0x80) {
            Step::Incomplete
        } else {
            Step::Skip(1)
        };
    }
    match std::str::from_utf8(&buf[..len]) {
        Ok(s) => {
            let ch = s.chars().next().unwrap_or(' ');
            let mods = if ch.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            Step::Event(key(KeyCode::Char(ch), mods), len)
        }
        Err(_) => Step::Skip(1),
    }
}

fn escape(buf: &[u8]) -> Step {
    match buf.get(1) {
        None => Step::Incomplete,
        Some(b'[') => csi(buf),
        Some(b'O') => match buf.get(2) {
            None => Step::Incomplete,
            Some(&b) => ss3(b).map_or(Step::Skip(3), |code| {
                Step::Event(key(code, KeyModifiers::NONE), 3)
            }),
        },
        // ESC ESC: the first is the Esc key.
        Some(&ESC) => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        // Alt and a key.
        Some(_) => match step(&buf[1..]) {
            Step::Event(Event::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Event::Key(k), n + 1)
            }
            Step::Incomplete => Step::Incomplete,
            _ => Step::Skip(1),
        },
    }
}

/// The keys of `ESC O x` (and of `ESC [ 1 ; m x`).
fn ss3(b: u8) -> Option<KeyCode> {
    Some(match b {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// A control sequence: `ESC [`, parameter and intermediate bytes, a final byte.
fn csi(buf: &[u8]) -> Step {
    let mut end = 2;
    loop {
        match buf.get(end) {
            None if end >= MAX_SEQUENCE => return Step::Skip(end),
            None => return Step::Incomplete,
            Some(0x20..=0x3f) => end += 1,
            Some(0x40..=0x7e) => break,
            // A control byte (ESC among them) inside: the sequence is broken; the byte is
            // read again as the start of what follows.
            Some(_) => return Step::Skip(end),
        }
    }
    let len = end + 1;
    let params = &buf[2..end];
    let last = buf[end];
    // X10 mouse (`ESC[M` and three bytes), sent by terminals without SGR mouse: skipped whole.
    if last == b'M' && params.is_empty() {
        return if buf.len() < 6 {
            Step::Incomplete
        } else {
            Step::Skip(6)
        };
    }
    if let Some(sgr) = params.strip_prefix(b"<") {
        return mouse(sgr, last).map_or(Step::Skip(len), |ev| Step::Event(ev, len));
    }
    let numbers: Vec<u16> = params
        .split(|&b| b == b';')
        .map(|p| std::str::from_utf8(p).ok().and_then(|s| s.parse().ok()))
        .collect::<Option<_>>()
        .unwrap_or_default();
    let mods = modifiers(numbers.get(1).copied());
    let code = match last {
        b'~' => match numbers.first() {
            Some(200) => return Step::PasteStart(len),
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(&n @ 11..=15) => KeyCode::F((n - 10) as u8),
            Some(&n @ 17..=21) => KeyCode::F((n - 11) as u8),
            Some(&n @ 23..=24) => KeyCode::F((n - 12) as u8),
            _ => return Step::Skip(len),
        },
        b'Z' => return Step::Event(key(KeyCode::BackTab, KeyModifiers::SHIFT), len),
        b => match ss3(b) {
            Some(code) => code,
            None => return Step::Skip(len),
        },
    };
    Step::Event(key(code, mods), len)
}

/// The modifiers of an xterm key parameter (1 + shift 1, alt 2, ctrl 4).
fn modifiers(param: Option<u16>) -> KeyModifiers {
    let bits = param.unwrap_or(1).saturating_sub(1);
    modifier_bits(bits & 1 != 0, bits & 2 != 0, bits & 4 != 0)
}

fn modifier_bits(shift: bool, alt: bool, ctrl: bool) -> KeyModifiers {
    let mut mods = KeyModifiers::NONE;
    mods.set(KeyModifiers::SHIFT, shift);
    mods.set(KeyModifiers::ALT, alt);
    mods.set(KeyModifiers::CONTROL, ctrl);
    mods
}

/// An SGR mouse report `b;x;y` ended by `M` (press) or `m` (release). Motion is not asked for
/// (`?1003h` is off) and is dropped if a terminal sends it anyway.
fn mouse(params: &[u8], last: u8) -> Option<Event> {
    if last != b'M' && last != b'm' {
        return None;
    }
    let mut numbers = params
        .split(|&b| b == b';')
        .map(|p| std::str::from_utf8(p).ok()?.parse::<u16>().ok());
    let (b, x, y) = (numbers.next()??, numbers.next()??, numbers.next()??);
    if numbers.next().is_some() || b & 32 != 0 {
        return None;
    }
    let button = match b & 3 {
        0 => MouseButton::Left,
        1 => MouseButton::Middle,
        _ => MouseButton::Right,
    };
    let kind = match (b & 64 != 0, last) {
        (true, _) if b & 1 == 0 => MouseEventKind::ScrollUp,
        (true, _) => MouseEventKind::ScrollDown,
        (false, b'M') => MouseEventKind::Down(button),
        (false, _) => MouseEventKind::Up(button),
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: x.saturating_sub(1),
        row: y.saturating_sub(1),
        modifiers: modifier_bits(b & 4 != 0, b & 8 != 0, b & 16 != 0),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(chunks: &[&[u8]]) -> (Vec<Event>, Parser) {
        let mut p = Parser::default();
        let mut out = Vec::new();
        for c in chunks {
            p.feed(c, &mut out);
        }
        (out, p)
    }

    fn k(code: KeyCode, mods: KeyModifiers) -> Event {
        key(code, mods)
    }

    #[test]
    fn keys_as_terminals_send_them() {
        let none = KeyModifiers::NONE;
        let (ev, p) =
            parse(&[b"aQ\r\t\x7f\x03\x1b[A\x1bOB\x1b[1;5C\x1b[5~\x1b[15~\x1b[Z\x1bx\xc3\xa9"]);
        assert_eq!(
            ev,
            vec![
                k(KeyCode::Char('a'), none),
                k(KeyCode::Char('Q'), KeyModifiers::SHIFT),
                k(KeyCode::Enter, none),
                k(KeyCode::Tab, none),
                k(KeyCode::Backspace, none),
                k(KeyCode::Char('c'), KeyModifiers::CONTROL),
                k(KeyCode::Up, none),
                k(KeyCode::Down, none),
                k(KeyCode::Right, KeyModifiers::CONTROL),
                k(KeyCode::PageUp, none),
                k(KeyCode::F(5), none),
                k(KeyCode::BackTab, KeyModifiers::SHIFT),
                k(KeyCode::Char('x'), KeyModifiers::ALT),
                k(KeyCode::Char('é'), none),
            ]
        );
        assert!(!p.pending());
    }

    #[test]
    fn a_lone_esc_is_the_key_and_a_split_sequence_is_joined() {
        let (ev, _) = parse(&[b"\x1b"]);
        assert_eq!(ev, vec![k(KeyCode::Esc, KeyModifiers::NONE)]);
        let (ev, p) = parse(&[b"\x1b[", b"B"]);
        assert_eq!(ev, vec![k(KeyCode::Down, KeyModifiers::NONE)]);
        assert!(!p.pending());
        let (ev, p) = parse(&[b"\xc3", b"\xa9"]);
        assert_eq!(ev, vec![k(KeyCode::Char('é'), KeyModifiers::NONE)]);
        assert!(!p.pending());
    }

    #[test]
    fn mouse_reports_and_pastes() {
        let (ev, _) = parse(&[b"\x1b[<0;5;3M\x1b[<64;1;1M\x1b[<32;2;2M"]);
        assert_eq!(ev.len(), 2, "{ev:?}");
        assert!(matches!(
            ev[0],
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 4,
                row: 2,
                ..
            })
        ));
        assert!(matches!(
            ev[1],
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::ScrollUp,
                ..
            })
        ));
        let (ev, p) = parse(&[b"\x1b[200~q x", b"\x1b[20", b"1~q"]);
        assert_eq!(
            ev,
            vec![
                Event::Paste("q x".into()),
                k(KeyCode::Char('q'), KeyModifiers::NONE)
            ]
        );
        assert!(!p.pending());
    }

    #[test]
    fn half_sequences_and_invalid_bytes_never_hold_the_keys() {
        // A paste that ends in half a mouse report: given up after the patience, then keys work.
        let (ev, mut p) = parse(&[b"\x1b[200~ab\x1b[201~\x1b[<"]);
        assert_eq!(ev, vec![Event::Paste("ab".into())]);
        assert!(p.pending());
        let mut out = Vec::new();
        p.give_up(&mut out);
        assert!(out.is_empty() && !p.pending());
        p.feed(b"q", &mut out);
        assert_eq!(out, vec![k(KeyCode::Char('q'), KeyModifiers::NONE)]);
        // An ESC inside a sequence breaks it; the ESC starts what follows.
        let (ev, _) = parse(&[b"\x1b[<1;2\x1b[Aq"]);
        assert_eq!(
            ev,
            vec![
                k(KeyCode::Up, KeyModifiers::NONE),
                k(KeyCode::Char('q'), KeyModifiers::NONE)
            ]
        );
        // Latin-1 é, an unknown sequence, a stray continuation byte: dropped.
        let (ev, p) = parse(&[b"\xe9q\x1b[999Xq\x80q"]);
        assert_eq!(ev, vec![k(KeyCode::Char('q'), KeyModifiers::NONE); 3]);
        assert!(!p.pending());
        // An unfinished paste is taken as it stands.
        let (_, mut p) = parse(&[b"\x1b[200~half"]);
        let mut out = Vec::new();
        p.give_up(&mut out);
        assert_eq!(out, vec![Event::Paste("half".into())]);
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_end_without_anything_held(bytes: Vec<u8>) {
            let mut p = Parser::default();
            let mut out = Vec::new();
            p.feed(&bytes, &mut out);
            p.give_up(&mut out);
            proptest::prop_assert!(!p.pending());
            p.feed(b"q", &mut out);
            proptest::prop_assert_eq!(out.last(), Some(&k(KeyCode::Char('q'), KeyModifiers::NONE)));
        }
    }
}
