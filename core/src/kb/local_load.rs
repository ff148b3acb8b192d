//! Reading a local protocol overlay: from a path or bytes, parsed, then validated. Apart from
//! the overlay's model (`local`) so that the validator can read the model without a cycle.

use std::path::Path;

use super::error::KbError;
use super::local::{LocalLayer, MAX_LOCAL_BYTES, read_capped};
use super::model::KnowledgeBase;

/// Reads and validates an overlay file against the KB it is shown with.
pub fn load_local_path(path: &Path, kb: &KnowledgeBase) -> Result<LocalLayer, KbError> {
    let bytes = read_capped(path, MAX_LOCAL_BYTES)?;
    load_local_bytes(&super::load::display_name(path), &bytes, kb)
}

/// Reads and validates overlay bytes; `name` is for messages.
pub fn load_local_bytes(
    name: &str,
    bytes: &[u8],
    kb: &KnowledgeBase,
) -> Result<LocalLayer, KbError> {
    let text = super::load::decode(name, bytes)?;
    if text.trim().is_empty() {
        return Err(KbError::Io {
            path: name.into(),
            reason: "the file is empty; an overlay is a RON file starting with `(` and `site:`"
                .into(),
        });
    }
    if let Some(nul) = text.find('\0') {
        let (line, col) = super::position::line_col(text, nul);
        return Err(KbError::Binary {
            path: name.into(),
            line,
            col,
        });
    }
    load_local_str(name, text, kb)
}

/// Parses and validates overlay text.
pub fn load_local_str(name: &str, text: &str, kb: &KnowledgeBase) -> Result<LocalLayer, KbError> {
    let layer: LocalLayer =
        ron::from_str(text).map_err(|e| super::load::syntax_error(name, text, e))?;
    super::validate_local::validate_local(name, text, &layer, kb)?;
    Ok(layer)
}
