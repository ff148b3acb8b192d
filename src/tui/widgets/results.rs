//! The search result list (left pane while searching): rank, urgency, name, top match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::fit::fit;
use super::pane;
use crate::kb::Cause;
use crate::search::{Confidence, Field, Hit, Match};
use crate::tui::app::App;
use crate::tui::highlight::{clean_ranges, split};
use crate::tui::scroll::scroll_to_show;

pub fn field_label(f: Field) -> &'static str {
    match f {
        Field::Name => "name",
        Field::Alias => "alias",
        Field::Summary => "summary",
        Field::Sign => "sign",
        Field::RiskFactor => "risk",
        Field::Diagnostic => "test",
        Field::Treatment => "treatment",
        Field::Local => "local",
        Field::GuidelineNote => "guideline note",
    }
}

/// The matched item, trimmed to start a little before the first match so it is visible.
fn snippet(m: &Match, app: &App) -> Vec<Span<'static>> {
    let ranges = clean_ranges(&m.text, &m.ranges);
    let start_byte = ranges.first().map_or(0, |r| r.start);
    // Back up at most 12 chars before the match, on a char boundary.
    let before: Vec<usize> = m.text[..start_byte]
        .char_indices()
        .map(|(i, _)| i)
        .collect();
    let cut = if before.len() > 12 {
        before[before.len() - 12]
    } else {
        0
    };
    let text = &m.text[cut..];
    let shifted: Vec<_> = ranges.iter().map(|r| r.start - cut..r.end - cut).collect();
    let mut spans = Vec::new();
    if cut > 0 {
        spans.push(Span::raw("…"));
    }
    spans.extend(split(text, &shifted, Style::new(), app.theme.matched()));
    spans
}

/// The confidence mark beside the rank: words' symbols, never colour alone.
pub fn confidence_mark(c: Confidence) -> &'static str {
    match c {
        Confidence::Strong => "✓✓",
        Confidence::Moderate => "✓ ",
        Confidence::Weak => "~ ",
    }
}

/// Legend for [`confidence_mark`] and the pinned rows.
pub const RESULTS_LEGEND: &str = "✓✓ strong · ✓ moderate · ~ weak (generic words only) · ⚑ must not miss at this stage · § UK guideline safety layer";

/// The urgency symbol of a result row, then the guideline marker if the cause is from the
/// guideline layer.
fn urgency_and_basis(app: &App, cause: &Cause) -> Vec<Span<'static>> {
    let th = app.theme;
    let mut spans = vec![Span::styled(
        format!("{:<2} ", cause.urgency.symbol()),
        th.urgency(cause.urgency),
    )];
    // The symbol alone ("§ ", explained in the legend): a row has no room for the word.
    if app.kb.cause_basis(cause) == crate::kb::Basis::Guideline {
        spans.push(Span::styled("§ ", th.warning()));
    }
    spans
}

/// A pinned must-not-miss row: an emergency of the stated stage the ranking does not show.
fn pinned_line(app: &App, hit: &Hit, why: &str) -> Line<'static> {
    let th = app.theme;
    let cause = &app.kb.causes[hit.cause];
    // "⚑" is explained by the legend and the list's title ("⚑ must not miss"): the row keeps
    // its columns for the cause's name.
    let mut spans = vec![Span::styled("⚑  ", th.red_flag())];
    spans.extend(urgency_and_basis(app, cause));
    spans.push(Span::styled(cause.name.clone(), th.heading()));
    spans.push(Span::styled(format!(" — {why}"), th.dim()));
    Line::from(spans)
}

pub fn result_line(app: &App, rank: usize, hit: &Hit) -> Line<'static> {
    let th = app.theme;
    let cause = &app.kb.causes[hit.cause];
    let scored = hit.score > 0.0;
    let mark = if scored {
        confidence_mark(hit.confidence)
    } else {
        "  "
    };
    let mut spans = vec![
        Span::styled(format!("{rank:>2}. "), th.dim()),
        Span::styled(format!("{mark} "), th.label()),
    ];
    spans.extend(urgency_and_basis(app, cause));
    let top = hit.matches.first();
    match top {
        Some(m) if m.field == Field::Name => {
            spans.extend(split(
                &cause.name,
                &clean_ranges(&cause.name, &m.ranges),
                Style::new(),
                th.matched(),
            ));
        }
        _ => spans.push(Span::raw(cause.name.clone())),
    }
    if let Some(m) = top.filter(|m| m.field != Field::Name) {
        spans.push(Span::styled(
            format!(" — {}: ", field_label(m.field)),
            th.dim(),
        ));
        spans.extend(snippet(m, app));
    }
    if let Some(why) = crate::labels::findings_summary(&hit.findings) {
        spans.push(Span::styled(format!(" · {why}"), th.dim()));
    }
    Line::from(spans)
}

/// The result list of `app` in its titled pane (counts and the stage searched for); returns
/// the offset used (see [`draw`]).
pub fn draw_pane(frame: &mut Frame, app: &App, area: Rect, offset: usize) -> usize {
    let block = pane::block(
        app,
        format!(
            "Results {}{} · {}",
            app.results.len() - app.pinned_why.len(),
            if app.pinned_why.is_empty() {
                String::new()
            } else {
                format!("+⚑{}", app.pinned_why.len())
            },
            app.search_stage_short()
        ),
        true,
        area.width,
    );
    draw(frame, app, area, block, offset)
}

/// Draws the list scrolled from the last frame's `offset` just enough to show the selected
/// result; returns the offset used.
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    block: Block<'static>,
    offset: usize,
) -> usize {
    let inner = block.inner(area);
    let h = inner.height as usize;
    let sel = app.result_sel;
    let off = scroll_to_show(offset, sel, h).min(app.results.len().saturating_sub(h.max(1)));

    let mut lines: Vec<Line> = app
        .results
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, hit)| {
            let pinned_at = app.results.len() - app.pinned_why.len();
            let l = fit(
                if app.is_pinned(i) {
                    pinned_line(app, hit, &app.pinned_why[i - pinned_at])
                } else if hit.score > 0.0 && hit.confidence == Confidence::Weak {
                    result_line(app, i + 1, hit).patch_style(app.theme.dim())
                } else {
                    result_line(app, i + 1, hit)
                },
                usize::from(inner.width),
            );
            if i == sel {
                l.patch_style(app.theme.selection())
            } else {
                l
            }
        })
        .collect();
    if app.results.is_empty() {
        lines.push(Line::styled("No match. Try other words,", app.theme.dim()));
        lines.push(Line::styled(
            "or 0 (in browse) to clear the filter.",
            app.theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
    off
}
