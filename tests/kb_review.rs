//! The clinical review's findings (kb-review.md) held as regression tests on the shipped KB.

#[path = "support/kb_helpers.rs"]
mod kb_helpers;

use kb_helpers::{cause, cites_para, shipped};
use obddx::kb::{self, Cite, Claim, Stage, Urgency};

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
fn placenta_praevia_says_without_pain_and_has_a_bleeding_red_flag() {
    let kb = shipped();
    let praevia = cause(&kb, "placenta-praevia");
    assert!(praevia.signs.iter().any(|s| s.text.contains("without pain")
        && s.distinguishing
        && cites_para(&s.sources, "articles", 127)));
    assert!(
        praevia
            .signs
            .iter()
            // R13 of the second review: ¶44 says "extremely dangerous", not "heavy".
            .any(|s| s.red_flag && s.text.contains("extremely dangerous"))
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
fn ectopic_rupture_bleeding_is_internal() {
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
            // The third review (S10): "the vaginal loss may be only minor" was in no cited ¶.
            .any(|s| s.red_flag && s.text.contains("internal") && !s.text.contains("minor"))
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

// ── second review (kb-review-2.md), R1–R23 ───────────────────────────────────────────────────

fn layered() -> kb::Reference {
    kb::Reference::builtin(false).unwrap_or_else(|e| panic!("{}", e.full_message()))
}

fn item_claim<'a>(items: impl Iterator<Item = (&'a str, &'a Claim)>, starts: &str) -> &'a Claim {
    items
        .into_iter()
        .find(|(text, _)| text.starts_with(starts))
        .unwrap_or_else(|| panic!("no item starting {starts:?}"))
        .1
}

#[test]
fn r1_guideline_causes_from_24_weeks_are_placed_at_24_to_27_weeks() {
    let r = layered();
    for id in ["vasa-praevia", "uterine-rupture"] {
        let c = cause(&r.kb, id);
        assert!((24..=42).all(|w| c.in_week(&r.kb.trimesters, w)), "{id}");
        assert!(!c.in_week(&r.kb.trimesters, 23), "{id}");
    }
}

#[test]
fn r2_praevia_bleeding_always_is_one_articles_claim_and_not_the_summary() {
    let kb = shipped();
    let p = cause(&kb, "placenta-praevia");
    assert!(!p.summary.contains("always"), "{}", p.summary);
    let claim = item_claim(
        p.signs.iter().map(|s| (s.text.as_str(), &s.claim)),
        "Bleeding always occurs",
    );
    assert_eq!(*claim, Claim::OneArticle);
}

#[test]
fn r3_regional_drugs_on_threatened_miscarriage_are_marked() {
    let kb = shipped();
    let t = cause(&kb, "threatened-miscarriage");
    for class in [
        "Haemostatic drugs",
        "Drugs that reduce uterine tone",
        "Progesterone drugs",
    ] {
        let claim = item_claim(
            t.treatments.iter().map(|x| (x.class.as_str(), &x.claim)),
            class,
        );
        assert_eq!(*claim, Claim::RegionalPractice, "{class}");
    }
    let haemostatic = t
        .treatments
        .iter()
        .find(|x| x.class == "Haemostatic drugs")
        .unwrap();
    assert!(
        haemostatic.examples.is_empty(),
        "¶145's list is not tied to this cause"
    );
    assert!(!cites_para(&haemostatic.sources, "articles", 145));
}

#[test]
fn r4_open_cervix_and_natural_birth_are_source_statements_not_red_flags() {
    let kb = shipped();
    for id in ["placenta-praevia", "placental-abruption"] {
        let c = cause(&kb, id);
        assert!(
            c.signs.iter().all(|s| !s.text.contains("widely open")),
            "{id}: the open-cervix statement is no sign"
        );
        for t in c.treatments.iter().filter(|t| t.class.contains("aesarean")) {
            assert_eq!(t.claim, Claim::OneArticle, "{id}: {}", t.class);
            assert!(
                t.class.contains("the source says") || t.class.contains("the article's reason"),
                "{id}: {}",
                t.class
            );
        }
    }
}

#[test]
fn r6_routine_causes_word_their_heavy_bleeding_flag_as_an_exclusion() {
    let kb = shipped();
    let flag = cause(&kb, "hormonal-spotting")
        .signs
        .iter()
        .find(|s| s.text.contains("Heavy") || s.text.contains("heavy"))
        .unwrap();
    assert!(flag.text.starts_with("Not this cause"), "{}", flag.text);
    let implantation = cause(&kb, "implantation-bleeding");
    assert!(
        implantation
            .signs
            .iter()
            .filter(|s| s.text.contains("profuse"))
            .all(|s| s.text.contains("is not")),
    );
}

#[test]
fn r5_r8_rhd_prompt_everywhere_and_corticosteroids_with_their_window() {
    let r = layered();
    for id in ["threatened-miscarriage", "low-lying-placenta", "polyps"] {
        for week in [14, 18, 23] {
            let when = kb::When::Week(week);
            assert!(
                r.cause_notes(id)
                    .iter()
                    .any(|n| n.fact == "G8" && n.applies(&r.kb.trimesters, when)),
                "{id} at {week}"
            );
        }
    }
    for id in ["placenta-praevia", "placental-abruption"] {
        let steroid = r
            .cause_notes(id)
            .into_iter()
            .find(|n| n.fact == "G9")
            .unwrap_or_else(|| panic!("{id}: no G9"));
        assert!(steroid.text.contains("24+0 to 33+6"));
    }
}

#[test]
fn r9_ectopic_only_way_is_one_articles_claim() {
    let kb = shipped();
    let e = cause(&kb, "ectopic-pregnancy");
    for t in &e.treatments {
        if t.class.contains("only way") || t.when.as_deref().is_some_and(|w| w.contains("only way"))
        {
            assert_eq!(t.claim, Claim::OneArticle, "{}", t.class);
        }
    }
}

#[test]
fn r10_trauma_points_to_abruption_without_a_red_flag() {
    let kb = shipped();
    let s = cause(&kb, "genital-trauma")
        .signs
        .iter()
        .find(|s| s.text.contains("abruption"))
        .unwrap();
    assert!(
        !s.red_flag && s.text.starts_with("After abdominal trauma"),
        "{}",
        s.text
    );
}

#[test]
fn r11_r13_r14_r20_wording_follows_the_paragraph() {
    let kb = shipped();
    for id in [
        "polyps",
        "cervical-erosion",
        "fibroids",
        "contact-bleeding",
        "genital-infection",
        "genital-trauma",
        "malignant-neoplasm",
    ] {
        for rf in &cause(&kb, id).risk_factors {
            assert!(
                !rf.text.starts_with("Condition present before conception"),
                "{id}"
            );
        }
    }
    let p = cause(&kb, "placenta-praevia");
    let thin = p
        .signs
        .iter()
        .find(|s| s.text.contains("thinned uterine wall"))
        .unwrap();
    assert!(!thin.text.starts_with("Heavy") && !thin.text.contains("shock"));
    assert!(!cites_para(&thin.sources, "articles", 134));
    assert!(kb.guidance.iter().all(|g| !g.text.contains("milder")));
    for c in &kb.causes {
        assert!(
            c.signs.iter().all(|s| !s.text.contains("typical trigger")),
            "{}",
            c.id
        );
    }
}

#[test]
fn r12_varicose_veins_are_not_placed_at_any_time() {
    let kb = shipped();
    assert_eq!(cause(&kb, "genital-varicose-veins").stage, Stage::Unstated);
}

/// R16: where the documents state no urgency (fibroids, genital varicose veins), the cause is at
/// the fail-safe level, URGENT — neither lowered to routine nor raised to an emergency — and
/// `show` and JSON say in words that the level is not the documents'. Validation refuses
/// "not stated" at any other level.
#[test]
fn r16_urgency_the_documents_do_not_state_is_the_fail_safe_level_said_in_words() {
    let kb = shipped();
    let not_stated: Vec<&str> = kb
        .causes
        .iter()
        .filter(|c| c.urgency_basis == kb::UrgencyBasis::NotStated)
        .map(|c| c.id.as_str())
        .collect();
    for id in ["fibroids", "genital-varicose-veins"] {
        assert!(not_stated.contains(&id), "{id}: {not_stated:?}");
    }
    for id in &not_stated {
        assert_eq!(cause(&kb, id).urgency, Urgency::NOT_STATED, "{id}");
    }
    assert_eq!(Urgency::NOT_STATED, Urgency::Urgent);
    // Polyps, whose urgency the documents do state (harmless), keep theirs.
    assert_eq!(cause(&kb, "polyps").urgency_basis, kb::UrgencyBasis::Stated);

    let show = assert_cmd::Command::cargo_bin("obddx")
        .unwrap()
        .args(["show", "genital-varicose-veins"])
        .output()
        .unwrap();
    let text = String::from_utf8(show.stdout).unwrap();
    assert!(text.starts_with("! URGENT"), "{text}");
    assert!(
        text.contains(
            "Urgency not stated in the documents: ! URGENT is the reference's fail-safe level"
        ),
        "{text}"
    );
    let json = assert_cmd::Command::cargo_bin("obddx")
        .unwrap()
        .args(["show", "fibroids", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["urgency"], "urgent");
    assert_eq!(json["urgency_stated"], false);

    let text = kb::EMBEDDED_KB.replacen(
        "urgency: Urgent,\n            // R16",
        "urgency: Routine,\n            // R16",
        1,
    );
    assert_ne!(
        text,
        kb::EMBEDDED_KB,
        "the fibroids entry is where the test expects it"
    );
    let err = kb::load_documents_str("kb.ron", &text).unwrap_err();
    assert!(
        err.full_message()
            .contains("urgency not stated by the documents must be Urgent"),
        "{}",
        err.full_message()
    );
}

/// R18: implantation bleeding's weeks 2–3 are the editor's arithmetic on ¶5 (days after
/// conception): the cause carries how they were derived, and every output marks them.
#[test]
fn r18_implantation_weeks_are_marked_as_the_editors_derivation_everywhere() {
    let kb = shipped();
    let implantation = cause(&kb, "implantation-bleeding");
    let how = implantation
        .weeks_derivation
        .as_deref()
        .expect("a derivation");
    assert!(
        how.contains("¶5") && how.contains("6–12 days after conception"),
        "{how}"
    );
    // Only weeks that exist can be derived; every other cause's weeks are the documents' own.
    for c in &kb.causes {
        assert!(
            c.weeks_derivation.is_none() || c.weeks.is_some(),
            "{}",
            c.id
        );
    }
    let stage = obddx::labels::stage_and_weeks(&kb, implantation);
    assert!(
        stage.ends_with("weeks 2–3 (✎ editor's derivation)"),
        "{stage}"
    );

    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("obddx")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for format in ["text", "markdown"] {
        let shown = run(&["show", "implantation-bleeding", "--format", format]);
        assert!(shown.contains("editor's derivation"), "{format}: {shown}");
        assert!(shown.contains("EDITOR'S DERIVATION"), "{format}: {shown}");
    }
    let export = run(&["export", "--format", "markdown"]);
    assert!(export.contains("EDITOR'S DERIVATION"));
    let json: serde_json::Value =
        serde_json::from_str(&run(&["show", "implantation-bleeding", "--format", "json"])).unwrap();
    assert_eq!(json["weeks_derivation"], how);
    let placenta: serde_json::Value =
        serde_json::from_str(&run(&["show", "placenta-praevia", "--format", "json"])).unwrap();
    assert!(placenta["weeks_derivation"].is_null());
}

/// R17: a pin reason fits the stage it is shown at. A cause whose stage the documents do not
/// give is pinned at every stated stage to fail safe; its red flags may describe another stage
/// (missed pregnancy's "fever with a non-viable embryo retained"), so at a stated stage its
/// reason is its summary, with the missing stage said; with no stage stated, its red flag.
#[test]
fn r17_a_pin_reason_fits_the_stage_it_is_shown_at() {
    use obddx::search::{Query, SearchIndex};
    let kb = layered().kb;
    let index = SearchIndex::new(&kb);
    let missed = kb
        .causes
        .iter()
        .position(|c| c.id == "missed-pregnancy")
        .unwrap();
    let reason_at = |text: &str| {
        let query = Query {
            text: text.into(),
            trimester: None,
            week: None,
        };
        let stage = index.stage_of(&kb, &query);
        let hits = index.search(&kb, &query);
        index
            .must_not_miss(&kb, &stage, &hits)
            .into_iter()
            .find(|m| m.cause == missed)
            .map(|m| m.why)
    };
    let red_flag = &cause(&kb, "missed-pregnancy")
        .signs
        .iter()
        .find(|s| s.red_flag)
        .unwrap()
        .text;
    assert!(red_flag.contains("embryo"), "the case the review found");
    for week in [24, 30, 34, 36, 39] {
        let why = reason_at(&format!("painless bleeding at {week} weeks"))
            .unwrap_or_else(|| panic!("missed pregnancy pinned at {week} weeks (fail safe)"));
        assert!(!why.contains("embryo retained"), "{week} weeks: {why}");
        assert!(why.contains("stage not given in the documents"), "{why}");
        assert!(
            why.starts_with(&cause(&kb, "missed-pregnancy").summary),
            "{why}"
        );
    }
    // A cause placed at the stage keeps its red flag: praevia at 34 weeks, if pinned.
    let praevia = kb
        .causes
        .iter()
        .position(|c| c.id == "placenta-praevia")
        .unwrap();
    let query = Query {
        text: "spotting after a smear test at 34 weeks".into(),
        trimester: None,
        week: None,
    };
    let stage = index.stage_of(&kb, &query);
    let hits = index.search(&kb, &query);
    for m in index.must_not_miss(&kb, &stage, &hits) {
        if m.cause == praevia {
            let flag = kb.causes[praevia]
                .signs
                .iter()
                .find(|s| s.red_flag)
                .unwrap();
            assert_eq!(m.why, flag.text);
        }
    }
    // No stage stated: every emergency is pinned under its stage group, with its red flag.
    let unstaged = Query {
        text: "bleeding".into(),
        trimester: None,
        week: None,
    };
    let stage = index.stage_of(&kb, &unstaged);
    let pinned = index.must_not_miss(&kb, &stage, &index.search(&kb, &unstaged));
    if let Some(m) = pinned.iter().find(|m| m.cause == missed) {
        assert_eq!(&m.why, red_flag);
    }
}

#[test]
fn r19_the_slight_early_detachment_is_cited_under_ovum_detachment() {
    let kb = shipped();
    let a = cause(&kb, "placental-abruption");
    assert!(
        a.cites()
            .all(|c| !(c.doc == "articles" && c.para.contains(&35)))
    );
    assert!(
        cause(&kb, "ovum-detachment")
            .signs
            .iter()
            .any(|s| cites_para(&s.sources, "articles", 35))
    );
}

#[test]
fn r21_threatened_miscarriage_action_keeps_the_combined_picture() {
    let kb = shipped();
    let action = &cause(&kb, "threatened-miscarriage").action;
    assert!(action.contains("hurts, and the discharge"), "{action}");
}

#[test]
fn r22_erosion_malignancy_risk_is_one_articles_claim() {
    let kb = shipped();
    let e = cause(&kb, "cervical-erosion");
    assert!(!e.summary.contains("malignant"));
    assert!(
        e.complications
            .iter()
            .any(|n| n.text.contains("malignant") && n.claim == Claim::OneArticle)
    );
    let claim = item_claim(
        cause(&kb, "malignant-neoplasm")
            .risk_factors
            .iter()
            .map(|r| (r.text.as_str(), &r.claim)),
        "Cervical erosion",
    );
    assert_eq!(*claim, Claim::OneArticle);
}

#[test]
fn r23_cervical_pregnancy_phases_are_two_signs_not_a_dispute() {
    let kb = shipped();
    let c = cause(&kb, "cervical-pregnancy");
    assert!(
        c.signs
            .iter()
            .all(|s| !matches!(s.claim, Claim::Disputed(_)))
    );
    assert!(c.signs.iter().any(|s| s.text.contains("pale pink")));
    assert!(
        c.signs
            .iter()
            .any(|s| s.text.to_lowercase().contains("scarlet"))
    );
}

#[test]
fn version_and_date_move_with_the_content() {
    let kb = shipped();
    assert_eq!(kb.meta.version, "0.3.0");
    assert_eq!(kb.meta.updated, "2026-12-02");
}
