//! The third review's findings (S1–S16 of the self-review) held as regression tests: on the
//! shipped KB and on what `obddx show` / `search` print.

use assert_cmd::Command;
#[path = "support/kb_helpers.rs"]
mod kb_helpers;

use kb_helpers::{cause, cites_para, shipped};
use obddx::kb::{Claim, Reference, TreatmentKind};

/// `obddx --no-local --color never ARGS`, which must succeed.
fn stdout_of(args: &[&str]) -> String {
    let out = Command::cargo_bin("obddx")
        .expect("binary built")
        .args(["--no-local", "--color", "never"])
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// The line number (0-based) of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

// ── S1: no digital examination (G4) where praevia is not yet excluded ──────────────────────────

#[test]
fn s1_the_digital_examination_rule_reaches_the_look_alikes_of_praevia_from_24_weeks() {
    let r = Reference::builtin(false).expect("built-in KB");
    for id in [
        "placental-abruption",
        "preterm-birth",
        "contact-bleeding",
        "cervical-erosion",
        "polyps",
    ] {
        let notes = r.cause_notes(id);
        let rule = notes
            .iter()
            .find(|n| n.fact == "G4")
            .unwrap_or_else(|| panic!("{id}: no G4 note"));
        assert!(rule.text.contains("no digital vaginal examination"), "{id}");
        // G4 sits under the sheet's "bleeding from 24 weeks": its weeks say so, and so does its
        // text, since a page shows no note's weeks.
        let weeks = rule.weeks.expect("G4 note has weeks");
        assert_eq!((weeks.from, weeks.to), (24, 45), "{id}");
        assert!(rule.text.starts_with("Bleeding from 24 weeks"), "{id}");
        let page = stdout_of(&["show", id]);
        assert!(page.contains("G4 (A: UK guideline)"), "{id}:\n{page}");
    }
}

#[test]
fn s1_on_abruption_the_rule_stands_above_the_caesarean_source_statement() {
    let page = stdout_of(&["show", "placental-abruption"]);
    let rule = line_of(&page, "G4 (A: UK guideline)");
    let caesarean = line_of(&page, "if the cervix (os) is found widely open");
    assert!(rule < caesarean, "{page}");
    // First among the notes, as on praevia.
    let heading = line_of(&page, "NOTES FOR THE CLINICIAN");
    assert_eq!(rule, heading + 1, "{page}");
}

// ── S5: G28 cites the draft of GTG63, not the published guideline ─────────────────────────────

#[test]
fn s5_the_kleihauer_item_cites_the_draft_of_gtg63() {
    let r = Reference::builtin(false).expect("built-in KB");
    let layer = r.guidelines.as_ref().expect("layer");
    let draft = layer
        .documents
        .iter()
        .find(|d| d.id == "rcog-gtg63-draft")
        .expect("a source for the draft");
    assert!(draft.title.contains("draft"), "{}", draft.title);
    assert!(draft.issuer.contains("not the final recommendation"));
    for note in &layer.cause_notes {
        let cites = |id: &str| note.sources.iter().any(|s| s.guideline == id);
        if note.fact == "G28" {
            assert!(
                cites("rcog-gtg63-draft") && !cites("rcog-gtg63"),
                "{}",
                note.id
            );
        } else {
            assert!(!cites("rcog-gtg63-draft"), "{} cites the draft", note.id);
        }
    }
    let page = stdout_of(&["show", "placental-abruption"]);
    assert!(page.contains("[§ bsh-fmh; § rcog-gtg63-draft]"), "{page}");
}

// ── S6, S10, S12, S14: the documents' layer ───────────────────────────────────────────────────

#[test]
fn s6_the_named_antibiotics_are_the_sources_regional_practice() {
    let kb = shipped();
    let antibiotics = cause(&kb, "genital-infection")
        .treatments
        .iter()
        .find(|t| t.examples.iter().any(|e| e == "Amoxicillin"))
        .expect("the ¶150 antibiotics");
    assert_eq!(antibiotics.claim, Claim::RegionalPractice);
    assert!(cites_para(&antibiotics.sources, "articles", 150));
    // Every named drug in the KB carries the mark.
    for c in &kb.causes {
        for t in c
            .treatments
            .iter()
            .filter(|t| t.kind == TreatmentKind::Medication && !t.examples.is_empty())
        {
            assert_eq!(t.claim, Claim::RegionalPractice, "{}: {}", c.id, t.class);
        }
    }
}

#[test]
fn s10_the_sources_qualifiers_are_kept() {
    let kb = shipped();
    // D2: ¶38 says "immediately" for heavy bleeding and clots; ¶66 only ties harmlessness to no pain.
    let spotting = cause(&kb, "hormonal-spotting");
    assert!(
        !spotting.action.contains("with pain, heavy bleeding"),
        "{}",
        spotting.action
    );
    assert!(spotting.action.contains("immediately (¶38)"));
    assert!(spotting.action.contains("no pain (¶66)"));
    // D8: ¶112 "in some cases".
    assert!(
        cause(&kb, "miscarriage-in-progress")
            .summary
            .contains("in some cases a non-viable embryo")
    );
    // D10: only what ¶13, ¶118 and ¶160 say; nothing about the vaginal loss.
    let rupture = cause(&kb, "ectopic-pregnancy")
        .signs
        .iter()
        .find(|s| s.text.starts_with("Tubal rupture"))
        .expect("the rupture sign");
    assert!(!rupture.text.contains("vaginal loss"), "{}", rupture.text);
    assert!(rupture.text.contains("severe and internal"));
    assert!(rupture.red_flag);
    for p in [13, 118, 160] {
        assert!(cites_para(&rupture.sources, "articles", p), "¶{p}");
    }
    assert!(!cites_para(&rupture.sources, "articles", 56));
    // D19: ¶42 "usually abundant".
    let mole = cause(&kb, "hydatidiform-mole");
    assert!(
        mole.signs
            .iter()
            .any(|s| s.text.contains("usually abundant") && s.red_flag)
    );
    assert!(!mole.signs.iter().any(|s| s.text.contains("Abundant but")));
}

#[test]
fn s12_gestosis_is_a_pointer_to_abruption_not_a_red_flag() {
    let kb = shipped();
    let sign = cause(&kb, "pre-eclampsia")
        .signs
        .iter()
        .find(|s| s.text.contains("placental abruption"))
        .expect("the ¶44 pointer");
    assert!(!sign.red_flag, "{}", sign.text);
    assert!(sign.text.contains("consider placental abruption"));
    assert!(cites_para(&sign.sources, "articles", 44));
}

#[test]
fn s14_cervical_pregnancy_states_the_123_scarlet_phase_once() {
    let kb = shipped();
    let c = cause(&kb, "cervical-pregnancy");
    let scarlet: Vec<_> = c
        .signs
        .iter()
        .filter(|s| s.text.to_lowercase().contains("scarlet"))
        .collect();
    assert_eq!(scarlet.len(), 1, "{scarlet:?}");
    assert!(scarlet[0].red_flag && scarlet[0].distinguishing);
    assert!(cites_para(&scarlet[0].sources, "articles", 123));
    // The earlier phase (¶39) stays beside it.
    assert!(
        c.signs
            .iter()
            .any(|s| s.text.contains("pale pink") && cites_para(&s.sources, "articles", 39))
    );
}

// ── S16: G32 says "non-tender", not "soft" ─────────────────────────────────────────────────────

#[test]
fn s16_ask_next_offers_non_tender_uterus_and_reads_it_back() {
    let out = stdout_of(&["search", "bleeding 32 weeks"]);
    let line = out
        .lines()
        .find(|l| l.contains("Is the uterus tender?"))
        .unwrap_or_else(|| panic!("no tenderness question:\n{out}"));
    assert!(line.contains("\"non-tender uterus\""), "{line}");
    assert!(!out.to_lowercase().contains("soft"), "{out}");
    // What it offers is read as the finding, under its new name.
    let answered = stdout_of(&["search", "bleeding 32 weeks non-tender uterus"]);
    assert!(answered.contains("Non-tender uterus"), "{answered}");
    assert!(!answered.contains("Soft, non-tender"), "{answered}");
}

// ── S8: the layer's wording does not call it all UK guidelines ─────────────────────────────────

#[test]
fn s8_the_layer_is_named_guidelines_and_clinical_references() {
    let page = stdout_of(&["show", "uterine-rupture"]);
    // Uterine rupture lists a non-UK (C) item under the heading.
    assert!(
        page.contains("(C: non-UK guideline or reference)"),
        "{page}"
    );
    assert!(
        page.contains("NOTES FOR THE CLINICIAN (GUIDELINES AND CLINICAL REFERENCES"),
        "{page}"
    );
    assert!(!page.contains("UK GUIDELINES AND"), "{page}");
    let off = stdout_of(&["--documents-only", "search", "bleeding 16 weeks"]);
    let banner = off.lines().next().unwrap_or_default();
    assert!(
        banner.contains("the guidelines and clinical references are not shown"),
        "{banner}"
    );
    assert!(!banner.contains("UK guideline"), "{banner}");
}
