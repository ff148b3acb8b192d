//! Entering and leaving the full-screen mode, and the signals that must leave it too.
//!
//! Every way out gives the terminal back as it was: quit, error, panic (the hook in
//! [`super::run`]), and every signal that would end the process and can be caught (see
//! [`terminating`]): the terminal is restored, then the process exits with 128 + the signal's
//! number, as a shell reports a process killed by it.
//!
//! Raw mode keeps `ISIG` on: the terminal's own Ctrl-C is turned into SIGINT by the kernel, so
//! it reaches the process whatever the input parser is doing. Ctrl-Z and Ctrl-\ are taken off
//! the terminal (their characters disabled) so they arrive as keys: Ctrl-Z is a binding
//! (`Suspend`) that stops the whole job ([`super::job`]).
//!
//! Design: a background thread waits on a `signal_hook` [`Signals`] iterator (the handler only
//! writes to a pipe; everything else runs on that ordinary thread, so restoring is just writing
//! escape sequences and setting the terminal's modes). The thread restores and exits by itself
//! for the terminating signals. For SIGTSTP it restores, stops the process with SIGSTOP and,
//! once continued, takes the terminal again and tells the event loop to repaint through the
//! channel the input thread feeds too ([`super::channel`]); likewise after a stop it did not
//! make (SIGCONT), and on SIGWINCH. A repaint never asks the terminal anything (no cursor
//! position query): it clears and draws. A lock (`TERMINAL`) keeps a frame from being drawn
//! while the terminal is being given back or taken again.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard, OnceLock};

use rustix::process::Signal;
use rustix::termios::{LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use signal_hook::consts::{SIGCONT, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::channel::Message;
use super::guard;
use super::modes::{MOUSE_OFF, MOUSE_ON, SCREEN_OFF, SCREEN_ON};

/// Held while the terminal is drawn on, given back or taken again.
static TERMINAL: Mutex<()> = Mutex::new(());

/// Whether the full-screen mode is on (between [`enter`] and the end of [`super::run`]). A signal
/// arriving outside it gets its default action.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Whether mouse capture is part of the full-screen mode (`--no-mouse` turns it off).
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Set while the process stops itself ([`suspend`]): the SIGCONT that follows needs no action,
/// [`suspend`] takes the terminal again itself.
static OWN_STOP: AtomicBool = AtomicBool::new(false);

/// The terminal's modes before raw mode, put back by [`leave`].
static ORIGINAL: Mutex<Option<Termios>> = Mutex::new(None);

/// Every signal whose default action ends the process and that `signal_hook` lets a program
/// catch: each restores the terminal first. SIGILL, SIGFPE and SIGSEGV cannot be caught safely
/// (`signal_hook` refuses them: they are raised by faults, and the handler would return into the
/// faulting instruction); the panic hook covers Rust's own failures.
///
/// Real-time signals: 35 to 64. glibc keeps 32 and 33 for its threads, musl 32 to 34; a
/// handler there would break the C library, so they keep their default action.
pub fn terminating() -> Vec<i32> {
    use signal_hook::consts::signal::{
        SIGABRT, SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGSYS, SIGTERM, SIGTRAP,
        SIGUSR1, SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
    };
    let mut signals = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGIO,
        SIGXCPU, SIGXFSZ, SIGSYS, SIGTRAP, SIGABRT,
    ];
    // Linux only, and not in signal_hook's list.
    signals.extend([Signal::POWER.as_raw(), Signal::STKFLT.as_raw()]);
    signals.extend(35..=64);
    signals
}

/// The lock that keeps drawing apart from giving the terminal back. Poisoning is ignored: the
/// lock guards the terminal, not data.
pub fn lock() -> MutexGuard<'static, ()> {
    TERMINAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The terminal: standard input if it is one, else the controlling terminal (`/dev/tty`), as
/// crossterm chooses. Opened once; the input thread reads a copy of it.
pub fn tty() -> io::Result<&'static File> {
    static TTY: OnceLock<File> = OnceLock::new();
    if let Some(file) = TTY.get() {
        return Ok(file);
    }
    let stdin = io::stdin();
    let file = if rustix::termios::isatty(stdin.as_fd()) {
        File::from(stdin.as_fd().try_clone_to_owned()?)
    } else {
        File::options().read(true).write(true).open("/dev/tty")?
    };
    Ok(TTY.get_or_init(|| file))
}

/// Raw mode, but with `ISIG` on (Ctrl-C is SIGINT), and Ctrl-Z and Ctrl-\ delivered as keys.
fn enable_raw_mode() -> io::Result<()> {
    let tty = tty()?;
    let current = rustix::termios::tcgetattr(tty)?;
    {
        let mut original = ORIGINAL
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if original.is_none() {
            *original = Some(current.clone());
        }
    }
    let mut raw = current;
    raw.make_raw();
    raw.local_modes.insert(LocalModes::ISIG);
    // 0 is _POSIX_VDISABLE on Linux: the character no longer raises SIGQUIT / SIGTSTP.
    raw.special_codes[SpecialCodeIndex::VQUIT] = 0;
    raw.special_codes[SpecialCodeIndex::VSUSP] = 0;
    rustix::termios::tcsetattr(tty, OptionalActions::Now, &raw)?;
    Ok(())
}

fn disable_raw_mode() {
    let original = ORIGINAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    if let (Some(original), Ok(tty)) = (original, tty()) {
        let _ = rustix::termios::tcsetattr(tty, OptionalActions::Now, &original);
    }
}

/// Raw mode, the alternate screen, bracketed paste, mouse capture (if on), hidden cursor.
pub fn enter(mouse: bool) -> io::Result<()> {
    MOUSE.store(mouse, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = io::stdout();
    out.write_all(SCREEN_ON.as_bytes())?;
    if mouse {
        out.write_all(MOUSE_ON.as_bytes())?;
    }
    out.flush()?;
    ACTIVE.store(true, Ordering::SeqCst);
    guard::tell(guard::Taken::Yes);
    Ok(())
}

/// Everything [`enter`] turned on, off again; errors are ignored (the terminal may be gone).
pub fn leave() {
    ACTIVE.store(false, Ordering::SeqCst);
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = out.write_all(MOUSE_OFF.as_bytes());
    }
    let _ = out.write_all(SCREEN_OFF.as_bytes());
    let _ = out.flush();
    disable_raw_mode();
    guard::tell(guard::Taken::No);
}

/// Set by [`stop_job`] once it has given the terminal back: the SIGTSTP it sends only has to
/// stop this process.
static LEFT_FOR_STOP: AtomicBool = AtomicBool::new(false);

/// Whether the full-screen mode is on: a frame drawn while it is off would land on the shell's
/// screen.
pub fn active() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Ctrl-Z: gives the terminal back, then stops the whole job ([`super::job`]); or says why not.
/// The terminal is given back first: the shell prints its prompt as soon as the job stops, and
/// that must land on the normal screen, not on the alternate one about to be left.
pub fn stop_job() -> Result<(), String> {
    if let Some(why) = super::job::cannot_resume() {
        return Err(format!("Not suspended: {why}"));
    }
    let _guard = lock();
    leave();
    LEFT_FOR_STOP.store(true, Ordering::SeqCst);
    super::job::stop_group().inspect_err(|_| {
        LEFT_FOR_STOP.store(false, Ordering::SeqCst);
        let _ = enter(MOUSE.load(Ordering::SeqCst));
    })
}

/// SIGTSTP: gives the terminal back (unless [`stop_job`] did), stops the process, and takes the
/// terminal again once it is continued; then asks the loop to repaint.
fn suspend(events: &Sender<Message>) {
    let _guard = lock();
    let ours = LEFT_FOR_STOP.swap(false, Ordering::SeqCst);
    if !ours && !ACTIVE.load(Ordering::SeqCst) {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
        return;
    }
    if !ours {
        if let Some(why) = super::job::cannot_resume() {
            // Nothing would continue a stopped process: stay, and say so.
            let _ = events.send(Message::Notice(format!("Not suspended: {why}")));
            return;
        }
        leave();
    }
    OWN_STOP.store(true, Ordering::SeqCst);
    // Stops the whole process here; returns once it is continued.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGSTOP);
    let _ = enter(MOUSE.load(Ordering::SeqCst));
    let _ = events.send(Message::Repaint);
}

/// Starts the thread that handles the terminating signals, SIGTSTP, SIGCONT and SIGWINCH (see
/// the module documentation); what the loop must act on is sent on `events`.
pub fn watch_signals(events: Sender<Message>) -> io::Result<()> {
    let mut watched = terminating();
    watched.extend([SIGTSTP, SIGCONT, SIGWINCH]);
    let mut signals = Signals::new(&watched)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot watch for signals: {e}")))?;
    std::thread::Builder::new()
        .name("obddx-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                on_signal(signal, &events);
            }
        })
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot start the thread that watches for signals: {e}"),
            )
        })?;
    Ok(())
}

fn on_signal(signal: i32, events: &Sender<Message>) {
    match signal {
        SIGTSTP => suspend(events),
        SIGWINCH => {
            let _ = events.send(Message::Resize);
        }
        SIGCONT => {
            if OWN_STOP.swap(false, Ordering::SeqCst) {
                return;
            }
            // Continued after a stop we did not make (SIGSTOP from outside): the shell may have
            // reset the terminal modes, so set them again and repaint.
            let _guard = lock();
            if ACTIVE.load(Ordering::SeqCst) && enter(MOUSE.load(Ordering::SeqCst)).is_ok() {
                let _ = events.send(Message::Repaint);
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
