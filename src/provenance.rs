//! Where every printed output comes from: the KB's title, version, date and disclaimer, and the
//! documents (source documents and guidelines) a cause draws on. One home for this text, shared
//! by `show`, `export`, `list`, `search` and `--version`.

use crate::kb::{Cause, KnowledgeBase, Layer, Meta, Reference, SourceDocument};
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

/// The documents a cause draws on, in KB order: source documents with the paragraphs cited
/// (by the cause and its items), then guidelines cited by the cause or its guideline notes
/// (cited by section, so with no paragraphs).
pub fn cited_documents<'a>(
    kb: &'a KnowledgeBase,
    guidelines: Option<&'a crate::kb::GuidelineLayer>,
    cause: &'a Cause,
) -> Vec<(&'a SourceDocument, Vec<u32>)> {
    let mut docs = kb.paragraphs_cited_by(cause);
    let notes: Vec<_> = guidelines
        .iter()
        .flat_map(|g| g.notes_for(&cause.id))
        .collect();
    let cited_guideline = |id: &str| {
        cause.cites().any(|c| c.doc == id)
            || notes
                .iter()
                .any(|n| n.sources.iter().any(|c| c.guideline == id))
    };
    for d in &kb.documents {
        if d.layer == Layer::Guideline
            && cited_guideline(&d.id)
            && !docs.iter().any(|(x, _)| x.id == d.id)
        {
            docs.push((d, Vec::new()));
        }
    }
    docs
}
