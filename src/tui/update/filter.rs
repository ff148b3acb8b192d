//! The stage filter: a trimester picked with a key, or the trimester of the gestation typed.

use crate::gestation;
use crate::tui::app::{App, ModeState};
use crate::tui::tree::NodeId;

pub(super) fn set_filter(app: &mut App, trimester: Option<u8>, week: Option<u8>) {
    app.filter.trimester = trimester;
    app.filter.week = week;
    app.rebuild_tree();
    if let Some(t) = trimester {
        // Jump to the trimester and show everything in it.
        let stage = vec![NodeId::Stage(t)];
        if app.path_exists(&stage) {
            app.tree.open(stage.clone());
            let groups: Vec<NodeId> = app
                .item_at(&stage)
                .map(|i| i.children().iter().map(|c| *c.identifier()).collect())
                .unwrap_or_default();
            for g in groups {
                app.tree.open(vec![NodeId::Stage(t), g]);
            }
            let keep = app.tree.selected().first() == Some(&NodeId::Stage(t));
            if !keep {
                app.tree.select(stage);
            }
        }
    }
    app.scroll = [0; 4];
    if !app.input.value().trim().is_empty() {
        app.refresh_results();
    }
}

/// Enter on the gestation line: back to browsing, filtered to the gestation typed.
pub(super) fn accept_week(app: &mut App) {
    let typed = match std::mem::take(&mut app.mode_state) {
        ModeState::WeekEntry { input } => input,
        _ => String::new(),
    };
    if typed.trim().is_empty() {
        return;
    }
    match gestation::parse(&typed, app.today) {
        Ok(entry) => set_gestation(app, entry.gestation),
        Err(e) => {
            app.message = Some(format!("Gestation not set: {e}"));
            // The typed text stays, to be corrected rather than typed again.
            app.mode_state = ModeState::WeekEntry { input: typed };
        }
    }
}

/// Sets the browser's gestation and filters to its trimester (a message if the KB's
/// trimesters do not cover its week).
pub(super) fn set_gestation(app: &mut App, g: gestation::Gestation) {
    if let Some(t) = app.kb.trimester_of_week(g.weeks) {
        set_filter(app, Some(t), Some(g.weeks));
        app.gestation = Some(g);
        app.gestation_set_at = Some(gestation::set_at_label(&app.local_now()));
    } else {
        let (lo, hi) = (
            app.kb
                .trimesters
                .iter()
                .map(|t| t.weeks.from)
                .min()
                .unwrap_or(0),
            app.kb
                .trimesters
                .iter()
                .map(|t| t.weeks.to)
                .max()
                .unwrap_or(0),
        );
        app.message = Some(format!("Week {} is outside {lo}–{hi}", g.weeks));
    }
}
