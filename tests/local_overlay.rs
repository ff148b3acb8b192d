//! The local protocol overlay end to end, through the binary: where it is read from, its marker
//! and site on every surface, its first steps leading the do-now lines, search, `--no-local`,
//! `check` with line and column, and a past review date flagged everywhere.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/local.ron")
}

const SITE: &str = "Example General Maternity Unit (FICTIONAL)";
/// A word only the example overlay has.
const ONLY_LOCAL: &str = "coordinator";

/// The binary with no config file, no user overlay and no state: only what the test gives.
fn obddx(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("obddx").expect("binary");
    cmd.env("OBDDX_CONFIG", "")
        .env_remove("OBDDX_LOCAL")
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("HOME", dir);
    cmd
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("obddx-local-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn show_puts_the_units_first_step_first_marked_local_with_the_site() {
    let dir = temp("show");
    let local = example();
    let text = stdout(
        obddx(&dir)
            .args(["--local"])
            .arg(&local)
            .args(["show", "placenta-praevia"]),
    );
    let first_step = text
        .find("Bleep the labour ward coordinator")
        .expect("the unit's first step");
    let marker = format!("[LOCAL PROTOCOL ({SITE}, v0.1-example) · first step]");
    assert!(text.contains(&marker), "{text}");
    // It leads the do-now lines: before the reference's own advice and every section.
    let advice = text.find("Documents' advice to the patient").unwrap();
    assert!(first_step < advice, "{text}");
    assert!(first_step < text.find("SIGNS").unwrap());
    // The other notes are there too, marked, and the banner names the site and the version.
    assert!(text.contains("Unit blood bank hotline"), "{text}");
    assert!(
        text.contains(&format!("Local protocol: {SITE}, version 0.1-example")),
        "{text}"
    );

    // Without the overlay: no trace of it.
    let plain = stdout(obddx(&dir).args(["--no-local", "show", "placenta-praevia"]));
    assert!(!plain.contains("[LOCAL PROTOCOL") && !plain.contains(ONLY_LOCAL));
    assert!(!plain.contains(SITE));
}

#[test]
fn the_overlay_is_read_from_the_environment_the_config_and_the_config_dir() {
    let dir = temp("sources");
    let local = example();
    let found = |cmd: &mut Command| stdout(cmd.args(["show", "ectopic-pregnancy"])).contains(SITE);
    assert!(!found(&mut obddx(&dir)), "nothing configured: no overlay");
    assert!(found(obddx(&dir).env("OBDDX_LOCAL", &local)));
    assert!(!found(obddx(&dir).env("OBDDX_LOCAL", "")), "empty: none");
    assert!(
        !found(obddx(&dir).env("OBDDX_LOCAL", &local).arg("--no-local")),
        "--no-local wins"
    );

    let config = dir.join("config.ron");
    std::fs::write(
        &config,
        format!("(local: Some({:?}))", local.display().to_string()),
    )
    .unwrap();
    assert!(found(obddx(&dir).env("OBDDX_CONFIG", &config)));
    // The config directory's local.ron, unless the config says `local: None`.
    let user = dir.join("config").join("obddx");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::copy(&local, user.join("local.ron")).unwrap();
    assert!(found(&mut obddx(&dir)));
    std::fs::write(&config, "(local: None)").unwrap();
    assert!(!found(obddx(&dir).env("OBDDX_CONFIG", &config)));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn search_finds_a_word_only_the_overlay_has() {
    let dir = temp("search");
    let local = example();
    let text = stdout(
        obddx(&dir)
            .arg("--local")
            .arg(&local)
            .args(["search", ONLY_LOCAL]),
    );
    assert!(text.contains("placenta-praevia"), "{text}");
    assert!(text.contains("LOCAL PROTOCOL"), "{text}");
    let json = stdout(
        obddx(&dir)
            .arg("--local")
            .arg(&local)
            .args(["search", ONLY_LOCAL, "--format", "json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["hits"][0]["id"], "placenta-praevia");
    assert_eq!(v["hits"][0]["matches"][0]["field"], "local");
    assert_eq!(v["local_layer"]["site"], SITE);

    // Without the overlay nothing matches the word (the must-not-miss group, which lists every
    // stage's emergencies when no stage is stated, still names praevia).
    let none = stdout(obddx(&dir).args(["--no-local", "search", ONLY_LOCAL]));
    assert!(
        none.contains(&format!("No cause matches \"{ONLY_LOCAL}\"")),
        "{none}"
    );
}

#[test]
fn json_and_exports_carry_the_layer_as_local() {
    let dir = temp("json");
    let local = example();
    let json = stdout(obddx(&dir).arg("--local").arg(&local).args([
        "show",
        "placenta-praevia",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let notes = v["local_notes"].as_array().unwrap();
    assert_eq!(notes[0]["layer"], "local");
    assert_eq!(notes[0]["do_now"], true);
    assert_eq!(notes[0]["site"], SITE);
    assert_eq!(v["local_layer"]["past_review"], false);

    let export = stdout(
        obddx(&dir)
            .arg("--local")
            .arg(&local)
            .args(["export", "--format", "json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(v["local_layer"]["notes"].as_array().unwrap().len(), 5);
    let md = stdout(
        obddx(&dir)
            .arg("--local")
            .arg(&local)
            .args(["export", "--format", "markdown"]),
    );
    assert!(
        md.contains(&format!("Local protocol: {SITE}")),
        "banner in the export"
    );
    assert!(md.contains(ONLY_LOCAL));
    let list = stdout(obddx(&dir).arg("--local").arg(&local).arg("list"));
    assert!(list.contains(&format!("Local protocol: {SITE}")), "{list}");
}

fn overlay(notes: &str, review_by: &str) -> String {
    format!(
        "(\n    site: \"Test Unit\",\n    version: \"1\",\n    approved_by: \"Test group\",\n    review_by: \"{review_by}\",\n    notes: [\n{notes}    ],\n)\n"
    )
}

#[test]
fn check_fails_an_unknown_cause_at_its_line_and_column() {
    let dir = temp("check");
    let file = dir.join("unit.ron");
    std::fs::write(
        &file,
        overlay(
            "        (cause: \"placenta-praevia\", text: \"ok\"),\n        (cause: \"no-such-cause\", text: \"x\"),\n",
            "2099-01-01",
        ),
    )
    .unwrap();
    let out = obddx(&dir)
        .arg("check")
        .arg("--local")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unit.ron:8:17")
            && err.contains("unknown cause")
            && err.contains("no-such-cause"),
        "{err}"
    );
    // The example overlay passes, and check says what it holds.
    let ok = stdout(obddx(&dir).arg("check").arg("--local").arg(example()));
    assert!(
        ok.contains("local protocol: Example General Maternity Unit"),
        "{ok}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_refuses_control_characters_bad_scopes_and_oversized_files() {
    let dir = temp("hostile");
    let cases = [
        (
            overlay(
                "        (cause: \"placenta-praevia\", text: \"a\\u{1b}[2Jb\"),\n",
                "2099-01-01",
            ),
            "control",
        ),
        (
            overlay(
                "        (cause: \"placenta-praevia\", stage: 3, text: \"two scopes\"),\n",
                "2099-01-01",
            ),
            "exactly one",
        ),
        (
            overlay(
                "        (weeks: (from: 30, to: 20), text: \"backwards\"),\n",
                "2099-01-01",
            ),
            "weeks 30–20",
        ),
        (overlay("", "2099-02-30"), "not a date"),
        (
            overlay(
                "        (cause: \"placenta-praevia\", text: \"x\", phone: \"1\"),\n",
                "2099-01-01",
            ),
            "phone",
        ),
        (
            format!(
                "// {}\n{}",
                "x".repeat(300 * 1024),
                overlay("", "2099-01-01")
            ),
            "at most",
        ),
    ];
    for (i, (text, expect)) in cases.iter().enumerate() {
        let file = dir.join(format!("case{i}.ron"));
        std::fs::write(&file, text).unwrap();
        let out = obddx(&dir)
            .arg("check")
            .arg("--local")
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "case {i}");
        let err = String::from_utf8_lossy(&out.stderr);
        // The report wraps at 80 columns (where depends on the temporary path's length): read
        // the message with its continuation marks and line breaks folded into spaces.
        let folded = err
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(folded.contains(expect), "case {i}: {err}");
        assert!(!err.contains('\u{1b}'), "case {i}: the message is escaped");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_past_review_date_is_flagged_in_every_output() {
    let dir = temp("review");
    let file = dir.join("old.ron");
    std::fs::write(
        &file,
        overlay(
            "        (cause: \"placenta-praevia\", text: \"Call the unit\", do_now: true),\n",
            "2020-01-31",
        ),
    )
    .unwrap();
    let warning = "LOCAL PROTOCOL PAST ITS REVIEW DATE (2020-01-31)";
    let run = |args: &[&str]| {
        let out = obddx(&dir)
            .arg("--local")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains(warning), "{args:?}: {stdout}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(warning),
            "{args:?}"
        );
    };
    run(&["check"]);
    run(&["show", "placenta-praevia"]);
    run(&["show", "placenta-praevia", "--format", "markdown"]);
    run(&["show", "placenta-praevia", "--format", "json"]);
    run(&["list"]);
    run(&["list", "--format", "json"]);
    run(&["search", "bleeding"]);
    run(&["search", "bleeding", "--format", "json"]);
    run(&["export", "--format", "markdown"]);
    run(&["export", "--format", "json"]);
    run(&["handover", "painless bleeding 32+4"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn handover_prints_sbar_with_gestation_praevia_its_first_steps_and_the_disclaimer() {
    let dir = temp("handover");
    let md = stdout(obddx(&dir).arg("--local").arg(example()).args([
        "handover",
        "painless bleeding 32+4",
        "--format",
        "markdown",
    ]));
    let order = [
        "## S — Situation",
        "Gestation: 32+4 weeks",
        "## B — Background",
        "## A — Assessment",
        "Placenta praevia",
        "## R — Recommendation",
        "Bleep the labour ward coordinator",
        "Disclaimer:",
    ];
    let mut at = 0;
    for part in order {
        let found = md[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} after {at}:\n{md}"));
        at += found;
    }
    assert!(md.contains("EDD about"), "{md}");

    let html = stdout(obddx(&dir).arg("--local").arg(example()).args([
        "handover",
        "painless bleeding 32+4",
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    for external in [
        "http:", "https:", "src=", "href=", "<link", "<script", "url(",
    ] {
        assert!(!html.contains(external), "{external} in:\n{html}");
    }
    assert!(html.contains("Placenta praevia") && html.contains("Disclaimer:"));
}
