//! Boxes over the screen: help, about, and the side-by-side comparison.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::pane::wrapped_height;
use crate::kb::Urgency;
use crate::tui::app::{App, ViewLayout};
use crate::tui::compare;
use crate::tui::keymap::{Context, MOUSE_HELP};

fn legend(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let mut l = vec![Span::raw("  ")];
    for u in [Urgency::Emergency, Urgency::Urgent, Urgency::Routine] {
        l.push(Span::styled(u.symbol(), th.urgency(u)));
        l.push(Span::raw(format!(" {}   ", u.as_str())));
    }
    let mut lines = vec![
        Line::styled("Markers", th.heading()),
        Line::from(l),
        Line::from(vec![
            Span::raw("  "),
            Span::styled(super::detail::RED_FLAG, th.red_flag()),
            Span::raw(" act now   "),
            Span::styled(super::detail::DISTINGUISHING, th.distinguishing()),
            Span::raw(" distinguishing sign   "),
            Span::styled("matched", th.matched()),
            Span::raw(" search words"),
        ]),
        Line::raw(format!("  Results: {}", super::results::RESULTS_LEGEND)),
        Line::raw(format!("  {}", crate::labels::CLAIM_LEGEND)),
        Line::raw(format!("  {}", crate::labels::GUIDELINE_LEGEND)),
    ];
    if app.ascii {
        // The frame is transliterated: say what each ASCII mark stands for.
        lines.push(Line::styled("ASCII marks (one meaning each)", th.heading()));
        for (mark, meaning) in crate::tui::ascii::ASCII_MARKS {
            lines.push(Line::raw(format!("  {mark:<2} {meaning}")));
        }
        for (_, ascii, meaning) in crate::tui::ascii::MARKS {
            lines.push(Line::raw(format!("  {ascii:<2} {meaning}")));
        }
    }
    lines
}

/// The help text, generated from the key table.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let rows = app.keymap.help_rows();
    let kw = rows
        .iter()
        .map(|(_, k, _)| k.width())
        .chain(MOUSE_HELP.iter().map(|(k, _)| k.width()))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    let mut last: Option<Context> = None;
    for (ctx, keys, help) in rows {
        if last != Some(ctx) {
            if last.is_some() {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(ctx.title(), th.heading()));
            last = Some(ctx);
        }
        let pad = kw.saturating_sub(keys.width());
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(keys, th.key()),
            Span::raw(" ".repeat(pad + 2)),
            Span::raw(help),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse (unless --no-mouse)", th.heading()));
    for (k, help) in MOUSE_HELP {
        let pad = kw.saturating_sub(k.width());
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(*k, th.key()),
            Span::raw(" ".repeat(pad + 2)),
            Span::raw(*help),
        ]));
    }
    lines.push(Line::raw(""));
    lines.extend(legend(app));
    lines
}

pub fn about_lines(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let m = &app.kb.meta;
    let mut lines = vec![
        Line::styled(m.title.clone(), th.heading()),
        Line::from(vec![
            Span::styled("Knowledge base ", th.label()),
            Span::raw(format!(
                "v{} · {}",
                m.version,
                crate::labels::updated_label(&m.updated)
            )),
        ]),
        Line::from(vec![
            Span::styled("Program ", th.label()),
            Span::raw(format!("obddx {}", env!("CARGO_PKG_VERSION"))),
        ]),
        Line::from(format!(
            "{} causes in {} groups",
            app.kb.causes.len(),
            app.kb.groups.len()
        )),
        Line::raw(""),
        Line::styled("Disclaimer", th.warning()),
        Line::raw(m.disclaimer.clone()),
        Line::raw(""),
    ];
    if !app.kb.guidance.is_empty() {
        lines.push(Line::styled("General guidance", th.heading()));
        for n in &app.kb.guidance {
            lines.push(Line::from(format!(
                "• {}  {}",
                n.text,
                crate::labels::citation(&app.kb, &n.sources)
            )));
        }
        lines.push(Line::raw(""));
    }
    lines.extend([Line::styled(
        "Source documents (cited as id ¶paragraph)",
        th.heading(),
    )]);
    for d in app
        .kb
        .documents
        .iter()
        .filter(|d| d.layer == crate::kb::Layer::Source)
    {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", d.id), th.label()),
            Span::raw(d.title.clone()),
        ]));
        lines.push(Line::styled(
            format!("  {} · {} paragraphs", d.kind, d.paragraphs),
            th.dim(),
        ));
    }
    lines.push(Line::raw(""));
    let key = app
        .keymap
        .first_key(
            Context::Browse,
            crate::tui::action::Action::ToggleGuidelines,
        )
        .unwrap_or_default();
    match &app.guidelines {
        Some(layer) => {
            lines.push(Line::styled(
                format!(
                    "§ GUIDELINE safety layer: UK guidelines ({key} hides it; --documents-only)"
                ),
                th.warning(),
            ));
            lines.push(Line::raw(layer.notice.clone()));
            for d in app
                .kb
                .documents
                .iter()
                .filter(|d| d.layer == crate::kb::Layer::Guideline)
            {
                lines.push(Line::raw(crate::labels::document_line(d)));
            }
        }
        None => lines.push(Line::styled(
            format!(
                "{}: the § GUIDELINE safety layer is hidden ({key} shows it with the built-in KB)",
                crate::labels::LAYER_OFF
            ),
            th.warning(),
        )),
    }
    lines.push(Line::raw(""));
    lines.extend(legend(app));
    lines
}

/// The help box (keys of every mode, the legend, the mouse).
pub fn draw_help(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    draw_box(
        frame,
        app,
        layout,
        "Help — keys",
        help_lines(app),
        OverlaySize::Text,
    );
}

/// The about box.
pub fn draw_about(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    draw_box(
        frame,
        app,
        layout,
        "About",
        about_lines(app),
        OverlaySize::Text,
    );
}

/// The side-by-side comparison: a box over the whole screen (the columns want the width).
pub fn draw_side_by_side(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
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

/// A scrolling box of `lines`; records its area and scroll limit in `layout`.
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
        .title(super::fit::title(
            Span::styled(format!(" {title} "), app.theme.heading()),
            w,
        ))
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
