use obddx::tui::{Action, App, Theme, ui, update::update};
use ratatui::{Terminal, backend::TestBackend};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let w: u16 = args[1].parse().unwrap();
    let h: u16 = args[2].parse().unwrap();
    let mut app = App::with_theme(obddx::kb::embedded(), Theme::MONO);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, &mut app)).unwrap();
    for a in &args[3..] {
        let act: Action = serde_json::from_str(a).unwrap();
        update(&mut app, act);
        t.draw(|f| ui::draw(f, &mut app)).unwrap();
    }
    println!("{}", t.backend());
}
