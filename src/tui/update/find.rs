//! Find in the shown cause (`f`, `n`, `N`): matches over the lines as drawn, and scrolling the
//! pane that holds one into view.

use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::find::matches_in;
use crate::tui::highlight::Highlighter;
use crate::tui::widgets::detail;
use crate::tui::widgets::pane::wrapped_height;

/// `n` / `N`: the next (or previous) find match, round the end.
pub(super) fn next_match(app: &mut App, forward: bool) {
    refresh_find(app);
    let n = app.find.matches.len();
    if n > 0 {
        app.find.current = if forward {
            (app.find.current + 1) % n
        } else {
            (app.find.current + n - 1) % n
        };
    }
    go_to_match(app);
}

/// Recomputes the find matches for the shown cause (the lines as drawn, unhighlighted).
pub(super) fn refresh_find(app: &mut App) {
    let cause = app.current_cause();
    let needle = app.find.needle().to_string();
    let mut found = Vec::new();
    if let Some(c) = cause
        && !needle.is_empty()
    {
        let hl = Highlighter::none();
        found = matches_in(&detail::header_lines(app, c, &hl), &needle, None);
        for p in Pane::DETAIL {
            found.extend(matches_in(
                &detail::pane_lines(app, p, c, &hl),
                &needle,
                Some(p),
            ));
        }
    }
    if app.find.cause != cause {
        app.find.current = 0;
    }
    app.find.cause = cause;
    app.find.current = app.find.current.min(found.len().saturating_sub(1));
    app.find.matches = found;
}

/// Focuses the pane that holds the current match and scrolls it there; says "match k of n".
pub(super) fn go_to_match(app: &mut App) {
    if !app.find.is_active() {
        return;
    }
    app.message = Some(app.find.status());
    let (Some(m), Some(c)) = (
        app.find.matches.get(app.find.current).copied(),
        app.current_cause(),
    ) else {
        return;
    };
    let Some(pane) = m.pane else {
        return;
    };
    app.focus = pane;
    let lines = detail::pane_lines(app, pane, c, &Highlighter::none());
    scroll_to_line(app, pane, &lines, m.line);
}

/// Opening a search result: the pane that holds its best match (a sign or risk factor, a test,
/// a treatment) gets the focus, scrolled to it. A match in the name, an alias or the summary is
/// in the header, always on screen, so the tree keeps the focus.
pub(super) fn focus_match(app: &mut App, best: &crate::search::Match) {
    use crate::search::Field;
    let pane = match best.field {
        Field::Sign | Field::RiskFactor => Pane::Signs,
        Field::Diagnostic => Pane::Diagnostics,
        Field::Treatment => Pane::Treatment,
        Field::Name | Field::Alias | Field::Summary | Field::GuidelineNote | Field::Local => {
            return;
        }
    };
    let Some(c) = app.current_cause() else {
        return;
    };
    let lines = detail::pane_lines(app, pane, c, &Highlighter::none());
    let text = |l: &ratatui::text::Line<'_>| -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    };
    let Some(line) = lines.iter().position(|l| text(l).contains(&best.text)) else {
        return;
    };
    app.focus = pane;
    // Red flags lead the Signs pane: they stay in view rather than scroll off above the match.
    if pane == Pane::Signs && app.kb.causes[c].signs.iter().any(|s| s.red_flag) {
        return;
    }
    scroll_to_line(app, pane, &lines, line);
}

/// Scrolls detail pane `pane` so that `lines[line]` is its first row, as last drawn (the
/// width of the panes in the last frame; 60 columns before the first).
pub(super) fn scroll_to_line(
    app: &mut App,
    pane: Pane,
    lines: &[ratatui::text::Line<'static>],
    line: usize,
) {
    let Some(i) = pane.detail_index() else {
        return;
    };
    let width = app
        .view
        .pane_areas
        .iter()
        .map(|a| a.width.saturating_sub(2))
        .max()
        .filter(|w| *w > 0)
        .unwrap_or(60);
    app.scroll[i] = wrapped_height(&lines[..line.min(lines.len())], width);
}
