//! Which local protocol overlay to read, in order: `--local PATH`, `OBDDX_LOCAL` (empty: none),
//! the config's `local:` (`None`: none), `local.ron` in the config directory, then
//! `/etc/obddx/local.ron`. `--no-local` reads none. A file named explicitly must exist; the two
//! default places are read only if they do.

use std::path::{Path, PathBuf};

use etcetera::BaseStrategy as _;

use crate::kb::{KbError, KnowledgeBase, LocalLayer};

/// The system-wide overlay a unit's administrator installs.
pub const SYSTEM_LOCAL: &str = "/etc/obddx/local.ron";

/// Where the overlay comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalSource {
    pub path: PathBuf,
    /// Named by the user (a flag, the environment, the config): a missing file is an error.
    pub explicit: bool,
}

/// The overlay to read, if any. `config` is the config file's `local:` (`None`: left out).
pub fn source(
    flag: Option<&Path>,
    no_local: bool,
    env: Option<std::ffi::OsString>,
    config: Option<Option<&Path>>,
) -> Option<LocalSource> {
    if no_local {
        return None;
    }
    let explicit = |path: PathBuf| {
        Some(LocalSource {
            path,
            explicit: true,
        })
    };
    if let Some(path) = flag {
        return explicit(path.to_path_buf());
    }
    if let Some(value) = env {
        return (!value.is_empty())
            .then(|| PathBuf::from(value))
            .and_then(explicit);
    }
    if let Some(setting) = config {
        return setting.map(Path::to_path_buf).and_then(explicit);
    }
    let user = etcetera::choose_base_strategy()
        .ok()
        .map(|s| s.config_dir().join("obddx").join("local.ron"));
    user.into_iter()
        .chain(std::iter::once(PathBuf::from(SYSTEM_LOCAL)))
        .find(|p| p.exists())
        .map(|path| LocalSource {
            path,
            explicit: false,
        })
}

/// Reads and validates the overlay against `kb` (the KB it names causes of).
pub fn load(
    source: Option<&LocalSource>,
    kb: &KnowledgeBase,
) -> Result<Option<LocalLayer>, KbError> {
    source
        .map(|s| crate::kb::load_local_path(&s.path, kb))
        .transpose()
}
