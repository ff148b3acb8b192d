//! A real frame of the browser, drawn by ratatui's crossterm backend through
//! [`Sgr16Writer`], carries its colours as classic 16-colour SGR codes only.

mod support;

use obddx::tui::sgr16::Sgr16Writer;
use obddx::tui::theme::Background;
use obddx::tui::update::{apply_layout, update};
use obddx::tui::{Action, App, Theme, ui};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use support::{embedded_app, type_text};

/// The bytes of one 120×40 frame of `app`, drawn on `writer`.
fn frame_bytes<W: std::io::Write>(app: &mut App, writer: W) {
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
    };
    let mut term =
        Terminal::with_options(CrosstermBackend::new(writer), options).expect("terminal");
    let mut layout = None;
    term.draw(|f| layout = Some(ui::draw(f, app)))
        .expect("draw");
    apply_layout(app, layout.expect("draw ran"));
}

/// The browser in colour, a search typed so that urgencies, matches and keys are on screen.
fn coloured_app(background: Background) -> App {
    let mut app = embedded_app();
    app.theme = Theme {
        color: true,
        background,
    };
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "bleeding pain");
    app
}

/// The SGR sequences (`ESC[…m`, parameters only digits and `;`) of `s`, and `s` without them.
fn split_sgr(s: &str) -> (Vec<&str>, String) {
    let mut sgr = Vec::new();
    let mut rest = String::new();
    let mut tail = s;
    while let Some(at) = tail.find("\x1b[") {
        rest.push_str(&tail[..at]);
        let seq = &tail[at..];
        let params = seq[2..].find(|c: char| !(c.is_ascii_digit() || c == ';'));
        match params {
            Some(n) if seq[2 + n..].starts_with('m') => {
                sgr.push(&seq[..3 + n]);
                tail = &seq[3 + n..];
            }
            _ => {
                rest.push_str("\x1b[");
                tail = &seq[2..];
            }
        }
    }
    rest.push_str(tail);
    (sgr, rest)
}

#[test]
fn frame_has_classic_colour_codes_only() {
    for background in [Background::Any, Background::Light, Background::Dark] {
        // Without the adapter the frame does carry 256-colour codes: the test means something.
        let mut raw = Vec::new();
        frame_bytes(&mut coloured_app(background), &mut raw);
        let raw = String::from_utf8(raw).expect("UTF-8");
        assert!(raw.contains("38;5;"), "{background:?}: crossterm changed");

        let mut bytes = Vec::new();
        frame_bytes(&mut coloured_app(background), Sgr16Writer::new(&mut bytes));
        let out = String::from_utf8(bytes).expect("UTF-8");
        assert!(!out.contains("38;5;"), "{background:?}: {out:?}");
        assert!(!out.contains("48;5;"), "{background:?}: {out:?}");
        // The accents are there, as classic codes: red (31 or bright 91) for emergencies.
        let red = if background == Background::Dark {
            "\x1b[91"
        } else {
            "\x1b[31"
        };
        assert!(out.contains(red), "{background:?}: no {red:?} in {out:?}");
        // Only the SGR sequences' colours changed: the same number of them, and every other
        // byte (text, cursor moves, modes) as it was.
        let (raw_sgr, raw_rest) = split_sgr(&raw);
        let (out_sgr, out_rest) = split_sgr(&out);
        assert_eq!(raw_sgr.len(), out_sgr.len(), "{background:?}");
        assert_eq!(raw_rest, out_rest, "{background:?}");
    }
}
