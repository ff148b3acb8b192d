//! A bordered pane: its block (thick and marked when focused), a paragraph that scrolls inside
//! it, and how many rows wrapped lines take.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::fit;
use crate::tui::app::{App, ViewLayout};
use crate::tui::frame_cache::{Measured, line_rows};

/// A bordered block `width` columns wide; the focused one gets a thick border and a ▶ marker
/// in its title. A title too long for the box ends in "…".
pub fn block(app: &App, title: String, focused: bool, width: u16) -> Block<'static> {
    let th = app.theme;
    if focused {
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(th.focused_border())
            .title(fit::title(
                Span::styled(format!("▶ {title} "), th.focused_border()),
                width,
            ))
    } else {
        Block::bordered()
            .border_type(BorderType::Plain)
            .border_style(th.border())
            .title(fit::title(format!("  {title} "), width))
    }
}

/// Rows `lines` take wrapped at `width` columns.
pub fn wrapped_height(lines: &[Line<'static>], width: u16) -> u16 {
    lines
        .iter()
        .fold(0u16, |sum, line| sum.saturating_add(line_rows(line, width)))
}

/// A paragraph scrolled by `scroll` rows (clamped); records its area and scroll limit in
/// `layout` under `slot`.
pub fn draw_scrolling(
    frame: &mut Frame,
    layout: &mut ViewLayout,
    area: Rect,
    block: Block<'static>,
    content: &Measured,
    scroll: u16,
    slot: usize,
) {
    let inner = block.inner(area);
    let total = content.rows();
    let max = total.saturating_sub(inner.height);
    layout.pane_areas[slot] = area;
    layout.max_scroll[slot] = max;
    let scroll = scroll.min(max);
    let block = if max > 0 {
        let more = if scroll < max { "↓ more" } else { "end" };
        block.title_bottom(
            Line::from(format!(" {}/{} {more} ", scroll + 1, max + 1)).right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(block, area);
    content.render(frame.buffer_mut(), inner, scroll);
}
