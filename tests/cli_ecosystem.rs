//! Completions, man page and `--color`, through the real binary.

use assert_cmd::Command;

fn obddx() -> Command {
    let mut cmd = Command::cargo_bin("obddx").unwrap();
    cmd.env_remove("NO_COLOR").env("TERM", "xterm");
    cmd
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_shell_completes_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout_of(obddx().args(["completions", shell]));
        for sub in [
            "check",
            "list",
            "show",
            "export",
            "search",
            "completions",
            "man",
        ] {
            assert!(script.contains(sub), "{shell} script lacks `{sub}`");
        }
    }
}

#[test]
fn man_page_is_roff() {
    let page = stdout_of(obddx().arg("man"));
    assert!(page.lines().any(|l| l.starts_with(".TH obddx")), "{page}");
    assert!(page.contains(".SH NAME"));
    assert!(page.contains("completions"));
}

#[test]
fn color_always_emits_sgr_even_with_no_color() {
    let text = stdout_of(obddx().env("NO_COLOR", "1").args([
        "--color",
        "always",
        "show",
        "ectopic-pregnancy",
    ]));
    assert!(text.contains("\x1b["), "no SGR in: {text}");
}

#[test]
fn color_never_and_a_pipe_emit_none() {
    let never = stdout_of(obddx().args(["--color", "never", "show", "ectopic-pregnancy"]));
    let piped = stdout_of(obddx().args(["show", "ectopic-pregnancy"]));
    assert!(!never.contains('\x1b'));
    assert!(!piped.contains('\x1b'));
}
