//! The calculators (`=`): typing edits the focused field, Enter calculates, `y` copies a result.

use super::filter::set_gestation;
use super::text_input::paste_text;
use crate::tui::action::Action;
use crate::tui::app::{App, ModeState};

/// The calculators are open: typing edits the focused field, Enter calculates, `y`
/// copies a result (and is text while there is none).
pub(super) fn calculators(app: &mut App, action: Action) {
    let ModeState::Calc(form) = &mut app.mode_state else {
        return;
    };
    match action {
        Action::CalcChar(ch) => form.push(ch),
        Action::Copy if form.result.is_none() => form.push('y'),
        Action::Copy => {
            if let Some(Ok(report)) = &form.result {
                let text = report.text();
                app.message = Some(format!(
                    "Copied: {} ({} lines)",
                    report.title,
                    text.lines().count()
                ));
                app.clipboard = Some(text);
            }
        }
        Action::Paste(raw) => paste_text(&raw).chars().for_each(|ch| form.push(ch)),
        Action::CalcBackspace => form.backspace(),
        Action::CalcNextField => form.step_field(1),
        Action::CalcPrevField => form.step_field(-1),
        Action::CalcNextCalculator => form.step_calculator(1),
        Action::CalcPrevCalculator => form.step_calculator(-1),
        Action::PageDown => {
            let page = app.view.overlay_area.height.saturating_sub(3);
            form.scroll = (form.scroll + page).min(app.view.overlay_max_scroll);
        }
        Action::PageUp => {
            let page = app.view.overlay_area.height.saturating_sub(3);
            form.scroll = form.scroll.saturating_sub(page);
        }
        Action::CalcRun => {
            let now = app.now.clone().unwrap_or_else(jiff::ZonedDateTime::now);
            let outcome = form.run(&app.kb, app.today, &now);
            let dated = outcome.as_ref().ok().and_then(|(_, g)| *g);
            form.result = Some(outcome.map(|(report, _)| report));
            form.scroll = 0;
            if let Some(g) = dated {
                form.follow_gestation(g);
                let form = std::mem::take(&mut app.mode_state);
                set_gestation(app, g);
                app.mode_state = form;
                if app.gestation == Some(g) {
                    app.message = Some(format!("Gestation set: GA {g}"));
                }
            }
        }
        Action::CloseOverlay => app.mode_state = ModeState::Browse,
        _ => {}
    }
}
