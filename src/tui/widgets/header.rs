//! The title bar: whether the safety layer is off, the filter, the reference-only notice, the KB's title and version.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::App;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let th = app.theme;
    let m = &app.kb.meta;
    let mut spans = Vec::new();
    if app.guidelines.is_none() {
        // First, so that it shows at every width.
        spans.push(Span::styled(
            format!(" {} ", crate::labels::LAYER_OFF),
            th.warning(),
        ));
    }
    // The stage the search used, when the query states one: it is what the results follow.
    let (what, stage) = if app.stage_from_query() {
        ("Search stage: ", app.search_stage_label())
    } else {
        ("Filter: ", app.filter_label())
    };
    spans.extend([
        Span::raw(format!(" obddx │ {what}")),
        Span::styled(stage, th.heading()),
    ]);
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
