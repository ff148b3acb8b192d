// TEMPORARY (tui branch): starts the TUI on the embedded KB for manual testing.
// The lead replaces this with the clap CLI, which calls `obddx::tui::run`.
fn main() -> std::io::Result<()> {
    let mouse = !std::env::args().any(|a| a == "--no-mouse");
    obddx::tui::run(obddx::kb::embedded(), obddx::tui::TuiOptions { mouse })
}
