//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Offline quick-reference for bleeding during pregnancy: differential diagnosis by trimester,
/// signs and red flags, diagnostics and treatment classes.
///
/// With no command, opens the full-screen browser on the knowledge base (KB) built into the binary.
/// A quick reference, not a substitute for clinical judgement.
#[derive(Debug, Parser)]
#[command(name = "obddx", version, propagate_version = true)]
pub struct Cli {
    /// Load the KB from this RON file instead of the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    pub kb: Option<PathBuf>,

    /// Leave the mouse to the terminal (so text can be selected) in the full-screen browser.
    #[arg(long)]
    pub no_mouse: bool,

    /// Colour the urgency tags and red flags in text output: auto (a terminal and NO_COLOR
    /// unset), always (even with NO_COLOR), never. TERM=dumb means never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the KB and print a summary (counts), or every problem with its line and column.
    Check,
    /// Print the differential tree: trimester, group, cause.
    List {
        /// Only this trimester (and causes that can occur at any time).
        #[arg(long, short, value_parser = clap::value_parser!(u8).range(1..=3))]
        trimester: Option<u8>,
    },
    /// Print one cause, every section, with sources.
    Show {
        /// The cause id, as in `obddx list` (e.g. ectopic-pregnancy).
        id: String,
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Print the whole KB.
    Export {
        #[arg(long, short, value_enum)]
        format: ExportFormat,
    },
    /// Rank causes for a symptom description, most likely first.
    Search {
        /// What the patient has, e.g. "one-sided pain and spotting at 6 weeks".
        #[arg(value_name = "QUERY")]
        query: Vec<String>,
        /// Only causes of this trimester.
        #[arg(long, short, value_parser = clap::value_parser!(u8).range(1..=3), conflicts_with = "week")]
        trimester: Option<u8>,
        /// Only causes of this gestational week's stage.
        #[arg(long, short, value_parser = clap::value_parser!(u8).range(0..=45))]
        week: Option<u8>,
        /// At most this many results.
        #[arg(long, short, default_value_t = 10)]
        limit: usize,
        #[arg(long, short, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
    },
    /// Print a shell completion script, e.g. `obddx completions bash > ~/.local/share/bash-completion/completions/obddx`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `obddx man | man -l -`.
    Man,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    Text,
    Json,
}
