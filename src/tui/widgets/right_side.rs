//! The right side: an overview of the selected trimester or group, or the shown cause's header
//! and its four panes (stacked, or one at a time as tabs when the terminal is short).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::pane::{self, draw_scrolling};
use super::{detail, fit};
use crate::tui::action::{Action, Pane};
use crate::tui::app::{App, Mode, ViewLayout};
use crate::tui::find;
use crate::tui::frame_cache::{Measured, RightKey, RightText, Shown};
use crate::tui::highlight::Highlighter;
use crate::tui::keymap::Context;
use crate::tui::tree::NodeId;

/// Below this many rows for the four panes, show one pane at a time (tabs).
const STACK_MIN_ROWS: u16 = 20;

/// Draws the right side into `area`; records each pane's area and scroll limit in `layout`.
/// The text comes from the app's frame cache: built and measured only when what it shows
/// changed since the last frame (`cache_key` below).
pub fn draw(frame: &mut Frame, app: &App, layout: &mut ViewLayout, area: Rect) {
    let inner_w = area.width.saturating_sub(2);
    let text = app
        .frame_cache
        .right(cache_key(app, inner_w), || build(app, inner_w));
    let Some(c) = app.current_cause() else {
        // A trimester or group (or nothing): an overview of what is under it.
        let focused = app.focus.detail_index().is_some();
        let block = pane::block(app, "Overview".into(), focused, area.width);
        draw_scrolling(frame, layout, area, block, &text.panes[0], app.scroll[0], 0);
        return;
    };
    let header_rows = text.header.rows();
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
        let inner = block.inner(area);
        frame.render_widget(block, area);
        text.header
            .render(frame.buffer_mut(), inner, page * page_rows);
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
    let inner = head_block.inner(head);
    frame.render_widget(head_block, head);
    text.header.render(frame.buffer_mut(), inner, 0);

    if panes.height >= STACK_MIN_ROWS {
        let needs: Vec<u16> = text
            .panes
            .iter()
            .map(|m| m.rows().saturating_add(2))
            .collect();
        let heights = share(panes.height, &needs, 3);
        let mut y = panes.y;
        for (i, content) in text.panes.iter().enumerate() {
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
        draw_scrolling(
            frame,
            layout,
            panes,
            block,
            &text.panes[shown],
            app.scroll[shown],
            shown,
        );
    }
}

/// Everything the right side's text is built from besides the KB and its layers (which change
/// only with the guideline toggle, in the key as `guidelines`): what [`build`], the
/// [`detail`] lines and [`find::mark`] read from the app. A field read there and missing here
/// would show a stale text; `tests/tui_frame_cache.rs` draws random traces with and without
/// the cache to catch that.
fn cache_key(app: &App, width: u16) -> RightKey {
    let shown = match app.current_cause() {
        Some(cause) => {
            let needle = if app.find.is_active() {
                app.find.needle().to_owned()
            } else {
                String::new()
            };
            let mut current = [app.find.current_in(None); 5];
            for (slot, pane) in current[1..].iter_mut().zip(Pane::DETAIL) {
                *slot = app.find.current_in(Some(pane));
            }
            Shown::Cause {
                cause,
                hit: app.current_hit().cloned(),
                needle,
                current,
            }
        }
        None if app.mode() == Mode::Search => Shown::Overview(Vec::new()),
        None => Shown::Overview(app.tree.selected().to_vec()),
    };
    RightKey {
        shown,
        width,
        theme: app.theme,
        ascii: app.ascii,
        trimester: app.filter.trimester,
        week: app.filter.week,
        guidelines: app.guidelines.is_some(),
        local: app.local.is_some(),
        causes: app.kb.causes.len(),
        tell_apart_key: app.keymap.first_key(Context::Browse, Action::TellApart),
    }
}

/// The right side's text at inner width `width`: the shown cause's header and four panes, or
/// the overview of the selected stage or group.
fn build(app: &App, width: u16) -> RightText {
    let Some(c) = app.current_cause() else {
        let path: &[NodeId] = if app.mode() == Mode::Search {
            &[]
        } else {
            app.tree.selected()
        };
        let lines = if path.is_empty() {
            vec![Line::styled("Nothing selected.", app.theme.dim())]
        } else {
            detail::overview_lines(app, path)
        };
        return RightText {
            header: Measured::default(),
            panes: vec![Measured::new(lines, width)],
        };
    };
    let hit = app.current_hit();
    let hl = Highlighter::new(hit);
    let needle = app.find.needle();
    let (found, current) = (app.theme.matched(), app.theme.selection());
    let mark = |lines: Vec<Line<'static>>, pane: Option<Pane>| {
        if app.find.is_active() {
            find::mark(lines, needle, found, app.find.current_in(pane), current)
        } else {
            lines
        }
    };
    let header = mark(detail::header_lines(app, c, &hl), None);
    RightText {
        header: Measured::new(header, width),
        panes: Pane::DETAIL
            .iter()
            .map(|p| Measured::new(mark(detail::pane_lines(app, *p, c, &hl), Some(*p)), width))
            .collect(),
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
