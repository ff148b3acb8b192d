//! Helpers shared by the TUI tests.
#![allow(dead_code)]

pub(crate) mod hostile;
pub(crate) mod trace;

use obddx::kb::KnowledgeBase;
use obddx::tui::action::TextEdit;
use obddx::tui::app::ViewLayout;
use obddx::tui::update::{apply_layout, update};
use obddx::tui::{Action, App, Theme, ui};
use ratatui::{Terminal, backend::TestBackend};

/// The small shape-only KB in tests/fixtures/tui.ron (independent of the shipped KB).
pub(crate) fn fixture_kb() -> KnowledgeBase {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui.ron");
    obddx::kb::load_path(&path).unwrap_or_else(|e| panic!("{}", e.full_message()))
}

/// The clock the tests' browser reads (2026-12-02 10:30 UTC), and its "today": frames showing
/// when the gestation was set, or an EDD, are the same on every run and every day.
pub(crate) const FIXED_NOW: i64 = 1_796_207_400;

pub(crate) fn fixture_app() -> App {
    let mut app = App::with_theme(fixture_kb(), Theme::MONO);
    app.fix_clock(FIXED_NOW);
    app
}

/// The browser as it opens on the built-in KB: the guideline layer shown, `d` toggles it.
pub(crate) fn embedded_app() -> App {
    embedded_app_with_local(None)
}

/// [`embedded_app`] with a unit's overlay in both views, as the command line gives them.
pub(crate) fn embedded_app_with_local(local: Option<obddx::kb::LocalLayer>) -> App {
    let (shown, other) = obddx::prebuilt::views(false, local);
    let mut app = App::from_indexed(shown, Theme::MONO);
    app.alternate = Some(Box::new(other));
    app.fix_clock(FIXED_NOW);
    app
}

pub(crate) fn cause_index(app: &App, id: &str) -> usize {
    app.kb.causes.iter().position(|c| c.id == id).expect(id)
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for ch in text.chars() {
        update(app, Action::SearchEdit(TextEdit::Insert(ch)));
    }
}

/// Draws one frame of `w`×`h` and stores its layout, as the event loop does.
pub(crate) fn render(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let layout = draw_on(&mut t, app);
    apply_layout(app, layout);
    t
}

/// Draws one frame on `t` without storing its layout.
pub(crate) fn draw_on(t: &mut Terminal<TestBackend>, app: &App) -> ViewLayout {
    let mut layout = None;
    t.draw(|f| layout = Some(ui::draw(f, app))).expect("draw");
    layout.expect("draw ran")
}

/// The screen as text, one line per row.
pub(crate) fn screen(app: &mut App, w: u16, h: u16) -> String {
    let t = render(app, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            // A wide char occupies the next cell too.
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
