//! The search result list (left pane while searching): rank, urgency, name, top match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::fit::fit;
use super::pane;
use crate::kb::Cause;
use crate::labels;
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
pub const RESULTS_LEGEND: &str = "✓✓ strong · ✓ moderate · ~ weak (generic words only) · ⚑ must not miss at this stage · § safety layer (guidelines and clinical references)";

/// The urgency symbol of a result row, then the guideline marker if the cause is from the
/// guideline layer.
fn urgency_and_basis(app: &App, cause: &Cause) -> Vec<Span<'static>> {
    let th = app.theme;
    let mut spans = vec![Span::styled(
        format!("{:<2} ", cause.urgency.symbol()),
        th.urgency(cause.urgency),
    )];
    // The symbol alone ("§ ", explained in the legend): a row has no room for the word.
    let basis = labels::basis_prefix_short(app.kb.cause_basis(cause));
    if !basis.is_empty() {
        spans.push(Span::styled(basis, th.warning()));
    }
    spans
}

/// A pinned must-not-miss row: an emergency of the stated stage the ranking does not show,
/// `width` columns wide.
fn pinned_line(app: &App, hit: &Hit, why: &str, width: usize) -> Line<'static> {
    let th = app.theme;
    let cause = &app.kb.causes[hit.cause];
    // "⚑" is explained by the legend and the band's heading ("⚑ must not miss"): the row keeps
    // its columns for the cause's name.
    let mut spans = vec![Span::styled("⚑  ", th.red_flag())];
    spans.extend(urgency_and_basis(app, cause));
    let room = width.saturating_sub(Line::from(spans.clone()).width());
    spans.push(Span::styled(
        labels::name_within(cause, room).to_string(),
        th.heading(),
    ));
    spans.push(Span::styled(format!(" — {why}"), th.dim()));
    Line::from(spans)
}

/// A ranked result row, `width` columns wide: rank, confidence, urgency, the name that fits,
/// the top match and the findings that counted.
pub fn result_line(app: &App, rank: usize, hit: &Hit, width: usize) -> Line<'static> {
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
    let room = width.saturating_sub(Line::from(spans.clone()).width());
    let name = labels::name_within(cause, room);
    let top = hit.matches.first();
    match top {
        // The match's ranges are in the full name: a short name is shown plain.
        Some(m) if m.field == Field::Name && name == cause.name => {
            spans.extend(split(
                &cause.name,
                &clean_ranges(&cause.name, &m.ranges),
                Style::new(),
                th.matched(),
            ));
        }
        _ => spans.push(Span::raw(name.to_string())),
    }
    if let Some(m) = top.filter(|m| m.field != Field::Name) {
        spans.push(Span::styled(
            format!(" — {}: ", field_label(m.field)),
            th.dim(),
        ));
        spans.extend(snippet(m, app));
    }
    if let Some(why) = labels::findings_summary(&hit.findings) {
        spans.push(Span::styled(format!(" · {why}"), th.dim()));
    }
    Line::from(spans)
}

/// The result list of `app` in its titled pane (the count and the stage searched for); returns
/// the offset used and where each row landed (see [`draw`]).
pub fn draw_pane(frame: &mut Frame, app: &App, area: Rect, offset: usize) -> ResultsLayout {
    let ranked = app.results.len() - app.pinned;
    let block = pane::block(
        app,
        format!("Results {ranked} · {}", app.search_stage_short()),
        true,
        area.width,
    );
    draw(frame, app, area, block, offset)
}

/// Where the result list put its rows: the ranked part's scroll offset, and the screen row of
/// each result drawn (for the mouse).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResultsLayout {
    pub offset: usize,
    pub rows: Vec<(u16, usize)>,
}

/// Rows the ranked results keep at least when the must-not-miss band is tall.
const MIN_RANKED_ROWS: usize = 3;

/// Draws the ranked results, scrolled from the last frame's `offset` just enough to show the
/// selected one, above a fixed band of the pinned must-not-miss rows: the band is always on
/// the first screen, however long the ranking (the ranking's order and the pinned group's
/// guarantees are the search's; only the place on screen is this widget's).
pub fn draw(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    block: Block<'static>,
    offset: usize,
) -> ResultsLayout {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let width = usize::from(inner.width);
    let sel = app.result_sel;
    let pinned = app.pinned;
    let ranked = app.results.len() - pinned;
    let style_row = |i: usize, l: Line<'static>| {
        let l = fit(l, width);
        if i == sel {
            l.patch_style(app.theme.selection())
        } else {
            l
        }
    };

    // The band: a heading, then as many pinned rows as fit (scrolled to a selected one).
    let band_rows = if pinned == 0 {
        0
    } else {
        pinned.min(h.saturating_sub(1 + MIN_RANKED_ROWS).max(1))
    };
    let band_h = if pinned == 0 { 0 } else { band_rows + 1 };
    let ranked_h = h.saturating_sub(band_h);

    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut rows = Vec::new();
    let ranked_sel = sel.min(ranked.saturating_sub(1));
    let off =
        scroll_to_show(offset, ranked_sel, ranked_h).min(ranked.saturating_sub(ranked_h.max(1)));
    for (i, hit) in app
        .results
        .iter()
        .enumerate()
        .take(ranked)
        .skip(off)
        .take(ranked_h)
    {
        let line = result_line(app, i + 1, hit, width);
        let line = if hit.score > 0.0 && hit.confidence == Confidence::Weak {
            line.patch_style(app.theme.dim())
        } else {
            line
        };
        rows.push((inner.y + lines.len() as u16, i));
        lines.push(style_row(i, line));
    }
    // No ranked cause (the pinned band may still list the stage's emergencies).
    if ranked == 0 {
        lines.push(Line::styled("No match. Try other words,", app.theme.dim()));
        lines.push(Line::styled(
            "or 0 (in browse) to clear the filter.",
            app.theme.dim(),
        ));
    }
    lines.truncate(ranked_h);
    while lines.len() < ranked_h && band_h > 0 {
        lines.push(Line::default());
    }
    if band_h > 0 {
        let band_off = if sel >= ranked {
            scroll_to_show(0, sel - ranked, band_rows)
        } else {
            0
        };
        let shown_to = (band_off + band_rows).min(pinned);
        let more = if pinned > band_rows {
            format!(" ({}–{} of {pinned})", band_off + 1, shown_to)
        } else {
            String::new()
        };
        lines.push(fit(
            Line::styled(
                format!("⚑ must not miss · {}{more}", app.search_stage_short()),
                app.theme.red_flag(),
            ),
            width,
        ));
        for k in band_off..shown_to {
            let i = ranked + k;
            rows.push((inner.y + lines.len() as u16, i));
            lines.push(style_row(
                i,
                pinned_line(app, &app.results[i], &app.pinned_why(k), width),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    ResultsLayout { offset: off, rows }
}
