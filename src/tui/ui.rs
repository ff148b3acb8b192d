//! Drawing. Only reads the [`App`]; what the frame measured (where things landed, for the
//! mouse and scroll limits; the offsets of the tree and the result list) is returned as a
//! [`ViewLayout`] for [`super::update::apply_layout`]. This file lays the frame out and calls
//! the [`super::widgets`], each of which builds and draws its own part.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Mode, ViewLayout};
use super::widgets::{footer, header, overlay, picker, results, right_side, tree};

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

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
    let [title, main, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(footer::height(app, area.height)),
    ])
    .areas(area);
    header::draw(frame, app, title);

    let tree_w = (area.width * 2 / 5).clamp(28, 48);
    let [left, right] =
        Layout::horizontal([Constraint::Length(tree_w), Constraint::Fill(1)]).areas(main);
    if app.mode() == Mode::Search {
        layout.results_area = left;
        let drawn = results::draw_pane(frame, app, left, layout.results_offset);
        layout.results_offset = drawn.offset;
        layout.result_rows = drawn.rows;
    } else {
        layout.tree_area = left;
        layout.tree = tree::draw_pane(frame, app, left);
    }
    right_side::draw(frame, app, &mut layout, right);
    footer::draw(frame, app, footer);

    match app.mode() {
        Mode::Help => overlay::draw_help(frame, app, &mut layout),
        Mode::About => overlay::draw_about(frame, app, &mut layout),
        Mode::Compare => picker::draw(frame, app, &mut layout),
        Mode::SideBySide => overlay::draw_side_by_side(frame, app, &mut layout),
        Mode::Calc => super::widgets::calc::draw(frame, app, &mut layout),
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
