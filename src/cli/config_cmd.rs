//! `obddx config`: where the config file is, a commented default, what a key override can
//! bind, and a check of a file. Runs before the config file or a KB is read: neither may stop
//! these from working.

use std::path::{Path, PathBuf};

use crate::config;
use crate::tui::keymap::{self, Context};

/// What `obddx config` is asked for.
pub(super) enum Ask<'a> {
    Path,
    Default,
    Actions,
    /// `--check`, of this file or (`None`) of the one in use.
    Check(Option<&'a Path>),
}

impl<'a> Ask<'a> {
    /// From the flags (clap makes sure one is given).
    pub(super) fn of(default: bool, actions: bool, check: Option<&'a Option<PathBuf>>) -> Self {
        match check {
            Some(path) => Ask::Check(path.as_deref()),
            None if default => Ask::Default,
            None if actions => Ask::Actions,
            None => Ask::Path,
        }
    }
}

/// What `obddx config` prints, and whether it found a problem (`--check`).
pub(super) fn config_text(ask: &Ask) -> Result<(String, bool), String> {
    let path = config::path();
    match ask {
        Ask::Default => Ok((config::DEFAULT_CONFIG.to_owned(), false)),
        Ask::Actions => Ok((actions_text(), false)),
        Ask::Check(Some(file)) => Ok(check_text(file, true)),
        Ask::Check(None) => path
            .map(|file| check_text(&file, false))
            .ok_or_else(|| NO_PATH.into()),
        Ask::Path => path
            .map(|path| (format!("{}\n", path.display()), false))
            .ok_or_else(|| NO_PATH.into()),
    }
}

const NO_PATH: &str =
    "no config file: OBDDX_CONFIG is set but empty (or no home directory was found)";

/// `config --actions`: every bindable action, then every context, one line each.
fn actions_text() -> String {
    let actions = keymap::bindable_actions();
    let names: Vec<String> = actions.iter().map(|(a, _)| format!("{a:?}")).collect();
    let width = names.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::from("Actions a key override can bind (`action:`):\n");
    for (name, (_, help)) in names.iter().zip(&actions) {
        out.push_str(&format!("  {name:<width$}  {help}\n"));
    }
    out.push_str("\nContexts it can apply in (`context:`, Browse when left out):\n");
    let width = Context::ALL
        .iter()
        .map(|c| format!("{c:?}").len())
        .max()
        .unwrap_or(0);
    for context in Context::ALL {
        out.push_str(&format!(
            "  {:<width$}  {}\n",
            format!("{context:?}"),
            context.title()
        ));
    }
    out.push_str(
        "\nKeys are written x, G, ?, ctrl-x, alt-x, enter, esc, tab, shift-tab, backspace, delete,\n\
         space, up, down, left, right, home, end, pgup, pgdn, f1-f12. Ctrl-C and Ctrl-Z cannot be\n\
         rebound.\n",
    );
    out
}

/// `config --check [PATH]`: each problem, then the settings that will apply. A missing file
/// named on the command line is a problem; the default file missing is not (the built-in
/// settings apply).
fn check_text(file: &Path, named: bool) -> (String, bool) {
    let mut out = String::new();
    if !file.exists() {
        if named {
            return (format!("{}: no such file\n", file.display()), true);
        }
        out.push_str(&format!(
            "{}: no config file; the built-in settings apply\n",
            file.display()
        ));
    }
    let loaded = config::load_path(file);
    for warning in &loaded.warnings {
        out.push_str(&format!("problem: {warning}\n"));
    }
    if loaded.warnings.is_empty() && file.exists() {
        out.push_str(&format!("{}: ok\n", file.display()));
    }
    out.push_str("\nSettings that will apply:\n");
    out.push_str(&config::settings_text(&loaded));
    (out, !loaded.warnings.is_empty())
}
