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
            "config",
        ] {
            assert!(script.contains(sub), "{shell} script lacks `{sub}`");
        }
    }
}

#[test]
fn man_page_is_roff_with_keys_files_environment_and_exit_status() {
    let page = stdout_of(obddx().arg("man"));
    assert!(page.lines().any(|l| l.starts_with(".TH obddx")), "{page}");
    for section in [
        "NAME",
        "SYNOPSIS",
        "OPTIONS",
        "COMMANDS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "\"EXIT STATUS\"",
    ] {
        assert!(
            page.lines().any(|l| l == format!(".SH {section}")),
            "no {section} in:\n{page}"
        );
    }
    for name in [
        "OBDDX_CONFIG",
        "OBDDX_LOCAL",
        "NO_COLOR",
        "TERM",
        "LC_ALL",
        "XDG_STATE_HOME",
    ] {
        assert!(page.contains(name), "ENVIRONMENT lacks {name}");
    }
    assert!(page.contains("local.ron") && page.contains("/etc/obddx/local.ron"));
    // KEYS comes from the key table.
    assert!(
        page.contains("Ctrl\\-C") || page.contains("Ctrl-C"),
        "{page}"
    );
    assert!(
        page.contains("tell apart: pick a look\\-alike")
            || page.contains("tell apart: pick a look-alike")
    );
    // No reference to a page that is not installed (clap_mangen's `obddx-check(1)` and kin).
    let dangling: Vec<&str> = page
        .lines()
        .filter(|l| l.contains("(1)") || l.contains("SEE ALSO"))
        .collect();
    assert!(dangling.is_empty(), "{dangling:?}");
    for sub in [
        "check",
        "list",
        "show",
        "export",
        "search",
        "completions",
        "config",
    ] {
        assert!(
            page.contains(&format!("obddx {sub}")),
            "COMMANDS lacks {sub}"
        );
    }
}

/// Sources the generated bash completion and asks it, as bash would on Tab, to complete
/// `obddx show plac`, `obddx search --week 3` and `obddx list --trimester `.
#[test]
fn bash_completes_cause_ids_trimesters_and_weeks() {
    let script = stdout_of(obddx().args(["completions", "bash"]));
    let dir = std::env::temp_dir().join(format!("obddx-complete-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("obddx.bash");
    std::fs::write(&file, script).unwrap();
    let complete = |words: &[&str]| -> Vec<String> {
        let array: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let cword = words.len() - 1;
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; \
             COMP_LINE='{}'; COMP_POINT=${{#COMP_LINE}}; \
             _obddx obddx '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display(),
            array.join(" "),
            words.join(" "),
            words[cword],
            words[cword - 1],
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .expect("bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let ids = complete(&["obddx", "show", "plac"]);
    assert!(ids.contains(&"placenta-praevia".to_string()), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("plac")), "{ids:?}");
    assert_eq!(
        complete(&["obddx", "show", "ectopic-p"]),
        ["ectopic-pregnancy"]
    );
    assert_eq!(
        complete(&["obddx", "list", "--trimester", ""]),
        ["1", "2", "3"]
    );
    let weeks = complete(&["obddx", "search", "--week", "4"]);
    assert_eq!(weeks, ["4", "40", "41", "42", "43", "44", "45"]);
    std::fs::remove_dir_all(&dir).unwrap();
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
