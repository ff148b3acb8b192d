//! Entering and leaving the full-screen mode, and the signals that must leave it too.
//!
//! Every way out gives the terminal back as it was: quit, error, panic (the hook in
//! [`super::run`]), and the signals. SIGTERM, SIGHUP, SIGINT and SIGQUIT restore the terminal and
//! exit with 128 + the signal's number, as a shell reports a process killed by it. SIGTSTP (an
//! external `kill -TSTP`) and Ctrl-Z (a key in raw mode, [`super::Action::Suspend`]) restore the
//! terminal and stop the process; when it is continued (`fg`) the full-screen mode is entered
//! again and the screen repainted.
//!
//! Design: a background thread waits on a `signal_hook` [`Signals`] iterator (the handler only
//! writes to a pipe; everything else runs on that ordinary thread, so restoring is just writing
//! escape sequences and `disable_raw_mode`). The thread restores and exits by itself for the
//! terminating signals: the main loop is blocked in `event::read()` and need not be told. For
//! SIGTSTP it restores, stops the process with SIGSTOP and, once continued, re-enters the
//! full-screen mode, sets [`take_repaint`]'s flag and nudges the blocked `event::read()` by
//! raising SIGWINCH on itself: crossterm turns that into a `Resize` event, so the loop wakes,
//! clears and redraws. No timers and no polling: the loop still sleeps until something happens.
//! A lock (`TERMINAL`) keeps a frame from being drawn while the terminal is being given back
//! or taken again.

use std::io::{self, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

/// Held while the terminal is drawn on, given back or taken again.
static TERMINAL: Mutex<()> = Mutex::new(());

/// Whether the full-screen mode is on (between [`enter`] and the end of [`super::run`]). A signal
/// arriving outside it gets its default action.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether mouse capture is part of the full-screen mode (`--no-mouse` turns it off).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Set when the screen must be repainted in full (after a suspension).
static REPAINT: AtomicBool = AtomicBool::new(false);

/// Set while the process stops itself ([`suspend`]): the SIGCONT that follows needs no action,
/// [`suspend`] takes the terminal again itself.
static OWN_STOP: AtomicBool = AtomicBool::new(false);

/// The lock that keeps drawing apart from giving the terminal back. Poisoning is ignored: the
/// lock guards the terminal, not data.
pub fn lock() -> MutexGuard<'static, ()> {
    TERMINAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether the screen must be cleared and drawn in full; clears the request.
pub fn take_repaint() -> bool {
    REPAINT.swap(false, Ordering::SeqCst)
}

/// Raw mode, the alternate screen, bracketed paste, mouse capture (if on), hidden cursor.
pub fn enter(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    ACTIVE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Everything [`enter`] turned on, off again; errors are ignored (the terminal may be gone).
pub fn leave() {
    ACTIVE.store(false, Ordering::SeqCst);
    leave_screen();
}

fn leave_screen() {
    let mut out = stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        cursor::Show,
        LeaveAlternateScreen
    );
    let _ = out.flush();
    let _ = disable_raw_mode();
}

/// Ctrl-Z: gives the terminal back, stops the process, and takes the terminal again once it is
/// continued. The caller repaints (see [`take_repaint`]).
pub fn suspend() -> io::Result<()> {
    let _guard = lock();
    suspend_locked()
}

fn suspend_locked() -> io::Result<()> {
    if !ACTIVE.load(Ordering::SeqCst) {
        return signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    }
    leave();
    OWN_STOP.store(true, Ordering::SeqCst);
    // Stops the whole process here; returns once it is continued.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    enter(MOUSE.load(Ordering::SeqCst))?;
    REPAINT.store(true, Ordering::SeqCst);
    Ok(())
}

/// Starts the thread that handles the terminating signals and SIGTSTP / SIGCONT (see the module
/// documentation).
pub fn watch_signals() -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::Builder::new()
        .name("obddx-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(signal);
            }
        })?;
    Ok(())
}

fn on_signal(signal: i32) {
    match signal {
        SIGTSTP => {
            let _ = suspend();
            // Wake the main loop, blocked in `event::read()`: crossterm reports SIGWINCH as a
            // resize, and the loop repaints.
            let _ = signal_hook::low_level::raise(SIGWINCH);
        }
        SIGCONT => {
            if OWN_STOP.swap(false, Ordering::SeqCst) {
                return;
            }
            // Continued after a stop we did not make (SIGSTOP from outside): the shell may have
            // reset the terminal modes, so set them again and repaint.
            let guard = lock();
            if ACTIVE.load(Ordering::SeqCst) {
                let _ = disable_raw_mode();
                if enter(MOUSE.load(Ordering::SeqCst)).is_ok() {
                    REPAINT.store(true, Ordering::SeqCst);
                }
                drop(guard);
                let _ = signal_hook::low_level::raise(SIGWINCH);
            }
        }
        _ => {
            let _guard = lock();
            if ACTIVE.load(Ordering::SeqCst) {
                leave();
            }
            std::process::exit(128 + signal);
        }
    }
}
