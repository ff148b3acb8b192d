//! Screens as text on ratatui's `TestBackend`, on the shipped (embedded) KB.
//!
//! These name no cause, but their text depends on the shipped KB: after a KB change, review
//! and re-accept with `cargo insta review` (or `INSTA_UPDATE=always cargo test --test tui_snapshots`).

mod support;

use obddx::tui::update::update;
use obddx::tui::{Action, Pane};
use support::*;

fn first_cause(app: &obddx::tui::App) -> usize {
    app.kb.tree_order()[0]
}

#[test]
fn start_screen_80x24() {
    let mut app = embedded_app();
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn start_screen_120x40() {
    let mut app = embedded_app();
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn cause_open_80x24() {
    let mut app = embedded_app();
    let c = first_cause(&app);
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::Open);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn cause_open_120x40() {
    let mut app = embedded_app();
    let c = first_cause(&app);
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::Focus(Pane::Diagnostics));
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn search_results_80x24() {
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "pain");
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn search_results_120x40() {
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "bleeding");
    update(&mut app, Action::Down);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn help_overlay_80x24() {
    let mut app = embedded_app();
    update(&mut app, Action::ToggleHelp);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn help_overlay_120x40() {
    let mut app = embedded_app();
    update(&mut app, Action::ToggleHelp);
    insta::assert_snapshot!(screen(&mut app, 120, 40));
}

#[test]
fn about_overlay_80x24() {
    let mut app = embedded_app();
    update(&mut app, Action::ToggleAbout);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn week_entry_and_filter_80x24() {
    let mut app = embedded_app();
    // The header shows the EDD: a fixed today keeps the screen the same every day.
    app.today = jiff::civil::date(2026, 11, 22);
    update(&mut app, Action::WeekStart);
    update(&mut app, Action::WeekDigit(3));
    update(&mut app, Action::WeekDigit(0));
    let prompt = screen(&mut app, 80, 24);
    assert!(prompt.contains("Gestation (32+4"), "{prompt}");
    update(&mut app, Action::WeekAccept);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn look_alike_picker_80x24() {
    let mut app = embedded_app();
    let c = cause_index(&app, "placental-abruption");
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Down);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn too_small_30x8() {
    let mut app = embedded_app();
    insta::assert_snapshot!(screen(&mut app, 30, 8));
}

#[test]
fn wide_and_combining_characters_keep_the_frame() {
    // The fixture has a CJK name and a combining accent; every row must stay 60 columns.
    let mut app = fixture_app();
    let c = cause_index(&app, "wide-four");
    obddx::tui::update::reveal_cause(&mut app, c);
    let t = render(&mut app, 60, 20);
    let text = screen(&mut app, 60, 20);
    assert!(text.contains("出血"), "{text}");
    for y in 0..20 {
        let mut w = 0;
        let buf = t.backend().buffer();
        let mut x = 0;
        while x < 60 {
            let sym = buf[(x, y)].symbol();
            let cw = unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
            w += cw;
            x += cw;
        }
        assert_eq!(w, 60, "row {y}");
    }
}

#[test]
fn no_color_uses_no_colour() {
    use ratatui::style::Color;
    let mut app = embedded_app(); // Theme::MONO
    let t = render(&mut app, 100, 30);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

fn praevia_with_find(app: &mut obddx::tui::App) {
    let c = app
        .kb
        .causes
        .iter()
        .position(|c| c.id == "placenta-praevia")
        .expect("praevia");
    obddx::tui::update::reveal_cause(app, c);
    update(app, Action::FindStart);
    for ch in "bleeding".chars() {
        update(
            app,
            Action::FindEdit(obddx::tui::action::TextEdit::Insert(ch)),
        );
    }
    update(app, Action::FindAccept);
    update(app, Action::FindNext);
}

#[test]
fn find_in_cause_80x24() {
    let mut app = embedded_app();
    praevia_with_find(&mut app);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn find_in_cause_160x48() {
    let mut app = embedded_app();
    praevia_with_find(&mut app);
    insta::assert_snapshot!(screen(&mut app, 160, 48));
}

fn with_gestation(app: &mut obddx::tui::App) {
    app.today = jiff::civil::date(2026, 11, 22);
    update(app, Action::WeekStart);
    for ch in "32+4".chars() {
        let a = match ch.to_digit(10) {
            Some(d) => Action::WeekDigit(d as u8),
            None => Action::WeekChar(ch),
        };
        update(app, a);
    }
    update(app, Action::WeekAccept);
}

#[test]
fn gestation_header_80x24() {
    let mut app = embedded_app();
    with_gestation(&mut app);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn gestation_header_160x48() {
    let mut app = embedded_app();
    with_gestation(&mut app);
    insta::assert_snapshot!(screen(&mut app, 160, 48));
}

/// Placenta praevia and placental abruption side by side (c on each).
fn praevia_beside_abruption(app: &mut obddx::tui::App) {
    for id in ["placenta-praevia", "placental-abruption"] {
        let c = app
            .kb
            .causes
            .iter()
            .position(|c| c.id == id)
            .expect("cause");
        obddx::tui::update::reveal_cause(app, c);
        update(app, Action::CompareMark);
    }
}

#[test]
fn side_by_side_80x24() {
    let mut app = embedded_app();
    praevia_beside_abruption(&mut app);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn side_by_side_160x48() {
    let mut app = embedded_app();
    praevia_beside_abruption(&mut app);
    insta::assert_snapshot!(screen(&mut app, 160, 48));
}

#[test]
fn ascii_fallback_80x24() {
    let mut app = embedded_app();
    app.ascii = true;
    app.rebuild_tree();
    praevia_with_find(&mut app);
    let text = screen(&mut app, 80, 24);
    assert!(text.is_ascii(), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn ascii_fallback_side_by_side_160x48() {
    let mut app = embedded_app();
    app.ascii = true;
    praevia_beside_abruption(&mut app);
    let text = screen(&mut app, 160, 48);
    assert!(text.is_ascii(), "{text}");
    insta::assert_snapshot!(text);
}

/// A cause name on screen is whole or visibly cut: every row of the tree and of the result
/// list at 80×24 that begins a cause's name shows all of it or ends in "…" at the border.
#[test]
fn names_cut_to_fit_end_in_an_ellipsis() {
    let mut app = embedded_app();
    // Each cause's full name and, where the KB gives one, its short name (used where the full
    // one does not fit).
    let names: Vec<(String, Option<String>)> = app
        .kb
        .causes
        .iter()
        .map(|c| (c.name.clone(), c.short_name.clone()))
        .collect();
    // Each cause revealed (its group opened, the row scrolled into view) in turn.
    let mut screens = Vec::new();
    for c in 0..names.len() {
        obddx::tui::update::reveal_cause(&mut app, c);
        screens.push(screen(&mut app, 80, 24));
    }
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "bleeding");
    screens.push(screen(&mut app, 80, 24));
    let mut checked = 0;
    for s in &screens {
        for row in s.lines().skip(1) {
            // The left pane: between its borders.
            let cells: Vec<char> = row.chars().collect();
            let Some(end) = cells.iter().skip(1).position(|c| "│┃".contains(*c)) else {
                continue;
            };
            let pane: String = cells[1..=end].iter().collect();
            let pane = pane.trim_end();
            for (name, short) in &names {
                // Cause rows carry their urgency mark, perhaps with the § symbol (group rows
                // may share a name's start).
                let is_cause_row = |at: usize| {
                    let before = pane[..at].trim_end().trim_end_matches('§').trim_end();
                    ["!!", "!", "·"].iter().any(|m| before.ends_with(m))
                };
                for form in std::iter::once(name).chain(short) {
                    let head: String = form.chars().take(12).collect();
                    if let Some(at) = pane.find(&head).filter(|&at| is_cause_row(at)) {
                        checked += 1;
                        let shown = &pane[at..];
                        let whole = |n: &str| {
                            shown
                                .strip_prefix(n)
                                .is_some_and(|rest| rest.is_empty() || rest.starts_with(" — "))
                        };
                        assert!(
                            whole(name)
                                || short.as_deref().is_some_and(whole)
                                || shown.ends_with('…'),
                            "{name:?} cut without …: {row:?}"
                        );
                        break;
                    }
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} names seen");
}
