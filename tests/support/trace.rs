//! The browser actions that random traces are drawn from, shared by the proptests
//! (`tests/tui_proptest.rs`), the frame cache's trace test (`tests/tui_frame_cache.rs`) and
//! the refactoring check `examples/frame_trace.rs`, so that all of them exercise the same
//! actions. [`Rng`] makes a trace that is the same on every run and every machine.

use obddx::tui::action::TextEdit;
use obddx::tui::{Action, Pane};

/// Characters typed into the search and find lines.
pub(crate) const TYPED: [char; 12] = ['p', 'a', 'i', 'n', ' ', 'b', 'l', 'e', 'é', '出', 'q', '1'];

/// Edits of a text line other than typing.
pub(crate) const EDITS: [TextEdit; 10] = [
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
];

/// The actions without arguments (some twice, to come up more often).
pub(crate) fn simple_actions() -> Vec<Action> {
    vec![
        Action::Quit,
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
        Action::CompareMark,
        Action::ToggleGuidelines,
    ]
}

/// `SplitMix64`: a seeded stream of numbers, the same on every run and every machine.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// A text edit: typing four times in five.
    pub(crate) fn edit(&mut self) -> TextEdit {
        if self.below(5) < 4 {
            TextEdit::Insert(self.pick(&TYPED))
        } else {
            self.pick(&EDITS)
        }
    }

    /// One action of a trace.
    pub(crate) fn action(&mut self) -> Action {
        match self.below(20) {
            0..=8 => self.pick(&simple_actions()),
            9..=12 => Action::SearchEdit(self.edit()),
            13 => Action::Focus(self.pick(&Pane::ALL)),
            14 => Action::FilterTrimester(self.pick(&[None, Some(0), Some(1), Some(2), Some(3)])),
            15 => Action::WeekDigit(self.below(10) as u8),
            16 => Action::WeekChar(self.pick(&['+', '/', '-', 'e', 'd', ' '])),
            17 => Action::FindEdit(self.edit()),
            18 => Action::Paste(
                self.pick(&["pain", "bleeding\nafter sex", "\tclot", "出血", ""])
                    .into(),
            ),
            _ => {
                let (column, row) = (self.below(130) as u16, self.below(45) as u16);
                match self.below(3) {
                    0 => Action::Click { column, row },
                    1 => Action::ScrollUp { column, row },
                    _ => Action::ScrollDown { column, row },
                }
            }
        }
    }
}
