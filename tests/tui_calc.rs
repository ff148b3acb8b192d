//! The calculators in the browser (`=`): fields typed as in the gestation entry, results with
//! their citations, `y` copying them, the gestation calculator setting the browser's gestation,
//! anti-D and steroids following the gestation already set; snapshots at 80×24.

mod support;

use jiff::civil::date;
use jiff::tz::TimeZone;
use obddx::tui::Action;
use obddx::tui::app::{Mode, ModeState};
use obddx::tui::update::update;
use support::*;

/// Today 2026-11-22; now 2026-11-22 10:00 in London.
fn app() -> obddx::tui::App {
    let mut app = embedded_app();
    app.today = date(2026, 11, 22);
    let london = TimeZone::get("Europe/London").unwrap();
    app.now = Some(
        date(2026, 11, 22)
            .at(10, 0, 0, 0)
            .to_zoned_datetime(london)
            .unwrap(),
    );
    app
}

fn type_calc(app: &mut obddx::tui::App, text: &str) {
    for ch in text.chars() {
        update(app, Action::CalcChar(ch));
    }
}

fn set_gestation(app: &mut obddx::tui::App, text: &str) {
    update(app, Action::WeekStart);
    for ch in text.chars() {
        update(app, Action::WeekChar(ch));
    }
    update(app, Action::WeekAccept);
}

fn result_text(app: &obddx::tui::App) -> String {
    match &app.mode_state {
        ModeState::Calc(form) => match &form.result {
            Some(Ok(report)) => report.text(),
            Some(Err(e)) => format!("error: {e}"),
            None => String::new(),
        },
        _ => panic!("the calculators are not open"),
    }
}

/// Opens the calculators and steps right `n` times.
fn open_at(app: &mut obddx::tui::App, n: usize) {
    update(app, Action::CalcStart);
    assert_eq!(app.mode(), Mode::Calc);
    for _ in 0..n {
        update(app, Action::CalcNextCalculator);
    }
}

#[test]
fn gestation_calculator_sets_the_browsers_gestation() {
    let mut app = app();
    open_at(&mut app, 0);
    // 90 days before 2026-11-22, day-first.
    type_calc(&mut app, "lmp 24/08/2026");
    update(&mut app, Action::CalcRun);
    let text = result_text(&app);
    assert!(text.contains("12+6 today, EDD 2027-05-31"), "{text}");
    assert_eq!(
        app.gestation.map(|g| g.to_string()).as_deref(),
        Some("12+6")
    );
    assert_eq!(app.filter.week, Some(12));
    assert_eq!(app.mode(), Mode::Calc);
    // The header shows it with its EDD.
    update(&mut app, Action::CloseOverlay);
    assert!(screen(&mut app, 80, 24).contains("GA 12+6 (1st trimester), EDD 2027-05-31"));
}

#[test]
fn steroids_and_anti_d_follow_the_gestation_already_set() {
    let mut app = app();
    set_gestation(&mut app, "32+4");
    open_at(&mut app, 4);
    update(&mut app, Action::CalcRun);
    assert!(result_text(&app).starts_with("Corticosteroid window: offer at 32+4"));
    update(&mut app, Action::CloseOverlay);

    open_at(&mut app, 3);
    type_calc(&mut app, "2026-11-21 14:00");
    update(&mut app, Action::CalcRun);
    let text = result_text(&app);
    // Now is 2026-11-22 10:00: 52 hours to go.
    assert!(
        text.contains("by 2026-11-24 14:00 GMT (52 h 00 min left)"),
        "{text}"
    );
    assert!(text.contains("At 32+4 (from 20 weeks)"), "{text}");
    assert!(!text.contains("G66"), "{text}");
}

#[test]
fn y_is_text_until_there_is_a_result_then_copies_it_with_citations() {
    let mut app = app();
    open_at(&mut app, 0);
    update(&mut app, Action::Copy);
    match &app.mode_state {
        ModeState::Calc(form) => assert_eq!(form.values()[0], "y"),
        _ => panic!(),
    }
    assert!(app.clipboard.is_none());
    update(&mut app, Action::CalcBackspace);
    update(&mut app, Action::CalcNextCalculator);
    type_calc(&mut app, "1000");
    update(&mut app, Action::CalcNextField);
    type_calc(&mut app, "1700");
    update(&mut app, Action::CalcRun);
    update(&mut app, Action::Copy);
    let copied = app.clipboard.clone().expect("copied");
    assert!(
        copied.starts_with("Serial hCG: 70% rise in 48 hours"),
        "{copied}"
    );
    assert!(
        copied.contains("G15 (A: UK guideline) [nice-ng126]"),
        "{copied}"
    );
    assert!(copied.contains("Local protocols govern"), "{copied}");
}

#[test]
fn an_error_keeps_the_typed_text() {
    let mut app = app();
    open_at(&mut app, 1);
    type_calc(&mut app, "-5");
    update(&mut app, Action::CalcNextField);
    type_calc(&mut app, "10");
    update(&mut app, Action::CalcRun);
    assert!(result_text(&app).contains("cannot be negative"));
    match &app.mode_state {
        ModeState::Calc(form) => assert_eq!(form.values()[..2], ["-5", "10"]),
        _ => panic!(),
    }
    // Loss before 24 weeks: refused, never a guess.
    update(&mut app, Action::CalcNextCalculator);
    type_calc(&mut app, "600 shock");
    update(&mut app, Action::CalcNextField);
    type_calc(&mut app, "20+0");
    update(&mut app, Action::CalcRun);
    assert!(result_text(&app).contains("from 24+0 weeks"));
}

#[test]
fn the_week_entry_keeps_the_text_on_an_error_and_takes_every_form() {
    let mut app = app();
    for (typed, ga) in [
        ("7w", "7+0"),
        ("32 weeks", "32+0"),
        ("32/40", "32+0"),
        ("32+4", "32+4"),
        ("lmp 2026-10-14", "5+4"),
        ("14/10/2026", "5+4"),
        ("edd 2027-01-17", "32+0"),
    ] {
        set_gestation(&mut app, typed);
        assert_eq!(app.mode(), Mode::Browse, "{typed}: {:?}", app.message);
        assert_eq!(
            app.gestation.map(|g| g.to_string()).as_deref(),
            Some(ga),
            "{typed}"
        );
    }
    set_gestation(&mut app, "32+9");
    assert_eq!(app.mode(), Mode::WeekEntry);
    assert_eq!(app.week_input(), "32+9");
    assert!(app.message.as_deref().unwrap_or("").contains("0–6"));
}

#[test]
fn without_the_safety_layer_the_calculators_do_not_open() {
    let mut app = app();
    app.guidelines = None;
    update(&mut app, Action::CalcStart);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.message.as_deref().unwrap_or("").contains("do not run"));
}

#[test]
fn hcg_result_80x24() {
    let mut app = app();
    open_at(&mut app, 1);
    type_calc(&mut app, "1000");
    update(&mut app, Action::CalcNextField);
    type_calc(&mut app, "1200");
    update(&mut app, Action::CalcRun);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}

#[test]
fn anti_d_early_pregnancy_80x24() {
    let mut app = app();
    set_gestation(&mut app, "9+2");
    open_at(&mut app, 3);
    type_calc(&mut app, "21/11/2026 14:00");
    update(&mut app, Action::CalcRun);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
    update(&mut app, Action::PageDown);
    insta::assert_snapshot!(
        "anti_d_early_pregnancy_80x24_page_2",
        screen(&mut app, 80, 24)
    );
}

#[test]
fn empty_form_80x24() {
    let mut app = app();
    open_at(&mut app, 0);
    insta::assert_snapshot!(screen(&mut app, 80, 24));
}
