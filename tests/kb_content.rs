//! The shipped KB's content: every source paragraph with clinical content is cited somewhere,
//! every citation lies inside its document, and the clinical essentials are present.

use std::collections::BTreeSet;

use obddx::kb::{self, Cite, KnowledgeBase, Urgency};

fn shipped() -> KnowledgeBase {
    kb::load_embedded().unwrap_or_else(|e| panic!("{}", e.full_message()))
}

#[test]
fn every_paragraph_reference_points_inside_its_document() {
    let kb = shipped();
    let cites: Vec<&Cite> = kb.cites().collect();
    assert!(cites.len() > 250, "{} citations", cites.len());
    for cite in cites {
        let doc = kb
            .document(&cite.doc)
            .unwrap_or_else(|| panic!("unknown document {}", cite.doc));
        assert!(!cite.para.is_empty());
        for &p in &cite.para {
            assert!(
                (1..=doc.paragraphs).contains(&p),
                "{} paragraph {p} of {}",
                doc.id,
                doc.paragraphs
            );
        }
    }
}

/// Paragraphs deliberately not cited, and why. Everything else in the documents is clinical
/// content and must be cited by at least one item; removing a citation that leaves a paragraph
/// uncited fails this test.
const UNCITED: &[(&str, u32, &str)] = &[
    ("articles", 1, "title"),
    ("articles", 4, "heading"),
    ("articles", 28, "heading"),
    (
        "articles",
        32,
        "introduction: reassurance, no clinical content",
    ),
    (
        "articles",
        47,
        "introduction: reactions of expectant mothers",
    ),
    ("articles", 48, "heading"),
    ("articles", 53, "heading"),
    (
        "articles",
        61,
        "introduction to a section on normal discharge",
    ),
    (
        "articles",
        63,
        "thrush: white cheesy discharge, not bleeding",
    ),
    ("articles", 75, "closing wishes"),
    ("articles", 76, "introduction"),
    (
        "articles",
        79,
        "introduction: causes vary; consult a doctor (covered by paragraphs 3, 31)",
    ),
    ("articles", 95, "heading"),
    (
        "articles",
        96,
        "general physiology of early pregnancy, not a cause of bleeding",
    ),
    ("articles", 169, "closing summary"),
    ("qa", 1, "the question"),
];

#[test]
fn every_clinical_paragraph_is_cited() {
    let kb = shipped();
    let cited: BTreeSet<(String, u32)> = kb
        .cites()
        .flat_map(|c| c.para.iter().map(move |&p| (c.doc.clone(), p)))
        .collect();
    let allowed: BTreeSet<(String, u32)> = UNCITED
        .iter()
        .map(|(d, p, _)| (d.to_string(), *p))
        .collect();
    let mut missing = Vec::new();
    for doc in &kb.documents {
        for p in 1..=doc.paragraphs {
            let key = (doc.id.clone(), p);
            if !cited.contains(&key) && !allowed.contains(&key) {
                missing.push(format!("{} {p}", doc.id));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paragraphs with clinical content not cited: {missing:?}"
    );
    let stale: Vec<_> = allowed.intersection(&cited).collect();
    assert!(
        stale.is_empty(),
        "listed as uncited but cited (update UNCITED): {stale:?}"
    );
}

#[test]
fn the_causes_the_documents_describe_are_all_present() {
    let kb = shipped();
    let expected = [
        "implantation-bleeding",
        "hormonal-spotting",
        "contact-bleeding",
        "threatened-miscarriage",
        "miscarriage-in-progress",
        "ovum-detachment",
        "missed-pregnancy",
        "vanishing-twin",
        "ectopic-pregnancy",
        "cervical-pregnancy",
        "placenta-praevia",
        "low-lying-placenta",
        "placental-abruption",
        "pre-eclampsia",
        "hydatidiform-mole",
        "cervical-erosion",
        "genital-infection",
        "polyps",
        "fibroids",
        "genital-trauma",
        "genital-varicose-veins",
        "malignant-neoplasm",
        "preterm-birth",
        "mucous-plug",
    ];
    for id in expected {
        assert!(kb.cause(id).is_some(), "{id} missing");
    }
}

#[test]
fn every_cause_carries_what_a_clinician_needs() {
    let kb = shipped();
    for c in &kb.causes {
        assert!(!c.signs.is_empty(), "{}: no signs", c.id);
        assert!(!c.diagnostics.is_empty(), "{}: no diagnostics", c.id);
        assert!(!c.summary.is_empty() && !c.action.is_empty(), "{}", c.id);
        if c.urgency == Urgency::Emergency {
            assert!(
                c.signs.iter().any(|s| s.red_flag),
                "{}: emergency without a red flag",
                c.id
            );
        }
    }
}

#[test]
fn the_older_names_the_documents_use_are_aliases() {
    let kb = shipped();
    let has_alias = |id: &str, alias: &str| {
        kb.cause(id)
            .is_some_and(|c| c.aliases.iter().any(|a| a.eq_ignore_ascii_case(alias)))
    };
    assert!(has_alias("hydatidiform-mole", "cystic drift"));
    assert!(has_alias("hydatidiform-mole", "vesicular drift"));
    assert!(has_alias("missed-pregnancy", "frozen pregnancy"));
}
