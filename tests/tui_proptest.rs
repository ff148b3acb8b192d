//! Random action and key sequences never panic, keep the selection valid, and render at any
//! size (down to 1×1 and 0×0).

mod support;

use obddx::tui::action::TextEdit;
use obddx::tui::keymap::Keymap;
use obddx::tui::tree::NodeId;
use obddx::tui::update::{apply_layout, update};
use obddx::tui::{Action, App, Mode, Pane, ui};
use proptest::prelude::*;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};
use support::trace;
use support::*;

fn pane() -> impl Strategy<Value = Pane> {
    prop::sample::select(Pane::ALL.to_vec())
}

fn edit() -> impl Strategy<Value = TextEdit> {
    prop_oneof![
        4 => prop::sample::select(trace::TYPED.to_vec()).prop_map(TextEdit::Insert),
        1 => prop::sample::select(trace::EDITS.to_vec()),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    let simple = prop::sample::select(trace::simple_actions());
    prop_oneof![
        6 => simple,
        3 => edit().prop_map(Action::SearchEdit),
        1 => pane().prop_map(Action::Focus),
        1 => prop::option::of(0u8..5).prop_map(Action::FilterTrimester),
        1 => (0u8..12).prop_map(Action::WeekDigit),
        1 => prop::sample::select(vec!['+', '/', '-', 'e', 'd', ' ']).prop_map(Action::WeekChar),
        2 => edit().prop_map(Action::FindEdit),
        1 => "(?s).{0,300}".prop_map(Action::Paste),
        1 => (0u16..130, 0u16..45).prop_map(|(column, row)| Action::Click { column, row }),
        1 => (0u16..130, 0u16..45).prop_map(|(column, row)| Action::ScrollUp { column, row }),
        1 => (0u16..130, 0u16..45).prop_map(|(column, row)| Action::ScrollDown { column, row }),
    ]
}

fn key() -> impl Strategy<Value = Event> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Delete,
            // The look-alike picker and Back, more often than a random char would give.
            KeyCode::Char('t'),
            KeyCode::Char('b'),
        ]),
    ];
    let mods = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
    ]);
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Press,
        KeyEventKind::Release,
        KeyEventKind::Repeat,
    ]);
    (code, mods, kind).prop_map(|(code, mods, kind)| {
        let mut ev = KeyEvent::new(code, mods);
        ev.kind = kind;
        Event::Key(ev)
    })
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        1 => Just((1, 1)),
        1 => Just((0, 0)),
        1 => (0u16..45, 0u16..12),
        3 => (40u16..130, 10u16..45),
    ]
}

fn check(app: &App) {
    if app.mode() == Mode::Search {
        assert!(
            app.results.is_empty() || app.result_sel < app.results.len(),
            "result {} of {}",
            app.result_sel,
            app.results.len()
        );
    } else {
        if app.mode() == Mode::Compare {
            let p = app.picker().expect("picker open in Compare");
            assert!(
                p.sel < p.items.len(),
                "picker row {} of {}",
                p.sel,
                p.items.len()
            );
            assert!(p.items.iter().all(|&c| c < app.kb.causes.len()));
        } else {
            assert!(
                app.picker().is_none(),
                "picker left open in {:?}",
                app.mode()
            );
        }
        let sel = app.tree.selected();
        assert!(!sel.is_empty(), "nothing selected");
        assert!(app.path_exists(sel), "selection {sel:?} not in the tree");
        let rows = app.visible_rows();
        assert!(
            rows.iter().any(|r| r.as_slice() == sel),
            "selection {sel:?} not visible"
        );
        if let Some(NodeId::Cause(c)) = sel.last() {
            assert!(*c < app.kb.causes.len());
        }
    }
    if let Some(c) = app.current_cause() {
        assert!(c < app.kb.causes.len());
    }
}

fn draw(app: &mut App, (w, h): (u16, u16)) {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    let mut layout = None;
    t.draw(|f| layout = Some(ui::draw(f, app))).expect("draw");
    apply_layout(app, layout.expect("drawn"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_actions(
        shipped in any::<bool>(),
        steps in prop::collection::vec((action(), size()), 1..60),
    ) {
        let mut app = if shipped { embedded_app() } else { fixture_app() };
        for (a, sz) in steps {
            update(&mut app, a);
            check(&app);
            draw(&mut app, sz);
            check(&app);
        }
    }

    #[test]
    fn random_keys(
        steps in prop::collection::vec((key(), size()), 1..80),
    ) {
        let mut app = fixture_app();
        for (ev, sz) in steps {
            if let Some(a) = Keymap::default().map_event(app.mode().context(), &ev) {
                update(&mut app, a);
            }
            check(&app);
            draw(&mut app, sz);
        }
    }
}
