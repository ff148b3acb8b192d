//! Look-ups on the shipped KB shared by the review tests (`#[path]`-included, so it needs no
//! entry in `support/mod.rs`, which the TUI tests own).
#![allow(dead_code)]

use obddx::kb::{self, Cause, Cite, KnowledgeBase};

pub(crate) fn shipped() -> KnowledgeBase {
    kb::load_embedded().unwrap_or_else(|e| panic!("{}", e.full_message()))
}

pub(crate) fn cause<'a>(kb: &'a KnowledgeBase, id: &str) -> &'a Cause {
    kb.cause(id).unwrap_or_else(|| panic!("no cause {id}"))
}

pub(crate) fn cites_para(sources: &[Cite], doc: &str, para: u32) -> bool {
    sources
        .iter()
        .any(|c| c.doc == doc && c.para.contains(&para))
}
