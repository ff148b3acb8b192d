//! Colour for text output: whether to use it, and a styling pass that accents the known urgency
//! markers. The markers keep their words, so colour never carries meaning on its own; the pass runs
//! over finished text, so renderers stay colour-free.

use super::args::ColorChoice;

/// Whether to colour: `always` wins over `NO_COLOR`; `never` and TERM=dumb mean no; `auto` colours
/// only a terminal with `NO_COLOR` unset (or empty, as no-color.org says).
pub fn use_color(
    choice: ColorChoice,
    stdout_is_terminal: bool,
    no_color: Option<&str>,
    term: Option<&str>,
) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => term != Some("dumb"),
        ColorChoice::Auto => {
            stdout_is_terminal && no_color.is_none_or(str::is_empty) && term != Some("dumb")
        }
    }
}

/// Reads the environment and the terminal for [`use_color`].
pub fn use_color_here(choice: ColorChoice) -> bool {
    use std::io::IsTerminal;
    let no_color = std::env::var("NO_COLOR").ok();
    let term = std::env::var("TERM").ok();
    use_color(
        choice,
        std::io::stdout().is_terminal(),
        no_color.as_deref(),
        term.as_deref(),
    )
}

const RESET: &str = "\x1b[0m";
const BOLD_RED: &str = "\x1b[1;31m";
const BOLD_YELLOW: &str = "\x1b[1;33m";
const RED: &str = "\x1b[31m";

/// Markers the renderers print, longest first so `!! EMERGENCY` is not taken for `! …`.
const MARKERS: &[(&str, &str)] = &[
    ("!! EMERGENCY", BOLD_RED),
    ("! URGENT", BOLD_YELLOW),
    ("[RED FLAG]", RED),
    ("RED FLAG", RED),
];

/// Wraps each known marker in SGR codes; all other text is unchanged.
pub fn colorize(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for (i, _) in rest.char_indices() {
            for (marker, style) in MARKERS {
                if rest[i..].starts_with(marker) {
                    out.push_str(&rest[..i]);
                    out.push_str(style);
                    out.push_str(marker);
                    out.push_str(RESET);
                    rest = &rest[i + marker.len()..];
                    continue 'outer;
                }
            }
        }
        out.push_str(rest);
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ColorChoice::{Always, Auto, Never};

    #[test]
    fn decision_table() {
        // (choice, terminal, NO_COLOR, TERM, expected)
        let table = [
            (Auto, true, None, Some("xterm-256color"), true),
            (Auto, false, None, Some("xterm-256color"), false),
            (Auto, true, Some("1"), Some("xterm"), false),
            (Auto, true, Some(""), Some("xterm"), true),
            (Auto, true, None, Some("dumb"), false),
            (Auto, true, None, None, true),
            (Always, false, Some("1"), Some("xterm"), true),
            (Always, false, None, None, true),
            (Always, true, None, Some("dumb"), false),
            (Never, true, None, Some("xterm"), false),
            (Never, false, None, None, false),
        ];
        for (choice, tty, no_color, term, want) in table {
            assert_eq!(
                use_color(choice, tty, no_color, term),
                want,
                "{choice:?} tty={tty} NO_COLOR={no_color:?} TERM={term:?}"
            );
        }
    }

    #[test]
    fn colours_markers_and_keeps_words() {
        let text = "a !! EMERGENCY b ! URGENT c [RED FLAG] d";
        let out = colorize(text);
        assert!(out.contains("\x1b[1;31m!! EMERGENCY\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[1;33m! URGENT\x1b[0m"), "{out:?}");
        assert!(out.contains("\x1b[31m[RED FLAG]\x1b[0m"), "{out:?}");
        let stripped = out
            .replace(BOLD_RED, "")
            .replace(BOLD_YELLOW, "")
            .replace(RED, "")
            .replace(RESET, "");
        assert_eq!(stripped, text);
    }

    #[test]
    fn plain_text_is_unchanged() {
        assert_eq!(colorize("héllo, no markers"), "héllo, no markers");
    }
}
