//! Drawing. Only reads the [`App`]; what the frame measured (where things landed, for the
//! mouse and scroll limits; the offsets of the tree and the result list) is returned as a
//! [`ViewLayout`] for [`super::update::apply_layout`].

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::action::{Action, Pane};
use super::app::{App, Mode, ViewLayout};
use super::compare;
use super::find;
use super::highlight::Highlighter;
use super::keymap::{Context, first_key};
use super::scroll::scroll_to_show_rows;
use super::tree::{NodeId, TreeLayout};
use super::widgets::{detail, overlay, picker, results, tree};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Below this many rows for the four panes, show one pane at a time (tabs).
const STACK_MIN_ROWS: u16 = 20;

/// Draws the whole screen for `app` and returns what the frame measured. Drawing the same
/// state twice gives the same screen and the same layout.
#[must_use = "feed the layout back with update::apply_layout"]
pub fn draw(frame: &mut Frame, app: &App) -> ViewLayout {
    let layout = draw_screen(frame, app);
    if app.ascii {
        super::ascii::transliterate(frame.buffer_mut());
    }
    layout
}

fn draw_screen(frame: &mut Frame, app: &App) -> ViewLayout {
    let area = frame.area();
    let mut layout = ViewLayout {
        // Kept while the result list is not drawn.
        results_offset: app.view.results_offset,
        ..ViewLayout::default()
    };
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area);
        return layout;
    }
    let footer_h = if matches!(app.mode(), Mode::Search | Mode::WeekEntry | Mode::Find) {
        2
    } else {
        1
    };
    let [title, main, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer_h),
    ])
    .areas(area);
    draw_title(frame, app, title);

    let tree_w = (area.width * 2 / 5).clamp(28, 48);
    let [left, right] =
        Layout::horizontal([Constraint::Length(tree_w), Constraint::Fill(1)]).areas(main);
    if app.mode() == Mode::Search {
        let block = pane_block(
            app,
            format!(
                "Results ({}{}) · {}",
                app.results.len() - app.pinned_why.len(),
                if app.pinned_why.is_empty() {
                    String::new()
                } else {
                    format!(" + {} must not miss", app.pinned_why.len())
                },
                app.search_stage_label()
            ),
            true,
        );
        layout.results_area = left;
        layout.results_offset = results::draw(frame, app, left, block, layout.results_offset);
    } else {
        layout.tree_area = left;
        layout.tree = draw_tree(frame, app, left);
    }
    draw_right(frame, app, &mut layout, right);
    draw_footer(frame, app, footer);

    match app.mode() {
        Mode::Help => {
            let lines = overlay::help_lines(app);
            draw_overlay(frame, app, &mut layout, "Help — keys", lines);
        }
        Mode::About => {
            let lines = overlay::about_lines(app);
            draw_overlay(frame, app, &mut layout, "About", lines);
        }
        Mode::Compare => draw_picker(frame, app, &mut layout),
        Mode::SideBySide => draw_side_by_side(frame, app, &mut layout),
        _ => {}
    }
    layout
}

fn draw_too_small(frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let msg = format!("Enlarge the terminal (min {MIN_WIDTH}×{MIN_HEIGHT})");
    let p = Paragraph::new(msg)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let h = (p.line_count(area.width) as u16).min(area.height);
    let y = area.y + (area.height - h) / 2;
    frame.render_widget(p, Rect::new(area.x, y, area.width, h));
}

fn draw_title(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let m = &app.kb.meta;
    let line = Line::from(vec![
        Span::raw(" obddx │ Filter: "),
        Span::styled(app.filter_label(), th.heading()),
        Span::raw(" │ Reference only, not a clinical guideline (i) │ "),
        Span::raw(format!("{} v{}", m.title, m.version)),
    ]);
    frame.render_widget(Paragraph::new(line).style(th.title_bar()), area);
}

/// A bordered block; the focused one gets a thick border and a ▶ marker in its title.
fn pane_block(app: &App, title: String, focused: bool) -> Block<'static> {
    let th = app.theme;
    if focused {
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(th.focused_border())
            .title(Span::styled(format!("▶ {title} "), th.focused_border()))
    } else {
        Block::bordered()
            .border_type(BorderType::Plain)
            .border_style(th.border())
            .title(format!("  {title} "))
    }
}

fn draw_tree(frame: &mut Frame, app: &App, area: Rect) -> TreeLayout {
    let focused = app.focus == Pane::Tree;
    let block = pane_block(
        app,
        format!("Differential · {}", app.filter_label()),
        focused,
    );
    tree::draw(
        frame,
        &app.tree_items,
        &app.tree,
        area,
        block,
        app.theme.selection(),
    )
}

fn wrapped_height(lines: &[Line<'static>], width: u16) -> u16 {
    if width == 0 {
        return 0;
    }
    let p = Paragraph::new(Text::from(lines.to_vec())).wrap(Wrap { trim: false });
    p.line_count(width).min(u16::MAX as usize) as u16
}

fn draw_right(frame: &mut Frame, app: &App, layout: &mut ViewLayout, area: Rect) {
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
        let block = pane_block(app, "Overview".into(), focused);
        draw_scrolling(frame, layout, area, block, lines, app.scroll[0], 0);
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
    let header_full = wrapped_height(&header, inner_w) + 2;
    let header_h = header_full.min(area.height / 2);
    let [head, panes] =
        Layout::vertical([Constraint::Length(header_h), Constraint::Fill(1)]).areas(area);
    let name = app.kb.causes[c].name.clone();
    let mut head_block = Block::bordered().title(format!(" {name} "));
    if header_full > header_h {
        head_block =
            head_block.title_bottom(Line::from(" … taller terminal shows more ").right_aligned());
    }
    frame.render_widget(
        Paragraph::new(header)
            .block(head_block)
            .wrap(Wrap { trim: false }),
        head,
    );

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
        let needs: Vec<u16> = contents
            .iter()
            .map(|l| wrapped_height(l, inner_w).saturating_add(2))
            .collect();
        let heights = share(panes.height, &needs, 3);
        let mut y = panes.y;
        for (i, lines) in contents.into_iter().enumerate() {
            let r = Rect::new(panes.x, y, panes.width, heights[i]);
            y += heights[i];
            let pane = Pane::DETAIL[i];
            let block = pane_block(app, pane.title().into(), app.focus == pane);
            draw_scrolling(frame, layout, r, block, lines, app.scroll[i], i);
        }
    } else {
        // Too short to stack: one pane, with the others named in its title.
        let shown = app.focus.detail_index().unwrap_or(0);
        let tabs: Vec<String> = Pane::DETAIL
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if i == shown {
                    format!("[{}]", p.title())
                } else {
                    p.title().to_string()
                }
            })
            .collect();
        let block = pane_block(
            app,
            format!("{} (Tab)", tabs.join(" │ ")),
            app.focus.detail_index().is_some(),
        );
        let lines = contents.into_iter().nth(shown).unwrap_or_default();
        draw_scrolling(frame, layout, panes, block, lines, app.scroll[shown], shown);
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

/// A paragraph scrolled by `scroll` rows (clamped); records its area and scroll limit in
/// `layout` under `slot`.
fn draw_scrolling(
    frame: &mut Frame,
    layout: &mut ViewLayout,
    area: Rect,
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    scroll: u16,
    slot: usize,
) {
    let inner = block.inner(area);
    let total = wrapped_height(&lines, inner.width);
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
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

fn hint(spans: &mut Vec<Span<'static>>, app: &App, key: String, what: &str) {
    if !spans.is_empty() {
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled(key, app.theme.key()));
    spans.push(Span::raw(format!(" {what}")));
}

fn key_of(ctx: Context, a: Action) -> String {
    first_key(ctx, a).unwrap_or_default()
}

fn draw_footer(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let mut spans: Vec<Span<'static>> = Vec::new();
    if let Some(msg) = &app.message {
        spans.push(Span::styled(format!("{msg} "), th.warning()));
    }
    let status = Rect::new(
        area.x,
        area.bottom().saturating_sub(1),
        area.width,
        1.min(area.height),
    );
    match app.mode() {
        Mode::Browse => {
            let b = Context::Browse;
            hint(&mut spans, app, "↑↓←→".into(), "move");
            hint(&mut spans, app, key_of(b, Action::Open), "open");
            if !app.history.is_empty() {
                hint(&mut spans, app, key_of(b, Action::Back), "back");
            }
            if !app.forward.is_empty() {
                hint(&mut spans, app, key_of(b, Action::Forward), "forward");
            }
            hint(&mut spans, app, key_of(b, Action::FocusNext), "pane");
            hint(&mut spans, app, key_of(b, Action::SearchStart), "search");
            hint(&mut spans, app, "1 2 3 0".into(), "trimester");
            hint(&mut spans, app, key_of(b, Action::WeekStart), "gestation");
            if app.current_cause().is_some() {
                hint(&mut spans, app, key_of(b, Action::FindStart), "find");
                if app.find.is_active() {
                    hint(&mut spans, app, "n N".into(), "next/prev");
                }
                hint(&mut spans, app, key_of(b, Action::Copy), "copy note");
                if !app.kb.causes[c_of(app)].look_alikes.is_empty() {
                    hint(&mut spans, app, key_of(b, Action::TellApart), "tell apart");
                }
                let compare = if app.compared.is_empty() {
                    "compare"
                } else {
                    "compare with marked"
                };
                hint(&mut spans, app, key_of(b, Action::CompareMark), compare);
            }
            if !app.input.value().is_empty() {
                hint(
                    &mut spans,
                    app,
                    key_of(b, Action::ClearSearch),
                    "clear search",
                );
            }
            hint(&mut spans, app, key_of(b, Action::ToggleAbout), "about");
            // Help and quit always show: cut the hints before them, marked with "…".
            let mut tail = Vec::new();
            hint(&mut tail, app, key_of(b, Action::ToggleHelp), "help");
            hint(&mut tail, app, key_of(b, Action::Quit), "quit");
            fit_before(&mut spans, tail, status.width as usize);
        }
        Mode::Search => {
            let s = Context::Search;
            hint(&mut spans, app, "type".into(), "symptom/name/test/drug");
            hint(&mut spans, app, "↑↓".into(), "choose");
            hint(&mut spans, app, key_of(s, Action::SearchAccept), "open");
            hint(&mut spans, app, key_of(s, Action::SearchCancel), "back");
            hint(
                &mut spans,
                app,
                key_of(Context::Global, Action::Quit),
                "quit",
            );
            let input_area = Rect::new(area.x, area.y, area.width, 1);
            draw_input(frame, app, input_area);
        }
        Mode::Find => {
            let f = Context::Find;
            hint(&mut spans, app, key_of(f, Action::FindNext), "next");
            hint(&mut spans, app, key_of(f, Action::FindAccept), "keep");
            hint(&mut spans, app, key_of(f, Action::FindCancel), "close");
            let line = Line::from(vec![
                Span::styled("Find in this cause: ", th.heading()),
                Span::raw(app.find.input.value().to_string()),
            ]);
            let x = area.x + (line.width() as u16).min(area.width.saturating_sub(1));
            frame.render_widget(
                Paragraph::new(line),
                Rect::new(area.x, area.y, area.width, 1),
            );
            frame.set_cursor_position((x, area.y));
        }
        Mode::WeekEntry => {
            let w = Context::Week;
            hint(&mut spans, app, key_of(w, Action::WeekAccept), "apply");
            hint(&mut spans, app, key_of(w, Action::WeekCancel), "cancel");
            let line = Line::from(vec![
                Span::styled(
                    "Gestation (32+4, 32/40, LMP or edd YYYY-MM-DD): ",
                    th.heading(),
                ),
                Span::raw(app.week_input().to_string()),
            ]);
            let x = area.x + (line.width() as u16).min(area.width.saturating_sub(1));
            frame.render_widget(
                Paragraph::new(line),
                Rect::new(area.x, area.y, area.width, 1),
            );
            frame.set_cursor_position((x, area.y));
        }
        Mode::Compare => {
            let p = Context::Compare;
            hint(&mut spans, app, "↑↓".into(), "choose");
            hint(&mut spans, app, key_of(p, Action::Open), "jump");
            hint(&mut spans, app, key_of(p, Action::CloseOverlay), "close");
            hint(&mut spans, app, key_of(p, Action::Quit), "quit");
        }
        Mode::SideBySide => {
            let s = Context::SideBySide;
            hint(&mut spans, app, "↑↓".into(), "scroll");
            hint(&mut spans, app, key_of(s, Action::Copy), "copy");
            hint(&mut spans, app, key_of(s, Action::CloseOverlay), "close");
            hint(&mut spans, app, key_of(s, Action::Quit), "quit");
        }
        Mode::Help | Mode::About => {
            let o = Context::Overlay;
            hint(&mut spans, app, "↑↓".into(), "scroll");
            hint(&mut spans, app, key_of(o, Action::CloseOverlay), "close");
            hint(&mut spans, app, key_of(o, Action::Quit), "quit");
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), status);
}

/// Appends `tail` to `spans`, first cutting `spans` (at a span boundary, then "…") so the
/// whole line fits in `width` columns.
fn fit_before(spans: &mut Vec<Span<'static>>, tail: Vec<Span<'static>>, width: usize) {
    let w = |s: &[Span<'static>]| s.iter().map(Span::width).sum::<usize>();
    let room = width.saturating_sub(w(&tail) + 2);
    if w(spans) > room {
        while spans.len() > 1 && w(spans) + 1 > room {
            spans.pop();
        }
        // A single long span (the status message) is cut, not dropped.
        if let Some(first) = spans.first_mut()
            && first.width() + 1 > room
        {
            let cut: String = first.content.chars().take(room.saturating_sub(1)).collect();
            first.content = cut.into();
        }
        spans.push(Span::raw("…"));
    }
    spans.push(Span::raw("  "));
    spans.extend(tail);
}

fn c_of(app: &App) -> usize {
    app.current_cause().unwrap_or_default()
}

fn draw_input(frame: &mut Frame, app: &App, area: Rect) {
    let prefix = "/ ";
    let pw = (prefix.len() as u16).min(area.width);
    frame.render_widget(
        Paragraph::new(Span::styled(prefix, app.theme.key())),
        Rect::new(area.x, area.y, pw, 1),
    );
    let text_area = Rect::new(area.x + pw, area.y, area.width - pw, 1);
    // Keep the cursor visible: tui-input computes the horizontal scroll in columns.
    let width = text_area.width.saturating_sub(1).max(1) as usize;
    let scroll = app.input.visual_scroll(width);
    frame.render_widget(
        Paragraph::new(app.input.value().to_string()).scroll((0, scroll as u16)),
        text_area,
    );
    let cx = app.input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((
        text_area.x + cx.min(text_area.width.saturating_sub(1)),
        area.y,
    ));
}

/// The side-by-side comparison: a box over the whole screen (the columns want the width).
fn draw_side_by_side(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    let area = frame.area();
    let inner_w = area.width.saturating_sub(2);
    let lines = compare::lines(app, &app.compared, inner_w);
    let n = app.compared.len();
    let title = format!("Side by side ({n} causes)");
    draw_box(frame, app, layout, &title, lines, OverlaySize::Full);
}

/// How much of the screen an overlay takes.
#[derive(Clone, Copy)]
enum OverlaySize {
    /// At most 90 columns, centred (help, about).
    Text,
    /// The whole screen (side by side).
    Full,
}

fn draw_overlay(
    frame: &mut Frame,
    app: &App,
    layout: &mut ViewLayout,
    title: &str,
    lines: Vec<Line<'static>>,
) {
    draw_box(frame, app, layout, title, lines, OverlaySize::Text);
}

fn draw_box(
    frame: &mut Frame,
    app: &App,
    layout: &mut ViewLayout,
    title: &str,
    lines: Vec<Line<'static>>,
    size: OverlaySize,
) {
    let area = frame.area();
    let (w, h) = match size {
        OverlaySize::Text => (
            area.width.saturating_sub(4).min(90),
            area.height.saturating_sub(2),
        ),
        // The footer line stays visible below the box.
        OverlaySize::Full => (area.width, area.height.saturating_sub(1)),
    };
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Span::styled(format!(" {title} "), app.theme.heading()))
        .title_bottom(Line::from(" Esc close · ↑↓ scroll ").right_aligned());
    let inner = block.inner(r);
    let total = wrapped_height(&lines, inner.width);
    let max = total.saturating_sub(inner.height);
    layout.overlay_area = r;
    layout.overlay_max_scroll = max;
    let scroll = app.overlay_scroll().min(max);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .style(Style::new())
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        r,
    );
}

/// The look-alike picker: a box over the screen, one entry per look-alike, scrolled so the
/// chosen one is shown. Records the box and each entry's rows (for the mouse) in `layout`.
fn draw_picker(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    let Some(p) = app.picker() else {
        return;
    };
    let area = frame.area();
    let w = area.width.saturating_sub(4).min(78);
    let inner_w = w.saturating_sub(2);
    let sign_w = inner_w.saturating_sub(picker::SIGN_INDENT);
    let entries: Vec<(Line<'static>, Line<'static>)> = p
        .items
        .iter()
        .enumerate()
        .map(|(i, &c)| picker::item_lines(app, c, i == p.sel))
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
        key_of(Context::Compare, Action::Open),
        key_of(Context::Compare, Action::CloseOverlay)
    );
    let name = app.kb.causes[p.from].name.clone();
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Span::styled(
            format!(" Tell apart from {name} "),
            app.theme.heading(),
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
        let indent = picker::SIGN_INDENT.min(row.width);
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
