//! The search line (`/`): opening, editing, pasting, accepting (which opens the chosen cause at
//! its best match) and dropping it.

use super::find::focus_match;
use super::history::{arrived, reveal_cause};
use super::text_input::{SEARCH_INPUT_MAX, insert_capped, request, say_paste_cut};
use crate::tui::action::{Pane, TextEdit};
use crate::tui::app::{App, ModeState, Visit};
use crate::tui::tree::NodeId;

/// `/`: the search line opens on the current text, selected (the first typed character
/// replaces it), starting on the selected cause if it is among the results.
pub(super) fn start_search(app: &mut App) {
    let saved_selection = app.tree.selected().to_vec();
    let selected = saved_selection.last().copied();
    app.mode_state = ModeState::Search {
        saved_selection,
        query_selected: !app.input.value().is_empty(),
    };
    app.focus = Pane::Tree;
    app.result_sel = 0;
    app.refresh_results();
    if let Some(NodeId::Cause(c)) = selected
        && let Some(i) = app.results.iter().position(|h| h.cause == c)
    {
        app.result_sel = i;
    }
    app.scroll = [0; 4];
}

/// Ends the selection of the previous query: a character, a paste or a deletion replaces it
/// (`replace`), a cursor movement keeps it.
fn unselect_query(app: &mut App, replace: bool) {
    if let ModeState::Search { query_selected, .. } = &mut app.mode_state
        && std::mem::take(query_selected)
        && replace
    {
        app.input.reset();
        app.search_stale = true;
    }
}

pub(super) fn edit_search(app: &mut App, edit: TextEdit) {
    let replaces = matches!(
        edit,
        TextEdit::Insert(_) | TextEdit::Backspace | TextEdit::Delete | TextEdit::DeleteWord
    );
    if app.query_selected() {
        unselect_query(app, replaces);
        if !matches!(edit, TextEdit::Insert(_)) && replaces {
            // The selection was the thing deleted.
            app.result_sel = 0;
            app.scroll = [0; 4];
            return;
        }
    }
    if let TextEdit::Insert(_) = edit
        && app.input.value().chars().count() >= SEARCH_INPUT_MAX
    {
        app.message = Some(format!(
            "The search line holds {SEARCH_INPUT_MAX} characters"
        ));
        return;
    }
    let before = app.input.value().to_string();
    app.input.handle(request(edit));
    if app.input.value() != before {
        app.result_sel = 0;
        app.scroll = [0; 4];
        app.search_stale = true;
    }
}

/// Closes the search line (back to browsing); returns the tree selection from before `/`.
pub(super) fn leave_search(app: &mut App) -> Vec<NodeId> {
    match std::mem::take(&mut app.mode_state) {
        ModeState::Search {
            saved_selection, ..
        } => saved_selection,
        _ => Vec::new(),
    }
}

/// Inserts pasted text into the search line (replacing a selected previous query); the search
/// is re-ranked once, by [`settle`].
pub(super) fn paste_search(app: &mut App, text: &str) {
    unselect_query(app, true);
    let cut = insert_capped(&mut app.input, text, SEARCH_INPUT_MAX);
    app.result_sel = 0;
    app.scroll = [0; 4];
    app.search_stale = true;
    say_paste_cut(app, cut, "search", SEARCH_INPUT_MAX);
}

pub(super) fn accept_search(app: &mut App) {
    let chosen = app.results.get(app.result_sel).map(|h| h.cause);
    let best = app
        .results
        .get(app.result_sel)
        .and_then(|h| h.matches.first())
        .cloned();
    let saved = leave_search(app);
    app.focus = Pane::Tree;
    app.scroll = [0; 4];
    if let Some(c) = chosen {
        let from = app.opened.clone().unwrap_or_else(|| Visit {
            path: saved.clone(),
            filter: app.filter,
        });
        reveal_cause(app, c);
        arrived(app, from);
        if let Some(m) = best {
            focus_match(app, &m);
        }
    } else {
        if app.path_exists(&saved) {
            app.tree.select(saved);
        }
        app.message = Some("No matching cause".into());
    }
    // Keep results only while there is text to highlight.
    app.refresh_results();
}

/// Drops the search text, its results and the result selection.
pub(super) fn clear_search(app: &mut App) {
    app.input.reset();
    app.search_stale = false;
    app.results.clear();
    app.result_sel = 0;
}

/// Ask next: adds the answer to question `question` (as listed) to the query — its finding for
/// yes, its opposite or absence for no — and re-ranks.
pub(super) fn answer_question(app: &mut App, question: u8, present: bool) {
    let Some(ask) = app.ask_next.get(usize::from(question)).cloned() else {
        app.message = Some(format!(
            "No question {}: ask next lists {}",
            question + 1,
            app.ask_next.len()
        ));
        return;
    };
    let words = if present {
        ask.if_present
    } else {
        ask.if_absent
    };
    unselect_query(app, false);
    let text = app.input.value().trim_end();
    let query = if text.is_empty() {
        words.clone()
    } else {
        format!("{text}, {words}")
    };
    if query.chars().count() > SEARCH_INPUT_MAX {
        app.message = Some(format!(
            "The search line holds {SEARCH_INPUT_MAX} characters: \"{words}\" not added"
        ));
        return;
    }
    app.input = tui_input::Input::new(query);
    app.result_sel = 0;
    app.scroll = [0; 4];
    app.search_stale = true;
    let answer = if present { "yes" } else { "no" };
    app.message = Some(format!("{} {answer}: added \"{words}\"", ask.question));
}
