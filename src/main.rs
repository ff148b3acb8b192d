//! The `obddx` binary: all logic lives in the library.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    // The process that restores the terminal if the browser dies without doing so: started by
    // the browser itself, before any argument parsing (see `obddx::tui::guard`).
    if std::env::args_os().nth(1).as_deref() == Some(obddx::tui::guard::GUARD_ARGUMENT.as_ref()) {
        return obddx::tui::guard::serve();
    }
    obddx::cli::main()
}
