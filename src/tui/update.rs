//! All state changes: `update(app, action)`, plus [`apply_layout`], the one place where what
//! a frame measured enters the state. Pure with respect to the terminal, so tests drive them
//! directly. Mouse actions and scroll limits use the [`ViewLayout`] of the last frame.
//!
//! [`apply`] dispatches on the mode first: each mode's keys are handled by its own function
//! (`browse`, `search`, `week_entry`, `find_line`, `overlay`, `look_alike_picker`).

use super::compare::MAX_COMPARED;
use ratatui::layout::Position;
use tui_input::InputRequest;

use super::action::{Action, Pane, TextEdit};
use super::app::{App, Filter, HISTORY_MAX, Mode, ModeState, Picker, ViewLayout, Visit};
use super::find::{Find, matches_in};
use super::gestation;
use super::highlight::Highlighter;
use super::tree::NodeId;
use super::widgets::detail;
use super::widgets::pane::wrapped_height;
use crate::kb::Reference;

/// Longest gestation text accepted after `w` ("edd 2027-02-01" is 14).
const WEEK_INPUT_MAX: usize = 20;

/// Longest search line, in characters: typing stops there and a paste is cut (the status line
/// says so). Long enough for any clinical query, short enough that a runaway paste cannot make
/// every keystroke slow.
pub const SEARCH_INPUT_MAX: usize = 256;

/// Longest find line, in characters (same reasoning as [`SEARCH_INPUT_MAX`]).
pub const FIND_INPUT_MAX: usize = 256;

/// Rows a page key moves when the pane height is not known yet.
const DEFAULT_PAGE: usize = 10;

/// Stores what the last frame measured ([`super::ui::draw`]'s result): areas for the
/// mouse, scroll limits, the result list's offset and the tree's offset (the tree has now
/// shown its selection). The event loop calls it after every draw, before the next action.
///
/// Kept apart from [`Action`] so actions stay plain serialisable data.
pub fn apply_layout(app: &mut App, layout: ViewLayout) {
    if let Some(offset) = layout.tree.offset {
        app.tree.shown(offset);
    }
    app.view = layout;
}

/// Applies one action and brings the search results up to date: what tests and one-off callers
/// use. The event loop calls [`apply`] for each event of a burst and [`settle`] once before
/// drawing.
pub fn update(app: &mut App, action: Action) {
    apply(app, action);
    settle(app);
}

/// Re-ranks the search if its text changed since the last ranking.
pub fn settle(app: &mut App) {
    if app.search_stale {
        app.search_stale = false;
        app.refresh_results();
    }
}

/// Applies one action. Edits of the search line only mark the results stale; any other action
/// first re-ranks (it may read the results), so a sequence of `apply` calls ends in the same
/// state as the same sequence of [`update`] calls once [`settle`] has run.
pub fn apply(app: &mut App, action: Action) {
    // Leaving or dropping the search reads no results: no need to rank the text first.
    if !matches!(
        action,
        Action::SearchEdit(_)
            | Action::Paste(_)
            | Action::Quit
            | Action::SearchCancel
            | Action::ClearSearch
    ) {
        settle(app);
    }
    if !matches!(
        action,
        Action::Click { .. } | Action::ScrollUp { .. } | Action::ScrollDown { .. }
    ) {
        app.message = None;
    }
    match action {
        // The same in every mode.
        Action::Quit => app.should_quit = true,
        Action::Suspend => app.suspend_requested = true,
        Action::ToggleHelp => toggle_overlay(app, Mode::Help),
        Action::ToggleAbout => toggle_overlay(app, Mode::About),
        action => match app.mode() {
            Mode::Browse => browse(app, action),
            Mode::Search => search(app, action),
            Mode::WeekEntry => week_entry(app, action),
            Mode::Find => find_line(app, action),
            Mode::Help | Mode::About | Mode::SideBySide => overlay(app, action),
            Mode::Compare => look_alike_picker(app, action),
        },
    }
}

/// How many rows a movement key moves (`None` for any other action).
fn movement(app: &App, action: &Action) -> Option<isize> {
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -(page(app) as isize),
        Action::PageDown => page(app) as isize,
        Action::Home => isize::MIN,
        Action::End => isize::MAX,
        _ => return None,
    })
}

/// The mouse wheel moves one row (three lines of the tree and the panes while browsing).
fn wheel_rows(action: &Action) -> Option<isize> {
    match action {
        Action::ScrollUp { .. } => Some(-1),
        Action::ScrollDown { .. } => Some(1),
        _ => None,
    }
}

/// Browsing: the tree, the detail panes of the selected cause, and the keys that open the
/// other modes.
fn browse(app: &mut App, action: Action) {
    if let Some(delta) = movement(app, &action) {
        match app.focus.detail_index() {
            None => step_tree(app, delta),
            Some(i) => scroll_pane(app, i, delta),
        }
        return;
    }
    let on_tree = app.focus == Pane::Tree;
    match action {
        Action::Paste(raw) => {
            // A paste starts a search for the pasted text.
            let text = paste_text(&raw);
            if !text.is_empty() {
                apply(app, Action::SearchStart);
                paste_search(app, &text);
            }
        }
        Action::Left if on_tree => close_or_go_up(app),
        Action::Left => app.focus = Pane::Tree,
        Action::Right if on_tree => open_or_go_down(app),
        Action::Open if on_tree => open_selected(app),
        Action::Toggle if on_tree => toggle_selected(app),
        Action::FocusNext => app.focus = app.focus.next(),
        Action::FocusPrev => app.focus = app.focus.prev(),
        Action::Focus(p) => app.focus = p,
        Action::SearchStart => start_search(app),
        Action::TypeToSearch(ch) => {
            start_search(app);
            edit_search(app, TextEdit::Insert(ch));
        }
        Action::ClearSearch => {
            clear_search(app);
            app.focus = Pane::Tree;
        }
        Action::FilterTrimester(t) => {
            set_filter(app, t, None);
            app.gestation = None;
        }
        Action::WeekStart => {
            app.mode_state = ModeState::WeekEntry {
                input: String::new(),
            };
        }
        Action::FindStart => {
            if app.current_cause().is_some() {
                app.find = Find::default();
                app.mode_state = ModeState::Find;
            } else {
                app.message = Some("Open a cause to find a word in it".into());
            }
        }
        Action::FindNext | Action::FindPrev if !app.find.is_active() => {
            app.message = Some("Nothing to find: f starts a find".into());
        }
        Action::FindNext => next_match(app, true),
        Action::FindPrev => next_match(app, false),
        Action::Copy => copy_note(app),
        Action::CompareMark => compare_mark(app),
        Action::TellApart => tell_apart(app),
        Action::Back => back(app),
        Action::Forward => forward(app),
        Action::ToggleGuidelines => toggle_guidelines(app),
        Action::Click { column, row } => browse_click(app, Position::new(column, row)),
        Action::ScrollUp { column, row } => browse_wheel(app, Position::new(column, row), -3),
        Action::ScrollDown { column, row } => browse_wheel(app, Position::new(column, row), 3),
        _ => {}
    }
}

/// The search line is open: typing edits it, the list on the left shows the results.
fn search(app: &mut App, action: Action) {
    if let Some(delta) = movement(app, &action).or_else(|| wheel_rows(&action)) {
        app.result_sel = moved_within(app.result_sel, delta, app.results.len());
        app.scroll = [0; 4];
        return;
    }
    match action {
        Action::Paste(raw) => {
            let text = paste_text(&raw);
            if !text.is_empty() {
                paste_search(app, &text);
            }
        }
        Action::SearchEdit(edit) => edit_search(app, edit),
        Action::Open | Action::SearchAccept => accept_search(app),
        Action::SearchCancel => {
            clear_search(app);
            let saved = leave_search(app);
            if app.path_exists(&saved) {
                app.tree.select(saved);
            }
            app.scroll = [0; 4];
        }
        Action::Click { column, row } => {
            let pos = Position::new(column, row);
            let area = app.view.results_area;
            if area.contains(pos) && pos.y > area.y {
                let i = app.view.results_offset + (pos.y - area.y - 1) as usize;
                if i < app.results.len() {
                    app.result_sel = i;
                    app.scroll = [0; 4];
                }
            }
        }
        _ => {}
    }
}

/// The gestation line (`w`) is open.
fn week_entry(app: &mut App, action: Action) {
    let ModeState::WeekEntry { input } = &mut app.mode_state else {
        return;
    };
    match action {
        Action::Paste(raw) => {
            for ch in paste_text(&raw).chars() {
                if input.len() >= WEEK_INPUT_MAX {
                    break;
                }
                input.push(ch);
            }
        }
        Action::WeekDigit(d) if input.len() < WEEK_INPUT_MAX && d < 10 => {
            input.push(char::from(b'0' + d));
        }
        Action::WeekChar(ch) if input.len() < WEEK_INPUT_MAX => input.push(ch),
        Action::WeekBackspace => {
            input.pop();
        }
        Action::Open | Action::WeekAccept => accept_week(app),
        Action::WeekCancel => app.mode_state = ModeState::Browse,
        _ => {}
    }
}

/// The find line (`f`) is open.
fn find_line(app: &mut App, action: Action) {
    match action {
        Action::Paste(raw) => {
            let text = paste_text(&raw);
            if !text.is_empty() {
                let cut = insert_capped(&mut app.find.input, &text, FIND_INPUT_MAX);
                refresh_find(app);
                app.find.current = 0;
                go_to_match(app);
                say_paste_cut(app, cut, "find", FIND_INPUT_MAX);
            }
        }
        Action::FindEdit(edit) => {
            if let TextEdit::Insert(_) = edit
                && app.find.input.value().chars().count() >= FIND_INPUT_MAX
            {
                app.message = Some(format!("The find line holds {FIND_INPUT_MAX} characters"));
                return;
            }
            app.find.input.handle(request(edit));
            refresh_find(app);
            app.find.current = 0;
            go_to_match(app);
        }
        Action::Open => app.mode_state = ModeState::Browse,
        Action::FindAccept => {
            app.mode_state = ModeState::Browse;
            if app.find.is_active() {
                app.message = Some(app.find.status());
            }
        }
        Action::FindCancel => {
            app.find = Find::default();
            app.mode_state = ModeState::Browse;
        }
        Action::FindNext if app.find.is_active() => next_match(app, true),
        Action::FindPrev if app.find.is_active() => next_match(app, false),
        _ => {}
    }
}

/// A box over the screen that scrolls: help, about, or the side-by-side comparison.
fn overlay(app: &mut App, action: Action) {
    if let Some(delta) = movement(app, &action).or_else(|| wheel_rows(&action)) {
        let max = app.view.overlay_max_scroll as usize;
        if let Some(scroll) = app.mode_state.overlay_scroll_mut() {
            *scroll = moved_within(*scroll as usize, delta, max + 1) as u16;
        }
        return;
    }
    let side_by_side = app.mode() == Mode::SideBySide;
    match action {
        Action::Open => app.mode_state = ModeState::Browse,
        Action::CloseOverlay => {
            app.mode_state = ModeState::Browse;
            if side_by_side {
                app.message = Some(compare_status(app));
            }
        }
        Action::Copy if side_by_side => copy_comparison(app),
        Action::Click { column, row }
            if !app.view.overlay_area.contains(Position::new(column, row)) =>
        {
            app.mode_state = ModeState::Browse;
        }
        _ => {}
    }
}

/// The look-alike picker (`t`) is open.
fn look_alike_picker(app: &mut App, action: Action) {
    let delta = movement(app, &action).or_else(|| wheel_rows(&action));
    let ModeState::Compare(picker) = &mut app.mode_state else {
        return;
    };
    if let Some(delta) = delta {
        picker.sel = moved_within(picker.sel, delta, picker.items.len());
        return;
    }
    match action {
        Action::Open => jump(app),
        Action::CompareMark => compare_with_look_alike(app),
        Action::CloseOverlay => app.mode_state = ModeState::Browse,
        Action::Click { column, row } => {
            let pos = Position::new(column, row);
            if let Some(i) = app.view.picker_rows.iter().position(|r| r.contains(pos)) {
                if i < picker.items.len() {
                    picker.sel = i;
                }
            } else if !app.view.overlay_area.contains(pos) {
                app.mode_state = ModeState::Browse;
            }
        }
        _ => {}
    }
}

/// `/`: the search line opens on the current text, selected (the first typed character
/// replaces it), starting on the selected cause if it is among the results.
fn start_search(app: &mut App) {
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

fn edit_search(app: &mut App, edit: TextEdit) {
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
fn leave_search(app: &mut App) -> Vec<NodeId> {
    match std::mem::take(&mut app.mode_state) {
        ModeState::Search {
            saved_selection, ..
        } => saved_selection,
        _ => Vec::new(),
    }
}

/// Inserts pasted text into the search line (replacing a selected previous query); the search
/// is re-ranked once, by [`settle`].
fn paste_search(app: &mut App, text: &str) {
    unselect_query(app, true);
    let cut = insert_capped(&mut app.input, text, SEARCH_INPUT_MAX);
    app.result_sel = 0;
    app.scroll = [0; 4];
    app.search_stale = true;
    say_paste_cut(app, cut, "search", SEARCH_INPUT_MAX);
}

fn say_paste_cut(app: &mut App, cut: usize, line: &str, max: usize) {
    if cut > 0 {
        app.message = Some(format!(
            "Paste cut: the {line} line holds {max} characters ({cut} left out)"
        ));
    }
}

/// `n` / `N`: the next (or previous) find match, round the end.
fn next_match(app: &mut App, forward: bool) {
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

/// Pasted text as one line: CR LF, LF, CR and tab become a space, other control characters are
/// dropped.
pub fn paste_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * SEARCH_INPUT_MAX));
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Inserts `text` at the cursor of `input`, up to `max` characters in all; returns how many
/// characters did not fit.
fn insert_capped(input: &mut tui_input::Input, text: &str, max: usize) -> usize {
    let room = max.saturating_sub(input.value().chars().count());
    let mut cut = 0;
    for (i, ch) in text.chars().enumerate() {
        if i < room {
            input.handle(InputRequest::InsertChar(ch));
        } else {
            cut += 1;
        }
    }
    cut
}

fn request(edit: TextEdit) -> InputRequest {
    match edit {
        TextEdit::Insert(c) => InputRequest::InsertChar(c),
        TextEdit::Backspace => InputRequest::DeletePrevChar,
        TextEdit::Delete => InputRequest::DeleteNextChar,
        TextEdit::Left => InputRequest::GoToPrevChar,
        TextEdit::Right => InputRequest::GoToNextChar,
        TextEdit::WordLeft => InputRequest::GoToPrevWord,
        TextEdit::WordRight => InputRequest::GoToNextWord,
        TextEdit::Start => InputRequest::GoToStart,
        TextEdit::End => InputRequest::GoToEnd,
        TextEdit::DeleteWord => InputRequest::DeletePrevWord,
        TextEdit::Clear => InputRequest::DeleteLine,
    }
}

/// `?` / `i`: opens the help or about box (from browsing or the other box), or closes it.
fn toggle_overlay(app: &mut App, which: Mode) {
    let current = app.mode();
    if current == which {
        app.mode_state = ModeState::Browse;
    } else if matches!(current, Mode::Browse | Mode::Help | Mode::About) {
        app.mode_state = if which == Mode::Help {
            ModeState::Help { scroll: 0 }
        } else {
            ModeState::About { scroll: 0 }
        };
    }
}

fn page(app: &App) -> usize {
    let h = match (app.mode(), app.focus) {
        (Mode::Search, _) => app.view.results_area.height.saturating_sub(2),
        (Mode::Help | Mode::About | Mode::Compare | Mode::SideBySide, _) => {
            app.view.overlay_area.height.saturating_sub(2)
        }
        (_, Pane::Tree) => app.view.tree_area.height,
        (_, p) => p
            .detail_index()
            .map_or(0, |i| app.view.pane_areas[i].height.saturating_sub(2)),
    } as usize;
    if h == 0 { DEFAULT_PAGE } else { h.max(1) }
}

/// `cur` moved by `delta`, kept within `0..len` (0 when `len` is 0).
fn moved_within(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let target = if delta < 0 {
        cur.saturating_sub(delta.unsigned_abs())
    } else {
        cur.saturating_add(delta as usize)
    };
    target.min(len - 1)
}

fn scroll_pane(app: &mut App, i: usize, delta: isize) {
    let max = app.view.max_scroll[i] as usize;
    app.scroll[i] = moved_within(app.scroll[i] as usize, delta, max + 1) as u16;
}

fn selected_has_children(app: &App) -> bool {
    app.item_at(app.tree.selected())
        .is_some_and(|i| !i.children().is_empty())
}

fn toggle_selected(app: &mut App) {
    if selected_has_children(app) {
        app.tree.toggle_selected();
    }
}

/// Right on the tree: opens a closed node, else goes to its first child; on a cause, to its
/// signs.
fn open_or_go_down(app: &mut App) {
    let sel = app.tree.selected().to_vec();
    let first_child = app
        .item_at(&sel)
        .and_then(|i| i.children().first())
        .map(|c| *c.identifier());
    match first_child {
        Some(child) => {
            if !app.tree.open(sel.clone()) {
                let mut p = sel;
                p.push(child);
                app.tree.select(p);
                app.scroll = [0; 4];
            }
        }
        None => {
            if matches!(sel.last(), Some(NodeId::Cause(_))) {
                app.focus = Pane::Signs;
            }
        }
    }
}

/// Left on the tree: closes an open node, else goes to its parent.
fn close_or_go_up(app: &mut App) {
    let sel = app.tree.selected().to_vec();
    if !app.tree.close(&sel) && sel.len() > 1 {
        app.tree.select(sel[..sel.len() - 1].to_vec());
        app.scroll = [0; 4];
    }
}

/// Enter on the tree: opens or closes a node; on a cause, goes to its signs (a place in the
/// history).
fn open_selected(app: &mut App) {
    if selected_has_children(app) {
        app.tree.toggle_selected();
    } else if matches!(app.selected_node(), Some(NodeId::Cause(_))) {
        app.focus = Pane::Signs;
        let from = leaving(app);
        arrived(app, from);
    }
}

/// Up, Down, Page and Home/End on the tree: another row.
fn step_tree(app: &mut App, delta: isize) {
    let rows = app.visible_rows();
    let cur = rows
        .iter()
        .position(|p| p.as_slice() == app.tree.selected())
        .unwrap_or(0);
    let new = moved_within(cur, delta, rows.len());
    if let Some(p) = rows.get(new)
        && p.as_slice() != app.tree.selected()
    {
        app.tree.select(p.clone());
        app.scroll = [0; 4];
    }
}

/// `t`: open the picker of the shown cause's look-alikes.
fn tell_apart(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Select a cause to compare it with its look-alikes".into());
        return;
    };
    let items = app.look_alikes(c);
    if items.is_empty() {
        app.message = Some(format!(
            "No look-alikes listed for {}",
            app.kb.causes[c].name
        ));
        return;
    }
    app.mode_state = ModeState::Compare(Picker {
        from: c,
        items,
        sel: 0,
    });
}

/// Enter in the picker: remember where we are, then show the chosen look-alike.
fn jump(app: &mut App) {
    let chosen = take_picker(app).and_then(|p| p.items.get(p.sel).copied());
    let Some(target) = chosen else {
        return;
    };
    let from = leaving(app);
    show_cause(app, target, None);
    arrived(app, from);
}

/// Where the user is: the tree selection and the filter.
fn here(app: &App) -> Visit {
    Visit {
        path: app.tree.selected().to_vec(),
        filter: app.filter,
    }
}

/// The place a cause is being opened from: the cause opened last, else the selection.
fn leaving(app: &App) -> Visit {
    app.opened.clone().unwrap_or_else(|| here(app))
}

/// A cause has been opened, coming `from`: remember `from` (if it was a cause and is not
/// where we are now) and forget the way forward.
fn arrived(app: &mut App, from: Visit) {
    let now = here(app);
    if from.path != now.path && matches!(from.path.last(), Some(NodeId::Cause(_))) {
        if app.history.len() >= HISTORY_MAX {
            app.history.remove(0);
        }
        app.history.push(from);
        app.forward.clear();
    }
    app.opened = Some(now);
}

/// Goes to a remembered place: its filter first, then its selection (or its cause).
fn restore(app: &mut App, visit: &Visit) {
    if visit.filter != app.filter {
        set_filter(app, visit.filter.trimester, visit.filter.week);
    }
    match visit.path.last() {
        Some(&NodeId::Cause(c)) => show_cause(app, c, Some(visit.path.clone())),
        _ => {
            if app.path_exists(&visit.path) {
                select_opened(app, visit.path.clone());
            }
        }
    }
    app.scroll = [0; 4];
    app.opened = Some(here(app));
}

/// `B`: where the last Back came from.
fn forward(app: &mut App) {
    let Some(next) = app.forward.pop() else {
        app.message = Some("Nothing forward (B comes back after b)".into());
        return;
    };
    let cur = leaving(app);
    app.history.push(cur);
    restore(app, &next);
}

/// Backspace / `b`: the selection before the last jump.
fn back(app: &mut App) {
    let Some(prev) = app.history.pop() else {
        app.message = Some("Nothing to go back to (open a cause first)".into());
        return;
    };
    let cur = leaving(app);
    if app.forward.len() >= HISTORY_MAX {
        app.forward.remove(0);
    }
    app.forward.push(cur);
    restore(app, &prev);
}

/// Swaps in the other view of the reference (with or without the guideline layer) and keeps
/// the session: the filter and gestation, ASCII mode, the search and its results, the find,
/// the history, the compare marks and the shown cause (where it exists in both; a guideline
/// cause leaves the marks and the history when the layer goes).
fn toggle_guidelines(app: &mut App) {
    let Some(other) = app.alternate.take() else {
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

    let other = *other;
    let kb = std::mem::replace(&mut app.kb, other.kb);
    let guidelines = std::mem::replace(&mut app.guidelines, other.guidelines);
    app.alternate = Some(Box::new(Reference { kb, guidelines }));
    app.index = crate::prebuilt::index_for(&app.kb);
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
        .first_key(super::keymap::Context::Browse, Action::ToggleGuidelines)
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

/// Selects a path, opening its ancestors.
fn select_opened(app: &mut App, path: Vec<NodeId>) {
    for i in 1..path.len() {
        app.tree.open(path[..i].to_vec());
    }
    app.tree.select(path);
    app.scroll = [0; 4];
}

/// Selects a cause: at `path` if that row is shown, else at its first place in the tree. A
/// filter that hides it is cleared, and the status line says so.
fn show_cause(app: &mut App, cause: usize, path: Option<Vec<NodeId>>) {
    if let Some(p) = path.filter(|p| app.path_exists(p)) {
        select_opened(app, p);
        return;
    }
    if app.path_to_cause(cause).is_none() && app.filter != Filter::default() {
        app.message = Some(format!(
            "Filter cleared: {} is not in {}",
            app.kb.causes[cause].name,
            app.filter_label()
        ));
    }
    reveal_cause(app, cause);
    app.scroll = [0; 4];
}

/// Select a cause in the tree, opening its stage and group.
pub fn reveal_cause(app: &mut App, cause: usize) -> bool {
    let path = app.path_to_cause(cause).or_else(|| {
        // Not shown under the current filter: drop the filter rather than lose the cause.
        set_filter(app, None, None);
        app.path_to_cause(cause)
    });
    match path {
        Some(p) => {
            for i in 1..p.len() {
                app.tree.open(p[..i].to_vec());
            }
            app.tree.select(p);
            true
        }
        None => false,
    }
}

fn accept_search(app: &mut App) {
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
fn clear_search(app: &mut App) {
    app.input.reset();
    app.search_stale = false;
    app.results.clear();
    app.result_sel = 0;
}

fn set_filter(app: &mut App, trimester: Option<u8>, week: Option<u8>) {
    app.filter.trimester = trimester;
    app.filter.week = week;
    app.rebuild_tree();
    if let Some(t) = trimester {
        // Jump to the trimester and show everything in it.
        let stage = vec![NodeId::Stage(t)];
        if app.path_exists(&stage) {
            app.tree.open(stage.clone());
            let groups: Vec<NodeId> = app
                .item_at(&stage)
                .map(|i| i.children().iter().map(|c| *c.identifier()).collect())
                .unwrap_or_default();
            for g in groups {
                app.tree.open(vec![NodeId::Stage(t), g]);
            }
            let keep = app.tree.selected().first() == Some(&NodeId::Stage(t));
            if !keep {
                app.tree.select(stage);
            }
        }
    }
    app.scroll = [0; 4];
    if !app.input.value().trim().is_empty() {
        app.refresh_results();
    }
}

/// Enter on the gestation line: back to browsing, filtered to the gestation typed.
fn accept_week(app: &mut App) {
    let typed = match std::mem::take(&mut app.mode_state) {
        ModeState::WeekEntry { input } => input,
        _ => String::new(),
    };
    if typed.trim().is_empty() {
        return;
    }
    let g = match gestation::parse(&typed, app.today) {
        Ok(g) => g,
        Err(e) => {
            app.message = Some(format!("Gestation not set: {e}"));
            return;
        }
    };
    if let Some(t) = app.kb.trimester_of_week(g.weeks) {
        set_filter(app, Some(t), Some(g.weeks));
        app.gestation = Some(g);
    } else {
        let (lo, hi) = (
            app.kb
                .trimesters
                .iter()
                .map(|t| t.weeks.from)
                .min()
                .unwrap_or(0),
            app.kb
                .trimesters
                .iter()
                .map(|t| t.weeks.to)
                .max()
                .unwrap_or(0),
        );
        app.message = Some(format!("Week {} is outside {lo}–{hi}", g.weeks));
    }
}

/// Recomputes the find matches for the shown cause (the lines as drawn, unhighlighted).
fn refresh_find(app: &mut App) {
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
fn go_to_match(app: &mut App) {
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
fn focus_match(app: &mut App, best: &crate::search::Match) {
    use crate::search::Field;
    let pane = match best.field {
        Field::Sign | Field::RiskFactor => Pane::Signs,
        Field::Diagnostic => Pane::Diagnostics,
        Field::Treatment => Pane::Treatment,
        Field::Name | Field::Alias | Field::Summary => return,
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
fn scroll_to_line(app: &mut App, pane: Pane, lines: &[ratatui::text::Line<'static>], line: usize) {
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

/// `c` on a cause: mark it (or unmark it); with two or more marked, show them side by side.
fn compare_mark(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Open a cause to compare it".into());
        return;
    };
    if let Some(i) = app.compared.iter().position(|&x| x == c) {
        app.compared.remove(i);
        app.message = Some(compare_status(app));
        return;
    }
    if app.compared.len() >= MAX_COMPARED {
        app.message = Some(format!(
            "At most {MAX_COMPARED} side by side: c on a marked cause removes it"
        ));
        return;
    }
    app.compared.push(c);
    if app.compared.len() >= 2 {
        open_side_by_side(app);
    } else {
        app.message = Some(compare_status(app));
    }
}

/// `c` in the look-alike picker: the cause and the highlighted look-alike, side by side.
fn compare_with_look_alike(app: &mut App) {
    let Some(p) = take_picker(app) else {
        return;
    };
    if let Some(&other) = p.items.get(p.sel) {
        app.compared = vec![p.from, other];
        open_side_by_side(app);
    }
}

/// Closes the look-alike picker (back to browsing) and returns it.
fn take_picker(app: &mut App) -> Option<Picker> {
    match std::mem::take(&mut app.mode_state) {
        ModeState::Compare(picker) => Some(picker),
        other => {
            app.mode_state = other;
            None
        }
    }
}

fn open_side_by_side(app: &mut App) {
    app.mode_state = ModeState::SideBySide { scroll: 0 };
}

/// What is marked for comparison, and what `c` does next.
fn compare_status(app: &App) -> String {
    let names: Vec<&str> = app
        .compared
        .iter()
        .filter_map(|&i| app.kb.causes.get(i))
        .map(|c| c.name.as_str())
        .collect();
    match names.len() {
        0 => "Nothing marked for comparison".into(),
        1 => format!(
            "Marked for comparison: {} — c on another cause shows them side by side",
            names[0]
        ),
        _ => format!(
            "Compared: {} — c on another cause adds it, c on a marked one removes it",
            names.join(", ")
        ),
    }
}

/// `y` in the comparison: its rows as text, for the event loop to copy.
fn copy_comparison(app: &mut App) {
    let note = super::compare::note(app, &app.compared, &note_context(app));
    app.message = Some(format!(
        "Copied comparison: {} causes ({} lines)",
        app.compared.len(),
        note.lines().count()
    ));
    app.clipboard = Some(note);
}

/// `y`: the open cause's note — what `obddx show` prints for it, after the gestation and the
/// time of copying — for the event loop to copy.
fn copy_note(app: &mut App) {
    let Some(c) = app.current_cause() else {
        app.message = Some("Open a cause to copy its note".into());
        return;
    };
    let cause = &app.kb.causes[c];
    let note = crate::note::cause_note(app.shown(), cause, &note_context(app));
    app.message = Some(format!(
        "Copied note: {} ({} lines)",
        cause.name,
        note.lines().count()
    ));
    app.clipboard = Some(note);
}

/// The first line of a copied note: when it was copied and, when set, the gestation.
fn note_context(app: &App) -> String {
    let mut line = format!(
        "obddx note, copied {}",
        super::clipboard::stamp(std::time::SystemTime::now())
    );
    if app.filter.week.is_some() {
        line.push_str(&format!(" · {}", app.filter_label()));
    }
    if app.guidelines.is_none() {
        line.push_str(&format!("\n{}", crate::labels::LAYER_OFF_LINE));
    }
    line
}

/// A click while browsing: a tree row selects (or, selected, opens or closes) it; a pane takes
/// the focus.
fn browse_click(app: &mut App, pos: Position) {
    if app.view.tree_area.contains(pos) {
        app.focus = Pane::Tree;
        let hit = app.view.tree.row_at(pos).map(<[NodeId]>::to_vec);
        if let Some(path) = hit
            && app.path_exists(&path)
        {
            if path.as_slice() == app.tree.selected() {
                toggle_selected(app);
            } else {
                app.tree.select(path);
                app.scroll = [0; 4];
            }
        }
    } else if let Some(i) = app.view.pane_areas.iter().position(|a| a.contains(pos)) {
        app.focus = Pane::DETAIL[i];
    }
}

/// The wheel while browsing scrolls what is under the pointer: the tree or a pane.
fn browse_wheel(app: &mut App, pos: Position, delta: isize) {
    if app.view.tree_area.contains(pos) {
        if delta < 0 {
            app.tree.scroll_up(delta.unsigned_abs());
        } else {
            let last = app.visible_rows().len().saturating_sub(1);
            app.tree.scroll_down(delta as usize, last);
        }
    } else if let Some(i) = app.view.pane_areas.iter().position(|a| a.contains(pos)) {
        scroll_pane(app, i, delta);
    }
}
