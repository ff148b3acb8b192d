//! The ASCII fallback: for terminals whose locale is not UTF-8 (`LANG=C` over SSH, old consoles),
//! where box drawing, `▶`, `¶` or `—` would come out as mojibake.
//!
//! One pass over the finished frame rather than an ASCII variant of every widget: it catches
//! everything drawn, the KB's own text included (`¶`, `—`, accented letters), and keeps the
//! layout, since each cell is replaced by one ASCII cell. Meaning survives: urgency, red flags
//! and claim statuses also have words, and their symbols map to distinct ASCII marks.

use ratatui::buffer::Buffer;
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Whether the locale says the terminal takes UTF-8: the first of `LC_ALL`, `LC_CTYPE`, `LANG`
/// that is set and not empty names a UTF-8 charset. None set: assumed UTF-8, as most terminal
/// emulators are (`--ascii` or the config's `ascii` force the fallback).
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
        .is_none_or(|value| {
            let v = value.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// Replaces every non-ASCII cell of `buf` with its ASCII stand-in. A wide character (two
/// cells) becomes `?` and a space.
pub fn transliterate(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &mut buf[(x, y)];
            let symbol = cell.symbol();
            if symbol.is_ascii() {
                x += 1;
                continue;
            }
            let wide = symbol.width() > 1;
            let stand_in = stand_in(symbol);
            cell.set_char(stand_in);
            if wide && x + 1 < area.right() {
                let next = &mut buf[(x + 1, y)];
                next.set_char(' ');
                x += 1;
            }
            x += 1;
        }
    }
}

/// One ASCII character for a (non-ASCII) grapheme.
fn stand_in(symbol: &str) -> char {
    let Some(first) = symbol.chars().next() else {
        return ' ';
    };
    if let Some(c) = known(first) {
        return c;
    }
    // Accented letters: the base letter (é → e).
    symbol
        .nfd()
        .find(char::is_ascii)
        .filter(|c| !c.is_ascii_control())
        .unwrap_or('?')
}

/// The marks that carry a meaning, their one ASCII stand-in each, and what they mean: the one
/// home of the ASCII legend (`?`). No two meanings share an ASCII mark, and no mark stands for
/// one of the marks that are ASCII already (`!!` emergency, `!` urgent, `~` weak match).
pub const MARKS: &[(&[char], char, &str)] = &[
    (&['·'], '.', "routine (urgency); a separator between items"),
    (
        &['⚑', '⚠'],
        '&',
        "red flag: act now; must not miss at this stage",
    ),
    (
        &['◆', '◇'],
        '*',
        "distinguishing sign: tells it apart from look-alikes",
    ),
    (&['✓', '✔'], '+', "match strength (++ strong, + moderate)"),
    (&['◐'], '@', "one article's claim only"),
    (&['≠'], '/', "the documents disagree (both shown)"),
    (
        &['⌂'],
        '`',
        "the source's regional practice, not current guidance",
    ),
    (&['✎'], '%', "editor's note: not from the source"),
    (
        &['§'],
        '$',
        "safety layer (guidelines and clinical references)",
    ),
    (&['¶'], 'P', "paragraph of a source document (citation)"),
    (&['…'], '_', "text cut to fit"),
    (&['↑', '▲', '▴'], '^', "more above (scroll up)"),
    (
        &['↓', '▼', '▾', '▿'],
        'v',
        "more below (scroll down); an open tree node",
    ),
    (
        &['▶', '►', '▸', '▹', '→'],
        '>',
        "a closed tree node; what to do; the focused pane",
    ),
];

/// The marks that are ASCII in every mode (so no stand-in may take them).
pub const ASCII_MARKS: &[(&str, &str)] = &[
    ("!!", "emergency"),
    ("!", "urgent"),
    ("~", "weak match (generic words only)"),
];

/// Box drawing, arrows, the app's markers and the typography the KB uses.
fn known(c: char) -> Option<char> {
    if let Some((_, ascii, _)) = MARKS.iter().find(|(marks, _, _)| marks.contains(&c)) {
        return Some(*ascii);
    }
    Some(match c {
        // Box drawing: horizontal and vertical lines, everything else a corner or junction.
        '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' => {
            '-'
        }
        '│' | '┃' | '║' | '┆' | '┇' | '┊' | '┋' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' => {
            '|'
        }
        '\u{2500}'..='\u{257f}' => '+',
        // Blocks (scroll bars, gauges).
        '\u{2580}'..='\u{259f}' => '#',
        '⟶' => '-',
        '»' => '"',
        '›' => '\'',
        '◀' | '◄' | '◂' | '←' => '<',
        '«' => '"',
        '‹' => '\'',

        '↕' | '⇅' => '|',
        '•' | '∙' => '-',
        '—' | '–' | '‒' | '−' | '‐' => '-',
        '‘' | '’' | '′' => '\'',
        '“' | '”' | '″' | '„' => '"',
        '★' | '✱' => '#',
        '≈' => '~',
        '≡' => '=',
        '×' => 'x',
        // One cell cannot say "or equal": labels the app draws write `<=` themselves in ASCII
        // mode; elsewhere `≤` reads as `<`.
        '≤' | '≦' => '<',
        '≥' | '≧' => '>',
        '±' => '#',
        '°' => 'o',
        'µ' | 'μ' => 'u',
        'β' => 'b',
        '\u{a0}' | '\u{2009}' | '\u{202f}' => ' ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Borders, Widget};

    #[test]
    fn no_two_meanings_share_an_ascii_mark() {
        let mut seen: Vec<(char, &str)> = Vec::new();
        for (_, ascii, meaning) in MARKS {
            if let Some((_, other)) = seen.iter().find(|(c, _)| c == ascii) {
                panic!("{ascii:?} means both {other:?} and {meaning:?}");
            }
            assert!(ascii.is_ascii_graphic(), "{ascii:?}");
            for (mark, m) in ASCII_MARKS {
                assert!(!mark.contains(*ascii), "{ascii:?} is {m:?} already");
            }
            seen.push((*ascii, meaning));
        }
        // What the frame turns them into is that mark, and no other symbol takes it.
        for (marks, ascii, _) in MARKS {
            for mark in *marks {
                assert_eq!(stand_in(&mark.to_string()), *ascii);
            }
        }
        for other in ['←', '—', '≡', '≈', '•', '★', '»', '\u{2588}', '±', '°'] {
            let a = stand_in(&other.to_string());
            assert!(
                !MARKS.iter().any(|(_, x, _)| *x == a),
                "{other:?} becomes {a:?}, a marker's stand-in"
            );
        }
    }

    #[test]
    fn the_locale_decides_utf8_with_lc_all_first() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(locale_is_utf8(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(locale_is_utf8(env(&[("LANG", "C.utf8")])));
        assert!(!locale_is_utf8(env(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[("LANG", "POSIX")])));
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_GB.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "de_DE.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[])));
    }

    #[test]
    fn every_cell_becomes_ascii_and_the_layout_stays() {
        let area = Rect::new(0, 0, 24, 3);
        let mut buf = Buffer::empty(area);
        Block::default()
            .borders(Borders::ALL)
            .render(area, &mut buf);
        buf.set_string(1, 1, "¶13 — é▶⚑中x", ratatui::style::Style::new());
        transliterate(&mut buf);
        let rows: Vec<String> = (0..3)
            .map(|y| (0..24).map(|x| buf[(x, y)].symbol()).collect())
            .collect();
        assert_eq!(rows[0], format!("+{}+", "-".repeat(22)));
        assert_eq!(rows[1], "|P13 - e>&? x          |");
        assert!(
            rows.iter().all(|r| r.is_ascii() && r.len() == 24),
            "{rows:?}"
        );
    }
}
