//! The built-in reference and its search index, validated and built by `build.rs` and embedded
//! in the binary, so start-up neither parses RON nor builds the index. Both views are embedded:
//! with the guideline layer (the default) and without it (`--documents-only`).
//!
//! Both are stored as postcard: compact, and read back 4× faster than the JSON used before
//! (README, "Performance"). postcard is not self-describing, so the model must serialise every
//! field (no `skip_serializing_if` in `kb::model`).

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::kb::{KnowledgeBase, Meta, Reference};
use crate::search::{IndexedReference, SearchIndex};

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

fn cell(documents_only: bool) -> &'static OnceLock<Reference> {
    static FULL: OnceLock<Reference> = OnceLock::new();
    static DOCS: OnceLock<Reference> = OnceLock::new();
    if documents_only { &DOCS } else { &FULL }
}

/// The built-in reference, read once per process and never freed: the CLI borrows it (no copy,
/// nothing to free at exit), the browser clones it.
pub fn shared(documents_only: bool) -> &'static Reference {
    cell(documents_only).get_or_init(|| parse_reference(documents_only))
}

/// The built-in reference (the same value `Reference::builtin` loads from RON).
pub fn reference(documents_only: bool) -> Reference {
    shared(documents_only).clone()
}

/// The built-in metadata alone (for `--version`): `meta` is the first field written, so it is
/// read without reading the rest of the KB.
pub fn meta(documents_only: bool) -> Meta {
    let bytes = if documents_only { DOCS_KB } else { FULL_KB };
    postcard::take_from_bytes::<Meta>(bytes)
        .expect("the pre-built reference starts with its metadata")
        .0
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

/// Which view of the built-in reference `kb` is, if it is one. Only views already read in this
/// process are candidates (a `--kb` file costs no read of the built-in one); the address is
/// checked before the contents, so the CLI's borrowed view is recognised at once.
fn builtin_view_of(kb: &KnowledgeBase) -> Option<bool> {
    [false, true].into_iter().find(|&documents_only| {
        cell(documents_only)
            .get()
            .is_some_and(|r| std::ptr::eq(&raw const r.kb, kb) || &r.kb == kb)
    })
}

/// One view of the built-in reference with its embedded index.
pub fn indexed(documents_only: bool) -> IndexedReference {
    IndexedReference::from_parts(reference(documents_only), index(documents_only))
}

/// What the browser is given: the view shown (with the guideline layer unless
/// `documents_only`) and the other one the layer toggle swaps in, each with its index and the
/// unit's overlay (`local`). The other is made only when called: reading an index is work the
/// first frame need not wait for.
pub fn views(
    documents_only: bool,
    local: Option<crate::kb::LocalLayer>,
) -> (
    IndexedReference,
    impl FnOnce() -> IndexedReference + Send + 'static,
) {
    let shown = indexed(documents_only).with_local(local.clone());
    (shown, move || indexed(!documents_only).with_local(local))
}

/// An index for `kb`, borrowed: the embedded one, read once per process, when `kb` is a view
/// of the built-in reference (comparing costs far less than building; a one-shot command frees
/// nothing at exit), else freshly built with the embedded synonyms.
pub fn shared_index_for(kb: &KnowledgeBase) -> Cow<'static, SearchIndex> {
    static FULL: OnceLock<SearchIndex> = OnceLock::new();
    static DOCS: OnceLock<SearchIndex> = OnceLock::new();
    match builtin_view_of(kb) {
        Some(documents_only) => {
            let cell = if documents_only { &DOCS } else { &FULL };
            Cow::Borrowed(cell.get_or_init(|| index(documents_only)))
        }
        None => Cow::Owned(SearchIndex::new(kb)),
    }
}
