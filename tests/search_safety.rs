//! Triage safety: clinicians' queries on the built-in reference (documents + guideline layer).
//! For each, the dangerous cause of the stated stage is in the top 2 or pinned as
//! must-not-miss, and the first hit is a cause that can occur at the stated stage.

use obddx::kb::{KnowledgeBase, Reference};
use obddx::search::{Query, SearchIndex};

/// (query, a week filter left on, the dangerous causes: at least one must be top 2 or pinned)
const TABLE: &[(&str, Option<u8>, &[&str])] = &[
    // Late pregnancy, with and without pain
    (
        "vaginal bleeding in third trimester",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "bleeding 32/40",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "bleeding 32+4",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "GA 32 bleeding",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "T3 bleeding",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    ("painless bleeding 32 weeks", None, &["placenta-praevia"]),
    (
        "bleeding without pain 30 weeks",
        None,
        &["placenta-praevia"],
    ),
    (
        "heavy bleeding 38 weeks",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "bright red painless bleeding 34 weeks",
        None,
        &["placenta-praevia"],
    ),
    (
        "bleeding after intercourse at 30 weeks",
        None,
        &["placenta-praevia"],
    ),
    (
        "bleeding with abdominal pain 34 weeks",
        None,
        &["placental-abruption"],
    ),
    (
        "pain hard uterus 30 weeks less movement",
        None,
        &["placental-abruption"],
    ),
    (
        "bleeding after a fall at 33 weeks",
        None,
        &["placental-abruption"],
    ),
    (
        "reduced fetal movements bleeding 36 weeks",
        None,
        &["placental-abruption"],
    ),
    (
        "baby not moving and bleeding 35 weeks",
        None,
        &["placental-abruption"],
    ),
    // Rupture of the membranes, previous caesarean, the fetal heart
    (
        "bleeding when the waters broke at 38 weeks",
        None,
        &["vasa-praevia"],
    ),
    ("PPROM bleeding 35 weeks", None, &["vasa-praevia"]),
    (
        "bleeding in labour after previous caesarean 39 weeks",
        None,
        &["uterine-rupture"],
    ),
    (
        "scar pain and bleeding after LSCS 38 weeks",
        None,
        &["uterine-rupture"],
    ),
    (
        "CTG abnormal bleeding 37 weeks",
        None,
        &["uterine-rupture", "vasa-praevia"],
    ),
    // Shorthand
    (
        "APH 30 weeks",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    (
        "PV bleed 28/40",
        None,
        &["placenta-praevia", "placental-abruption"],
    ),
    ("PVB T3", None, &["placenta-praevia", "placental-abruption"]),
    (
        "contractions and bloody discharge 30 weeks",
        None,
        &["preterm-birth"],
    ),
    // A filter left on from the previous patient does not hide what was typed
    (
        "bleeding 32 weeks",
        Some(8),
        &["placenta-praevia", "placental-abruption"],
    ),
    ("spotting 6 weeks", Some(34), &["ectopic-pregnancy"]),
    // Early pregnancy
    (
        "spotting at 8 weeks",
        None,
        &["ectopic-pregnancy", "threatened-miscarriage"],
    ),
    (
        "one-sided pain and spotting at 7 weeks",
        None,
        &["ectopic-pregnancy"],
    ),
    (
        "shoulder tip pain and spotting 6 weeks",
        None,
        &["ectopic-pregnancy"],
    ),
    (
        "fainting and bleeding 7 weeks",
        None,
        &["ectopic-pregnancy"],
    ),
    (
        "bleeding and pelvic pain 6 weeks",
        None,
        &["ectopic-pregnancy"],
    ),
    (
        "heavy bleeding and cramps 9 weeks",
        None,
        &["threatened-miscarriage", "miscarriage-in-progress"],
    ),
    (
        "heavy painless bleeding 10 weeks",
        None,
        &["hydatidiform-mole"],
    ),
    (
        "hyperemesis and bleeding 11 weeks",
        None,
        &["hydatidiform-mole"],
    ),
    (
        "brown spotting first tri",
        None,
        &["ectopic-pregnancy", "threatened-miscarriage"],
    ),
    (
        "PV bleed T1",
        None,
        &["ectopic-pregnancy", "threatened-miscarriage"],
    ),
];

fn reference() -> KnowledgeBase {
    Reference::builtin(false).expect("built-in reference").kb
}

#[test]
fn the_dangerous_cause_is_top_two_or_pinned_and_nothing_impossible_ranks_first() {
    let kb = reference();
    let index = SearchIndex::new(&kb);
    let mut failures = Vec::new();
    for &(text, week, dangerous) in TABLE {
        let query = Query {
            text: text.into(),
            trimester: None,
            week,
        };
        let stage = index.stage_of(&kb, &query);
        let hits = index.search(&kb, &query);
        let pinned = index.must_not_miss(&kb, &stage, &hits);
        let top2: Vec<&str> = hits
            .iter()
            .take(2)
            .map(|h| kb.causes[h.cause].id.as_str())
            .collect();
        let visible = dangerous
            .iter()
            .any(|d| top2.contains(d) || pinned.iter().any(|m| kb.causes[m.cause].id == *d));
        if !visible {
            failures.push(format!(
                "{text:?}: none of {dangerous:?} in top 2 {top2:?} or pinned"
            ));
        }
        let t = stage
            .trimester
            .unwrap_or_else(|| panic!("{text:?}: no stage read"));
        if let Some(first) = hits.first() {
            let c = &kb.causes[first.cause];
            if !c.stage.includes(t) || first.outside_weeks {
                failures.push(format!("{text:?}: {} ranks first but cannot apply", c.id));
            }
        }
    }
    assert!(TABLE.len() >= 30);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn implantation_bleeding_never_ranks_first_past_its_weeks() {
    let kb = reference();
    let index = SearchIndex::new(&kb);
    for text in [
        "spotting at 8 weeks",
        "heavy painless bleeding 10 weeks",
        "light pink spotting 9 weeks",
    ] {
        let hits = index.search(&kb, &Query::text(text));
        assert_ne!(
            kb.causes[hits[0].cause].id, "implantation-bleeding",
            "{text}"
        );
    }
}

#[test]
fn field_intent_and_shorthand() {
    let kb = reference();
    let index = SearchIndex::new(&kb);
    let first = |text: &str| {
        kb.causes[index.search(&kb, &Query::text(text))[0].cause]
            .id
            .clone()
    };
    assert_eq!(first("smear test"), "genital-infection");
    for text in ["APH", "antepartum haemorrhage"] {
        let id = first(text);
        assert!(
            id == "placenta-praevia" || id == "placental-abruption",
            "{text}: {id}"
        );
    }
    // "baby moving less" is not "baby moving down the birth canal".
    let hits = index.search(&kb, &Query::text("baby moving less"));
    assert!(
        hits.iter()
            .all(|h| h.matches.iter().all(|m| !m.text.contains("birth canal")))
    );
}
