//! Stage membership walked week by week: which emergencies the tree, a stage search and the
//! must-not-miss pins show at every week 0–42 of the built-in reference. The expected windows
//! are written out from the facts (vasa praevia and uterine rupture from 24+0 weeks, G1/G10/G11)
//! and the documents (trimesters, the miscarriages' weeks 0–22), not computed by the rule tested.

use obddx::kb::{Reference, Urgency, build_tree};
use obddx::search::{Query, SearchIndex};

/// The emergencies and the weeks each is visible at.
fn expected(id: &str, week: u8) -> bool {
    match id {
        // Stage not given by the documents: shown at every week.
        "missed-pregnancy" | "hydatidiform-mole" => true,
        "threatened-miscarriage" | "miscarriage-in-progress" => week <= 22,
        "ectopic-pregnancy" | "cervical-pregnancy" => week <= 13,
        "placenta-praevia" | "placental-abruption" | "preterm-birth" => week >= 14,
        "vasa-praevia" | "uterine-rupture" => week >= 24,
        other => panic!("an emergency the table does not know: {other}"),
    }
}

fn reference() -> Reference {
    Reference::builtin(false).unwrap_or_else(|e| panic!("{}", e.full_message()))
}

#[test]
fn every_week_shows_exactly_the_emergencies_placed_there() {
    let r = reference();
    let kb = &r.kb;
    for week in 0..=42u8 {
        for (i, cause) in kb.causes.iter().enumerate() {
            if cause.urgency != Urgency::Emergency {
                continue;
            }
            let want = expected(&cause.id, week);
            assert_eq!(
                cause.in_week(&kb.trimesters, week),
                want,
                "{} at week {week}",
                cause.id
            );
            // The tree filtered to the week's trimester holds every cause placed at the week.
            let t = kb
                .trimester_of_week(week)
                .expect("weeks 0–42 have a trimester");
            let in_tree = build_tree(kb, Some(t))
                .iter()
                .flat_map(|s| s.groups.iter())
                .any(|g| g.causes.contains(&i));
            if want {
                assert!(in_tree, "{} missing from the tree at week {week}", cause.id);
            }
        }
    }
}

#[test]
fn from_24_weeks_vasa_praevia_and_uterine_rupture_are_searched_and_pinned() {
    let r = reference();
    let kb = &r.kb;
    let index = SearchIndex::new(kb);
    for week in 24..=42u8 {
        let query = Query {
            text: format!("bleeding {week} weeks"),
            ..Query::default()
        };
        let hits = index.search(kb, &query);
        let stage = index.stage_of(kb, &query);
        let pinned = index.must_not_miss(kb, &stage, &hits);
        for id in ["vasa-praevia", "uterine-rupture"] {
            let c = kb.causes.iter().position(|c| c.id == id).expect(id);
            let found = hits.iter().any(|h| h.cause == c);
            let pin = pinned.iter().any(|m| m.cause == c);
            assert!(found || pin, "{id} not reachable at week {week}");
        }
    }
}

#[test]
fn before_24_weeks_vasa_praevia_and_uterine_rupture_are_not_pinned() {
    let r = reference();
    let kb = &r.kb;
    let index = SearchIndex::new(kb);
    for week in 0..24u8 {
        let query = Query {
            text: format!("bleeding {week} weeks"),
            ..Query::default()
        };
        let hits = index.search(kb, &query);
        let stage = index.stage_of(kb, &query);
        let pinned = index.must_not_miss(kb, &stage, &hits);
        for m in &pinned {
            let id = kb.causes[m.cause].id.as_str();
            assert!(expected(id, week), "{id} pinned at week {week}");
        }
    }
}
