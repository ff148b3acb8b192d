//! All state changes: `update(app, action)`, plus [`apply_layout`], the one place where what
//! a frame measured enters the state. Pure with respect to the terminal, so tests drive them
//! directly. Mouse actions and scroll limits use the [`ViewLayout`] of the last frame.
//!
//! [`apply`] dispatches on the mode first: each mode's keys are handled by its own function
//! (`browse`, `search`, `week_entry`, `find_line`, `overlay`, `look_alike_picker`). This file is
//! that dispatch alone; what an action does lives with its feature: `navigation` (tree, panes,
//! mouse), `history` (places, back and forward), `search`, `filter`, `find`, `compare`, `copy`,
//! `layer`, `text_input` (the typed lines) and `workspace` (favourites, recents, new patient,
//! the handover note).

mod calc;
mod compare;
mod copy;
mod filter;
mod find;
mod history;
mod layer;
mod navigation;
mod search;
mod text_input;
mod workspace;

pub use history::reveal_cause;
pub use text_input::{FIND_INPUT_MAX, SEARCH_INPUT_MAX, paste_text};

use super::action::{Action, Pane, TextEdit};
use super::app::{App, Mode, ModeState, ViewLayout};
use super::find::Find;
use compare::{compare_mark, compare_status, compare_with_look_alike, jump, tell_apart};
use copy::{copy_comparison, copy_note};
use filter::{accept_week, set_filter};
use find::{go_to_match, next_match, refresh_find};
use history::{back, forward};
use layer::toggle_guidelines;
use navigation::{
    browse_click, browse_wheel, close_or_go_up, moved_within, open_or_go_down, open_selected, page,
    scroll_pane, step_tree, toggle_selected,
};
use ratatui::layout::Position;
use search::{
    accept_search, answer_question, clear_search, edit_search, leave_search, paste_search,
    start_search,
};
use text_input::{WEEK_INPUT_MAX, insert_capped, request, say_paste_cut};

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
            Mode::Confirm => workspace::confirm(app, action),
            Mode::Calc => calc::calculators(app, action),
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
            app.gestation_set_at = None;
        }
        Action::CalcStart => {
            if app.guidelines.is_some() {
                app.mode_state =
                    ModeState::Calc(Box::new(super::calc_form::CalcForm::new(app.gestation)));
            } else {
                app.message = Some(format!("Calculators: {}", crate::calc::REFUSAL));
            }
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
        Action::CopyHandover => workspace::copy_handover(app),
        Action::ToggleFavourite => workspace::toggle_favourite(app),
        Action::NewPatient => app.mode_state = ModeState::ConfirmNewPatient,
        Action::CompareMark => compare_mark(app),
        Action::TellApart => tell_apart(app),
        Action::Back => back(app),
        Action::Forward => forward(app),
        Action::ToggleGuidelines => toggle_guidelines(app),
        Action::HeaderMore => header_more(app),
        Action::HeaderLess => app.header_page = None,
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
        Action::AskAnswer { question, present } => answer_question(app, question, present),
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
            if app.view.results_area.contains(pos)
                && let Some(&(_, i)) = app.view.result_rows.iter().find(|(y, _)| *y == pos.y)
                && i < app.results.len()
            {
                app.result_sel = i;
                app.scroll = [0; 4];
            }
        }
        _ => {}
    }
}

/// `+`: the open cause's header over the right side, then its next page, then back in its
/// place (the last frame counted its pages).
fn header_more(app: &mut App) {
    match app.current_cause() {
        Some(c) => {
            let next = app.header_page_of(c).map_or(0, |page| page + 1);
            app.header_page = (next < app.view.header_pages.max(1)).then_some((c, next));
        }
        None => app.message = Some("Open a cause to see its whole header".into()),
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
