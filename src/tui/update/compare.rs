//! Comparing causes: the look-alike picker (`t`) and marking causes to show side by side (`c`).

use super::history::{arrived, leaving, show_cause};
use crate::tui::app::{App, ModeState, Picker};
use crate::tui::compare::MAX_COMPARED;

/// `t`: open the picker of the shown cause's look-alikes.
pub(super) fn tell_apart(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Select a cause to compare it with its look-alikes".into());
        return;
    };
    let items = app.look_alikes(c);
    if items.is_empty() {
        app.message = Some(format!(
            "No look-alikes listed for {}",
            app.kb.causes[c].name
        ));
        return;
    }
    app.mode_state = ModeState::Compare(Picker {
        from: c,
        items,
        sel: 0,
    });
}

/// Enter in the picker: remember where we are, then show the chosen look-alike.
pub(super) fn jump(app: &mut App) {
    let chosen = take_picker(app).and_then(|p| p.items.get(p.sel).copied());
    let Some(target) = chosen else {
        return;
    };
    let from = leaving(app);
    show_cause(app, target, None);
    arrived(app, from);
}

/// `c` on a cause: mark it (or unmark it); with two or more marked, show them side by side.
pub(super) fn compare_mark(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Open a cause to compare it".into());
        return;
    };
    if let Some(i) = app.compared.iter().position(|&x| x == c) {
        app.compared.remove(i);
        app.message = Some(compare_status(app));
        return;
    }
    if app.compared.len() >= MAX_COMPARED {
        app.message = Some(format!(
            "At most {MAX_COMPARED} side by side: c on a marked cause removes it"
        ));
        return;
    }
    app.compared.push(c);
    if app.compared.len() >= 2 {
        open_side_by_side(app);
    } else {
        app.message = Some(compare_status(app));
    }
}

/// `c` in the look-alike picker: the cause and the highlighted look-alike, side by side.
pub(super) fn compare_with_look_alike(app: &mut App) {
    let Some(p) = take_picker(app) else {
        return;
    };
    if let Some(&other) = p.items.get(p.sel) {
        app.compared = vec![p.from, other];
        open_side_by_side(app);
    }
}

/// Closes the look-alike picker (back to browsing) and returns it.
pub(super) fn take_picker(app: &mut App) -> Option<Picker> {
    match std::mem::take(&mut app.mode_state) {
        ModeState::Compare(picker) => Some(picker),
        other => {
            app.mode_state = other;
            None
        }
    }
}

pub(super) fn open_side_by_side(app: &mut App) {
    app.mode_state = ModeState::SideBySide { scroll: 0 };
}

/// What is marked for comparison, and what `c` does next.
pub(super) fn compare_status(app: &App) -> String {
    let names: Vec<&str> = app
        .compared
        .iter()
        .filter_map(|&i| app.kb.causes.get(i))
        .map(|c| c.name.as_str())
        .collect();
    match names.len() {
        0 => "Nothing marked for comparison".into(),
        1 => format!(
            "Marked for comparison: {} — c on another cause shows them side by side",
            names[0]
        ),
        _ => format!(
            "Compared: {} — c on another cause adds it, c on a marked one removes it",
            names.join(", ")
        ),
    }
}
