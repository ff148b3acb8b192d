//! The `obddx` command line: parse arguments, load the KB, run one command.
//! Exit codes: 0 success, 1 a KB or runtime error, 2 bad usage.
//!
//! Everything printed goes through [`output`]: made safe (no control or bidirectional character
//! reaches the terminal raw) and written without panicking. `print!`-style macros are refused
//! here by lint, so nothing bypasses it.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod calc;
pub mod check_json;
pub mod color;
mod config_cmd;
pub mod json;
pub mod local;
mod manual;
pub mod output;
pub mod render;
mod search_output;

use std::borrow::Cow;
use std::process::ExitCode;

use clap::Parser;

pub use args::{
    CalcCommand, CalcFormat, CheckFormat, Cli, ColorChoice, Command, ExportFormat, HandoverFormat,
    ListFormat, SearchFormat, ShowFormat,
};

use crate::kb::{KbError, KnowledgeBase, Reference};
use crate::note::{MarkdownSink, Sink, TextSink, render_show};
use crate::provenance;
use crate::search::IndexedReference;
use render::{render_kb_markdown, render_list_with_footer};

/// Entry point for the binary.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version on stdout (exit 0), usage errors on stderr (exit 2); `--help >
        // /dev/full` must not look like success.
        Err(e) => return output::clap_message(&e),
    };
    run(cli)
}

/// Runs parsed arguments; returns the process exit code.
pub fn run(mut cli: Cli) -> ExitCode {
    if let Some(text) = manual::generate(cli.command.as_ref()) {
        return output::print(&text, false);
    }
    if let Some(Command::Config {
        default,
        actions,
        check,
        ..
    }) = &cli.command
    {
        return match config_cmd::config_text(&config_cmd::Ask::of(
            *default,
            *actions,
            check.as_ref(),
        )) {
            Ok((text, false)) => output::print(&text, false),
            Ok((text, true)) => match output::print(&text, false) {
                code if code == ExitCode::SUCCESS => ExitCode::from(1),
                code => code,
            },
            Err(message) => output::fail(&message),
        };
    }
    let settings = settings(&mut cli);
    let check_json = matches!(
        cli.command,
        Some(Command::Check {
            format: CheckFormat::Json
        })
    );
    if cli.version && cli.kb.is_none() {
        // The built-in metadata alone: no need to read the whole reference.
        let meta = crate::prebuilt::meta(cli.documents_only);
        return output::print(&provenance::version_text(&meta), false);
    }
    if cli.command.is_none() && cli.kb.is_none() {
        // The built-in reference cannot fail to load: the browser takes the terminal first and
        // reads it after, so the screen changes at once. Both views, since the browser can
        // toggle the guideline layer (`d`). An overlay (rare) is read first, against the full
        // view: a broken one is a warning, never a reason not to open.
        let mut settings = settings;
        let local = browser_local(&mut settings, || &crate::prebuilt::shared(false).kb);
        let documents_only = cli.documents_only;
        let both = move || {
            let (shown, other) = crate::prebuilt::views(documents_only, local);
            let other: crate::tui::app::LaterView = Box::new(other);
            (shown, Some(other))
        };
        return open_browser(both, settings);
    }
    let reference = load(&cli).and_then(|r| with_local(r, settings.local.as_ref()));
    let reference = match reference {
        Ok(reference) => reference,
        Err(e) if check_json => {
            // The problems are the output; the exit code says the KB is invalid either way.
            let built_in = crate::prebuilt::meta(cli.documents_only);
            let _ = output::print(&check_json::check_problems_json(&e, &built_in), false);
            return ExitCode::from(1);
        }
        Err(e) => return output::report(&e),
    };
    if cli.version {
        return output::print(&provenance::version_text(&reference.kb.meta), false);
    }
    let Some(command) = cli.command else {
        // A `--kb` file has no layer to toggle.
        return open_browser(
            move || (IndexedReference::build(reference.into_owned()), None),
            settings,
        );
    };
    if let Some(local) = &reference.local
        && local.past_review(&crate::kb::today_iso())
    {
        output::eprint(&format!(
            "warning: {}\n",
            crate::labels::local_past_review(local)
        ));
    }
    if let Command::Calc { calculator, format } = command {
        return calc::run(&reference, calculator, format);
    }
    let colored = is_text_output(&command) && color::use_color_here(cli.color);
    match execute(&reference, command) {
        Ok(text) => output::print(&text, colored),
        Err(message) => output::fail(&message),
    }
}

/// The built-in KB with its guideline layer (unless `--documents-only`), or a documents' KB
/// from `--kb PATH` (without the built-in layer).
/// The built-in one is borrowed: read once, never copied or freed.
fn load(cli: &Cli) -> Result<Cow<'static, Reference>, KbError> {
    match &cli.kb {
        Some(path) => Reference::from_path(path).map(Cow::Owned),
        None => Ok(Cow::Borrowed(crate::prebuilt::shared(cli.documents_only))),
    }
}

/// The reference with the local overlay read from `source` (validated against its KB).
fn with_local(
    reference: Cow<'static, Reference>,
    source: Option<&local::LocalSource>,
) -> Result<Cow<'static, Reference>, KbError> {
    match local::load(source, &reference.kb)? {
        None => Ok(reference),
        Some(layer) => {
            let mut owned = reference.into_owned();
            owned.local = Some(layer);
            Ok(Cow::Owned(owned))
        }
    }
}

/// The overlay for the browser: a problem with it goes to stderr and the status line, and the
/// browser opens without it.
fn browser_local<'k>(
    settings: &mut BrowserSettings,
    kb: impl FnOnce() -> &'k KnowledgeBase,
) -> Option<crate::kb::LocalLayer> {
    let source = settings.local.as_ref()?;
    match local::load(Some(source), kb()) {
        Ok(layer) => layer,
        Err(e) => {
            let message = e.full_message();
            output::eprint(&format!("warning: local protocol not shown: {message}\n"));
            let first = message.lines().next().unwrap_or_default().to_owned();
            settings.options.notice = Some(format!("LOCAL PROTOCOL NOT SHOWN: {first}"));
            None
        }
    }
}

/// What the browser needs from the config file and the flags.
struct BrowserSettings {
    options: crate::tui::TuiOptions,
    /// Where the local protocol overlay is read from (for every command, not only the browser).
    local: Option<local::LocalSource>,
}

/// Reads the config file (its warnings on stderr, never fatal) and folds it into `cli`: the
/// guideline layer off is `--documents-only`, a `mono` theme is `--color never` unless
/// `--color always` was given. Flags win over the file.
fn settings(cli: &mut Cli) -> BrowserSettings {
    let path = crate::config::path();
    let loaded = path
        .as_deref()
        .map_or_else(crate::config::Loaded::default, crate::config::load_path);
    print_config_warnings(&loaded.warnings);
    let config = loaded.config;
    cli.documents_only |= !config.guideline_layer;
    if config.theme == crate::config::ThemeChoice::Mono && cli.color == ColorChoice::Auto {
        cli.color = ColorChoice::Never;
    }
    let local = local::source(
        cli.local.as_deref(),
        cli.no_local,
        std::env::var_os("OBDDX_LOCAL"),
        config.local.as_ref().map(Option::as_deref),
    );
    BrowserSettings {
        local,
        options: crate::tui::TuiOptions {
            mouse: config.mouse && !cli.no_mouse,
            theme: crate::tui::Theme::from_choice(config.theme),
            ascii: config.ascii
                || cli.ascii
                || !crate::tui::ascii::locale_is_utf8(|name| std::env::var(name).ok()),
            stage: config.default_stage,
            notice: loaded
                .warnings
                .first()
                .map(|w| config_notice(w, path.as_deref())),
            state_file: config.remember.then(crate::state::path).flatten(),
            keymap: crate::tui::keymap::Keymap::with_overrides(&loaded.overrides),
        },
    }
}

/// The config's warnings on stderr, the first [`CONFIG_WARNINGS_SHOWN`] of them: a file with
/// thousands of bad overrides must not bury the command's own output (or take longer to print
/// than to parse); `obddx config --check` lists them all.
fn print_config_warnings(warnings: &[String]) {
    for warning in warnings.iter().take(CONFIG_WARNINGS_SHOWN) {
        output::eprint(&format!("warning: {warning}\n"));
    }
    if let Some(more) = warnings.len().checked_sub(CONFIG_WARNINGS_SHOWN)
        && more > 0
    {
        output::eprint(&format!(
            "warning: {more} more problems in the config file; `obddx config --check` lists them all\n"
        ));
    }
}

/// How many config warnings a command prints before it says how many more there are.
const CONFIG_WARNINGS_SHOWN: usize = 10;

/// A config warning short enough for the status line: the file's name without its directory
/// (the whole warning is on stderr once the browser quits).
fn config_notice(warning: &str, path: Option<&std::path::Path>) -> String {
    let short = path
        .and_then(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(warning.replacen(&p.display().to_string(), &name, 1))
        })
        .unwrap_or_else(|| warning.to_owned());
    format!("config file problem: {short}")
}

/// `references` gives the reference to show and, where the layer can be toggled, the other
/// view; it runs once the terminal is taken.
fn open_browser(
    references: impl FnOnce() -> (IndexedReference, Option<crate::tui::app::LaterView>),
    settings: BrowserSettings,
) -> ExitCode {
    use std::io::IsTerminal;
    // A terminal without cursor addressing (Emacs shell buffers, some CI logs) would show the
    // frame as a stream of escape sequences.
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return output::fail(
            "the full-screen browser needs a terminal that can move the cursor, and TERM=dumb \
             says this one cannot.\nSet TERM (e.g. TERM=xterm), or use a subcommand: \
             `obddx list`, `obddx search …`, `obddx show ID`.",
        );
    }
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return output::fail(
            "the full-screen browser needs a terminal (stdin and stdout are not one here).\n\
             Over SSH use `ssh -t`; for scripts use a subcommand: `obddx list`, `obddx search …`, `obddx --help`.",
        );
    }
    match crate::tui::run(references, settings.options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => output::fail(&format!("terminal: {e}")),
    }
}

/// Runs one subcommand and returns what it prints (or the error message), made safe for a
/// terminal: every control character but the newline, and every bidirectional control, written
/// `<U+XXXX>` (see [`output`]). JSON is escaped already (`\u001b`, `\u202e`), so it is unchanged.
pub fn execute(r: &Reference, command: Command) -> Result<String, String> {
    let safe = |text: String| match output::sanitize(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(safe) => safe,
    };
    // Text for people says first that the safety layer is off; JSON has its own fields.
    let layer_off = r.guidelines.is_none() && is_text_output(&command);
    render(r, command)
        .map(|text| {
            if layer_off {
                format!("{}\n{text}", crate::labels::LAYER_OFF_LINE)
            } else {
                text
            }
        })
        .map(safe)
        .map_err(safe)
}

/// Runs one subcommand and returns what it prints, as rendered.
fn render(r: &Reference, command: Command) -> Result<String, String> {
    let kb = &r.kb;
    match command {
        Command::Check { format } => {
            // The findings vocabulary is written against the built-in reference (with its
            // guideline layer): check its evidence entries there.
            if r.guidelines.is_some() {
                crate::search::findings::check_embedded(r).map_err(|e| e.to_string())?;
            }
            Ok(match format {
                CheckFormat::Text => check_summary(r),
                CheckFormat::Json => check_json::check_ok_json(r),
            })
        }
        Command::List { trimester, format } => Ok(match format {
            ListFormat::Text => render_list_with_footer(r, trimester),
            ListFormat::Json => {
                json::enveloped(kb, json::FORMAT_VERSION, json::list_json(r, trimester))
            }
        }),
        Command::Show { id, format } => {
            let cause = kb.cause(&id).ok_or_else(|| unknown_cause(kb, &id))?;
            Ok(match format {
                ShowFormat::Text => render_show(r.into(), cause, TextSink::default()).finish(),
                ShowFormat::Markdown => {
                    render_show(r.into(), cause, MarkdownSink::default()).finish()
                }
                ShowFormat::Json => {
                    json::enveloped(kb, json::FORMAT_VERSION, json::show_json(r, cause))
                }
            })
        }
        Command::Export { format } => Ok(match format {
            ExportFormat::Json => json::enveloped(kb, json::FORMAT_VERSION, json::export_json(r)),
            ExportFormat::Markdown => render_kb_markdown(r),
        }),
        Command::Search {
            query,
            trimester,
            week,
            limit,
            format,
        } => {
            let mut out = search_output::run(
                r,
                &query.join(" "),
                trimester,
                week.map(|g| g.weeks),
                usize::from(limit),
                format,
            );
            if format == SearchFormat::Text {
                out = out + "\n" + &provenance::footer_of(r) + "\n";
            }
            Ok(out)
        }
        Command::Handover {
            query,
            week,
            format,
        } => Ok(handover_text(
            r,
            &query.join(" "),
            week,
            format,
            crate::handover::Clock::now(),
        )),
        Command::Completions { .. } | Command::Man => {
            Ok(manual::generate(Some(&command)).unwrap_or_default())
        }
        Command::Config {
            default,
            actions,
            check,
            ..
        } => config_cmd::config_text(&config_cmd::Ask::of(default, actions, check.as_ref()))
            .map(|(text, _)| text),
        Command::Calc {
            calculator, format, ..
        } => calc::output(r, calculator, format),
    }
}

/// `obddx handover`: the findings searched as `search` does, the note written in `format`.
pub fn handover_text(
    r: &Reference,
    query: &str,
    week: Option<u8>,
    format: HandoverFormat,
    clock: crate::handover::Clock,
) -> String {
    let outcome = search_output::search(r, query, None, week);
    let findings = crate::handover::Findings {
        text: query,
        stage: outcome.stage,
        ranked: outcome.hits.iter().map(|h| h.cause).collect(),
        must_not_miss: outcome
            .must_not_miss
            .into_iter()
            .map(|m| (m.cause, m.why))
            .collect(),
    };
    let note = crate::handover::Handover::build(r, &findings, clock);
    note.render(match format {
        HandoverFormat::Text => crate::handover::Format::Text,
        HandoverFormat::Markdown => crate::handover::Format::Markdown,
        HandoverFormat::Html => crate::handover::Format::Html,
    })
}

/// Whether a command prints human-readable text (which may be coloured), not JSON or Markdown.
fn is_text_output(command: &Command) -> bool {
    match command {
        Command::Check { format } => *format == CheckFormat::Text,
        Command::List { format, .. } => *format == ListFormat::Text,
        Command::Show { format, .. } => *format == ShowFormat::Text,
        Command::Search { format, .. } => *format == SearchFormat::Text,
        Command::Handover { format, .. } => *format == HandoverFormat::Text,
        Command::Calc { format, .. } => *format == CalcFormat::Text,
        Command::Export { .. }
        | Command::Completions { .. }
        | Command::Man
        | Command::Config { .. } => false,
    }
}

fn unknown_cause(kb: &KnowledgeBase, id: &str) -> String {
    if id.trim().is_empty() {
        return "the cause id is empty; `obddx list` shows the ids".into();
    }
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
pub fn check_summary(r: &Reference) -> String {
    let kb = &r.kb;
    let n = check_json::Counts::of(kb);
    format!(
        "ok: {} v{} ({})\n  causes:       {}\n  groups:       {}\n  signs:        {} ({} red flags)\n  risk factors: {}\n  diagnostics:  {}\n  treatments:   {}\n  guidance:     {} general notes\n  citations:    {} into {} documents\n",
        kb.meta.title,
        kb.meta.version,
        crate::labels::updated_label(&kb.meta.updated),
        n.causes,
        n.groups,
        n.signs,
        n.red_flags,
        n.risk_factors,
        n.diagnostics,
        n.treatments,
        n.guidance,
        n.citations,
        n.documents,
    ) + &layer_summary(r)
        + &local_summary(r)
        + &findings_summary(r)
        + CHECKED
}

/// The `check` line for the findings vocabulary (checked against the built-in reference).
fn findings_summary(r: &Reference) -> String {
    if r.guidelines.is_none() {
        return String::new();
    }
    let v = crate::search::Vocabulary::embedded();
    format!(
        "  findings:     {} in data/findings.ron, {} hand-written evidence entries, each quoting one item\n",
        v.findings.len(),
        v.evidence.len()
    )
}

/// What `check` (and every load) verified, in the summary's words.
const CHECKED: &str = "  checked: ids unique and kebab-case; groups and look-alikes resolve; trimesters 1, 2 and 3\n           \
     cover the weeks from 0 without gap or overlap; stages and week ranges agree; dates are real;\n           \
     every item cites a paragraph inside its document, none repeated in one citation\n";

/// The `check` lines for the local overlay: what it holds, and a warning past its review date.
fn local_summary(r: &Reference) -> String {
    let Some(local) = &r.local else {
        return String::new();
    };
    let first = local.notes.iter().filter(|n| n.do_now).count();
    let mut out = format!(
        "  local protocol: {} v{}, approved by {}, review by {}; {} notes ({first} first steps), marked {}\n",
        local.site,
        local.version,
        local.approved_by,
        local.review_by,
        local.notes.len(),
        crate::labels::LOCAL_MARK,
    );
    if local.past_review(&crate::kb::today_iso()) {
        out.push_str(&format!(
            "  warning: {}\n",
            crate::labels::local_past_review(local)
        ));
    }
    out
}

/// The `check` lines for the guideline layer.
fn layer_summary(r: &Reference) -> String {
    match &r.guidelines {
        None => "  safety layer: not applied (--documents-only, or --kb PATH)\n".into(),
        Some(g) => format!(
            "  safety layer: {} sources ({} guidelines, {} references and other), {} facts; {} causes, {} stage notes, {} cause notes ({} marks them; --documents-only hides them)\n",
            g.documents.len(),
            g.documents
                .iter()
                .filter(|d| d.kind == crate::kb::SourceKind::Guideline)
                .count(),
            g.documents
                .iter()
                .filter(|d| d.kind != crate::kb::SourceKind::Guideline)
                .count(),
            g.facts.len(),
            g.causes.len(),
            g.stage_notes.len(),
            g.cause_notes.len(),
            crate::labels::GUIDELINE_MARK,
        ),
    }
}
