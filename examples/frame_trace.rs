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

use obddx::tui::update::{apply_layout, update};
use obddx::tui::{App, Theme, ui};
use ratatui::{Terminal, backend::TestBackend};

// The actions of the tests' random traces (one list for the proptests, the frame cache's trace
// test and this check).
#[path = "../tests/support/trace.rs"]
mod trace;

use trace::Rng;

const SESSIONS: u64 = 30;
const ACTIONS_PER_SESSION: usize = 400;
const SIZES: [(u16, u16); 6] = [(120, 40), (80, 24), (160, 48), (60, 20), (40, 12), (1, 1)];

/// The tests' fixed clock (2026-12-02 10:30 UTC): a frame that shows the time or the date
/// must not change the digest from one minute to the next.
const FIXED_NOW: i64 = 1_796_207_400;

fn session_app(session: u64) -> App {
    let mut app = unclocked_app(session);
    app.fix_clock(FIXED_NOW);
    let now = jiff::Timestamp::from_second(FIXED_NOW)
        .expect("a valid time")
        .to_zoned_datetime(jiff::tz::TimeZone::UTC);
    app.now = Some(now);
    app
}

fn unclocked_app(session: u64) -> App {
    if session.is_multiple_of(2) {
        let (reference, alternate) = obddx::prebuilt::views(false, None);
        App::from_reference(reference, Some(Box::new(alternate)))
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
            update(&mut app, rng.action());
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
