//! Shell completions and the man page, generated from the clap definition and the key table at
//! run time.
//!
//! The man page is one page: `clap_mangen`'s own SUBCOMMANDS section would point at
//! `obddx-check(1)` and other pages that are not installed, so the commands are written here,
//! each with its options, followed by KEYS (from the key table), FILES, ENVIRONMENT and
//! EXIT STATUS.

use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, italic, roman};

use super::args::{Cli, Command};
use crate::tui::keymap::{Keymap, MOUSE_HELP};

/// The completion script or man page a command asks for; `None` for every other command.
pub(super) fn generate(command: Option<&Command>) -> Option<String> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    match command? {
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut cmd, "obddx", &mut out);
        }
        Command::Man => man_page(cmd, &mut out).ok()?,
        _ => return None,
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn man_page(cmd: clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut roff = Roff::default();
    commands(&mut roff, &cmd);
    keys(&mut roff);
    for (heading, entries) in [
        ("FILES", FILES),
        ("ENVIRONMENT", ENVIRONMENT),
        ("EXIT STATUS", EXIT_STATUS),
    ] {
        roff.control("SH", [heading]);
        for (term, text) in entries {
            roff.control("TP", []);
            roff.text([bold(*term)]);
            roff.text([roman(*text)]);
        }
    }
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// COMMANDS: each subcommand's usage, what it does, and its own options.
fn commands(roff: &mut Roff, cmd: &clap::Command) {
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut usage = vec![bold(format!("obddx {}", sub.get_name()))];
        for arg in sub.get_positionals() {
            let name = arg
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
            usage.push(roman(" "));
            usage.push(italic(name));
        }
        roff.control("TP", []);
        roff.text(usage);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            roff.text([roman(about.to_string())]);
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
        {
            let mut flag = Vec::new();
            if let Some(short) = arg.get_short() {
                flag.push(bold(format!("-{short}")));
                flag.push(roman(", "));
            }
            let value_name = arg.get_value_names().and_then(|v| v.first()).map_or_else(
                || arg.get_id().to_string().to_uppercase(),
                ToString::to_string,
            );
            match arg.get_long() {
                Some(long) if arg.get_action().takes_values() => {
                    flag.push(bold(format!("--{long}")));
                    flag.push(roman(" "));
                    flag.push(italic(value_name));
                }
                Some(long) => flag.push(bold(format!("--{long}"))),
                None => flag.push(italic(value_name)),
            }
            let mut text = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect();
            if arg.get_action().takes_values()
                && !values.is_empty()
                && !arg.is_hide_possible_values_set()
            {
                text = format!("{text} [{}]", values.join(", "))
                    .trim_start()
                    .to_string();
            }
            roff.control("RS", []);
            roff.control("TP", []);
            roff.text(flag);
            roff.text([roman(text)]);
            roff.control("RE", []);
        }
    }
}

/// KEYS: the browser's built-in key table, by context (a config file can change it; `?` in
/// the browser shows the table in use).
fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The full-screen browser's keys, by where they apply. A config file can rebind them \
         (obddx config --actions); ? in the browser shows the keys in use.",
    )]);
    let mut last = None;
    for (context, keys, help) in Keymap::default().help_rows() {
        if last != Some(context) {
            roff.control("SS", [context.title()]);
            last = Some(context);
        }
        roff.control("TP", []);
        roff.text([bold(keys)]);
        roff.text([roman(help)]);
    }
    roff.control("SS", ["Mouse"]);
    for (what, help) in MOUSE_HELP {
        roff.control("TP", []);
        roff.text([bold(*what)]);
        roff.text([roman(*help)]);
    }
}

const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/obddx/config.ron",
        "The config file (~/.config/obddx/config.ron when XDG_CONFIG_HOME is unset; OBDDX_CONFIG \
         names another). Optional; obddx config --default prints a commented one, obddx config \
         --check checks it. A bad option or key override is skipped alone, with a warning.",
    ),
    (
        "$XDG_CONFIG_HOME/obddx/local.ron, /etc/obddx/local.ron",
        "The local protocol overlay: a unit's own notes, shown beside the reference and marked as \
         local (OBDDX_LOCAL names another file).",
    ),
    (
        "$XDG_STATE_HOME/obddx/",
        "State kept between runs: favourites and recently opened causes \
         (~/.local/state/obddx/ when XDG_STATE_HOME is unset).",
    ),
];

const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "OBDDX_CONFIG",
        "The config file to read instead of the default one; empty: no config file at all.",
    ),
    (
        "OBDDX_LOCAL",
        "The local protocol overlay to read instead of the default ones; empty: none.",
    ),
    (
        "NO_COLOR",
        "Set and not empty: no colour (meaning stays in symbols and words); --color always wins.",
    ),
    (
        "TERM",
        "dumb: no colour. The browser writes 16-colour codes, which every colour terminal reads.",
    ),
    (
        "LC_ALL, LC_CTYPE, LANG",
        "The first one set decides the character set: when it is not UTF-8, the browser draws in \
         ASCII only (as --ascii).",
    ),
    (
        "XDG_CONFIG_HOME, XDG_STATE_HOME, HOME",
        "Where the config directory and the state directory are (see FILES).",
    ),
];

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "The KB is invalid or cannot be read (check prints every problem), a cause id is \
         unknown, the output cannot be written, the browser has no terminal, or config --check \
         found a problem.",
    ),
    (
        "2",
        "Bad usage: an unknown option, a missing or invalid value.",
    ),
];
