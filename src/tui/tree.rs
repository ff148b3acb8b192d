//! The differential tree as plain data: its node identifiers ([`NodeId`]), its nodes
//! ([`TreeNode`]), what the user did to it ([`TreeView`]: open nodes, selection, scroll offset)
//! and what the last frame measured of it ([`TreeLayout`]).
//!
//! Replaces `tui_tree_widget::TreeState`, whose scroll offset could only be changed by
//! rendering (and which cannot be cloned), so drawing had to write into the app. Here the
//! window of rows to show is a pure function ([`TreeView::window`]); drawing reports the
//! offset it used and [`super::update::apply_layout`] stores it.

use std::collections::HashSet;

use ratatui::layout::{Position, Rect};
use ratatui::text::Text;

use super::scroll::scroll_to_show_rows;

/// A node of the differential tree. Paths of these identify a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeId {
    /// A trimester (1–3), or 0 for "Any time".
    Stage(u8),
    /// Index into `kb.groups`; `usize::MAX` for causes whose group is not listed.
    Group(usize),
    /// Index into `kb.causes`.
    Cause(usize),
    /// A group of shortcuts that leads the tree: [`FAVOURITES`] or [`RECENT`].
    Shortcuts(u8),
}

/// The Favourites group (causes starred with `s`).
pub const FAVOURITES: u8 = 0;
/// The Recent group (the last causes opened).
pub const RECENT: u8 = 1;

/// Stage node number used for causes that can occur at any time.
pub const ANY_TIME: u8 = 0;
/// Group index used for causes whose group id is not in `kb.groups`.
pub const OTHER_GROUP: usize = usize::MAX;

/// One node of the tree: an identifier (unique among its siblings), its text and children.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeNode {
    id: NodeId,
    text: Text<'static>,
    children: Vec<TreeNode>,
}

impl TreeNode {
    pub fn leaf(id: NodeId, text: impl Into<Text<'static>>) -> Self {
        Self::new(id, text, Vec::new())
    }

    /// Identifiers must be unique among `children` (the app builds them that way).
    pub fn new(id: NodeId, text: impl Into<Text<'static>>, children: Vec<TreeNode>) -> Self {
        debug_assert!(
            {
                let mut seen = HashSet::new();
                children.iter().all(|c| seen.insert(c.id))
            },
            "duplicate sibling identifiers"
        );
        TreeNode {
            id,
            text: text.into(),
            children,
        }
    }

    pub fn identifier(&self) -> &NodeId {
        &self.id
    }

    pub fn text(&self) -> &Text<'static> {
        &self.text
    }

    pub fn children(&self) -> &[TreeNode] {
        &self.children
    }

    /// Rows this node takes on screen.
    pub fn height(&self) -> usize {
        self.text.height()
    }
}

/// A visible row of the tree: the path to a node (open nodes expanded) and the node.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub path: &'a [NodeId],
    pub node: &'a TreeNode,
}

/// Paths of the visible rows, in display order, with their nodes.
#[derive(Debug, Default)]
pub struct Flat<'a> {
    pub paths: Vec<Vec<NodeId>>,
    pub nodes: Vec<&'a TreeNode>,
}

impl Flat<'_> {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn row(&self, i: usize) -> Row<'_> {
        Row {
            path: &self.paths[i],
            node: self.nodes[i],
        }
    }

    /// Zero-based depth of row `i` (0 = top level).
    pub fn depth(&self, i: usize) -> usize {
        self.paths[i].len() - 1
    }
}

/// What the user did to the tree: which nodes are open, which row is selected, and which
/// row is at the top of the pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeView {
    opened: HashSet<Vec<NodeId>>,
    selected: Vec<NodeId>,
    /// First visible row as of the last frame (or as scrolled by the wheel since).
    offset: usize,
    /// The selection changed since the last frame: the next frame scrolls to show it.
    reveal: bool,
}

impl TreeView {
    pub fn opened(&self) -> &HashSet<Vec<NodeId>> {
        &self.opened
    }

    pub fn selected(&self) -> &[NodeId] {
        &self.selected
    }

    /// First visible row (as of the last frame, or the wheel since).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether the next frame will scroll to show the selection.
    pub fn reveal_pending(&self) -> bool {
        self.reveal
    }

    /// Selects a path (empty clears) and asks the next frame to show it.
    /// Returns whether the selection changed.
    pub fn select(&mut self, path: Vec<NodeId>) -> bool {
        self.reveal = true;
        let changed = self.selected != path;
        self.selected = path;
        changed
    }

    /// Returns `true` when the node was closed and is now open.
    pub fn open(&mut self, path: Vec<NodeId>) -> bool {
        !path.is_empty() && self.opened.insert(path)
    }

    /// Returns `true` when the node was open and is now closed.
    pub fn close(&mut self, path: &[NodeId]) -> bool {
        self.opened.remove(path)
    }

    /// Opens or closes the selected node (and keeps it in view).
    /// Returns `false` only when nothing is selected.
    pub fn toggle_selected(&mut self) -> bool {
        if self.selected.is_empty() {
            return false;
        }
        self.reveal = true;
        if self.opened.remove(&self.selected) {
            return true;
        }
        self.opened.insert(self.selected.clone())
    }

    /// Scrolls up `lines` rows; returns whether the offset changed.
    pub fn scroll_up(&mut self, lines: usize) -> bool {
        let before = self.offset;
        self.offset = self.offset.saturating_sub(lines);
        before != self.offset
    }

    /// Scrolls down `lines` rows, at most to `last_row`; returns whether the offset changed.
    pub fn scroll_down(&mut self, lines: usize, last_row: usize) -> bool {
        let before = self.offset;
        self.offset = self.offset.saturating_add(lines).min(last_row);
        before != self.offset
    }

    /// Stores the offset a frame used; the selection has been shown.
    /// Called only from [`super::update::apply_layout`].
    pub(crate) fn shown(&mut self, offset: usize) {
        self.offset = offset;
        self.reveal = false;
    }

    /// The visible rows of `items` (children of open nodes expanded).
    pub fn flatten<'a>(&self, items: &'a [TreeNode]) -> Flat<'a> {
        let mut flat = Flat::default();
        let mut path = Vec::new();
        self.flatten_into(items, &mut path, &mut flat);
        flat
    }

    fn flatten_into<'a>(&self, items: &'a [TreeNode], path: &mut Vec<NodeId>, out: &mut Flat<'a>) {
        for item in items {
            path.push(item.id);
            out.paths.push(path.clone());
            out.nodes.push(item);
            if !item.children.is_empty() && self.opened.contains(path.as_slice()) {
                self.flatten_into(&item.children, path, out);
            }
            path.pop();
        }
    }

    /// The rows `start..end` of `flat` that fit in `height` screen rows: starting at the
    /// offset, moved just enough to show the selection if it changed since the last frame.
    /// `None` when there is nothing to show (the offset and a pending reveal are kept).
    pub fn window(&self, flat: &Flat<'_>, height: usize) -> Option<(usize, usize)> {
        if height == 0 || flat.is_empty() {
            return None;
        }
        let last = flat.len() - 1;
        let reveal = if self.reveal && !self.selected.is_empty() {
            flat.paths.iter().position(|p| *p == self.selected)
        } else {
            None
        };
        let mut start = self.offset.min(last);
        if let Some(r) = reveal {
            start = scroll_to_show_rows(start, r, height, |i| flat.nodes[i].height());
        }
        let mut end = start;
        let mut used = 0;
        for h in flat.nodes[start..].iter().map(|n| n.height()) {
            if used + h > height {
                break;
            }
            used += h;
            end += 1;
        }
        Some((start, end))
    }
}

/// What drawing the tree measured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TreeLayout {
    /// Inside the border: where rows go.
    pub inner: Rect,
    /// First row shown, or `None` when nothing was (the view's offset stays as it was).
    pub offset: Option<usize>,
    /// Screen row and path of each row shown, top to bottom.
    pub rows: Vec<(u16, Vec<NodeId>)>,
}

impl TreeLayout {
    /// The path of the row shown at a screen cell.
    pub fn row_at(&self, pos: Position) -> Option<&[NodeId]> {
        if !self.inner.contains(pos) {
            return None;
        }
        self.rows
            .iter()
            .rev()
            .find(|(y, _)| pos.y >= *y)
            .map(|(_, p)| p.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(n: usize) -> Vec<TreeNode> {
        let leaves = (0..n)
            .map(|i| TreeNode::leaf(NodeId::Cause(i), format!("c{i}")))
            .collect();
        vec![TreeNode::new(NodeId::Stage(1), "s", leaves)]
    }

    #[test]
    fn window_follows_selection_and_keeps_offset() {
        let items = tree(20);
        let mut v = TreeView::default();
        v.open(vec![NodeId::Stage(1)]);
        let flat = v.flatten(&items);
        assert_eq!(flat.len(), 21);
        // Selecting row 10 in a 5-row pane scrolls just enough: rows 6..11.
        v.select(vec![NodeId::Stage(1), NodeId::Cause(9)]);
        assert_eq!(v.window(&flat, 5), Some((6, 11)));
        v.shown(6);
        // One row up stays inside the window: the offset does not move.
        v.select(vec![NodeId::Stage(1), NodeId::Cause(8)]);
        assert_eq!(v.window(&flat, 5), Some((6, 11)));
        // Wheel scroll without a new selection is kept, even off the selection.
        v.shown(6);
        v.scroll_down(10, flat.len() - 1);
        assert_eq!(v.window(&flat, 5), Some((16, 21)));
        assert_eq!(v.window(&flat, 0), None);
    }
}
