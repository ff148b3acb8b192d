//! End to end: the real binary in tmux. Starts, searches, opens a cause, quits, and leaves a
//! usable shell (alternate screen and mouse capture off). Skipped (with a message) only when
//! tmux is not installed; CI installs it.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use obddx::search::Query;

struct Tmux {
    socket: String,
}

#[test]
fn a_word_typed_in_the_tree_at_80x24_leaves_the_layer_on() {
    if !tmux_available() {
        eprintln!("SKIPPED stray word: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux {
        socket: format!("obddx-test-word-{pid}"),
    };
    let bin = env!("CARGO_BIN_EXE_obddx");
    tmux.new_session(("80", "24"), &["env", "TERM=xterm", bin]);
    tmux.wait_for("the browser", |s| s.contains("1st trimester"));
    // Typed as if into a search box: a search starts, nothing is switched off.
    tmux.literal("bleeding");
    let screen = tmux.wait_for("a search", |s| s.contains("Results"));
    assert!(!screen.contains("SAFETY LAYER OFF"), "{screen}");
    tmux.send(&["Escape"]);
    tmux.send(&["/"]);
    tmux.literal("vasa praevia");
    let screen = tmux.wait_for("vasa praevia found", |s| {
        s.contains("Results") && s.contains("Vasa praevia")
    });
    assert!(!screen.contains("SAFETY LAYER OFF"), "{screen}");
    tmux.send(&["C-c"]);
    wait_session_end(&tmux, "Ctrl-C");
}

#[test]
fn an_alt_key_answers_ask_next_at_80x24() {
    if !tmux_available() {
        eprintln!("SKIPPED ask next: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux {
        socket: format!("obddx-test-ask-{pid}"),
    };
    let bin = env!("CARGO_BIN_EXE_obddx");
    tmux.new_session(("80", "24"), &["env", "TERM=xterm", bin]);
    tmux.wait_for("the browser", |s| s.contains("1st trimester"));
    tmux.send(&["/"]);
    tmux.literal("bleeding 9 weeks");
    let screen = tmux.wait_for("the questions", |s| s.contains("Ask: Alt-1 yes Alt-q no"));
    assert!(screen.contains("/ bleeding 9 weeks"), "{screen}");
    // Alt-q, as the terminal sends it (Esc then q): "no" to the first question joins the
    // query, the search re-runs, and q is not typed as text.
    tmux.send(&["M-q"]);
    let screen = tmux.wait_for("the answer added", |s| s.contains("/ bleeding 9 weeks, "));
    assert!(!screen.contains("bleeding 9 weeksq"), "{screen}");
    tmux.send(&["C-c"]);
    wait_session_end(&tmux, "Ctrl-C");
}

impl Tmux {
    /// A private tmux server (its own socket) running a plain bash at 100×30, ready at its prompt.
    fn shell(socket: &str) -> Tmux {
        let tmux = Tmux {
            socket: socket.to_string(),
        };
        tmux.new_session(
            ("100", "30"),
            &[
                "env",
                "PS1=$ ",
                "TERM=xterm-256color",
                "bash",
                "--norc",
                "--noprofile",
            ],
        );
        tmux.wait_for("a shell prompt", |s| s.contains('$'));
        tmux
    }

    /// Starts session `obddx` of `width`×`height` running `command`.
    fn new_session(&self, (width, height): (&str, &str), command: &[&str]) {
        let mut args = vec![
            "new-session",
            "-d",
            "-s",
            "obddx",
            "-x",
            width,
            "-y",
            height,
        ];
        args.extend_from_slice(command);
        let out = self.cmd(&args);
        assert!(out.status.success(), "tmux new-session: {out:?}");
    }

    /// The config and state directory of this server's browsers.
    fn home(&self) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("obddx-tmux-home-{}", self.socket))
    }

    fn cmd(&self, args: &[&str]) -> std::process::Output {
        // The panes inherit this environment: a UTF-8 locale, whatever the runner's, so the
        // browser draws its Unicode frame (a non-UTF-8 one would switch it to ASCII). Nor
        // the user's config, overlay or favourites: the browser's own go to a directory of
        // this server's (a test that needs others sets them in the pane's command).
        Command::new("tmux")
            .env("LANG", "C.UTF-8")
            .env("XDG_CONFIG_HOME", self.home())
            .env("XDG_STATE_HOME", self.home())
            .env("OBDDX_CONFIG", "")
            .env("OBDDX_LOCAL", "")
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
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
            assert!(
                start.elapsed() <= Duration::from_secs(15),
                "timed out waiting for {what}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
        let _ = std::fs::remove_dir_all(self.home());
    }
}

/// Whether tmux can be used. Under CI (`CI` set) a missing tmux is a failure, not a skip:
/// `.ci/run` installs it.
/// A cause's header is shown: its do-now block (first, with the safety layer) or the documents'
/// advice to the patient.
fn cause_header(screen: &str) -> bool {
    screen.contains("DO NOW") || screen.contains("advice to the patient ▶")
}

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
    // What the engine will rank first for a symptom, whatever the KB and engine are now: in
    // the reference the browser opens (the guideline layer on).
    let kb = &obddx::prebuilt::shared(false).kb;
    let symptom = "pain";
    let hits = obddx::prebuilt::shared_index_for(kb).search(kb, &Query::text(symptom));
    let top = &kb.causes[hits.first().expect("a cause mentions pain").cause];
    // Its row names it by the name that fits: the short name where the full one is cut.
    let top_name: String = top
        .short_name
        .clone()
        .unwrap_or_else(|| top.name.chars().take(24).collect());

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
        cause_header(s) && s.contains(&top_name) && s.contains("Differential")
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
        tmux.new_session(("80", "24"), &args);
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
        wait_session_end(&tmux, "Ctrl-C");
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
    tmux.wait_for("the cause", cause_header);
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
    // What `show` prints, the safety layer's notes included, after the time of copying.
    assert!(buffer.starts_with("obddx note, copied "), "{buffer}");
    assert!(buffer.contains("Placenta praevia"), "{buffer}");
    assert!(
        buffer.contains("No digital vaginal examination"),
        "{buffer}"
    );
    assert!(buffer.contains("[articles ¶"), "{buffer}");
    assert!(buffer.contains(&kb.meta.disclaimer), "{buffer}");

    // c on praevia, then on abruption: side by side, both names on one row; y copies both.
    tmux.send(&["c"]);
    tmux.wait_for("the mark", |s| s.contains("Marked for comparison"));
    tmux.send(&["/"]);
    tmux.literal("placental abruption");
    tmux.wait_for("search results", |s| s.contains("Results"));
    tmux.send(&["Enter"]);
    tmux.wait_for("abruption open", cause_header);
    tmux.send(&["c"]);
    let screen = tmux.wait_for("side by side", |s| s.contains("Side by side (2 causes)"));
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Placenta praevia") && l.contains("!! EMERGENCY Abruption")),
        "{screen}"
    );
    tmux.send(&["y"]);
    tmux.wait_for("the comparison copied", |s| s.contains("Copied comparison"));
    for _ in 0..50 {
        let out = tmux.cmd(&["show-buffer"]);
        buffer = String::from_utf8_lossy(&out.stdout).into_owned();
        if buffer.contains("Cervix and os") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The side-by-side rows as text: both names on one line, the safety layer's rows in it.
    assert!(
        buffer
            .lines()
            .any(|l| l.contains("Placenta praevia") && l.contains("!! EMERGENCY Abruption")),
        "{buffer}"
    );
    assert!(buffer.contains("No digital vaginal"), "{buffer}");
    tmux.send(&["Escape"]);
    tmux.wait_for("the comparison closed", |s| !s.contains("Side by side ("));

    // w 32+4: the header shows the gestation.
    tmux.send(&["w"]);
    tmux.literal("32+4");
    tmux.send(&["Enter"]);
    tmux.wait_for("GA in the header", |s| s.contains("GA 32+4"));
    tmux.send(&["q"]);
    tmux.wait_for("the TUI to leave", |s| !s.contains("Differential"));
}

impl Tmux {
    /// Waits until a tmux format (`#{alternate_on}`…) has the expected value.
    fn wait_format(&self, f: &str, expect: &str) {
        let start = Instant::now();
        let mut got = self.format(f);
        while got != expect {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "{f} is {got}, expected {expect}; screen:\n{}",
                self.capture()
            );
            sleep(Duration::from_millis(50));
            got = self.format(f);
        }
    }

    /// Runs the browser from the shell, followed by `echo rc=$?`, and waits for its first frame.
    fn start_browser(&self) -> u32 {
        self.literal(&format!("{}; echo rc=$?", env!("CARGO_BIN_EXE_obddx")));
        self.send(&["Enter"]);
        self.wait_for("the trimesters", |s| {
            s.contains("1st trimester") && s.contains("3rd trimester")
        });
        self.wait_format("#{alternate_on}", "1");
        self.wait_format("#{mouse_any_flag}", "1");
        self.browser_pid()
    }

    /// The browser's process: the child of the pane's shell.
    fn browser_pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell])
                .output()
                .expect("run pgrep");
            let text = String::from_utf8_lossy(&out.stdout);
            if let Some(pid) = text.lines().find_map(|l| l.trim().parse().ok()) {
                return pid;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no child of the shell {shell}"
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Quits the browser of a job that was stopped and resumed with `fg`: it must exit with
    /// status 0 and leave the terminal restored. (`echo rc=$?` ran when the job stopped; after
    /// `fg`, `$?` is the resumed job's own exit status.)
    fn quit_resumed_job(&self, tag: &str) {
        self.send(&["q"]);
        self.wait_format("#{alternate_on}", "0");
        self.literal("echo quit-rc=$?");
        self.send(&["Enter"]);
        let screen = self.wait_for("the shell", |s| {
            s.lines().any(|l| l.starts_with("quit-rc="))
        });
        assert!(
            screen.lines().any(|l| l.trim() == "quit-rc=0"),
            "{tag}: {screen}"
        );
        self.assert_terminal_restored(tag);
    }

    /// The terminal is as the shell wants it: normal screen, no mouse reporting, a visible
    /// cursor, and cooked mode with echo (`stty` run in the pane).
    fn assert_terminal_restored(&self, tag: &str) {
        self.wait_format("#{alternate_on}", "0");
        self.wait_format("#{mouse_any_flag}", "0");
        self.wait_format("#{cursor_flag}", "1");
        self.literal(&format!(
            "echo {tag}-cooked-$(stty -a | tr ' ' '\\n' | grep -cx -e icanon -e echo)"
        ));
        self.send(&["Enter"]);
        let want = format!("{tag}-cooked-2");
        let screen = self.wait_for("stty in the pane", |s| {
            s.lines()
                .any(|l| l.trim().starts_with(&format!("{tag}-cooked-")))
        });
        assert!(
            screen.lines().any(|l| l.trim() == want),
            "terminal not cooked after {tag}:\n{screen}"
        );
        assert!(!screen.contains("Differential"), "{screen}");
    }
}

fn kill(signal: &str, pid: u32) {
    let out = Command::new("kill")
        .args([&format!("-{signal}"), &pid.to_string()])
        .output()
        .expect("run kill");
    assert!(out.status.success(), "kill -{signal} {pid}: {out:?}");
}

#[test]
fn terminating_signals_restore_the_terminal() {
    if !tmux_available() {
        eprintln!("SKIPPED signals: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let tmux = Tmux::shell(&format!("obddx-test-sig-{}", std::process::id()));
    signals_restore(&tmux, &[("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)]);
}

/// Starts the browser and sends it each signal: the shell's `echo rc=$?` runs, with 128 + the
/// signal's number, on a restored terminal.
fn signals_restore(tmux: &Tmux, signals: &[(&str, i32)]) {
    for &(signal, number) in signals {
        tmux.send(&["C-l"]);
        let pid = tmux.start_browser();
        kill(signal, pid);
        let want = format!("rc={}", 128 + number);
        let screen = tmux.wait_for(&format!("the shell after SIG{signal}"), |s| {
            s.lines().any(|l| l.starts_with("rc="))
        });
        assert!(
            screen.lines().any(|l| l.trim() == want),
            "SIG{signal}: expected {want}:\n{screen}"
        );
        tmux.assert_terminal_restored(&format!("sig{number}"));
    }
}

#[test]
fn ctrl_z_and_sigtstp_suspend_and_fg_repaints() {
    if !tmux_available() {
        eprintln!("SKIPPED suspend: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let tmux = Tmux::shell(&format!("obddx-test-tstp-{}", std::process::id()));
    let pid = tmux.start_browser();
    // Something to recognise after the repaint: the help overlay's title.
    tmux.send(&["?"]);
    tmux.wait_for("the help", |s| s.contains("Help — keys"));

    // Ctrl-Z (a key in raw mode), then SIGTSTP from outside: both give the shell a clean
    // terminal and a stopped job; `fg` brings the same screen back.
    for (round, how) in ["ctrl-z", "sigtstp"].iter().enumerate() {
        if *how == "ctrl-z" {
            tmux.send(&["C-z"]);
        } else {
            kill("TSTP", pid);
        }
        tmux.wait_for("the stopped job", |s| {
            s.lines().filter(|l| l.contains("Stopped")).count() > round
        });
        tmux.assert_terminal_restored(how);
        tmux.literal("fg");
        tmux.send(&["Enter"]);
        tmux.wait_format("#{alternate_on}", "1");
        tmux.wait_format("#{mouse_any_flag}", "1");
        tmux.wait_for("the browser repainted", |s| {
            s.contains("Help — keys") && s.contains("obddx │ Filter")
        });
    }
    // Still usable: close the help, search, then quit cleanly.
    tmux.send(&["Escape"]);
    tmux.wait_for("the help closed", |s| !s.contains("Help — keys"));
    tmux.send(&["/"]);
    tmux.literal("pain");
    tmux.wait_for("search results", |s| s.contains("Results"));
    tmux.send(&["Escape"]);
    tmux.wait_for("search closed", |s| !s.contains("Results"));
    tmux.quit_resumed_job("quit");
}

#[test]
fn a_20_kb_bracketed_paste_arrives_whole_and_esc_q_quits_at_once() {
    if !tmux_available() {
        eprintln!("SKIPPED paste: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let tmux = Tmux::shell(&format!("obddx-test-paste-{}", std::process::id()));
    // 20,000 characters with line breaks, tabs and `q`s (text, not keys, inside a paste).
    let unit = "bleeding q\tpain\n";
    let text: String = unit.repeat(20_000 / unit.len() + 1)[..20_000].to_string();
    let file = std::env::temp_dir().join(format!("obddx-paste-{}.txt", std::process::id()));
    std::fs::write(&file, &text).expect("write the paste");
    // load-buffer: a 20 kB set-buffer argument is over tmux's message size.
    let out = tmux.cmd(&["load-buffer", file.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "load-buffer: {out:?}");
    tmux.start_browser();

    let start = Instant::now();
    // -p: bracketed, as the browser asked for it.
    let out = tmux.cmd(&["paste-buffer", "-p", "-t", "obddx"]);
    assert!(out.status.success(), "paste-buffer: {out:?}");
    // The whole paste is one event: the search line is cut, and the rest counted exactly.
    let screen = tmux.wait_for("the paste to be taken", |s| s.contains("19744 left out"));
    let received = start.elapsed();
    assert!(
        screen.contains("q pain bleeding q pain bleeding"),
        "line breaks and tabs as spaces:\n{screen}"
    );
    tmux.send(&["Escape"]);
    tmux.wait_for("search left", |s| {
        !s.contains("left out") && s.contains("Differential")
    });
    tmux.send(&["q"]);
    tmux.wait_for("the shell", |s| s.lines().any(|l| l.trim() == "rc=0"));
    let quit = start.elapsed();
    eprintln!("20 kB paste: taken in {received:?}, Esc q back at the shell after {quit:?}");
    // Generous bounds for a loaded CI machine (measured: about 0.1 s).
    assert!(received < Duration::from_secs(3), "{received:?}");
    assert!(quit < Duration::from_secs(5), "{quit:?}");
    tmux.assert_terminal_restored("paste");
}

/// Runs the browser in its own tmux session with `OBDDX_CONFIG` pointing at `config`, waits
/// for its first frame and returns the screen.
fn browser_with_config(tmux: &Tmux, config: &std::path::Path) -> String {
    let bin = env!("CARGO_BIN_EXE_obddx");
    let env = format!("OBDDX_CONFIG={}", config.display());
    tmux.new_session(("100", "30"), &["env", &env, bin]);
    tmux.wait_for("the browser", |s| s.contains("3rd trimester"))
}

/// Waits for the session to end (the browser quit).
fn wait_session_end(tmux: &Tmux, what: &str) {
    let start = Instant::now();
    while tmux.cmd(&["has-session", "-t", "obddx"]).status.success() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what} did not quit:\n{}",
            tmux.capture()
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_config_file_sets_up_the_browser_and_a_broken_one_only_warns() {
    if !tmux_available() {
        eprintln!("SKIPPED config: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let dir = std::env::temp_dir().join(format!("obddx-tmux-config-{pid}"));
    std::fs::create_dir_all(&dir).unwrap();
    let tmux = Tmux {
        socket: format!("obddx-test-cfg-{pid}"),
    };

    // Opens on the 3rd trimester, leaves the mouse alone, and `x` quits.
    let good = dir.join("good.ron");
    std::fs::write(
        &good,
        "(default_stage: Some(3), mouse: false, keys: [(key: \"x\", action: Quit)])",
    )
    .unwrap();
    let screen = browser_with_config(&tmux, &good);
    assert!(!screen.contains("1st trimester"), "stage 3 only:\n{screen}");
    assert_eq!(tmux.format("#{mouse_any_flag}"), "0", "mouse: false");
    tmux.send(&["x"]);
    wait_session_end(&tmux, "x (bound to Quit in the config)");

    // A broken file: the browser still opens, on the defaults, and says what was wrong where.
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "(\n  theme: Mono,\n  colour: true,\n)\n").unwrap();
    let screen = browser_with_config(&tmux, &broken);
    assert!(screen.contains("1st trimester"), "defaults:\n{screen}");
    assert!(
        screen.contains("config file problem") && screen.contains("broken.ron:3:3"),
        "the warning with line:column:\n{screen}"
    );
    // Without the config x is not bound: it starts a search (type-to-search); Esc leaves it.
    tmux.send(&["x"]);
    tmux.wait_for("a search started by x", |s| s.contains("/ x"));
    assert!(
        tmux.cmd(&["has-session", "-t", "obddx"]).status.success(),
        "x is not bound without the config"
    );
    tmux.send(&["Escape"]);
    tmux.wait_for("the tree again", |s| !s.contains("/ x"));
    tmux.send(&["q"]);
    wait_session_end(&tmux, "q");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_z_under_a_wrapper_gives_the_prompt_back_and_fg_resumes() {
    if !tmux_available() {
        eprintln!("SKIPPED wrapper suspend: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let tmux = Tmux::shell(&format!("obddx-test-wrap-{}", std::process::id()));
    // `; true` keeps bash from exec'ing the browser: bash waits for it, as cargo or make would.
    tmux.literal(&format!(
        "bash -c '{}; true'; echo rc=$?",
        env!("CARGO_BIN_EXE_obddx")
    ));
    tmux.send(&["Enter"]);
    tmux.wait_for("the trimesters", |s| s.contains("3rd trimester"));
    tmux.wait_format("#{alternate_on}", "1");
    tmux.send(&["C-z"]);
    tmux.wait_for("the stopped job", |s| s.contains("Stopped"));
    tmux.assert_terminal_restored("wrapped");
    tmux.literal("fg");
    tmux.send(&["Enter"]);
    tmux.wait_format("#{alternate_on}", "1");
    tmux.wait_for("the browser repainted", |s| s.contains("3rd trimester"));
    tmux.quit_resumed_job("wrapped-quit");
}

#[test]
fn a_paste_ending_in_half_a_sequence_leaves_ctrl_c_and_q_working() {
    if !tmux_available() {
        eprintln!("SKIPPED half sequence: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux::shell(&format!("obddx-test-half-{pid}"));
    let file = std::env::temp_dir().join(format!("obddx-half-{pid}.txt"));
    // The paste's own end, then the start of a mouse report that never ends.
    std::fs::write(&file, "pain\x1b[201~\x1b[<").expect("write the paste");
    let out = tmux.cmd(&["load-buffer", file.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "load-buffer: {out:?}");
    for (key, rc) in [("q", "rc=0"), ("C-c", "rc=130")] {
        tmux.send(&["C-l"]);
        tmux.start_browser();
        let out = tmux.cmd(&["paste-buffer", "-p", "-t", "obddx"]);
        assert!(out.status.success(), "paste-buffer: {out:?}");
        tmux.wait_for("the paste as a search", |s| s.contains("/ pain"));
        // Esc leaves the search line; q (or Ctrl-C) quits.
        if key == "q" {
            tmux.send(&["Escape"]);
            tmux.wait_for("search left", |s| !s.contains("/ pain"));
        }
        tmux.send(&[key]);
        tmux.wait_for(&format!("{key} to quit"), |s| {
            s.lines().any(|l| l.trim() == rc)
        });
        tmux.assert_terminal_restored(&format!("half-{key}"));
    }
}

#[test]
fn other_terminating_signals_restore_the_terminal() {
    if !tmux_available() {
        eprintln!("SKIPPED signals: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let tmux = Tmux::shell(&format!("obddx-test-usr-{}", std::process::id()));
    signals_restore(&tmux, &[("USR1", 10), ("ALRM", 14), ("RTMIN+5", 39)]);
}

#[test]
fn extreme_geometries_draw_or_ask_to_enlarge_without_hanging() {
    if !tmux_available() {
        eprintln!("SKIPPED geometry: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let tmux = Tmux {
        socket: format!("obddx-test-geo-{pid}"),
    };
    let bin = env!("CARGO_BIN_EXE_obddx");
    for (w, h, shows) in [
        ("1", "1", ""),
        ("40", "10", "obddx"),
        ("500", "200", "3rd trimester"),
        ("10000", "10000", "3rd trimester"),
    ] {
        let start = Instant::now();
        tmux.new_session((w, h), &[bin]);
        tmux.wait_for(&format!("a frame at {w}×{h}"), |s| s.contains(shows));
        // Still answering: q quits.
        sleep(Duration::from_millis(200));
        tmux.send(&["q"]);
        wait_session_end(&tmux, &format!("q at {w}×{h}"));
        eprintln!("{w}×{h}: drawn and quit in {:?}", start.elapsed());
    }
}

/// Runs the browser with its state in `state` (and no config or overlay of the user's).
fn browser_with_state(tmux: &Tmux, state: &std::path::Path) -> String {
    let bin = env!("CARGO_BIN_EXE_obddx");
    let env = format!("XDG_STATE_HOME={}", state.display());
    tmux.new_session(
        ("100", "30"),
        // A unit in Kolkata (UTC+5:30): the time the gestation was set is on its clock.
        &[
            "env",
            &env,
            "OBDDX_CONFIG=",
            "OBDDX_LOCAL=",
            "TZ=Asia/Kolkata",
            bin,
        ],
    );
    tmux.wait_for("the browser", |s| s.contains("3rd trimester"))
}

#[test]
fn a_star_survives_a_restart_and_a_corrupt_state_file_is_kept_aside() {
    if !tmux_available() {
        eprintln!("SKIPPED state: tmux is not installed (apt-get install -y tmux)");
        return;
    }
    let pid = std::process::id();
    let state = std::env::temp_dir().join(format!("obddx-tmux-state-{pid}"));
    let _ = std::fs::remove_dir_all(&state);
    let tmux = Tmux {
        socket: format!("obddx-test-state-{pid}"),
    };

    // Star a cause found by search, quit.
    browser_with_state(&tmux, &state);
    tmux.send(&["/"]);
    tmux.literal("vasa praevia");
    tmux.wait_for("the result", |s| s.contains("Vasa praevia"));
    tmux.send(&["Enter"]);
    tmux.send(&["s"]);
    tmux.wait_for("the star", |s| s.contains("Starred: Vasa praevia"));
    tmux.send(&["q"]);
    wait_session_end(&tmux, "q");
    let file = state.join("obddx").join("state.ron");
    let saved = std::fs::read_to_string(&file).expect("the state file");
    assert!(saved.contains("vasa-praevia"), "{saved}");
    assert!(
        !saved.contains("vasa praevia"),
        "no query is written: {saved}"
    );

    // Restart: Favourites lead the tree.
    let screen = browser_with_state(&tmux, &state);
    let first_rows: Vec<&str> = screen.lines().skip(2).take(2).collect();
    assert!(
        first_rows[0].contains("Favourites") && first_rows[1].contains("Vasa praevia"),
        "{screen}"
    );
    // New patient: X asks, Enter clears the gestation and the search.
    tmux.send(&["w"]);
    tmux.literal("32+4");
    tmux.send(&["Enter"]);
    let set = tmux.wait_for("the gestation", |s| s.contains("GA 32+4"));
    let kolkata = jiff::tz::TimeZone::get("Asia/Kolkata").unwrap();
    let now = jiff::Timestamp::now().to_zoned_datetime(kolkata);
    let title = set.lines().next().unwrap_or_default();
    let minutes = [
        now.clone(),
        now.saturating_sub(jiff::Span::new().minutes(1)),
    ]
    .map(|t| format!("set {}", t.strftime("%H:%M IST")));
    assert!(
        minutes.iter().any(|m| title.contains(m.as_str())),
        "the local time, {minutes:?}: {title}"
    );
    tmux.send(&["/"]);
    tmux.literal("painless");
    tmux.send(&["Enter"]);
    tmux.send(&["X"]);
    tmux.wait_for("the question", |s| s.contains("New patient?"));
    tmux.send(&["Enter"]);
    let cleared = tmux.wait_for("the reset", |s| s.contains("New patient: gestation"));
    assert!(
        !cleared.contains("GA 32+4") && !cleared.contains("painless"),
        "{cleared}"
    );
    tmux.send(&["q"]);
    wait_session_end(&tmux, "q");

    // Garbage: a warning, the browser works, the file is kept aside, not overwritten.
    std::fs::write(&file, "garbage ((( not RON").unwrap();
    let screen = browser_with_state(&tmux, &state);
    assert!(
        screen.contains("favourites and recents not read"),
        "{screen}"
    );
    tmux.send(&["/"]);
    tmux.literal("ectopic");
    tmux.wait_for("search still works", |s| s.contains("Ectopic pregnancy"));
    tmux.send(&["Escape"]);
    tmux.send(&["q"]);
    wait_session_end(&tmux, "q");
    let aside: Vec<_> = std::fs::read_dir(state.join("obddx"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("state.ron.unreadable-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = std::fs::read_to_string(state.join("obddx").join(&aside[0])).unwrap();
    assert_eq!(kept, "garbage ((( not RON");
    std::fs::remove_dir_all(&state).unwrap();
}
