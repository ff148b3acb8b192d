//! `update` driven without a terminal, on the small fixture KB.

mod support;

use obddx::tui::action::TextEdit;
use obddx::tui::tree::{ANY_TIME, NodeId};
use obddx::tui::update::reveal_cause;
use obddx::tui::{Action, Mode, Pane, update::update};
use support::*;

fn selected(app: &obddx::tui::App) -> Vec<NodeId> {
    app.tree.selected().to_vec()
}

#[test]
fn starts_on_first_trimester_with_stages_open() {
    let app = fixture_app();
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.focus, Pane::Tree);
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
    let top: Vec<_> = app.tree_items.iter().map(|i| *i.identifier()).collect();
    assert_eq!(
        top,
        vec![
            NodeId::Stage(1),
            NodeId::Stage(2),
            NodeId::Stage(3),
            NodeId::Stage(ANY_TIME)
        ]
    );
    assert_eq!(app.stage_label(1), "1st trimester (≤13 w)");
    assert_eq!(app.stage_label(2), "2nd trimester (14–27 w)");
    assert_eq!(app.stage_label(3), "3rd trimester (28+ w)");
    assert_eq!(app.stage_label(ANY_TIME), "Any time");
}

#[test]
fn causes_appear_under_each_of_their_trimesters_and_any_time_once() {
    let app = fixture_app();
    let late = cause_index(&app, "late-two");
    let any = cause_index(&app, "any-three");
    for s in [2, 3] {
        assert!(app.path_exists(&[NodeId::Stage(s), NodeId::Group(1), NodeId::Cause(late)]));
    }
    assert!(!app.path_exists(&[NodeId::Stage(1), NodeId::Group(1), NodeId::Cause(late)]));
    assert!(app.path_exists(&[
        NodeId::Stage(ANY_TIME),
        NodeId::Group(0),
        NodeId::Cause(any)
    ]));
    assert!(!app.path_exists(&[NodeId::Stage(1), NodeId::Group(0), NodeId::Cause(any)]));
}

#[test]
fn navigation_expand_collapse() {
    let mut app = fixture_app();
    update(&mut app, Action::Down);
    assert_eq!(selected(&app), vec![NodeId::Stage(1), NodeId::Group(0)]);
    // Right opens the group, Right again goes to its first child.
    update(&mut app, Action::Right);
    assert!(
        app.tree
            .opened()
            .contains(&vec![NodeId::Stage(1), NodeId::Group(0)])
    );
    update(&mut app, Action::Right);
    let early = cause_index(&app, "early-one");
    assert_eq!(selected(&app).last(), Some(&NodeId::Cause(early)));
    assert_eq!(app.current_cause(), Some(early));
    // Right on a cause moves focus into its signs; Left comes back.
    update(&mut app, Action::Right);
    assert_eq!(app.focus, Pane::Signs);
    update(&mut app, Action::Left);
    assert_eq!(app.focus, Pane::Tree);
    // Left on a leaf goes to the parent; Left again collapses it.
    update(&mut app, Action::Left);
    assert_eq!(selected(&app), vec![NodeId::Stage(1), NodeId::Group(0)]);
    update(&mut app, Action::Left);
    assert!(
        !app.tree
            .opened()
            .contains(&vec![NodeId::Stage(1), NodeId::Group(0)])
    );
    // Space toggles; Enter on a node toggles too.
    update(&mut app, Action::Toggle);
    assert!(
        app.tree
            .opened()
            .contains(&vec![NodeId::Stage(1), NodeId::Group(0)])
    );
    update(&mut app, Action::Open);
    assert!(
        !app.tree
            .opened()
            .contains(&vec![NodeId::Stage(1), NodeId::Group(0)])
    );
    // Home/End and Up at the top stay in bounds.
    update(&mut app, Action::End);
    assert_eq!(selected(&app).first(), Some(&NodeId::Stage(ANY_TIME)));
    update(&mut app, Action::Home);
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
    update(&mut app, Action::Up);
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
    update(&mut app, Action::PageDown);
    update(&mut app, Action::PageUp);
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
}

#[test]
fn enter_on_a_cause_focuses_its_signs() {
    let mut app = fixture_app();
    let early = cause_index(&app, "early-one");
    obddx::tui::update::reveal_cause(&mut app, early);
    update(&mut app, Action::Open);
    assert_eq!(app.focus, Pane::Signs);
}

#[test]
fn focus_cycles_through_every_pane() {
    let mut app = fixture_app();
    let mut seen = vec![app.focus];
    for _ in 0..5 {
        update(&mut app, Action::FocusNext);
        seen.push(app.focus);
    }
    assert_eq!(
        seen,
        vec![
            Pane::Tree,
            Pane::Signs,
            Pane::Diagnostics,
            Pane::Treatment,
            Pane::Sources,
            Pane::Tree
        ]
    );
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.focus, Pane::Sources);
    update(&mut app, Action::Focus(Pane::Diagnostics));
    assert_eq!(app.focus, Pane::Diagnostics);
}

/// The ranked results (before the pinned must-not-miss rows).
fn ranked(app: &obddx::tui::App) -> &[obddx::search::Hit] {
    &app.results[..app.results.len() - app.pinned]
}

#[test]
fn search_typing_ranks_and_enter_opens_in_tree() {
    let mut app = fixture_app();
    update(&mut app, Action::SearchStart);
    assert_eq!(app.mode(), Mode::Search);
    // Empty query: every cause ranked once, then, as no stage is stated, the emergencies of
    // every stage that the first rows do not show, pinned (issue 19: no stage, no safety net).
    assert_eq!(ranked(&app).len(), app.kb.causes.len());
    let late = cause_index(&app, "late-two");
    let first_two: Vec<usize> = app.results.iter().take(2).map(|h| h.cause).collect();
    assert!(
        !first_two.contains(&late),
        "the fixture's emergency ranks below the first two"
    );
    assert_eq!(app.pinned, 1);
    assert_eq!(app.results.last().map(|h| h.cause), Some(late));
    type_text(&mut app, "contact");
    let any = cause_index(&app, "any-three");
    assert_eq!(app.results.first().map(|h| h.cause), Some(any));
    assert_eq!(app.current_cause(), Some(any));
    // q and digits are text in search.
    type_text(&mut app, "q1");
    assert_eq!(app.input.value(), "contactq1");
    assert!(!app.should_quit);
    update(&mut app, Action::SearchEdit(TextEdit::Backspace));
    update(&mut app, Action::SearchEdit(TextEdit::Backspace));
    update(&mut app, Action::SearchAccept);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.selected_node(), Some(NodeId::Cause(any)));
    assert!(app.path_exists(app.tree.selected()));
    // The text is kept for highlighting until cleared.
    assert_eq!(app.input.value(), "contact");
    assert!(app.current_hit().is_some());
    update(&mut app, Action::ClearSearch);
    assert_eq!(app.input.value(), "");
    assert!(app.current_hit().is_none());
}

#[test]
fn search_esc_keeps_previous_selection() {
    let mut app = fixture_app();
    update(&mut app, Action::Down);
    let before = selected(&app);
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "heavy");
    update(&mut app, Action::Down);
    update(&mut app, Action::SearchCancel);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(selected(&app), before);
    assert_eq!(app.input.value(), "");
}

#[test]
fn search_moves_stay_in_bounds_and_no_match_is_handled() {
    let mut app = fixture_app();
    update(&mut app, Action::SearchStart);
    for _ in 0..20 {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.result_sel, app.results.len() - 1);
    type_text(&mut app, "zzzz-no-such-thing");
    // No cause matches the words: nothing is ranked, but with no stage stated the
    // emergencies stay pinned (search fails safe), and the selection is on them.
    assert!(ranked(&app).is_empty());
    let late = cause_index(&app, "late-two");
    let pinned: Vec<usize> = app.results.iter().map(|h| h.cause).collect();
    assert_eq!(pinned, vec![late]);
    assert!(app.is_pinned(0));
    assert_eq!(app.current_cause(), Some(late));
    // The screen says that nothing matched, above the pinned band.
    let shown = screen(&mut app, 80, 24);
    let no_match = shown.find("No match").expect(&shown);
    assert!(shown[no_match..].contains("⚑ must not miss"), "{shown}");
    for _ in 0..5 {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.result_sel, 0);
    // With a stated stage that has no emergency, nothing at all is listed: Enter keeps the
    // selection from before the search and says so.
    update(&mut app, Action::SearchCancel);
    update(&mut app, Action::FilterTrimester(Some(1)));
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "zzzz-no-such-thing");
    assert!(app.results.is_empty());
    assert_eq!(app.current_cause(), None);
    let before = app.saved_selection().to_vec();
    update(&mut app, Action::SearchAccept);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(selected(&app), before);
    assert!(app.message.is_some());
}

#[test]
fn ask_next_offers_the_os_or_pain_and_a_key_adds_the_answer_to_the_query() {
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    // Nothing typed yet: no differential to narrow, no questions.
    assert!(app.ask_next.is_empty(), "{:?}", app.ask_next);
    type_text(&mut app, "bleeding 9 weeks");
    assert!((2..=3).contains(&app.ask_next.len()), "{:?}", app.ask_next);
    assert_eq!(
        app.ask_next,
        app.index.ask_next(&app.query(), &app.results),
        "the browser shows the search's own questions"
    );
    let asks_os_or_pain = app
        .ask_next
        .iter()
        .position(|a| a.id == "os-open" || a.id == "pain")
        .expect("the os or pain among the questions");
    let ask = app.ask_next[asks_os_or_pain].clone();
    update(
        &mut app,
        Action::AskAnswer {
            question: asks_os_or_pain as u8,
            present: false,
        },
    );
    // The answer joins the query and the search re-runs on it.
    assert_eq!(
        app.input.value(),
        format!("bleeding 9 weeks, {}", ask.if_absent)
    );
    assert_eq!(app.results, {
        let mut fresh = app.index.search(&app.kb, &app.query());
        let pinned = app.results.len() - ranked(&app).len();
        fresh.extend_from_slice(&app.results[app.results.len() - pinned..]);
        fresh
    });
    assert!(
        app.ask_next.iter().all(|a| a.id != ask.id),
        "an answered question is not asked again: {:?}",
        app.ask_next
    );
    assert_eq!(app.result_sel, 0);
    // Yes adds the finding itself.
    let next = app.ask_next[0].clone();
    update(
        &mut app,
        Action::AskAnswer {
            question: 0,
            present: true,
        },
    );
    assert!(
        app.input
            .value()
            .ends_with(&format!(", {}", next.if_present)),
        "{}",
        app.input.value()
    );
    // A question not listed changes nothing and says so.
    let before = app.input.value().to_string();
    app.ask_next.truncate(1);
    update(
        &mut app,
        Action::AskAnswer {
            question: 2,
            present: true,
        },
    );
    assert_eq!(app.input.value(), before);
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("No question 3")
    );
}

#[test]
fn ask_next_answers_a_selected_previous_query_by_adding_to_it() {
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "bleeding 9 weeks");
    update(&mut app, Action::SearchAccept);
    // `/` again: the previous query is selected (typing would replace it); an answer adds.
    update(&mut app, Action::SearchStart);
    assert!(app.query_selected());
    let ask = app.ask_next[0].clone();
    update(
        &mut app,
        Action::AskAnswer {
            question: 0,
            present: true,
        },
    );
    assert!(!app.query_selected());
    assert_eq!(
        app.input.value(),
        format!("bleeding 9 weeks, {}", ask.if_present)
    );
}

#[test]
fn plus_shows_the_whole_header_page_by_page_and_minus_puts_it_back() {
    let mut app = embedded_app();
    // Plus with no cause shown says so.
    update(&mut app, Action::HeaderMore);
    assert!(app.message.is_some());
    let praevia = cause_index(&app, "placenta-praevia");
    reveal_cause(&mut app, praevia);
    let _ = render(&mut app, 80, 24);
    let pages = app.view.header_pages;
    assert!(pages >= 1);
    update(&mut app, Action::HeaderMore);
    assert_eq!(app.header_page_of(praevia), Some(0));
    for page in 1..pages {
        update(&mut app, Action::HeaderMore);
        assert_eq!(app.header_page_of(praevia), Some(page));
    }
    // After the last page: back in its place.
    update(&mut app, Action::HeaderMore);
    assert_eq!(app.header_page_of(praevia), None);
    update(&mut app, Action::HeaderMore);
    update(&mut app, Action::HeaderLess);
    assert_eq!(app.header_page_of(praevia), None);
    // Expanded for one cause only: another opens with its header in place.
    update(&mut app, Action::HeaderMore);
    let abruption = cause_index(&app, "placental-abruption");
    reveal_cause(&mut app, abruption);
    assert_eq!(app.header_page_of(abruption), None);
}

#[test]
fn trimester_filters_tree_and_search() {
    let mut app = fixture_app();
    update(&mut app, Action::FilterTrimester(Some(2)));
    let top: Vec<_> = app.tree_items.iter().map(|i| *i.identifier()).collect();
    assert_eq!(top, vec![NodeId::Stage(2), NodeId::Stage(ANY_TIME)]);
    assert_eq!(selected(&app), vec![NodeId::Stage(2)]);
    // Its groups are expanded.
    let rows = app.visible_rows();
    let late = cause_index(&app, "late-two");
    assert!(rows.iter().any(|p| p.last() == Some(&NodeId::Cause(late))));
    assert!(app.filter_label().contains("2nd"));
    // Search respects the filter.
    update(&mut app, Action::SearchStart);
    let early = cause_index(&app, "early-one");
    assert!(app.results.iter().all(|h| h.cause != early));
    update(&mut app, Action::SearchCancel);
    update(&mut app, Action::FilterTrimester(None));
    assert_eq!(app.tree_items.len(), 4);
    assert_eq!(app.filter_label(), "all stages");
}

#[test]
fn filter_keeps_a_selected_cause_that_is_still_shown() {
    let mut app = fixture_app();
    let late = cause_index(&app, "late-two");
    obddx::tui::update::reveal_cause(&mut app, late);
    // Shown under the 2nd trimester first; the 3rd-trimester filter keeps it, moved there.
    update(&mut app, Action::FilterTrimester(Some(3)));
    assert_eq!(
        selected(&app),
        vec![NodeId::Stage(3), NodeId::Group(1), NodeId::Cause(late)]
    );
    // Not shown in the 1st trimester: the selection falls back to that trimester.
    update(&mut app, Action::FilterTrimester(Some(1)));
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
}

#[test]
fn week_entry_filters_to_its_trimester() {
    let mut app = fixture_app();
    app.today = jiff::civil::date(2026, 11, 22);
    update(&mut app, Action::WeekStart);
    assert_eq!(app.mode(), Mode::WeekEntry);
    update(&mut app, Action::WeekDigit(3));
    update(&mut app, Action::WeekDigit(2));
    assert_eq!(app.week_input(), "32");
    update(&mut app, Action::WeekAccept);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.filter.week, Some(32));
    assert_eq!(app.filter.trimester, Some(3));
    assert_eq!(selected(&app), vec![NodeId::Stage(3)]);
    // 280 − 224 days from 2026-11-22.
    assert_eq!(
        app.filter_label(),
        "GA 32+0 (3rd trimester), EDD 2027-01-17"
    );
    assert_eq!(app.query().week, Some(32));

    // Out of range: a message, the typed text kept to correct, the filter unchanged.
    update(&mut app, Action::WeekStart);
    update(&mut app, Action::WeekDigit(9));
    update(&mut app, Action::WeekDigit(9));
    update(&mut app, Action::WeekAccept);
    assert!(app.message.as_deref().unwrap_or("").contains("99"));
    assert_eq!(app.mode(), Mode::WeekEntry);
    assert_eq!(app.week_input(), "99");
    assert_eq!(app.filter.week, Some(32));
    update(&mut app, Action::WeekCancel);

    // Backspace and cancel.
    update(&mut app, Action::WeekStart);
    update(&mut app, Action::WeekDigit(5));
    update(&mut app, Action::WeekBackspace);
    assert_eq!(app.week_input(), "");
    update(&mut app, Action::WeekCancel);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.filter.week, Some(32));
}

#[test]
fn help_and_about_toggle() {
    let mut app = fixture_app();
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Browse);
    update(&mut app, Action::ToggleAbout);
    assert_eq!(app.mode(), Mode::About);
    update(&mut app, Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    update(&mut app, Action::CloseOverlay);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn quit() {
    let mut app = fixture_app();
    update(&mut app, Action::Quit);
    assert!(app.should_quit);
}

#[test]
fn panes_scroll_within_limits_after_render() {
    let mut app = fixture_app();
    let early = cause_index(&app, "early-one");
    obddx::tui::update::reveal_cause(&mut app, early);
    update(&mut app, Action::Focus(Pane::Signs));
    render(&mut app, 40, 12);
    for _ in 0..50 {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.scroll[0], app.view.max_scroll[0]);
    update(&mut app, Action::Home);
    assert_eq!(app.scroll[0], 0);
    update(&mut app, Action::End);
    assert_eq!(app.scroll[0], app.view.max_scroll[0]);
}

#[test]
fn mouse_click_selects_rows_and_focuses_panes() {
    let mut app = fixture_app();
    render(&mut app, 100, 30);
    // Row 2 of the screen is the first tree row (title bar, then the border).
    let area = app.view.tree_area;
    update(
        &mut app,
        Action::Click {
            column: area.x + 3,
            row: area.y + 2,
        },
    );
    assert_eq!(selected(&app), vec![NodeId::Stage(1), NodeId::Group(0)]);
    // Clicking it again toggles it.
    update(
        &mut app,
        Action::Click {
            column: area.x + 3,
            row: area.y + 2,
        },
    );
    assert!(
        app.tree
            .opened()
            .contains(&vec![NodeId::Stage(1), NodeId::Group(0)])
    );
    // Open a cause so panes are drawn, then click one.
    let early = cause_index(&app, "early-one");
    obddx::tui::update::reveal_cause(&mut app, early);
    render(&mut app, 100, 30);
    let r = app.view.pane_areas[2];
    assert!(!r.is_empty());
    update(
        &mut app,
        Action::Click {
            column: r.x + 1,
            row: r.y + 1,
        },
    );
    assert_eq!(app.focus, Pane::Treatment);
    // Wheel anywhere never panics.
    update(&mut app, Action::ScrollDown { column: 0, row: 0 });
    update(
        &mut app,
        Action::ScrollUp {
            column: 99,
            row: 29,
        },
    );
}

#[test]
fn actions_round_trip_through_serde() {
    let all = [
        Action::Quit,
        Action::SearchEdit(TextEdit::Insert('é')),
        Action::FilterTrimester(Some(2)),
        Action::Focus(Pane::Sources),
        Action::Click { column: 3, row: 4 },
        Action::TellApart,
        Action::Back,
    ];
    for a in all {
        let s = serde_json::to_string(&a).unwrap();
        let back: Action = serde_json::from_str(&s).unwrap();
        assert_eq!(a, back);
    }
}

/// The tree pane's rows as drawn in the last frame.
fn shown_rows(app: &obddx::tui::App) -> Vec<Vec<NodeId>> {
    app.view.tree.rows.iter().map(|(_, p)| p.clone()).collect()
}

#[test]
fn tree_offset_persists_across_frames_and_keeps_the_selection_on_screen() {
    let mut app = embedded_app();
    // Trimester 1 with every group open: more rows than a 12-row terminal shows.
    update(&mut app, Action::FilterTrimester(Some(1)));
    render(&mut app, 100, 12);
    let height = app.view.tree.inner.height as usize;
    let total = app.visible_rows().len();
    assert!(total > 2 * height, "{total} rows for a {height}-row pane");

    let mut last_offset = 0;
    for _ in 0..total + 3 {
        update(&mut app, Action::Down);
        render(&mut app, 100, 12);
        let sel = selected(&app);
        assert!(
            shown_rows(&app).contains(&sel),
            "selection {sel:?} is off screen"
        );
        let offset = app.tree.offset();
        assert!(offset >= last_offset, "the tree scrolled back");
        last_offset = offset;
    }
    assert!(last_offset > 0, "a long tree scrolls");
    assert_eq!(
        selected(&app),
        *app.visible_rows().last().unwrap(),
        "Down stops at the last row"
    );
    // Up within the window moves the selection, not the window: the offset is kept.
    update(&mut app, Action::Up);
    render(&mut app, 100, 12);
    assert_eq!(app.tree.offset(), last_offset);
    assert!(shown_rows(&app).contains(&selected(&app)));

    // The wheel scrolls the tree away from the selection, and further frames keep it there...
    update(&mut app, Action::Home);
    render(&mut app, 100, 12);
    assert_eq!(app.tree.offset(), 0);
    let area = app.view.tree_area;
    let wheel = Action::ScrollDown {
        column: area.x + 2,
        row: area.y + 2,
    };
    for _ in 0..4 {
        update(&mut app, wheel.clone());
    }
    render(&mut app, 100, 12);
    render(&mut app, 100, 12);
    assert_eq!(app.tree.offset(), 12);
    assert!(!shown_rows(&app).contains(&selected(&app)));
    // ...until the selection moves: then it is brought back on screen.
    update(&mut app, Action::Down);
    render(&mut app, 100, 12);
    assert!(shown_rows(&app).contains(&selected(&app)));
}

#[test]
fn drawing_reads_the_state_only_and_is_deterministic() {
    use ratatui::{Terminal, backend::TestBackend};
    let mut app = embedded_app();
    update(&mut app, Action::FilterTrimester(Some(1)));
    for _ in 0..15 {
        update(&mut app, Action::Down);
    }
    let mut states = Vec::new();
    // A pending reveal, a stored layout, search results and an overlay all draw the same twice.
    for step in [
        None,
        Some(Action::Down),
        Some(Action::SearchStart),
        Some(Action::SearchEdit(TextEdit::Insert('p'))),
        Some(Action::SearchCancel),
        Some(Action::ToggleHelp),
    ] {
        if let Some(a) = step {
            update(&mut app, a);
        }
        for (w, h) in [(100, 12), (120, 40), (30, 8)] {
            let mut t1 = Terminal::new(TestBackend::new(w, h)).unwrap();
            let mut t2 = Terminal::new(TestBackend::new(w, h)).unwrap();
            let l1 = draw_on(&mut t1, &app);
            let l2 = draw_on(&mut t2, &app);
            assert_eq!(t1.backend().buffer(), t2.backend().buffer());
            assert_eq!(l1, l2);
            // Drawing again on the same terminal changes nothing either.
            let l3 = draw_on(&mut t1, &app);
            assert_eq!(t1.backend().buffer(), t2.backend().buffer());
            assert_eq!(l1, l3);
            states.push(l1);
        }
        render(&mut app, 100, 12);
    }
    assert!(states.iter().any(|l| l.tree.offset.is_some_and(|o| o > 0)));
}

/// Selects a cause in the tree (as search or a click would), focus on the tree.
fn open_cause(app: &mut obddx::tui::App, id: &str) -> usize {
    let c = cause_index(app, id);
    assert!(obddx::tui::update::reveal_cause(app, c));
    c
}

fn assert_selection_shown(app: &obddx::tui::App) {
    let sel = selected(app);
    assert!(
        app.visible_rows().contains(&sel),
        "selection {sel:?} not visible"
    );
}

#[test]
fn tell_apart_picker_opens_moves_and_jumps() {
    let mut app = fixture_app();
    let early = open_cause(&mut app, "early-one");
    let late = cause_index(&app, "late-two");
    let any = cause_index(&app, "any-three");

    update(&mut app, Action::TellApart);
    assert_eq!(app.mode(), Mode::Compare);
    let p = app.picker().cloned().expect("picker open");
    assert_eq!(p.from, early);
    assert_eq!(p.items, vec![late, any]);
    assert_eq!(p.sel, 0);
    // Up/Down choose, within bounds.
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    assert_eq!(app.picker().map(|p| p.sel), Some(1));
    update(&mut app, Action::Up);
    update(&mut app, Action::Up);
    assert_eq!(app.picker().map(|p| p.sel), Some(0));
    // The tree does not move while choosing.
    assert_eq!(app.current_cause(), Some(early));

    update(&mut app, Action::Open);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.picker().is_none());
    assert_eq!(app.current_cause(), Some(late));
    // Its stage and group are opened: first place in the tree, 2nd trimester.
    assert_eq!(
        selected(&app),
        vec![NodeId::Stage(2), NodeId::Group(1), NodeId::Cause(late)]
    );
    assert_selection_shown(&app);
    assert_eq!(app.history.len(), 1);
    assert_eq!(app.message, None);
}

#[test]
fn back_returns_through_the_jumps_in_reverse() {
    let mut app = fixture_app();
    let early = open_cause(&mut app, "early-one");
    let start = selected(&app);
    let late = cause_index(&app, "late-two");
    let any = cause_index(&app, "any-three");

    // early-one → any-three (second look-alike) → back, then early-one → late-two → early-one.
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    assert_eq!(app.current_cause(), Some(any));
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), start);

    update(&mut app, Action::TellApart);
    update(&mut app, Action::Open);
    assert_eq!(app.current_cause(), Some(late));
    let at_late = selected(&app);
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Open);
    assert_eq!(app.current_cause(), Some(early));
    assert_eq!(app.history.len(), 2);

    update(&mut app, Action::Back);
    assert_eq!(selected(&app), at_late);
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), start);
    assert_selection_shown(&app);
    assert!(app.history.is_empty());
    // Nothing left: a message, and the selection stays.
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), start);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("Nothing to go back to")),
        "{:?}",
        app.message
    );
}

#[test]
fn back_reopens_a_collapsed_group() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    let start = selected(&app);
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Open);
    // Collapse the group the jump came from.
    app.tree.close(&start[..2]);
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), start);
    assert_selection_shown(&app);
}

#[test]
fn esc_closes_the_picker_without_moving() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    let start = selected(&app);
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Down);
    update(&mut app, Action::CloseOverlay);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.picker().is_none());
    assert_eq!(selected(&app), start);
    assert!(app.history.is_empty());
}

#[test]
fn tell_apart_without_look_alikes_says_so() {
    let mut app = fixture_app();
    let any = open_cause(&mut app, "any-three");
    let start = selected(&app);
    update(&mut app, Action::TellApart);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.picker().is_none());
    assert_eq!(selected(&app), start);
    assert_eq!(
        app.message.as_deref(),
        Some(format!("No look-alikes listed for {}", app.kb.causes[any].name).as_str())
    );
    // Enter and Back do nothing harmful afterwards.
    update(&mut app, Action::Open);
    update(&mut app, Action::Back);
    assert_eq!(app.current_cause(), Some(any));

    // On a trimester row there is no cause to compare.
    let mut app = fixture_app();
    assert_eq!(selected(&app), vec![NodeId::Stage(1)]);
    update(&mut app, Action::TellApart);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("Select a cause")),
        "{:?}",
        app.message
    );
}

#[test]
fn jump_to_a_look_alike_hidden_by_the_filter_clears_it() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    update(&mut app, Action::FilterTrimester(Some(1)));
    let early = cause_index(&app, "early-one");
    let late = cause_index(&app, "late-two");
    assert_eq!(app.current_cause(), Some(early), "still shown in the 1st");
    assert!(app.path_to_cause(late).is_none(), "late-two is hidden");

    update(&mut app, Action::TellApart);
    update(&mut app, Action::Open);
    assert_eq!(app.filter.trimester, None);
    assert_eq!(app.current_cause(), Some(late));
    assert_selection_shown(&app);
    assert_eq!(
        app.message.as_deref(),
        Some("Filter cleared: Late two is not in 1st trimester")
    );
    // And back again (the filter stays cleared).
    update(&mut app, Action::Back);
    assert_eq!(app.current_cause(), Some(early));
    assert_selection_shown(&app);
}

#[test]
fn jump_keeps_a_filter_that_shows_the_look_alike() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    update(&mut app, Action::FilterTrimester(Some(1)));
    let any = cause_index(&app, "any-three");
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Down);
    update(&mut app, Action::Open);
    // Causes of any time are shown under every filter.
    assert_eq!(app.filter.trimester, Some(1));
    assert_eq!(app.current_cause(), Some(any));
    assert_eq!(app.message, None);
}

#[test]
fn picker_is_drawn_and_a_click_selects_a_row() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    update(&mut app, Action::TellApart);
    let text = screen(&mut app, 100, 30);
    assert!(text.contains("Tell apart from Early one"), "{text}");
    assert!(text.contains("▶ !! EMERGENCY  Late two"), "{text}");
    // late-two has no distinguishing sign: its first sign is shown.
    assert!(text.contains("• Heavy bleeding with pain"), "{text}");
    assert!(text.contains("! URGENT  Any three"), "{text}");
    assert_eq!(app.view.picker_rows.len(), 2);

    let row = app.view.picker_rows[1];
    update(
        &mut app,
        Action::Click {
            column: row.x + 3,
            row: row.y + 1,
        },
    );
    assert_eq!(app.mode(), Mode::Compare);
    assert_eq!(app.picker().map(|p| p.sel), Some(1));
    // A click outside the box closes it.
    update(&mut app, Action::Click { column: 0, row: 0 });
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.picker().is_none());
}

#[test]
fn header_hints_the_compare_key() {
    let mut app = fixture_app();
    open_cause(&mut app, "early-one");
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Tell apart from:"), "{text}");
    assert!(text.contains("(t to compare)"), "{text}");
}

fn find_text(app: &mut obddx::tui::App, text: &str) {
    for ch in text.chars() {
        update(app, Action::FindEdit(TextEdit::Insert(ch)));
    }
}

#[test]
fn find_counts_matches_steps_and_focuses_their_pane() {
    let mut app = embedded_app();
    let c = cause_index(&app, "placenta-praevia");
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::FindStart);
    assert_eq!(app.mode(), Mode::Find);
    // The example: the guideline's "no digital vaginal examination" rule (G4).
    find_text(&mut app, "digital");
    let n = app.find.matches.len();
    assert!(n > 0, "no match for digital in praevia");
    assert_eq!(
        app.message.as_deref(),
        Some(format!("match 1 of {n}").as_str())
    );
    // First in the header's do-now block, then in full in the Tests pane.
    let first = app.find.matches[0];
    assert_eq!(first.pane, None);
    assert!(
        app.find
            .matches
            .iter()
            .any(|m| m.pane == Some(Pane::Diagnostics))
    );
    update(&mut app, Action::FindAccept);
    assert_eq!(app.mode(), Mode::Browse);
    update(&mut app, Action::FindNext);
    let k = if n > 1 { 2 } else { 1 };
    assert_eq!(
        app.message.as_deref(),
        Some(format!("match {k} of {n}").as_str())
    );
    update(&mut app, Action::FindPrev);
    assert_eq!(
        app.message.as_deref(),
        Some(format!("match 1 of {n}").as_str())
    );
    // The word is on screen at 80×24, highlighted where the current match is.
    let s = screen(&mut app, 80, 24).to_lowercase();
    assert!(s.contains("digital"), "{s}");
    update(&mut app, Action::FindStart);
    update(&mut app, Action::FindCancel);
    assert!(!app.find.is_active());
    assert!(app.find.matches.is_empty());
}

#[test]
fn find_with_no_match_says_so() {
    let mut app = embedded_app();
    let c = cause_index(&app, "placenta-praevia");
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::FindStart);
    find_text(&mut app, "zzqqxx");
    assert!(app.find.matches.is_empty());
    assert!(app.message.as_deref().unwrap_or("").contains("no match"));
}

#[test]
fn copy_builds_the_cited_note_for_the_event_loop() {
    let mut app = embedded_app();
    update(&mut app, Action::Copy);
    assert!(app.clipboard.is_none(), "no cause open: nothing to copy");
    let c = cause_index(&app, "placenta-praevia");
    obddx::tui::update::reveal_cause(&mut app, c);
    update(&mut app, Action::Copy);
    let note = app.clipboard.clone().expect("a note");
    // What `show` prints for the cause, after one line of context.
    let show = obddx::note::render_show(
        app.shown(),
        &app.kb.causes[c],
        obddx::note::TextSink::default(),
    );
    let (context, rest) = note.split_once("\n\n").expect("a context line");
    assert!(context.starts_with("obddx note, copied "), "{context}");
    assert_eq!(rest, obddx::note::Sink::finish(show));
    assert!(note.contains("No digital vaginal examination"));
    assert!(note.contains(&app.kb.meta.disclaimer));
    assert!(note.contains("[articles ¶"));
    assert!(app.message.as_deref().unwrap_or("").starts_with("Copied"));
}

fn enter_gestation(app: &mut obddx::tui::App, text: &str) {
    update(app, Action::WeekStart);
    for ch in text.chars() {
        let a = match ch.to_digit(10) {
            Some(d) => Action::WeekDigit(d as u8),
            None => Action::WeekChar(ch),
        };
        update(app, a);
    }
    update(app, Action::WeekAccept);
}

#[test]
fn gestation_weeks_plus_days_and_lmp_show_in_the_header() {
    let mut app = embedded_app();
    app.today = jiff::civil::date(2026, 11, 22);
    enter_gestation(&mut app, "32+4");
    assert_eq!(app.filter.week, Some(32));
    assert!(screen(&mut app, 80, 24).contains("GA 32+4"));
    // 90 days before 2026-11-22.
    enter_gestation(&mut app, "2026-08-24");
    assert_eq!(
        app.gestation.map(|g| g.to_string()).as_deref(),
        Some("12+6")
    );
    assert!(screen(&mut app, 80, 24).contains("GA 12+6"));
    enter_gestation(&mut app, "2027-01-01");
    assert!(app.message.as_deref().unwrap_or("").contains("after today"));
    update(&mut app, Action::WeekCancel);
    assert_eq!(
        app.gestation.map(|g| g.to_string()).as_deref(),
        Some("12+6")
    );
    update(&mut app, Action::FilterTrimester(None));
    assert!(app.gestation.is_none());
}

fn causes(app: &obddx::tui::App) -> Vec<usize> {
    app.results.iter().map(|h| h.cause).collect()
}

#[test]
fn paste_is_one_line_of_the_search() {
    use obddx::tui::update::paste_text;
    assert_eq!(paste_text("a\r\nb\nc\td\re"), "a b c d e");
    assert_eq!(paste_text("x\u{1b}[31my\u{7}\u{0}z\u{7f}"), "x[31myz");
    assert_eq!(paste_text("pré-éclampsie"), "pré-éclampsie");

    // Browsing: a paste starts a search with the text.
    let mut app = fixture_app();
    update(&mut app, Action::Paste("heavy\nbleeding\t".into()));
    assert_eq!(app.mode(), Mode::Search);
    assert_eq!(app.input.value(), "heavy bleeding ");
    assert_eq!(app.message, None);
    let mut typed = fixture_app();
    update(&mut typed, Action::SearchStart);
    type_text(&mut typed, "heavy bleeding ");
    assert_eq!(causes(&app), causes(&typed));
    assert!(!app.results.is_empty());

    // In the search line: inserted at the cursor.
    update(&mut app, Action::SearchEdit(TextEdit::Start));
    update(&mut app, Action::Paste("early ".into()));
    assert_eq!(app.input.value(), "early heavy bleeding ");
}

#[test]
fn a_long_paste_is_cut_at_the_line_limit_and_says_so() {
    use obddx::tui::update::SEARCH_INPUT_MAX;
    let mut app = fixture_app();
    update(&mut app, Action::SearchStart);
    let long = "bleeding\n".repeat(2_000); // 18,000 characters
    update(&mut app, Action::Paste(long));
    assert_eq!(app.input.value().chars().count(), SEARCH_INPUT_MAX);
    assert!(app.input.value().starts_with("bleeding bleeding"));
    let msg = app.message.clone().expect("the cut is reported");
    assert!(msg.contains("256") && msg.contains("17744"), "{msg}");
    // Typing past the limit is refused too, and said.
    update(&mut app, Action::SearchEdit(TextEdit::Insert('x')));
    assert_eq!(app.input.value().chars().count(), SEARCH_INPUT_MAX);
    assert!(app.message.as_deref().unwrap_or("").contains("256"));
    // Deleting still works.
    update(&mut app, Action::SearchEdit(TextEdit::Backspace));
    assert_eq!(app.input.value().chars().count(), SEARCH_INPUT_MAX - 1);
}

#[test]
fn a_burst_of_edits_is_ranked_once() {
    use obddx::tui::update::{apply, settle};
    let mut app = fixture_app();
    update(&mut app, Action::SearchStart);
    let before = causes(&app);
    // The event loop applies a burst, then settles once before drawing.
    for ch in "bleeding".chars() {
        apply(&mut app, Action::SearchEdit(TextEdit::Insert(ch)));
        assert!(app.search_stale);
        assert_eq!(causes(&app), before, "no ranking per character");
    }
    apply(&mut app, Action::Paste(" heavy".into()));
    assert_eq!(causes(&app), before, "no ranking for the paste either");
    settle(&mut app);
    assert!(!app.search_stale);
    let mut one_by_one = fixture_app();
    update(&mut one_by_one, Action::SearchStart);
    type_text(&mut one_by_one, "bleeding heavy");
    assert_eq!(causes(&app), causes(&one_by_one));
    assert_ne!(causes(&app), before);

    // An action that reads the results ranks first, so a burst ends where single updates would.
    apply(&mut app, Action::SearchEdit(TextEdit::Clear));
    apply(&mut app, Action::Paste("bleeding".into()));
    apply(&mut app, Action::Down);
    assert!(!app.search_stale);
    let mut single = fixture_app();
    update(&mut single, Action::SearchStart);
    type_text(&mut single, "bleeding");
    update(&mut single, Action::Down);
    assert_eq!(app.result_sel, single.result_sel);
    assert_eq!(causes(&app), causes(&single));
}

#[test]
fn ctrl_z_asks_the_loop_to_suspend() {
    let mut app = fixture_app();
    update(&mut app, Action::Suspend);
    assert!(app.suspend_requested);
    assert!(!app.should_quit);
}

#[test]
fn c_marks_causes_and_two_open_side_by_side_up_to_three() {
    let mut app = embedded_app();
    let ids = [
        "placenta-praevia",
        "placental-abruption",
        "vasa-praevia",
        "preterm-birth",
    ];
    let idx: Vec<usize> = ids.iter().map(|id| cause_index(&app, id)).collect();

    reveal_cause(&mut app, idx[0]);
    update(&mut app, Action::CompareMark);
    assert_eq!(app.mode(), Mode::Browse, "one cause: only marked");
    assert_eq!(app.compared, [idx[0]]);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("Marked for comparison")
    );

    reveal_cause(&mut app, idx[1]);
    update(&mut app, Action::CompareMark);
    assert_eq!(app.mode(), Mode::SideBySide);
    assert_eq!(app.compared, [idx[0], idx[1]]);
    // Both names on the same row of the screen, each the name that fits its column (at 80
    // columns abruption's full name would wrap: its short name).
    let screen = screen(&mut app, 80, 24);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("!! EMERGENCY Placenta praevia ")
                && l.contains("│ !! EMERGENCY Abruption ")),
        "{screen}"
    );
    // Scrolling reaches the end and stops there.
    update(&mut app, Action::End);
    let end = app.overlay_scroll();
    assert!(end > 0);
    update(&mut app, Action::PageDown);
    assert_eq!(app.overlay_scroll(), end);

    // Esc closes; the marks stay, so c on a third cause shows three.
    update(&mut app, Action::CloseOverlay);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.compared.len(), 2);
    reveal_cause(&mut app, idx[2]);
    update(&mut app, Action::CompareMark);
    assert_eq!(app.mode(), Mode::SideBySide);
    assert_eq!(app.compared, [idx[0], idx[1], idx[2]]);
    update(&mut app, Action::CloseOverlay);

    // A fourth is refused, with a message.
    reveal_cause(&mut app, idx[3]);
    update(&mut app, Action::CompareMark);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.compared.len(), 3);
    assert!(app.message.as_deref().unwrap().contains("At most 3"));

    // c on a marked cause removes it.
    reveal_cause(&mut app, idx[1]);
    update(&mut app, Action::CompareMark);
    assert_eq!(app.compared, [idx[0], idx[2]]);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn y_in_the_comparison_copies_both_causes_with_citations_and_the_disclaimer() {
    let mut app = embedded_app();
    for id in ["placenta-praevia", "placental-abruption"] {
        let c = cause_index(&app, id);
        reveal_cause(&mut app, c);
        update(&mut app, Action::CompareMark);
    }
    update(&mut app, Action::Copy);
    let note = app.clipboard.clone().expect("a note to copy");
    assert!(note.starts_with("obddx note, copied "), "{note}");
    assert!(note.contains("Placenta praevia"));
    assert!(note.contains("Placental abruption"));
    // The side-by-side rows, distinguishing rows first, then what to do now.
    let pain = note.find("\nPain\n").expect("a Pain row");
    let do_now = note.find("\nDo now").expect("a Do now row");
    let urgency = note.find("\nUrgency\n").expect("an Urgency row");
    assert!(pain < do_now && do_now < urgency, "{note}");
    assert!(note.contains("No digital vaginal"));
    assert!(note.contains("[articles ¶127]"));
    assert!(note.contains(&app.kb.meta.disclaimer));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("Copied comparison")
    );
}

#[test]
fn c_in_the_look_alike_picker_compares_with_the_highlighted_one() {
    let mut app = embedded_app();
    let praevia = cause_index(&app, "placenta-praevia");
    reveal_cause(&mut app, praevia);
    update(&mut app, Action::TellApart);
    assert_eq!(app.mode(), Mode::Compare);
    update(&mut app, Action::Down);
    let highlighted = {
        let p = app.picker().expect("picker");
        p.items[p.sel]
    };
    update(&mut app, Action::CompareMark);
    assert_eq!(app.mode(), Mode::SideBySide);
    assert_eq!(app.compared, [praevia, highlighted]);
}

#[test]
fn the_comparison_rows_come_from_the_kb_and_the_layer_only_when_shown() {
    use obddx::tui::compare::rows;
    let app = embedded_app();
    let praevia = cause_index(&app, "placenta-praevia");
    let abruption = cause_index(&app, "placental-abruption");
    let with = rows(&app.kb, app.guidelines.as_ref(), &[praevia, abruption]);
    let labels: Vec<&str> = with.iter().map(|r| r.label).collect();
    assert!(labels.iter().any(|l| l.contains("§ GUIDELINE")));
    for r in &with {
        let cells = if r.across { 1 } else { 2 };
        assert_eq!(r.cells.len(), cells, "{}", r.label);
    }
    // The distinguishing rows come first, then what to do now.
    assert_eq!(
        &labels[..6],
        [
            "Bleeding (amount, colour)",
            "Pain",
            "Uterine tone",
            "Fetal state",
            "Cervix and os",
            "Stage and weeks"
        ]
    );
    assert!(labels[6].starts_with("Do now"));
    // Praevia's do-now row carries the digital-examination rule (G4).
    let guideline = with.iter().find(|r| r.label.starts_with("Do now")).unwrap();
    assert!(
        guideline.cells[0]
            .iter()
            .any(|e| e.text.contains("G4") && e.text.contains("No digital vaginal"))
    );
    // Pain: praevia's "without pain" sign, abruption's pain, each cited.
    let pain = with.iter().find(|r| r.label == "Pain").unwrap();
    assert!(
        pain.cells[0]
            .iter()
            .any(|e| e.text.contains("without pain") && e.text.contains("¶127"))
    );
    assert!(
        pain.cells[1]
            .iter()
            .any(|e| e.text.contains("Pain at the site of detachment") && e.red_flag)
    );
    // Without the layer: no guideline row.
    let without = rows(&app.kb, None, &[praevia, abruption]);
    assert!(without.iter().all(|r| !r.label.contains("GUIDELINE")));
}

#[test]
fn back_and_forward_go_through_every_cause_opened_with_its_filter() {
    let mut app = embedded_app();
    // 1. A search result opened with the 3rd-trimester filter on.
    update(&mut app, Action::FilterTrimester(Some(3)));
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "placental abruption");
    update(&mut app, Action::SearchAccept);
    let abruption = cause_index(&app, "placental-abruption");
    assert_eq!(app.current_cause(), Some(abruption));
    let at_abruption = selected(&app);

    // 2. Another filter, a cause opened with Enter in the tree.
    update(&mut app, Action::FilterTrimester(Some(1)));
    let ectopic = cause_index(&app, "ectopic-pregnancy");
    reveal_cause(&mut app, ectopic);
    update(&mut app, Action::Open);
    assert_eq!(app.current_cause(), Some(ectopic));
    let at_ectopic = selected(&app);
    assert_eq!(app.history.len(), 1);

    // 3. A look-alike jump.
    update(&mut app, Action::TellApart);
    update(&mut app, Action::Open);
    let third = app.current_cause().expect("a look-alike");
    assert_ne!(third, ectopic);
    assert_eq!(app.history.len(), 2);

    // Back twice: ectopic (1st trimester), then abruption with the 3rd-trimester filter again.
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), at_ectopic);
    assert_eq!(app.filter.trimester, Some(1));
    update(&mut app, Action::Back);
    assert_eq!(selected(&app), at_abruption);
    assert_eq!(app.filter.trimester, Some(3));
    assert_eq!(app.current_cause(), Some(abruption));

    // Forward twice retraces the way; a third says there is nothing more.
    update(&mut app, Action::Forward);
    assert_eq!(app.current_cause(), Some(ectopic));
    assert_eq!(app.filter.trimester, Some(1));
    update(&mut app, Action::Forward);
    assert_eq!(app.current_cause(), Some(third));
    update(&mut app, Action::Forward);
    assert_eq!(app.current_cause(), Some(third));
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("Nothing forward")
    );

    // Opening a new cause forgets the way forward.
    update(&mut app, Action::Back);
    assert!(!app.forward.is_empty());
    let praevia = cause_index(&app, "placenta-praevia");
    reveal_cause(&mut app, praevia);
    update(&mut app, Action::Focus(Pane::Tree));
    update(&mut app, Action::Open);
    assert_eq!(app.current_cause(), Some(praevia));
    assert!(app.forward.is_empty());
}

#[test]
fn opening_a_result_focuses_the_pane_of_its_best_match_scrolled_to_it() {
    // Praevia's best match is a sign below its two red flags: Signs gets the focus, and the red
    // flags stay in view above it (not scrolled off).
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "scarlet painless bleeding 32+4");
    let at = app
        .results
        .iter()
        .position(|h| app.kb.causes[h.cause].id == "placenta-praevia")
        .expect("praevia among the results");
    app.result_sel = at;
    let hit = app.results[at].clone();
    assert_eq!(app.kb.causes[hit.cause].id, "placenta-praevia");
    assert_eq!(hit.matches[0].field, obddx::search::Field::Sign);
    update(&mut app, Action::SearchAccept);
    assert_eq!(app.current_cause(), Some(hit.cause));
    assert_eq!(app.focus, Pane::Signs);
    assert_eq!(
        app.scroll[0], 0,
        "the red flags scrolled off above the match"
    );

    // A match in the name is in the header, always shown: the tree keeps the focus.
    let mut app = embedded_app();
    update(&mut app, Action::SearchStart);
    type_text(&mut app, "placenta praevia");
    assert_eq!(app.results[0].matches[0].field, obddx::search::Field::Name);
    update(&mut app, Action::SearchAccept);
    assert_eq!(app.focus, Pane::Tree);
    assert_eq!(app.scroll, [0; 4]);
}
