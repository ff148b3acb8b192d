//! End to end: the real binary in tmux. Starts, searches, opens a cause, quits, and leaves a
//! usable shell (alternate screen and mouse capture off). Skipped (with a message) only when
//! tmux is not installed; CI installs it.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use obddx::search::{Query, SearchIndex};

struct Tmux {
    socket: String,
}

impl Tmux {
    /// A private tmux server (its own socket) running a plain bash at 100×30, ready at its prompt.
    fn shell(socket: &str) -> Tmux {
        let tmux = Tmux {
            socket: socket.to_string(),
        };
        let out = tmux.cmd(&[
            "new-session",
            "-d",
            "-s",
            "obddx",
            "-x",
            "100",
            "-y",
            "30",
            "env",
            "PS1=$ ",
            "TERM=xterm-256color",
            "bash",
            "--norc",
            "--noprofile",
        ]);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux.wait_for("a shell prompt", |s| s.contains('$'));
        tmux
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "obddx"];
        args.extend_from_slice(keys);
        let out = self.cmd(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    fn literal(&self, text: &str) {
        let out = self.cmd(&["send-keys", "-t", "obddx", "-l", text]);
        assert!(out.status.success(), "send-keys -l {text:?}: {out:?}");
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "obddx"]).stdout)
            .into_owned()
    }

    fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(
            &self
                .cmd(&["display-message", "-p", "-t", "obddx", f])
                .stdout,
        )
        .trim()
        .to_string()
    }

    /// Waits until the screen satisfies `ok`, or fails with the last screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if ok(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// Whether tmux can be used. Under CI (`CI` set) a missing tmux is a failure, not a skip:
/// `.ci/run` installs it.
fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "tmux is required under CI (.ci/run installs it)"
    );
    ok
}

#[test]
fn tui_in_tmux_search_open_quit_restores_shell() {
    if !tmux_available() {
        eprintln!("SKIPPED tui_in_tmux: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    // What the engine will rank first for a symptom, whatever the KB and engine are now.
    let kb = obddx::kb::embedded();
    let symptom = "pain";
    let hits = SearchIndex::new(&kb).search(&kb, &Query::text(symptom));
    let top = &kb.causes[hits.first().expect("a cause mentions pain").cause];
    let top_name: String = top.name.chars().take(24).collect();

    let pid = std::process::id();
    let tmux = Tmux::shell(&format!("obddx-test-{pid}"));

    let bin = env!("CARGO_BIN_EXE_obddx");
    tmux.literal(bin);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the trimesters", |s| {
        s.contains("1st trimester") && s.contains("2nd trimester") && s.contains("3rd trimester")
    });
    assert!(screen.contains("Any time"), "{screen}");
    assert_eq!(
        tmux.format("#{alternate_on}"),
        "1",
        "TUI uses the alternate screen"
    );

    // Search: `/` then a symptom; the top result is listed.
    tmux.send(&["/"]);
    tmux.literal(symptom);
    tmux.wait_for("search results", |s| {
        s.contains("Results") && s.contains(&format!("/ {symptom}")) && s.contains(&top_name)
    });
    // Enter opens it: back to the tree, its name in the header.
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the cause header", |s| {
        s.contains("advice to the patient ▶") && s.contains(&top_name) && s.contains("Differential")
    });
    assert!(
        screen.contains(top.urgency.as_str().to_uppercase().as_str()),
        "{screen}"
    );

    // q quits and gives the shell back.
    tmux.send(&["q"]);
    tmux.wait_for("the TUI to leave", |s| !s.contains("Differential"));
    let marker = format!("ok-{}-{pid}", 6 * 7);
    tmux.literal(&format!("echo ok-$((6*7))-{pid}"));
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("the shell to echo", |s| {
        s.lines().any(|l| l.trim() == marker)
    });
    assert!(
        !screen.contains("1st trimester"),
        "alternate screen left:\n{screen}"
    );
    assert_eq!(tmux.format("#{alternate_on}"), "0");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
}

#[test]
fn no_mouse_flag_does_not_capture_the_mouse() {
    if !tmux_available() {
        eprintln!("SKIPPED no_mouse: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux {
        socket: format!("obddx-test-nm-{pid}"),
    };
    let bin = env!("CARGO_BIN_EXE_obddx");
    for (args, expect) in [(vec![bin], "1"), (vec![bin, "--no-mouse"], "0")] {
        let mut cmd = vec!["new-session", "-d", "-s", "obddx", "-x", "80", "-y", "24"];
        cmd.extend(args.iter().copied());
        let out = tmux.cmd(&cmd);
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux.wait_for("the trimesters", |s| s.contains("1st trimester"));
        // Capture is switched on before the first frame; poll in case tmux lags under load.
        let start = Instant::now();
        let mut flag = tmux.format("#{mouse_any_flag}");
        while flag != expect && start.elapsed() < Duration::from_secs(5) {
            sleep(Duration::from_millis(50));
            flag = tmux.format("#{mouse_any_flag}");
        }
        assert_eq!(flag, expect, "{args:?}");
        tmux.send(&["C-c"]);
        // The session ends when obddx exits.
        let start = Instant::now();
        while tmux.cmd(&["has-session", "-t", "obddx"]).status.success() {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "Ctrl-C did not quit"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn a_panic_restores_the_terminal() {
    if !tmux_available() {
        eprintln!("SKIPPED panic test: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux::shell(&format!("obddx-test-panic-{pid}"));
    tmux.literal(&format!(
        "RUST_BACKTRACE=0 OBDDX_DEBUG_PANIC=1 {}; echo exit=$?",
        env!("CARGO_BIN_EXE_obddx")
    ));
    tmux.send(&["Enter"]);
    // A line *starting* with exit= (the typed command line also contains the text).
    let screen = tmux.wait_for("the panic message on the normal screen", |s| {
        s.lines().any(|l| l.starts_with("exit="))
    });
    assert!(
        screen.contains("deliberate panic"),
        "panic message shown:\n{screen}"
    );
    assert!(screen.contains("exit=101"), "{screen}");
    assert_eq!(tmux.format("#{alternate_on}"), "0", "alternate screen left");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse capture off");
    // Cooked mode is back: what is typed is echoed and a line runs on Enter.
    tmux.literal(&format!("echo sane-$((6*7))-{pid}"));
    tmux.send(&["Enter"]);
    let marker = format!("sane-42-{pid}");
    tmux.wait_for("the shell to echo", |s| {
        s.lines().any(|l| l.trim() == marker)
    });
    tmux.literal("stty -a | tr ' ' '\\n' | grep -x -e -icanon -e -echo | wc -l");
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("stty", |s| s.lines().any(|l| l.trim() == "0"));
    assert!(!screen.contains("Differential"), "{screen}");
}

#[test]
fn tui_in_tmux_find_copy_and_gestation() {
    if !tmux_available() {
        eprintln!("SKIPPED tui_in_tmux: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux::shell(&format!("obddx-test-find-{pid}"));
    tmux.cmd(&["set", "-g", "set-clipboard", "on"]);
    let bin = env!("CARGO_BIN_EXE_obddx");
    tmux.literal(bin);
    tmux.send(&["Enter"]);
    tmux.wait_for("the trimesters", |s| s.contains("3rd trimester"));

    // Open placenta praevia through the search, then find a word inside it.
    tmux.send(&["/"]);
    tmux.literal("placenta praevia");
    tmux.wait_for("search results", |s| s.contains("Results"));
    tmux.send(&["Enter"]);
    tmux.wait_for("the cause", |s| s.contains("advice to the patient ▶"));
    tmux.send(&["f"]);
    tmux.literal("digital");
    let screen = tmux.wait_for("match k of n", |s| {
        s.contains("match 1 of") && s.contains("Find in this cause: digital")
    });
    assert!(screen.to_lowercase().contains("digital"), "{screen}");
    tmux.send(&["Enter"]);

    // y: the cited note reaches tmux's buffer through OSC 52.
    tmux.send(&["y"]);
    tmux.wait_for("the copy to be confirmed", |s| s.contains("Copied"));
    let kb = obddx::kb::embedded();
    let mut buffer = String::new();
    for _ in 0..50 {
        let out = tmux.cmd(&["show-buffer"]);
        buffer = String::from_utf8_lossy(&out.stdout).into_owned();
        if buffer.contains(&kb.meta.disclaimer) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(buffer.starts_with("Placenta praevia"), "{buffer}");
    assert!(buffer.contains("[articles ¶"), "{buffer}");
    assert!(buffer.contains(&kb.meta.disclaimer), "{buffer}");

    // w 32+4: the header shows the gestation.
    tmux.send(&["w"]);
    tmux.literal("32+4");
    tmux.send(&["Enter"]);
    tmux.wait_for("GA in the header", |s| s.contains("GA 32+4"));
    tmux.send(&["q"]);
    tmux.wait_for("the TUI to leave", |s| !s.contains("Differential"));
}
