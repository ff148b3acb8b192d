//! The browser in a pseudo-terminal that this test plays: a terminal that never answers a
//! query, random bytes as input, resizes. Every step must be answered: no hang, no exit.
//!
//! The browser runs under `setsid -c`, so the pseudo-terminal is its controlling terminal (it
//! gets SIGWINCH on a resize).

use std::fs::File;
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

/// Each browser gets its own state and config directories.
static NEXT_HOME: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

struct Pty {
    master: File,
    output: Receiver<Vec<u8>>,
    child: Child,
    home: std::path::PathBuf,
}

impl Pty {
    fn start(cols: u16, rows: u16) -> Option<Pty> {
        Pty::start_with(cols, rows, &[env!("CARGO_BIN_EXE_obddx"), "--no-mouse"])
    }

    /// `command` under `setsid -c`: its first process leads the session and owns the terminal.
    fn start_with(cols: u16, rows: u16, command: &[&str]) -> Option<Pty> {
        if Command::new("setsid").arg("--version").output().is_err() {
            eprintln!("SKIPPED: setsid (util-linux) is not installed");
            return None;
        }
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let path = name.to_str().expect("pts path").to_owned();
        resize_fd(&master, cols, rows);
        let slave = || {
            File::options()
                .read(true)
                .write(true)
                .open(&path)
                .expect("open pts")
        };
        let home = std::env::temp_dir().join(format!(
            "obddx-hostile-tty-{}-{}",
            std::process::id(),
            NEXT_HOME.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let child = Command::new("setsid")
            .arg("-c")
            .args(command)
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            // The user's own config, overlay and favourites stay out of it, and the random
            // keys' stars stay out of the user's state file.
            .env("XDG_CONFIG_HOME", &home)
            .env("XDG_STATE_HOME", &home)
            .env("OBDDX_CONFIG", "")
            .env("OBDDX_LOCAL", "")
            .stdin(Stdio::from(slave()))
            .stdout(Stdio::from(slave()))
            .stderr(Stdio::from(slave()))
            .spawn()
            .expect("start the browser");
        let master = File::from(master);
        let mut reader = master.try_clone().expect("clone master");
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0; 1 << 16];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let pty = Pty {
            master,
            output,
            child,
            home,
        };
        pty.expect("the first frame", "trimester", Duration::from_secs(20));
        Some(pty)
    }

    fn send(&mut self, bytes: &[u8]) {
        self.master.write_all(bytes).expect("write to the browser");
    }

    fn resize(&self, cols: u16, rows: u16) {
        resize_fd(&self.master, cols, rows);
    }

    /// Output until `text` has appeared; fails after `limit`.
    fn expect(&self, what: &str, text: &str, limit: Duration) -> Vec<u8> {
        let start = Instant::now();
        let mut seen = Vec::new();
        loop {
            let left = limit.saturating_sub(start.elapsed());
            let Ok(chunk) = self.output.recv_timeout(left) else {
                let shown = String::from_utf8_lossy(&seen);
                // A panic's message comes before its backtrace: show it, not only the tail.
                let panic: Option<String> = shown.find("panicked at").map(|at| {
                    let from = &shown[at..];
                    let end = from.find("stack backtrace").unwrap_or(from.len());
                    from[..end].chars().take(1500).collect()
                });
                let tail: String = {
                    let chars: Vec<char> = shown.chars().collect();
                    chars[chars.len().saturating_sub(400)..].iter().collect()
                };
                panic!("no {what} within {limit:?}; panic: {panic:?}; last output: {tail:?}");
            };
            seen.extend(chunk);
            if seen.windows(text.len()).any(|w| w == text.as_bytes()) {
                return seen;
            }
        }
    }

    /// Throws away what has been written so far.
    fn flush_output(&self) {
        while self.output.recv_timeout(Duration::from_millis(20)).is_ok() {}
    }

    fn signal(&self, signal: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{signal}");
    }

    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

fn resize_fd(fd: impl std::os::fd::AsFd, cols: u16, rows: u16) {
    tcsetwinsize(
        fd,
        Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("TIOCSWINSZ");
}

#[test]
fn sigcont_repaints_without_asking_the_terminal_anything() {
    let Some(mut pty) = Pty::start(100, 30) else {
        return;
    };
    pty.flush_output();
    for _ in 0..3 {
        pty.signal("STOP");
        std::thread::sleep(Duration::from_millis(100));
        pty.signal("CONT");
        // The frame comes back whole, and this terminal answers no query (a cursor position
        // request would be `ESC[6n`): the browser must not wait for one.
        let out = pty.expect(
            "a repaint after SIGCONT",
            "3rd trimester",
            Duration::from_secs(5),
        );
        assert!(
            !out.windows(4).any(|w| w == b"\x1b[6n"),
            "asked for the cursor position"
        );
    }
    // SIGCONT alone (no stop before it).
    pty.signal("CONT");
    pty.expect(
        "a repaint after a lone SIGCONT",
        "3rd trimester",
        Duration::from_secs(5),
    );
    std::thread::sleep(Duration::from_millis(2500));
    assert!(
        pty.alive(),
        "the browser exited while the terminal stayed silent"
    );
    pty.send(b"q");
}

#[test]
fn random_bytes_never_freeze_the_loop() {
    let Some(mut pty) = Pty::start(100, 30) else {
        return;
    };
    // xorshift64 with a fixed seed: the same bytes on every run, and no dependency for it.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut below = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    // Pieces that make the parser wait: half sequences, a paste start, invalid UTF-8.
    let pieces: [&[u8]; 8] = [
        b"\x1b[<",
        b"\x1b[200~",
        b"\x1b[23$",
        b"\xe9",
        b"\x1b[999X",
        b"\x1b",
        b"\x1bO",
        b"\xf0\x9f",
    ];
    let events = 50_000;
    let burst = 2_000;
    let start = Instant::now();
    let mut sent = 0;
    let mut size = 0;
    while sent < events {
        let mut bytes = Vec::new();
        while sent < events && bytes.len() < burst {
            if below(10) == 0 {
                bytes.extend_from_slice(pieces[below(pieces.len())]);
            } else {
                // Any byte but those that end the browser: q, Q (Quit) and Ctrl-C (SIGINT).
                let b = below(256) as u8;
                if matches!(b, b'q' | b'Q' | 0x03) {
                    continue;
                }
                bytes.push(b);
            }
            sent += 1;
        }
        pty.send(&bytes);
        // The parser gives up what is half finished; then a resize must redraw...
        std::thread::sleep(Duration::from_millis(150));
        pty.flush_output();
        size += 1;
        let (cols, rows) = if size % 2 == 0 { (100, 30) } else { (90, 28) };
        pty.resize(cols, rows);
        // The resize clears the screen (cursor home, then `ESC[J`) and a whole frame follows,
        // down to the footer on the new last row. Not a word of the title row: the
        // side-by-side view covers it.
        let seen = pty.expect("a clear after a resize", "\x1b[J", Duration::from_secs(10));
        let cleared = seen
            .windows(3)
            .rposition(|w| w == b"\x1b[J")
            .expect("the clear");
        let last_row = format!("\x1b[{rows};");
        if !seen[cleared..]
            .windows(last_row.len())
            .any(|w| w == last_row.as_bytes())
        {
            pty.expect(
                "the footer after the clear",
                &last_row,
                Duration::from_secs(10),
            );
        }
        // ...and a known key be answered: Esc closes whatever is open (four for a paste
        // given up and the find line), `?` opens the help.
        std::thread::sleep(Duration::from_millis(1100));
        pty.send(b"\x1b");
        pty.send(b"\x1b");
        pty.send(b"\x1b");
        pty.send(b"\x1b");
        std::thread::sleep(Duration::from_millis(50));
        pty.flush_output();
        pty.send(b"?");
        pty.expect("the help after `?`", "Help", Duration::from_secs(10));
        pty.send(b"\x1b");
        assert!(pty.alive(), "the browser exited after {sent} events");
    }
    eprintln!("{events} random events in {:?}", start.elapsed());
    pty.send(b"q");
}

/// Whether the pseudo-terminal is back in its cooked modes (line editing and echo on).
fn cooked(pty: &Pty) -> bool {
    use rustix::termios::LocalModes;
    // On Linux the master's modes are the terminal's (the kernel forwards the request).
    rustix::termios::tcgetattr(&pty.master).is_ok_and(|t| {
        t.local_modes
            .contains(LocalModes::ICANON | LocalModes::ECHO)
    })
}

/// The pid of `parent`'s first child (Linux: `/proc/PID/task/PID/children`).
fn child_of(parent: u32) -> Option<u32> {
    let path = format!("/proc/{parent}/task/{parent}/children");
    std::fs::read_to_string(path)
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

#[test]
fn a_browser_killed_where_it_cannot_restore_is_restored_by_its_guard() {
    // SIGKILL cannot be caught; SIGILL, SIGFPE and SIGSEGV cannot be caught without `unsafe`.
    // The browser runs under a shell, as people start it: when a session's leader dies the
    // kernel hangs the terminal up, and there is nothing left to restore.
    let script = format!(
        "{} --no-mouse; echo \"ended $?\"; sleep 5",
        env!("CARGO_BIN_EXE_obddx")
    );
    for signal in ["KILL", "ILL", "FPE", "SEGV"] {
        let Some(pty) = Pty::start_with(80, 24, &["sh", "-c", &script]) else {
            return;
        };
        assert!(!cooked(&pty), "raw mode while the browser runs");
        let browser = child_of(pty.child.id()).expect("the browser under sh");
        pty.flush_output();
        // Rust's runtime takes the first SIGSEGV that is not a stack overflow and returns, so a
        // SIGSEGV from `kill` leaves the browser running until a second one: send until it ends.
        for _ in 0..3 {
            let sent = Command::new("kill")
                .args([&format!("-{signal}"), &browser.to_string()])
                .status()
                .is_ok_and(|s| s.success());
            std::thread::sleep(Duration::from_millis(300));
            if !sent || !std::path::Path::new(&format!("/proc/{browser}/cmdline")).exists() {
                break;
            }
        }
        let seen = pty.expect(
            &format!("the guard's word after SIG{signal}"),
            "terminal has been restored",
            Duration::from_secs(10),
        );
        let seen = String::from_utf8_lossy(&seen).into_owned();
        assert!(
            seen.contains("\x1b[?1049l") && seen.contains("\x1b[?25h"),
            "alternate screen left and cursor shown after SIG{signal}: {seen:?}"
        );
        assert!(cooked(&pty), "cooked modes back after SIG{signal}");
    }
}

#[test]
fn an_aborting_browser_leaves_the_terminal_restored() {
    // An abort (an allocation failure aborts) runs no panic hook; the signal thread may or may
    // not restore the terminal before SIGABRT's default action ends the process (a race), and
    // the guard does it when the thread did not. Either way the terminal is back.
    let script = format!(
        "OBDDX_DEBUG_ABORT=1 {} --no-mouse; echo \"ended $?\"; sleep 5",
        env!("CARGO_BIN_EXE_obddx")
    );
    let Some(pty) = Pty::start_with(80, 24, &["sh", "-c", &script]) else {
        return;
    };
    let seen = pty.expect(
        "the shell after an abort",
        "ended 134",
        Duration::from_secs(10),
    );
    // The guard may still be writing when the shell speaks.
    let deadline = Instant::now() + Duration::from_secs(3);
    let mut seen = String::from_utf8_lossy(&seen).into_owned();
    while !(seen.contains("\x1b[?1049l") && cooked(&pty)) && Instant::now() < deadline {
        if let Ok(chunk) = pty.output.recv_timeout(Duration::from_millis(50)) {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    }
    assert!(seen.contains("\x1b[?1049l"), "{seen:?}");
    assert!(cooked(&pty), "cooked modes back after an abort");
}

#[test]
fn a_clean_quit_gets_no_word_from_the_guard() {
    let Some(mut pty) = Pty::start(80, 24) else {
        return;
    };
    pty.send(b"q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while pty.alive() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!pty.alive(), "q quits");
    assert!(cooked(&pty), "cooked modes back after q");
    let mut rest = Vec::new();
    while let Ok(chunk) = pty.output.recv_timeout(Duration::from_millis(300)) {
        rest.extend(chunk);
    }
    let rest = String::from_utf8_lossy(&rest);
    assert!(
        !rest.contains("has been restored"),
        "the guard spoke after a clean quit: {rest:?}"
    );
}

#[test]
fn ctrl_z_in_an_orphaned_job_is_refused_not_frozen() {
    // `sh -c` leads the session and runs the browser in its own group: no job-control shell
    // anywhere above, so a stopped browser could never be continued.
    let script = format!("{} --no-mouse", env!("CARGO_BIN_EXE_obddx"));
    let Some(mut pty) = Pty::start_with(80, 24, &["sh", "-c", &script]) else {
        return;
    };
    pty.send(b"\x1a");
    pty.expect(
        "the refusal on the status line",
        "Not suspended",
        Duration::from_secs(10),
    );
    pty.send(b"?");
    pty.expect("the help after `?`", "Help", Duration::from_secs(10));
    assert!(pty.alive(), "the browser still runs");
}
