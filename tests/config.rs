//! The config file from the command line: where it is, a default that loads cleanly, a broken
//! one that only warns, and options that change what is printed.

use std::path::PathBuf;

use assert_cmd::Command;

fn obddx() -> Command {
    let mut cmd = Command::cargo_bin("obddx").unwrap();
    // Never the tester's own config.
    cmd.env_remove("OBDDX_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-obddx-test");
    cmd
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("obddx-config-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A scratch directory holding `config.ron` with `text`.
fn config_file(test: &str, text: impl AsRef<[u8]>) -> (PathBuf, PathBuf) {
    let dir = scratch(test);
    let file = dir.join("config.ron");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

/// `obddx list` with `OBDDX_CONFIG` set to `config`: it must succeed, whatever the file holds.
fn list_with_config(config: &std::path::Path) -> std::process::Output {
    let out = obddx()
        .env("OBDDX_CONFIG", config)
        .arg("list")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    out
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_path_follows_obddx_config_then_xdg() {
    let xdg = stdout(
        obddx()
            .env("XDG_CONFIG_HOME", "/tmp/xdg-here")
            .args(["config", "--path"]),
    );
    assert_eq!(xdg, "/tmp/xdg-here/obddx/config.ron\n");
    let named = stdout(
        obddx()
            .env("OBDDX_CONFIG", "/etc/obddx.ron")
            .args(["config", "--path"]),
    );
    assert_eq!(named, "/etc/obddx.ron\n");
    // Empty: no config file at all; saying so is an error, not an empty line.
    obddx()
        .env("OBDDX_CONFIG", "")
        .args(["config", "--path"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("OBDDX_CONFIG is set but empty"));
    // One of --path, --default, --actions and --check is needed.
    obddx().arg("config").assert().code(2);
}

#[test]
fn the_default_config_loads_without_a_warning_and_changes_nothing() {
    let dir = scratch("default");
    let file = dir.join("config.ron");
    let text = stdout(obddx().args(["config", "--default"]));
    assert!(
        text.contains("theme: Auto") && text.contains("keys: ["),
        "{text}"
    );
    std::fs::write(&file, &text).unwrap();
    let out = list_with_config(&file);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout(obddx().arg("list"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_broken_config_warns_with_line_and_column_and_never_blocks() {
    // A syntax error: the defaults.
    let (dir, file) = config_file("broken", "(\n  theme: Mono,\n  mouse: \n");
    let out = list_with_config(&file);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let at = format!("warning: {}:3:9: ", file.display());
    assert!(stderr.starts_with(&at), "{stderr}");
    assert!(stderr.contains("using the defaults"), "{stderr}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout(obddx().arg("list"))
    );

    // Not a file, not text, an escape sequence in it: still a warning, still a list.
    std::fs::write(&file, b"\xff\xfe(").unwrap();
    obddx()
        .env("OBDDX_CONFIG", &file)
        .arg("list")
        .assert()
        .success()
        .stderr(predicates::str::contains("not UTF-8"));
    std::fs::write(&file, "(theme: \x1b[2J)").unwrap();
    let out = list_with_config(&file);
    assert!(
        !out.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    obddx()
        .env("OBDDX_CONFIG", &dir)
        .arg("list")
        .assert()
        .success()
        .stderr(predicates::str::contains("cannot read the config"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn guideline_layer_off_is_documents_only_everywhere() {
    let (dir, file) = config_file("layer", "(guideline_layer: false)");
    for args in [
        &["list"][..],
        &["show", "placenta-praevia"],
        &["search", "bleeding", "32", "weeks"],
        &["export", "--format", "json"],
    ] {
        let with_config = stdout(obddx().env("OBDDX_CONFIG", &file).args(args));
        let with_flag = stdout(obddx().arg("--documents-only").args(args));
        assert_eq!(with_config, with_flag, "{args:?}");
        assert_ne!(with_config, stdout(obddx().args(args)), "{args:?}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_mono_theme_leaves_color_always_in_force() {
    let (dir, file) = config_file("mono", "(theme: Mono)");
    let always = stdout(obddx().env("OBDDX_CONFIG", &file).args([
        "--color",
        "always",
        "show",
        "placental-abruption",
    ]));
    assert!(always.contains("\x1b["), "--color always wins");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// One bad key override (an unknown action), one unknown option: each skipped alone at its
/// line and column, and the rest of the file (here the layer switched off) still applies.
#[test]
fn one_bad_override_is_skipped_alone_and_the_rest_applies() {
    let text = "(\n  keys: [\n    (key: \"x\", action: Quit),\n    (key: \"y\", action: Qiut),\n  ],\n  colour: true,\n  guideline_layer: false,\n)\n";
    let (dir, file) = config_file("one-bad", text);
    let out = list_with_config(&file);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let name = file.display();
    assert!(
        stderr.contains(&format!("warning: {name}:4:24: unknown action `Qiut`")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("warning: {name}:6:3: ")) && stderr.contains("`colour` ignored"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout(obddx().args(["--documents-only", "list"])),
        "guideline_layer: false still applies"
    );

    // `config --check` says the same, then the settings; exit 1 for the problems.
    let check = obddx()
        .args(["config", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let report = String::from_utf8(check.stdout).unwrap();
    assert!(
        report.contains(&format!("problem: {name}:4:24: unknown action `Qiut`")),
        "{report}"
    );
    assert!(report.contains("guideline_layer: false"), "{report}");
    assert!(report.contains("x → Quit in Browse"), "{report}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn config_check_passes_a_good_file_and_names_a_missing_one() {
    let (dir, file) = config_file("check-ok", "(theme: Mono, default_stage: Some(2))");
    let report = stdout(obddx().args(["config", "--check"]).arg(&file));
    assert!(
        report.starts_with(&format!("{}: ok\n", file.display())),
        "{report}"
    );
    assert!(report.contains("theme: Mono") && report.contains("default_stage: Some(2)"));
    // The file in use when no PATH is given.
    let in_use = stdout(
        obddx()
            .env("OBDDX_CONFIG", &file)
            .args(["config", "--check"]),
    );
    assert_eq!(in_use, report);
    obddx()
        .args(["config", "--check"])
        .arg(dir.join("missing.ron"))
        .assert()
        .code(1)
        .stdout(predicates::str::contains("no such file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn config_actions_lists_bindable_actions_and_contexts_one_per_line() {
    let text = stdout(obddx().args(["config", "--actions"]));
    let line_of = |name: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no line for {name} in:\n{text}"))
    };
    assert!(line_of("Quit").contains("quit"));
    assert!(line_of("FilterTrimester(Some(2))").contains("2nd trimester"));
    assert!(line_of("SideBySide").contains("Side by side"));
    assert!(line_of("Browse").contains("Browsing"));
    // What a key cannot stand for is not offered.
    for internal in ["Paste", "Click", "ScrollUp", "WeekDigit"] {
        assert!(!text.contains(internal), "{internal} listed:\n{text}");
    }
}

#[test]
fn thousands_of_bad_overrides_print_ten_warnings_and_a_count() {
    let mut text = String::from("(theme: Mono,\n keys: [\n");
    for _ in 0..500 {
        text.push_str("    (key: \"nope-key\", action: Quit),\n");
        text.push_str("    (key: \"x\", action: ToggleHelp),\n");
    }
    text.push_str(" ])\n");
    let (_dir, file) = config_file("many-bad", &text);
    let out = list_with_config(&file);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 11, "{stderr}");
    assert!(warnings[0].contains(":3:5:"), "{stderr}");
    assert!(
        warnings[10].contains("490 more problems") && warnings[10].contains("config --check"),
        "{stderr}"
    );
    // The good overrides and the theme still apply: `config --check` sees all 500 problems.
    let check = obddx()
        .env("OBDDX_CONFIG", &file)
        .args(["config", "--check"])
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&check.stdout)
        .matches("nope-key")
        .count()
        + String::from_utf8_lossy(&check.stderr)
            .matches("nope-key")
            .count();
    assert_eq!(all, 500);
}
