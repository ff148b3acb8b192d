//! `D`: switching between the reference with the safety layer and the documents alone, keeping
//! the session.

use super::find::refresh_find;
use super::history::reveal_cause;
use crate::kb::Reference;
use crate::search::IndexedReference;
use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Visit};
use crate::tui::tree::NodeId;

/// Swaps in the other view of the reference (with or without the guideline layer) and keeps
/// the session: the filter and gestation, ASCII mode, the search and its results, the find,
/// the history, the compare marks and the shown cause (where it exists in both; a guideline
/// cause leaves the marks and the history when the layer goes).
pub(super) fn toggle_guidelines(app: &mut App) {
    let Some(later) = app.alternate.take() else {
        app.message =
            Some("No guideline layer for this KB (it applies to the built-in KB only)".into());
        return;
    };
    let id_of = |app: &App, c: usize| app.kb.causes[c].id.clone();
    let shown = app.current_cause().map(|c| id_of(app, c));
    let compared: Vec<String> = app.compared.iter().map(|&c| id_of(app, c)).collect();
    let by_id = |app: &App, v: &Visit| VisitById {
        cause: match v.path.last() {
            Some(NodeId::Cause(c)) => Some(id_of(app, *c)),
            _ => None,
        },
        visit: v.clone(),
    };
    let history: Vec<VisitById> = app.history.iter().map(|v| by_id(app, v)).collect();
    let forward: Vec<VisitById> = app.forward.iter().map(|v| by_id(app, v)).collect();
    let opened = app.opened.as_ref().map(|v| by_id(app, v));

    // The other view comes with its own index (the unit's overlay, shown in both views, is
    // indexed in each).
    let IndexedReference {
        reference: other,
        index,
    } = later();
    let kb = std::mem::replace(&mut app.kb, other.kb);
    let guidelines = std::mem::replace(&mut app.guidelines, other.guidelines);
    let index = std::mem::replace(&mut app.index, index);
    let previous = IndexedReference::from_parts(
        Reference {
            kb,
            guidelines,
            local: other.local,
        },
        index,
    );
    app.alternate = Some(Box::new(move || previous));
    app.sections = crate::kb::build_tree(&app.kb, None);
    app.rebuild_tree();

    app.compared = compared
        .iter()
        .filter_map(|id| app.cause_index(id))
        .collect();
    app.history = history.iter().filter_map(|v| v.remap(app)).collect();
    app.forward = forward.iter().filter_map(|v| v.remap(app)).collect();
    app.opened = opened.and_then(|v| v.remap(app));
    if let Some(c) = shown.and_then(|id| app.cause_index(&id)) {
        reveal_cause(app, c);
    }
    if app.mode() == Mode::Search || !app.input.value().trim().is_empty() {
        app.refresh_results();
    }
    if app.find.is_active() {
        refresh_find(app);
    }
    let key = app
        .keymap
        .first_key(
            crate::tui::keymap::Context::Browse,
            Action::ToggleGuidelines,
        )
        .unwrap_or_default();
    app.message = Some(if app.guidelines.is_some() {
        format!("§ GUIDELINE safety layer shown ({key} hides it)")
    } else {
        format!("SAFETY LAYER OFF: documents only, no § GUIDELINE notes ({key} shows them)")
    });
}

/// A place in the history with its cause named by id, to survive a change of reference.
struct VisitById {
    cause: Option<String>,
    visit: Visit,
}

impl VisitById {
    /// The place in the current reference; `None` when its cause is not in it.
    fn remap(&self, app: &App) -> Option<Visit> {
        let Some(id) = &self.cause else {
            return Some(self.visit.clone());
        };
        let c = app.cause_index(id)?;
        let mut path = self.visit.path.clone();
        if let Some(last) = path.last_mut() {
            *last = NodeId::Cause(c);
        }
        Some(Visit {
            path,
            filter: self.visit.filter,
        })
    }
}
