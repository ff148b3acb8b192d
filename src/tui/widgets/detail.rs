//! Text of the right-hand side: the cause header, its four panes, and the overview shown
//! when a trimester or group is selected.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::kb::{Basis, Cite, Claim, GuidelineCite, GuidelineStage, NoteKind, Stage};
use crate::labels;
use crate::search::Field;
use crate::tui::action::{Action, Pane};
use crate::tui::app::App;
use crate::tui::highlight::Highlighter;
use crate::tui::keymap::Context;
use crate::tui::tree::{ANY_TIME, NodeId};

pub const RED_FLAG: &str = "⚑ RED FLAG";
pub const DISTINGUISHING: &str = "◆";

pub fn header_lines(app: &App, c: usize, hl: &Highlighter) -> Vec<Line<'static>> {
    let th = app.theme;
    let cause = &app.kb.causes[c];
    let u = cause.urgency;
    let hls = th.matched();
    let mut lines = Vec::new();

    let basis = app.kb.cause_basis(cause);
    let mut first = vec![Span::styled(labels::urgency_tag(u), th.urgency(u))];
    first.push(Span::raw("  "));
    if basis == Basis::Guideline {
        first.push(Span::styled(labels::basis_prefix(basis), th.warning()));
    }
    first.extend(hl.spans(Field::Name, 0, &cause.name, th.heading(), hls));
    lines.push(Line::from(first));
    // What the clinician does first comes next, so it is on the first screen at 80×24; then
    // the documents' advice to the patient, labelled as theirs.
    let do_now = app.shown().do_now(cause);
    let local_first = app.local.is_some() && app.local_notes(c).iter().any(|n| n.do_now);
    if !do_now.is_empty() || local_first {
        lines.push(Line::styled(labels::DO_NOW_SHORT, th.warning()));
        // The unit's first steps lead, marked local with the site.
        if let Some(local) = &app.local {
            for n in app.local_notes(c).into_iter().filter(|n| n.do_now) {
                lines.push(local_note_line(app, local, n));
            }
        }
        for line in &do_now {
            lines.push(Line::from(vec![
                Span::styled("▶ ", th.warning()),
                Span::styled(line.text.clone(), th.action(u)),
                Span::styled(
                    format!(
                        " {} {}",
                        labels::fact_and_strength(&line.fact, Some(line.strength)),
                        labels::guideline_citation(&line.sources)
                    ),
                    th.dim(),
                ),
            ]));
        }
    }
    lines.push(Line::from(vec![
        Span::styled(format!("{} ▶ ", labels::action_label(basis)), th.action(u)),
        Span::styled(cause.action.clone(), th.action(u)),
    ]));
    let notes = app.cause_notes(&cause.id);
    if !notes.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(labels::GUIDELINE_MARK, th.warning()),
            Span::raw(format!(
                " {} safety-layer note(s) for the clinician (guidelines and references; local protocols govern) — all in {}",
                notes.len(),
                Pane::Diagnostics.short_title()
            )),
        ]));
    }
    if let Some(marker) = labels::claim_marker(&app.kb, &cause.claim, &cause.sources) {
        lines.push(Line::styled(marker, th.label()));
    }
    if let Claim::Disputed(d) = &cause.claim {
        lines.push(Line::styled(labels::dispute_line(&app.kb, d), th.label()));
    }
    let mut summary = vec![];
    summary.extend(hl.spans(Field::Summary, 0, &cause.summary, Style::new(), hls));
    lines.push(Line::from(summary));

    let mut when = vec![
        Span::styled("When: ", th.label()),
        Span::raw(labels::stage_names(&app.kb, &cause.stage)),
    ];
    if cause.stage == Stage::Unstated {
        when.push(Span::raw(" (shown at every stage)"));
    }
    if cause.weeks.is_some() {
        when.push(Span::raw(labels::cause_weeks_suffix(cause)));
    }
    if let Some(g) = app.kb.group(&cause.group) {
        when.push(Span::raw(format!(" · {}", g.name)));
    }
    lines.push(Line::from(when));
    for said in [
        labels::weeks_derivation_line(cause),
        labels::urgency_basis_line(cause),
    ]
    .into_iter()
    .flatten()
    {
        lines.push(Line::styled(said, th.label()));
    }

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
        if let Some(key) = app.keymap.first_key(Context::Browse, Action::TellApart) {
            l.push(Span::styled(format!(" ({key} to compare)"), th.dim()));
        }
        lines.push(Line::from(l));
    }
    lines
}

fn cite_span(app: &App, cites: &[Cite]) -> Span<'static> {
    Span::styled(
        format!("  {}", labels::citation(&app.kb, cites)),
        app.theme.dim(),
    )
}

/// The marks before an item's text: the guideline marker for guideline items, with the fact and
/// its strength in words where the safety layer put the item there, then its claim status (none
/// for a supported item). Symbol and word, never colour alone.
fn item_marks(
    app: &App,
    claim: &Claim,
    sources: &[Cite],
    fact: Option<&crate::kb::LayerFact>,
) -> Vec<Span<'static>> {
    let th = app.theme;
    let mut marks = Vec::new();
    let basis = app.kb.basis_of(sources);
    if basis == Basis::Guideline {
        marks.push(Span::styled(labels::basis_prefix(basis), th.warning()));
    }
    if let Some(f) = fact {
        marks.push(Span::styled(
            format!("{} · ", labels::layer_fact_tag(f)),
            th.warning(),
        ));
    }
    if let Some(m) = labels::claim_marker(&app.kb, claim, sources) {
        marks.push(Span::styled(format!("{m} · "), th.label()));
    }
    marks
}

/// Lines under an item: the other side of a disagreement, an editor's note.
fn item_notes(app: &App, claim: &Claim, editor_note: Option<&str>) -> Vec<Line<'static>> {
    let th = app.theme;
    let mut lines = Vec::new();
    if let Claim::Disputed(d) = claim {
        lines.push(Line::styled(
            format!("    {}", labels::dispute_line(&app.kb, d)),
            th.label(),
        ));
    }
    if let Some(n) = editor_note {
        lines.push(Line::styled(
            format!("    {}", labels::editor_note(n)),
            th.dim(),
        ));
    }
    lines
}

/// A note of the unit's local protocol: "[LOCAL PROTOCOL (site, v1) · first step] text …".
fn local_note_line(
    app: &App,
    local: &crate::kb::LocalLayer,
    note: &crate::kb::LocalNote,
) -> Line<'static> {
    let line = labels::local_note_line(local, note);
    let (mark, text) = line.split_once("] ").unwrap_or(("", &line));
    Line::from(vec![
        Span::styled(format!("{mark}] "), app.theme.warning()),
        Span::raw(text.to_string()),
    ])
}

/// A guideline note (on a cause or a stage): "§ GUIDELINE G4 · clinician action: " in the
/// warning style, its text, and its citation dimmed.
fn guideline_note_line(
    app: &App,
    fact: &str,
    kind: NoteKind,
    text: &str,
    sources: &[GuidelineCite],
) -> Line<'static> {
    let th = app.theme;
    Line::from(vec![
        Span::styled(
            labels::guideline_note_prefix(
                fact,
                app.guidelines.as_ref().and_then(|g| g.strength_of(fact)),
                kind,
            ),
            th.warning(),
        ),
        Span::raw(text.to_string()),
        Span::styled(
            format!("  {}", labels::guideline_citation(sources)),
            th.dim(),
        ),
    ])
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
                l.extend(item_marks(app, &s.claim, &s.sources, s.fact.as_ref()));
                let base = if s.red_flag {
                    th.heading()
                } else {
                    Style::new()
                };
                l.extend(hl.spans(Field::Sign, i, &s.text, base, hls));
                l.push(cite_span(app, &s.sources));
                lines.push(Line::from(l));
                lines.extend(item_notes(app, &s.claim, None));
            }
            if cause.signs.is_empty() {
                lines.push(Line::styled("No signs listed.", th.dim()));
            }
            if !cause.risk_factors.is_empty() {
                lines.push(Line::styled("Risk factors", th.heading()));
                for (i, r) in cause.risk_factors.iter().enumerate() {
                    let mut l = vec![Span::raw("• ")];
                    l.extend(item_marks(app, &r.claim, &r.sources, r.fact.as_ref()));
                    l.extend(hl.spans(Field::RiskFactor, i, &r.text, Style::new(), hls));
                    l.push(cite_span(app, &r.sources));
                    lines.push(Line::from(l));
                    lines.extend(item_notes(app, &r.claim, None));
                }
            }
            if !cause.complications.is_empty() {
                lines.push(Line::styled("Complications and outcomes", th.heading()));
                for n in &cause.complications {
                    let mut l = vec![Span::raw("• ")];
                    l.extend(item_marks(app, &n.claim, &n.sources, None));
                    l.push(Span::raw(n.text.clone()));
                    l.push(cite_span(app, &n.sources));
                    lines.push(Line::from(l));
                    lines.extend(item_notes(app, &n.claim, None));
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
            if let Some(local) = &app.local {
                for n in app.local_notes(c).into_iter().filter(|n| !n.do_now) {
                    lines.push(local_note_line(app, local, n));
                }
            }
            let notes = app.cause_notes(&cause.id);
            if !notes.is_empty() {
                lines.push(Line::styled(labels::GUIDELINE_NOTES, th.warning()));
                for n in notes {
                    lines.push(guideline_note_line(
                        app, &n.fact, n.kind, &n.text, &n.sources,
                    ));
                }
                lines.push(Line::styled("From the documents", th.heading()));
            }
            for (i, d) in cause.diagnostics.iter().enumerate() {
                let mut l = vec![Span::raw("• ")];
                l.extend(item_marks(app, &d.claim, &d.sources, d.fact.as_ref()));
                if d.kind.label() != d.test {
                    l.push(Span::styled(format!("{}: ", d.kind.label()), th.label()));
                }
                l.extend(hl.spans(Field::Diagnostic, i, &d.test, th.heading(), hls));
                l.push(Span::raw(" — "));
                l.extend(hl.spans(Field::Diagnostic, i, &d.finding, Style::new(), hls));
                l.push(cite_span(app, &d.sources));
                lines.push(Line::from(l));
                lines.extend(item_notes(app, &d.claim, None));
            }
            if cause.diagnostics.is_empty() {
                lines.push(Line::styled("No tests listed.", th.dim()));
            }
        }
        Pane::Treatment => {
            for (i, t) in cause.treatments.iter().enumerate() {
                let mut l = vec![Span::raw("• ")];
                l.extend(item_marks(app, &t.claim, &t.sources, None));
                l.push(Span::styled(format!("{}: ", t.kind.label()), th.label()));
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
                l.push(cite_span(app, &t.sources));
                lines.push(Line::from(l));
                lines.extend(item_notes(app, &t.claim, t.editor_note.as_deref()));
            }
            if cause.treatments.is_empty() {
                lines.push(Line::styled(
                    "The documents give no specific treatment.",
                    th.dim(),
                ));
            }
        }
        Pane::Sources => {
            // Every paragraph this cause cites, per document, in document order.
            for (doc, paras) in app.kb.paragraphs_cited_by(cause) {
                lines.push(Line::raw(labels::document_line(doc)));
                if doc.layer == crate::kb::Layer::Source {
                    let p: Vec<String> = paras.iter().map(u32::to_string).collect();
                    lines.push(Line::from(format!("  ¶ {}", p.join(", "))));
                }
            }
            lines.push(Line::styled(
                format!("Overview cites {}", labels::source_cites(&cause.sources)),
                th.dim(),
            ));
        }
    }
    lines
}

/// A cause's overview line: urgency and name, then what the documents advise.
fn cause_with_action(app: &App, c: usize) -> Line<'static> {
    let cause = &app.kb.causes[c];
    let mut line = app.cause_line(c);
    line.spans.push(Span::raw(" — "));
    line.spans.push(Span::styled(
        cause.action.clone(),
        app.theme.action(cause.urgency),
    ));
    line
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
    lines.extend(causes.into_iter().map(|c| cause_with_action(app, c)));
    if *stage == ANY_TIME && path.len() == 1 {
        lines.push(Line::styled(
            "Causes that can occur in any trimester are listed here once.",
            th.dim(),
        ));
    }
    // A trimester's overview is the differential for that stage: the causes of any time (or of
    // no stated stage, missed pregnancy and mole among them) belong to it too.
    if *stage != ANY_TIME && path.len() == 1 {
        let mut also: Vec<usize> = app
            .stage_contents(ANY_TIME)
            .iter()
            .flat_map(|g| g.causes.iter().copied())
            .collect();
        also.sort_by_key(|&c| app.kb.causes[c].urgency);
        if !also.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Also possible at this stage — {} ({}):",
                    app.stage_label(ANY_TIME).to_lowercase(),
                    also.len()
                ),
                th.heading(),
            ));
            lines.extend(also.into_iter().map(|c| cause_with_action(app, c)));
        }
    }
    if path.len() == 1 {
        let stages = [GuidelineStage::EarlyPregnancy, GuidelineStage::From24Weeks];
        for stage in stages
            .into_iter()
            .filter(|s| *stage == ANY_TIME || s.touches_trimester(*stage))
        {
            let notes = app.stage_notes(stage);
            if notes.is_empty() {
                continue;
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "{} {} (guidelines and clinical references; local protocols govern)",
                    labels::GUIDELINE_MARK,
                    labels::guideline_stage_label(stage)
                ),
                th.warning(),
            ));
            for n in notes {
                lines.push(guideline_note_line(
                    app, &n.fact, n.kind, &n.text, &n.sources,
                ));
            }
        }
    }
    if path.len() == 1 && !app.kb.guidance.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("General guidance (all stages)", th.heading()));
        for n in &app.kb.guidance {
            let mut l = vec![Span::raw("• ")];
            l.extend(item_marks(app, &n.claim, &n.sources, None));
            l.push(Span::raw(n.text.clone()));
            l.push(cite_span(app, &n.sources));
            lines.push(Line::from(l));
        }
    }
    lines
}
