//! Every JSON output validates against its committed schema in `schemas/` (draft 2020-12),
//! and the schemas reject output that lost what they promise (so these tests can fail).

use assert_cmd::Command;
use serde_json::{Value, json};

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas");

fn schema_url(name: &str) -> String {
    format!("https://obddx.invalid/schemas/{name}.schema.json")
}

/// Validates `instance` against `schemas/{name}.schema.json`; the error text on failure.
fn validate(name: &str, instance: &Value) -> Result<(), String> {
    let path = format!("{SCHEMAS}/{name}.schema.json");
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let url = schema_url(name);
    assert_eq!(schema["$id"], url.as_str(), "{path}: $id");
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{path}: draft"
    );
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource(&url, schema).expect("add schema");
    let index = compiler
        .compile(&url, &mut schemas)
        .map_err(|e| format!("{path} does not compile: {e}"))
        .unwrap();
    schemas
        .validate(instance, index)
        .map_err(|e| format!("{e:#}"))
}

fn obddx_json(args: &[&str], expect_code: i32) -> Value {
    let out = Command::cargo_bin("obddx")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(expect_code), "{args:?}");
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn export_validates() {
    for args in [
        &["export", "-f", "json"][..],
        &["export", "-f", "json", "--documents-only"],
    ] {
        let v = obddx_json(args, 0);
        validate("export", &v).unwrap();
    }
}

#[test]
fn show_validates_for_every_cause() {
    let export = obddx_json(&["export", "-f", "json"], 0);
    for cause in export["causes"].as_array().unwrap() {
        let id = cause["id"].as_str().unwrap();
        let v = obddx_json(&["show", id, "-f", "json"], 0);
        validate("show", &v).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

#[test]
fn check_validates_ok_and_problems() {
    let ok = obddx_json(&["check", "-f", "json"], 0);
    assert_eq!(ok["ok"], true);
    validate("check", &ok).unwrap();

    let dir = std::env::temp_dir().join(format!("obddx-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "(meta: (title: \"x\"").unwrap();
    let problems = obddx_json(&["--kb", bad.to_str().unwrap(), "check", "-f", "json"], 1);
    validate("check", &problems).unwrap();
    let missing = dir.join("missing.ron");
    let io = obddx_json(
        &["--kb", missing.to_str().unwrap(), "check", "-f", "json"],
        1,
    );
    validate("check", &io).unwrap();
    assert!(io["problems"][0]["line"].is_null());
}

#[test]
fn search_output_validates() {
    for (q, extra) in [
        ("bleeding 32/40", None),
        ("one-sided pain and spotting at 6 weeks", None),
        ("smear test", None),
        ("zzqxv", None),
        ("heavy bleeding", Some("--week=30")),
    ] {
        let mut args = vec!["search", q, "--format", "json"];
        args.extend(extra);
        let out = obddx_json(&args, 0);
        validate("search", &out).unwrap_or_else(|e| panic!("{q}: {e}"));
    }
}

/// The schema against a sample of the issue-8 envelope, and that it rejects internal shapes.
#[test]
fn search_schema_accepts_the_envelope_and_rejects_internal_shapes() {
    let sample = json!({
        "format_version": 1,
        "meta": {"title": "t", "version": "1", "updated": "2026-01-01", "disclaimer": "d"},
        "query": "spotting at 6 weeks",
        "stage": {"trimester": 1, "week": 6, "days": null, "from": "query"},
        "hits": [{
            "rank": 1, "id": "ectopic-pregnancy", "name": "Ectopic pregnancy",
            "urgency": "emergency", "basis": "documents", "confidence": "strong", "score": 3.5,
            "matches": [{"field": "sign", "text": "spotting", "ranges": [[0, 8]]}]
        }],
        "must_not_miss": [{"id": "ectopic-pregnancy", "name": "Ectopic pregnancy",
                           "urgency": "emergency", "why": "emergency at this stage"}]
    });
    validate("search", &sample).unwrap();
    let mut internal = sample.clone();
    internal["hits"][0]["matches"][0]["part"] = json!({"example": 0});
    assert!(
        validate("search", &internal).is_err(),
        "internal `part` shape"
    );
    let mut old = sample;
    old.as_object_mut().unwrap().remove("format_version");
    assert!(validate("search", &old).is_err(), "no format_version");
}

#[test]
fn schemas_reject_output_without_provenance_or_version() {
    let mut show = obddx_json(&["show", "placental-abruption", "-f", "json"], 0);
    show.as_object_mut().unwrap().remove("meta");
    assert!(validate("show", &show).is_err(), "show without meta");

    let mut export = obddx_json(&["export", "-f", "json"], 0);
    export["format_version"] = json!(2);
    assert!(
        validate("export", &export).is_err(),
        "another format version"
    );

    let mut check = obddx_json(&["check", "-f", "json"], 0);
    check["counts"]["causes"] = json!(-1);
    assert!(validate("check", &check).is_err(), "negative count");
}

#[test]
fn outputs_with_a_local_overlay_validate() {
    let local = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/local.ron");
    let export = obddx_json(&["--local", local, "export", "-f", "json"], 0);
    validate("export", &export).unwrap();
    assert_eq!(export["local_layer"]["layer"], "local");
    let show = obddx_json(
        &["--local", local, "show", "placenta-praevia", "-f", "json"],
        0,
    );
    validate("show", &show).unwrap();
    assert_eq!(show["local_notes"][0]["layer"], "local");
    let search = obddx_json(
        &["--local", local, "search", "coordinator", "-f", "json"],
        0,
    );
    validate("search", &search).unwrap();
    let list = obddx_json(&["--local", local, "list", "-f", "json"], 0);
    validate("list", &list).unwrap();
    // A local note that claims another layer is refused.
    let mut forged = show.clone();
    forged["local_notes"][0]["layer"] = json!("guideline");
    assert!(validate("show", &forged).is_err());
}

#[test]
fn calc_output_validates_for_every_calculator() {
    // Dates within a pregnancy of today's (the machine's local date).
    let days_ago = |n: i64| {
        jiff::ZonedDateTime::now()
            .date()
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let (lmp, scan, event) = (
        days_ago(100),
        days_ago(30),
        format!("{} 14:00", days_ago(1)),
    );
    for args in [
        &["calc", "ga", "--lmp", &lmp][..],
        &["calc", "ga", "--scan", &scan, "--at", "8+2"],
        &["calc", "hcg", "1000", "1700"],
        &["calc", "hcg", "1000", "400", "--hours", "36"],
        &["calc", "loss", "600", "--shock"],
        &["calc", "anti-d", &event, "--week", "10+2"],
        &["calc", "steroids", "32+4"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let v = obddx_json(&args, 0);
        validate("calc", &v).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
    // The schema holds the calculators to their facts and readings.
    let mut v = obddx_json(&["calc", "hcg", "1000", "1700", "-f", "json"], 0);
    v["facts"][0]
        .as_object_mut()
        .unwrap()
        .remove("strength_words");
    assert!(validate("calc", &v).is_err(), "a fact without its strength");
    let mut v = obddx_json(&["calc", "hcg", "1000", "1700", "-f", "json"], 0);
    v["result"]["reading"] = json!("probably fine");
    assert!(validate("calc", &v).is_err(), "a reading G15 does not give");
}

#[test]
fn list_validates_for_every_trimester_and_layer() {
    for args in [
        &["list", "--format", "json"][..],
        &["list", "-f", "json", "--trimester", "1"],
        &["list", "-f", "json", "-t", "3", "--documents-only"],
    ] {
        let v = obddx_json(args, 0);
        validate("list", &v).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }
    // Every cause of the export is in the full list (under each trimester it spans).
    let export = obddx_json(&["export", "-f", "json"], 0);
    let list = obddx_json(&["list", "-f", "json"], 0);
    let listed: Vec<&str> = list["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["groups"].as_array().unwrap())
        .flat_map(|g| g["causes"].as_array().unwrap())
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let mut exported: Vec<&str> = export["causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    sorted.dedup();
    exported.sort_unstable();
    assert_eq!(sorted, exported);

    let mut broken = list;
    broken["sections"][0]["groups"][0]["causes"][0]["urgency"] = json!("soon");
    assert!(validate("list", &broken).is_err(), "an unknown urgency");
}

/// The KB's title, version, date and disclaimer in every JSON output, the same everywhere.
#[test]
fn every_json_output_carries_the_kb_s_provenance() {
    let export = obddx_json(&["export", "-f", "json"], 0);
    let meta = &export["meta"];
    for key in ["title", "version", "updated", "disclaimer"] {
        assert!(
            meta[key].as_str().is_some_and(|s| !s.is_empty()),
            "export meta.{key}"
        );
    }
    for args in [
        &["show", "placenta-praevia", "-f", "json"][..],
        &["check", "-f", "json"],
        &["list", "-f", "json"],
        &["search", "heavy bleeding", "-f", "json"],
    ] {
        let v = obddx_json(args, 0);
        assert_eq!(&v["meta"], meta, "{args:?}");
        assert_eq!(v["format_version"], 1, "{args:?}");
    }
    let mut search = obddx_json(&["search", "spotting", "-f", "json"], 0);
    search.as_object_mut().unwrap().remove("meta");
    assert!(validate("search", &search).is_err(), "search without meta");
}

/// Every safety-layer item of `export` and `show` (a sign, risk factor or diagnostic it added, a
/// guideline note, a do-now line) carries its fact, its strength in code and in words, the kinds
/// of its sources and its cause's short name; the documents' items carry none of it.
#[test]
fn every_safety_layer_item_carries_its_strength_source_kind_and_short_name() {
    let words = |s: &str| match s {
        "A" => "UK guideline",
        "B" => "UK clinical reference (or a UK guideline read second-hand)",
        "C" => "non-UK guideline or reference",
        other => panic!("strength {other}"),
    };
    let check = |item: &Value, cause: &Value, on_cause: bool, what: &str| {
        let layer = &item["safety_layer"];
        let strength = layer["strength"]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: {item}"));
        assert_eq!(layer["strength_words"], words(strength), "{what}");
        assert!(layer["fact"].as_str().unwrap().starts_with('G'), "{what}");
        let kinds = layer["source_kinds"].as_array().unwrap();
        assert!(!kinds.is_empty(), "{what}: no source kind");
        assert_eq!(
            kinds.len(),
            layer["source_kinds_words"].as_array().unwrap().len()
        );
        if on_cause {
            assert_eq!(layer["cause_short_name"], cause["short_name"], "{what}");
        }
    };
    let export = obddx_json(&["export", "-f", "json"], 0);
    let mut layer_items = 0;
    let causes = export["causes"].as_array().unwrap();
    for cause in causes {
        let id = cause["id"].as_str().unwrap();
        assert!(
            cause["short_name"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}"
        );
        for field in ["signs", "risk_factors", "diagnostics"] {
            for item in cause[field].as_array().unwrap() {
                if item["basis"] == "guideline" {
                    check(item, cause, true, &format!("{id} {field}"));
                    layer_items += 1;
                } else {
                    assert!(item.get("safety_layer").is_none(), "{id} {field}: {item}");
                }
            }
        }
        for field in ["do_now", "guideline_notes"] {
            for item in cause[field].as_array().unwrap() {
                check(item, cause, true, &format!("{id} {field}"));
            }
        }
    }
    assert!(
        layer_items > 40,
        "the layer's items were found: {layer_items}"
    );
    for note in export["guideline_layer"]["stage_notes"].as_array().unwrap() {
        check(note, &Value::Null, false, "stage note");
        assert!(note["safety_layer"]["cause_short_name"].is_null());
    }
    let abruption = causes
        .iter()
        .find(|c| c["id"] == "placental-abruption")
        .unwrap();
    let shown = obddx_json(&["show", "placental-abruption", "-f", "json"], 0);
    assert_eq!(shown["short_name"], abruption["short_name"]);
    assert_eq!(shown["signs"], abruption["signs"]);
    let documents_only = obddx_json(&["export", "-f", "json", "--documents-only"], 0);
    assert!(!documents_only.to_string().contains("safety_layer"));
}

/// Every JSON-producing command, on success and on failure, carries the KB's title, version,
/// date and disclaimer in `meta`. `check` on a KB that could not be read or validated carries
/// the built-in KB's, with `meta_from: "built_in"` (`"checked"` when the KB checked loaded).
#[test]
fn every_json_producing_command_carries_the_kb_meta_even_when_the_kb_is_unreadable() {
    let built_in = obddx_json(&["export", "-f", "json"], 0)["meta"].clone();
    let documents_only =
        obddx_json(&["--documents-only", "export", "-f", "json"], 0)["meta"].clone();
    for key in ["title", "version", "updated", "disclaimer"] {
        assert!(
            built_in[key].as_str().is_some_and(|s| !s.is_empty()),
            "{key}"
        );
    }
    let dir = std::env::temp_dir().join(format!("obddx-meta-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.ron");
    std::fs::write(&broken, "(meta: (title: \"x\"").unwrap();
    let missing = dir.join("missing.ron");
    let unreadable_dir = dir.to_str().unwrap().to_string();
    let local = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/local.ron");
    let today = jiff::ZonedDateTime::now().date().to_string();
    let lmp = jiff::ZonedDateTime::now()
        .date()
        .checked_sub(jiff::Span::new().days(100))
        .unwrap()
        .to_string();
    let (broken, missing) = (broken.to_str().unwrap(), missing.to_str().unwrap());
    let event = format!("{today} 00:00");
    let runs: Vec<(Vec<&str>, i32, &Value)> = vec![
        (vec!["check"], 0, &built_in),
        (vec!["--documents-only", "check"], 0, &documents_only),
        (vec!["--local", local, "check"], 0, &built_in),
        (vec!["--kb", broken, "check"], 1, &built_in),
        (vec!["--kb", missing, "check"], 1, &built_in),
        (vec!["--kb", &unreadable_dir, "check"], 1, &built_in),
        (
            vec!["--documents-only", "--kb", missing, "check"],
            1,
            &documents_only,
        ),
        (vec!["list"], 0, &built_in),
        (vec!["list", "--trimester", "2"], 0, &built_in),
        (vec!["show", "placenta-praevia"], 0, &built_in),
        (
            vec!["--documents-only", "show", "ectopic-pregnancy"],
            0,
            &documents_only,
        ),
        (vec!["export"], 0, &built_in),
        (vec!["search", "painless bleeding 32+4"], 0, &built_in),
        (vec!["search", "zzqxv"], 0, &built_in),
        (vec!["calc", "ga", "--lmp", &lmp], 0, &built_in),
        (vec!["calc", "hcg", "1000", "1700"], 0, &built_in),
        (vec!["calc", "loss", "600"], 0, &built_in),
        (vec!["calc", "anti-d", &event], 0, &built_in),
        (vec!["calc", "steroids", "32+4"], 0, &built_in),
    ];
    for (mut args, code, meta) in runs {
        args.extend(["--format", "json"]);
        let v = obddx_json(&args, code);
        assert_eq!(&v["meta"], meta, "{args:?}");
        assert_eq!(v["format_version"], 1, "{args:?}");
        if args.contains(&"check") {
            let from = if code == 0 { "checked" } else { "built_in" };
            assert_eq!(v["meta_from"], from, "{args:?}");
            validate("check", &v).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        }
    }
    // The schema holds a failed check to its meta.
    let mut v = obddx_json(&["--kb", missing, "check", "-f", "json"], 1);
    v.as_object_mut().unwrap().remove("meta");
    assert!(
        validate("check", &v).is_err(),
        "a failed check without meta"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
