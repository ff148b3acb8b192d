//! Help and About overlays.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::kb::Urgency;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context, MOUSE_HELP};

fn legend(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let mut l = vec![Span::raw("  ")];
    for u in [Urgency::Emergency, Urgency::Urgent, Urgency::Routine] {
        l.push(Span::styled(u.symbol(), th.urgency(u)));
        l.push(Span::raw(format!(" {}   ", u.as_str())));
    }
    vec![
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
    ]
}

/// The help text, generated from the key table.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let th = app.theme;
    let rows = keymap::help_rows();
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
    match &app.guidelines {
        Some(layer) => {
            lines.push(Line::styled(
                "§ GUIDELINE safety layer: UK guidelines (d hides it; --documents-only)",
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
            "Documents only: the § GUIDELINE safety layer is hidden (d shows it with the built-in KB)",
            th.warning(),
        )),
    }
    lines.push(Line::raw(""));
    lines.extend(legend(app));
    lines
}
