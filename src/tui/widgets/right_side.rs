//! The right side: an overview of the selected trimester or group, or the shown cause's header
//! and its four panes (stacked, or one at a time as tabs when the terminal is short).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::pane::{self, Wrapped, draw_scrolling};
use super::{detail, fit};
use crate::tui::action::{Action, Pane};
use crate::tui::app::{App, Mode, ViewLayout};
use crate::tui::find;
use crate::tui::highlight::Highlighter;
use crate::tui::keymap::Context;
use crate::tui::tree::NodeId;

/// Below this many rows for the four panes, show one pane at a time (tabs).
const STACK_MIN_ROWS: u16 = 20;

/// Draws the right side into `area`; records each pane's area and scroll limit in `layout`.
pub fn draw(frame: &mut Frame, app: &App, layout: &mut ViewLayout, area: Rect) {
    let Some(c) = app.current_cause() else {
        // A trimester or group (or nothing): an overview of what is under it.
        let path: Vec<NodeId> = if app.mode() == Mode::Search {
            Vec::new()
        } else {
            app.tree.selected().to_vec()
        };
        let lines = if path.is_empty() {
            vec![Line::styled("Nothing selected.", app.theme.dim())]
        } else {
            detail::overview_lines(app, &path)
        };
        let focused = app.focus.detail_index().is_some();
        let block = pane::block(app, "Overview".into(), focused, area.width);
        let content = Wrapped::new(lines, area.width.saturating_sub(2));
        draw_scrolling(frame, layout, area, block, content, app.scroll[0], 0);
        return;
    };
    let hit = app.current_hit().cloned();
    let hl = Highlighter::new(hit.as_ref());
    let mut header = detail::header_lines(app, c, &hl);
    let needle = app.find.needle();
    let (found, current) = (app.theme.matched(), app.theme.selection());
    if app.find.is_active() {
        header = find::mark(header, needle, found, app.find.current_in(None), current);
    }
    let inner_w = area.width.saturating_sub(2);
    let header = Wrapped::new(header, inner_w);
    let header_rows = header.rows_at(inner_w);
    let header_full = header_rows + 2;
    // Expanded (`+`), the header takes the whole right side, a page at a time.
    let page_rows = area.height.saturating_sub(2).max(1);
    layout.header_pages = header_rows.div_ceil(page_rows).max(1);
    // The box's title: the name that fits between its corners and a space each side.
    let name =
        crate::labels::name_within(&app.kb.causes[c], usize::from(area.width.saturating_sub(4)));
    let key = |action| {
        app.keymap
            .first_key(Context::Browse, action)
            .unwrap_or_default()
    };
    if let Some(page) = app.header_page_of(c) {
        let page = page.min(layout.header_pages - 1);
        let next = if page + 1 < layout.header_pages {
            format!("{} next page", key(Action::HeaderMore))
        } else {
            format!("{} back", key(Action::HeaderMore))
        };
        let block = Block::bordered()
            .title(fit::title(format!(" {name} "), area.width))
            .title_bottom(
                Line::from(format!(
                    " header {}/{} · {next} · {} panes ",
                    page + 1,
                    layout.header_pages,
                    key(Action::HeaderLess)
                ))
                .right_aligned(),
            );
        frame.render_widget(
            header
                .into_paragraph()
                .block(block)
                .scroll((page * page_rows, 0)),
            area,
        );
        return;
    }
    let header_h = header_full.min(area.height / 2);
    let [head, panes] =
        Layout::vertical([Constraint::Length(header_h), Constraint::Fill(1)]).areas(area);
    let mut head_block = Block::bordered().title(fit::title(format!(" {name} "), head.width));
    if header_full > header_h {
        head_block = head_block.title_bottom(
            Line::from(format!(" … {} shows all ", key(Action::HeaderMore))).right_aligned(),
        );
    }
    frame.render_widget(header.into_paragraph().block(head_block), head);

    let contents: Vec<Vec<Line<'static>>> = Pane::DETAIL
        .iter()
        .map(|p| {
            let lines = detail::pane_lines(app, *p, c, &hl);
            if app.find.is_active() {
                find::mark(lines, needle, found, app.find.current_in(Some(*p)), current)
            } else {
                lines
            }
        })
        .collect();
    if panes.height >= STACK_MIN_ROWS {
        let contents: Vec<Wrapped> = contents
            .into_iter()
            .map(|lines| Wrapped::new(lines, inner_w))
            .collect();
        let needs: Vec<u16> = contents
            .iter()
            .map(|w| w.rows_at(inner_w).saturating_add(2))
            .collect();
        let heights = share(panes.height, &needs, 3);
        let mut y = panes.y;
        for (i, content) in contents.into_iter().enumerate() {
            let r = Rect::new(panes.x, y, panes.width, heights[i]);
            y += heights[i];
            let pane = Pane::DETAIL[i];
            let block = pane::block(app, pane.title().into(), app.focus == pane, r.width);
            draw_scrolling(frame, layout, r, block, content, app.scroll[i], i);
        }
    } else {
        // Too short to stack: one pane, with the others named in its title.
        let shown = app.focus.detail_index().unwrap_or(0);
        let block = pane::block(
            app,
            tab_bar(shown, panes.width),
            app.focus.detail_index().is_some(),
            panes.width,
        );
        let lines = contents.into_iter().nth(shown).unwrap_or_default();
        let content = Wrapped::new(lines, inner_w);
        draw_scrolling(
            frame,
            layout,
            panes,
            block,
            content,
            app.scroll[shown],
            shown,
        );
    }
}

/// The detail panes' names for the title of the one shown (`[…]`): in full when they fit in a
/// box `width` wide, else the short names, so that the one shown is never cut off.
fn tab_bar(shown: usize, width: u16) -> String {
    let bar = |name: fn(Pane) -> &'static str| {
        let tabs: Vec<String> = Pane::DETAIL
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == shown {
                    format!("[{}]", name(*p))
                } else {
                    name(*p).to_string()
                }
            })
            .collect();
        format!("{} (Tab)", tabs.join(" │ "))
    };
    let full = bar(Pane::title);
    // The title's frame: "▶ " before, a space after, the two corners.
    if full.chars().count() + 5 <= usize::from(width) {
        full
    } else {
        bar(Pane::short_title)
    }
}

/// Split `total` rows between panes wanting `needs` rows, each at least `min`.
fn share(total: u16, needs: &[u16], min: u16) -> Vec<u16> {
    let n = needs.len() as u16;
    if n == 0 {
        return Vec::new();
    }
    let want: u16 = needs.iter().map(|&x| x.max(min)).sum();
    let mut h: Vec<u16> = if want <= total {
        needs.iter().map(|&x| x.max(min)).collect()
    } else {
        let spare = u32::from(total.saturating_sub(min * n));
        let extra: u32 = needs
            .iter()
            .map(|&x| u32::from(x.saturating_sub(min)))
            .sum();
        needs
            .iter()
            .map(|&x| min + (spare * u32::from(x.saturating_sub(min)) / extra.max(1)) as u16)
            .collect()
    };
    // Rounding leftovers (or surplus space) go to the first pane (Signs).
    let used: u16 = h.iter().sum();
    if used < total {
        h[0] += total - used;
    }
    // Never exceed the area.
    let mut over = h.iter().sum::<u16>().saturating_sub(total);
    for x in h.iter_mut().rev() {
        let cut = over.min(x.saturating_sub(0));
        *x -= cut;
        over -= cut;
    }
    h
}
