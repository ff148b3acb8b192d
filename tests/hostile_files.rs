//! Every file the app reads (the KB with `--kb`, the config), named as something that is not a
//! regular file: a FIFO with no writer, devices, a directory, a symlink loop. Each command ends
//! at once with a message; none blocks. And the smaller ways out of issue 21: a closed stdout,
//! a relative HOME, TERM=dumb, a UTF-16 config.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_obddx");

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("obddx-files-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs `cmd` with no terminal and no config, and fails if it has not finished within 10 s.
fn run(mut cmd: Command) -> Output {
    cmd.env_remove("OBDDX_CONFIG");
    run_with_config(cmd, Path::new("/nonexistent-obddx-test/config.ron"))
}

/// As [`run`], with the config file `config`.
fn run_with_config(mut cmd: Command, config: &Path) -> Output {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("OBDDX_CONFIG", config);
    let mut child = cmd.spawn().expect("start obddx");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("{cmd:?} blocked for 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// Paths that are not regular files, with what the message must say.
fn special_paths(dir: &Path) -> Vec<(PathBuf, &'static str)> {
    let mut paths = vec![
        (PathBuf::from("/dev/zero"), "character device"),
        (PathBuf::from("/dev/null"), "character device"),
        // Standard input is /dev/null here.
        (PathBuf::from("/dev/stdin"), "character device"),
        (dir.to_path_buf(), "directory"),
    ];
    let fifo = dir.join("fifo");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        paths.push((fifo, "named pipe"));
    }
    let a = dir.join("loop-a");
    let b = dir.join("loop-b");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    paths.push((a, "symbolic links"));
    paths
}

#[test]
fn a_kb_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = scratch("kb");
    for (path, what) in special_paths(&dir) {
        let mut cmd = Command::new(BIN);
        cmd.arg("--kb").arg(&path).arg("check");
        let out = run(cmd);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{path:?}: {stderr}");
        // The report is wrapped to the width: compare its words.
        let words = stderr
            .split(|c: char| c.is_whitespace() || c == '│')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            words.contains(what),
            "{path:?}: expected {what:?} in {stderr}"
        );
    }
}

#[test]
fn a_config_that_is_not_a_regular_file_warns_and_the_defaults_apply() {
    let dir = scratch("config");
    for (path, what) in special_paths(&dir) {
        let mut cmd = Command::new(BIN);
        cmd.arg("list");
        let out = run_with_config(cmd, &path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{path:?}: {stderr}");
        assert!(
            stderr.contains("cannot read the config") && stderr.contains("using the defaults"),
            "{path:?} ({what}): {stderr}"
        );
    }
}

#[test]
fn a_utf16_config_is_named_as_such() {
    let dir = scratch("utf16");
    let path = dir.join("config.ron");
    let text: Vec<u8> = "(ascii: true)"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&path, text).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.arg("list");
    let out = run_with_config(cmd, &path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("UTF-16 (little-endian)"), "{stderr}");
}

#[test]
fn a_closed_stdout_fails_with_a_message() {
    let out = Command::new("sh")
        .args(["-c", &format!("{BIN} export --format json >&-")])
        .output()
        .expect("sh");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write output"), "{stderr}");
}

#[test]
fn a_relative_home_gives_no_relative_config_path() {
    let mut cmd = Command::new(BIN);
    cmd.args(["config", "--path"])
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", "relative/home");
    cmd.env_remove("OBDDX_CONFIG");
    let out = cmd.output().expect("obddx config --path");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains("relative/home"), "{stdout}");
}

#[test]
fn term_dumb_refuses_the_browser_with_a_message() {
    let mut cmd = Command::new(BIN);
    cmd.env("TERM", "dumb");
    let out = run(cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("TERM=dumb"), "{stderr}");
}
