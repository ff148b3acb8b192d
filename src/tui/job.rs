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

use rustix::process::Signal;

/// The three ids of one process that decide whether its job can be resumed, as the kernel
/// reports them in `/proc/PID/stat`.
///
/// Read as plain integers, not through `rustix`'s `getsid`/`getpgid`: for a process whose
/// session or group leader lives outside this PID namespace (a container, a CI runner) the
/// kernel reports 0, which rustix's `Pid` cannot hold (a debug assertion, undefined in release).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ProcessIds {
    parent: i32,
    group: i32,
    session: i32,
}

/// Reads the ids of `pid` (`None`: this process) from `/proc`; `None` if they cannot be read.
fn ids_of(pid: Option<i32>) -> Option<ProcessIds> {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/stat"),
        None => "/proc/self/stat".to_owned(),
    };
    parse_stat(&std::fs::read_to_string(path).ok()?)
}

/// The fields after the command name, which is in parentheses and may itself hold spaces and
/// parentheses: state, parent, group, session.
fn parse_stat(stat: &str) -> Option<ProcessIds> {
    let mut fields = stat[stat.rfind(')')? + 1..].split_whitespace().skip(1);
    let mut next = || fields.next()?.parse::<i32>().ok();
    Some(ProcessIds {
        parent: next()?,
        group: next()?,
        session: next()?,
    })
}

/// Why nothing could continue the process once stopped, or `None` if a shell can (`fg`).
pub fn cannot_resume() -> Option<&'static str> {
    let pid = rustix::process::getpid().as_raw_nonzero().get();
    verdict(pid, ids_of(None), |ancestor| ids_of(Some(ancestor)))
}

/// The rule, over any process table (`ids_of` answers for one process, `None` if unreadable).
///
/// POSIX's rule for an orphaned process group: a stopped job can be continued only by a
/// process of the same session outside the group (the shell that runs it). So walk up from the
/// browser through the wrappers of its own group (`bash -c`, cargo, make, a launcher script),
/// to the first ancestor outside the group: it must be in this session.
fn verdict(
    pid: i32,
    own: Option<ProcessIds>,
    ids_of: impl Fn(i32) -> Option<ProcessIds>,
) -> Option<&'static str> {
    // Refusing is the safe answer when the browser cannot even read its own ids: a refusal
    // is a message on the status line, a wrong guess a terminal frozen for good.
    let Some(own) = own else {
        return Some("the browser cannot tell whether a shell could resume it");
    };
    if own.session == pid {
        return Some("no shell with job control started the browser, so nothing could resume it");
    }
    if own.parent <= 0 {
        return Some("the browser has no parent process to resume it");
    }
    let mut ancestor = own.parent;
    // A chain of wrappers is short; the bound only guards against a /proc that lies.
    for _ in 0..64 {
        // Unreadable: the process in the group below it was a wrapper, trusted as before.
        let ids = ids_of(ancestor)?;
        if ids.group != own.group {
            return (ids.session != own.session)
                .then_some("the browser's job has no shell in its session to resume it");
        }
        if ids.parent <= 0 {
            return None;
        }
        ancestor = ids.parent;
    }
    None
}

/// Sends SIGTSTP to the process group ([`super::terminal::stop_job`] gives the terminal back
/// first).
pub fn stop_group() -> Result<(), String> {
    rustix::process::kill_current_process_group(Signal::TSTP)
        .map_err(|e| format!("Not suspended: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(parent: i32, group: i32, session: i32) -> ProcessIds {
        ProcessIds {
            parent,
            group,
            session,
        }
    }

    #[test]
    fn stat_is_read_past_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (my (odd) name) S 17 4242 0 34816 4242 4194560 1 0";
        assert_eq!(parse_stat(stat), Some(ids(17, 4242, 0)));
        assert_eq!(parse_stat("4242 (cut short) S 17"), None);
        assert_eq!(parse_stat("no parentheses"), None);
    }

    #[test]
    fn a_session_leader_is_refused() {
        assert!(verdict(50, Some(ids(1, 50, 50)), |_| None).is_some());
    }

    #[test]
    fn unreadable_own_ids_are_refused() {
        assert!(verdict(50, None, |_| None).is_some());
    }

    #[test]
    fn a_shell_of_the_same_session_above_wrappers_can_resume() {
        // browser 50 and `cargo` 40 in group 40; the shell 30 in group 30; session 30.
        let table = |pid| match pid {
            40 => Some(ids(30, 40, 30)),
            30 => Some(ids(1, 30, 30)),
            _ => None,
        };
        assert_eq!(verdict(50, Some(ids(40, 40, 30)), table), None);
    }

    #[test]
    fn ids_outside_the_namespace_read_as_zero_and_never_panic() {
        // `sh -c` (session leader 40) runs the browser; above it the test runner, whose
        // session and group leaders live outside this PID namespace: the kernel says 0.
        let table = |pid| match pid {
            40 => Some(ids(20, 40, 40)),
            20 => Some(ids(0, 0, 0)),
            _ => None,
        };
        assert!(verdict(50, Some(ids(40, 40, 40)), table).is_some());
    }
}
