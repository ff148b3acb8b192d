//! The `obddx` command line: parse arguments, load the KB, run one command.
//! Exit codes: 0 success, 1 a KB or runtime error, 2 bad usage.

mod args;
pub mod color;
pub mod json;
mod manual;
pub mod render;
mod search_output;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, ColorChoice, Command, ExportFormat, SearchFormat, ShowFormat};

use crate::kb::{self, KbError, KnowledgeBase};
use render::{MarkdownSink, Sink, TextSink, render_cause, render_kb_markdown, render_list};

/// Entry point for the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    run(cli)
}

/// Runs parsed arguments; returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    if let Some(text) = manual::generate(cli.command.as_ref()) {
        return emit(&text);
    }
    let kb = match load(&cli) {
        Ok(kb) => kb,
        Err(e) => {
            report(e);
            return ExitCode::from(1);
        }
    };
    let Some(command) = cli.command else {
        return open_browser(kb, !cli.no_mouse);
    };
    let colored = is_text_output(&command) && color::use_color_here(cli.color);
    match execute(&kb, command) {
        Ok(text) if colored => emit(&color::colorize(&text)),
        Ok(text) => emit(&text),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn load(cli: &Cli) -> Result<KnowledgeBase, KbError> {
    match &cli.kb {
        Some(path) => kb::load_path(path),
        None => kb::load_embedded(),
    }
}

/// Prints a KB error with its source snippet and a pointer at the place (miette).
fn report(e: KbError) {
    eprintln!("{:?}", miette::Report::new(e));
}

fn open_browser(kb: KnowledgeBase, mouse: bool) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "error: the full-screen browser needs a terminal (stdin and stdout are not one here).\n\
             Over SSH use `ssh -t`; for scripts use a subcommand: `obddx list`, `obddx search …`, `obddx --help`."
        );
        return ExitCode::from(1);
    }
    match crate::tui::run(kb, crate::tui::TuiOptions { mouse }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: terminal: {e}");
            ExitCode::from(1)
        }
    }
}

/// Runs one subcommand and returns what it prints.
pub fn execute(kb: &KnowledgeBase, command: Command) -> Result<String, String> {
    match command {
        Command::Check => Ok(check_summary(kb)),
        Command::List { trimester } => Ok(render_list(kb, trimester)),
        Command::Show { id, format } => {
            let cause = kb.cause(&id).ok_or_else(|| unknown_cause(kb, &id))?;
            Ok(match format {
                ShowFormat::Text => render_cause(kb, cause, TextSink::default()).finish(),
                ShowFormat::Markdown => render_cause(kb, cause, MarkdownSink::default()).finish(),
                ShowFormat::Json => json::to_json_string(&json::cause_json(cause)) + "\n",
            })
        }
        Command::Export { format } => Ok(match format {
            ExportFormat::Json => json::to_json_string(&json::export_json(kb)) + "\n",
            ExportFormat::Markdown => render_kb_markdown(kb),
        }),
        Command::Search {
            query,
            trimester,
            week,
            limit,
            format,
        } => Ok(search_output::run(
            kb,
            &query.join(" "),
            trimester,
            week,
            limit,
            format,
        )),
        Command::Completions { .. } | Command::Man => {
            Ok(manual::generate(Some(&command)).unwrap_or_default())
        }
    }
}

/// Whether a command prints human-readable text (which may be coloured), not JSON or Markdown.
fn is_text_output(command: &Command) -> bool {
    match command {
        Command::Check | Command::List { .. } => true,
        Command::Show { format, .. } => *format == ShowFormat::Text,
        Command::Search { format, .. } => *format == SearchFormat::Text,
        Command::Export { .. } | Command::Completions { .. } | Command::Man => false,
    }
}

fn unknown_cause(kb: &KnowledgeBase, id: &str) -> String {
    let needle = id.to_lowercase();
    let close: Vec<&str> = kb
        .causes
        .iter()
        .filter(|c| c.id.contains(&needle) || c.name.to_lowercase().contains(&needle))
        .map(|c| c.id.as_str())
        .collect();
    if close.is_empty() {
        format!("no cause with id `{id}`; `obddx list` shows the ids")
    } else {
        format!(
            "no cause with id `{id}`; did you mean: {}?",
            close.join(", ")
        )
    }
}

/// The `check` summary: what the KB holds.
pub fn check_summary(kb: &KnowledgeBase) -> String {
    let n = |f: fn(&crate::kb::Cause) -> usize| kb.causes.iter().map(f).sum::<usize>();
    let signs = n(|c| c.signs.len());
    let red_flags = n(|c| c.signs.iter().filter(|s| s.red_flag).count());
    let cites = kb.cites().count();
    format!(
        "ok: {} v{} (reviewed {})\n  causes:       {}\n  groups:       {}\n  signs:        {signs} ({red_flags} red flags)\n  risk factors: {}\n  diagnostics:  {}\n  treatments:   {}\n  guidance:     {} general notes\n  citations:    {cites} into {} documents\n",
        kb.meta.title,
        kb.meta.version,
        kb.meta.reviewed,
        kb.causes.len(),
        kb.groups.len(),
        n(|c| c.risk_factors.len()),
        n(|c| c.diagnostics.len()),
        n(|c| c.treatments.len()),
        kb.guidance.len(),
        kb.documents.len(),
    )
}

/// Writes to stdout; a closed pipe (`obddx export | head`) is not an error.
fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}
