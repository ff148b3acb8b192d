//! Places and the way back: a cause opened is a place in the history (`b` goes back, `B`
//! forward), and opening one reveals it in the tree, clearing a filter that hides it.

use super::filter::set_filter;
use crate::tui::app::{App, Filter, HISTORY_MAX, Visit};
use crate::tui::tree::NodeId;

/// Where the user is: the tree selection and the filter.
pub(super) fn here(app: &App) -> Visit {
    Visit {
        path: app.tree.selected().to_vec(),
        filter: app.filter,
    }
}

/// The place a cause is being opened from: the cause opened last, else the selection.
pub(super) fn leaving(app: &App) -> Visit {
    app.opened.clone().unwrap_or_else(|| here(app))
}

/// A cause has been opened, coming `from`: remember `from` (if it was a cause and is not
/// where we are now) and forget the way forward.
pub(super) fn arrived(app: &mut App, from: Visit) {
    let now = here(app);
    if from.path != now.path && matches!(from.path.last(), Some(NodeId::Cause(_))) {
        if app.history.len() >= HISTORY_MAX {
            app.history.remove(0);
        }
        app.history.push(from);
        app.forward.clear();
    }
    app.opened = Some(now);
}

/// Goes to a remembered place: its filter first, then its selection (or its cause).
pub(super) fn restore(app: &mut App, visit: &Visit) {
    if visit.filter != app.filter {
        set_filter(app, visit.filter.trimester, visit.filter.week);
    }
    match visit.path.last() {
        Some(&NodeId::Cause(c)) => show_cause(app, c, Some(visit.path.clone())),
        _ => {
            if app.path_exists(&visit.path) {
                select_opened(app, visit.path.clone());
            }
        }
    }
    app.scroll = [0; 4];
    app.opened = Some(here(app));
}

/// `B`: where the last Back came from.
pub(super) fn forward(app: &mut App) {
    let Some(next) = app.forward.pop() else {
        app.message = Some("Nothing forward (B comes back after b)".into());
        return;
    };
    let cur = leaving(app);
    app.history.push(cur);
    restore(app, &next);
}

/// Backspace / `b`: the selection before the last jump.
pub(super) fn back(app: &mut App) {
    let Some(prev) = app.history.pop() else {
        app.message = Some("Nothing to go back to (open a cause first)".into());
        return;
    };
    let cur = leaving(app);
    if app.forward.len() >= HISTORY_MAX {
        app.forward.remove(0);
    }
    app.forward.push(cur);
    restore(app, &prev);
}

/// Selects a path, opening its ancestors.
pub(super) fn select_opened(app: &mut App, path: Vec<NodeId>) {
    for i in 1..path.len() {
        app.tree.open(path[..i].to_vec());
    }
    app.tree.select(path);
    app.scroll = [0; 4];
}

/// Selects a cause: at `path` if that row is shown, else at its first place in the tree. A
/// filter that hides it is cleared, and the status line says so.
pub(super) fn show_cause(app: &mut App, cause: usize, path: Option<Vec<NodeId>>) {
    if let Some(p) = path.filter(|p| app.path_exists(p)) {
        select_opened(app, p);
        return;
    }
    if app.path_to_cause(cause).is_none() && app.filter != Filter::default() {
        app.message = Some(format!(
            "Filter cleared: {} is not in {}",
            app.kb.causes[cause].name,
            app.filter_label()
        ));
    }
    reveal_cause(app, cause);
    app.scroll = [0; 4];
}

/// Select a cause in the tree, opening its stage and group.
pub fn reveal_cause(app: &mut App, cause: usize) -> bool {
    let path = app.path_to_cause(cause).or_else(|| {
        // Not shown under the current filter: drop the filter rather than lose the cause.
        set_filter(app, None, None);
        app.path_to_cause(cause)
    });
    match path {
        Some(p) => {
            for i in 1..p.len() {
                app.tree.open(p[..i].to_vec());
            }
            app.tree.select(p);
            true
        }
        None => false,
    }
}
