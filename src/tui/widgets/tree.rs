//! The differential tree pane: rows of [`TreeNode`]s, indented by depth, with ▸/▾ for
//! closed/open nodes. Reads the [`TreeView`]; reports where rows landed ([`TreeLayout`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::fit::fit;
use super::pane;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::tree::{NodeId, TreeLayout, TreeNode, TreeView};

const CLOSED: &str = "▸ ";
const OPEN: &str = "▾ ";
const LEAF: &str = "  ";

/// The tree pane of `app`, titled with the filter.
pub fn draw_pane(frame: &mut Frame, app: &App, area: Rect) -> TreeLayout {
    let focused = app.focus == Pane::Tree;
    let block = pane::block(
        app,
        format!("Differential · {}", app.filter_label()),
        focused,
        area.width,
    );
    draw(
        frame,
        &app.tree_items,
        &app.tree,
        area,
        block,
        app.theme.selection(),
        // A cause's row too long for the pane names it by its short name.
        |id, width| match id {
            NodeId::Cause(c) => Some(app.cause_line_within(c, width)),
            _ => None,
        },
    )
}

pub fn draw(
    frame: &mut Frame,
    items: &[TreeNode],
    view: &TreeView,
    area: Rect,
    block: Block<'static>,
    highlight: Style,
    narrow_label: impl Fn(NodeId, usize) -> Option<Line<'static>>,
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
        // Row by row, so that a name too long for the pane ends in "…".
        let text = node.text();
        buf.set_style(text_area, text.style);
        let room = usize::from(text_area.width);
        let narrow = (text.width() > room)
            .then(|| row.path.last().and_then(|id| narrow_label(*id, room)))
            .flatten();
        let lines = narrow.map_or_else(|| text.lines.clone(), |l| vec![l]);
        for (k, l) in lines.into_iter().take(usize::from(height)).enumerate() {
            let l = fit(l, room);
            buf.set_line(text_area.x, text_area.y + k as u16, &l, text_area.width);
        }
        if row.path == view.selected() {
            buf.set_style(line, highlight);
        }
        out.rows.push((line.y, row.path.to_vec()));
    }
    out
}
