//! Where the browser's first-frame time goes: `cargo run --release --example first_frame_probe`.
use std::time::Instant;

use obddx::tui::update::apply_layout;
use obddx::tui::{App, ui};
use ratatui::{Terminal, backend::TestBackend};

fn main() {
    let n = 200;
    let mut t = [0f64; 4];
    for _ in 0..n {
        let a = Instant::now();
        let (reference, alternate) = obddx::prebuilt::views(false, None);
        let b = Instant::now();
        let mut app = App::from_reference(reference, Some(Box::new(alternate)));
        let c = Instant::now();
        let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        let mut layout = None;
        term.draw(|f| layout = Some(ui::draw(f, &app)))
            .expect("draw");
        apply_layout(&mut app, layout.expect("layout"));
        let d = Instant::now();
        std::hint::black_box(&app);
        drop(app);
        let e = Instant::now();
        for (i, (x, y)) in [(a, b), (b, c), (c, d), (d, e)].iter().enumerate() {
            t[i] += (*y - *x).as_secs_f64() * 1e6 / f64::from(n);
        }
    }
    println!(
        "references (the view shown, cloned from the shared one; the other is made when toggled) {:.0} µs, App {:.0} µs, first frame 120×40 {:.0} µs, drop {:.0} µs",
        t[0], t[1], t[2], t[3]
    );
}
