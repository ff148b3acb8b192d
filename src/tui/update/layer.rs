//! `d`: switching between the reference with the guideline layer and the documents alone.

use super::filter::set_filter;
use super::history::reveal_cause;
use crate::kb::Reference;
use crate::tui::app::{App, Filter};

/// Swaps in the other view of the reference (with or without the guideline layer), keeping the
/// filter and the shown cause where it exists in both.
pub(super) fn toggle_guidelines(app: &mut App) {
    let Some(other) = app.alternate.take() else {
        app.message =
            Some("No guideline layer for this KB (it applies to the built-in KB only)".into());
        return;
    };
    let shown = app.current_cause().map(|c| app.kb.causes[c].id.clone());
    let mut next = App::with_theme(other.kb, app.theme);
    next.guidelines = other.guidelines;
    let old = std::mem::replace(app, next);
    // The clinician's own: the overlay, the stars and recents, the clock, carried across.
    app.set_local(old.local.clone());
    app.today_iso = old.today_iso;
    app.fixed_now = old.fixed_now;
    app.favourites = old.favourites;
    app.recent = old.recent;
    app.rebuild_tree();
    app.alternate = Some(Box::new(Reference {
        kb: old.kb,
        guidelines: old.guidelines,
        local: old.local,
    }));
    if old.filter != Filter::default() {
        set_filter(app, old.filter.trimester, old.filter.week);
    }
    if let Some(c) = shown.and_then(|id| app.cause_index(&id)) {
        reveal_cause(app, c);
    }
    app.message = Some(if app.guidelines.is_some() {
        "§ GUIDELINE safety layer shown (d hides it)".into()
    } else {
        "Documents only: the § GUIDELINE safety layer is hidden (d shows it)".into()
    });
}
