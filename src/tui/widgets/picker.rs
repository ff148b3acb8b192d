//! The look-alike picker (`t`): one entry per look-alike, with the sign that best tells it
//! apart, so the differences are visible before jumping.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::detail::DISTINGUISHING;
use super::pane::wrapped_height;
use crate::labels;
use crate::tui::action::Action;
use crate::tui::app::{App, ViewLayout};
use crate::tui::keymap::Context;
use crate::tui::scroll::scroll_to_show_rows;

/// Columns the sign line of an entry is indented by (its wrapped lines too).
pub const SIGN_INDENT: u16 = 4;

/// The entry of look-alike `c`: its heading "▶ ✖ EMERGENCY  Name" (▶ when selected), and
/// its most distinguishing sign (the first marked distinguishing, else the first sign), to
/// be drawn [`SIGN_INDENT`] columns in.
pub fn item_lines(app: &App, c: usize, selected: bool) -> (Line<'static>, Line<'static>) {
    let th = app.theme;
    let cause = &app.kb.causes[c];
    let u = cause.urgency;
    let head = Line::from(vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::styled(labels::urgency_tag(u), th.urgency(u)),
        Span::raw("  "),
        Span::styled(cause.name.clone(), th.heading()),
    ]);
    let sign = cause
        .signs
        .iter()
        .find(|s| s.distinguishing)
        .or_else(|| cause.signs.first());
    let sign = match sign {
        Some(s) if s.distinguishing => Line::from(vec![
            Span::styled(DISTINGUISHING, th.distinguishing()),
            Span::raw(" "),
            Span::raw(s.text.clone()),
        ]),
        Some(s) => Line::from(vec![Span::raw("• "), Span::raw(s.text.clone())]),
        None => Line::styled("No signs listed.", th.dim()),
    };
    (head, sign)
}

/// The look-alike picker: a box over the screen, one entry per look-alike, scrolled so the
/// chosen one is shown. Records the box and each entry's rows (for the mouse) in `layout`.
pub fn draw(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    let Some(p) = app.picker() else {
        return;
    };
    let area = frame.area();
    let w = area.width.saturating_sub(4).min(78);
    let inner_w = w.saturating_sub(2);
    let sign_w = inner_w.saturating_sub(SIGN_INDENT);
    let entries: Vec<(Line<'static>, Line<'static>)> = p
        .items
        .iter()
        .enumerate()
        .map(|(i, &c)| item_lines(app, c, i == p.sel))
        .collect();
    // Rows of each entry: its heading, then its sign.
    let parts: Vec<(u16, u16)> = entries
        .iter()
        .map(|(head, sign)| {
            (
                wrapped_height(std::slice::from_ref(head), inner_w),
                wrapped_height(std::slice::from_ref(sign), sign_w),
            )
        })
        .collect();
    let heights: Vec<u16> = parts.iter().map(|(a, b)| a.saturating_add(*b)).collect();
    let want = heights.iter().fold(2u16, |a, &h| a.saturating_add(h));
    let h = want.min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let keys = format!(
        " ↑↓ choose · {} jump · {} close ",
        app.keymap
            .first_key(Context::Compare, Action::Open)
            .unwrap_or_default(),
        app.keymap
            .first_key(Context::Compare, Action::CloseOverlay)
            .unwrap_or_default()
    );
    let name = labels::name_within(
        &app.kb.causes[p.from],
        usize::from(r.width.saturating_sub(4 + " Tell apart from ".len() as u16)),
    );
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(super::fit::title(
            Span::styled(format!(" Tell apart from {name} "), app.theme.heading()),
            r.width,
        ))
        .title_bottom(Line::from(keys).right_aligned());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    layout.overlay_area = r;
    // First entry shown: the earliest from which the chosen one still fits (the picker keeps
    // no offset of its own).
    let chosen = p.sel.min(entries.len().saturating_sub(1));
    let first = scroll_to_show_rows(0, chosen, usize::from(inner.height), |i| {
        usize::from(heights[i])
    });
    layout.picker_rows = vec![Rect::default(); entries.len()];
    let mut y = inner.y;
    for (i, (head, sign)) in entries.into_iter().enumerate().skip(first) {
        if y >= inner.bottom() {
            break;
        }
        let rh = heights[i].min(inner.bottom() - y);
        let row = Rect::new(inner.x, y, inner.width, rh);
        let style = if i == p.sel {
            app.theme.selection()
        } else {
            Style::new()
        };
        // The whole entry (indent included) takes the selection style.
        frame.render_widget(Block::new().style(style), row);
        let head_h = parts[i].0.min(rh);
        let wrap = Wrap { trim: false };
        frame.render_widget(
            Paragraph::new(head).style(style).wrap(wrap),
            Rect::new(row.x, row.y, row.width, head_h),
        );
        let indent = SIGN_INDENT.min(row.width);
        frame.render_widget(
            Paragraph::new(sign).style(style).wrap(wrap),
            Rect::new(
                row.x + indent,
                row.y + head_h,
                row.width - indent,
                rh - head_h,
            ),
        );
        layout.picker_rows[i] = row;
        y += rh;
    }
}
