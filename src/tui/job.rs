//! Ctrl-Z: stopping the whole job, as a shell expects, and only where something can resume it.
//!
//! Stopping the browser alone (`raise(SIGSTOP)`) leaves whatever waits for it waiting: under
//! `bash -c`, `cargo run`, `make` or a launcher script the shell never gets the terminal back.
//! So the key sends SIGTSTP to the process group, as the terminal's own Ctrl-Z does: every
//! process of the job stops with its default action, and the browser's handler
//! ([`super::terminal`]) gives the terminal back before it stops too. The shell sees the job
//! stopped, shows its prompt, and `fg` continues the group.
//!
//! A process that leads its own session (`xterm -e obddx`, `ssh -t host obddx`, `exec obddx`,
//! a tmux pane's first program) has no job-control shell above it: once stopped, nothing would
//! continue it. There, and where the parent is outside the session, suspending is refused with
//! a message instead.

use rustix::process::{Signal, getpgid, getpgrp, getpid, getppid, getsid};

/// Why nothing could continue the process once stopped, or `None` if a shell can (`fg`).
pub fn cannot_resume() -> Option<&'static str> {
    let session = getsid(None).ok()?;
    if session == getpid() {
        return Some("no shell with job control started the browser, so nothing could resume it");
    }
    let Some(parent) = getppid() else {
        return Some("the browser has no parent process to resume it");
    };
    // A parent in another process group is the shell (or whatever stops and continues jobs):
    // it must be in this session. A parent in the same group is a wrapper (`bash -c`, cargo),
    // stopped with the group; the shell above it resumes both.
    let parent_group = getpgid(Some(parent)).ok()?;
    if parent_group != getpgrp() && getsid(Some(parent)).ok()? != session {
        return Some("the browser's parent is outside its session, so nothing could resume it");
    }
    None
}

/// Sends SIGTSTP to the process group ([`super::terminal::stop_job`] gives the terminal back
/// first).
pub fn stop_group() -> Result<(), String> {
    rustix::process::kill_current_process_group(Signal::TSTP)
        .map_err(|e| format!("Not suspended: {e}"))
}
