//! What the browser remembers across runs: favourite causes and the last ten opened, by id,
//! in `$XDG_STATE_HOME/obddx/state.ron` (through `etcetera`; `~/.local/state/obddx/` when unset).
//! Nothing about a patient — no query, gestation or note — is ever written here.
//!
//! Written atomically (a temporary file in the same directory, then a rename), so a crash never
//! leaves half a file. A file that cannot be read is a warning: it is kept aside (renamed
//! `state.ron.unreadable-<seconds>`, never overwritten) and the lists start empty.
//! `remember: false` in the config writes nothing at all.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// A state file is a few hundred bytes; more is not ours.
pub const MAX_STATE_BYTES: u64 = 64 * 1024;
/// How many recently opened causes are kept.
pub const RECENT_MAX: usize = 10;
/// How many favourites are kept (more than any tree shows usefully).
pub const FAVOURITES_MAX: usize = 50;

/// The file's contents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    /// The file's format, for a later change.
    pub version: u32,
    /// Cause ids, in the order starred.
    pub favourites: Vec<String>,
    /// Cause ids, most recently opened first.
    pub recent: Vec<String>,
}

/// The format written.
pub const STATE_VERSION: u32 = 1;

/// Where the state file is: the platform's state directory (XDG: `$XDG_STATE_HOME/obddx`).
pub fn path() -> Option<PathBuf> {
    use etcetera::BaseStrategy as _;
    let strategy = etcetera::choose_base_strategy().ok()?;
    let dir = strategy.state_dir().unwrap_or_else(|| strategy.data_dir());
    Some(dir.join("obddx").join("state.ron"))
}

/// Reads the state; a missing file is empty lists, silently. Anything else that goes wrong is
/// a warning, and an unreadable file is renamed aside so the next write cannot destroy it.
pub fn load(path: &Path, now_seconds: i64) -> (Saved, Option<String>) {
    if !path.exists() {
        return (Saved::default(), None);
    }
    let problem = match crate::kb::read_capped(path, MAX_STATE_BYTES) {
        Ok(bytes) => match std::str::from_utf8(&bytes).map(ron::from_str::<Saved>) {
            Ok(Ok(saved)) => return (clean(saved), None),
            Ok(Err(e)) => format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code),
            Err(_) => "not UTF-8 text".to_string(),
        },
        Err(e) => e.to_string(),
    };
    let aside = path.with_extension(format!("ron.unreadable-{now_seconds}"));
    let kept = match std::fs::rename(path, &aside) {
        Ok(()) => format!("kept as {}", aside.display()),
        Err(e) => format!("left in place ({e})"),
    };
    let warning = format!(
        "favourites and recents not read from {} ({problem}); {kept}; starting empty",
        path.display()
    );
    (
        Saved::default(),
        Some(crate::safe_text::escape_all(&warning).into_owned()),
    )
}

/// Lists within their limits, each id once.
fn clean(mut saved: Saved) -> Saved {
    for list in [&mut saved.favourites, &mut saved.recent] {
        let mut seen = std::collections::HashSet::new();
        list.retain(|id| seen.insert(id.clone()));
    }
    saved.favourites.truncate(FAVOURITES_MAX);
    saved.recent.truncate(RECENT_MAX);
    saved
}

/// Writes the state atomically: a temporary file beside it, then a rename over it.
pub fn save(path: &Path, saved: &Saved) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = ron::ser::to_string_pretty(saved, ron::ser::PrettyConfig::default())
        .map_err(std::io::Error::other)?;
    let temp = path.with_extension(format!("ron.tmp-{}", std::process::id()));
    std::fs::write(&temp, text + "\n")?;
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("obddx-state-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn saved_state_reads_back() {
        let d = dir("round");
        let path = d.join("obddx").join("state.ron");
        let saved = Saved {
            version: STATE_VERSION,
            favourites: vec!["placenta-praevia".into()],
            recent: vec!["ectopic-pregnancy".into(), "placenta-praevia".into()],
        };
        save(&path, &saved).unwrap();
        assert_eq!(load(&path, 1), (saved, None));
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.ron"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_corrupt_file_is_kept_aside_with_a_warning() {
        let d = dir("corrupt");
        std::fs::create_dir_all(&d).unwrap();
        let path = d.join("state.ron");
        std::fs::write(&path, b"\xff\xfe garbage (((").unwrap();
        let (saved, warning) = load(&path, 42);
        assert_eq!(saved, Saved::default());
        let warning = warning.expect("a warning");
        assert!(warning.contains("kept as"), "{warning}");
        let aside = d.join("state.ron.unreadable-42");
        assert_eq!(std::fs::read(&aside).unwrap(), b"\xff\xfe garbage (((");
        assert!(!path.exists());
        // A missing file is silent.
        assert_eq!(load(&path, 43), (Saved::default(), None));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn lists_are_deduplicated_and_capped() {
        let recent: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
        let saved = clean(Saved {
            version: 1,
            favourites: vec!["a".into(), "a".into()],
            recent,
        });
        assert_eq!(saved.favourites, ["a"]);
        assert_eq!(saved.recent.len(), RECENT_MAX);
    }
}
