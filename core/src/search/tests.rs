//! Unit tests of the engine's mechanics on a small hand-made KB (content-independent), plus
//! a few on the embedded KB.

use super::*;
use crate::kb::{
    self, Cause, Cite, Diagnostic, Group, Meta, Sign, Stage, TestKind, Treatment, TreatmentKind,
    Trimester, Urgency, WeekRange,
};

fn cite() -> Vec<Cite> {
    vec![Cite {
        doc: "d".into(),
        para: vec![1],
    }]
}

fn sign(text: &str, key: bool) -> Sign {
    Sign {
        text: text.into(),
        red_flag: false,
        distinguishing: key,
        sources: cite(),
        claim: crate::kb::Claim::default(),
        fact: None,
    }
}

fn cause(id: &str, name: &str, stage: Stage, summary: &str, signs: Vec<Sign>) -> Cause {
    Cause {
        id: id.into(),
        name: name.into(),
        short_name: None,
        group: "g".into(),
        aliases: Vec::new(),
        stage,
        weeks: None,
        weeks_derivation: None,
        urgency: Urgency::Routine,
        urgency_basis: crate::kb::UrgencyBasis::Stated,
        summary: summary.into(),
        action: "See a doctor.".into(),
        sources: cite(),
        claim: crate::kb::Claim::default(),
        signs,
        risk_factors: Vec::new(),
        diagnostics: Vec::new(),
        treatments: Vec::new(),
        complications: Vec::new(),
        look_alikes: Vec::new(),
    }
}

fn small_kb() -> KnowledgeBase {
    let t = |n: u8, from: u8, to: u8| Trimester {
        number: n,
        name: format!("T{n}"),
        weeks: WeekRange { from, to },
    };
    let mut causes = vec![
        cause(
            "alpha",
            "Alpha syndrome",
            Stage::Trimesters(vec![1]),
            "Bleeding with pain.",
            vec![
                sign("Pain on one side of the lower abdomen", true),
                sign("Bleeding", false),
            ],
        ),
        cause(
            "beta",
            "Beta disease",
            Stage::Trimesters(vec![3]),
            "Bleeding, sometimes with cysts.",
            vec![
                sign("Lumbar pain and bleeding", false),
                sign("Many cysts", true),
            ],
        ),
        cause(
            "gamma",
            "Gamma condition",
            Stage::AnyTime,
            "Bleeding of any kind; the haematoma is typical.",
            vec![sign("Bleeding after a fall", false)],
        ),
        cause(
            "delta",
            "Delta cysts",
            Stage::Trimesters(vec![1, 2]),
            "Bleeding.",
            vec![sign("Painless bleeding", false)],
        ),
    ];
    causes[3].weeks = Some(WeekRange { from: 5, to: 7 });
    causes[2].diagnostics = vec![Diagnostic {
        kind: TestKind::Ultrasound,
        test: "Ultrasound".into(),
        finding: "Shows the haematoma".into(),
        sources: cite(),
        claim: crate::kb::Claim::default(),
        fact: None,
    }];
    causes[2].treatments = vec![Treatment {
        kind: TreatmentKind::Medication,
        class: "Haemostatics".into(),
        examples: vec!["etamsylate".into(), "tranexamic acid".into()],
        when: Some("If bleeding persists".into()),
        editor_note: None,
        sources: cite(),
        claim: crate::kb::Claim::default(),
        fact: None,
    }];
    KnowledgeBase {
        meta: Meta {
            title: "t".into(),
            version: "0".into(),
            updated: "2000-01-01".into(),
            disclaimer: "d".into(),
        },
        documents: Vec::new(),
        trimesters: vec![t(1, 0, 13), t(2, 14, 27), t(3, 28, 42)],
        guidance: Vec::new(),
        groups: vec![Group {
            id: "g".into(),
            name: "G".into(),
        }],
        causes,
    }
}

fn ids(kb: &KnowledgeBase, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| kb.causes[h.cause].id.clone()).collect()
}

fn search(text: &str) -> (KnowledgeBase, Vec<Hit>) {
    let kb = small_kb();
    let idx = SearchIndex::new(&kb);
    let hits = idx.search(&kb, &Query::text(text));
    (kb, hits)
}

fn marked(m: &Match) -> Vec<&str> {
    m.ranges.iter().map(|r| &m.text[r.clone()]).collect()
}

#[test]
fn empty_query_lists_all_in_tree_order() {
    let kb = kb::embedded();
    let idx = SearchIndex::new(&kb);
    let hits = idx.search(&kb, &Query::text(""));
    assert_eq!(
        hits.iter().map(|h| h.cause).collect::<Vec<_>>(),
        kb.tree_order()
    );
    assert!(hits.iter().all(|h| h.score == 0.0 && h.matches.is_empty()));
}

#[test]
fn rare_words_outweigh_common_ones() {
    // "bleeding" is in every cause, "cysts" in two: the cysts causes come first.
    let (kb, hits) = search("bleeding cysts");
    assert_eq!(ids(&kb, &hits)[..2], ["delta", "beta"]);
    assert_eq!(hits.len(), 4);
}

#[test]
fn a_name_match_outranks_a_sign_match() {
    let (kb, hits) = search("cysts");
    // Delta has "cysts" in its name, Beta in a distinguishing sign and its summary.
    assert_eq!(ids(&kb, &hits), ["delta", "beta"]);
    assert_eq!(hits[0].matches[0].field, Field::Name);
}

#[test]
fn matching_more_concepts_ranks_higher() {
    // Words only (neither is a finding the reader knows): Gamma matches "bleeding" and "fall",
    // the others only the generic "bleeding".
    let (kb, hits) = search("bleeding fall");
    assert_eq!(ids(&kb, &hits)[0], "gamma");
    assert!(hits[1..].iter().all(|h| h.score < hits[0].score / 10.0));
}

#[test]
fn a_finding_named_by_a_distinguishing_sign_outweighs_stray_words() {
    // "pain" is a finding (data/findings.ron) that Alpha's distinguishing sign names: key
    // evidence. "haematoma" is one too, but only Gamma's summary names it (typical evidence),
    // and "fall" is a plain word, which counts only a share once findings are read — stray
    // words must not outweigh what the clinician found. So Alpha leads, Gamma follows.
    let (kb, hits) = search("haematoma after a fall, pain");
    assert_eq!(ids(&kb, &hits)[..2], ["alpha", "gamma"]);
    // The reason is the sign's key status: without it, Gamma's two matches lead.
    let mut kb = small_kb();
    kb.causes[0].signs[0].distinguishing = false;
    let idx = SearchIndex::new(&kb);
    let hits = idx.search(&kb, &Query::text("haematoma after a fall, pain"));
    assert_eq!(ids(&kb, &hits)[0], "gamma");
}

#[test]
fn synonym_phrases_match() {
    // "lower back" is a phrasing of the back-pain finding, whose phrasings include "lumbar
    // pain": Beta's sign is its evidence, and the highlight spans the phrase it was read in.
    let (kb, hits) = search("lower back");
    assert_eq!(ids(&kb, &hits), ["beta"]);
    assert_eq!(marked(&hits[0].matches[0]), ["Lumbar pain"]);
    // "one-sided" ~ "one side" (the one-sided-pain finding); the highlight spans the phrase.
    let (kb, hits) = search("one-sided");
    assert_eq!(ids(&kb, &hits), ["alpha"]);
    assert!(marked(&hits[0].matches[0]).contains(&"one side"));
}

#[test]
fn custom_synonyms() {
    let kb = small_kb();
    let syn = Synonyms::parse(r#"(groups: [(terms: ["wombat ray", "lumbar"])])"#).unwrap();
    let idx = SearchIndex::with_synonyms(&kb, &syn);
    let hits = idx.search(&kb, &Query::text("Wombat rays"));
    assert_eq!(ids(&kb, &hits), ["beta"]);
    // Without that group, nothing.
    let idx = SearchIndex::with_synonyms(&kb, &Synonyms::default());
    assert!(idx.search(&kb, &Query::text("wombat ray")).is_empty());
}

#[test]
fn typos_and_spelling_variants() {
    for q in ["hematoma", "haematomas", "heamatoma", "HAEMATOMA"] {
        let (kb, hits) = search(q);
        assert_eq!(ids(&kb, &hits), ["gamma"], "{q}");
    }
    let (kb, hits) = search("cyts");
    assert_eq!(ids(&kb, &hits)[0], "delta");
}

#[test]
fn prefix_only_for_the_word_being_typed() {
    let (kb, hits) = search("haemat");
    assert_eq!(ids(&kb, &hits), ["gamma"]);
    // A finished word (followed by a space) is not a prefix.
    let (_, hits) = search("haemat ");
    assert!(hits.is_empty());
    // Nor is a word before the last.
    let (kb, hits) = search("haemat fall");
    assert_eq!(ids(&kb, &hits), ["gamma"]);
    assert!(
        hits[0]
            .matches
            .iter()
            .all(|m| !m.text.to_lowercase().contains("haematoma") || m.field == Field::Sign)
    );
}

#[test]
fn diagnostics_and_treatments_report_their_part() {
    let parts = |q: &str| -> Vec<(Field, Part, String)> {
        let (_, hits) = search(q);
        assert!(hits[0].matches.iter().all(|m| !m.ranges.is_empty()), "{q}");
        hits[0]
            .matches
            .iter()
            .map(|m| (m.field, m.part, m.text.clone()))
            .collect()
    };
    // A diagnostic's finding is searched as words.
    let got = parts("shows");
    assert!(got.contains(&(
        Field::Diagnostic,
        Part::Finding,
        "Shows the haematoma".into()
    )));
    // A treatment's example, and through the haemostatics synonym group its class and the
    // other example, each with its part.
    let got = parts("etamsylate");
    assert!(got.contains(&(Field::Treatment, Part::Example(0), "etamsylate".into())));
    assert!(got.contains(&(Field::Treatment, Part::Class, "Haemostatics".into())));
    assert!(got.contains(&(Field::Treatment, Part::Example(1), "tranexamic acid".into())));
    // A treatment's "when" is searched as words ("bleeding" here)...
    let got = parts("bleeding fall");
    assert!(got.contains(&(Field::Treatment, Part::When, "If bleeding persists".into())));
    // ...but "persists" is a finding (persistent bleeding), and a treatment's condition is no
    // evidence of the cause: it matches nothing, and no cause is ranked on it.
    let (_, hits) = search("persists");
    assert!(hits.iter().all(|h| h.score == 0.0 && h.matches.is_empty()));
}

#[test]
fn matches_are_ordered_by_importance() {
    // Gamma for "bleeding fall": its sign matches both words (1.5 each), its summary one
    // (1.3), its treatment's condition one (0.5): most important first.
    let (_, hits) = search("bleeding fall");
    let fields: Vec<(Field, Part)> = hits[0].matches.iter().map(|m| (m.field, m.part)).collect();
    assert_eq!(
        fields,
        [
            (Field::Sign, Part::Text),
            (Field::Summary, Part::Text),
            (Field::Treatment, Part::When)
        ]
    );
}

#[test]
fn stage_in_text_filters_and_is_not_matched() {
    let (kb, hits) = search("bleeding 32w");
    let mut got = ids(&kb, &hits);
    got.sort();
    assert_eq!(got, ["beta", "gamma"]);
    let (kb, hits) = search("bleeding first trimester");
    assert_eq!(ids(&kb, &hits).len(), 3);
    assert!(!ids(&kb, &hits).contains(&"beta".to_string()));
}

#[test]
fn week_inside_a_causes_range_lifts_it() {
    let kb = small_kb();
    let idx = SearchIndex::new(&kb);
    let base = idx.search(&kb, &Query::text("bleeding"));
    let at6 = idx.search(&kb, &Query::text("bleeding at 6 weeks"));
    let at12 = idx.search(&kb, &Query::text("bleeding at 12 weeks"));
    let score = |hits: &[Hit], id: &str| {
        hits.iter()
            .find(|h| kb.causes[h.cause].id == id)
            .map(|h| h.score)
            .unwrap()
    };
    assert!(score(&at6, "delta") > score(&base, "delta"));
    assert!(score(&at12, "delta") < score(&base, "delta"));
}

#[test]
fn the_stage_typed_in_the_text_wins_over_a_filter_left_on() {
    let kb = small_kb();
    let idx = SearchIndex::new(&kb);
    // A week filter of 6 left on from the previous patient; the query says 32 weeks.
    let q = Query {
        text: "bleeding 32w".into(),
        trimester: None,
        week: Some(6),
    };
    assert_eq!(
        idx.stage_of(&kb, &q),
        ResolvedStage {
            trimester: Some(3),
            week: Some(32),
            days: None,
            from: Some(StageFrom::Query),
            cue: None,
        }
    );
    let got = ids(&kb, &idx.search(&kb, &q));
    assert!(got.contains(&"beta".to_string()) && !got.contains(&"alpha".to_string()));
    // A trimester filter of 3; the query says early pregnancy.
    let q = Query {
        text: "bleeding early pregnancy".into(),
        trimester: Some(3),
        week: None,
    };
    assert_eq!(idx.stage_of(&kb, &q).trimester, Some(1));
    assert!(!ids(&kb, &idx.search(&kb, &q)).contains(&"beta".to_string()));
    // With no stage in the text, the filter applies and says so.
    let q = Query {
        text: "bleeding".into(),
        trimester: None,
        week: Some(6),
    };
    let st = idx.stage_of(&kb, &q);
    assert_eq!(
        (st.trimester, st.week, st.from),
        (Some(1), Some(6), Some(StageFrom::Option))
    );
    let q = Query {
        text: "bleeding 32+4".into(),
        ..Query::default()
    };
    assert_eq!(idx.stage_of(&kb, &q).days, Some(4));
}

#[test]
fn stage_only_and_stopword_only_queries_list_everything_in_stage() {
    let (kb, hits) = search("the");
    assert_eq!(hits.len(), kb.causes.len());
    let (kb, hits) = search("in the third trimester");
    assert_eq!(ids(&kb, &hits), ["beta", "gamma"]);
    assert!(hits.iter().all(|h| h.score == 0.0));
}

#[test]
fn negation_turns_into_the_less_form() {
    let (kb, hits) = search("without pain");
    assert_eq!(ids(&kb, &hits), ["delta"]);
    let (kb, hits) = search("not painful");
    assert_eq!(ids(&kb, &hits), ["delta"]);
    let (kb, hits) = search("pain");
    assert!(!ids(&kb, &hits).contains(&"delta".to_string()));
    // A negated word the KB has no "-less" form for is read as absent, so it is not searched
    // for as present (that would rank the causes with cysts first, the opposite of what was
    // said): nothing is ranked on it, and every cause is still listed (none hidden).
    let (kb, hits) = search("cysts");
    assert_eq!(ids(&kb, &hits), ["delta", "beta"]);
    let (kb, hits) = search("no cysts");
    assert_eq!(hits.len(), kb.causes.len());
    assert!(hits.iter().all(|h| h.score == 0.0 && h.matches.is_empty()));
}

#[test]
fn unknown_words_find_nothing_but_do_not_hide_known_ones() {
    let (_, hits) = search("qwertyuiop");
    assert!(hits.is_empty());
    let (kb, hits) = search("qwertyuiop cysts");
    assert_eq!(ids(&kb, &hits), ["delta", "beta"]);
}

#[test]
fn ranges_are_on_char_boundaries_with_non_ascii_text() {
    let mut kb = small_kb();
    kb.causes[0].signs[1].text = "Blutung — «bleeding» naïve 🩸 bleeding".into();
    let idx = SearchIndex::new(&kb);
    let hits = idx.search(&kb, &Query::text("bleeding naive"));
    for h in &hits {
        for m in &h.matches {
            for r in &m.ranges {
                assert!(m.text.is_char_boundary(r.start) && m.text.is_char_boundary(r.end));
            }
        }
    }
    let m = hits[0]
        .matches
        .iter()
        .find(|m| m.text.starts_with("Blutung"))
        .unwrap();
    assert_eq!(marked(m), ["bleeding", "naïve", "bleeding"]);
}

#[test]
fn index_is_clone_and_usable_from_threads() {
    let kb = small_kb();
    let idx = SearchIndex::new(&kb);
    let copy = idx.clone();
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                for _ in 0..50 {
                    assert!(!idx.search(&kb, &Query::text("bleeding")).is_empty());
                    assert!(!copy.search(&kb, &Query::text("cysts")).is_empty());
                }
            });
        }
    });
}

#[test]
fn index_is_send_and_sync() {
    fn check<T: Send + Sync + Clone + std::fmt::Debug>() {}
    check::<SearchIndex>();
}
