//! The browser's colours as classic 16-colour SGR codes.
//!
//! The palette ([`super::theme`]) uses only the 16 named ANSI colours, but crossterm writes
//! every named colour as a 256-colour index: `ESC[38;5;9m` for the foreground, `ESC[48;5;9m`
//! for the background, and ratatui joins both into one sequence (`ESC[38;5;9;49m`). A terminal
//! with 16 colours (`TERM=xterm`, `linux`, `screen`, `vt100`) does not understand `38;5;N`.
//! [`Sgr16Writer`] sits between ratatui's backend and stdout and writes those colours as the
//! classic codes instead, which every colour terminal understands, 256-colour ones included —
//! so it is used for every `TERM`:
//!
//! | parameters        | written as                          |
//! |-------------------|-------------------------------------|
//! | `38;5;N`, N 0–7   | `30+N` (foreground)                 |
//! | `38;5;N`, N 8–15  | `90+N-8` (bright foreground)        |
//! | `48;5;N`, N 0–7   | `40+N` (background)                 |
//! | `48;5;N`, N 8–15  | `100+N-8` (bright background)       |
//!
//! Everything else passes byte for byte: text (UTF-8 never contains the ESC byte), every other
//! escape sequence (cursor moves, modes, OSC), the other parameters of an SGR sequence
//! (`ESC[1;38;5;9m` becomes `ESC[1;91m`), and colours with no classic code: indices 16–255,
//! RGB (`38;2;R;G;B`) and the underline colour (`58;…`, `59`). The theme never makes those.
//! A sequence that is not rewritten comes out exactly as it went in.
//!
//! crossterm writes a sequence in pieces (`ESC[`, `38;`, `5;9`, `;`, `48;`, …), so this is a
//! state machine over the bytes: an SGR sequence is held from its `ESC[` until its final `m`
//! (at most [`MAX_HELD`] bytes) and written then, rewritten or not; a byte that cannot belong
//! to an SGR sequence (`?`, `H`, `]`, …) releases what was held at once, unchanged. [`flush`]
//! flushes everything but an unfinished SGR sequence: written early, its colour could no longer
//! be rewritten, and a terminal cannot act on half a sequence anyway. ratatui writes whole
//! sequences before it flushes, so in practice nothing is held at a flush.
//!
//! [`flush`]: Sgr16Writer#method.flush

use std::io::{self, Write};

/// The longest SGR sequence held before it is given up on and passed through unchanged.
/// crossterm's longest (`ESC[38;2;255;255;255;48;2;255;255;255m`) is 38 bytes.
pub const MAX_HELD: usize = 128;

const ESC: u8 = 0x1b;

/// Where the writer is in the byte stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Text, or a sequence already let through.
    Ground,
    /// After `ESC`.
    Escape,
    /// After `ESC[` and parameter bytes (`0`–`9`, `;`) only: an SGR sequence if `m` follows.
    Parameters,
}

/// A [`Write`] adapter that writes 256-colour SGR codes for the 16 basic colours as the classic
/// codes (see the module documentation). Wrap the writer ratatui's backend draws on.
#[derive(Debug)]
pub struct Sgr16Writer<W: Write> {
    inner: W,
    state: State,
    /// The sequence held since its `ESC` (empty in [`State::Ground`]).
    held: Vec<u8>,
    /// Output of the current `write` call, written to `inner` in one piece.
    out: Vec<u8>,
}

impl<W: Write> Sgr16Writer<W> {
    pub fn new(inner: W) -> Self {
        Sgr16Writer {
            inner,
            state: State::Ground,
            held: Vec::with_capacity(MAX_HELD),
            out: Vec::new(),
        }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    /// Writes out an unfinished sequence, unchanged, and gives back the inner writer (not
    /// flushed). Dropping the writer instead discards an unfinished sequence, which the
    /// terminal could not have completed either.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.inner.write_all(&self.held)?;
        Ok(self.inner)
    }

    /// Runs `buf` through the state machine into `self.out`.
    fn feed(&mut self, buf: &[u8]) {
        let mut i = 0;
        while i < buf.len() {
            match self.state {
                State::Ground => {
                    let run = buf[i..].iter().position(|&b| b == ESC);
                    let end = run.map_or(buf.len(), |n| i + n);
                    self.out.extend_from_slice(&buf[i..end]);
                    i = end;
                    if run.is_some() {
                        self.held.push(ESC);
                        self.state = State::Escape;
                        i += 1;
                    }
                }
                State::Escape => {
                    if buf[i] == b'[' {
                        self.held.push(b'[');
                        self.state = State::Parameters;
                        i += 1;
                    } else {
                        // Not a CSI: the byte is looked at again in Ground (another ESC starts
                        // a new sequence).
                        self.release();
                    }
                }
                State::Parameters => {
                    let b = buf[i];
                    if b == b'm' {
                        rewrite(&self.held[2..], &mut self.out);
                        self.held.clear();
                        self.state = State::Ground;
                        i += 1;
                    } else if (b.is_ascii_digit() || b == b';') && self.held.len() < MAX_HELD {
                        self.held.push(b);
                        i += 1;
                    } else {
                        // Not SGR (or far too long): unchanged, and the byte again in Ground.
                        self.release();
                    }
                }
            }
        }
    }

    /// What was held, unchanged; back to text.
    fn release(&mut self) {
        self.out.extend_from_slice(&self.held);
        self.held.clear();
        self.state = State::Ground;
    }
}

impl<W: Write> Write for Sgr16Writer<W> {
    /// Takes all of `buf`. After an error from the inner writer the output is incomplete, as
    /// it is for any writer whose terminal has gone.
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.feed(buf);
        let written = self.inner.write_all(&self.out);
        self.out.clear();
        written.map(|()| buf.len())
    }

    /// Flushes all but an unfinished SGR sequence (see the module documentation).
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A number parameter: ASCII digits only, at most 5 (more is not a colour we know).
fn number(param: &[u8]) -> Option<u32> {
    if param.is_empty() || param.len() > 5 || !param.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(param.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')))
}

/// Writes the SGR sequence with parameters `params` (between `ESC[` and `m`) to `out`, its
/// basic colours as classic codes; unchanged if it has none. Nothing is allocated: the
/// parameters are read in place (a look-ahead is a copy of the splitting iterator) and written
/// straight to `out`.
fn rewrite(params: &[u8], out: &mut Vec<u8>) {
    out.extend_from_slice(b"\x1b[");
    let mut parts = params.split(|&b| b == b';');
    let mut first = true;
    let mut separate = |out: &mut Vec<u8>| {
        if !std::mem::take(&mut first) {
            out.push(b';');
        }
    };
    while let Some(part) = parts.next() {
        let mut ahead = parts.clone();
        let group = match number(part) {
            // An extended colour: its parameters are a group, never read as codes of their own.
            Some(kind @ (38 | 48 | 58)) => match ahead.next().and_then(number) {
                Some(5) => match ahead.next().and_then(number) {
                    Some(n) if n < 16 && kind != 58 => {
                        let base = match (kind, n < 8) {
                            (38, true) => 30,
                            (38, false) => 90 - 8,
                            (_, true) => 40,
                            (_, false) => 100 - 8,
                        };
                        separate(out);
                        push_code(out, base + n);
                        parts = ahead;
                        continue;
                    }
                    _ => 3,
                },
                Some(2) => 5,
                _ => 1,
            },
            _ => 1,
        };
        separate(out);
        out.extend_from_slice(part);
        for part in parts.by_ref().take(group - 1) {
            out.push(b';');
            out.extend_from_slice(part);
        }
    }
    out.push(b'm');
}

/// A classic colour code (30–107) in decimal.
fn push_code(out: &mut Vec<u8>, code: u32) {
    if code >= 100 {
        out.push(b'1');
    }
    // Both digits are below 10: the casts cannot truncate.
    out.push(b'0' + (code / 10 % 10) as u8);
    out.push(b'0' + (code % 10) as u8);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `input` written in the given pieces, then the writer's inner bytes.
    fn run_pieces(pieces: &[&[u8]]) -> Vec<u8> {
        let mut w = Sgr16Writer::new(Vec::new());
        for p in pieces {
            w.write_all(p).unwrap();
        }
        w.into_inner().unwrap()
    }

    fn run(input: &[u8]) -> Vec<u8> {
        run_pieces(&[input])
    }

    fn show(bytes: &[u8]) -> String {
        String::from_utf8_lossy(bytes).replace('\x1b', "ESC")
    }

    #[test]
    fn each_basic_colour_foreground_and_background() {
        for n in 0u32..16 {
            let fg = if n < 8 { 30 + n } else { 90 + n - 8 };
            let bg = if n < 8 { 40 + n } else { 100 + n - 8 };
            assert_eq!(
                show(&run(format!("\x1b[38;5;{n}m").as_bytes())),
                show(format!("\x1b[{fg}m").as_bytes()),
                "foreground {n}"
            );
            assert_eq!(
                show(&run(format!("\x1b[48;5;{n}m").as_bytes())),
                show(format!("\x1b[{bg}m").as_bytes()),
                "background {n}"
            );
        }
    }

    #[test]
    fn crossterms_named_colours_become_classic() {
        use ratatui::crossterm::style::{Color, SetBackgroundColor, SetForegroundColor};
        let named = [
            (Color::Black, 30),
            (Color::DarkRed, 31),
            (Color::DarkGreen, 32),
            (Color::DarkYellow, 33),
            (Color::DarkBlue, 34),
            (Color::DarkMagenta, 35),
            (Color::DarkCyan, 36),
            (Color::Grey, 37),
            (Color::DarkGrey, 90),
            (Color::Red, 91),
            (Color::Green, 92),
            (Color::Yellow, 93),
            (Color::Blue, 94),
            (Color::Magenta, 95),
            (Color::Cyan, 96),
            (Color::White, 97),
        ];
        for (color, code) in named {
            let mut w = Sgr16Writer::new(Vec::new());
            ratatui::crossterm::queue!(w, SetForegroundColor(color), SetBackgroundColor(color))
                .unwrap();
            let got = w.into_inner().unwrap();
            let want = format!("\x1b[{code}m\x1b[{}m", code + 10);
            assert_eq!(show(&got), show(want.as_bytes()), "{color:?}");
        }
    }

    #[test]
    fn combined_sequences() {
        let cases: &[(&str, &str)] = &[
            // ratatui's SetColors: foreground and background in one sequence.
            ("\x1b[38;5;9;48;5;0m", "\x1b[91;40m"),
            ("\x1b[38;5;11;49m", "\x1b[93;49m"),
            ("\x1b[39;48;5;12m", "\x1b[39;104m"),
            ("\x1b[1;38;5;9m", "\x1b[1;91m"),
            ("\x1b[0;1;4;38;5;1;48;5;15;7m", "\x1b[0;1;4;31;107;7m"),
            // Only the basic colours; the rest of the sequence as it was.
            ("\x1b[38;5;200;48;5;3m", "\x1b[38;5;200;43m"),
            ("\x1b[38;2;1;2;3;48;5;6m", "\x1b[38;2;1;2;3;46m"),
            // An RGB value that looks like `38;5;9` is not a colour of its own.
            ("\x1b[38;2;38;5;9m", "\x1b[38;2;38;5;9m"),
            // 48;2;R;G;B with R 0, G 38, B 5; then 9 (crossed out) and a basic colour.
            ("\x1b[48;2;0;38;5;9;38;5;9m", "\x1b[48;2;0;38;5;9;91m"),
        ];
        for (input, want) in cases {
            assert_rewrites(input, want);
        }
    }

    fn assert_rewrites(input: &str, want: &str) {
        assert_eq!(
            show(&run(input.as_bytes())),
            show(want.as_bytes()),
            "{}",
            show(input.as_bytes())
        );
    }

    #[test]
    fn other_sequences_pass_unchanged() {
        let cases: &[&str] = &[
            "\x1b[38;5;16m",
            "\x1b[48;5;255m",
            "\x1b[38;5;9999999m",
            "\x1b[38;2;255;0;0m",
            "\x1b[48;2;0;0;0m",
            "\x1b[58;5;9m",
            "\x1b[58;2;1;2;3m",
            "\x1b[59m",
            "\x1b[39m\x1b[49m\x1b[0m",
            "\x1b[m",
            "\x1b[;1m",
            "\x1b[1;31m\x1b[97;104m",
            // Malformed extended colours.
            "\x1b[38;5m",
            "\x1b[38;5;m",
            "\x1b[38m",
            "\x1b[48;7;9m",
            // Subparameters (crossterm does not write them): passed through.
            "\x1b[38:5:9m",
            // Cursor, screen and mode sequences.
            "\x1b[12;40H",
            "\x1b[2J",
            "\x1b[?25l\x1b[?1049h\x1b[?2004h",
            "\x1b[0 q",
            "\x1b7\x1b8",
            // Not even CSI: a lone ESC, two ESCs, ESC at the end.
            "a\x1bb",
            "\x1b\x1b[38;5;9m",
            "x\x1b",
            "x\x1b[38;5;",
            // OSC 52 (clipboard), ended by BEL and by ST.
            "\x1b]52;c;aGVsbG8gwqYgMzg7NTs5bQ==\x07",
            "\x1b]52;c;MzhbNTs5bQ==\x1b\\",
            // A numbered sequence that is not SGR even though it contains `38;5;9`.
            "\x1b[38;5;9H",
        ];
        for input in cases {
            let want = if *input == "\x1b\x1b[38;5;9m" {
                "\x1b\x1b[91m".to_owned()
            } else {
                (*input).to_owned()
            };
            assert_rewrites(input, &want);
        }
    }

    #[test]
    fn text_passes_unchanged() {
        let text = "Plazenta praevia ⚑ RED FLAG ◆ ¶127 — héllo 38;5;9m [38;5;9m \u{9b}38;5;9m 😀";
        assert_eq!(run(text.as_bytes()), text.as_bytes());
        let styled = format!("\x1b[38;5;9m{text}\x1b[39m");
        assert_eq!(
            String::from_utf8(run(styled.as_bytes())).unwrap(),
            format!("\x1b[91m{text}\x1b[39m")
        );
    }

    #[test]
    fn too_long_a_sequence_is_let_through() {
        let long = format!("\x1b[{}38;5;9m", "1;".repeat(MAX_HELD));
        assert_eq!(run(long.as_bytes()), long.as_bytes());
    }

    #[test]
    fn split_sequence_at_a_flush_comes_out_right() {
        let mut w = Sgr16Writer::new(Vec::new());
        w.write_all(b"ab\x1b[1;38;5;").unwrap();
        w.flush().unwrap();
        // Everything before the unfinished sequence is out; the sequence is held.
        assert_eq!(w.get_ref().as_slice(), b"ab");
        w.write_all(b"9").unwrap();
        w.flush().unwrap();
        w.write_all(b"mc").unwrap();
        assert_eq!(show(&w.into_inner().unwrap()), "abESC[1;91mc");
        // A held sequence that turns out not to be SGR comes out unchanged.
        let mut w = Sgr16Writer::new(Vec::new());
        w.write_all(b"\x1b[38;5;").unwrap();
        w.flush().unwrap();
        w.write_all(b"9H").unwrap();
        assert_eq!(show(w.get_ref()), "ESC[38;5;9H");
    }

    #[test]
    fn pieces_as_crossterm_writes_them() {
        let pieces: &[&[u8]] = &[b"\x1b[", b"38;", b"5;9", b";", b"48;", b"5;0", b"m", b"x"];
        assert_eq!(show(&run_pieces(pieces)), "ESC[91;40mx");
    }

    /// Bytes rich in the characters that matter: ESC, `[`, `]`, digits, `;`, `m`, `:`, BEL,
    /// text and UTF-8.
    fn stream() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"\x1b".to_vec()),
            Just(b"[".to_vec()),
            Just(b"38;5;".to_vec()),
            Just(b"48;5;".to_vec()),
            Just(b"38;2;".to_vec()),
            Just(b";".to_vec()),
            Just(b"m".to_vec()),
            Just(b"H".to_vec()),
            Just(b"?".to_vec()),
            Just(b"]52;c;".to_vec()),
            Just(b"\x07".to_vec()),
            Just("é⚑".as_bytes().to_vec()),
            (0u32..300).prop_map(|n| n.to_string().into_bytes()),
            any::<u8>().prop_map(|b| vec![b]),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any cutting of the input into writes, with flushes between them, gives what one
        /// write gives.
        #[test]
        fn chunking_does_not_matter(
            input in stream(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..12),
            flush in any::<bool>(),
        ) {
            let whole = run(&input);
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(input.len() + 1)).collect();
            at.sort_unstable();
            let mut w = Sgr16Writer::new(Vec::new());
            let mut from = 0;
            for to in at.into_iter().chain([input.len()]) {
                w.write_all(&input[from..to]).unwrap();
                if flush {
                    w.flush().unwrap();
                }
                from = to;
            }
            prop_assert_eq!(w.into_inner().unwrap(), whole);
        }

        /// What is not a basic 256-colour index comes out as it went in, and no `38;5;N` or
        /// `48;5;N` with N < 16 is left in an SGR sequence.
        #[test]
        fn only_basic_colours_change(input in stream()) {
            let out = run(&input);
            let plain = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
            if !plain(&input).contains("5;") {
                prop_assert_eq!(&out, &input);
            }
            for n in 0..16 {
                for kind in ["38", "48"] {
                    let seq = format!("\x1b[{kind};5;{n}m");
                    prop_assert!(!plain(&out).contains(&seq), "{} in {:?}", seq, plain(&out));
                }
            }
        }
    }
}
