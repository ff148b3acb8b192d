//! A second, tiny process that gives the terminal back if the browser dies without doing so.
//!
//! The browser restores the terminal on every way out it can see: quit, error, panic and every
//! signal a safe Rust program may catch ([`super::terminal`]). Some deaths it cannot see:
//! SIGKILL, SIGILL, SIGFPE and SIGSEGV (`signal_hook` refuses them: a handler would return into
//! the faulting instruction, and catching them needs `unsafe`), an `abort` (an allocation
//! failure aborts without unwinding, and SIGABRT's default action runs before the signal thread
//! could restore anything), a stack overflow. Each would leave the shell in raw mode on the
//! alternate screen.
//!
//! So, before taking the terminal, the browser starts itself again as a guard
//! ([`GUARD_ARGUMENT`]) on a pipe. The guard reads the terminal's modes, says it is ready, then
//! blocks on the pipe. The browser writes one byte each time it takes (`E`) or gives back (`L`)
//! the terminal. When the pipe closes — the browser has ended, however it ended — the guard
//! restores the modes and leaves the alternate screen if, and only if, the last byte was `E`.
//! A clean exit costs nothing more than the guard's start (a fork and exec, once).
//!
//! The guard stays in the browser's process group, so Ctrl-Z (SIGTSTP to the group) stops it
//! with the job and `fg` continues it; it ignores the keyboard's SIGINT and SIGQUIT, which the
//! browser handles, so that it outlives the browser.

use std::io::{self, Read, Write};
use std::os::fd::AsFd;
use std::process::{ChildStdin, Command, ExitCode, Stdio};
use std::sync::Mutex;

use super::modes::{MOUSE_OFF, SCREEN_OFF};

/// The hidden first argument that makes `obddx` a guard. Not a subcommand: it is not for people
/// and must not appear in the help, the man page or completions.
pub const GUARD_ARGUMENT: &str = "__obddx-terminal-guard";

/// The browser's end of the pipe, once the guard has started.
static PIPE: Mutex<Option<ChildStdin>> = Mutex::new(None);

/// Whether the browser holds the terminal in its full-screen modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    Yes,
    No,
}

impl Taken {
    const fn byte(self) -> u8 {
        match self {
            Taken::Yes => b'E',
            Taken::No => b'L',
        }
    }
}

/// Starts the guard on `terminal` (a copy of the browser's terminal) and waits until it has
/// read the terminal's modes. A guard that cannot start leaves the browser as it was before
/// guards existed: the reason is returned for the status line, and nothing else changes.
pub fn start(terminal: std::fs::File) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| format!("no terminal guard: {e}"))?;
    let mut child = Command::new(exe)
        .arg(GUARD_ARGUMENT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(terminal))
        .spawn()
        .map_err(|e| format!("no terminal guard: {e}"))?;
    let mut ready = [0u8; 1];
    let said_ready = child
        .stdout
        .take()
        .is_some_and(|mut out| out.read_exact(&mut ready).is_ok() && ready[0] == READY);
    if !said_ready {
        let _ = child.kill();
        let _ = child.wait();
        return Err("no terminal guard: it did not start".to_owned());
    }
    *PIPE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = child.stdin.take();
    // The child is not waited for: it ends after the browser, when the pipe closes.
    Ok(())
}

/// Tells the guard whether the terminal is now taken. Never blocks for long (one byte into a
/// pipe that the guard empties) and ignores errors: a guard that has gone cannot be helped.
pub fn tell(taken: Taken) {
    let mut pipe = PIPE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(stdin) = pipe.as_mut()
        && stdin.write_all(&[taken.byte()]).is_err()
    {
        *pipe = None;
    }
}

/// The byte the guard writes once it has read the terminal's modes.
const READY: u8 = b'R';

/// The guard's whole life (`obddx __obddx-terminal-guard`): standard error is the terminal,
/// standard input the pipe from the browser, standard output the pipe that says it is ready.
pub fn serve() -> ExitCode {
    // Ctrl-C and Ctrl-\ reach the whole foreground group; the browser answers them. A handler
    // that only sets a flag keeps the guard alive (and reads restart: SA_RESTART).
    let ignored = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT] {
        let _ = signal_hook::flag::register(signal, ignored.clone());
    }
    let terminal = io::stderr();
    let modes = rustix::termios::tcgetattr(terminal.as_fd()).ok();
    let mut out = io::stdout();
    if out.write_all(&[READY]).and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    let mut last = Taken::No;
    let mut input = io::stdin().lock();
    let mut byte = [0u8; 1];
    loop {
        match input.read(&mut byte) {
            Ok(0) => break,
            Ok(_) if byte[0] == Taken::Yes.byte() => last = Taken::Yes,
            Ok(_) if byte[0] == Taken::No.byte() => last = Taken::No,
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    if last == Taken::No {
        return ExitCode::SUCCESS;
    }
    let mut terminal = terminal.lock();
    // One write: the shell above is printing its prompt at the same moment.
    let _ = terminal.write_all(format!("{MOUSE_OFF}{SCREEN_OFF}").as_bytes());
    if let Some(modes) = modes {
        let _ = rustix::termios::tcsetattr(
            terminal.as_fd(),
            rustix::termios::OptionalActions::Now,
            &modes,
        );
    }
    let _ = writeln!(
        terminal,
        "obddx: the browser ended without giving the terminal back (killed or crashed); \
         the terminal has been restored."
    );
    ExitCode::FAILURE
}
