//! Moving about while browsing: the tree's rows, opening and closing nodes, scrolling the
//! panes, and the mouse (click, wheel).

use super::history::{arrived, leaving};
use crate::tui::action::Pane;
use crate::tui::app::{App, Mode};
use crate::tui::tree::NodeId;
use ratatui::layout::Position;

/// Rows a page key moves when the pane height is not known yet.
pub(super) const DEFAULT_PAGE: usize = 10;

pub(super) fn page(app: &App) -> usize {
    let h = match (app.mode(), app.focus) {
        (Mode::Search, _) => app.view.results_area.height.saturating_sub(2),
        (Mode::Help | Mode::About | Mode::Compare | Mode::SideBySide, _) => {
            app.view.overlay_area.height.saturating_sub(2)
        }
        (_, Pane::Tree) => app.view.tree_area.height,
        (_, p) => p
            .detail_index()
            .map_or(0, |i| app.view.pane_areas[i].height.saturating_sub(2)),
    } as usize;
    if h == 0 { DEFAULT_PAGE } else { h.max(1) }
}

/// `cur` moved by `delta`, kept within `0..len` (0 when `len` is 0).
pub(super) fn moved_within(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let target = if delta < 0 {
        cur.saturating_sub(delta.unsigned_abs())
    } else {
        cur.saturating_add(delta as usize)
    };
    target.min(len - 1)
}

pub(super) fn scroll_pane(app: &mut App, i: usize, delta: isize) {
    let max = app.view.max_scroll[i] as usize;
    app.scroll[i] = moved_within(app.scroll[i] as usize, delta, max + 1) as u16;
}

pub(super) fn selected_has_children(app: &App) -> bool {
    app.item_at(app.tree.selected())
        .is_some_and(|i| !i.children().is_empty())
}

pub(super) fn toggle_selected(app: &mut App) {
    if selected_has_children(app) {
        app.tree.toggle_selected();
    }
}

/// Right on the tree: opens a closed node, else goes to its first child; on a cause, to its
/// signs.
pub(super) fn open_or_go_down(app: &mut App) {
    let sel = app.tree.selected().to_vec();
    let first_child = app
        .item_at(&sel)
        .and_then(|i| i.children().first())
        .map(|c| *c.identifier());
    match first_child {
        Some(child) => {
            if !app.tree.open(sel.clone()) {
                let mut p = sel;
                p.push(child);
                app.tree.select(p);
                app.scroll = [0; 4];
            }
        }
        None => {
            if matches!(sel.last(), Some(NodeId::Cause(_))) {
                app.focus = Pane::Signs;
            }
        }
    }
}

/// Left on the tree: closes an open node, else goes to its parent.
pub(super) fn close_or_go_up(app: &mut App) {
    let sel = app.tree.selected().to_vec();
    if !app.tree.close(&sel) && sel.len() > 1 {
        app.tree.select(sel[..sel.len() - 1].to_vec());
        app.scroll = [0; 4];
    }
}

/// Enter on the tree: opens or closes a node; on a cause, goes to its signs (a place in the
/// history).
pub(super) fn open_selected(app: &mut App) {
    if selected_has_children(app) {
        app.tree.toggle_selected();
    } else if matches!(app.selected_node(), Some(NodeId::Cause(_))) {
        app.focus = Pane::Signs;
        let from = leaving(app);
        arrived(app, from);
    }
}

/// Up, Down, Page and Home/End on the tree: another row.
pub(super) fn step_tree(app: &mut App, delta: isize) {
    let rows = app.visible_rows();
    let cur = rows
        .iter()
        .position(|p| p.as_slice() == app.tree.selected())
        .unwrap_or(0);
    let new = moved_within(cur, delta, rows.len());
    if let Some(p) = rows.get(new)
        && p.as_slice() != app.tree.selected()
    {
        app.tree.select(p.clone());
        app.scroll = [0; 4];
    }
}

/// A click while browsing: a tree row selects (or, selected, opens or closes) it; a pane takes
/// the focus.
pub(super) fn browse_click(app: &mut App, pos: Position) {
    if app.view.tree_area.contains(pos) {
        app.focus = Pane::Tree;
        let hit = app.view.tree.row_at(pos).map(<[NodeId]>::to_vec);
        if let Some(path) = hit
            && app.path_exists(&path)
        {
            if path.as_slice() == app.tree.selected() {
                toggle_selected(app);
            } else {
                app.tree.select(path);
                app.scroll = [0; 4];
            }
        }
    } else if let Some(i) = app.view.pane_areas.iter().position(|a| a.contains(pos)) {
        app.focus = Pane::DETAIL[i];
    }
}

/// The wheel while browsing scrolls what is under the pointer: the tree or a pane.
pub(super) fn browse_wheel(app: &mut App, pos: Position, delta: isize) {
    if app.view.tree_area.contains(pos) {
        if delta < 0 {
            app.tree.scroll_up(delta.unsigned_abs());
        } else {
            let last = app.visible_rows().len().saturating_sub(1);
            app.tree.scroll_down(delta as usize, last);
        }
    } else if let Some(i) = app.view.pane_areas.iter().position(|a| a.contains(pos)) {
        scroll_pane(app, i, delta);
    }
}
