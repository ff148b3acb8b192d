//! The clinical review's findings (kb-review.md) held as regression tests on the shipped KB.

use obddx::kb::{self, Cause, Cite, Claim, KnowledgeBase, Stage, Urgency};

fn shipped() -> KnowledgeBase {
    kb::load_embedded().unwrap_or_else(|e| panic!("{}", e.full_message()))
}

fn cause<'a>(kb: &'a KnowledgeBase, id: &str) -> &'a Cause {
    kb.cause(id).unwrap_or_else(|| panic!("no cause {id}"))
}

fn cites_para(sources: &[Cite], doc: &str, para: u32) -> bool {
    sources
        .iter()
        .any(|c| c.doc == doc && c.para.contains(&para))
}

/// The only paragraphs of the documents that tell the reader to call an ambulance.
/// ¶14 (ectopic), ¶21 (threat of miscarriage / preterm birth: stone uterus, pain, heavier
/// discharge) and ¶24 (frozen pregnancy).
const AMBULANCE_PARAGRAPHS: [u32; 3] = [14, 21, 24];

#[test]
fn an_action_says_ambulance_only_where_a_cited_passage_does() {
    let kb = shipped();
    let mut checked = 0;
    for c in &kb.causes {
        if c.action.to_lowercase().contains("ambulance") {
            checked += 1;
            assert!(
                AMBULANCE_PARAGRAPHS
                    .iter()
                    .any(|&p| cites_para(&c.sources, "articles", p)),
                "{}: its action says ambulance but it cites none of ¶{AMBULANCE_PARAGRAPHS:?}",
                c.id
            );
        }
    }
    assert!(checked >= 3, "only {checked} actions mention an ambulance");
    // The review's cases: no ambulance where the documents say see or tell a doctor.
    for id in [
        "ovum-detachment",
        "vanishing-twin",
        "placenta-praevia",
        "placental-abruption",
    ] {
        assert!(
            !cause(&kb, id).action.to_lowercase().contains("ambulance"),
            "{id}"
        );
    }
}

#[test]
fn immediately_is_kept_where_the_documents_say_it() {
    let kb = shipped();
    for id in [
        "contact-bleeding",
        "mucous-plug",
        "polyps",
        "cervical-erosion",
        "genital-varicose-veins",
    ] {
        let c = cause(&kb, id);
        assert!(c.action.contains("immediately"), "{id}: {}", c.action);
        assert!(cites_para(&c.sources, "articles", 31), "{id} cites ¶31");
    }
    assert!(kb.guidance[0].text.contains("immediately"));
}

#[test]
fn placenta_praevia_says_without_pain_and_has_a_heavy_bleeding_red_flag() {
    let kb = shipped();
    let praevia = cause(&kb, "placenta-praevia");
    assert!(praevia.signs.iter().any(|s| s.text.contains("without pain")
        && s.distinguishing
        && cites_para(&s.sources, "articles", 127)));
    assert!(
        praevia
            .signs
            .iter()
            .any(|s| s.red_flag && s.text.to_lowercase().contains("heavy"))
    );
}

#[test]
fn local_causes_warn_that_later_bleeding_after_intercourse_fits_praevia() {
    let kb = shipped();
    for id in ["contact-bleeding", "cervical-erosion", "polyps"] {
        let c = cause(&kb, id);
        assert!(
            c.signs.iter().any(|s| s.red_flag
                && cites_para(&s.sources, "articles", 127)
                && cites_para(&s.sources, "articles", 43)),
            "{id}"
        );
        assert!(
            c.look_alikes.iter().any(|l| l == "placenta-praevia"),
            "{id}"
        );
    }
}

#[test]
fn implantation_bleeding_is_timed_before_the_missed_period_and_nausea_does_not_distinguish() {
    let kb = shipped();
    let c = cause(&kb, "implantation-bleeding");
    let weeks = c.weeks.expect("implantation bleeding has weeks");
    assert!(weeks.to < 4, "before the missed period: {weeks:?}");
    assert!(
        !c.signs
            .iter()
            .any(|s| s.distinguishing && s.text.to_lowercase().contains("nausea"))
    );
}

/// Paragraphs of the documents' general drug list (¶143–151).
const GENERAL_LIST: std::ops::RangeInclusive<u32> = 141..=151;

#[test]
fn no_general_list_drug_on_a_cause_without_a_passage_tying_it_there() {
    let kb = shipped();
    for c in &kb.causes {
        for t in &c.treatments {
            let from_list = t
                .sources
                .iter()
                .any(|s| s.doc == "articles" && s.para.iter().any(|p| GENERAL_LIST.contains(p)));
            if !from_list {
                continue;
            }
            // ¶150 ties plasma substitutes to severe blood loss, iron to anaemia and antibiotics
            // to genital infection: those are conditions, so they may sit on a cause whose
            // other passages describe that condition.
            let tied_by_150 = t.sources.iter().all(|s| {
                s.doc != "articles"
                    || s.para
                        .iter()
                        .all(|&p| p == 150 || !GENERAL_LIST.contains(&p))
            });
            let tying_passage = t
                .sources
                .iter()
                .any(|s| s.doc == "qa" || s.para.iter().any(|p| !GENERAL_LIST.contains(p)));
            assert!(
                tied_by_150 || tying_passage,
                "{}: treatment '{}' cites only the general list",
                c.id,
                t.class
            );
        }
    }
}

#[test]
fn severe_bleeding_causes_carry_plasma_substitutes_with_the_editors_gloss() {
    let kb = shipped();
    for id in [
        "miscarriage-in-progress",
        "ectopic-pregnancy",
        "cervical-pregnancy",
        "hydatidiform-mole",
    ] {
        let t = cause(&kb, id)
            .treatments
            .iter()
            .find(|t| t.class == "Plasma substitutes")
            .unwrap_or_else(|| panic!("{id} has no plasma substitutes"));
        assert_eq!(t.claim, Claim::RegionalPractice, "{id}");
        let note = t.editor_note.as_deref().expect("editor's note");
        assert!(note.contains("dextran 40") && note.contains("local formulary"));
    }
}

#[test]
fn every_brand_name_is_marked_as_regional_practice() {
    let kb = shipped();
    let brands = [
        "No-shpa",
        "Partusisten",
        "Gemodez",
        "Reopolyglyukin",
        "Ferrum",
        "Globiron",
    ];
    for c in &kb.causes {
        for t in &c.treatments {
            if t.examples
                .iter()
                .any(|e| brands.iter().any(|b| e.contains(b)))
            {
                assert_eq!(t.claim, Claim::RegionalPractice, "{}: {}", c.id, t.class);
                assert!(t.editor_note.is_some(), "{}: {}", c.id, t.class);
            }
        }
    }
}

#[test]
fn single_article_claims_are_marked() {
    let kb = shipped();
    let polypectomy = cause(&kb, "polyps")
        .treatments
        .iter()
        .find(|t| t.class.contains("Endoscopic"))
        .unwrap();
    assert_eq!(polypectomy.claim, Claim::OneArticle);
    let erosion_procedures = cause(&kb, "cervical-erosion")
        .treatments
        .iter()
        .find(|t| t.examples.iter().any(|e| e == "Cryotherapy"))
        .unwrap();
    assert!(
        matches!(&erosion_procedures.claim, Claim::Disputed(d) if cites_para(&d.sources, "articles", 57))
    );
    for id in ["placenta-praevia", "placental-abruption"] {
        assert!(cause(&kb, id).treatments.iter().any(|t| {
            t.class.contains("natural birth is impossible") && t.claim == Claim::OneArticle
        }));
    }
    assert!(
        cause(&kb, "cervical-pregnancy")
            .treatments
            .iter()
            .any(|t| t.class.contains("uterus cannot be saved") && t.claim == Claim::OneArticle)
    );
}

#[test]
fn every_one_article_claim_lies_in_one_article_and_every_dispute_cites_both_sides() {
    let kb = shipped();
    let articles = kb.document("articles").unwrap();
    let part_of = |p: u32| {
        articles
            .parts
            .iter()
            .position(|x| (x.from..=x.to).contains(&p))
    };
    let mut items: Vec<(&Claim, &[Cite])> = Vec::new();
    for c in &kb.causes {
        items.push((&c.claim, &c.sources));
        items.extend(c.signs.iter().map(|s| (&s.claim, s.sources.as_slice())));
        items.extend(
            c.risk_factors
                .iter()
                .map(|s| (&s.claim, s.sources.as_slice())),
        );
        items.extend(
            c.diagnostics
                .iter()
                .map(|s| (&s.claim, s.sources.as_slice())),
        );
        items.extend(
            c.treatments
                .iter()
                .map(|s| (&s.claim, s.sources.as_slice())),
        );
    }
    let (mut one, mut disputed) = (0, 0);
    for (claim, sources) in items {
        match claim {
            Claim::OneArticle => {
                one += 1;
                let parts: std::collections::BTreeSet<_> = sources
                    .iter()
                    .flat_map(|s| {
                        s.para.iter().map(move |&p| {
                            (
                                s.doc.clone(),
                                if s.doc == "articles" {
                                    part_of(p)
                                } else {
                                    None
                                },
                            )
                        })
                    })
                    .collect();
                assert_eq!(parts.len(), 1, "one article's claim spans {parts:?}");
            }
            Claim::Disputed(d) => {
                disputed += 1;
                assert!(!sources.is_empty() && !d.sources.is_empty() && !d.text.is_empty());
            }
            _ => {}
        }
    }
    assert!(
        one >= 5 && disputed >= 5,
        "{one} one-article, {disputed} disputed"
    );
}

#[test]
fn missed_pregnancy_bleeding_does_not_rule_it_out() {
    let kb = shipped();
    let c = cause(&kb, "missed-pregnancy");
    assert!(
        !c.signs
            .iter()
            .any(|s| s.distinguishing && s.text.contains("week"))
    );
    assert!(
        c.signs
            .iter()
            .any(|s| matches!(s.claim, Claim::Disputed(_)))
    );
}

#[test]
fn the_mole_is_graded_with_the_most_dangerous_and_not_equated_with_cancer() {
    let kb = shipped();
    let c = cause(&kb, "hydatidiform-mole");
    assert_eq!(c.urgency, Urgency::Emergency);
    assert_eq!(c.stage, Stage::Unstated);
    assert!(cites_para(&c.sources, "articles", 87));
    assert!(!c.aliases.iter().any(|a| a.contains("chorion")));
}

#[test]
fn no_stage_the_documents_do_not_give() {
    let kb = shipped();
    for id in [
        "vanishing-twin",
        "pre-eclampsia",
        "hydatidiform-mole",
        "missed-pregnancy",
    ] {
        assert_eq!(cause(&kb, id).stage, Stage::Unstated, "{id}");
    }
    assert_eq!(cause(&kb, "hormonal-spotting").weeks, None);
}

#[test]
fn ectopic_bleeding_is_internal_and_the_vaginal_loss_may_be_minor() {
    let kb = shipped();
    let c = cause(&kb, "ectopic-pregnancy");
    assert!(
        !c.signs
            .iter()
            .any(|s| s.text.starts_with("Profuse bleeding"))
    );
    assert!(
        c.signs
            .iter()
            .any(|s| s.red_flag && s.text.contains("internal") && s.text.contains("minor"))
    );
    assert!(cites_para(&c.sources, "articles", 116) && cites_para(&c.sources, "articles", 13));
}

#[test]
fn low_lying_placenta_starts_with_the_hospital_visit_and_points_to_praevia() {
    let kb = shipped();
    let c = cause(&kb, "low-lying-placenta");
    assert!(
        c.action
            .starts_with("A timely hospital visit with an ultrasound"),
        "{}",
        c.action
    );
    assert_eq!(c.look_alikes[0], "placenta-praevia");
}

#[test]
fn haemostatics_are_not_called_tocolytics() {
    let kb = shipped();
    for c in &kb.causes {
        for t in &c.treatments {
            if t.class.to_lowercase().contains("haemostatic") {
                assert!(
                    !t.class.to_lowercase().contains("tone"),
                    "{}: {}",
                    c.id,
                    t.class
                );
            }
        }
    }
}

#[test]
fn erosion_is_the_documents_concept_not_ectropion() {
    let kb = shipped();
    let c = cause(&kb, "cervical-erosion");
    assert!(!c.name.to_lowercase().contains("ectropion"));
    assert!(
        !c.aliases
            .iter()
            .any(|a| a.contains("ectropion") || a.contains("ectopy"))
    );
}

#[test]
fn outcomes_are_complications_not_signs() {
    let kb = shipped();
    for c in &kb.causes {
        for s in &c.signs {
            let t = s.text.to_lowercase();
            assert!(
                !t.starts_with("untreated") && !t.starts_with("fetal death"),
                "{}: {}",
                c.id,
                s.text
            );
        }
    }
    assert!(!cause(&kb, "placental-abruption").complications.is_empty());
    assert!(!cause(&kb, "missed-pregnancy").complications.is_empty());
}

#[test]
fn names_and_summaries_are_short() {
    let kb = shipped();
    for c in &kb.causes {
        assert!(
            c.name.chars().count() <= 65,
            "{}: name {}",
            c.id,
            c.name.chars().count()
        );
        assert!(
            c.summary.chars().count() <= 210,
            "{}: summary {}",
            c.id,
            c.summary.chars().count()
        );
    }
}

#[test]
fn cross_references_the_review_asked_for() {
    let kb = shipped();
    assert!(
        cause(&kb, "mucous-plug")
            .signs
            .iter()
            .any(|s| s.red_flag && s.text.contains("preterm"))
    );
    assert!(
        cause(&kb, "genital-trauma")
            .signs
            .iter()
            .any(|s| s.text.contains("abruption"))
    );
    assert!(
        cause(&kb, "pre-eclampsia")
            .look_alikes
            .iter()
            .any(|l| l == "placental-abruption")
    );
    assert!(
        kb.guidance
            .iter()
            .any(|n| n.sources.iter().any(|s| s.para.contains(&43)))
    );
}
