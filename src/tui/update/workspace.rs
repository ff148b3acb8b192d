//! The clinician's workspace: `s` stars a cause, the causes opened become recent, `X` (after
//! Enter) clears one patient's state, `H` copies the handover note.

use crate::tui::action::{Action, Pane};
use crate::tui::app::{App, ModeState};
use crate::tui::find::Find;

use super::filter::set_filter;

/// The new-patient line: Enter clears, anything else (Esc) keeps everything.
pub(super) fn confirm(app: &mut App, action: Action) {
    app.mode_state = ModeState::Browse;
    if action == Action::ConfirmNewPatient {
        new_patient(app);
    } else {
        app.message = Some("New patient cancelled: nothing cleared".into());
    }
}

/// Clears what belongs to one patient: the gestation (and the filter it set), the search, the
/// find, the compare marks and the history. Favourites and recents are the clinician's, kept.
fn new_patient(app: &mut App) {
    app.input = tui_input::Input::default();
    app.results.clear();
    app.pinned = 0;
    app.search_stale = false;
    app.result_sel = 0;
    app.find = Find::default();
    app.compared.clear();
    app.history.clear();
    app.forward.clear();
    app.opened = None;
    app.gestation = None;
    app.gestation_set_at = None;
    set_filter(app, None, None);
    app.focus = Pane::Tree;
    app.scroll = [0; 4];
    if let Some(first) = app.tree_items.first().map(|i| vec![*i.identifier()]) {
        app.tree.select(first);
    }
    app.message =
        Some("New patient: gestation, search, find, compare marks and history cleared".into());
}

/// `s`: star or unstar the open cause.
pub(super) fn toggle_favourite(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Select a cause to star it".into());
        return;
    };
    let id = app.kb.causes[c].id.clone();
    let name = app.kb.causes[c].name.clone();
    if let Some(at) = app.favourites.iter().position(|f| *f == id) {
        app.favourites.remove(at);
        app.message = Some(format!("Unstarred: {name}"));
    } else {
        app.favourites.push(id);
        app.favourites.truncate(crate::state::FAVOURITES_MAX);
        app.message = Some(format!(
            "Starred: {name} (in Favourites, at the top of the tree)"
        ));
    }
    app.state_dirty = true;
    app.rebuild_tree();
}

/// Puts a cause first among the recent ones.
pub(super) fn note_recent(app: &mut App, c: usize) {
    let id = app.kb.causes[c].id.clone();
    if app.recent.first() == Some(&id) {
        return;
    }
    app.recent.retain(|r| *r != id);
    app.recent.insert(0, id);
    app.recent.truncate(crate::state::RECENT_MAX);
    app.state_dirty = true;
    app.rebuild_tree();
}

/// `H`: the handover note of the search and the gestation, for the event loop to copy.
pub(super) fn copy_handover(app: &mut App) {
    let query = app.query();
    let mut stage = app.index.stage_of(&app.kb, &query);
    if let Some(g) = app.gestation
        && stage.week == Some(g.weeks)
        && stage.days.is_none()
    {
        stage.days = Some(g.days);
    }
    let ranked_len = app.results.len().saturating_sub(app.pinned);
    let findings = crate::handover::Findings {
        text: app.input.value(),
        stage,
        ranked: app.results[..ranked_len].iter().map(|h| h.cause).collect(),
        must_not_miss: app.results[ranked_len..]
            .iter()
            .enumerate()
            .map(|(k, h)| (h.cause, app.pinned_why(k)))
            .collect(),
    };
    let reference = crate::kb::Reference {
        kb: app.kb.clone(),
        guidelines: app.guidelines.clone(),
        local: app.local.clone(),
    };
    let note = crate::handover::Handover::build(&reference, &findings, app.clock())
        .render(crate::handover::Format::Text);
    app.message = Some(format!(
        "Copied handover note (SBAR, {} lines)",
        note.lines().count()
    ));
    app.clipboard = Some(note);
}
