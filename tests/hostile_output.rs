//! Hostile text cannot reach the terminal, and writing never panics.
//!
//! - Validation refuses control and bidirectional characters in every text value and id of a
//!   KB, at `file:line:col`.
//! - Defence in depth: where validation cannot stop them (a file name, an id or a query typed on
//!   the command line, a model built without validation), every output writes them `<U+XXXX>`
//!   (text, Markdown, messages) or `\uXXXX` (JSON).
//! - One writer: a full stdout or stderr is exit 1, a closed pipe exit 0, never a panic.
//! - Snippets of a KB written on one long line show a window around the problem.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use obddx::cli::{
    CheckFormat, Command as Cmd, ExportFormat, ListFormat, SearchFormat, ShowFormat, execute, json,
    output,
};
use obddx::kb::{self, GuidelineLayer, KbError, KnowledgeBase, Reference};
use obddx::safe_text::is_unsafe;
use proptest::prelude::*;

fn obddx() -> Command {
    Command::cargo_bin("obddx").unwrap()
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// A directory of its own for each test (tests run in parallel).
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("obddx-h{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `text` with `from` replaced once; the replacement must happen.
fn replaced(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the fixture");
    text.replacen(from, to, 1)
}

/// The raw unsafe characters in `bytes` (a control other than the newline, or a bidi control).
fn raw_unsafe(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| c != '\n' && is_unsafe(c))
        .collect()
}

fn assert_safe(bytes: &[u8], what: &str) {
    let raw = raw_unsafe(bytes);
    assert!(
        raw.is_empty(),
        "{what}: raw {raw:?} in {:?}",
        String::from_utf8_lossy(bytes)
    );
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// The minimal fixture with escape sequences in the meta title (as a RON escape), a cause's
/// name (raw ESC: OSC 52 clipboard write, clear screen, cursor home), a sign (raw DEL, and C1
/// CSI as an escape) and an alias (raw right-to-left override).
fn hostile_kb() -> String {
    let text = fixture("minimal.ron");
    let text = replaced(
        &text,
        "title: \"Bleeding in pregnancy — differential quick reference\"",
        "title: \"Bleeding \\u{1b}]0;pwned\\u{7} in pregnancy\"",
    );
    let text = replaced(
        &text,
        "name: \"Implantation bleeding\"",
        "name: \"Implantation \x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[H bleeding\"",
    );
    let text = replaced(
        &text,
        "\"Painless, or at most minor cramps\"",
        "\"Painless\x7f, or at most \\u{9b}minor cramps\"",
    );
    replaced(
        &text,
        "\"implantation spotting\"",
        "\"implantation \u{202e}spotting\"",
    )
}

#[test]
fn check_refuses_control_and_bidi_characters_at_their_place() {
    let dir = scratch("check");
    let path = dir.join("hostile.ron");
    let text = hostile_kb();
    std::fs::write(&path, &text).unwrap();
    let expected = [
        (
            text.find("\\u{1b}").unwrap(),
            "meta.title contains U+001B (ESC)",
        ),
        (
            text.find('\x1b').unwrap(),
            "causes[implantation-bleeding].name contains U+001B (ESC), a control character (and 3 more in this value)",
        ),
        (
            text.find('\u{202e}').unwrap(),
            "causes[implantation-bleeding].aliases[1] contains U+202E (RLO, right-to-left override), a bidirectional control",
        ),
        (
            text.find('\x7f').unwrap(),
            "causes[implantation-bleeding].signs[1].text contains U+007F (DEL), a control character (and 1 more in this value)",
        ),
    ];
    let out = obddx().args(["check", "--kb"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_safe(&out.stdout, "check stdout");
    assert_safe(&out.stderr, "check stderr");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4 problem(s)"), "{stderr}");
    for (at, _) in &expected {
        let (line, col) = line_col(&text, *at);
        assert!(
            stderr.contains(&format!("hostile.ron:{line}:{col}")),
            "{line}:{col}\n{stderr}"
        );
    }
    // The snippet shows the characters made visible.
    assert!(
        stderr.contains("<U+001B>]52;c;cHduZWQ=<U+0007><U+001B>[2J"),
        "{stderr}"
    );

    // JSON (not wrapped): the same problems, each message whole, with line and column.
    let out = obddx()
        .args(["check", "--format", "json", "--kb"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_safe(&out.stdout, "check json");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), expected.len());
    for (p, (at, message)) in problems.iter().zip(expected) {
        let (line, col) = line_col(&text, at);
        assert_eq!(
            (p["line"].as_u64(), p["column"].as_u64()),
            (Some(line as u64), Some(col as u64))
        );
        let got = p["message"].as_str().unwrap();
        assert!(got.starts_with(message), "{got}\nexpected: {message}");
    }

    // Every command refuses the KB, and writes nothing raw.
    for args in [
        &["list"][..],
        &["show", "implantation-bleeding"],
        &["show", "implantation-bleeding", "--format", "markdown"],
        &["search", "bleeding"],
        &["export", "--format", "markdown"],
        &["export", "--format", "json"],
        &["--version"],
    ] {
        let out = obddx().args(args).arg("--kb").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_safe(&out.stderr, &format!("{args:?}"));
    }
}

/// The string literals of RON text without escapes: the byte range of each one's content.
fn literals(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
            }
            b'"' => {
                let end = i + 1 + text[i + 1..].find('"').unwrap();
                out.push((i + 1, end));
                i = end + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Each string literal of `text` in turn gets an escaped BEL: `load` must report it there.
fn every_literal_is_checked(name: &str, text: &str, load: impl Fn(&str) -> Result<(), KbError>) {
    let all = literals(text);
    assert!(all.len() > 20, "{name}: {} literals", all.len());
    for (start, end) in all {
        let poisoned = format!("{}\\u{{7}}{}", &text[..start], &text[start..]);
        let value = &text[start..end];
        let err = load(&poisoned).expect_err(value);
        let (line, col) = line_col(&poisoned, start);
        let KbError::Invalid { problems, .. } = &err else {
            panic!("{name}: {value:?}: {}", err.full_message());
        };
        assert!(
            problems
                .iter()
                .any(|p| (p.line, p.col) == (line, col) && p.message.contains("U+0007 (BEL)")),
            "{name}: {value:?} at {line}:{col}: {}",
            err.full_message()
        );
    }
}

#[test]
fn every_text_value_and_id_of_a_kb_is_checked() {
    for name in ["minimal.ron", "claims.ron", "tui.ron"] {
        every_literal_is_checked(name, &fixture(name), |text| {
            kb::load_documents_str(name, text).map(|_| ())
        });
    }
}

#[test]
fn every_text_value_and_id_of_the_guideline_layer_is_checked() {
    let documents = kb::load_documents_str(kb::EMBEDDED_KB_NAME, kb::EMBEDDED_KB).unwrap();
    every_literal_is_checked("guidelines.ron", kb::EMBEDDED_GUIDELINES, |text| {
        kb::load_layer_str("guidelines.ron", text, &documents).map(|_| ())
    });
}

#[test]
fn plain_unicode_passes() {
    let text = replaced(
        &fixture("minimal.ron"),
        "name: \"Implantation bleeding\"",
        "name: \"Implantation bleeding — é ü ≥ 6 w … Имплантационное кровотечение\"",
    );
    assert!(kb::load_documents_str("unicode.ron", &text).is_ok());
}

/// Runs `cmd`, returns (exit code, stdout, stderr) after checking neither carries a raw unsafe
/// character.
fn run_safe(mut cmd: Command, what: &str) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    assert_safe(&out.stdout, &format!("{what}: stdout"));
    assert_safe(&out.stderr, &format!("{what}: stderr"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn file_names_ids_and_queries_are_echoed_made_visible() {
    let dir = scratch("echo");
    // A broken KB whose file name holds an escape sequence (set the window title).
    let path = dir.join("kb\x1b]0;pwned\x07.ron");
    std::fs::write(
        &path,
        replaced(
            &fixture("minimal.ron"),
            "urgency: Routine",
            "urgency: Critical",
        ),
    )
    .unwrap();
    let mut cmd = obddx();
    cmd.args(["check", "--kb"]).arg(&path);
    let (code, _, stderr) = run_safe(cmd, "broken KB, hostile name");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("kb<U+001B>]0;pwned<U+0007>.ron:"),
        "{stderr}"
    );
    let mut cmd = obddx();
    cmd.args(["check", "--format", "json", "--kb"]).arg(&path);
    let (code, stdout, _) = run_safe(cmd, "broken KB, hostile name, json");
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains("kb<U+001B>]0;pwned<U+0007>.ron"),
        "{stdout}"
    );

    // A valid KB under a hostile name: the name is not printed raw anywhere.
    let valid = dir.join("ok\x1b[2J\u{202e}.ron");
    std::fs::write(&valid, fixture("minimal.ron")).unwrap();
    for args in [&["list"][..], &["check"], &["--version"]] {
        let mut cmd = obddx();
        cmd.args(args).arg("--kb").arg(&valid);
        let (code, _, _) = run_safe(cmd, "valid KB, hostile name");
        assert_eq!(code, Some(0), "{args:?}");
    }

    // A --kb path that does not exist.
    let mut cmd = obddx();
    cmd.args(["list", "--kb", "missing\x1b[2J\x07\u{9b}\u{202e}.ron"]);
    let (code, _, stderr) = run_safe(cmd, "missing KB");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("missing<U+001B>[2J<U+0007><U+009B><U+202E>.ron"),
        "{stderr}"
    );

    // An id typed on the command line (OSC 52: write the clipboard).
    let mut cmd = obddx();
    cmd.args(["show", "\x1b]52;c;cHduZWQ=\x07"]);
    let (code, _, stderr) = run_safe(cmd, "show hostile id");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("`<U+001B>]52;c;cHduZWQ=<U+0007>`"),
        "{stderr}"
    );

    // A query, in text and JSON (JSON echoes it, escaped).
    for format in ["text", "json"] {
        let mut cmd = obddx();
        cmd.args([
            "search",
            "\x1b[2J\u{202e} bleeding \x7f\u{85}",
            "--format",
            format,
        ]);
        let (code, stdout, _) = run_safe(cmd, "search hostile query");
        assert_eq!(code, Some(0), "{format}");
        if format == "json" {
            assert!(
                stdout.contains(r"\u001b[2J\u202e bleeding \u007f\u0085"),
                "{stdout}"
            );
            let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(v["query"], "\x1b[2J\u{202e} bleeding \x7f\u{85}");
        }
    }

    // clap's usage errors echo what was typed (clap itself strips ANSI sequences; the rest is
    // made visible).
    for args in [
        &["\x1b[2Jbogus\x07"][..],
        &["list", "--trimester", "\x1b]0;x\x07"],
        &["--\u{202e}x"],
    ] {
        let mut cmd = obddx();
        cmd.args(args);
        let (code, _, stderr) = run_safe(cmd, "usage error");
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        if args[0].contains('\u{202e}') {
            assert!(stderr.contains("--<U+202E>x"), "{stderr}");
        }
    }
}

#[test]
fn colour_is_added_after_the_text_is_made_safe() {
    // The only escape sequences in coloured output are our SGR accents.
    let out = obddx()
        .args(["--color", "always", "show", "ectopic-pregnancy"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\x1b[1;31m!! EMERGENCY\x1b[0m"));
    let without_sgr = ["\x1b[1;31m", "\x1b[1;33m", "\x1b[31m", "\x1b[0m"]
        .iter()
        .fold(text.clone(), |t, sgr| t.replace(sgr, ""));
    assert_safe(without_sgr.as_bytes(), "coloured show");
}

fn dev_full() -> Option<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()
}

#[test]
fn a_full_stdout_or_stderr_is_exit_1_never_a_panic() {
    let Some(_) = dev_full() else {
        eprintln!("no /dev/full here: skipped");
        return;
    };
    let bin = assert_cmd::cargo::cargo_bin("obddx");
    let run = |args: &[&str], full_stdout: bool, full_stderr: bool| {
        let mut cmd = std::process::Command::new(&bin);
        cmd.args(args);
        cmd.stdout(if full_stdout {
            Stdio::from(dev_full().unwrap())
        } else {
            Stdio::piped()
        });
        cmd.stderr(if full_stderr {
            Stdio::from(dev_full().unwrap())
        } else {
            Stdio::piped()
        });
        cmd.output().unwrap()
    };
    // stdout full: exit 1, and stderr says why.
    for args in [
        &["--help"][..],
        &["list"],
        &["--version"],
        &["export", "--format", "json"],
        &["man"],
    ] {
        let out = run(args, true, false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write output"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    // stderr full as well: nothing more can be said, the exit code tells.
    let out = run(&["list"], true, true);
    assert_eq!(out.status.code(), Some(1));

    // stderr full: a bad KB, an unknown id, a usage error: exit 1 (101 would be a panic).
    let dir = scratch("full");
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "(meta: (").unwrap();
    let bad = bad.to_str().unwrap();
    for args in [
        &["check", "--kb", bad][..],
        &["list", "--kb", bad],
        &["show", "no-such-cause"],
        &["--bogus"],
    ] {
        let out = run(args, false, true);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
    }
    // Help to a working stdout is still exit 0, a usage error to a working stderr exit 2.
    assert_eq!(run(&["--help"], false, false).status.code(), Some(0));
    assert_eq!(run(&["--bogus"], false, false).status.code(), Some(2));
}

/// A KB written on one line, `aliases` padded to make it longer than `min_len`.
fn one_line_kb(min_len: usize) -> String {
    let text: String = fixture("minimal.ron")
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let mut aliases = String::from("aliases: [");
    let mut i = 0;
    while aliases.len() < min_len {
        aliases.push_str(&format!("\"alias number {i}\", "));
        i += 1;
    }
    aliases.push_str("],");
    replaced(
        &text,
        "aliases: [\"implantation of the ovum\", \"implantation spotting\"],",
        &aliases,
    )
}

#[test]
fn an_error_near_the_end_of_a_100_kb_line_shows_a_window() {
    let dir = scratch("oneline");
    let path = dir.join("oneline.ron");
    let text = replaced(
        &one_line_kb(110_000),
        "urgency: Emergency",
        "urgency: Critical",
    );
    assert!(text.len() > 100_000 && !text.contains('\n'));
    std::fs::write(&path, &text).unwrap();
    let at = text.find("Critical").unwrap();
    let (line, col) = line_col(&text, at);
    assert!(col > 65_535, "past miette's old limit: {col}");
    let out = obddx().args(["check", "--kb"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_safe(&out.stderr, "one-line KB");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.len() < 10_000, "{} bytes", stderr.len());
    assert!(
        stderr.contains(&format!(
            "oneline.ron:{line}:{col}: unknown value `Critical`"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("oneline.ron:{line}:{col}]")),
        "{stderr}"
    );
    // The window: cut before and after, with the problem in it, on the file's line 1.
    let row = stderr
        .lines()
        .find(|l| l.contains("urgency: Critical"))
        .expect(&stderr);
    assert!(row.starts_with(" 1 │ …"), "{row}");
    assert!(row.ends_with('…'), "{row}");
    assert!(row.chars().count() < 2 * kb::SNIPPET_WINDOW + 20, "{row}");
    // The label points at the problem's column within the window.
    let label = stderr.lines().find(|l| l.contains('▲')).expect(&stderr);
    let row_col = row[..row.find("Critical").unwrap()].chars().count();
    let label_col = label.chars().position(|c| c == '▲').unwrap();
    assert_eq!(row_col, label_col, "\n{row}\n{label}");
}

#[test]
fn many_problems_on_one_long_line_show_windows_not_the_line() {
    let text = one_line_kb(120_000).replace("\"alias number", "\"alias\\u{7}number");
    let err = kb::load_str("many.ron", &text).unwrap_err();
    let KbError::Invalid {
        total, problems, ..
    } = &err
    else {
        panic!("{}", err.full_message());
    };
    assert!(*total > 5_000, "{total}");
    assert_eq!(problems.len(), kb::MAX_SHOWN_PROBLEMS);
    for p in problems {
        let snippet = p.source_code.as_ref().unwrap().text();
        assert!(
            snippet.chars().count() <= 2 * kb::SNIPPET_WINDOW + 2,
            "{snippet}"
        );
    }
    let report = output::render_report(&err);
    assert!(
        report.len() < kb::MAX_SHOWN_PROBLEMS * 2_000,
        "{} bytes",
        report.len()
    );
    assert!(report.contains("(the first 50 shown,"), "{report}");
    assert_safe(report.as_bytes(), "report");
}

#[test]
fn snippets_of_short_lines_are_whole_with_their_neighbours() {
    let text = replaced(
        &fixture("minimal.ron"),
        "urgency: Routine",
        "urgency: Critical",
    );
    let err = kb::load_str("short.ron", &text).unwrap_err();
    let report = output::render_report(&err);
    let at = text.find("Critical").unwrap();
    let (line, _) = line_col(&text, at);
    for (n, l) in [(line - 1, line - 2), (line, line - 1), (line + 1, line)] {
        let whole = text.lines().nth(l).unwrap().trim_end();
        assert!(
            report.contains(&format!("{n} │ {whole}\n")),
            "line {n} whole:\n{report}"
        );
    }
}

#[test]
fn nothing_in_the_cli_prints_but_the_writer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/main.rs")];
    for entry in std::fs::read_dir(root.join("src/cli")).unwrap() {
        files.push(entry.unwrap().path());
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for bypass in [
            "println!",
            "eprintln!",
            "print!(",
            "eprint!(",
            "stdout().lock",
            "stderr().lock",
            ".print()",
        ] {
            if file.ends_with("output.rs") && bypass.contains("lock") {
                continue;
            }
            assert!(
                !text.contains(bypass),
                "{} uses {bypass}: write through src/cli/output.rs",
                file.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Every output of a model built without validation: the real "every output" guarantee.

/// RON text with `hostile` appended to every string literal (as `\u{…}` escapes), so every text
/// value and id holds it and every reference still resolves.
fn poisoned_ron(text: &str, hostile: &str) -> String {
    let escaped: String = hostile.chars().fold(String::new(), |mut out, c| {
        let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        out
    });
    let mut out = String::with_capacity(text.len() * 2);
    let mut last = 0;
    for (_, end) in literals(text) {
        out.push_str(&text[last..end]);
        out.push_str(&escaped);
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

fn poisoned_kb(text: &str, hostile: &str) -> KnowledgeBase {
    ron::from_str(&poisoned_ron(text, hostile)).expect("poisoned KB parses")
}

fn assert_no_raw(out: &str, what: &str) {
    let raw: Vec<char> = out.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect();
    assert!(raw.is_empty(), "{what}: raw {raw:?}");
}

/// Runs every subcommand's renderer on `r`; checks no raw unsafe character in any output, and
/// that JSON gives the hostile text back exactly.
fn every_output_is_safe(r: &Reference, hostile: &str) {
    let run = |cmd: Cmd| {
        let what = format!("{cmd:?}");
        let out = execute(r, cmd).unwrap_or_else(|e| e);
        assert_no_raw(&out, &what);
        out
    };
    run(Cmd::Check {
        format: CheckFormat::Text,
    });
    run(Cmd::Check {
        format: CheckFormat::Json,
    });
    for trimester in [None, Some(1), Some(2), Some(3)] {
        for format in [ListFormat::Text, ListFormat::Json] {
            run(Cmd::List { trimester, format });
        }
    }
    run(Cmd::Export {
        format: ExportFormat::Markdown,
    });
    let export = run(Cmd::Export {
        format: ExportFormat::Json,
    });
    let v: serde_json::Value = serde_json::from_str(&export).unwrap();
    let title = v["meta"]["title"].as_str().unwrap();
    assert!(title.ends_with(hostile), "{title:?}");
    for cause in &r.kb.causes {
        for format in [ShowFormat::Text, ShowFormat::Markdown, ShowFormat::Json] {
            let out = run(Cmd::Show {
                id: cause.id.clone(),
                format,
            });
            if format == ShowFormat::Json {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["name"], cause.name.as_str());
            }
        }
    }
    // An unknown id echoed in the error.
    run(Cmd::Show {
        id: format!("nope{hostile}"),
        format: ShowFormat::Text,
    });
    for format in [SearchFormat::Text, SearchFormat::Json] {
        run(Cmd::Search {
            query: vec![format!("bleeding pain {hostile}")],
            trimester: None,
            week: None,
            limit: 10,
            format,
        });
    }
    assert_no_raw(
        &output::sanitize(&obddx::provenance::version_text(&r.kb.meta)),
        "--version",
    );
}

#[test]
fn every_output_of_the_builtin_reference_poisoned_everywhere_is_safe() {
    let hostile = "\x1b]52;c;cHduZWQ=\x07\x1b[2J\t\r\x7f\u{9b}\u{85}\u{202e}\u{2066}\u{61c}";
    let documents = poisoned_kb(kb::EMBEDDED_KB, hostile);
    let layer: GuidelineLayer =
        ron::from_str(&poisoned_ron(kb::EMBEDDED_GUIDELINES, hostile)).unwrap();
    let r = Reference::with_layer(documents, layer);
    assert!(r.kb.causes.iter().all(|c| c.name.ends_with(hostile)));
    every_output_is_safe(&r, hostile);
}

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => (0u32..0x20).prop_map(|n| char::from_u32(n).unwrap()),
        2 => (0x7fu32..0xa0).prop_map(|n| char::from_u32(n).unwrap()),
        2 => prop::sample::select(vec![
            '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}',
            '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ]),
        3 => any::<char>(),
        3 => prop::char::range('a', 'z'),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..40).prop_map(|v| v.into_iter().collect())
}

fn safe_string() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>().prop_filter("safe", |&c| !is_unsafe(c)), 0..60)
        .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_sanitiser_leaves_nothing_raw(s in hostile_string()) {
        let text = output::sanitize(&s);
        prop_assert!(text.chars().all(|c| c == '\n' || !is_unsafe(c)), "{text:?}");
        // Newlines kept, in order: the text's own lines are not joined.
        prop_assert_eq!(text.matches('\n').count(), s.matches('\n').count());
        let all = obddx::safe_text::escape_all(&s);
        prop_assert!(all.chars().all(|c| !is_unsafe(c)), "{all:?}");
    }

    #[test]
    fn json_escapes_every_unsafe_character_and_means_the_same(s in hostile_string()) {
        let json = json::to_json_string(&serde_json::json!({ "text": &s, "list": [&s, "x"] }));
        prop_assert!(json.chars().all(|c| c == '\n' || !is_unsafe(c)), "{json:?}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back["text"].as_str().unwrap(), s.as_str());
    }

    #[test]
    fn plain_text_is_unchanged(s in safe_string()) {
        prop_assert_eq!(output::sanitize(&s).into_owned(), s.clone());
        prop_assert_eq!(obddx::safe_text::escape_all(&s).into_owned(), s.clone());
        let json = serde_json::to_string_pretty(&s).unwrap();
        prop_assert_eq!(json::escape_unsafe(&json).into_owned(), json.clone());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_output_of_a_poisoned_model_is_safe(hostile in hostile_string()) {
        let kb = poisoned_kb(&fixture("minimal.ron"), &hostile);
        every_output_is_safe(&Reference::documents_only(kb), &hostile);
    }

    #[test]
    fn validation_refuses_what_the_outputs_escape(hostile in hostile_string()) {
        let bad = hostile.chars().any(is_unsafe);
        let result = kb::load_documents_str("p.ron", &poisoned_ron(&fixture("minimal.ron"), &hostile));
        if bad {
            let err = result.expect_err("refused");
            prop_assert!(err.full_message().contains("a control character")
                || err.full_message().contains("a bidirectional control"));
        }
    }
}
