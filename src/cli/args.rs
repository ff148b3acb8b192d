//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use crate::gestation::Gestation;

/// A gestation option, read by the browser's parser with today's local date.
fn gestation_arg(text: &str) -> Result<Gestation, String> {
    crate::gestation::parse(text, crate::gestation::today_local()).map(|entry| entry.gestation)
}

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
        #[arg(long, short, value_parser = trimester())]
        trimester: Option<u8>,
        /// How to print: text for people, json for programs.
        #[arg(long, short, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print one cause, every section, with sources.
    Show {
        /// The cause id, as in `obddx list` (e.g. ectopic-pregnancy); shells complete it.
        #[arg(value_parser = cause_id(), hide_possible_values = true)]
        id: String,
        /// How to print: text for people, markdown for documents, json for programs.
        #[arg(long, short, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Print the whole KB.
    Export {
        /// How to print: json for programs, markdown for documents.
        #[arg(long, short, value_enum)]
        format: ExportFormat,
    },
    /// Rank causes for a symptom description, most likely first.
    Search {
        /// What the patient has, e.g. "one-sided pain and spotting at 6 weeks".
        #[arg(value_name = "QUERY")]
        query: Vec<String>,
        /// Only causes of this trimester.
        #[arg(long, short, value_parser = trimester(), conflicts_with = "week")]
        trimester: Option<u8>,
        /// Only causes of this gestation's stage, written as in the browser: 32, 32+4, 7w,
        /// 32/40, an LMP date (2026-10-14 or 14/10/2026), edd DATE; shells complete the weeks.
        #[arg(long, short, value_parser = week(), value_name = "GESTATION", hide_possible_values = true)]
        week: Option<Gestation>,
        /// At most this many results (1 or more).
        #[arg(long, short, default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
        /// How to print: text for people, json for programs.
        #[arg(long, short, value_enum, default_value_t = SearchFormat::Text)]
        format: SearchFormat,
    },
    /// Bedside calculators, each result citing the safety layer's facts it applies (not with
    /// --documents-only). Gestations and dates are written as in the browser.
    Calc {
        #[command(subcommand)]
        calculator: CalcCommand,
        /// text, or json (schemas/calc.schema.json).
        #[arg(long, short, global = true, value_enum, default_value_t = CalcFormat::Text)]
        format: CalcFormat,
    },
    /// Print a shell completion script, e.g. `obddx completions bash > ~/.local/share/bash-completion/completions/obddx`.
    Completions {
        #[arg(value_enum)]
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `obddx man | man -l -`.
    Man,
    /// Where the config file is read from, a commented default config to start one
    /// (`obddx config --default > "$(obddx config --path)"`), what it can bind, or a check of it.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["path", "default", "actions", "check"])))]
    Config {
        /// Print the config file's path (`OBDDX_CONFIG`, else the platform's config directory).
        #[arg(long)]
        path: bool,
        /// Print a config holding every option at its default, each explained.
        #[arg(long)]
        default: bool,
        /// List the actions a key override can bind and the contexts it can apply in.
        #[arg(long)]
        actions: bool,
        /// Check a config file (the one in use if no PATH): print each problem with its line
        /// and column, then the settings that will apply. Exit 1 if there is a problem.
        #[arg(long, value_name = "PATH", num_args = 0..=1)]
        check: Option<Option<PathBuf>>,
    },
}

/// The calculators of `obddx calc`.
#[derive(Debug, Subcommand)]
pub enum CalcCommand {
    /// Gestation today and the EDD (LMP + 280 days) from an LMP, an EDD or a dated scan.
    #[command(group(clap::ArgGroup::new("dating").required(true).args(["lmp", "edd", "scan"])))]
    Ga {
        /// First day of the last menstrual period: 2026-10-14 or 14/10/2026.
        #[arg(long, value_parser = crate::gestation::parse_date, value_name = "DATE")]
        lmp: Option<jiff::civil::Date>,
        /// Estimated date of delivery.
        #[arg(long, value_parser = crate::gestation::parse_date, value_name = "DATE")]
        edd: Option<jiff::civil::Date>,
        /// Date of a dating scan (with --at, the gestation it gave).
        #[arg(long, value_parser = crate::gestation::parse_date, value_name = "DATE", requires = "at")]
        scan: Option<jiff::civil::Date>,
        /// The gestation the scan gave: 12+3.
        #[arg(long, value_parser = crate::gestation::parse_weeks, value_name = "W+D", requires = "scan")]
        at: Option<Gestation>,
    },
    /// Serial serum hCG (G15): the change in per cent between two values 48 hours apart.
    #[command(allow_negative_numbers = true)]
    Hcg {
        /// The first value, IU/L.
        #[arg(value_parser = |s: &str| crate::calc::hcg::parse_milli(s, "the first hCG"))]
        first: crate::calc::hcg::Milli,
        /// The second value, IU/L.
        #[arg(value_parser = |s: &str| crate::calc::hcg::parse_milli(s, "the second hCG"))]
        second: crate::calc::hcg::Milli,
        /// Hours between the samples (48 when not given; G15 reads only 48).
        #[arg(long, value_parser = |s: &str| crate::calc::hcg::parse_milli(s, "the hours"))]
        hours: Option<crate::calc::hcg::Milli>,
    },
    /// Blood-loss grade from 24 weeks (G2): an estimate in mL, and whether there is shock.
    #[command(allow_negative_numbers = true)]
    Loss {
        /// Estimated loss in mL.
        #[arg(value_parser = crate::calc::blood_loss::parse_ml)]
        ml: u32,
        /// There are signs of clinical shock (any loss is then massive).
        #[arg(long)]
        shock: bool,
        /// The gestation (G2 grades bleeding from 24+0 weeks).
        #[arg(long, short, value_parser = gestation_arg, value_name = "GESTATION")]
        week: Option<Gestation>,
    },
    /// Anti-D timing (G8, G64): the 72-hour deadline and the 10-day limit after an event.
    #[command(name = "anti-d")]
    AntiD {
        /// Date and time of the sensitising event, local time: "2026-12-01 14:00".
        #[arg(value_parser = crate::calc::anti_d::parse_event, value_name = "DATE TIME")]
        event: jiff::civil::DateTime,
        /// The gestation (a fetomaternal-haemorrhage test from 20 weeks; guidelines differ before 12).
        #[arg(long, short, value_parser = gestation_arg, value_name = "GESTATION")]
        week: Option<Gestation>,
    },
    /// Antenatal corticosteroid window (G9) for a gestation: 32+4.
    Steroids {
        #[arg(value_parser = gestation_arg, value_name = "GESTATION")]
        gestation: Gestation,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CalcFormat {
    Text,
    Json,
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

/// A value parser that parses as `inner` does and offers `values` to shell completion (and to
/// nothing else: each argument hides them from `--help` or lists them itself). Written by hand
/// because clap's `PossibleValuesParser` would also refuse any other value, and a `--kb` file
/// has ids of its own.
#[derive(Clone)]
pub(super) struct Completed<P> {
    inner: P,
    values: fn() -> Vec<String>,
}

impl<P: TypedValueParser> TypedValueParser for Completed<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        self.inner.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            (self.values)().into_iter().map(PossibleValue::new),
        ))
    }
}

/// Any cause id; the built-in KB's ids (guideline layer included) are completed. Generated
/// here from the embedded KB rather than by `clap_complete`'s dynamic completion: the scripts
/// stay the static ones every shell already loads, and the ids are those of this binary.
fn cause_id() -> Completed<clap::builder::NonEmptyStringValueParser> {
    Completed {
        inner: clap::builder::NonEmptyStringValueParser::new(),
        values: || {
            let kb = &crate::prebuilt::shared(false).kb;
            kb.causes.iter().map(|c| c.id.clone()).collect()
        },
    }
}

/// 1, 2 or 3.
fn trimester() -> Completed<clap::builder::RangedI64ValueParser<u8>> {
    Completed {
        inner: clap::value_parser!(u8).range(1..=3),
        values: || (1..=3).map(|t: u8| t.to_string()).collect(),
    }
}

type GestationParser = fn(&str) -> Result<Gestation, String>;

/// A gestation as the browser reads it ([`gestation_arg`]); the weeks from 0 to the KB's last
/// ([`crate::kb::MAX_WEEK`]) are completed.
fn week() -> Completed<GestationParser> {
    Completed {
        inner: gestation_arg,
        values: || (0..=crate::kb::MAX_WEEK).map(|w| w.to_string()).collect(),
    }
}
