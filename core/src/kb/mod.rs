//! The knowledge base: schema, loading and validation.

mod do_now;
mod error;
pub mod file;
mod guideline;
mod layer;
mod load;
mod local;
mod local_load;
mod membership;
mod model;
mod position;
mod strength;
mod tree;
mod validate;
mod validate_layer;
mod validate_local;
mod validate_text;

pub use do_now::{DoNowLine, MAX_DO_NOW_COLUMNS, MAX_DO_NOW_LINES, do_now, do_now_in};
pub use error::{KbError, MAX_SHOWN_PROBLEMS, Problem, SNIPPET_WINDOW, Snippet};
pub use guideline::*;
pub use layer::{
    EMBEDDED_GUIDELINES, EMBEDDED_GUIDELINES_NAME, Reference, apply_layer, cited_documents,
    load_documents_path, load_documents_str, load_layer_str,
};
pub use load::{EMBEDDED_KB, EMBEDDED_KB_NAME, MAX_KB_BYTES, load_bytes, load_path, load_str};
pub use local::{
    LocalLayer, LocalNote, LocalScope, MAX_LOCAL_BYTES, MAX_LOCAL_NOTE_CHARS, MAX_LOCAL_NOTES,
    iso_date, read_capped, today_iso,
};
pub use local_load::{load_local_bytes, load_local_path, load_local_str};
pub use membership::When;
pub use model::*;
pub use strength::{Fact, LayerFact, SourceKind, Strength};
pub use tree::{GroupNode, Section, build_tree};
pub use validate::MAX_WEEK;

/// Loads the embedded KB, validated like any other.
pub fn load_embedded() -> Result<KnowledgeBase, KbError> {
    load_str(EMBEDDED_KB_NAME, EMBEDDED_KB)
}

/// The embedded KB. The test suite validates it, so failure here is a build defect.
pub fn embedded() -> KnowledgeBase {
    load_embedded().unwrap_or_else(|e| panic!("the embedded KB is invalid: {}", e.full_message()))
}

impl KnowledgeBase {
    /// Cause indices in tree order: by group order, then file order within a group.
    pub fn tree_order(&self) -> Vec<usize> {
        let group = self.group_positions();
        let mut order: Vec<usize> = (0..self.causes.len()).collect();
        // Stable: file order within a group.
        order.sort_by_key(|&i| group[i]);
        order
    }

    /// Each cause's group position (`usize::MAX` for an unknown group), by cause index.
    pub fn group_positions(&self) -> Vec<usize> {
        let by_id: std::collections::HashMap<&str, usize> = self
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| (g.id.as_str(), i))
            .collect();
        self.causes
            .iter()
            .map(|c| by_id.get(c.group.as_str()).copied().unwrap_or(usize::MAX))
            .collect()
    }
}
