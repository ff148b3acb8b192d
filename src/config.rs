//! The user's configuration file: `config.ron` in the platform's config directory (XDG on Linux:
//! `$XDG_CONFIG_HOME/obddx/config.ron`, else `~/.config/obddx/config.ron`), or the file named by
//! `OBDDX_CONFIG` (empty: no config file at all).
//!
//! A broken config never blocks a clinician: every problem becomes a warning naming the file
//! with line:column, and what could not be read falls back to the default. A bad key override
//! is skipped alone; a syntax error or an unknown option drops the whole file.

use std::io::Read;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy as _;
use serde::Deserialize;

use crate::tui::Action;
use crate::tui::keymap::{self, Context, Override};

/// Larger than any sensible config; a bigger file is refused unread.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
pub enum ThemeChoice {
    /// Colour unless `NO_COLOR` or `TERM=dumb` says otherwise.
    #[default]
    Auto,
    /// Accents readable on a light background.
    Light,
    /// Brighter accents for a dark background.
    Dark,
    /// No colour at all (meaning stays in symbols and words).
    Mono,
}

/// One key override as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyOverride {
    pub key: String,
    pub action: Action,
    /// Where it applies; `Browse` when left out.
    #[serde(default = "browse")]
    pub context: Context,
}

fn browse() -> Context {
    Context::Browse
}

/// Everything the config file can set; each field's default is the built-in behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub theme: ThemeChoice,
    /// Capture the mouse in the browser (`--no-mouse` turns it off whatever this says).
    pub mouse: bool,
    /// The trimester filter the browser opens with (1, 2 or 3; none: all stages).
    pub default_stage: Option<u8>,
    /// Show the § GUIDELINE safety layer (false = `--documents-only` everywhere).
    pub guideline_layer: bool,
    /// Draw the browser in ASCII only (as `--ascii`; also automatic with a non-UTF-8 locale).
    pub ascii: bool,
    /// The local protocol overlay: `Some("path")`, or `None` for none at all; left out, the
    /// config directory's `local.ron`, then `/etc/obddx/local.ron`, are read if they exist.
    #[serde(deserialize_with = "present")]
    pub local: Option<Option<PathBuf>>,
    /// Keep favourites and recent causes across runs (false on a shared workstation: nothing
    /// is written).
    pub remember: bool,
    pub keys: Vec<KeyOverride>,
}

/// A field that, when written, is always taken as given (`local: None` is "none", not "left out").
fn present<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeChoice::Auto,
            mouse: true,
            default_stage: None,
            guideline_layer: true,
            ascii: false,
            local: None,
            remember: true,
            keys: Vec::new(),
        }
    }
}

/// The config as read, its key overrides checked, and what went wrong (as warnings).
#[derive(Debug, Default)]
pub struct Loaded {
    pub config: Config,
    pub overrides: Vec<Override>,
    pub warnings: Vec<String>,
}

/// Where the config file is: `OBDDX_CONFIG` if set (empty: none), else the platform's
/// config directory.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("OBDDX_CONFIG") {
        return (!p.is_empty()).then(|| PathBuf::from(p));
    }
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("obddx").join("config.ron"))
}

/// Reads the config at `path` (from [`path`]); a missing file is the defaults, silently.
pub fn load_path(path: &Path) -> Loaded {
    let name = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
        Err(e) => return defaults_because(format!("{name}: cannot read the config: {e}")),
    };
    let mut bytes = Vec::new();
    if let Err(e) = file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes) {
        return defaults_because(format!("{name}: cannot read the config: {e}"));
    }
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return defaults_because(format!(
            "{name}: the config is larger than {MAX_CONFIG_BYTES} bytes"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&name, &text),
        Err(_) => defaults_because(format!("{name}: the config is not UTF-8 text")),
    }
}

fn defaults_because(warning: String) -> Loaded {
    Loaded {
        warnings: vec![format!("{warning}; using the defaults")],
        ..Loaded::default()
    }
}

/// Parses config text (`name` is for messages).
pub fn load_str(name: &str, text: &str) -> Loaded {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let config: Config = match ron::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            return defaults_because(format!(
                "{name}:{}:{}: {}",
                e.span.start.line, e.span.start.col, e.code
            ));
        }
    };
    let mut loaded = Loaded {
        config,
        ..Loaded::default()
    };
    if let Some(s) = loaded.config.default_stage
        && !(1..=3).contains(&s)
    {
        loaded.warnings.push(format!(
            "{name}: default_stage {s} is not a trimester (1, 2 or 3); all stages shown"
        ));
        loaded.config.default_stage = None;
    }
    for (i, o) in loaded.config.keys.iter().enumerate() {
        let line = key_line(text, i);
        let at = format!("{name}:{line}");
        if !keymap::bindable(&o.action) {
            loaded.warnings.push(format!(
                "{at}: {:?} cannot be bound to a key; override skipped",
                o.action
            ));
            continue;
        }
        match keymap::parse_key(&o.key) {
            Ok(key) if keymap::reserved(&key) => loaded.warnings.push(format!(
                "{at}: {} always quits or suspends; override skipped",
                o.key
            )),
            Ok(key) => loaded.overrides.push(Override {
                key,
                action: o.action.clone(),
                context: o.context,
            }),
            Err(e) => loaded.warnings.push(format!("{at}: {e}; override skipped")),
        }
    }
    loaded
}

/// The line (from 1) of the `i`th `key:` entry, for warnings about one override.
fn key_line(text: &str, i: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start();
            !t.starts_with("//") && t.contains("key:")
        })
        .nth(i)
        .map_or(1, |(n, _)| n + 1)
}

/// A commented config holding every option at its default; it loads to [`Config::default`].
pub const DEFAULT_CONFIG: &str = r#"// obddx configuration (RON). Every option is shown with its default; delete what you do
// not change. `obddx config --path` prints where this file is read from.
(
    // Auto (colour unless NO_COLOR or TERM=dumb), Light, Dark or Mono.
    theme: Auto,
    // Capture the mouse in the browser (--no-mouse wins).
    mouse: true,
    // The trimester filter the browser opens with: Some(1), Some(2), Some(3) or None.
    default_stage: None,
    // The § GUIDELINE safety layer; false is --documents-only everywhere.
    guideline_layer: true,
    // The browser in ASCII only (as --ascii; automatic when the locale is not UTF-8).
    ascii: false,
    // The unit's local protocol overlay: Some("/path/to/local.ron"), or None for none at all.
    // Left out, local.ron beside this file, then /etc/obddx/local.ron, are read if present.
    // local: None,
    // Keep favourites and recent causes across runs; false on a shared workstation (then
    // nothing is written). Nothing about a patient is ever written.
    remember: true,
    // Key overrides: a key, an action of the key table (`?` in the browser lists them), and
    // where it applies (Browse when left out; also Global, Search, Week, Find, Compare,
    // Overlay, SideBySide). A key taken from another action there stops doing that.
    keys: [
        // (key: "x", action: Quit),
        // (key: "ctrl-f", action: FindStart, context: Browse),
    ],
)
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_text_loads_to_the_defaults() {
        let loaded = load_str("default.ron", DEFAULT_CONFIG);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn every_option_is_read() {
        let text = "(theme: Mono, mouse: false, default_stage: Some(3), guideline_layer: false, \
                    ascii: true, keys: [(key: \"x\", action: Quit), \
                    (key: \"ctrl-f\", action: FindStart, context: Browse)])";
        let loaded = load_str("c.ron", text);
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let c = &loaded.config;
        assert_eq!(c.theme, ThemeChoice::Mono);
        assert!(!c.mouse && !c.guideline_layer && c.ascii);
        assert_eq!(c.default_stage, Some(3));
        assert_eq!(loaded.overrides.len(), 2);
        assert_eq!(loaded.overrides[1].action, Action::FindStart);
    }

    #[test]
    fn a_broken_file_warns_with_line_and_column_and_gives_the_defaults() {
        let loaded = load_str("c.ron", "(\n  theme: Mono,\n  colour: true,\n)");
        assert_eq!(loaded.config, Config::default());
        assert_eq!(loaded.warnings.len(), 1);
        let w = &loaded.warnings[0];
        assert!(w.starts_with("c.ron:3:3: "), "{w}");
        assert!(
            w.contains("colour") && w.ends_with("using the defaults"),
            "{w}"
        );

        let cut = load_str("c.ron", "(theme: Mono, mouse: ");
        assert!(
            cut.warnings[0].starts_with("c.ron:1:"),
            "{:?}",
            cut.warnings
        );
    }

    #[test]
    fn a_bad_key_override_is_skipped_alone() {
        let text = "(theme: Mono,\n keys: [\n  (key: \"nope-key\", action: Quit),\n  (key: \"x\", action: Quit),\n  (key: \"y\", action: Paste(\"a\")),\n  (key: \"ctrl-c\", action: ToggleHelp),\n ])";
        let loaded = load_str("c.ron", text);
        assert_eq!(loaded.config.theme, ThemeChoice::Mono);
        assert_eq!(loaded.overrides.len(), 1);
        assert_eq!(loaded.warnings.len(), 3, "{:?}", loaded.warnings);
        assert!(loaded.warnings[0].starts_with("c.ron:3: unknown key \"nope-key\""));
        assert!(loaded.warnings[1].starts_with("c.ron:5: Paste"));
        assert!(loaded.warnings[2].starts_with("c.ron:6: ctrl-c always quits"));
    }

    #[test]
    fn files_that_cannot_be_read_give_the_defaults_with_a_warning() {
        let dir = std::env::temp_dir().join(format!("obddx-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Missing: silent.
        let missing = load_path(&dir.join("none.ron"));
        assert!(missing.warnings.is_empty());
        assert_eq!(missing.config, Config::default());
        // Binary / not UTF-8.
        let bin = dir.join("bin.ron");
        std::fs::write(&bin, [0xff, 0xfe, 0x00, 0x41]).unwrap();
        assert!(load_path(&bin).warnings[0].contains("not UTF-8"));
        // Too big.
        let big = dir.join("big.ron");
        std::fs::write(&big, vec![b' '; MAX_CONFIG_BYTES as usize + 1]).unwrap();
        assert!(load_path(&big).warnings[0].contains("larger than"));
        // A directory.
        assert!(load_path(&dir).warnings[0].contains("cannot read"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_out_of_range_stage_is_dropped_with_a_warning() {
        let loaded = load_str("c.ron", "(default_stage: Some(4))");
        assert_eq!(loaded.config.default_stage, None);
        assert!(loaded.warnings[0].contains("not a trimester"));
    }
}
