//! The shipped KB and its search index, validated and built by `build.rs` and embedded in
//! the binary, so start-up neither parses RON nor builds the index.
//!
//! The KB is stored as JSON (the model skips default fields when serialising, which only a
//! self-describing format reads back) and the index as postcard (README, "Performance").

use std::sync::OnceLock;

use crate::kb::KnowledgeBase;
use crate::search::SearchIndex;

static KB_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/kb.json"));
static INDEX_POSTCARD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.postcard"));

fn shared_kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    // build.rs wrote this from a KB it had just validated, so failure is a build defect.
    KB.get_or_init(|| serde_json::from_str(KB_JSON).expect("the pre-built KB does not read back"))
}

/// The shipped KB (the same value `kb::load_embedded` parses from RON).
pub fn kb() -> KnowledgeBase {
    shared_kb().clone()
}

/// The embedded index of the shipped KB and synonyms.
pub fn index() -> SearchIndex {
    postcard::from_bytes(INDEX_POSTCARD).expect("the pre-built index does not read back")
}

/// An index for `kb`: the embedded one when `kb` is the shipped KB (comparing costs far less
/// than building), else freshly built with the embedded synonyms.
pub fn index_for(kb: &KnowledgeBase) -> SearchIndex {
    if kb == shared_kb() {
        index()
    } else {
        SearchIndex::new(kb)
    }
}
