//! The footer: the status line (message and key hints of the mode) and, while searching,
//! finding or entering a gestation, the line being typed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::keymap::Context;

/// The shortest screen that shows the ask-next questions.
pub const ASK_NEXT_MIN_ROWS: u16 = 20;

/// Rows the footer takes: the status line, and above it the line being typed, if any.
pub fn height(app: &App, screen_rows: u16) -> u16 {
    match app.mode() {
        // The ask-next questions sit above the search line, beside the differential (from
        // 20 rows: below that the results keep the room).
        Mode::Search if screen_rows >= ASK_NEXT_MIN_ROWS => 2 + app.ask_next.len() as u16,
        Mode::Search | Mode::WeekEntry | Mode::Find => 2,
        _ => 1,
    }
}

/// The ask-next rows: each question with its two answers and the keys that add them
/// ("Ask: Alt-1 yes Alt-q no  Is the os open? → open os / closed os"), the keys from the table so
/// that the rows follow a rebinding.
fn ask_next_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    app.ask_next
        .iter()
        .enumerate()
        .map(|(i, ask)| {
            let question = i as u8;
            let key = |present| {
                key_of(
                    app,
                    Context::Search,
                    Action::AskAnswer { question, present },
                )
            };
            let lead = if i == 0 { "Ask: " } else { "     " };
            let line = Line::from(vec![
                Span::styled(lead, th.heading()),
                Span::styled(key(true), th.key()),
                Span::raw(" yes "),
                Span::styled(key(false), th.key()),
                Span::raw(" no  "),
                Span::styled(ask.question.clone(), th.heading()),
                Span::styled(
                    format!(" → {} / {}", ask.if_present, ask.if_absent),
                    th.dim(),
                ),
            ]);
            super::fit::fit(line, width)
        })
        .collect()
}

fn hint(spans: &mut Vec<Span<'static>>, app: &App, key: String, what: &str) {
    if !spans.is_empty() {
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled(key, app.theme.key()));
    spans.push(Span::raw(format!(" {what}")));
}

/// A hint for each action, its first key in `ctx` (the hint follows a rebinding).
fn hint_keys(spans: &mut Vec<Span<'static>>, app: &App, ctx: Context, hints: &[(Action, &str)]) {
    for (action, what) in hints {
        hint(spans, app, key_of(app, ctx, action.clone()), what);
    }
}

fn key_of(app: &App, ctx: Context, a: Action) -> String {
    app.keymap.first_key(ctx, a).unwrap_or_default()
}

/// The first key of each action, joined ("1 2 3 0", "n N"), so the hint follows a rebinding;
/// empty when none is bound.
fn first_keys(app: &App, ctx: Context, actions: &[Action]) -> String {
    let keys: Vec<String> = actions
        .iter()
        .filter_map(|a| app.keymap.first_key(ctx, a.clone()))
        .collect();
    keys.join(" ")
}

/// The status line (a message, then the keys of the mode), with the line being typed above it
/// while searching, finding or entering a gestation.
pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
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
            hint(&mut spans, app, key_of(app, b, Action::Open), "open");
            if !app.history.is_empty() {
                hint(&mut spans, app, key_of(app, b, Action::Back), "back");
            }
            if !app.forward.is_empty() {
                hint(&mut spans, app, key_of(app, b, Action::Forward), "forward");
            }
            hint_keys(
                &mut spans,
                app,
                b,
                &[(Action::FocusNext, "pane"), (Action::SearchStart, "search")],
            );
            let trimester_keys = first_keys(
                app,
                b,
                &[
                    Action::FilterTrimester(Some(1)),
                    Action::FilterTrimester(Some(2)),
                    Action::FilterTrimester(Some(3)),
                    Action::FilterTrimester(None),
                ],
            );
            if !trimester_keys.is_empty() {
                hint(&mut spans, app, trimester_keys, "trimester");
            }
            hint(
                &mut spans,
                app,
                key_of(app, b, Action::WeekStart),
                "gestation",
            );
            if let Some(cause) = app.current_cause() {
                hint(&mut spans, app, key_of(app, b, Action::FindStart), "find");
                if app.find.is_active() {
                    let steps = first_keys(app, b, &[Action::FindNext, Action::FindPrev]);
                    hint(&mut spans, app, steps, "next/prev");
                }
                hint(&mut spans, app, key_of(app, b, Action::Copy), "copy note");
                if !app.kb.causes[cause].look_alikes.is_empty() {
                    hint(
                        &mut spans,
                        app,
                        key_of(app, b, Action::TellApart),
                        "tell apart",
                    );
                }
                let compare = if app.compared.is_empty() {
                    "compare"
                } else {
                    "compare with marked"
                };
                hint(
                    &mut spans,
                    app,
                    key_of(app, b, Action::CompareMark),
                    compare,
                );
            }
            if !app.input.value().is_empty() {
                hint(
                    &mut spans,
                    app,
                    key_of(app, b, Action::ClearSearch),
                    "clear search",
                );
            }
            hint(
                &mut spans,
                app,
                key_of(app, b, Action::ToggleAbout),
                "about",
            );
            // Help and quit always show: cut the hints before them, marked with "…".
            let mut tail = Vec::new();
            hint_keys(
                &mut tail,
                app,
                b,
                &[(Action::ToggleHelp, "help"), (Action::Quit, "quit")],
            );
            fit_before(&mut spans, tail, status.width as usize);
        }
        Mode::Confirm => {
            spans.push(Span::styled(
                "New patient? Clears the gestation, search, find, compare marks and history. "
                    .to_string(),
                th.warning(),
            ));
            let c = Context::Confirm;
            hint_keys(
                &mut spans,
                app,
                c,
                &[
                    (Action::ConfirmNewPatient, "yes"),
                    (Action::CloseOverlay, "no"),
                ],
            );
        }
        Mode::Search => {
            let s = Context::Search;
            let typing = if app.query_selected() {
                "a new query (replaces the selected one)"
            } else {
                "symptom/name/test/drug"
            };
            hint(&mut spans, app, "type".into(), typing);
            hint(&mut spans, app, "↑↓".into(), "choose");
            hint_keys(
                &mut spans,
                app,
                s,
                &[
                    (Action::SearchAccept, "open"),
                    (Action::SearchCancel, "back"),
                ],
            );
            hint(
                &mut spans,
                app,
                key_of(app, Context::Global, Action::Quit),
                "quit",
            );
            let asks = ask_next_lines(app, usize::from(area.width));
            let ask_rows = area.height.saturating_sub(2);
            frame.render_widget(
                Paragraph::new(asks),
                Rect::new(area.x, area.y, area.width, ask_rows),
            );
            let input_area = Rect::new(area.x, area.y + ask_rows, area.width, 1);
            draw_input(frame, app, input_area);
        }
        Mode::Find => {
            let f = Context::Find;
            hint_keys(
                &mut spans,
                app,
                f,
                &[
                    (Action::FindNext, "next"),
                    (Action::FindAccept, "keep"),
                    (Action::FindCancel, "close"),
                ],
            );
            let prompt = Span::styled("Find in this cause: ", th.heading());
            draw_prompt_line(frame, area, prompt, app.find.input.value());
        }
        Mode::WeekEntry => {
            let w = Context::Week;
            hint_keys(
                &mut spans,
                app,
                w,
                &[
                    (Action::WeekAccept, "apply"),
                    (Action::WeekCancel, "cancel"),
                ],
            );
            let prompt = Span::styled(
                "Gestation (32+4, 7w, 32/40, lmp/edd DATE, 14/10/2026): ",
                th.heading(),
            );
            draw_prompt_line(frame, area, prompt, app.week_input());
        }
        Mode::Compare => {
            let p = Context::Compare;
            hint(&mut spans, app, "↑↓".into(), "choose");
            hint_keys(
                &mut spans,
                app,
                p,
                &[
                    (Action::Open, "jump"),
                    (Action::CloseOverlay, "close"),
                    (Action::Quit, "quit"),
                ],
            );
        }
        Mode::SideBySide => {
            let s = Context::SideBySide;
            hint(&mut spans, app, "↑↓".into(), "scroll");
            hint_keys(
                &mut spans,
                app,
                s,
                &[
                    (Action::Copy, "copy"),
                    (Action::CloseOverlay, "close"),
                    (Action::Quit, "quit"),
                ],
            );
        }
        Mode::Calc => {
            let c = Context::Calc;
            hint(&mut spans, app, "←→".into(), "calculator");
            hint_keys(
                &mut spans,
                app,
                c,
                &[
                    (Action::CalcNextField, "field"),
                    (Action::CalcRun, "calculate"),
                    (Action::Copy, "copy"),
                    (Action::CloseOverlay, "close"),
                ],
            );
        }
        Mode::Help | Mode::About => {
            let o = Context::Overlay;
            hint(&mut spans, app, "↑↓".into(), "scroll");
            hint_keys(
                &mut spans,
                app,
                o,
                &[(Action::CloseOverlay, "close"), (Action::Quit, "quit")],
            );
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
            let (cut, _) = super::fit::take_columns(&first.content, room.saturating_sub(1));
            first.content = cut.to_string().into();
        }
        spans.push(Span::raw("…"));
    }
    spans.push(Span::raw("  "));
    spans.extend(tail);
}

/// A prompt and the text typed after it, on the first row of `area`, the cursor at its end.
fn draw_prompt_line(frame: &mut Frame, area: Rect, prompt: Span<'static>, typed: &str) {
    let line = Line::from(vec![prompt, Span::raw(typed.to_string())]);
    let x = area.x + (line.width() as u16).min(area.width.saturating_sub(1));
    frame.render_widget(
        Paragraph::new(line),
        Rect::new(area.x, area.y, area.width, 1),
    );
    frame.set_cursor_position((x, area.y));
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
    // The previous query shows selected: the first character typed replaces it.
    let style = if app.query_selected() {
        app.theme.selection()
    } else {
        ratatui::style::Style::new()
    };
    frame.render_widget(
        Paragraph::new(Span::styled(app.input.value().to_string(), style))
            .scroll((0, scroll as u16)),
        text_area,
    );
    let cx = app.input.visual_cursor().saturating_sub(scroll) as u16;
    frame.set_cursor_position((
        text_area.x + cx.min(text_area.width.saturating_sub(1)),
        area.y,
    ));
}
