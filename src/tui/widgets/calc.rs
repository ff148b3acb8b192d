//! The calculators' box (`=`): the calculator tabs, its fields as typed, and the result with
//! the facts it applies, or why there is none. Reads [`CalcForm`]; the report's text is the
//! one `obddx calc` prints and `y` copies.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::pane::wrapped_height;
use crate::calc::line_text;
use crate::tui::app::{App, ModeState, ViewLayout};
use crate::tui::calc_form::{CalcForm, Calculator};

/// The box's lines for `form`.
pub fn lines(app: &App, form: &CalcForm) -> Vec<Line<'static>> {
    let th = app.theme;
    let mut tabs = vec![Span::raw(" ")];
    for c in Calculator::ALL {
        if c == form.calculator {
            tabs.push(Span::styled(format!("[{}]", c.name()), th.selection()));
        } else {
            tabs.push(Span::styled(format!(" {} ", c.name()), th.dim()));
        }
        tabs.push(Span::raw(" "));
    }
    let mut out = vec![Line::from(tabs), Line::raw("")];
    for (i, ((label, example), value)) in form
        .calculator
        .fields()
        .iter()
        .zip(form.values())
        .enumerate()
    {
        let focused = i == form.focus;
        let mut spans = vec![
            Span::raw(if focused { " ▶ " } else { "   " }),
            Span::styled(format!("{label}: "), th.label()),
        ];
        if value.is_empty() && !focused {
            spans.push(Span::styled(format!("e.g. {example}"), th.dim()));
        } else {
            spans.push(Span::raw(value.clone()));
            if focused {
                spans.push(Span::styled("▏", th.key()));
                if value.is_empty() {
                    spans.push(Span::styled(format!(" e.g. {example}"), th.dim()));
                }
            }
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    match &form.result {
        None => out.push(Line::styled(
            " Enter calculates. Each result cites the § GUIDELINE facts it applies.",
            th.dim(),
        )),
        Some(Err(message)) => {
            out.push(Line::styled(
                format!(" Not calculated: {message}"),
                th.warning(),
            ));
        }
        Some(Ok(report)) => {
            out.push(Line::styled(
                format!(" {}: {}", report.title, report.headline),
                th.heading(),
            ));
            for line in &report.lines {
                out.push(Line::raw(format!(" {}", line_text(line))));
            }
            out.push(Line::styled(" Facts applied:", th.label()));
            for fact in &report.facts {
                out.push(Line::raw(format!("   {}", fact.text())));
            }
            out.push(Line::styled(
                format!(" {}", report.local_protocols),
                th.warning(),
            ));
        }
    }
    out
}

/// Draws the box over the screen (the status line stays visible below it).
pub fn draw(frame: &mut Frame, app: &App, layout: &mut ViewLayout) {
    let ModeState::Calc(form) = &app.mode_state else {
        return;
    };
    let area = frame.area();
    let w = area.width.saturating_sub(2).min(100);
    let h = area.height.saturating_sub(2);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(super::fit::title(
            Span::styled(
                " Calculators · § GUIDELINE facts · local protocols govern ",
                app.theme.heading(),
            ),
            w,
        ))
        .title_bottom(
            Line::from(" ←→ calculator · Tab field · Enter · y copy · PgDn · Esc ").right_aligned(),
        );
    let inner = block.inner(r);
    let body = lines(app, form);
    let max = wrapped_height(&body, inner.width).saturating_sub(inner.height);
    layout.overlay_area = r;
    layout.overlay_max_scroll = max;
    frame.render_widget(
        Paragraph::new(body)
            .block(block)
            .style(Style::new())
            .wrap(Wrap { trim: false })
            .scroll((form.scroll.min(max), 0)),
        r,
    );
}
