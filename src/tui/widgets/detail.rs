//! Text of the right-hand side: the cause header, its four panes, and the overview shown
//! when a trimester or group is selected.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::highlight::Highlighter;
use crate::kb::{Cite, Claim, Stage};
use crate::search::Field;
use crate::tui::action::{Action, Pane};
use crate::tui::app::{ANY_TIME, App, NodeId};
use crate::tui::keymap::{Context, first_key};
use crate::tui::text;

pub const RED_FLAG: &str = "⚑ RED FLAG";
pub const DISTINGUISHING: &str = "◆";

/// "articles ¶5, 6; qa ¶2"
pub fn cites_short(cites: &[Cite]) -> String {
    text::cites(cites)
}

fn stage_text(app: &App, stage: &Stage) -> String {
    text::stage_text(&app.kb, stage)
}

pub fn header_lines(app: &App, c: usize, hl: &Highlighter) -> Vec<Line<'static>> {
    let th = app.theme;
    let cause = &app.kb.causes[c];
    let u = cause.urgency;
    let hls = th.matched();
    let mut lines = Vec::new();

    let mut first = vec![Span::styled(text::urgency_tag(u), th.urgency(u))];
    first.push(Span::raw("  "));
    first.extend(hl.spans(Field::Name, 0, &cause.name, th.heading(), hls));
    lines.push(Line::from(first));
    // What to do now comes second, so it survives a short terminal.
    lines.push(Line::from(vec![
        Span::styled("NOW ▶ ", th.action(u)),
        Span::styled(cause.action.clone(), th.action(u)),
    ]));
    let mut summary = vec![];
    summary.extend(hl.spans(Field::Summary, 0, &cause.summary, Style::new(), hls));
    lines.push(Line::from(summary));

    let mut when = vec![
        Span::styled("When: ", th.label()),
        Span::raw(stage_text(app, &cause.stage)),
    ];
    if let Some(w) = cause.weeks {
        when.push(Span::raw(format!(" · weeks {}–{}", w.from, w.to)));
    }
    if let Some(g) = app.kb.group(&cause.group) {
        when.push(Span::raw(format!(" · {}", g.name)));
    }
    lines.push(Line::from(when));

    if !cause.aliases.is_empty() {
        let mut l = vec![Span::styled("Also: ", th.label())];
        for (i, a) in cause.aliases.iter().enumerate() {
            if i > 0 {
                l.push(Span::raw(", "));
            }
            l.extend(hl.spans(Field::Alias, i, a, Style::new(), hls));
        }
        lines.push(Line::from(l));
    }

    if !cause.look_alikes.is_empty() {
        let names: Vec<String> = cause
            .look_alikes
            .iter()
            .map(|id| {
                app.kb.cause(id).map_or_else(
                    || id.clone(),
                    |x| format!("{} {}", x.urgency.symbol(), x.name),
                )
            })
            .collect();
        let mut l = vec![
            Span::styled("Tell apart from: ", th.label()),
            Span::raw(names.join(", ")),
        ];
        if let Some(key) = first_key(Context::Browse, Action::TellApart) {
            l.push(Span::styled(format!(" ({key} to compare)"), th.dim()));
        }
        lines.push(Line::from(l));
    }
    lines
}

fn cite_span(app: &App, cites: &[Cite]) -> Span<'static> {
    Span::styled(format!("  {}", text::citation(cites)), app.theme.dim())
}

/// Ends an item's line: its citation, then its claim status unless plainly supported; a
/// disputed item gets the other statement, cited, on the next line.
fn end_item(
    app: &App,
    lines: &mut Vec<Line<'static>>,
    mut l: Vec<Span<'static>>,
    cites: &[Cite],
    claim: &Claim,
) {
    l.push(cite_span(app, cites));
    if !claim.is_supported() {
        l.push(Span::styled(
            format!(" {}", text::claim_tag(claim, app.ascii)),
            app.theme.warning(),
        ));
    }
    lines.push(Line::from(l));
    if let Some(d) = text::dispute_line(claim) {
        lines.push(Line::styled(format!("    {d}"), app.theme.dim()));
    }
}

pub fn pane_lines(app: &App, pane: Pane, c: usize, hl: &Highlighter) -> Vec<Line<'static>> {
    let th = app.theme;
    let hls = th.matched();
    let cause = &app.kb.causes[c];
    let mut lines = Vec::new();
    match pane {
        Pane::Tree => {}
        Pane::Signs => {
            // Red flags first, then the rest, each group in KB order.
            let mut order: Vec<usize> = (0..cause.signs.len()).collect();
            order.sort_by_key(|&i| !cause.signs[i].red_flag);
            for i in order {
                let s = &cause.signs[i];
                let mut l = Vec::new();
                if s.red_flag {
                    l.push(Span::styled(RED_FLAG, th.red_flag()));
                    l.push(Span::raw(" "));
                } else {
                    l.push(Span::raw("• "));
                }
                if s.distinguishing {
                    l.push(Span::styled(DISTINGUISHING, th.distinguishing()));
                    l.push(Span::raw(" "));
                }
                let base = if s.red_flag {
                    th.heading()
                } else {
                    Style::new()
                };
                l.extend(hl.spans(Field::Sign, i, &s.text, base, hls));
                end_item(app, &mut lines, l, &s.sources, &s.claim);
            }
            if cause.signs.is_empty() {
                lines.push(Line::styled("No signs listed.", th.dim()));
            }
            if !cause.risk_factors.is_empty() {
                lines.push(Line::styled("Risk factors", th.heading()));
                for (i, r) in cause.risk_factors.iter().enumerate() {
                    let mut l = vec![Span::raw("• ")];
                    l.extend(hl.spans(Field::RiskFactor, i, &r.text, Style::new(), hls));
                    end_item(app, &mut lines, l, &r.sources, &r.claim);
                }
            }
            if !cause.complications.is_empty() {
                lines.push(Line::styled("Complications", th.heading()));
                for n in &cause.complications {
                    let l = vec![Span::raw("• "), Span::raw(n.text.clone())];
                    end_item(app, &mut lines, l, &n.sources, &n.claim);
                }
            }
            if cause.signs.iter().any(|s| s.red_flag || s.distinguishing) {
                lines.push(Line::styled(
                    format!(
                        "{RED_FLAG}: act now · {DISTINGUISHING} tells it apart from look-alikes"
                    ),
                    th.dim(),
                ));
            }
        }
        Pane::Diagnostics => {
            for (i, d) in cause.diagnostics.iter().enumerate() {
                let mut l = vec![Span::raw("• ")];
                if d.kind.label() != d.test {
                    l.push(Span::styled(format!("{}: ", d.kind.label()), th.label()));
                }
                l.extend(hl.spans(Field::Diagnostic, i, &d.test, th.heading(), hls));
                l.push(Span::raw(" — "));
                l.extend(hl.spans(Field::Diagnostic, i, &d.finding, Style::new(), hls));
                end_item(app, &mut lines, l, &d.sources, &d.claim);
            }
            if cause.diagnostics.is_empty() {
                lines.push(Line::styled("No tests listed.", th.dim()));
            }
        }
        Pane::Treatment => {
            for (i, t) in cause.treatments.iter().enumerate() {
                let mut l = vec![
                    Span::raw("• "),
                    Span::styled(format!("{}: ", t.kind.label()), th.label()),
                ];
                l.extend(hl.spans(Field::Treatment, i, &t.class, th.heading(), hls));
                if !t.examples.is_empty() {
                    l.push(Span::raw(" — "));
                    for (j, e) in t.examples.iter().enumerate() {
                        if j > 0 {
                            l.push(Span::raw(", "));
                        }
                        l.extend(hl.spans(Field::Treatment, i, e, Style::new(), hls));
                    }
                }
                if let Some(w) = &t.when {
                    l.push(Span::styled(" · when: ", th.label()));
                    l.extend(hl.spans(Field::Treatment, i, w, Style::new(), hls));
                }
                end_item(app, &mut lines, l, &t.sources, &t.claim);
                if let Some(n) = &t.editor_note {
                    lines.push(Line::from(vec![
                        Span::styled(format!("    {}: ", text::EDITOR_NOTE), th.label()),
                        Span::styled(n.clone(), th.dim()),
                    ]));
                }
            }
            if cause.treatments.is_empty() {
                lines.push(Line::styled("No treatment listed.", th.dim()));
            }
        }
        Pane::Sources => {
            // Every paragraph this cause cites, per document, in document order.
            for (doc, paras) in app.kb.paragraphs_cited_by(cause) {
                let p: Vec<String> = paras.iter().map(u32::to_string).collect();
                lines.push(Line::from(vec![
                    Span::styled(format!("{}: ", doc.id), th.label()),
                    Span::raw(doc.title.clone()),
                ]));
                lines.push(Line::from(format!("  ¶ {}", p.join(", "))));
            }
            lines.push(Line::styled(
                format!("Overview cites {}", cites_short(&cause.sources)),
                th.dim(),
            ));
        }
    }
    lines
}

/// What the right side shows for a trimester or group: its causes, most urgent first.
pub fn overview_lines(app: &App, path: &[NodeId]) -> Vec<Line<'static>> {
    let th = app.theme;
    let mut lines = Vec::new();
    let Some(NodeId::Stage(stage)) = path.first() else {
        return lines;
    };
    let group = path.get(1).and_then(|g| match g {
        NodeId::Group(g) => Some(*g),
        _ => None,
    });
    let mut title = app.stage_label(*stage);
    if let Some(g) = group {
        title = format!("{title} › {}", app.group_name(g));
    }
    lines.push(Line::styled(title, th.heading()));
    let mut causes: Vec<usize> = app
        .stage_contents(*stage)
        .iter()
        .filter(|g| group.is_none_or(|x| x == g.group))
        .flat_map(|g| g.causes.iter().copied())
        .collect();
    causes.sort_by_key(|&c| app.kb.causes[c].urgency);
    if causes.is_empty() {
        lines.push(Line::styled("No causes listed here.", th.dim()));
    } else {
        lines.push(Line::styled(
            format!(
                "{} causes, most urgent first — Enter/→ to open",
                causes.len()
            ),
            th.dim(),
        ));
    }
    for c in causes {
        let cause = &app.kb.causes[c];
        let mut l = app.cause_line(c);
        l.spans.push(Span::raw(" — "));
        l.spans
            .push(Span::styled(cause.action.clone(), th.action(cause.urgency)));
        lines.push(l);
    }
    if *stage == ANY_TIME && path.len() == 1 {
        lines.push(Line::styled(
            "Causes that can occur in any trimester are listed here once.",
            th.dim(),
        ));
    }
    if path.len() == 1 && !app.kb.guidance.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("General guidance (all stages)", th.heading()));
        for n in &app.kb.guidance {
            lines.push(Line::from(vec![
                Span::raw("• "),
                Span::raw(n.text.clone()),
                cite_span(app, &n.sources),
            ]));
        }
    }
    lines
}
