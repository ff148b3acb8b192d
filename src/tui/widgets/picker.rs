//! The look-alike picker (`t`): one entry per look-alike, with the sign that best tells it
//! apart, so the differences are visible before jumping.

use ratatui::text::{Line, Span};

use super::detail::DISTINGUISHING;
use crate::tui::app::App;

/// Columns the sign line of an entry is indented by (its wrapped lines too).
pub const SIGN_INDENT: u16 = 4;

/// The entry of look-alike `c`: its heading "▶ ✖ EMERGENCY  Name" (▶ when selected), and
/// its most distinguishing sign (the first marked distinguishing, else the first sign), to
/// be drawn [`SIGN_INDENT`] columns in.
pub fn item_lines(app: &App, c: usize, selected: bool) -> (Line<'static>, Line<'static>) {
    let th = app.theme;
    let cause = &app.kb.causes[c];
    let u = cause.urgency;
    let head = Line::from(vec![
        Span::raw(if selected { "▶ " } else { "  " }),
        Span::styled(
            format!("{} {}", u.symbol(), u.as_str().to_uppercase()),
            th.urgency(u),
        ),
        Span::raw("  "),
        Span::styled(cause.name.clone(), th.heading()),
    ]);
    let sign = cause
        .signs
        .iter()
        .find(|s| s.distinguishing)
        .or_else(|| cause.signs.first());
    let sign = match sign {
        Some(s) if s.distinguishing => Line::from(vec![
            Span::styled(DISTINGUISHING, th.distinguishing()),
            Span::raw(" "),
            Span::raw(s.text.clone()),
        ]),
        Some(s) => Line::from(vec![Span::raw("• "), Span::raw(s.text.clone())]),
        None => Line::styled("No signs listed.", th.dim()),
    };
    (head, sign)
}
