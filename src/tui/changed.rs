//! Whether an event changed what the screen shows: the event loop compares a [`Seen`] taken
//! after the last frame with one taken after the events, and draws only if they differ (a key
//! bound to nothing, a Down at the last row, a click on nothing draw nothing).
//!
//! A snapshot rather than a flag set by `update`: every field that drawing reads and actions
//! change is compared, so a new action cannot forget to say that it changed something. The
//! KB, the index and the tree's sections do not change while the browser runs except through
//! the guideline toggle, which `guidelines` covers; `view` is what the last frame measured.

use super::action::Pane;
use super::app::{App, Filter, ModeState};
use super::theme::Theme;
use super::tree::{NodeId, TreeView};
use crate::gestation::Gestation;

/// What of the state a frame shows (see the module documentation).
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    mode_state: ModeState,
    focus: Pane,
    filter: Filter,
    tree: TreeView,
    tree_len: usize,
    input: (String, usize),
    search_stale: bool,
    results: (usize, Option<usize>),
    result_sel: usize,
    scroll: [u16; 4],
    compared: Vec<usize>,
    history: (usize, usize, Option<Vec<NodeId>>),
    message: Option<String>,
    should_quit: bool,
    find: (String, usize, Option<usize>, usize, usize),
    gestation: Option<Gestation>,
    theme: Theme,
    ascii: bool,
    guidelines: bool,
}

impl Seen {
    pub fn of(app: &App) -> Seen {
        Seen {
            mode_state: app.mode_state.clone(),
            focus: app.focus,
            filter: app.filter,
            tree: app.tree.clone(),
            tree_len: app.tree_items.len(),
            input: (app.input.value().to_owned(), app.input.cursor()),
            search_stale: app.search_stale,
            results: (app.results.len(), app.results.first().map(|h| h.cause)),
            result_sel: app.result_sel,
            scroll: app.scroll,
            compared: app.compared.clone(),
            history: (
                app.history.len(),
                app.forward.len(),
                app.opened.as_ref().map(|v| v.path.clone()),
            ),
            message: app.message.clone(),
            should_quit: app.should_quit,
            find: (
                app.find.input.value().to_owned(),
                app.find.input.cursor(),
                app.find.cause,
                app.find.matches.len(),
                app.find.current,
            ),
            gestation: app.gestation,
            theme: app.theme,
            ascii: app.ascii,
            guidelines: app.guidelines.is_some(),
        }
    }
}
