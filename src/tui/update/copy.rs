//! `y`: the note of the open cause, or of the causes side by side, for the event loop to copy.

use crate::tui::app::App;

/// `y`: the open cause's note, for the event loop to copy.
pub(super) fn copy_note(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Open a cause to copy its note".into());
        return;
    };
    let cause = &app.kb.causes[c];
    let note = crate::note::cause_note(&app.kb, cause);
    app.message = Some(format!(
        "Copied note: {} ({} lines)",
        cause.name,
        note.lines().count()
    ));
    app.clipboard = Some(note);
}

/// `y` in the comparison: its note, for the event loop to copy.
pub(super) fn copy_comparison(app: &mut App) {
    let causes: Vec<&crate::kb::Cause> = app
        .compared
        .iter()
        .filter_map(|&i| app.kb.causes.get(i))
        .collect();
    let note = crate::note::comparison_note(&app.kb, &causes);
    app.message = Some(format!(
        "Copied comparison: {} causes ({} lines)",
        causes.len(),
        note.lines().count()
    ));
    app.clipboard = Some(note);
}
