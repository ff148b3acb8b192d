//! The full-screen terminal UI.
//!
//! Event-driven: block on one terminal event, map it to an [`Action`] ([`keymap`]), apply it
//! ([`update::apply`]) with every other event already waiting, re-rank the search once
//! ([`update::settle`]), redraw ([`ui::draw`], which only reads the state) and store what the
//! frame measured ([`update::apply_layout`]). No timers, no polling: the loop sleeps in
//! `event::read()` until input, a resize or a resume from suspension ([`terminal`]).

pub mod action;
pub mod app;
pub mod ascii;
pub mod calc_form;
pub mod clipboard;
pub mod compare;
pub mod find;
pub mod highlight;
pub mod keymap;
pub mod scroll;
pub mod sgr16;
pub mod terminal;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod update;
pub mod widgets;

use std::io::{self, stdout};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};

pub use action::{Action, Pane};
pub use app::{App, Mode, ModeState};
pub use theme::Theme;

use crate::kb::Reference;

/// How the TUI is started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuiOptions {
    /// Capture the mouse (click, wheel). Off (`--no-mouse`) leaves the terminal's own text
    /// selection working.
    pub mouse: bool,
    /// The palette (the config file's `theme`).
    pub theme: Theme,
    /// Markers in ASCII (the config file's `ascii`).
    pub ascii: bool,
    /// The trimester filter to open with (the config file's `default_stage`).
    pub stage: Option<u8>,
    /// A notice for the status line at start (a config file warning).
    pub notice: Option<String>,
    /// The key table (the config file's overrides applied).
    pub keymap: keymap::Keymap,
}

impl Default for TuiOptions {
    fn default() -> Self {
        TuiOptions {
            mouse: true,
            theme: Theme::from_env(),
            ascii: false,
            stage: None,
            notice: None,
            keymap: keymap::Keymap::default(),
        }
    }
}

/// How long the loop waits for more of a burst before drawing. Not a timer: the loop still
/// sleeps in `event::read()` between bursts. It is not zero because crossterm's poll(2) source
/// (`use-dev-tty`, see Cargo.toml) answers a zero timeout without looking at its input at all;
/// a millisecond is far below what a person notices, and a burst's bytes are already there.
const BURST_GAP: Duration = Duration::from_millis(1);

/// Bytes buffered per frame: a full 200×60 frame with colours fits.
const FRAME_BUFFER: usize = 256 * 1024;

/// Restores the terminal when dropped: on normal return and on `?` errors. While unwinding from
/// a panic the panic hook has already restored it; leaving the alternate screen a second time
/// would move the cursor back over the panic message, so the guard stands aside.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let _guard = terminal::lock();
        terminal::leave();
    }
}

/// Runs the TUI on the terminal until the user quits. `alternate` is the same reference with
/// the guideline layer toggled (`g`), where there is a layer to toggle.
///
/// The terminal is restored on quit, on error, on panic (a panic hook restores it, then runs the
/// previous hook so the message is printed on the normal screen) and on the terminating signals;
/// Ctrl-Z and SIGTSTP suspend with the terminal restored ([`terminal`]).
///
/// Input arrives in bursts (a paste, keys typed ahead, a held key): everything already waiting
/// is applied before the results are ranked once and the screen is drawn once.
///
/// `references` gives the reference and its `alternate`; it is called once the terminal is
/// taken, so the screen changes before the reference is read (README, "Start-up").
pub fn run(
    references: impl FnOnce() -> (Reference, Option<Reference>),
    opts: TuiOptions,
) -> io::Result<()> {
    // A panic restores the terminal, then the previous hook prints the message on the normal
    // screen. (No lock here: the panicking thread may hold it.)
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        terminal::leave();
        previous(info);
    }));
    let _restore = Restore;
    terminal::enter(opts.mouse)?;
    terminal::watch_signals()?;
    let (reference, alternate) = references();
    let mut app = App::from_reference(reference, alternate);
    // Before the first frame: the tree's labels carry the theme's styles.
    app.set_look(opts.theme, opts.ascii);
    if opts.stage.is_some() {
        update::update(&mut app, Action::FilterTrimester(opts.stage));
    }
    app.message = opts.notice;
    app.keymap = opts.keymap;
    // One write per frame: stdout's own buffer is a 1 KiB line buffer, which cuts a 30 kB frame
    // into ~30 writes (and, over SSH, as many packets). The backend flushes after each frame.
    // The colours go out as classic 16-colour codes, which 16-colour terminals understand too.
    let out = sgr16::Sgr16Writer::new(io::BufWriter::with_capacity(FRAME_BUFFER, stdout()));
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    // Lets the end-to-end test prove that a panic leaves the terminal usable.
    // Debug builds only: a release binary has no way to be told to panic.
    let debug_panic =
        cfg!(debug_assertions) && std::env::var_os("OBDDX_DEBUG_PANIC").is_some_and(|v| v == "1");
    loop {
        update::settle(&mut app);
        {
            let _guard = terminal::lock();
            if terminal::take_repaint() {
                term.clear()?;
            }
            let mut layout = None;
            term.draw(|frame| layout = Some(ui::draw(frame, &app)))?;
            if let Some(layout) = layout {
                update::apply_layout(&mut app, layout);
            }
        }
        assert!(
            !debug_panic,
            "OBDDX_DEBUG_PANIC=1: deliberate panic after the first frame"
        );
        if app.should_quit {
            break;
        }
        // Blocks until the next event: redraws happen only after input, a resize or a resume.
        handle(&mut app, &event::read()?)?;
        // Then takes whatever else is already waiting before drawing once.
        while !app.should_quit && !app.suspend_requested && event::poll(BURST_GAP)? {
            handle(&mut app, &event::read()?)?;
        }
        if std::mem::take(&mut app.suspend_requested) {
            update::settle(&mut app);
            terminal::suspend()?;
        }
    }
    Ok(())
}

/// One event: its action applied (results not re-ranked yet), a copied note sent out.
fn handle(app: &mut App, ev: &Event) -> io::Result<()> {
    if let Some(action) = app.keymap.map_event(app.mode().context(), ev) {
        update::apply(app, action);
        if let Some(note) = app.clipboard.take() {
            let _guard = terminal::lock();
            clipboard::copy(&mut stdout(), &note)?;
        }
    }
    Ok(())
}
