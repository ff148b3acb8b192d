//! A refactoring check: drives the browser through a fixed pseudo-random trace of 12,000 actions
//! (30 sessions of 400, on the shipped reference and on the test fixture, at changing sizes) and
//! prints one digest of every frame drawn. A change meant to keep the screen as it is (moving
//! code, splitting a module) must print the same digest before and after:
//!
//! `cargo run --example frame_trace` on both commits, then compare the last lines.
//!
//! The trace is seeded, not random per run, and the digest covers each cell's symbol and style.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use obddx::tui::action::TextEdit;
use obddx::tui::update::{apply_layout, update};
use obddx::tui::{Action, App, Pane, Theme, ui};
use ratatui::{Terminal, backend::TestBackend};

const SESSIONS: u64 = 30;
const ACTIONS_PER_SESSION: usize = 400;
const SIZES: [(u16, u16); 6] = [(120, 40), (80, 24), (160, 48), (60, 20), (40, 12), (1, 1)];

/// `SplitMix64`: the trace must be the same on every run and every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

fn edit(rng: &mut Rng) -> TextEdit {
    if rng.below(5) < 4 {
        TextEdit::Insert(rng.pick(&['p', 'a', 'i', 'n', ' ', 'b', 'l', 'e', 'é', '出', 'q', '1']))
    } else {
        rng.pick(&[
            TextEdit::Backspace,
            TextEdit::Delete,
            TextEdit::Left,
            TextEdit::Right,
            TextEdit::WordLeft,
            TextEdit::WordRight,
            TextEdit::Start,
            TextEdit::End,
            TextEdit::DeleteWord,
            TextEdit::Clear,
        ])
    }
}

fn action(rng: &mut Rng) -> Action {
    let simple = [
        Action::Up,
        Action::Down,
        Action::Down,
        Action::Left,
        Action::Right,
        Action::Right,
        Action::PageUp,
        Action::PageDown,
        Action::Home,
        Action::End,
        Action::Open,
        Action::Open,
        Action::Toggle,
        Action::FocusNext,
        Action::FocusPrev,
        Action::SearchStart,
        Action::SearchAccept,
        Action::SearchCancel,
        Action::ClearSearch,
        Action::WeekStart,
        Action::WeekBackspace,
        Action::WeekAccept,
        Action::WeekCancel,
        Action::TellApart,
        Action::Back,
        Action::Forward,
        Action::ToggleHelp,
        Action::ToggleAbout,
        Action::CloseOverlay,
        Action::FindStart,
        Action::FindAccept,
        Action::FindCancel,
        Action::FindNext,
        Action::FindPrev,
        Action::Copy,
        Action::CompareMark,
        Action::ToggleGuidelines,
    ];
    match rng.below(20) {
        0..=8 => rng.pick(&simple),
        9..=12 => Action::SearchEdit(edit(rng)),
        13 => Action::Focus(rng.pick(&Pane::ALL)),
        14 => Action::FilterTrimester(rng.pick(&[None, Some(0), Some(1), Some(2), Some(3)])),
        15 => Action::WeekDigit(rng.below(10) as u8),
        16 => Action::WeekChar(rng.pick(&['+', '/', '-', 'e', 'd', ' '])),
        17 => Action::FindEdit(edit(rng)),
        18 => Action::Paste(
            rng.pick(&["pain", "bleeding\nafter sex", "\tclot", "出血", ""])
                .into(),
        ),
        _ => {
            let (column, row) = (rng.below(130) as u16, rng.below(45) as u16);
            match rng.below(3) {
                0 => Action::Click { column, row },
                1 => Action::ScrollUp { column, row },
                _ => Action::ScrollDown { column, row },
            }
        }
    }
}

fn session_app(session: u64) -> App {
    if session.is_multiple_of(2) {
        let reference = obddx::prebuilt::reference(false);
        let alternate = obddx::prebuilt::reference(true);
        App::from_reference(reference, Some(alternate))
    } else {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui.ron");
        let kb = obddx::kb::load_path(&path).expect("the test fixture loads");
        App::with_theme(kb, Theme::MONO)
    }
}

fn main() {
    let mut digest = DefaultHasher::new();
    let mut frames = 0usize;
    for session in 0..SESSIONS {
        let mut rng = Rng(session);
        let mut app = session_app(session);
        for _ in 0..ACTIONS_PER_SESSION {
            update(&mut app, action(&mut rng));
            app.should_quit = false;
            app.suspend_requested = false;
            let (w, h) = rng.pick(&SIZES);
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            let mut layout = None;
            terminal
                .draw(|f| layout = Some(ui::draw(f, &app)))
                .expect("draw");
            apply_layout(&mut app, layout.expect("drawn"));
            terminal.backend().buffer().hash(&mut digest);
            app.message.hash(&mut digest);
            app.clipboard.take().hash(&mut digest);
            frames += 1;
        }
        println!("session {session:2}: {:016x}", digest.finish());
    }
    println!("{frames} frames: {:016x}", digest.finish());
}
