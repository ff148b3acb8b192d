//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Offline quick-reference for bleeding during pregnancy: differential diagnosis by trimester,
/// signs and red flags, diagnostics and treatment classes.
///
/// With no command, opens the full-screen browser on the knowledge base (KB) built into the binary.
/// A quick reference, not a substitute for clinical judgement.
#[derive(Debug, Parser)]
// `--version` is ours, not clap's: it also names the KB's version and date, so it loads the KB.
#[command(name = "obddx", version, disable_version_flag = true)]
pub struct Cli {
    /// Load a documents' KB from this RON file instead of the built-in one (without the built-in
    /// guideline layer, which is written for the built-in KB).
    #[arg(long, global = true, value_name = "PATH")]
    pub kb: Option<PathBuf>,

    /// Leave out the guideline safety layer everywhere: show exactly the source documents' KB.
    #[arg(long, global = true)]
    pub documents_only: bool,

    /// Leave the mouse to the terminal (so text can be selected) in the full-screen browser.
    #[arg(long)]
    pub no_mouse: bool,

    /// Draw the browser in ASCII only (box drawing, arrows, ¶ and — as +-|, >, P, -). Also on
    /// when the locale (`LC_ALL`, `LC_CTYPE`, `LANG`) is set and not UTF-8.
    #[arg(long)]
    pub ascii: bool,

    /// Print the program's version and the KB's version and date (of `--kb PATH` if given).
    #[arg(long, short = 'V', global = true)]
    pub version: bool,

    /// Colour the urgency tags and red flags in text output: auto (a terminal and `NO_COLOR`
    /// unset), always (even with `NO_COLOR`), never. TERM=dumb means never.
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
    Check {
        /// `json`: every problem with file, line, column and message (exit 1), or a summary.
        #[arg(long, short, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// Print the differential tree: trimester, group, cause.
    List {
        /// Only this trimester (and causes that can occur at any time).
        #[arg(long, short, value_parser = clap::value_parser!(u8).range(1..=3))]
        trimester: Option<u8>,
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
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
        /// At most this many results (1 or more).
        #[arg(long, short, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
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
    /// Where the config file is read from, or a commented default config to start one:
    /// `obddx config --default > "$(obddx config --path)"`.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["path", "default"])))]
    Config {
        /// Print the config file's path (`OBDDX_CONFIG`, else the platform's config directory).
        #[arg(long)]
        path: bool,
        /// Print a config holding every option at its default, each explained.
        #[arg(long)]
        default: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}
