//! The full-screen terminal UI.
//!
//! Event-driven: sleep until input, a resize or a resume arrives on one channel ([`channel`]),
//! turn the bytes into events ([`input`]), map each to an [`Action`] ([`keymap`]), apply it
//! ([`update::apply`]) with everything else already waiting, and, only if what the screen
//! shows changed ([`changed`]), re-rank the search once ([`update::settle`]), redraw
//! ([`ui::draw`], which only reads the state) and store what the frame measured
//! ([`update::apply_layout`]). No timers, no polling.

pub mod action;
pub mod app;
pub mod ascii;
pub mod calc_form;
pub mod changed;
pub mod channel;
pub mod clipboard;
pub mod compare;
pub mod direct_backend;
pub mod find;
pub mod frame_cache;
pub mod guard;
pub mod highlight;
pub mod input;
pub mod job;
pub mod keymap;
pub mod modes;
mod panic_hook;
pub mod scroll;
pub mod sgr16;
pub mod terminal;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod update;
pub mod widgets;

use std::io::{self, stdout};
use std::sync::mpsc;

use ratatui::crossterm::event::Event;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

pub use action::{Action, Pane};
pub use app::{App, Mode, ModeState};
pub use theme::Theme;

use crate::search::IndexedReference;
use changed::Seen;
use channel::Message;
use direct_backend::DirectBackend;

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
    /// Where favourites and recents are kept; `None` (the config's `remember: false`, or no
    /// state directory): nothing is read or written.
    pub state_file: Option<std::path::PathBuf>,
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
            state_file: None,
        }
    }
}

/// Bytes buffered per frame: a full 200×60 frame with colours fits.
const FRAME_BUFFER: usize = 256 * 1024;

/// The largest area drawn: a bigger terminal gets the browser in its top-left corner. Two
/// frame buffers of about 40 bytes a cell take 40 MB at this size, and no one reads a line of
/// 1,000 columns; unclamped, a 65,535² terminal asked for hundreds of gigabytes and aborted.
pub const MAX_AREA: (u16, u16) = (1000, 500);

/// The drawing area for a terminal of `width`×`height`: clamped to [`MAX_AREA`].
pub fn drawing_area(width: u16, height: u16) -> Rect {
    Rect::new(0, 0, width.min(MAX_AREA.0), height.min(MAX_AREA.1))
}

/// The terminal's size now (no query to the terminal: `TIOCGWINSZ`), clamped.
fn current_area() -> io::Result<Rect> {
    let (w, h) = ratatui::crossterm::terminal::size()?;
    Ok(drawing_area(w, h))
}

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

type Screen = Terminal<DirectBackend<sgr16::Sgr16Writer<io::BufWriter<io::Stdout>>>>;

/// Runs the TUI on the terminal until the user quits. `alternate` is the same reference with
/// the guideline layer toggled (`g`), where there is a layer to toggle, made when first shown.
///
/// The terminal is restored on quit, on error, on panic (a panic hook restores it, then runs the
/// previous hook so the message is printed on the normal screen) and on the terminating signals;
/// Ctrl-Z and SIGTSTP suspend with the terminal restored ([`terminal`], [`job`]).
///
/// The loop ([`channel`]): input is read on its own thread and sent, with what the signal
/// thread reports (resize, resume), on one channel. The loop sleeps in `recv` until something
/// arrives, takes exactly what is waiting, applies it, and draws only if the shown state
/// changed ([`changed`]). It waits with a timeout only while half an escape sequence is held
/// ([`input::Parser::give_up`]).
///
/// `references` gives the reference and its `alternate`; it is called once the terminal is
/// taken, so the screen changes before the reference is read (README, "Start-up").
pub fn run(
    references: impl FnOnce() -> (IndexedReference, Option<app::LaterView>),
    opts: TuiOptions,
) -> io::Result<()> {
    // Everything that can fail or allocate much before the terminal is taken: the frame
    // buffers (at the clamped size), the output buffer, the threads and the channel.
    let (events, inbox) = mpsc::channel();
    let area = current_area()?;
    // One write per frame: stdout's own buffer is a 1 KiB line buffer, which cuts a 30 kB frame
    // into ~30 writes (and, over SSH, as many packets). The backend flushes after each frame.
    // The colours go out as classic 16-colour codes, which 16-colour terminals understand too.
    let out = sgr16::Sgr16Writer::new(io::BufWriter::with_capacity(FRAME_BUFFER, stdout()));
    // A fixed viewport: ratatui neither resizes it by itself (unclamped) nor asks the terminal
    // where its cursor is; the loop resizes it on SIGWINCH.
    let mut term: Screen = Terminal::with_options(
        DirectBackend::new(out),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )?;
    channel::spawn_reader(terminal::tty()?.try_clone()?, events.clone())?;
    terminal::watch_signals(events)?;

    // A panic restores the terminal, then the previous hook prints the message on the normal
    // screen; the previous hook is back when the browser returns.
    let _panic_hook = panic_hook::PanicHookGuard::install();
    let guard_missing = guard::start(terminal::tty()?.try_clone()?).err();
    let _restore = Restore;
    terminal::enter(opts.mouse)?;
    let (reference, alternate) = references();
    let mut app = App::from_reference(reference, alternate);
    // Before the first frame: the tree's labels carry the theme's styles.
    app.set_look(opts.theme, opts.ascii);
    if opts.stage.is_some() {
        update::update(&mut app, Action::FilterTrimester(opts.stage));
    }
    app.message = opts.notice.or(guard_missing);
    app.keymap = opts.keymap;
    if let Some(path) = &opts.state_file {
        let (saved, warning) = crate::state::load(path, app.clock().unix_seconds);
        app.favourites = saved.favourites;
        app.recent = saved.recent;
        app.rebuild_tree();
        if warning.is_some() {
            app.message = warning;
        }
    }
    // Lets the end-to-end test prove that a panic leaves the terminal usable.
    // Debug builds only: a release binary has no way to be told to panic.
    let debug_panic =
        cfg!(debug_assertions) && std::env::var_os("OBDDX_DEBUG_PANIC").is_some_and(|v| v == "1");
    // Likewise an abort (as on an allocation failure): no hook runs, the guard restores.
    let debug_abort =
        cfg!(debug_assertions) && std::env::var_os("OBDDX_DEBUG_ABORT").is_some_and(|v| v == "1");
    let mut parser = input::Parser::default();
    let mut parsed = Vec::new();
    let mut dirty = true;
    let mut seen = None;
    loop {
        if dirty {
            draw(&mut term, &mut app)?;
            seen = Some(Seen::of(&app));
            dirty = false;
        }
        assert!(
            !debug_panic,
            "OBDDX_DEBUG_PANIC=1: deliberate panic after the first frame"
        );
        if debug_abort {
            std::process::abort();
        }
        if app.should_quit {
            break;
        }
        // Sleep until something arrives; only half a sequence sets a deadline.
        let first = if parser.pending() {
            match inbox.recv_timeout(parser.patience()) {
                Ok(message) => Some(message),
                Err(mpsc::RecvTimeoutError::Timeout) => None,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match inbox.recv() {
                Ok(message) => Some(message),
                Err(_) => break,
            }
        };
        if first.is_none() {
            parser.give_up(&mut parsed);
        }
        // Then exactly what is already waiting.
        for message in first
            .into_iter()
            .chain(std::iter::from_fn(|| inbox.try_recv().ok()))
        {
            match message {
                Message::Bytes(bytes) => parser.feed(&bytes, &mut parsed),
                Message::Closed(e) => return Err(e),
                Message::Resize => {
                    term.resize(current_area()?)?;
                    dirty = true;
                }
                Message::Repaint => {
                    // Clears and redraws in full; no question to the terminal.
                    let _guard = terminal::lock();
                    term.resize(current_area()?)?;
                    dirty = true;
                }
                Message::Notice(text) => app.message = Some(text),
            }
            for ev in parsed.drain(..) {
                handle(&mut app, &ev)?;
            }
            if app.should_quit || app.suspend_requested {
                break;
            }
        }
        if std::mem::take(&mut app.state_dirty)
            && let Some(path) = &opts.state_file
        {
            remember(&mut app, path);
        }
        if std::mem::take(&mut app.suspend_requested) {
            update::settle(&mut app);
            if let Err(why) = terminal::stop_job() {
                app.message = Some(why);
            }
        }
        dirty |= seen.as_ref() != Some(&Seen::of(&app));
    }
    Ok(())
}

/// Re-ranks the search if needed, draws a frame and stores what it measured.
fn draw(term: &mut Screen, app: &mut App) -> io::Result<()> {
    update::settle(app);
    let _guard = terminal::lock();
    if !terminal::active() {
        // Suspended: the repaint after the resume draws.
        return Ok(());
    }
    let mut layout = None;
    term.draw(|frame| layout = Some(ui::draw(frame, app)))?;
    if let Some(layout) = layout {
        update::apply_layout(app, layout);
    }
    Ok(())
}

/// Writes the favourites and recents (ids only); a failure is a status-line message.
fn remember(app: &mut App, path: &std::path::Path) {
    let saved = crate::state::Saved {
        version: crate::state::STATE_VERSION,
        favourites: app.favourites.clone(),
        recent: app.recent.clone(),
    };
    if let Err(e) = crate::state::save(path, &saved) {
        app.message = Some(format!("favourites not saved to {}: {e}", path.display()));
    }
}

/// One event: its action applied (results not re-ranked yet), a copied note sent out.
fn handle(app: &mut App, ev: &Event) -> io::Result<()> {
    if let Some(action) = app.keymap.map_event(app.mode().context(), ev) {
        update::apply(app, action);
        if let Some(note) = app.clipboard.take() {
            let _guard = terminal::lock();
            let copied = clipboard::copy(&mut stdout(), &note)?;
            if let Some(message) = clipboard::cut_message(&note, copied) {
                app.message = Some(message);
            }
        }
    }
    Ok(())
}
