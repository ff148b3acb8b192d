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

use rustix::process::{Pid, Signal, getpgid, getpgrp, getpid, getppid, getsid};

/// Why nothing could continue the process once stopped, or `None` if a shell can (`fg`).
///
/// POSIX's rule for an orphaned process group: a stopped job can be continued only by a
/// process of the same session outside the group (the shell that runs it). So walk up from the
/// browser through the wrappers of its own group (`bash -c`, cargo, make, a launcher script),
/// to the first ancestor outside the group: it must be in this session.
pub fn cannot_resume() -> Option<&'static str> {
    let session = getsid(None).ok()?;
    if session == getpid() {
        return Some("no shell with job control started the browser, so nothing could resume it");
    }
    let group = getpgrp();
    let Some(mut ancestor) = getppid() else {
        return Some("the browser has no parent process to resume it");
    };
    // A chain of wrappers is short; the bound only guards against a /proc that lies.
    for _ in 0..64 {
        let ancestor_group = getpgid(Some(ancestor)).ok()?;
        if ancestor_group != group {
            return (getsid(Some(ancestor)).ok()? != session)
                .then_some("the browser's job has no shell in its session to resume it");
        }
        match parent_of(ancestor) {
            Some(parent) => ancestor = parent,
            // /proc unreadable: the parent in the group is a wrapper, trusted as before.
            None => return None,
        }
    }
    None
}

/// The parent of another process, from `/proc/PID/stat` (Linux): the field after the command
/// name, which is in parentheses and may itself hold spaces and parentheses.
fn parent_of(pid: Pid) -> Option<Pid> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid.as_raw_nonzero())).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    let parent: i32 = after_name.split_whitespace().nth(1)?.parse().ok()?;
    Pid::from_raw(parent)
}

/// Sends SIGTSTP to the process group ([`super::terminal::stop_job`] gives the terminal back
/// first).
pub fn stop_group() -> Result<(), String> {
    rustix::process::kill_current_process_group(Signal::TSTP)
        .map_err(|e| format!("Not suspended: {e}"))
}
