//! The command line as a user runs it: every subcommand, exit codes, and the JSON contract.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn obddx() -> Command {
    Command::cargo_bin("obddx").expect("binary built")
}

fn stdout_of(args: &[&str]) -> String {
    let out = obddx().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn export() -> Value {
    serde_json::from_str(&stdout_of(&["export", "--format", "json"])).expect("valid JSON")
}

#[test]
fn help_and_version_everywhere() {
    for sub in [
        &[][..],
        &["check"],
        &["list"],
        &["show"],
        &["export"],
        &["search"],
    ] {
        let mut args = sub.to_vec();
        args.push("--help");
        obddx()
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: obddx"));
    }
    obddx()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    obddx().args(["list", "--version"]).assert().success();
}

#[test]
fn bad_usage_exits_2() {
    obddx()
        .arg("--bogus")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--bogus"));
    obddx().args(["list", "--trimester", "4"]).assert().code(2);
    obddx()
        .args(["export", "--format", "yaml"])
        .assert()
        .code(2);
    obddx()
        .args(["search", "x", "--trimester", "1", "--week", "30"])
        .assert()
        .code(2);
    obddx().arg("show").assert().code(2);
}

#[test]
fn check_prints_counts() {
    let out = stdout_of(&["check"]);
    for word in [
        "ok:",
        "causes:",
        "signs:",
        "red flags",
        "diagnostics:",
        "treatments:",
        "citations:",
    ] {
        assert!(out.contains(word), "{word} missing from:\n{out}");
    }
    let kb = export();
    let causes = kb["causes"].as_array().unwrap().len();
    assert!(out.contains(&format!("causes:       {causes}\n")), "{out}");
}

#[test]
fn check_reports_a_broken_file_with_position_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("obddx-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("broken.ron");
    let text =
        include_str!("fixtures/minimal.ron").replacen("urgency: Emergency", "urgency: Critical", 1);
    let line = text[..text.find("Critical").unwrap()].lines().count();
    std::fs::write(&path, &text).unwrap();
    obddx()
        .args(["check", "--kb"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("broken.ron:{line}:")))
        .stderr(predicate::str::contains("unknown value `Critical`"));
    obddx()
        .args(["list", "--kb", "/nonexistent.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn kb_flag_loads_another_file() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.ron");
    let out = stdout_of(&["check", "--kb", fixture]);
    assert!(out.contains("causes:       2\n"), "{out}");
    let list = stdout_of(&["list", "--kb", fixture]);
    assert!(list.contains("ectopic-pregnancy"), "{list}");
}

#[test]
fn list_shows_the_tree_and_filters_by_trimester() {
    let all = stdout_of(&["list"]);
    assert!(all.contains("1st trimester"), "{all}");
    assert!(all.contains("!! emergency"), "legend missing:\n{all}");
    let kb = export();
    for cause in kb["causes"].as_array().unwrap() {
        assert!(
            all.contains(cause["id"].as_str().unwrap()),
            "{} missing",
            cause["id"]
        );
    }
    let first = stdout_of(&["list", "--trimester", "1"]);
    assert!(
        first.contains("1st trimester") && !first.contains("3rd trimester"),
        "{first}"
    );
    for cause in kb["causes"].as_array().unwrap() {
        let in_first = cause["trimesters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == 1);
        let line_has = first.lines().any(|l| {
            l.split_whitespace()
                .any(|w| w == cause["id"].as_str().unwrap())
        });
        assert_eq!(in_first, line_has, "{} in trimester-1 list", cause["id"]);
    }
}

#[test]
fn show_prints_every_section_in_each_format() {
    let kb = export();
    let cause = &kb["causes"][0];
    let id = cause["id"].as_str().unwrap();
    let text = stdout_of(&["show", id]);
    for section in [
        "SIGNS",
        "DIAGNOSTICS",
        "TREATMENT",
        "SOURCES",
        "Documents' advice to the patient:",
    ] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    assert!(text.contains(cause["name"].as_str().unwrap()));
    assert!(
        text.contains(&cause["urgency"].as_str().unwrap().to_uppercase()),
        "urgency in words"
    );

    let md = stdout_of(&["show", id, "--format", "markdown"]);
    assert!(md.starts_with("## "), "{md}");
    assert!(md.contains("### Signs"), "{md}");

    let mut json: Value =
        serde_json::from_str(&stdout_of(&["show", id, "--format", "json"])).unwrap();
    assert_eq!(json["format_version"], 1);
    let fields = json.as_object_mut().unwrap();
    fields.remove("format_version");
    let meta = fields
        .remove("meta")
        .expect("show JSON carries the KB's meta");
    let documents = fields
        .remove("documents")
        .expect("show JSON lists its documents");
    assert_eq!(
        &json, cause,
        "show --format json equals the export's cause object, plus its provenance"
    );
    let kb = export();
    assert_eq!(meta, kb["meta"], "the same meta as the export");
    // Exactly the documents the cause's sources name, with the export's entries.
    let mut cited: Vec<&str> = cause["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["document"].as_str().unwrap())
        .collect();
    cited.sort_unstable();
    for d in documents.as_array().unwrap() {
        assert!(
            kb["documents"].as_array().unwrap().contains(d),
            "{d} as in export"
        );
    }
    let listed: Vec<&str> = documents
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    for id in &cited {
        assert!(listed.contains(id), "{id} cited but not listed: {listed:?}");
    }
}

/// `show` in every format, `list`, `search` and `--version` say which KB (version, date) they
/// come from, and the printed outputs carry its disclaimer.
#[test]
fn every_output_carries_its_provenance() {
    let kb = export();
    let meta = &kb["meta"];
    let version = meta["version"].as_str().unwrap();
    let updated = meta["updated"].as_str().unwrap();
    let disclaimer = meta["disclaimer"].as_str().unwrap();
    for args in [
        &["show", "placental-abruption"][..],
        &["show", "placental-abruption", "--format", "markdown"],
        &["export", "--format", "markdown"],
        &["list"],
        &["list", "--trimester", "1"],
        &["search", "pain", "and", "bleeding"],
        &["search", "nothing-matches-this"],
    ] {
        let out = stdout_of(args);
        for want in [version, updated, disclaimer] {
            assert!(out.contains(want), "{args:?} lacks {want:?}:\n{out}");
        }
    }
    // `show` text names every document and guideline its JSON lists as drawn on.
    let show = stdout_of(&["show", "placental-abruption"]);
    let json: Value =
        serde_json::from_str(&stdout_of(&["show", "placental-abruption", "-f", "json"])).unwrap();
    let docs = json["documents"].as_array().unwrap();
    assert!(docs.iter().any(|d| d["layer"] == "guideline"), "{docs:?}");
    for d in docs {
        assert!(show.contains(d["id"].as_str().unwrap()), "{d}");
    }
    let tail: String = show.lines().rev().take(6).collect::<Vec<_>>().join("\n");
    assert!(
        tail.contains(disclaimer) && tail.contains(version),
        "{tail}"
    );
    let v = stdout_of(&["--version"]);
    assert!(v.contains(env!("CARGO_PKG_VERSION")) && v.contains(version) && v.contains(updated));
}

#[test]
fn version_with_kb_names_that_kb() {
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.ron");
    let text = std::fs::read_to_string(fixture).unwrap();
    let out = stdout_of(&["--kb", fixture, "--version"]);
    assert!(text.contains("updated: \"2026-11-21\""), "fixture date");
    assert!(out.contains("2026-11-21"), "{out}");
    assert!(
        !out.contains(export()["meta"]["updated"].as_str().unwrap()),
        "{out}"
    );
    obddx()
        .args(["--kb", "/no/such/file.ron", "--version"])
        .assert()
        .code(1);
}

#[test]
fn check_json_lists_every_problem_with_its_place() {
    let dir = std::env::temp_dir().join(format!("obddx-checkjson-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/minimal.ron");
    let text = std::fs::read_to_string(fixture).unwrap();
    let bad = dir.join("bad-date.ron");
    std::fs::write(&bad, text.replace("\"2026-11-21\"", "\"last week\"")).unwrap();
    let out = obddx()
        .args(["--kb", bad.to_str().unwrap(), "check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    let p = &v["problems"][0];
    assert_eq!(p["file"], bad.to_str().unwrap());
    let line = text.lines().position(|l| l.contains("2026-11-21")).unwrap() + 1;
    assert_eq!(p["line"], line);
    assert!(p["column"].as_u64().unwrap() >= 1);
    assert!(p["message"].as_str().unwrap().contains("last week"), "{p}");

    let ok: Value = serde_json::from_str(&stdout_of(&["check", "--format", "json"])).unwrap();
    assert_eq!(ok["ok"], true);
    assert_eq!(
        ok["counts"]["causes"],
        export()["causes"].as_array().unwrap().len()
    );
}

#[test]
fn show_unknown_id_exits_1_with_a_hint() {
    obddx()
        .args(["show", "no-such-cause"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("obddx list"));
}

#[test]
fn export_json_follows_the_contract() {
    let kb = export();
    let causes = kb["causes"].as_array().expect("causes array");
    assert!(!causes.is_empty());
    assert_eq!(kb["format_version"], 1);
    assert!(kb["meta"]["updated"].is_string());
    assert!(kb["meta"].get("reviewed").is_none(), "no sign-off implied");
    let layer_of = |id: &str| {
        kb["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == id)
            .map(|d| d["layer"].as_str().unwrap().to_string())
    };
    for d in kb["documents"].as_array().unwrap() {
        assert!(
            ["source", "guideline"].contains(&d["layer"].as_str().unwrap()),
            "{d}"
        );
    }
    // Every cited item: basis and claim; sources name documents of its own layer, a source
    // document by paragraph, a guideline by (possibly no) section.
    let check_sources = |item: &Value, what: &str| {
        let sources = item["sources"]
            .as_array()
            .unwrap_or_else(|| panic!("{what}: no sources array"));
        assert!(!sources.is_empty(), "{what}: empty sources");
        let basis = item["basis"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: no basis"));
        let status = item["claim"]["status"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: no claim status"));
        for s in sources {
            let layer = layer_of(s["document"].as_str().unwrap())
                .unwrap_or_else(|| panic!("{what}: unknown document {s}"));
            match basis {
                "documents" => {
                    assert_eq!(layer, "source", "{what}: {s}");
                    assert!(
                        !s["paragraphs"].as_array().unwrap().is_empty(),
                        "{what}: {s}"
                    );
                    assert_ne!(status, "guideline", "{what}");
                }
                "guideline" => {
                    assert_eq!(layer, "guideline", "{what}: {s}");
                    assert!(s["sections"].is_array(), "{what}: {s}");
                    assert_eq!(status, "guideline", "{what}");
                }
                other => panic!("{what}: basis {other}"),
            }
        }
        if status == "disputed" {
            assert!(item["claim"]["other"]["text"].is_string(), "{what}");
        }
    };
    for c in causes {
        let id = c["id"].as_str().expect("id string");
        assert!(c["name"].is_string(), "{id}");
        assert!(
            c["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string),
            "{id}"
        );
        let trimesters = c["trimesters"].as_array().unwrap();
        assert!(!trimesters.is_empty(), "{id}");
        assert!(
            trimesters
                .iter()
                .all(|t| (1..=3).contains(&t.as_u64().unwrap())),
            "{id}"
        );
        if c["any_time"] == true {
            assert_eq!(trimesters.len(), 3, "{id}: any-time causes list all three");
        }
        assert!(
            ["emergency", "urgent", "routine"].contains(&c["urgency"].as_str().unwrap()),
            "{id}"
        );
        check_sources(c, id);
        assert!(c["stage_stated"].is_boolean(), "{id}");
        for field in [
            "signs",
            "diagnostics",
            "treatments",
            "risk_factors",
            "complications",
        ] {
            for item in c[field]
                .as_array()
                .unwrap_or_else(|| panic!("{id}: {field} array"))
            {
                check_sources(item, &format!("{id}.{field}"));
            }
        }
    }
}

#[test]
fn export_markdown_has_disclaimer_and_every_cause() {
    let md = stdout_of(&["export", "--format", "markdown"]);
    assert!(md.contains("**Disclaimer.**"));
    for cause in export()["causes"].as_array().unwrap() {
        assert!(
            md.contains(&format!("({})", cause["id"].as_str().unwrap())),
            "{}",
            cause["id"]
        );
    }
}

#[test]
fn search_json_is_ranked_and_shaped() {
    let out = stdout_of(&["search", "one-sided pain", "--format", "json"]);
    let envelope: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(envelope["format_version"], 1);
    assert_eq!(envelope["query"], "one-sided pain");
    assert!(envelope["stage"]["from"].is_null() && envelope["stage"]["week"].is_null());
    let hits = envelope["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"], i + 1);
        for key in [
            "id",
            "name",
            "urgency",
            "basis",
            "confidence",
            "score",
            "matches",
        ] {
            assert!(h.get(key).is_some(), "{key} missing in {h}");
        }
        assert!(["strong", "moderate", "weak"].contains(&h["confidence"].as_str().unwrap()));
        for m in h["matches"].as_array().unwrap() {
            assert!(m["field"].is_string() && m["text"].is_string(), "{m}");
            let text = m["text"].as_str().unwrap();
            for r in m["ranges"].as_array().unwrap() {
                let (a, b) = (
                    r[0].as_u64().unwrap() as usize,
                    r[1].as_u64().unwrap() as usize,
                );
                assert!(a < b && b <= text.len(), "{r} in {text}");
            }
        }
    }
    // No stage stated or cued: the emergencies of every stage, each in its stage group.
    let pinned = envelope["must_not_miss"].as_array().unwrap();
    assert!(!pinned.is_empty());
    assert!(pinned.iter().all(|m| m["group"].is_string()), "{pinned:?}");
    // The findings read, and what counted for the first hit.
    assert_eq!(envelope["findings"][0]["id"], "one-sided-pain");
    assert_eq!(hits[0]["findings"][0]["direction"], "for");
    // A stated stage: where it came from, and the pinned emergencies of that stage.
    let out = stdout_of(&["search", "bleeding 32/40", "--format", "json"]);
    let envelope: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(envelope["stage"]["week"], 32);
    assert_eq!(envelope["stage"]["trimester"], 3);
    assert_eq!(envelope["stage"]["from"], "query");
    let out = stdout_of(&[
        "search",
        "heavy bleeding",
        "--week",
        "9",
        "--format",
        "json",
    ]);
    let envelope: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(envelope["stage"]["from"], "option");
    for m in envelope["must_not_miss"].as_array().unwrap() {
        assert_eq!(m["urgency"], "emergency");
        assert!(m["why"].as_str().is_some_and(|w| !w.is_empty()));
    }
}

#[test]
fn search_text_limit_and_no_match() {
    let out = stdout_of(&["search", "pain", "--limit", "1"]);
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with(" 1.") || l.starts_with(" 2."))
            .count(),
        1,
        "{out}"
    );
    let none = stdout_of(&["search", "zzqxv"]);
    assert!(none.contains("No cause matches"), "{none}");
    // A limit of 0 is a usage error, not "no cause matches".
    Command::cargo_bin("obddx")
        .unwrap()
        .args(["search", "pain", "--limit", "0"])
        .assert()
        .code(2);
}

#[test]
fn output_to_a_closed_pipe_is_not_an_error() {
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("obddx"))
        .args(["export", "--format", "markdown"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_browser_without_a_terminal_explains_itself() {
    obddx()
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("needs a terminal"))
        .stderr(predicate::str::contains("ssh -t"));
}

#[test]
fn documents_only_gives_exactly_the_documents_kb() {
    let without = stdout_of(&["--documents-only", "export", "--format", "json"]);
    let kb_ron_alone = stdout_of(&["--kb", "data/kb.ron", "export", "--format", "json"]);
    assert_eq!(without, kb_ron_alone);
    let json: Value = serde_json::from_str(&without).unwrap();
    assert!(json.get("guideline_layer").is_none());
    assert!(
        json["documents"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["layer"] == "source")
    );
    assert!(
        !without.contains("\"guideline\""),
        "no guideline object or basis remains"
    );
    // And the layer is there by default.
    let with: Value = export();
    assert!(with["guideline_layer"]["stage_notes"].is_array());
    assert!(
        with["causes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["basis"] == "guideline")
    );
    let list = stdout_of(&["--documents-only", "list"]);
    assert!(
        !list.contains("vasa-praevia") && !list.contains("GUIDELINE"),
        "{list}"
    );
}

#[test]
fn placenta_praevia_shows_the_digital_examination_rule_marked_as_guideline() {
    let rule = "No digital vaginal examination";
    let text = stdout_of(&["show", "placenta-praevia"]);
    let line = text
        .lines()
        .find(|l| l.contains(rule))
        .unwrap_or_else(|| panic!("G4 rule missing:\n{text}"));
    assert!(
        line.contains("§ GUIDELINE/REF G4 (A: UK guideline)"),
        "{line}"
    );
    assert!(line.contains("[§ rcog-gtg63"), "{line}");
    let md = stdout_of(&["show", "placenta-praevia", "--format", "markdown"]);
    assert!(
        md.lines()
            .any(|l| l.contains(rule) && l.contains("§ GUIDELINE/REF G4 (A: UK guideline)")),
        "{md}"
    );
    let json: Value = serde_json::from_str(&stdout_of(&[
        "show",
        "placenta-praevia",
        "--format",
        "json",
    ]))
    .unwrap();
    let note = json["guideline_notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"].as_str().unwrap().contains(rule))
        .expect("G4 note in JSON");
    assert_eq!(note["fact"], "G4");
    assert_eq!(note["basis"], "guideline");
    assert_eq!(note["kind"], "action");
    assert_eq!(note["sources"][0]["document"], "rcog-gtg63");
    // The documents' own action is labelled as their advice to the patient.
    assert!(text.contains("Documents' advice to the patient:"), "{text}");
    assert_eq!(json["action_by"], "documents_to_patient");
    // Without the layer, the rule is gone.
    let plain = stdout_of(&["--documents-only", "show", "placenta-praevia"]);
    assert!(
        plain.starts_with("SAFETY LAYER OFF"),
        "said first:\n{plain}"
    );
    assert!(
        !plain.contains(rule) && !plain.contains("GUIDELINE"),
        "{plain}"
    );
}

#[test]
fn guideline_causes_are_marked_in_list_and_show() {
    let list = stdout_of(&["list", "--trimester", "3"]);
    for (id, fact) in [("vasa-praevia", "G10"), ("uterine-rupture", "G11")] {
        let line = list
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id} missing:\n{list}"));
        assert!(
            line.contains("!!") && line.contains("[§ GUIDELINE/REF]"),
            "{line}"
        );
        let show = stdout_of(&["show", id]);
        assert!(
            show.starts_with(&format!(
                "!! EMERGENCY  § GUIDELINE/REF {fact} (A: UK guideline)  "
            )),
            "{show}"
        );
        assert!(
            show.contains("Safety-layer action for the clinician:"),
            "{show}"
        );
    }
}

#[test]
fn claim_statuses_are_shown_as_symbol_and_word_in_text_and_json() {
    let args = ["--kb", "tests/fixtures/claims.ron", "show", "claimed"];
    let text = stdout_of(&args);
    let line = |needle: &str| {
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} missing:\n{text}"))
            .to_string()
    };
    assert!(line("sign of one article").contains("◐ ONE ARTICLE'S CLAIM: Article 2 (articles a2)"));
    assert!(line("disputed sign").contains("≠ DOCUMENTS DISAGREE"));
    assert!(
        line("the other side").contains("[articles ¶14]"),
        "both sides cited"
    );
    assert!(!line("plain sign").contains('◐') && !line("plain sign").contains('≠'));
    assert!(line("Brand drug").contains("⌂ SOURCE'S REGIONAL PRACTICE"));
    assert!(line("drotaverine").contains("✎ EDITOR'S NOTE"));
    assert!(line("Stage:").contains("stage not given in the documents"));

    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: Value = serde_json::from_str(&stdout_of(&json_args)).unwrap();
    assert_eq!(json["stage_stated"], false);
    let signs = json["signs"].as_array().unwrap();
    let sign = |text: &str| signs.iter().find(|s| s["text"] == text).unwrap();
    assert_eq!(
        sign("sign of one article")["claim"]["status"],
        "one_article"
    );
    assert_eq!(sign("sign of one article")["claim"]["article"]["id"], "a2");
    assert_eq!(sign("disputed sign")["claim"]["status"], "disputed");
    assert_eq!(
        sign("disputed sign")["claim"]["other"]["text"],
        "the other side"
    );
    assert_eq!(
        sign("disputed sign")["claim"]["other"]["sources"][0]["paragraphs"][0],
        14
    );
    assert_eq!(sign("plain sign")["claim"]["status"], "supported");
    let t = &json["treatments"][0];
    assert_eq!(t["claim"]["status"], "regional_practice");
    assert_eq!(t["editor_note"], "No-shpa = drotaverine");
    assert_eq!(t["basis"], "documents");
}
