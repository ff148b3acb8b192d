//! The plain-text note of a cause (or of a comparison) that the TUI copies with `y` and that
//! `obddx show ID --format text` can print: every item with its citation and claim status,
//! then the KB's title, version, review date and disclaimer.

use std::fmt::Write as _;

use crate::kb::{Cause, Cite, Claim, KnowledgeBase};
use crate::labels;

fn item(out: &mut String, kb: &KnowledgeBase, text: &str, sources: &[Cite], claim: &Claim) {
    let basis = labels::basis_prefix(kb.basis_of(sources));
    let marker = labels::claim_marker(kb, claim, sources)
        .map(|m| format!("{m} · "))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- {basis}{marker}{text} {}",
        labels::citation(kb, sources)
    );
    if let Claim::Disputed(d) = claim {
        let _ = writeln!(out, "  {}", labels::dispute_line(kb, d));
    }
}

fn body(out: &mut String, kb: &KnowledgeBase, cause: &Cause) {
    let basis = kb.cause_basis(cause);
    let _ = writeln!(
        out,
        "{}{} — {}",
        labels::basis_prefix(basis),
        cause.name,
        labels::urgency_tag(cause.urgency)
    );
    let _ = writeln!(out, "Stage: {}", labels::stage_and_weeks(kb, cause));
    let _ = writeln!(out, "{}: {}", labels::action_label(basis), cause.action);
    item(
        out,
        kb,
        &format!("Summary: {}", cause.summary),
        &cause.sources,
        &cause.claim,
    );
    let red: Vec<_> = cause.signs.iter().filter(|s| s.red_flag).collect();
    if !red.is_empty() {
        out.push_str("Red flags:\n");
        for s in red {
            item(out, kb, &s.text, &s.sources, &s.claim);
        }
    }
    let key: Vec<_> = cause.signs.iter().filter(|s| !s.red_flag).collect();
    if !key.is_empty() {
        out.push_str("Key signs:\n");
        for s in key {
            item(out, kb, &s.text, &s.sources, &s.claim);
        }
    }
    if !cause.diagnostics.is_empty() {
        out.push_str("Diagnostics:\n");
        for d in &cause.diagnostics {
            item(
                out,
                kb,
                &format!("{} — {}", d.test, d.finding),
                &d.sources,
                &d.claim,
            );
        }
    }
    out.push_str("Treatment:\n");
    if cause.treatments.is_empty() {
        out.push_str("- The documents give no specific treatment.\n");
    }
    for t in &cause.treatments {
        let mut text = format!("{}: {}", t.kind.label(), t.class);
        if !t.examples.is_empty() {
            let _ = write!(text, " — {}", t.examples.join(", "));
        }
        if let Some(w) = &t.when {
            let _ = write!(text, "; when: {w}");
        }
        item(out, kb, &text, &t.sources, &t.claim);
        if let Some(n) = &t.editor_note {
            let _ = writeln!(out, "  {}", labels::editor_note(n));
        }
    }
    if !cause.complications.is_empty() {
        out.push_str("Complications:\n");
        for n in &cause.complications {
            item(out, kb, &n.text, &n.sources, &n.claim);
        }
    }
}

fn footer(out: &mut String, kb: &KnowledgeBase) {
    let m = &kb.meta;
    let _ = writeln!(
        out,
        "--\n{} v{}, {}",
        m.title,
        m.version,
        labels::updated_label(&m.updated)
    );
    let _ = writeln!(out, "{}", m.disclaimer);
}

/// The note of one cause.
pub fn cause_note(kb: &KnowledgeBase, cause: &Cause) -> String {
    let mut out = String::new();
    body(&mut out, kb, cause);
    footer(&mut out, kb);
    out
}

/// The note of a comparison: each cause's note in turn, one footer.
pub fn comparison_note(kb: &KnowledgeBase, causes: &[&Cause]) -> String {
    let names: Vec<&str> = causes.iter().map(|c| c.name.as_str()).collect();
    let mut out = format!("Comparison: {}\n", names.join(" | "));
    for c in causes {
        out.push('\n');
        body(&mut out, kb, c);
    }
    footer(&mut out, kb);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_carries_every_sign_with_its_citation_and_the_disclaimer() {
        let kb = crate::kb::embedded();
        let cause = &kb.causes[0];
        let note = cause_note(&kb, cause);
        assert!(note.starts_with(&cause.name));
        for s in &cause.signs {
            assert!(
                note.contains(&format!("{} {}", s.text, labels::citation(&kb, &s.sources))),
                "{}",
                s.text
            );
        }
        assert!(note.contains(&kb.meta.disclaimer));
        assert!(note.contains(&kb.meta.updated));
    }
}
