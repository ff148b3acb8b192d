//! The full-screen terminal UI.
//!
//! Event-driven: block on one terminal event, map it to an [`Action`] ([`keymap`]), apply it
//! ([`update::update`]), redraw ([`ui::draw`], which only reads the state) and store what the
//! frame measured ([`update::apply_layout`]). No timers, no polling.

pub mod action;
pub mod app;
pub mod clipboard;
pub mod find;
pub mod gestation;
pub mod keymap;
pub mod text;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod update;
pub mod widgets;

use std::io::{self, stdout};

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::{cursor, execute};

pub use action::{Action, Pane};
pub use app::{App, Mode};
pub use theme::Theme;

use crate::kb::Reference;

/// How the TUI is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TuiOptions {
    /// Capture the mouse (click, wheel). Off (`--no-mouse`) leaves the terminal's own text
    /// selection working.
    pub mouse: bool,
}

impl Default for TuiOptions {
    fn default() -> Self {
        TuiOptions { mouse: true }
    }
}

/// Restores the terminal when dropped: on normal return and on `?` errors. While unwinding from
/// a panic the panic hook has already restored it; leaving the alternate screen a second time
/// would move the cursor back over the panic message, so the guard stands aside.
struct Restore {
    mouse: bool,
}

impl Drop for Restore {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        if self.mouse {
            let _ = execute!(stdout(), DisableMouseCapture);
        }
        let _ = execute!(stdout(), cursor::Show);
        ratatui::restore();
    }
}

/// Runs the TUI on the terminal until the user quits. `alternate` is the same reference with
/// the guideline layer toggled (`g`), where there is a layer to toggle.
///
/// The terminal is restored on quit, on error and on panic (a panic hook restores it, then
/// runs the previous hook so the message is printed on the normal screen).
pub fn run(reference: Reference, alternate: Option<Reference>, opts: TuiOptions) -> io::Result<()> {
    let mut app = App::from_reference(reference, alternate);
    // Installs a panic hook that restores raw mode + alternate screen, then chains.
    let mut terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    let mouse = opts.mouse;
    std::panic::set_hook(Box::new(move |info| {
        if mouse {
            let _ = execute!(stdout(), DisableMouseCapture);
        }
        let _ = execute!(stdout(), cursor::Show);
        previous(info);
    }));
    let _restore = Restore { mouse };
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    // Lets the end-to-end test prove that a panic leaves the terminal usable.
    let debug_panic = std::env::var_os("OBDDX_DEBUG_PANIC").is_some_and(|v| v == "1");
    loop {
        let mut layout = None;
        terminal.draw(|frame| layout = Some(ui::draw(frame, &app)))?;
        if let Some(layout) = layout {
            update::apply_layout(&mut app, layout);
        }
        assert!(
            !debug_panic,
            "OBDDX_DEBUG_PANIC=1: deliberate panic after the first frame"
        );
        if app.should_quit {
            break;
        }
        // Blocks until the next event: redraws happen only after input or a resize.
        let ev = event::read()?;
        if let Some(action) = keymap::map_event(app.mode, &ev) {
            update::update(&mut app, action);
            if let Some(note) = app.clipboard.take() {
                clipboard::copy(&mut stdout(), &note)?;
            }
        }
    }
    Ok(())
}
