//! The differential tree pane: rows of [`TreeNode`]s, indented by depth, with ▸/▾ for
//! closed/open nodes. Reads the [`TreeView`]; reports where rows landed.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Block, Widget};

use crate::tui::app::NodeId;
use crate::tui::tree::{TreeNode, TreeView};

const CLOSED: &str = "▸ ";
const OPEN: &str = "▾ ";
const LEAF: &str = "  ";

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

pub fn draw(
    frame: &mut Frame,
    items: &[TreeNode],
    view: &TreeView,
    area: Rect,
    block: Block<'static>,
    highlight: Style,
) -> TreeLayout {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut out = TreeLayout {
        inner,
        ..TreeLayout::default()
    };
    if inner.is_empty() {
        return out;
    }
    let flat = view.flatten(items);
    let Some((start, end)) = view.window(&flat, inner.height as usize) else {
        return out;
    };
    out.offset = Some(start);
    let buf = frame.buffer_mut();
    let mut y = inner.y;
    for i in start..end {
        let row = flat.row(i);
        let node = row.node;
        let height = node.height() as u16;
        let line = Rect::new(inner.x, y, inner.width, height);
        y += height;
        let style = node.text().style;
        let indent = flat.depth(i) * 2;
        let (x, _) = buf.set_stringn(line.x, line.y, " ".repeat(indent), indent, style);
        let symbol = if node.children().is_empty() {
            LEAF
        } else if view.opened().contains(row.path) {
            OPEN
        } else {
            CLOSED
        };
        let room = line.width.saturating_sub(x - line.x);
        let (x, _) = buf.set_stringn(x, line.y, symbol, room as usize, style);
        let text_area = Rect {
            x,
            width: line.width.saturating_sub(x - line.x),
            ..line
        };
        node.text().render(text_area, buf);
        if row.path == view.selected() {
            buf.set_style(line, highlight);
        }
        out.rows.push((line.y, row.path.to_vec()));
    }
    out
}
