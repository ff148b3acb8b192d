//! Realistic queries against the shipped KB: each must rank a given cause first or in the
//! top three. Queries are written from the source documents' own descriptions, in lay and
//! clinical words, with typos, British and American spellings, and stages.

use obddx::kb::{self, KnowledgeBase};
use obddx::search::{Hit, Query, SearchIndex};

#[derive(Clone, Copy, Debug)]
enum Want {
    First,
    Top3,
}
use Want::*;

/// (query, cause id, where it must rank)
const TABLE: &[(&str, &str, Want)] = &[
    // Pregnancy loss
    ("fever after bleeding at 10 weeks", "missed-pregnancy", Top3),
    (
        "fever after bleeding at 10 weeks",
        "miscarriage-in-progress",
        Top3,
    ),
    (
        "stone-hard uterus and lower back pain",
        "threatened-miscarriage",
        First,
    ),
    (
        "heavy bleeding with clots at 8 weeks",
        "threatened-miscarriage",
        Top3,
    ),
    (
        "pulling pain in the lower abdomen and dark spotting",
        "threatened-miscarriage",
        First,
    ),
    ("miscariage", "threatened-miscarriage", Top3),
    ("bleeding at 6-7 weeks", "threatened-miscarriage", Top3),
    ("miscarriage in progress", "miscarriage-in-progress", First),
    ("frozen pregnancy", "missed-pregnancy", First),
    // Ties with miscarriage in progress, whose "non-viable embryo retained" is a key sign.
    ("no heartbeat on scan", "missed-pregnancy", Top3),
    (
        "curettage after miscarriage",
        "miscarriage-in-progress",
        First,
    ),
    ("belly hard as stone", "threatened-miscarriage", Top3),
    ("twin pregnancy bleeding", "vanishing-twin", First),
    ("foetal death", "missed-pregnancy", First),
    ("fetal death", "missed-pregnancy", First),
    ("dydrogesterone", "threatened-miscarriage", Top3),
    ("vanishing twin after IVF", "vanishing-twin", First),
    ("lost one twin", "vanishing-twin", First),
    // Physiological and hormonal
    (
        "pink spotting a week after conception",
        "implantation-bleeding",
        First,
    ),
    (
        "nausea and a little pink blood",
        "implantation-bleeding",
        Top3,
    ),
    (
        "bleeding on the day my period was due",
        "hormonal-spotting",
        First,
    ),
    ("progesterone deficiency", "hormonal-spotting", First),
    // Ectopic
    (
        "one-sided lower abdominal pain and spotting at 6 weeks",
        "ectopic-pregnancy",
        First,
    ),
    ("tummy pain on one side", "ectopic-pregnancy", First),
    ("ectopik", "ectopic-pregnancy", First),
    ("tubal rupture", "ectopic-pregnancy", First),
    (
        "scarlet discharge in early pregnancy",
        "cervical-pregnancy",
        First,
    ),
    // Placenta
    (
        "painless scarlet bleeding after intercourse 32w",
        "placenta-praevia",
        First,
    ),
    ("placenta previa", "placenta-praevia", First),
    (
        "painless bleeding late pregnancy",
        "placenta-praevia",
        First,
    ),
    ("bleeding without pain 30 weeks", "placenta-praevia", Top3),
    ("placen", "placenta-praevia", Top3),
    (
        "low lying placenta mid-pregnancy",
        "low-lying-placenta",
        First,
    ),
    (
        "bleeding after a fall in the third trimester",
        "placental-abruption",
        Top3,
    ),
    (
        "bleeding after a fall in the third trimester",
        "genital-trauma",
        Top3,
    ),
    ("hemorrhagic shock", "placental-abruption", First),
    ("abruptoin", "placental-abruption", First),
    (
        "pain at the site of detachment, increased tone",
        "placental-abruption",
        First,
    ),
    ("haematoma", "ovum-detachment", First),
    ("haematoma", "placental-abruption", Top3),
    ("brown daub in the first weeks", "ovum-detachment", Top3),
    ("gestosis", "pre-eclampsia", First),
    (
        "bright red blood 36 weeks no pain",
        "placenta-praevia",
        First,
    ),
    // Abruption ranks 4th here: the documents give abdominal trauma only as its risk factor
    // (with the guideline layer, G27 lifts it; with no stage it is pinned as must-not-miss).
    (
        "bleeding from the vagina after a blow to the belly",
        "genital-trauma",
        Top3,
    ),
    ("bleeding in late pregnancy", "placenta-praevia", Top3),
    ("bleeding in late pregnancy", "placental-abruption", Top3),
    (
        "small amount of bleeding mid-pregnancy",
        "low-lying-placenta",
        First,
    ),
    ("baby not moving and bleeding", "placental-abruption", Top3),
    // Mole
    (
        "abundant painless bleeding, cysts",
        "hydatidiform-mole",
        First,
    ),
    ("cystic drift", "hydatidiform-mole", First),
    ("vesicular drift", "hydatidiform-mole", First),
    ("molar", "hydatidiform-mole", First),
    // Cervix, vagina, other
    (
        "spotting after transvaginal ultrasound",
        "contact-bleeding",
        First,
    ),
    ("bleeding after sex", "contact-bleeding", Top3),
    ("greenish discharge with blood", "genital-infection", First),
    ("STI", "genital-infection", First),
    ("cervical ectropion", "cervical-erosion", First),
    ("polyp", "polyps", First),
    ("cervix polyp", "polyps", First),
    ("myoma", "fibroids", First),
    ("tumour", "malignant-neoplasm", Top3),
    ("cancer", "malignant-neoplasm", First),
    ("injury", "genital-trauma", First),
    (
        "varicose veins of the vulva",
        "genital-varicose-veins",
        First,
    ),
    // Late pregnancy
    (
        "contractions and leaking fluid at 30 weeks",
        "preterm-birth",
        First,
    ),
    ("waters broke and contractions", "preterm-birth", First),
    ("premature labour", "preterm-birth", First),
    ("water leaking 28 weeks", "preterm-birth", First),
    ("mucous plug", "mucous-plug", First),
    ("show", "mucous-plug", First),
    ("bloody show at 39 weeks", "mucous-plug", First),
];

fn rank_of(kb: &KnowledgeBase, hits: &[Hit], id: &str) -> Option<usize> {
    hits.iter().position(|h| kb.causes[h.cause].id == id)
}

fn top(kb: &KnowledgeBase, hits: &[Hit], n: usize) -> Vec<String> {
    hits.iter()
        .take(n)
        .map(|h| format!("{} ({:.2})", kb.causes[h.cause].id, h.score))
        .collect()
}

#[test]
fn query_table() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    let mut failures = Vec::new();
    for &(text, id, want) in TABLE {
        assert!(kb.cause(id).is_some(), "unknown cause id {id} in the table");
        let hits = index.search(&kb, &Query::text(text));
        let rank = rank_of(&kb, &hits, id);
        let ok = match want {
            First => rank == Some(0),
            Top3 => rank.is_some_and(|r| r < 3),
        };
        if !ok {
            failures.push(format!(
                "{text:?}: want {id} {want:?}, got rank {rank:?}; top: {:?}",
                top(&kb, &hits, 4)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries rank poorly:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_is_big_enough() {
    assert!(TABLE.len() >= 30);
}

fn ids(kb: &KnowledgeBase, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| kb.causes[h.cause].id.clone()).collect()
}

#[test]
fn stage_in_text_filters() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    // Placenta praevia is a 2nd/3rd-trimester cause: not at 8 weeks.
    let hits = index.search(&kb, &Query::text("placenta praevia at 8 weeks"));
    assert!(!ids(&kb, &hits).contains(&"placenta-praevia".to_string()));
    for h in &hits {
        assert!(kb.causes[h.cause].stage.includes(1));
    }
    // Implantation bleeding is 1st trimester only.
    let hits = index.search(&kb, &Query::text("implantation third trimester"));
    assert!(!ids(&kb, &hits).contains(&"implantation-bleeding".to_string()));
}

#[test]
fn stage_fields_filter_and_the_text_wins() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    // A week filter left on (32) does not override the week just typed (8).
    let q = Query {
        text: "bleeding 8 weeks".into(),
        trimester: None,
        week: Some(32),
    };
    let hits = index.search(&kb, &q);
    assert!(
        hits.iter()
            .any(|h| kb.causes[h.cause].id == "ectopic-pregnancy")
    );
    for h in hits {
        assert!(
            kb.causes[h.cause].stage.includes(1),
            "{}",
            kb.causes[h.cause].id
        );
    }
    let q = Query {
        text: "scarlet bleeding".into(),
        trimester: Some(2),
        week: None,
    };
    let hits = index.search(&kb, &q);
    assert!(!hits.is_empty());
    for h in &hits {
        assert!(kb.causes[h.cause].stage.includes(2));
    }
}

#[test]
fn stage_only_query_lists_the_stage_in_tree_order() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    let want: Vec<usize> = kb
        .tree_order()
        .into_iter()
        .filter(|&c| kb.causes[c].stage.includes(1))
        .collect();
    for text in ["7 weeks", "at 7 wk", "first trimester", "early pregnancy"] {
        let hits = index.search(&kb, &Query::text(text));
        // With a week, a cause whose own week range excludes it (implantation bleeding, weeks
        // 2–3) comes last.
        let mut want = want.clone();
        if text.contains('7') {
            want.sort_by_key(|&c| kb.causes[c].weeks.is_some_and(|r| !r.contains(7)));
        }
        assert_eq!(
            hits.iter().map(|h| h.cause).collect::<Vec<_>>(),
            want,
            "{text}"
        );
        assert!(hits.iter().all(|h| h.score == 0.0 && h.matches.is_empty()));
    }
    let all: Vec<usize> = kb.tree_order();
    let hits = index.search(&kb, &Query::text("  "));
    assert_eq!(hits.iter().map(|h| h.cause).collect::<Vec<_>>(), all);
}

#[test]
fn matches_point_at_the_matched_words() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    let hits = index.search(&kb, &Query::text("pain on one side"));
    let ectopic = &hits[0];
    assert_eq!(kb.causes[ectopic.cause].id, "ectopic-pregnancy");
    let m = &ectopic.matches[0];
    let marked: Vec<&str> = m.ranges.iter().map(|r| &m.text[r.clone()]).collect();
    assert!(
        marked.iter().any(|s| s.eq_ignore_ascii_case("one side")),
        "{marked:?} in {:?}",
        m.text
    );
    // British spelling in the KB, American in the query (and the other way round).
    let hits = index.search(&kb, &Query::text("hematoma"));
    let m = &hits[0].matches[0];
    let marked: Vec<&str> = m.ranges.iter().map(|r| &m.text[r.clone()]).collect();
    assert!(
        marked
            .iter()
            .any(|s| s.contains("aematoma") || s.contains("ematoma"))
    );
}

#[test]
fn unknown_words_find_nothing() {
    let kb = kb::embedded();
    let index = SearchIndex::new(&kb);
    assert!(index.search(&kb, &Query::text("xylophone")).is_empty());
}
