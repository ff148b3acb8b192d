//! The built-in reference and its search index, validated and built by `build.rs` and embedded
//! in the binary, so start-up neither parses RON nor builds the index. Both views are embedded:
//! with the guideline layer (the default) and without it (`--documents-only`).
//!
//! Both are stored as postcard: compact, and read back 4× faster than the JSON used before
//! (README, "Performance"). postcard is not self-describing, so the model must serialise every
//! field (no `skip_serializing_if` in `kb::model`).

use std::sync::OnceLock;

use crate::kb::{KnowledgeBase, Reference};
use crate::search::SearchIndex;

static FULL_KB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/full.kb.postcard"));
static FULL_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/full.index.postcard"));
static DOCS_KB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/documents.kb.postcard"));
static DOCS_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/documents.index.postcard"));

/// Reads one embedded view (what a process does once at start-up; `reference` caches it).
pub fn parse_reference(documents_only: bool) -> Reference {
    let bytes = if documents_only { DOCS_KB } else { FULL_KB };
    // build.rs wrote this from a reference it had just validated: failure is a build defect.
    postcard::from_bytes(bytes).expect("the pre-built reference reads back")
}

fn shared(documents_only: bool) -> &'static Reference {
    static FULL: OnceLock<Reference> = OnceLock::new();
    static DOCS: OnceLock<Reference> = OnceLock::new();
    let cell = if documents_only { &DOCS } else { &FULL };
    cell.get_or_init(|| parse_reference(documents_only))
}

/// The built-in reference (the same value `Reference::builtin` loads from RON).
pub fn reference(documents_only: bool) -> Reference {
    shared(documents_only).clone()
}

/// The embedded index of one view of the built-in reference.
pub fn index(documents_only: bool) -> SearchIndex {
    let bytes = if documents_only {
        DOCS_INDEX
    } else {
        FULL_INDEX
    };
    postcard::from_bytes(bytes).expect("the pre-built index reads back")
}

/// An index for `kb`: the embedded one when `kb` is a view of the built-in reference (comparing
/// costs far less than building), else freshly built with the embedded synonyms.
pub fn index_for(kb: &KnowledgeBase) -> SearchIndex {
    for documents_only in [false, true] {
        if kb == &shared(documents_only).kb {
            return index(documents_only);
        }
    }
    SearchIndex::new(kb)
}
