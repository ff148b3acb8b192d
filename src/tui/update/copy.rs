//! `y`: the note of the open cause (what `obddx show` prints), or the side-by-side rows as text,
//! for the event loop to copy.

use crate::tui::app::App;

/// `y`: the open cause's note — what `obddx show` prints for it, after the gestation and the
/// time of copying — for the event loop to copy.
pub(super) fn copy_note(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Open a cause to copy its note".into());
        return;
    };
    let cause = &app.kb.causes[c];
    let note = crate::note::cause_note(app.shown(), cause, &note_context(app));
    app.message = Some(format!(
        "Copied note: {} ({} lines)",
        cause.name,
        note.lines().count()
    ));
    app.clipboard = Some(note);
}

/// The first line of a copied note: when it was copied (the app's clock, as the handover's
/// time) and, when set, the gestation.
fn note_context(app: &App) -> String {
    let mut line = format!("obddx note, copied {}", app.clock().label());
    if app.filter.week.is_some() {
        line.push_str(&format!(" · {}", app.filter_label()));
    }
    if app.guidelines.is_none() {
        line.push_str(&format!("\n{}", crate::labels::LAYER_OFF_LINE));
    }
    line
}

/// `y` in the comparison: its rows as text, for the event loop to copy.
pub(super) fn copy_comparison(app: &mut App) {
    let note = crate::tui::compare::note(app, &app.compared, &note_context(app));
    app.message = Some(format!(
        "Copied comparison: {} causes ({} lines)",
        app.compared.len(),
        note.lines().count()
    ));
    app.clipboard = Some(note);
}
