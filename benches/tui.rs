//! TUI cost per keystroke and at start-up.
//!
//! A frame is what the event loop does after an action: `ui::draw` to a 120×40 `TestBackend`,
//! then `update::apply_layout` with what it measured.
//!
//! - one search keystroke = `update` with a typed char + a frame, on the shipped KB and on
//!   `obddx_synthetic::synthetic_kb(10_000)` (targets < 1 ms and < 16 ms);
//! - one browse step (Down or Up + a frame, another cause shown) on the shipped KB and the 10k;
//! - one step to a row not among the last 8 shown (nothing from the frame cache), shipped KB;
//! - start-up = KB parse + validation + index build (`App::new`) + first render (< 20 ms).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use obddx::kb::{self, KnowledgeBase};
use obddx::tui::action::TextEdit;
use obddx::tui::update::{apply_layout, update};
use obddx::tui::{Action, App, Theme, ui};
use obddx_synthetic::synthetic_kb;
use ratatui::{Terminal, backend::TestBackend};

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).expect("terminal")
}

/// Draw, then store what the frame measured, as the event loop does.
fn frame(t: &mut Terminal<TestBackend>, app: &mut App) {
    let mut layout = None;
    t.draw(|f| layout = Some(ui::draw(f, app))).unwrap();
    apply_layout(app, layout.unwrap());
}

fn keystroke(c: &mut Criterion, name: &str, kb: KnowledgeBase) {
    let mut app = App::with_theme(kb, Theme::COLOR);
    let mut t = terminal();
    update(&mut app, Action::SearchStart);
    for ch in "pai".chars() {
        update(&mut app, Action::SearchEdit(TextEdit::Insert(ch)));
    }
    frame(&mut t, &mut app);
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                update(&mut app, Action::SearchEdit(TextEdit::Insert('n')));
                frame(&mut t, &mut app);
                total += start.elapsed();
                // Undo outside the timing, so every iteration types the same key.
                update(&mut app, Action::SearchEdit(TextEdit::Backspace));
            }
            total
        });
    });
}

/// One step in the tree between two causes (each step shows another cause: its text is built
/// and wrapped), as the pseudo-terminal harness (`scripts/keystroke.py`) times it from outside.
fn browse(c: &mut Criterion, name: &str, mut app: App) {
    app.set_look(Theme::COLOR, false);
    let mut t = terminal();
    // The first group of the last stage, opened, on its first cause.
    update(&mut app, Action::End);
    update(&mut app, Action::Right);
    update(&mut app, Action::Right);
    update(&mut app, Action::Down);
    frame(&mut t, &mut app);
    let first = app.current_cause();
    update(&mut app, Action::Down);
    let second = app.current_cause();
    update(&mut app, Action::Up);
    assert!(
        first.is_some() && second.is_some() && first != second,
        "{name}: Down and Up must step between two causes"
    );
    c.bench_function(name, |b| {
        let mut down = true;
        b.iter(|| {
            update(&mut app, if down { Action::Down } else { Action::Up });
            down = !down;
            frame(&mut t, &mut app);
        });
    });
}

/// Steps that each show a row not shown in the last `RIGHT_KEPT`: Down 15 times from the first
/// row, then back to it, so the right side is built and measured anew at every step (Down/Up
/// above draws from the frame cache after its first two steps).
fn walk(c: &mut Criterion, name: &str, mut app: App) {
    app.set_look(Theme::COLOR, false);
    let mut t = terminal();
    frame(&mut t, &mut app);
    let mut seen = vec![app.tree.selected().to_vec()];
    for _ in 0..15 {
        update(&mut app, Action::Down);
        seen.push(app.tree.selected().to_vec());
    }
    let distinct = seen
        .iter()
        .enumerate()
        .all(|(i, row)| !seen[..i].contains(row));
    assert!(distinct, "{name}: 15 steps Down must reach 15 other rows");
    update(&mut app, Action::Home);
    let mut step = 0usize;
    c.bench_function(name, |b| {
        b.iter(|| {
            step += 1;
            let action = if step.is_multiple_of(16) {
                Action::Home
            } else {
                Action::Down
            };
            update(&mut app, action);
            frame(&mut t, &mut app);
        });
    });
}

/// The browser as the command line opens it on the shipped KB (both views).
fn shipped_app() -> App {
    let (shown, other) = obddx::prebuilt::views(false, None);
    App::from_reference(shown, Some(Box::new(other)))
}

fn benches(c: &mut Criterion) {
    keystroke(c, "search keystroke + render, shipped KB", kb::embedded());
    keystroke(
        c,
        "search keystroke + render, 10k causes",
        synthetic_kb(10_000),
    );

    browse(c, "browse Down/Up + render, shipped KB", shipped_app());
    walk(
        c,
        "browse, each a row not among the last 8 + render, shipped KB",
        shipped_app(),
    );
    browse(
        c,
        "browse Down/Up + render, 10k causes",
        App::with_theme(synthetic_kb(10_000), Theme::COLOR),
    );

    c.bench_function("start-up: parse + index + first frame", |b| {
        b.iter(|| {
            let kb = kb::load_str(kb::EMBEDDED_KB_NAME, kb::EMBEDDED_KB).unwrap();
            let mut app = App::with_theme(kb, Theme::COLOR);
            let mut t = terminal();
            frame(&mut t, &mut app);
            black_box(&app.tree_items);
        });
    });
}

criterion_group! {
    name = tui;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = benches
}
criterion_main!(tui);
