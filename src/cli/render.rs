//! The tree and the whole KB as text and Markdown (a cause itself is rendered by
//! [`crate::note`]).

use std::fmt::Write as _;

use crate::kb::{Basis, GuidelineStage, Reference, build_tree};
use crate::labels;
use crate::note::{MarkdownSink, Sink, item_marks, render_cause};

/// The tree as indented text, one cause per line with its urgency symbol and id; guideline
/// causes carry the guideline marker.
pub fn render_list(r: &Reference, trimester: Option<u8>) -> String {
    let kb = &r.kb;
    let mut out = String::new();
    out.push_str(labels::URGENCY_LEGEND);
    out.push('\n');
    if r.guidelines.is_some() {
        out.push_str(labels::GUIDELINE_LEGEND);
        out.push('\n');
    }
    for section in build_tree(kb, trimester) {
        let _ = writeln!(out, "\n{}", labels::section_label(kb, section.trimester));
        for g in &section.groups {
            let _ = writeln!(out, "  {}", kb.groups[g.group].name);
            for &ci in &g.causes {
                let c = &kb.causes[ci];
                let mark = match kb.cause_basis(c) {
                    Basis::Guideline => format!("  [{}]", labels::GUIDELINE_MARK),
                    Basis::Documents => String::new(),
                };
                let _ = writeln!(
                    out,
                    "    {:<2} {:<30} {}{mark}",
                    c.urgency.symbol(),
                    c.id,
                    c.name
                );
            }
        }
    }
    out
}

/// `list` as printed: the tree, then the one-line provenance footer.
pub fn render_list_with_footer(r: &Reference, trimester: Option<u8>) -> String {
    let mut out = render_list(r, trimester);
    let _ = writeln!(out, "\n{}", crate::provenance::footer_of(r));
    out
}

/// The guideline layer's stage notes and guidelines, as Markdown.
fn render_layer_markdown(r: &Reference, out: &mut String) {
    let Some(layer) = &r.guidelines else {
        return;
    };
    let _ = writeln!(
        out,
        "\n# {} layer\n\n> {}\n",
        labels::GUIDELINE_MARK,
        layer.notice
    );
    for stage in GuidelineStage::ALL {
        let _ = writeln!(out, "\n## {}\n", labels::guideline_stage_label(stage));
        for n in layer.stage_notes_for(stage) {
            let _ = writeln!(
                out,
                "- {}{} {}",
                labels::guideline_note_prefix(&n.fact, layer.strength_of(&n.fact), n.kind),
                n.text,
                labels::guideline_citation(&n.sources)
            );
        }
    }
}

/// The whole KB as Markdown: metadata, disclaimer, the tree, then every cause.
pub fn render_kb_markdown(r: &Reference) -> String {
    let kb = &r.kb;
    let mut out = format!(
        "# {}\n\nVersion {} · {}\n\n> **Disclaimer.** {}\n\n",
        kb.meta.title,
        kb.meta.version,
        labels::updated_label(&kb.meta.updated),
        kb.meta.disclaimer
    );
    if let Some(banner) = crate::provenance::local_banner(r) {
        let _ = writeln!(out, "> **{}.** {banner}\n", labels::LOCAL_MARK);
    }
    out.push_str("Sources:\n\n");
    for d in &kb.documents {
        let _ = writeln!(out, "- {}", labels::document_line(d));
    }
    let _ = writeln!(out, "\n{}", labels::CLAIM_LEGEND);
    if !kb.guidance.is_empty() {
        out.push_str("\n# General guidance\n\n");
        for n in &kb.guidance {
            let _ = writeln!(
                out,
                "- {}{} {}",
                item_marks(kb, &n.claim, &n.sources),
                n.text,
                labels::citation(kb, &n.sources)
            );
        }
    }
    render_layer_markdown(r, &mut out);
    out.push_str("\n# Differential by stage\n\n```text\n");
    out.push_str(&render_list(r, None));
    out.push_str("```\n\n# Causes\n\n");
    for ci in kb.tree_order() {
        out.push_str(&render_cause(r.into(), &kb.causes[ci], MarkdownSink::default()).finish());
        out.push('\n');
    }
    out
}
