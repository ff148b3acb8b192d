//! The browser's backend writes what ratatui's crossterm backend writes, byte for byte: random
//! runs of cells (adjacent and not), with every kind of colour (underline colour too), every attribute and text of
//! one to four bytes, drawn by both.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use obddx::tui::direct_backend::DirectBackend;
use proptest::prelude::*;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// A writer whose bytes the test can read after the backend has written them.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn colour() -> impl Strategy<Value = Color> {
    prop_oneof![
        Just(Color::Reset),
        any::<u8>().prop_map(Color::Indexed),
        (any::<u8>(), any::<u8>(), any::<u8>()).prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        prop::sample::select(vec![
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]),
    ]
}

fn cell() -> impl Strategy<Value = Cell> {
    (
        prop::sample::select(vec![
            "a", " ", "é", "─", "▶", "⚑", "中", "👍", "", "\u{301}",
        ]),
        colour(),
        colour(),
        colour(),
        any::<u16>(),
    )
        .prop_map(|(symbol, fg, bg, underline, bits)| {
            let mut cell = Cell::new(symbol);
            cell.fg = fg;
            cell.bg = bg;
            cell.underline_color = underline;
            cell.modifier = Modifier::from_bits_truncate(bits);
            cell
        })
}

/// Cells at positions that mostly follow each other on a row, as a diff gives them.
fn run() -> impl Strategy<Value = Vec<(u16, u16, Cell)>> {
    prop::collection::vec((any::<bool>(), 0u16..300, 0u16..100, cell()), 0..60).prop_map(|cells| {
        let mut at = (0u16, 0u16);
        cells
            .into_iter()
            .map(|(jump, x, y, cell)| {
                at = if jump { (x, y) } else { (at.0 + 1, at.1) };
                (at.0, at.1, cell)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn the_bytes_are_the_crossterm_backends(cells in run()) {
        let theirs = Shared::default();
        let ours = Shared::default();
        CrosstermBackend::new(theirs.clone())
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .unwrap();
        DirectBackend::new(ours.clone())
            .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
            .unwrap();
        let (theirs, ours) = (theirs.0.borrow(), ours.0.borrow());
        prop_assert_eq!(
            String::from_utf8_lossy(&theirs),
            String::from_utf8_lossy(&ours)
        );
    }
}

#[test]
fn a_frame_of_the_browser_is_the_same_through_both() {
    // One whole frame of the shipped reference at 120×40, from an empty screen.
    let app = obddx::tui::App::with_theme(obddx::kb::embedded(), obddx::tui::Theme::COLOR);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("test terminal");
    terminal
        .draw(|frame| {
            let _layout = obddx::tui::ui::draw(frame, &app);
        })
        .expect("frame");
    let buffer = terminal.backend().buffer();
    let cells = buffer
        .content
        .iter()
        .enumerate()
        .map(|(i, cell)| ((i % 120) as u16, (i / 120) as u16, cell));
    let theirs = Shared::default();
    let ours = Shared::default();
    CrosstermBackend::new(theirs.clone())
        .draw(cells.clone())
        .unwrap();
    DirectBackend::new(ours.clone()).draw(cells).unwrap();
    let (theirs, ours) = (theirs.0.borrow(), ours.0.borrow());
    assert!(theirs.len() > 4_800, "a whole frame");
    let first_difference = theirs.iter().zip(ours.iter()).position(|(a, b)| a != b);
    assert!(
        first_difference.is_none() && theirs.len() == ours.len(),
        "differ from byte {first_difference:?}: {:?}",
        String::from_utf8_lossy(&theirs[first_difference.unwrap_or(0).saturating_sub(20)..])
            .chars()
            .take(60)
            .collect::<String>()
    );
}
