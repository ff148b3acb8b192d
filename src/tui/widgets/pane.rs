//! A bordered pane: its block (thick and marked when focused), a paragraph that scrolls inside
//! it, and how many rows wrapped lines take.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use super::fit;
use crate::tui::app::{App, ViewLayout};

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
    Wrapped::new(lines.to_vec(), width).rows
}

/// Lines made into a wrapping paragraph once, with the rows they take at the width they were
/// measured for: measuring a pane (to size it) and drawing it share one paragraph, so its text
/// is neither copied nor wrapped again just to be measured.
pub struct Wrapped {
    paragraph: Paragraph<'static>,
    width: u16,
    rows: u16,
}

impl Wrapped {
    pub fn new(lines: Vec<Line<'static>>, width: u16) -> Self {
        let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
        let rows = Self::count(&paragraph, width);
        Wrapped {
            paragraph,
            width,
            rows,
        }
    }

    fn count(paragraph: &Paragraph<'static>, width: u16) -> u16 {
        if width == 0 {
            return 0;
        }
        paragraph.line_count(width).min(u16::MAX as usize) as u16
    }

    /// Rows the lines take at `width` (measured again only for another width).
    pub fn rows_at(&self, width: u16) -> u16 {
        if width == self.width {
            self.rows
        } else {
            Self::count(&self.paragraph, width)
        }
    }

    /// The paragraph, to draw.
    pub fn into_paragraph(self) -> Paragraph<'static> {
        self.paragraph
    }
}

/// A paragraph scrolled by `scroll` rows (clamped); records its area and scroll limit in
/// `layout` under `slot`.
pub fn draw_scrolling(
    frame: &mut Frame,
    layout: &mut ViewLayout,
    area: Rect,
    block: Block<'static>,
    content: Wrapped,
    scroll: u16,
    slot: usize,
) {
    let inner = block.inner(area);
    let total = content.rows_at(inner.width);
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
    frame.render_widget(
        content.into_paragraph().block(block).scroll((scroll, 0)),
        area,
    );
}
