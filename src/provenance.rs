//! Where every printed output comes from: the KB's title, version, date and disclaimer, and the
//! local overlay's banner. One home for this text, shared by `show`, `export`, `list`, `search`
//! and `--version` (the documents a cause draws on: [`crate::kb::cited_documents`]).

use crate::kb::{KnowledgeBase, Meta, Reference};
use crate::labels;

/// The heading of the provenance section that ends `show`.
pub const HEADING: &str = "About this reference";
/// Before the KB's disclaimer wherever it is printed as a line.
pub const DISCLAIMER_PREFIX: &str = "Disclaimer: ";

/// "KB v0.2.0, content last updated 2026-11-22": the KB's version and date in one phrase.
pub fn kb_version_line(kb: &KnowledgeBase) -> String {
    version_line(&kb.meta)
}

fn version_line(meta: &Meta) -> String {
    format!(
        "KB v{}, {}",
        meta.version,
        labels::updated_label(&meta.updated)
    )
}

/// The one-line footer that ends `list` and `search` text output: KB version, date, disclaimer.
pub fn footer(kb: &KnowledgeBase) -> String {
    format!("{} · {}", kb_version_line(kb), kb.meta.disclaimer)
}

/// The local overlay's banner (site, version, approver, review date; a warning past that date),
/// when one is read.
pub fn local_banner(r: &Reference) -> Option<String> {
    let local = r.local.as_ref()?;
    Some(labels::local_banner(local, &crate::kb::today_iso()))
}

/// [`footer`], then the local overlay's banner on its own line when one is read.
pub fn footer_of(r: &Reference) -> String {
    match local_banner(r) {
        Some(banner) => format!("{}\n{banner}", footer(&r.kb)),
        None => footer(&r.kb),
    }
}

/// What `--version` prints: the program's version, then the KB's title, version and date.
pub fn version_text(meta: &Meta) -> String {
    format!(
        "obddx {}\n{}: {}\n",
        env!("CARGO_PKG_VERSION"),
        meta.title,
        version_line(meta)
    )
}
