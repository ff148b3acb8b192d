//! The title bar: the filter, the reference-only notice, the KB's title and version.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let m = &app.kb.meta;
    let mut spans = vec![
        Span::raw(" obddx │ Filter: "),
        Span::styled(app.filter_label(), th.heading()),
    ];
    if let (Some(_), Some(at)) = (app.gestation, &app.gestation_set_at) {
        spans.push(Span::raw(format!(" set {at}")));
    }
    if let Some(local) = &app.local {
        // Past its review date, the warning comes before anything else can be cut.
        if app.local_past_review() {
            spans.push(Span::raw(" │ "));
            spans.push(Span::styled(
                crate::labels::local_past_review(local),
                th.warning(),
            ));
        }
        spans.push(Span::raw(" │ "));
        spans.push(Span::styled(crate::labels::local_mark(local), th.warning()));
    }
    spans.push(Span::raw(
        " │ Reference only, not a clinical guideline (i) │ ",
    ));
    spans.push(Span::raw(format!("{} v{}", m.title, m.version)));
    let line = Line::from(spans);
    let line = super::fit::fit(line, usize::from(area.width));
    frame.render_widget(Paragraph::new(line).style(th.title_bar()), area);
}
