//! The safety layer on the first screen, at the sizes clinicians use: praevia opened from a
//! search, the must-not-miss rows, side by side, the layer off, ASCII with its legend. Review
//! every change (`cargo insta review`) before accepting it.

mod support;

use obddx::tui::action::TextEdit;
use obddx::tui::update::update;
use obddx::tui::{Action, App};
use support::*;

fn search(app: &mut App, text: &str) {
    update(app, Action::SearchStart);
    update(app, Action::SearchEdit(TextEdit::Clear));
    type_text(app, text);
}

/// A midwife's path: GA 32+4, "painless bleeding", praevia opened from the results.
fn praevia_opened(app: &mut App) {
    update(app, Action::WeekStart);
    for ch in "32+4".chars() {
        match ch.to_digit(10) {
            Some(d) => update(app, Action::WeekDigit(d as u8)),
            None => update(app, Action::WeekChar(ch)),
        }
    }
    update(app, Action::WeekAccept);
    search(app, "painless bleeding");
    let praevia = cause_index(app, "placenta-praevia");
    let at = app
        .results
        .iter()
        .position(|h| h.cause == praevia)
        .expect("praevia among the results");
    app.result_sel = at;
    update(app, Action::SearchAccept);
}

#[test]
fn praevia_opened_80x24() {
    let mut app = embedded_app();
    praevia_opened(&mut app);
    let screen = screen(&mut app, 80, 24);
    assert!(
        screen.contains("No digital vaginal"),
        "the rule on the first screen, no key pressed:\n{screen}"
    );
    insta::assert_snapshot!(screen);
}

/// The rows of the must-not-miss band (they start "⚑  " inside the results pane).
fn pinned_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .filter_map(|l| l.strip_prefix("┃⚑  "))
        .collect()
}

#[test]
fn must_not_miss_rows_80x24() {
    let mut app = embedded_app();
    search(&mut app, "bleeding 38 weeks");
    let screen = screen(&mut app, 80, 24);
    // Vasa praevia ranks first here (not pinned): its row names it in full.
    assert!(screen.contains("§ Vasa praevia"), "{screen}");
    // Every pinned emergency is on the first screen, however long the ranking, named by the
    // name that fits (the short name where the full one would be cut).
    let rows = pinned_rows(&screen);
    assert_eq!(rows.len(), app.pinned, "{screen}");
    for (row, name) in
        rows.iter()
            .zip(["Missed pregnancy", "Placenta praevia", "Hydatidiform mole"])
    {
        assert!(row.contains(&format!("!! {name} — ")), "{row}\n{screen}");
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn vasa_praevia_readable_in_the_pinned_rows_at_38_weeks_80x24() {
    let mut app = embedded_app();
    // With pain, abruption and rupture lead the ranking: vasa praevia is pinned.
    search(&mut app, "38 weeks bleeding with pain");
    let vasa = cause_index(&app, "vasa-praevia");
    let pinned_at = app.results.len() - app.pinned;
    assert!(
        app.results[pinned_at..].iter().any(|h| h.cause == vasa),
        "vasa praevia pinned"
    );
    let screen = screen(&mut app, 80, 24);
    assert!(
        pinned_rows(&screen)
            .iter()
            .any(|row| row.contains("!! § Vasa praevia — ")),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

// Side by side at 80×24 and 160×48: tests/tui_snapshots.rs (side_by_side_*), with the
// distinguishing rows first.

#[test]
fn layer_off_80x24() {
    let mut app = embedded_app();
    update(&mut app, Action::ToggleGuidelines);
    praevia_opened(&mut app);
    let screen = screen(&mut app, 80, 24);
    assert!(screen.starts_with(" SAFETY LAYER OFF"), "{screen}");
    assert!(!screen.contains("No digital vaginal"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn ascii_with_its_legend_120x40() {
    let mut app = embedded_app();
    app.set_look(obddx::tui::Theme::MONO, true);
    update(&mut app, Action::ToggleHelp);
    let _ = screen(&mut app, 120, 40);
    update(&mut app, Action::End);
    let screen = screen(&mut app, 120, 40);
    assert!(screen.is_ascii(), "{screen}");
    assert!(
        screen.contains("ASCII marks (one meaning each)"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn the_whole_cause_header_at_80x24() {
    let mut app = embedded_app();
    praevia_opened(&mut app);
    let before = screen(&mut app, 80, 24);
    // At 24 rows the header is cut: the stage, aliases and look-alikes are not on screen, and
    // the box says which key shows them.
    assert!(!before.contains("Tell apart from:"), "{before}");
    assert!(before.contains("+ shows all"), "{before}");
    update(&mut app, Action::HeaderMore);
    let mut pages = vec![screen(&mut app, 80, 24)];
    for _ in 1..app.view.header_pages {
        update(&mut app, Action::HeaderMore);
        pages.push(screen(&mut app, 80, 24));
    }
    let all = pages.concat();
    for part in [
        "When: ",
        "Also: ",
        "Tell apart from: ",
        "No digital vaginal",
    ] {
        assert!(all.contains(part), "{part} in the expanded header:\n{all}");
    }
    insta::assert_snapshot!(pages.join("\n"));
}

#[test]
fn ask_next_beside_the_differential_80x24() {
    let mut app = embedded_app();
    search(&mut app, "bleeding 9 weeks");
    let screen = screen(&mut app, 80, 24);
    // Each question with the keys that add its answer, readable at 80 columns.
    let asks: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Alt-") && l.contains(" yes ") && l.contains(" no  "))
        .collect();
    assert_eq!(asks.len(), app.ask_next.len(), "{screen}");
    assert!(
        asks.iter()
            .any(|l| l.contains("Is the cervical os open or closed?")
                || l.contains("Is there abdominal pain?")),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}
