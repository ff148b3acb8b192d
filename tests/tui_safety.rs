//! The safety layer cannot be switched off by accident, says so while it is off, and the search
//! line starts a new query: what a new user types, through the real key table.

mod support;

use obddx::tui::update::update;
use obddx::tui::{Action, App, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::*;

/// Types `text` as key presses, mapped by the mode the browser is in at each key.
fn type_keys(app: &mut App, text: &str) {
    for ch in text.chars() {
        let mods = if ch.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        press(app, KeyEvent::new(KeyCode::Char(ch), mods));
    }
}

fn press(app: &mut App, key: KeyEvent) {
    if let Some(action) = app.keymap.map_key(app.mode().context(), &key) {
        update(app, action);
    }
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn a_word_typed_in_the_tree_leaves_the_layer_on_and_vasa_praevia_findable() {
    for word in ["bleeding", "dizzy", "placenta", "pain"] {
        let mut app = embedded_app();
        type_keys(&mut app, word);
        assert!(app.guidelines.is_some(), "{word}: the layer stays on");
        assert_eq!(app.mode(), Mode::Search, "{word}: a search started");
        // Esc, then a new search finds the guideline-only cause.
        press(&mut app, key(KeyCode::Esc));
        press(&mut app, key(KeyCode::Char('/')));
        type_keys(&mut app, "vasa praevia");
        let vasa = cause_index(&app, "vasa-praevia");
        assert_eq!(
            app.results.first().map(|h| h.cause),
            Some(vasa),
            "{word}: vasa praevia still findable"
        );
    }
}

#[test]
fn an_unbound_letter_starts_a_search_with_itself() {
    let mut app = embedded_app();
    type_keys(&mut app, "e");
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.input.value(), "e");
    type_keys(&mut app, "ctopic");
    assert_eq!(app.input.value(), "ectopic");
    let ectopic = cause_index(&app, "ectopic-pregnancy");
    assert_eq!(app.results.first().map(|h| h.cause), Some(ectopic));
}

#[test]
fn only_a_capital_d_switches_the_layer_and_the_title_bar_says_so_from_40_columns() {
    let mut app = embedded_app();
    type_keys(&mut app, "D");
    assert!(app.guidelines.is_none());
    for width in [40, 41, 60, 80, 120, 200] {
        let screen = screen(&mut app, width, 24);
        let title = screen.lines().next().unwrap_or_default();
        assert!(
            title.contains("SAFETY LAYER OFF"),
            "{width} columns: {title:?}"
        );
    }
    type_keys(&mut app, "D");
    assert!(app.guidelines.is_some());
    let screen = screen(&mut app, 80, 24);
    assert!(!screen.contains("SAFETY LAYER OFF"), "{screen}");
}

#[test]
fn slash_after_a_search_starts_a_new_query_and_arrows_keep_the_old_one() {
    let mut app = embedded_app();
    press(&mut app, key(KeyCode::Char('/')));
    type_keys(&mut app, "painless bleeding");
    press(&mut app, key(KeyCode::Enter));
    assert_eq!(app.mode(), Mode::Browse);

    // The previous query is selected: the first character replaces it.
    press(&mut app, key(KeyCode::Char('/')));
    assert!(app.query_selected());
    assert_eq!(app.input.value(), "painless bleeding");
    type_keys(&mut app, "pv");
    assert_eq!(app.input.value(), "pv");

    // An arrow key keeps it and edits at the end.
    press(&mut app, key(KeyCode::Esc));
    press(&mut app, key(KeyCode::Char('/')));
    type_keys(&mut app, "spotting");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Char('/')));
    press(&mut app, key(KeyCode::End));
    type_keys(&mut app, " 8 weeks");
    assert_eq!(app.input.value(), "spotting 8 weeks");

    // Ctrl-U still clears; Esc still leaves.
    press(
        &mut app,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    assert_eq!(app.input.value(), "");
    press(&mut app, key(KeyCode::Esc));
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn backspace_on_the_selected_query_deletes_it_and_a_paste_replaces_it() {
    let mut app = embedded_app();
    press(&mut app, key(KeyCode::Char('/')));
    type_keys(&mut app, "abruption");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Char('/')));
    press(&mut app, key(KeyCode::Backspace));
    assert_eq!(app.input.value(), "");
    press(&mut app, key(KeyCode::Esc));
    press(&mut app, key(KeyCode::Char('/')));
    type_keys(&mut app, "abruption");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Char('/')));
    update(&mut app, Action::Paste("ectopic".into()));
    assert_eq!(app.input.value(), "ectopic");
}

#[test]
fn the_config_theme_is_applied_before_the_first_frame() {
    // Built in colour (as from the environment), then the config's Mono is applied.
    let r = obddx::kb::Reference::builtin(false).expect("built-in KB");
    let mut app = App::with_theme(r.kb, obddx::tui::Theme::COLOR);
    app.set_look(obddx::tui::Theme::MONO, false);
    let t = render(&mut app, 100, 30);
    let coloured: Vec<String> = t
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|c| c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset)
        .map(|c| c.symbol().to_string())
        .collect();
    assert!(coloured.is_empty(), "Mono draws no colour: {coloured:?}");
}
