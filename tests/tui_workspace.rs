//! The clinician's workspace in the browser, driven without a terminal: `s` stars a cause and
//! Favourites and Recent lead the tree; `X` asks, then clears one patient's state; `H` copies the
//! handover note; a local overlay is marked, with its site, wherever the browser shows it.

mod support;

use obddx::tui::tree::{FAVOURITES, NodeId, RECENT};
use obddx::tui::update::{reveal_cause, update};
use obddx::tui::{Action, Mode};
use support::*;

fn open(app: &mut obddx::tui::App, id: &str) {
    let c = cause_index(app, id);
    assert!(reveal_cause(app, c));
    app.focus = obddx::tui::Pane::Tree;
    update(app, Action::Open);
}

fn top(app: &obddx::tui::App) -> Vec<NodeId> {
    app.tree_items.iter().map(|i| *i.identifier()).collect()
}

#[test]
fn star_leads_the_tree_and_a_second_s_unstars() {
    let mut app = embedded_app();
    assert!(!top(&app).contains(&NodeId::Shortcuts(FAVOURITES)));
    open(&mut app, "placenta-praevia");
    update(&mut app, Action::ToggleFavourite);
    assert_eq!(app.favourites, ["placenta-praevia"]);
    assert!(app.state_dirty);
    assert_eq!(top(&app)[0], NodeId::Shortcuts(FAVOURITES));
    let c = cause_index(&app, "placenta-praevia");
    assert!(app.path_exists(&[NodeId::Shortcuts(FAVOURITES), NodeId::Cause(c)]));
    update(&mut app, Action::ToggleFavourite);
    assert!(app.favourites.is_empty());
    assert!(!top(&app).contains(&NodeId::Shortcuts(FAVOURITES)));
}

#[test]
fn recent_keeps_the_last_ten_opened_most_recent_first() {
    let mut app = embedded_app();
    let ids: Vec<String> = app
        .kb
        .causes
        .iter()
        .map(|c| c.id.clone())
        .take(12)
        .collect();
    for id in &ids {
        open(&mut app, id);
    }
    open(&mut app, &ids[5]);
    assert_eq!(app.recent.len(), obddx::state::RECENT_MAX);
    assert_eq!(app.recent[0], ids[5]);
    assert_eq!(app.recent[1], ids[11]);
    assert!(!app.recent.contains(&ids[0]), "the oldest fell off");
    assert_eq!(app.recent.iter().filter(|r| **r == ids[5]).count(), 1);
    assert_eq!(top(&app)[0], NodeId::Shortcuts(RECENT));
}

#[test]
fn new_patient_asks_then_clears_gestation_search_find_marks_and_history() {
    let mut app = embedded_app();
    // 2026-12-02 10:30 UTC, which is 16:00 on the clock of a unit in Kolkata (UTC+5:30): the
    // title bar shows the local time, with its zone.
    app.fixed_now = Some(1_796_207_400);
    let kolkata = jiff::tz::TimeZone::get("Asia/Kolkata").unwrap();
    app.now = Some(
        jiff::Timestamp::from_second(1_796_207_400)
            .unwrap()
            .to_zoned_datetime(kolkata),
    );
    update(&mut app, Action::WeekStart);
    for ch in "32+4".chars() {
        update(&mut app, Action::WeekChar(ch));
    }
    update(&mut app, Action::WeekAccept);
    assert!(app.gestation.is_some());
    assert_eq!(app.gestation_set_at.as_deref(), Some("16:00 IST"));
    let title = screen(&mut app, 160, 30);
    let title = title.lines().next().unwrap();
    assert!(
        title.contains("GA 32+4 (3rd trimester)") && title.contains("set 16:00 IST"),
        "{title}"
    );
    open(&mut app, "placenta-praevia");
    update(&mut app, Action::CompareMark);
    open(&mut app, "placental-abruption");
    update(&mut app, Action::ToggleFavourite);
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "painless");
    update(&mut app, Action::SearchAccept);
    assert!(!app.history.is_empty() && !app.compared.is_empty());

    // Esc cancels: nothing cleared.
    update(&mut app, Action::NewPatient);
    assert_eq!(app.mode(), Mode::Confirm);
    assert!(screen(&mut app, 120, 30).contains("New patient?"));
    update(&mut app, Action::CloseOverlay);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.gestation.is_some() && !app.input.value().is_empty());

    // Enter clears one patient's state; the clinician's favourites and recents stay.
    update(&mut app, Action::NewPatient);
    update(&mut app, Action::ConfirmNewPatient);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.gestation.is_none() && app.gestation_set_at.is_none());
    assert_eq!(app.filter, obddx::tui::app::Filter::default());
    assert!(app.input.value().is_empty() && app.results.is_empty());
    assert!(!app.find.is_active());
    assert!(app.compared.is_empty() && app.history.is_empty() && app.forward.is_empty());
    assert_eq!(app.favourites, ["placental-abruption"]);
    assert!(!app.recent.is_empty());
}

#[test]
fn h_copies_an_sbar_note_of_the_search_and_gestation() {
    let mut app = embedded_app();
    app.fixed_now = Some(1_796_207_400);
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "painless bleeding 32+4");
    update(&mut app, Action::SearchAccept);
    update(&mut app, Action::CopyHandover);
    let note = app.clipboard.take().expect("a note to copy");
    for part in [
        "Handover (SBAR)",
        "2026-12-02 10:30 UTC",
        "Gestation: 32+4 weeks",
        "Findings typed: painless bleeding 32+4",
        "Placenta praevia",
        "R — Recommendation",
        "Disclaimer:",
    ] {
        assert!(note.contains(part), "{part}:\n{note}");
    }
}

fn with_overlay(review_by: &str) -> obddx::tui::App {
    let kb = &obddx::prebuilt::shared(false).kb;
    let text = format!(
        "(site: \"Test Unit\", version: \"3\", approved_by: \"Group\", review_by: \"{review_by}\", \
         notes: [(cause: \"placenta-praevia\", text: \"Bleep the unit now\", do_now: true), \
         (stage: 3, text: \"Triage line\")])"
    );
    let local = obddx::kb::load_local_str("t.ron", &text, kb).expect("overlay");
    let mut app = embedded_app_with_local(Some(local));
    app.today_iso = "2026-12-02".into();
    app
}

#[test]
fn the_overlay_is_marked_with_its_site_on_screen_and_searchable() {
    let mut app = with_overlay("2099-01-01");
    open(&mut app, "placenta-praevia");
    let shown = screen(&mut app, 140, 40);
    assert!(
        shown
            .lines()
            .next()
            .unwrap()
            .contains("LOCAL PROTOCOL (Test Unit, v3)"),
        "{shown}"
    );
    let first_step = shown.find("Bleep the unit now").expect("the first step");
    assert!(shown[..first_step].contains("[LOCAL PROTOCOL (Test Unit, v3) · first step]"));
    assert!(!shown.contains("PAST ITS REVIEW DATE"));
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "bleep");
    update(&mut app, Action::SearchAccept);
    let c = cause_index(&app, "placenta-praevia");
    assert_eq!(app.results.first().map(|h| h.cause), Some(c));
}

#[test]
fn a_past_review_date_is_in_the_title_bar() {
    let mut app = with_overlay("2020-01-31");
    let title = screen(&mut app, 140, 30);
    let bar = title.lines().next().unwrap();
    assert!(
        bar.contains("LOCAL PROTOCOL PAST ITS REVIEW DATE (2020-01-31)"),
        "{bar}"
    );
}
