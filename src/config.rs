//! The user's configuration file: `config.ron` in the platform's config directory (XDG on Linux:
//! `$XDG_CONFIG_HOME/obddx/config.ron`, else `~/.config/obddx/config.ron`), or the file named by
//! `OBDDX_CONFIG` (empty: no config file at all).
//!
//! A broken config never blocks a clinician: every problem becomes a warning naming the file
//! with line:column, and what could not be read falls back to the default. A bad key override
//! (unknown key, action or context) is skipped alone, a bad or unknown option is ignored alone;
//! only a syntax error outside them drops the whole file.

use crate::kb::file::FileError;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy as _;
use serde::Deserialize;

use crate::tui::Action;
use crate::tui::keymap::{self, Context, Override};

mod scan;

/// Larger than any sensible config; a bigger file is refused unread.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

// The palette choice belongs to the theme it picks; read here as a config field.
pub use crate::tui::theme::ThemeChoice;

/// One key override as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyOverride {
    key: String,
    action: Action,
    /// Where it applies; `Browse` when left out.
    #[serde(default = "browse")]
    context: Context,
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
    /// Read apart, override by override ([`Loaded::overrides`]), so that one bad entry is
    /// skipped alone: the rest of the file is parsed with the list blanked out.
    keys: ReadApart,
}

/// A field read on its own: whatever stands there is accepted and dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ReadApart;

impl<'de> Deserialize<'de> for ReadApart {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| ReadApart)
    }
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
            keys: ReadApart,
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
    // A relative HOME (or XDG_CONFIG_HOME) would make the path depend on the working
    // directory: no config file then, rather than a different one in each directory.
    etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("obddx").join("config.ron"))
        .filter(|p| p.is_absolute())
}

/// Reads the config at `path` (from [`path`]); a missing file is the defaults, silently.
pub fn load_path(path: &Path) -> Loaded {
    let name = path.display().to_string();
    // Without blocking, regular files only, within the size limit ([`crate::kb::file`]).
    let bytes = match crate::kb::file::read_regular(path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(FileError::NotFound) => return Loaded::default(),
        Err(FileError::TooLarge { .. }) => {
            return defaults_because(format!(
                "{name}: the config is larger than {MAX_CONFIG_BYTES} bytes"
            ));
        }
        Err(e) => return defaults_because(format!("{name}: cannot read the config: {e}")),
    };
    if let Some(order) = utf16(&bytes) {
        return defaults_because(format!(
            "{name}: the config is UTF-16 ({order}) text, not UTF-8: save it as UTF-8"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => load_str(&name, &text),
        Err(_) => defaults_because(format!("{name}: the config is not UTF-8 text")),
    }
}

/// Whether the bytes look like UTF-16 (an editor's "Unicode" save), in which byte order: a byte
/// order mark, or a NUL beside an ASCII byte at the start (NULs are valid UTF-8, so the text
/// would otherwise fail later as a puzzling syntax error).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("little-endian"),
        [0xFE, 0xFF, ..] => Some("big-endian"),
        [b, 0, ..] if *b != 0 && b.is_ascii() => Some("little-endian"),
        [0, b, ..] if *b != 0 && b.is_ascii() => Some("big-endian"),
        _ => None,
    }
}

fn defaults_because(warning: String) -> Loaded {
    Loaded {
        warnings: vec![format!("{warning}; using the defaults")],
        ..Loaded::default()
    }
}

/// Parses config text (`name` is for messages). Linear in the text's length: the file is
/// scanned once for its top-level options and key overrides (the `scan` module), each override is parsed
/// on its own, and the rest is parsed with the override list blanked out.
pub fn load_str(name: &str, text: &str) -> Loaded {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let layout = scan::scan(text);
    let mut loaded = Loaded::default();
    let mut blanked: Vec<std::ops::Range<usize>> = layout.keys.iter().cloned().collect();
    // A bad option is blanked out and the rest parsed again: at most once per option.
    let config = loop {
        let rest = scan::blank(text, &blanked);
        match ron::from_str::<Config>(&rest) {
            Ok(config) => break config,
            Err(e) => {
                let at = format!("{name}:{}:{}", e.span.start.line, e.span.start.col);
                let offset = scan::offset_of(text, e.span.start.line, e.span.start.col);
                let option = layout
                    .options
                    .iter()
                    .find(|o| o.span.contains(&offset) && !blanked.contains(&o.span));
                match option {
                    Some(o) => {
                        loaded
                            .warnings
                            .push(format!("{at}: {}; option `{}` ignored", e.code, o.name));
                        blanked.push(o.span.clone());
                    }
                    None => return defaults_because(format!("{at}: {}", e.code)),
                }
            }
        }
    };
    loaded.config = config;
    if let Some(s) = loaded.config.default_stage
        && !(1..=3).contains(&s)
    {
        loaded.warnings.push(format!(
            "{name}: default_stage {s} is not a trimester (1, 2 or 3); all stages shown"
        ));
        loaded.config.default_stage = None;
    }
    let mut lines = scan::LineCounter::new(text);
    for entry in &layout.entries {
        let (line, col) = lines.position(entry.start);
        match read_override(&text[entry.clone()]) {
            Ok(o) => loaded.overrides.push(o),
            Err(Problem::Located(l, c, message)) => {
                // Relative to the entry: its first line starts at the entry's column.
                let col = if l == 1 { col + c - 1 } else { c };
                loaded.warnings.push(format!(
                    "{name}:{}:{col}: {message}; override skipped",
                    line + l - 1
                ));
            }
            Err(Problem::Whole(message)) => loaded
                .warnings
                .push(format!("{name}:{line}:{col}: {message}; override skipped")),
        }
    }
    loaded
}

/// Why one override cannot apply: at a place inside it (line, column from 1), or as a whole.
enum Problem {
    Located(usize, usize, String),
    Whole(String),
}

/// One key override's text, `(key: "x", action: Quit)`, read and checked.
fn read_override(text: &str) -> Result<Override, Problem> {
    let o = match read_plain_override(text) {
        Some(o) => o,
        None => ron::from_str::<KeyOverride>(text).map_err(|e| {
            Problem::Located(e.span.start.line, e.span.start.col, override_error(&e.code))
        })?,
    };
    if let Some(why) = keymap::unbindable(&o.action) {
        return Err(Problem::Whole(why));
    }
    let key = keymap::parse_key(&o.key).map_err(Problem::Whole)?;
    if keymap::reserved(&key) {
        return Err(Problem::Whole(format!(
            "{} always quits or suspends",
            o.key
        )));
    }
    Ok(Override {
        key,
        action: o.action,
        context: o.context,
    })
}

/// The plain shape of an override, `(key: "x", action: Name, context: Name)` (fields in any
/// order, context optional), read without ron. Hand-written because ron's parser costs about
/// 2 µs an entry and a config at its size limit holds some 20,000 entries. Anything else
/// (escapes, comments, an action with a value, a repeated or unknown field) and every error is
/// left to ron (`None`), so each message is still ron's.
fn read_plain_override(text: &str) -> Option<KeyOverride> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    let (mut key, mut action, mut context) = (None, None, None);
    for field in inner.split(',') {
        let field = field.trim();
        if field.is_empty() {
            continue;
        }
        let (name, value) = field.split_once(':')?;
        let value = value.trim();
        match name.trim_end() {
            "key" if key.is_none() => {
                let key_text = value.strip_prefix('"')?.strip_suffix('"')?;
                if key_text.contains(['"', '\\']) {
                    return None;
                }
                key = Some(key_text.to_owned());
            }
            "action" if action.is_none() => action = Some(unit_variant(value)?),
            "context" if context.is_none() => context = Some(unit_variant(value)?),
            _ => return None,
        }
    }
    Some(KeyOverride {
        key: key?,
        action: action?,
        context: context.unwrap_or_else(browse),
    })
}

/// A variant without a value (`Quit`, `Browse`) from its bare name, or `None`.
fn unit_variant<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    T::deserialize(serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name)).ok()
}

/// ron's message, but for an unknown action or context the short list that can be bound, not
/// every internal action.
fn override_error(code: &ron::Error) -> String {
    match code {
        ron::Error::NoSuchEnumVariant {
            found,
            outer: Some(outer),
            ..
        } if outer == "Action" => {
            format!("unknown action `{found}` (`obddx config --actions` lists those a key can do)")
        }
        ron::Error::NoSuchEnumVariant {
            found,
            outer: Some(outer),
            ..
        } if outer == "Context" => {
            let names: Vec<String> = Context::ALL.iter().map(|c| format!("{c:?}")).collect();
            format!("unknown context `{found}` ({})", names.join(", "))
        }
        other => other.to_string(),
    }
}

/// What `obddx config --check` prints: the settings that will apply, one per line.
pub fn settings_text(loaded: &Loaded) -> String {
    let c = &loaded.config;
    let stage = c
        .default_stage
        .map_or_else(|| "None (all stages)".to_string(), |s| format!("Some({s})"));
    let mut out = format!(
        "theme: {:?}\nmouse: {}\ndefault_stage: {stage}\nguideline_layer: {}\nascii: {}\n",
        c.theme, c.mouse, c.guideline_layer, c.ascii
    );
    out.push_str(&match &c.local {
        None => "local: left out (local.ron in the config directory, then /etc/obddx/local.ron, if present)\n".to_string(),
        Some(None) => "local: None (no local protocol overlay)\n".to_string(),
        Some(Some(p)) => format!("local: Some({:?})\n", p.display().to_string()),
    });
    out.push_str(&format!("remember: {}\n", c.remember));
    if loaded.overrides.is_empty() {
        out.push_str("keys: the built-in table\n");
    } else {
        out.push_str("keys (over the built-in table):\n");
        for o in &loaded.overrides {
            out.push_str(&format!(
                "  {} → {:?} in {:?}\n",
                keymap::key_label(&o.key),
                o.action,
                o.context
            ));
        }
    }
    out
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
    // Overlay, SideBySide); `obddx config --actions` lists them. A key taken from another
    // action there stops doing that. A bad entry is skipped alone, with a warning.
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
    fn an_unknown_or_bad_option_is_ignored_alone_at_its_line_and_column() {
        let loaded = load_str(
            "c.ron",
            "(\n  theme: Mono,\n  colour: true,\n  mouse: maybe,\n)",
        );
        assert_eq!(loaded.config.theme, ThemeChoice::Mono, "the rest applies");
        assert!(
            loaded.config.mouse,
            "the bad value falls back to the default"
        );
        assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
        let w = &loaded.warnings[0];
        assert!(w.starts_with("c.ron:3:3: "), "{w}");
        assert!(
            w.contains("colour") && w.ends_with("option `colour` ignored"),
            "{w}"
        );
        assert!(
            loaded.warnings[1].starts_with("c.ron:4:"),
            "{:?}",
            loaded.warnings
        );
        assert!(loaded.warnings[1].ends_with("option `mouse` ignored"));
    }

    #[test]
    fn a_syntax_error_outside_any_option_gives_the_defaults() {
        let cut = load_str("c.ron", "(theme: Mono, mouse: ");
        assert_eq!(cut.config, Config::default());
        assert!(
            cut.warnings[0].starts_with("c.ron:1:")
                && cut.warnings[0].ends_with("using the defaults"),
            "{:?}",
            cut.warnings
        );
    }

    #[test]
    fn a_bad_key_override_is_skipped_alone_at_its_true_line_and_column() {
        let text = "(theme: Mono,\n keys: [\n  (key: \"nope-key\", action: Quit),\n  (key: \"x\", action: Quit),\n  (key: \"y\", action: Paste(\"a\")),\n  (key: \"ctrl-c\", action: ToggleHelp),\n  (key: \"z\", action: NoSuchAction),\n  (key: \"v\",\n   action: Quit, context: Nowhere),\n  (key: \"ctrl-enter\", action: Quit),\n  (key: \"9\", action: FilterTrimester(Some(9))),\n  (key: \"u\", action: ToggleHelp),\n ],\n mouse: false)";
        let loaded = load_str("c.ron", text);
        assert_eq!(loaded.config.theme, ThemeChoice::Mono);
        assert!(!loaded.config.mouse, "options after the list apply");
        let actions: Vec<&Action> = loaded.overrides.iter().map(|o| &o.action).collect();
        assert_eq!(actions, [&Action::Quit, &Action::ToggleHelp]);
        let w = &loaded.warnings;
        assert_eq!(w.len(), 7, "{w:?}");
        assert!(
            w[0].starts_with("c.ron:3:3: unknown key \"nope-key\""),
            "{w:?}"
        );
        assert!(w[1].starts_with("c.ron:5:3: Paste"), "{w:?}");
        assert!(w[2].starts_with("c.ron:6:3: ctrl-c always quits"), "{w:?}");
        // Unknown action and context: where the name stands.
        assert!(
            w[3].starts_with("c.ron:7:22: unknown action `NoSuchAction` (`obddx config --actions`"),
            "{w:?}"
        );
        assert!(
            w[4].starts_with("c.ron:9:27: unknown context `Nowhere` (Global, Browse,"),
            "{w:?}"
        );
        assert!(
            w[5].starts_with("c.ron:10:3: no terminal can send"),
            "{w:?}"
        );
        assert!(
            w[6].starts_with("c.ron:11:3: FilterTrimester(Some(9))"),
            "{w:?}"
        );
        assert!(w.iter().all(|w| w.ends_with("override skipped")), "{w:?}");
    }

    /// A config at its size limit made of key overrides parses in well under 100 ms (it took
    /// seconds when each override's line was found by rescanning the file).
    #[test]
    fn a_config_at_its_size_limit_parses_in_linear_time() {
        let entry = "    (key: \"x\", action: ToggleHelp, context: Browse),\n";
        let bad = "    (key: \"nope-key\", action: Quit),\n";
        let mut text = String::from("(theme: Mono,\n keys: [\n");
        while text.len() + entry.len() + bad.len() + 8 < MAX_CONFIG_BYTES as usize {
            text.push_str(entry);
            text.push_str(bad);
        }
        text.push_str(" ])\n");
        let started = std::time::Instant::now();
        let loaded = load_str("big.ron", &text);
        let took = started.elapsed();
        assert_eq!(loaded.config.theme, ThemeChoice::Mono);
        assert_eq!(loaded.overrides.len(), loaded.warnings.len());
        let last = loaded.warnings.last().unwrap();
        let lines = text.lines().count();
        assert!(
            last.starts_with(&format!("big.ron:{}:5:", lines - 1)),
            "{last}"
        );
        // An unoptimised build is some 20 times slower: the 100 ms bound is for release builds
        // (`cargo test --release`); the loose one of debug builds still catches a return of the
        // quadratic search (14 s in release at this size).
        let bound = if cfg!(debug_assertions) { 8000 } else { 100 };
        assert!(
            took.as_millis() < bound,
            "{took:?} for {} overrides",
            lines - 3
        );
        eprintln!("{} bytes, {} overrides: {took:?}", text.len(), lines - 3);
    }

    /// The plain reader agrees with ron wherever it answers, and leaves everything else to ron.
    #[test]
    fn the_plain_override_reader_agrees_with_ron() {
        let entries = [
            r#"(key: "x", action: ToggleHelp)"#,
            r#"(key: "x", action: ToggleHelp, context: Search)"#,
            r#"(context: Global, action: Quit, key: "ctrl-q",)"#,
            "(\n  key: \"F5\",\n  action: SearchStart\n)",
            r#"(key: ":", action: Quit)"#,
            r#"(key: ",", action: Quit)"#,
            r#"(key: "\"", action: Quit)"#,
            r#"(key: "x", action: FilterTrimester(Some(2)))"#,
            r#"(key: "x", action: Qiut)"#,
            r#"(key: "x", action: Quit, context: Nowhere)"#,
            r#"(key: "x", key: "y", action: Quit)"#,
            r#"(key: "x", action: Quit, colour: Red)"#,
            r#"(key: "x" // a comment, action: Quit
            )"#,
            r"(action: Quit)",
            r"(key: x, action: Quit)",
            r#"(key: "x", action: Quit"#,
        ];
        for entry in entries {
            let by_ron = ron::from_str::<KeyOverride>(entry).ok();
            if let Some(plain) = read_plain_override(entry) {
                assert_eq!(Some(plain), by_ron, "{entry}");
            }
        }
        assert!(read_plain_override(entries[0]).is_some());
        assert!(read_plain_override(entries[2]).is_some());
        assert!(read_plain_override(entries[3]).is_some());
        assert!(read_plain_override(entries[7]).is_none());
        assert!(read_plain_override(entries[8]).is_none());
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
