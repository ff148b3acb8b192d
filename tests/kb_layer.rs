//! The guideline safety layer: the shipped layer's content rules, `--documents-only` as the
//! documents' KB exactly, and located errors for broken layer and documents files.

use obddx::kb::{
    self, Basis, EMBEDDED_GUIDELINES, EMBEDDED_KB, KbError, Layer, Reference, Stage, Urgency,
};

fn layered() -> Reference {
    Reference::builtin(false).unwrap_or_else(|e| panic!("{}", e.full_message()))
}

/// The facts of the sheet: G1–G66 without G21, G43 and G53.
fn is_fact(fact: &str) -> bool {
    (1..=66)
        .filter(|n| ![21, 43, 53].contains(n))
        .any(|n| fact == format!("G{n}"))
}

#[test]
fn documents_only_is_exactly_kb_ron_alone() {
    let alone = kb::load_str("kb.ron", EMBEDDED_KB).unwrap();
    let documents_only = Reference::builtin(true).unwrap();
    assert_eq!(documents_only.kb, alone);
    assert!(documents_only.guidelines.is_none());
    // The layer only adds: every documents' cause keeps its own fields and items, in order, and
    // gains only items that carry a safety-layer fact.
    let with = layered();
    for (mine, theirs) in with.kb.causes.iter().zip(&alone.causes) {
        let mut stripped = mine.clone();
        stripped.signs.retain(|s| s.fact.is_none());
        stripped.risk_factors.retain(|x| x.fact.is_none());
        stripped.diagnostics.retain(|x| x.fact.is_none());
        stripped.treatments.retain(|x| x.fact.is_none());
        assert_eq!(&stripped, theirs);
    }
    assert_eq!(
        with.kb.documents[..alone.documents.len()],
        alone.documents[..]
    );
    assert!(with.kb.causes.len() > alone.causes.len());
}

#[test]
fn must_not_miss_causes_are_emergencies_of_the_third_trimester_with_guideline_basis() {
    let r = layered();
    for (id, fact) in [("vasa-praevia", "G10"), ("uterine-rupture", "G11")] {
        let cause = r.kb.cause(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(cause.urgency, Urgency::Emergency, "{id}");
        assert!(cause.stage.includes(3), "{id}: {:?}", cause.stage);
        assert_ne!(cause.stage, Stage::Unstated, "{id}");
        assert_eq!(r.kb.cause_basis(cause), Basis::Guideline, "{id}");
        assert_eq!(r.cause_fact(id), Some(fact));
        for cites in cause
            .signs
            .iter()
            .map(|s| &s.sources)
            .chain(cause.risk_factors.iter().map(|x| &x.sources))
            .chain(cause.diagnostics.iter().map(|x| &x.sources))
            .chain(cause.treatments.iter().map(|x| &x.sources))
        {
            assert_eq!(r.kb.basis_of(cites), Basis::Guideline, "{id}");
        }
    }
    assert!(
        r.kb.cause("vasa-praevia")
            .unwrap()
            .signs
            .iter()
            .any(|s| s.text.contains("membranes rupture"))
    );
}

#[test]
fn every_guideline_item_names_a_fact_and_cites_a_guideline() {
    let r = layered();
    let layer = r.guidelines.as_ref().unwrap();
    let guideline = |id: &str| r.kb.document(id).map(|d| d.layer) == Some(Layer::Guideline);
    let mut items = 0;
    for (fact, sources) in layer
        .stage_notes
        .iter()
        .map(|n| (&n.fact, &n.sources))
        .chain(layer.cause_notes.iter().map(|n| (&n.fact, &n.sources)))
        .chain(layer.causes.iter().map(|c| (&c.fact, &c.sources)))
    {
        items += 1;
        assert!(is_fact(fact), "{fact}");
        assert!(!sources.is_empty());
        assert!(
            sources.iter().all(|c| guideline(&c.guideline)),
            "{sources:?}"
        );
    }
    assert!(items >= 20, "{items}");
    // Every fact of the sheet is encoded somewhere.
    let facts: std::collections::HashSet<&str> = layer
        .stage_notes
        .iter()
        .map(|n| n.fact.as_str())
        .chain(layer.cause_notes.iter().map(|n| n.fact.as_str()))
        .chain(layer.causes.iter().map(|c| c.fact.as_str()))
        .collect();
    for n in (1..=66).filter(|n| ![21, 43, 53].contains(n)) {
        assert!(facts.contains(format!("G{n}").as_str()), "G{n} not encoded");
    }
    // The sources say where they apply and what they are.
    for d in &layer.documents {
        assert!(!d.jurisdiction.is_empty(), "{}", d.id);
        assert_eq!(d.layer, Layer::Guideline);
    }
    let notice = layer.notice.to_lowercase();
    assert!(notice.contains("uk") && notice.contains("local protocols govern"));
    // No documents' item cites a guideline.
    let alone = kb::load_str("kb.ron", EMBEDDED_KB).unwrap();
    assert!(alone.cites().all(|c| !guideline(&c.doc)));
}

#[test]
fn the_digital_examination_rule_sits_on_praevia_as_a_clinician_action() {
    let r = layered();
    for id in ["placenta-praevia", "low-lying-placenta"] {
        let notes = r.cause_notes(id);
        let rule = notes
            .iter()
            .find(|n| n.fact == "G4")
            .unwrap_or_else(|| panic!("{id}: no G4 note"));
        assert!(rule.text.contains("No digital vaginal examination"));
        assert_eq!(rule.kind, kb::NoteKind::Action);
    }
    assert!(
        Reference::builtin(true)
            .unwrap()
            .cause_notes("placenta-praevia")
            .is_empty()
    );
}

// ── broken files give located errors ────────────────────────────────────────────────────────

const DOCS: &str = r#"(
    meta: (title: "t", version: "1", updated: "2026-01-01", disclaimer: "d"),
    documents: [
        (id: "articles", title: "A", kind: "k", file: "f", paragraphs: 20, layer: Source,
         parts: [(id: "a1", title: "Article 1", from: 1, to: 10), (id: "a2", title: "Article 2", from: 11, to: 20)]),
        (id: "qa", title: "Q", kind: "k", file: "f", paragraphs: 2, layer: Source),
    ],
    trimesters: [(number: 1, name: "1st", weeks: (from: 0, to: 13)), (number: 2, name: "2nd", weeks: (from: 14, to: 27)), (number: 3, name: "3rd", weeks: (from: 28, to: 42))],
    groups: [(id: "g", name: "G")],
    causes: [
        (id: "praevia", name: "P", group: "g", stage: Trimesters([3]), urgency: Emergency,
         summary: "s", action: "a", sources: [(doc: "articles", para: [1])],
         signs: [
             (text: "one-article sign", sources: [(doc: "articles", para: [2, 3])], claim: OneArticle),
             (text: "whole-document sign", sources: [(doc: "qa", para: [1, 2])], claim: OneArticle),
         ]),
        (id: "whenever", name: "W", group: "g", stage: Unstated, urgency: Routine,
         summary: "s", action: "a", sources: [(doc: "articles", para: [4])]),
    ],
)"#;

const LAYER: &str = r#"(
    notice: "UK guidelines; local protocols govern.",
    facts: [(id: "G1", strength: A), (id: "G4", strength: A), (id: "G10", strength: A), (id: "G24", strength: B)],
    documents: [(id: "rcog-x", layer: Guideline, kind: Guideline, title: "T", issuer: "RCOG", year: Some(2018), jurisdiction: "United Kingdom")],
    stage_notes: [(id: "sn", fact: "G1", stage: From24Weeks, kind: Note, text: "t", sources: [(guideline: "rcog-x", section: Some(1))])],
    causes: [(id: "vp", fact: "G10", name: "V", group: "g", stage: Trimesters([3]), urgency: Emergency,
              summary: "s", action: "a", sources: [(guideline: "rcog-x")], signs: [(text: "x")])],
    cause_notes: [
        (id: "cn", fact: "G4", causes: ["praevia"], kind: Action, text: "no digital", do_now: Some((step: Avoid, text: "No digital exam")), sources: [(guideline: "rcog-x")]),
        (id: "tone", fact: "G24", causes: ["praevia"], kind: Sign, text: "woody uterus", red_flag: true, sources: [(guideline: "rcog-x")]),
    ],
)"#;

/// Replaces the first `from` with `to`; returns the text and the 1-based line of the change.
fn mutate(text: &str, from: &str, to: &str) -> (String, usize) {
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in the fixture"));
    let line = text[..at].matches('\n').count() + 1;
    (text.replacen(from, to, 1), line)
}

fn assert_located(err: KbError, message: &str, line: usize) {
    let full = err.full_message();
    assert!(full.contains(message), "expected {message:?} in:\n{full}");
    let KbError::Invalid { problems, .. } = &err else {
        panic!("not a validation error: {full}");
    };
    let p = problems
        .iter()
        .find(|p| p.message.contains(message))
        .unwrap();
    assert_eq!(p.line, line, "{full}");
    assert!(p.col > 1, "{full}");
    assert!(
        p.to_string().starts_with(&format!("{}:{line}:", p.path)),
        "{p}"
    );
}

#[test]
fn the_fixtures_are_valid() {
    let docs =
        kb::load_documents_str("docs.ron", DOCS).unwrap_or_else(|e| panic!("{}", e.full_message()));
    let layer = kb::load_layer_str("layer.ron", LAYER, &docs)
        .unwrap_or_else(|e| panic!("{}", e.full_message()));
    let r = Reference::with_layer(docs, layer);
    assert_eq!(
        r.kb.cause_basis(r.kb.cause("vp").unwrap()),
        Basis::Guideline
    );
    assert_eq!(
        r.kb.cause_basis(r.kb.cause("praevia").unwrap()),
        Basis::Documents
    );
}

#[test]
fn broken_layers_are_reported_where_they_break() {
    let docs = kb::load_documents_str("docs.ron", DOCS).unwrap();
    let cases = [
        (
            r#"causes: ["praevia"]"#,
            r#"causes: ["nowhere"]"#,
            "unknown cause `nowhere`",
        ),
        (
            r#"sources: [(guideline: "rcog-x")]),
        (id: "tone""#,
            r#"sources: [(guideline: "rcog-y")]),
        (id: "tone""#,
            "unknown source `rcog-y`",
        ),
        (
            r#"sources: [(guideline: "rcog-x")]),
        (id: "tone""#,
            r#"sources: [(guideline: "articles")]),
        (id: "tone""#,
            "cites source document `articles`",
        ),
        (
            r#"fact: "G4""#,
            r#"fact: "G21""#,
            "fact `G21` is not in the layer's list of facts",
        ),
        (
            r#"fact: "G24""#,
            r#"fact: "G43""#,
            "fact `G43` is not in the layer's list of facts",
        ),
        (
            r#"(id: "G24", strength: B)"#,
            r#"(id: "G24", strength: B), (id: "G24", strength: C)"#,
            "fact `G24` is listed twice",
        ),
        (
            r#"kind: Sign, text: "woody uterus", red_flag: true"#,
            r#"kind: Note, text: "woody uterus", red_flag: true"#,
            "red_flag and distinguishing belong to kind Sign",
        ),
        (
            r#"kind: Action, text: "no digital""#,
            r#"kind: Note, text: "no digital""#,
            "only a clinician action has a do-now line",
        ),
        (
            r#"text: "No digital exam""#,
            r#"text: "No digital vaginal examination until placenta praevia has been excluded by ultrasound""#,
            "do_now is 85 columns wide (at most 72)",
        ),
        (
            r#"sources: [(guideline: "rcog-x")]),
    ],"#,
            r#"sources: [(guideline: "bmj-nowhere")]),
    ],"#,
            "unknown source `bmj-nowhere`",
        ),
        (
            r#"(id: "vp""#,
            r#"(id: "praevia""#,
            "ids are unique across layers",
        ),
        (
            r#"group: "g", stage"#,
            r#"group: "nogroup", stage"#,
            "unknown group `nogroup`",
        ),
        (
            r"layer: Guideline",
            r"layer: Source",
            "must have layer: Guideline",
        ),
    ];
    for (from, to, message) in cases {
        let (text, line) = mutate(LAYER, from, to);
        let err = kb::load_layer_str("layer.ron", &text, &docs)
            .expect_err(&format!("{to} should be refused"));
        assert_located(err, message, line);
    }
}

#[test]
fn broken_documents_are_reported_where_they_break() {
    let cases = [
        // A documents' item citing a guideline: the document claims to be a guideline.
        (
            r"paragraphs: 20, layer: Source",
            r"paragraphs: 20, layer: Guideline",
            "is from the documents but cites guideline `articles`",
        ),
        // One article's claim across two articles names both.
        (
            r"para: [2, 3])], claim: OneArticle",
            r"para: [2, 13])], claim: OneArticle",
            "articles a1 (Article 1) and articles a2 (Article 2)",
        ),
        // Citing a document without parts and one with parts is two articles.
        (
            r"para: [2, 3])], claim: OneArticle",
            r#"para: [2, 3]), (doc: "qa", para: [1])], claim: OneArticle"#,
            "articles a1 (Article 1) and qa",
        ),
        (
            r"stage: Unstated, urgency",
            r"stage: Unstated, weeks: Some((from: 5, to: 8)), urgency",
            "stage is Unstated, so it cannot give weeks",
        ),
    ];
    for (from, to, message) in cases {
        let (text, line) = mutate(DOCS, from, to);
        let err = kb::load_documents_str("docs.ron", &text)
            .expect_err(&format!("{to} should be refused"));
        let full = err.full_message();
        assert!(full.contains(message), "expected {message:?} in:\n{full}");
        let KbError::Invalid { problems, .. } = &err else {
            panic!("{full}");
        };
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains(message) && p.line >= line),
            "{full}"
        );
    }
}

#[test]
fn a_broken_layer_file_is_a_located_syntax_error() {
    let docs = kb::load_documents_str("docs.ron", DOCS).unwrap();
    let (text, line) = mutate(LAYER, "kind: Action", "kind: Order");
    let err = kb::load_layer_str("layer.ron", &text, &docs).unwrap_err();
    assert_eq!(
        err.positions().first().map(|p| p.0),
        Some(line),
        "{}",
        err.full_message()
    );
    // And the shipped layer is checked against the shipped KB.
    let alone = kb::load_str("kb.ron", EMBEDDED_KB).unwrap();
    kb::load_layer_str("guidelines.ron", EMBEDDED_GUIDELINES, &alone)
        .unwrap_or_else(|e| panic!("{}", e.full_message()));
}

#[test]
fn a_sign_note_becomes_a_sign_of_its_cause_with_its_fact_and_strength() {
    let docs = kb::load_documents_str("docs.ron", DOCS).unwrap();
    let layer = kb::load_layer_str("layer.ron", LAYER, &docs).unwrap();
    let r = Reference::with_layer(docs, layer);
    let praevia = r.kb.cause("praevia").unwrap();
    let sign = praevia
        .signs
        .iter()
        .find(|s| s.text == "woody uterus")
        .expect("the sign note is a sign");
    assert!(sign.red_flag);
    assert_eq!(r.kb.basis_of(&sign.sources), Basis::Guideline);
    let fact = sign.fact.as_ref().expect("it carries its fact");
    assert_eq!(
        (fact.fact.as_str(), fact.strength),
        ("G24", kb::Strength::B)
    );
    // Only actions and notes stay notes.
    assert!(r.cause_notes("praevia").iter().all(|n| n.kind.is_note()));
}

/// The RhD/anti-D prompt (G8 with G64) on every cause at every week 0–42, the 14–23-week gap of
/// the second review (R5) included; G19 with its currency caveat in early pregnancy.
#[test]
fn every_bleeding_cause_shows_the_rhd_prompt_at_every_week() {
    let r = layered();
    let layer = r.guidelines.as_ref().unwrap();
    for cause in &r.kb.causes {
        for week in 0..=42u8 {
            let when = kb::When::Week(week);
            let prompts: Vec<&str> = layer
                .notes_for(&cause.id)
                .filter(|n| n.applies(&r.kb.trimesters, when))
                .filter(|n| n.text.contains("RhD") && n.text.contains("anti-D"))
                .map(|n| n.fact.as_str())
                .collect();
            assert!(
                prompts.contains(&"G8"),
                "{} at week {week}: no RhD prompt ({prompts:?})",
                cause.id
            );
        }
        assert!(
            layer
                .notes_for(&cause.id)
                .any(|n| n.fact == "G64" && n.text.contains("72 hours")),
            "{}: no anti-D timing (G64)",
            cause.id
        );
    }
    for n in layer.stage_notes.iter().filter(|n| n.fact == "G19") {
        assert!(
            n.text.contains("revised its early-pregnancy anti-D"),
            "{}",
            n.id
        );
    }
    for n in layer.cause_notes.iter().filter(|n| n.fact == "G19") {
        assert!(
            n.text.contains("revised its early-pregnancy anti-D"),
            "{}",
            n.id
        );
    }
}

/// Every item of the layer shows its fact's strength in words; a source that is not a guideline
/// is never called one, and non-UK items say "non-UK".
#[test]
fn every_layer_item_carries_the_strength_of_its_fact() {
    let r = layered();
    let layer = r.guidelines.as_ref().unwrap();
    for cause in &r.kb.causes {
        let layer_items = cause
            .signs
            .iter()
            .map(|s| (&s.fact, &s.sources))
            .chain(cause.risk_factors.iter().map(|x| (&x.fact, &x.sources)))
            .chain(cause.diagnostics.iter().map(|x| (&x.fact, &x.sources)))
            .chain(cause.treatments.iter().map(|x| (&x.fact, &x.sources)));
        for (fact, sources) in layer_items {
            let from_layer = r.kb.basis_of(sources) == Basis::Guideline;
            assert_eq!(fact.is_some(), from_layer, "{}", cause.id);
            if let Some(f) = fact {
                assert_eq!(Some(f.strength), layer.strength_of(&f.fact));
            }
        }
    }
    let show = obddx::labels::fact_and_strength("G35", layer.strength_of("G35"));
    assert!(show.contains("non-UK"), "{show}");
    let show = obddx::labels::fact_and_strength("G24", layer.strength_of("G24"));
    assert!(show.contains("clinical reference"), "{show}");
    for d in &layer.documents {
        let words = obddx::labels::source_kind_words(d.kind);
        assert_eq!(
            words.contains("not a guideline"),
            d.kind != kb::SourceKind::Guideline,
            "{}",
            d.id
        );
    }
    for id in [
        "bmj-bp-abruption",
        "statpearls-gtd",
        "patient-info-miscarriage",
    ] {
        assert_ne!(
            layer.document(id).unwrap().kind,
            kb::SourceKind::Guideline,
            "{id}"
        );
    }
}
