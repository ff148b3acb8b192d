//! The `obddx` binary: all logic lives in the library.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    obddx::cli::main()
}
