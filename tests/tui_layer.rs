//! The guideline safety layer and the claim statuses in the browser: shown by default, marked in
//! words and symbols, and hidden with `d` (the `--documents-only` view).

mod support;

use obddx::tui::highlight::Highlighter;
use obddx::tui::tree::NodeId;
use obddx::tui::update::{reveal_cause, update};
use obddx::tui::widgets::detail::{header_lines, overview_lines, pane_lines};
use obddx::tui::widgets::overlay::about_lines;
use obddx::tui::{Action, App, Pane};
use support::*;

fn text(lines: &[ratatui::text::Line<'_>]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn pane(app: &App, id: &str, p: Pane) -> String {
    text(&pane_lines(
        app,
        p,
        cause_index(app, id),
        &Highlighter::none(),
    ))
}

#[test]
fn praevia_shows_the_digital_examination_rule_with_its_guideline_marker() {
    let app = embedded_app();
    let diagnostics = pane(&app, "placenta-praevia", Pane::Diagnostics);
    assert!(diagnostics.contains(
        "§ GUIDELINE/REF G4 (A: UK guideline) · clinician action: No digital vaginal examination"
    ));
    assert!(diagnostics.contains("[§ rcog-gtg63; § rcog-gtg27a]"));
    let header = text(&header_lines(
        &app,
        cause_index(&app, "placenta-praevia"),
        &Highlighter::none(),
    ));
    assert!(
        header.contains("Documents' advice to the patient ▶"),
        "{header}"
    );
    assert!(header.contains("§ GUIDELINE"), "{header}");
}

#[test]
fn guideline_causes_are_marked_in_the_tree_and_their_action_is_the_guidelines() {
    let app = embedded_app();
    let c = cause_index(&app, "vasa-praevia");
    let row: String = app
        .cause_line(c)
        .spans
        .iter()
        .map(|s| s.content.as_ref())
        .collect();
    assert!(row.contains("§ GUIDELINE/REF Vasa praevia"), "{row}");
    let header = text(&header_lines(&app, c, &Highlighter::none()));
    assert!(
        header.contains("Safety-layer action for the clinician ▶"),
        "{header}"
    );
    let signs = pane(&app, "vasa-praevia", Pane::Signs);
    assert!(
        signs.lines().filter(|l| l.contains("GUIDELINE")).count() >= 3,
        "{signs}"
    );
}

#[test]
fn claim_statuses_disputes_and_editor_notes_are_shown_in_words() {
    let app = embedded_app();
    let erosion = pane(&app, "cervical-erosion", Pane::Treatment);
    assert!(erosion.contains("≠ DOCUMENTS DISAGREE"), "{erosion}");
    assert!(
        erosion.contains("≠ other statement: Another article"),
        "{erosion}"
    );
    let polyps = pane(&app, "polyps", Pane::Treatment);
    assert!(
        polyps.contains("◐ ONE ARTICLE'S CLAIM: Article 4"),
        "{polyps}"
    );
    let ectopic = pane(&app, "ectopic-pregnancy", Pane::Treatment);
    assert!(
        ectopic.contains("⌂ SOURCE'S REGIONAL PRACTICE"),
        "{ectopic}"
    );
    assert!(ectopic.contains("✎ EDITOR'S NOTE (not from the source, not a recommendation)"));
    let abruption = pane(&app, "placental-abruption", Pane::Signs);
    assert!(
        abruption.contains("Complications and outcomes"),
        "{abruption}"
    );
    let none = pane(&app, "vanishing-twin", Pane::Treatment);
    assert!(none.contains("The documents give no specific treatment."));
}

#[test]
fn stage_overviews_carry_the_guideline_stage_notes() {
    let app = embedded_app();
    let late = text(&overview_lines(&app, &[NodeId::Stage(3)]));
    assert!(late.contains("Bleeding from 24 weeks"), "{late}");
    assert!(late.contains("G4"));
    let early = text(&overview_lines(&app, &[NodeId::Stage(1)]));
    assert!(early.contains("Early pregnancy: bleeding before 14 weeks"));
    assert!(!early.contains("Bleeding from 24 weeks"));
}

#[test]
fn the_about_screen_lists_the_uk_guidelines_and_says_local_protocols_govern() {
    let app = embedded_app();
    let about = text(&about_lines(&app));
    assert!(
        about.contains("rcog-gtg63") && about.contains("nice-ng126"),
        "{about}"
    );
    assert!(about.contains("United Kingdom"));
    assert!(about.to_lowercase().contains("local protocols"), "{about}");
    assert!(about.contains("content last updated"));
}

#[test]
fn d_hides_the_whole_layer_and_shows_it_again_keeping_the_filter_and_the_cause() {
    let mut app = embedded_app();
    update(&mut app, Action::FilterTrimester(Some(3)));
    let praevia = cause_index(&app, "placenta-praevia");
    reveal_cause(&mut app, praevia);
    update(&mut app, Action::ToggleGuidelines);
    assert!(app.guidelines.is_none());
    assert!(app.kb.cause("vasa-praevia").is_none());
    assert!(app.kb.cause("uterine-rupture").is_none());
    assert!(!app.kb.documents.iter().any(|d| d.id.starts_with("rcog")));
    assert_eq!(app.filter.trimester, Some(3));
    assert_eq!(
        app.current_cause().map(|c| app.kb.causes[c].id.as_str()),
        Some("placenta-praevia")
    );
    let diagnostics = pane(&app, "placenta-praevia", Pane::Diagnostics);
    assert!(!diagnostics.contains("GUIDELINE"), "{diagnostics}");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("SAFETY LAYER OFF")
    );
    // Exactly the documents' KB.
    assert_eq!(app.kb, obddx::kb::Reference::builtin(true).unwrap().kb);

    update(&mut app, Action::ToggleGuidelines);
    assert!(app.guidelines.is_some());
    assert!(app.kb.cause("vasa-praevia").is_some());
}

#[test]
fn switching_the_layer_keeps_the_session() {
    let mut app = embedded_app();
    app.ascii = true;
    update(&mut app, Action::WeekStart);
    update(&mut app, Action::WeekDigit(3));
    update(&mut app, Action::WeekDigit(2));
    update(&mut app, Action::WeekChar('+'));
    update(&mut app, Action::WeekDigit(4));
    update(&mut app, Action::WeekAccept);
    let abruption = cause_index(&app, "placental-abruption");
    let praevia = cause_index(&app, "placenta-praevia");
    reveal_cause(&mut app, abruption);
    update(&mut app, Action::Open);
    update(&mut app, Action::CompareMark);
    update(&mut app, Action::Focus(Pane::Tree));
    reveal_cause(&mut app, praevia);
    update(&mut app, Action::Open);
    update(&mut app, Action::FindStart);
    for ch in "ultrasound".chars() {
        update(
            &mut app,
            Action::FindEdit(obddx::tui::action::TextEdit::Insert(ch)),
        );
    }
    update(&mut app, Action::FindAccept);
    let finds = app.find.matches.len();
    assert!(finds > 0);
    app.input = "painless bleeding".into();
    app.refresh_results();
    let history = app.history.len();
    assert!(history > 0);

    update(&mut app, Action::ToggleGuidelines);
    assert!(app.guidelines.is_none());
    assert!(app.ascii, "ASCII mode kept");
    assert_eq!(
        app.gestation.map(|g| g.to_string()).as_deref(),
        Some("32+4")
    );
    assert_eq!(app.history.len(), history, "history kept");
    assert_eq!(app.compared, vec![abruption], "marks kept");
    assert_eq!(app.input.value(), "painless bleeding", "search kept");
    assert!(!app.results.is_empty());
    assert!(
        app.results.iter().all(|h| h.cause < app.kb.causes.len()),
        "results ranked in the new reference"
    );
    assert_eq!(app.find.needle(), "ultrasound", "find kept");
    assert!(!app.find.matches.is_empty());
    assert_eq!(app.current_cause(), Some(praevia));

    update(&mut app, Action::Back);
    assert_eq!(
        app.current_cause(),
        Some(abruption),
        "history still leads back"
    );
}

#[test]
fn a_kb_without_a_layer_says_so_instead_of_toggling() {
    let mut app = fixture_app();
    let before = app.kb.causes.len();
    update(&mut app, Action::ToggleGuidelines);
    assert_eq!(app.kb.causes.len(), before);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("No guideline layer")
    );
}

#[test]
fn a_trimester_overview_includes_the_causes_of_any_time_or_no_stated_stage() {
    let app = embedded_app();
    for stage in 1..=3 {
        let overview = text(&overview_lines(&app, &[NodeId::Stage(stage)]));
        let also = overview
            .split("Also possible at this stage")
            .nth(1)
            .unwrap_or_else(|| panic!("trimester {stage}: no any-time section\n{overview}"));
        // Missed pregnancy (stage not given, EMERGENCY) and contact bleeding (any time).
        assert!(also.contains("Missed (frozen) pregnancy"), "{overview}");
        assert!(also.contains("Contact bleeding"), "{overview}");
    }
    // The any-time node itself does not list them twice.
    let any = text(&overview_lines(&app, &[NodeId::Stage(0)]));
    assert!(!any.contains("Also possible at this stage"), "{any}");
}

/// Every sign, risk factor and diagnostic the safety layer put on a cause shows, in the pane,
/// its fact and strength in words; the documents' items show none.
#[test]
fn every_safety_layer_item_in_the_panes_shows_its_strength_in_words() {
    let app = embedded_app();
    let mut checked = 0;
    for cause in &app.kb.causes {
        let signs = pane(&app, &cause.id, Pane::Signs);
        let diagnostics = pane(&app, &cause.id, Pane::Diagnostics);
        let facts = cause
            .signs
            .iter()
            .map(|s| (&s.text, s.fact.as_ref(), &signs))
            .chain(
                cause
                    .risk_factors
                    .iter()
                    .map(|r| (&r.text, r.fact.as_ref(), &signs)),
            )
            .chain(
                cause
                    .diagnostics
                    .iter()
                    .map(|d| (&d.finding, d.fact.as_ref(), &diagnostics)),
            );
        for (text, fact, shown) in facts {
            let Some(fact) = fact else { continue };
            let tag = obddx::labels::layer_fact_tag(fact);
            assert!(tag.contains(obddx::labels::strength_words(fact.strength)));
            // The tag sits on the item's own line, before its text.
            let head: String = text.chars().take(24).collect();
            let line = shown
                .lines()
                .find(|l| l.contains(&head))
                .unwrap_or_else(|| panic!("{}: {head:?} not shown:\n{shown}", cause.id));
            assert!(line.contains(&format!("{tag} · ")), "{}: {line}", cause.id);
            checked += 1;
        }
    }
    assert!(checked > 40, "the layer's items were found: {checked}");
    let implantation = pane(&app, "implantation-bleeding", Pane::Signs);
    assert!(!implantation.contains("UK guideline"), "{implantation}");
}
