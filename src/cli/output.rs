//! The one writer of the command line: everything `obddx` prints on stdout or stderr goes
//! through here (the browser draws through ratatui, which drops control characters).
//!
//! - **Safe text.** Every text is passed through [`sanitize`] first: a control character (other
//!   than the newline) or a bidirectional control is written `<U+XXXX>`, so no KB value, file
//!   name or id typed on the command line can reach the terminal as an escape sequence. Colour
//!   (`--color`) is added after, so the only escape sequences written are our own SGR accents.
//! - **No panic, honest exit codes.** A write error is never a panic. A closed stdout (broken
//!   pipe: `obddx export | head`) is a quiet success; any other write error (`> /dev/full`) exits
//!   1 with a message on stderr; when stderr itself cannot be written (`2> /dev/full`), nothing
//!   more can be said and the exit code alone tells.

use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::process::ExitCode;

use miette::{Diagnostic, MietteHandlerOpts, ReportHandler};

pub use crate::safe_text::sanitize;

/// Writes `text` to stdout, made safe, then coloured if `colored`.
pub(crate) fn print(text: &str, colored: bool) -> ExitCode {
    let safe = sanitize(text);
    let result = if colored {
        write_stdout(super::color::colorize(&safe).as_bytes())
    } else {
        write_stdout(safe.as_bytes())
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("cannot write output: {e}")),
    }
}

/// Writes `error: <message>` to stderr; exit code 1.
pub(crate) fn fail(message: &str) -> ExitCode {
    eprint(&format!("error: {message}\n"));
    ExitCode::from(1)
}

/// Writes `error: <message>` to stderr for input the command cannot use; exit code 2.
pub(crate) fn usage_fail(message: &str) -> ExitCode {
    eprint(&format!("error: {message}\n"));
    ExitCode::from(2)
}

/// Writes a KB error report to stderr (`file:line:col` and a snippet, by miette); exit code 1.
pub(crate) fn report(e: &dyn Diagnostic) -> ExitCode {
    eprint(&render_report(e));
    ExitCode::from(1)
}

/// Prints clap's message: help and version on stdout (exit 0), usage errors on stderr (exit 2).
/// Written plain (clap's own styling is left out: the text is made safe whole, and a usage error
/// echoes what was typed). A failed write exits 1.
pub(crate) fn clap_message(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        if eprint(&text) {
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        } else {
            ExitCode::from(1)
        }
    } else {
        print(&text, false)
    }
}

/// Writes `text` to stderr, made safe; whether it was written.
pub(crate) fn eprint(text: &str) -> bool {
    let safe = sanitize(text);
    let mut err = io::stderr().lock();
    err.write_all(safe.as_bytes())
        .and_then(|()| err.flush())
        .is_ok()
}

fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// A KB error as miette draws it, without colour or terminal links (escape sequences of its own
/// would not survive [`sanitize`]). Never panics: a drawing failure falls back to the message.
pub fn render_report(e: &dyn Diagnostic) -> String {
    struct Drawn<'a>(&'a dyn Diagnostic);
    impl fmt::Debug for Drawn<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            MietteHandlerOpts::new()
                .color(false)
                .terminal_links(false)
                .build()
                .debug(self.0, f)
        }
    }
    let mut out = String::new();
    if write!(out, "{:?}", Drawn(e)).is_err() {
        out = format!("error: {e}");
    }
    out.push('\n');
    out
}
