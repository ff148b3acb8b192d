//! Expected-output files for the text the CLI prints (tealdeer-style), reviewed with `cargo insta`.
//! The CLI never emits colour codes, so these are also the no-colour outputs.

use assert_cmd::Command;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("obddx")
        .unwrap()
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn list_all() {
    insta::assert_snapshot!("list", run(&["list"]));
}

#[test]
fn list_third_trimester() {
    insta::assert_snapshot!("list-trimester-3", run(&["list", "--trimester", "3"]));
}

#[test]
fn show_text() {
    insta::assert_snapshot!(
        "show-ectopic-pregnancy",
        run(&["show", "ectopic-pregnancy"])
    );
}

#[test]
fn show_markdown() {
    insta::assert_snapshot!(
        "show-placental-abruption-md",
        run(&["show", "placental-abruption", "--format", "markdown"])
    );
}

#[test]
fn search_text() {
    insta::assert_snapshot!(
        "search-stone-hard-uterus",
        run(&[
            "search",
            "stone-hard uterus and lower back pain",
            "--limit",
            "3"
        ])
    );
}

#[test]
fn search_stage_only_lists_unscored() {
    insta::assert_snapshot!("search-week-7", run(&["search", "7 weeks"]));
}

#[test]
fn check_summary() {
    insta::assert_snapshot!("check", run(&["check"]));
}

#[test]
fn no_escape_codes_anywhere() {
    for args in [
        &["list"][..],
        &["show", "placenta-praevia"],
        &["export", "--format", "markdown"],
        &["search", "pain"],
    ] {
        assert!(
            !run(args).contains('\u{1b}'),
            "{args:?} printed an escape code"
        );
    }
}

/// The Markdown export's headings go down one level at a time (no `##` straight to `####`).
#[test]
fn markdown_export_headings_never_skip_a_level() {
    let out = assert_cmd::Command::cargo_bin("obddx")
        .unwrap()
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut level = 0;
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if in_code || hashes == 0 || !line[hashes..].starts_with(' ') {
            continue;
        }
        assert!(
            hashes <= level + 1,
            "{line:?} after a level-{level} heading"
        );
        level = hashes;
    }
    assert!(level >= 3, "the causes' sections are level 3");
}
