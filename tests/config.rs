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
    // One of --path and --default is needed.
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
    let (dir, file) = config_file("broken", "(\n  theme: Mono,\n  colour: true,\n)\n");
    let out = list_with_config(&file);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let at = format!("warning: {}:3:3: ", file.display());
    assert!(stderr.starts_with(&at), "{stderr}");
    assert!(
        stderr.contains("colour") && stderr.contains("using the defaults"),
        "{stderr}"
    );
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
