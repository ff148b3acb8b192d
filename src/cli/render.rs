//! One layout for a cause, written to plain text or Markdown through [`Sink`].
//! Urgency and red flags are spelled out in words, never left to colour.

use std::fmt::Write as _;

use crate::kb::{
    Basis, Cause, Cite, Claim, GuidelineStage, KnowledgeBase, LayerFact, Reference, build_tree,
};
use crate::labels;

/// Where rendered lines go; each format decides how headings and bullets look.
pub trait Sink {
    fn title(&mut self, text: &str);
    fn heading(&mut self, text: &str);
    fn line(&mut self, text: &str);
    fn bullet(&mut self, text: &str);
    fn blank(&mut self);
    fn finish(self) -> String;
}

#[derive(Default)]
pub struct TextSink(String);

impl Sink for TextSink {
    fn title(&mut self, text: &str) {
        let _ = writeln!(self.0, "{text}");
    }
    fn heading(&mut self, text: &str) {
        let _ = writeln!(self.0, "\n{}", text.to_uppercase());
    }
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.0, "{text}");
    }
    fn bullet(&mut self, text: &str) {
        let _ = writeln!(self.0, "  - {text}");
    }
    fn blank(&mut self) {
        self.0.push('\n');
    }
    fn finish(self) -> String {
        self.0
    }
}

#[derive(Default)]
pub struct MarkdownSink(String);

impl Sink for MarkdownSink {
    fn title(&mut self, text: &str) {
        let _ = writeln!(self.0, "## {text}\n");
    }
    fn heading(&mut self, text: &str) {
        let _ = writeln!(self.0, "\n### {text}\n");
    }
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.0, "{text}  ");
    }
    fn bullet(&mut self, text: &str) {
        let _ = writeln!(self.0, "- {text}");
    }
    fn blank(&mut self) {
        self.0.push('\n');
    }
    fn finish(self) -> String {
        self.0
    }
}

/// Marks before an item's text: the guideline marker, the claim status; e.g.
/// "§ GUIDELINE " or "◐ ONE ARTICLE'S CLAIM: Article 4 … (articles a4) · ".
fn item_marks(kb: &KnowledgeBase, claim: &Claim, sources: &[Cite]) -> String {
    let basis = labels::basis_prefix(kb.basis_of(sources));
    match labels::claim_marker(kb, claim, sources) {
        Some(marker) => format!("{basis}{marker} · "),
        None => basis.to_string(),
    }
}

/// One cited item: marks (with the safety-layer fact and its strength, where the layer put the
/// item here), text, citation; then, for a dispute, the other statement.
fn item<S: Sink>(
    out: &mut S,
    kb: &KnowledgeBase,
    text: &str,
    sources: &[Cite],
    claim: &Claim,
    fact: Option<&LayerFact>,
) {
    let fact = fact
        .map(|f| format!("{} · ", labels::layer_fact_tag(f)))
        .unwrap_or_default();
    out.bullet(&format!(
        "{}{fact}{text} {}",
        item_marks(kb, claim, sources),
        labels::citation(kb, sources)
    ));
    if let Claim::Disputed(d) = claim {
        out.bullet(&format!("  {}", labels::dispute_line(kb, d)));
    }
}

/// Whether any statement of the cause carries a claim mark or an editor's note (then the
/// legend is printed with it).
fn has_claim_marks(cause: &Cause) -> bool {
    let claims = std::iter::once(&cause.claim)
        .chain(cause.signs.iter().map(|s| &s.claim))
        .chain(cause.risk_factors.iter().map(|x| &x.claim))
        .chain(cause.diagnostics.iter().map(|x| &x.claim))
        .chain(cause.treatments.iter().map(|x| &x.claim))
        .chain(cause.complications.iter().map(|x| &x.claim));
    let mut claims = claims;
    claims.any(|c| !c.is_supported()) || cause.treatments.iter().any(|t| t.editor_note.is_some())
}

pub fn render_cause<S: Sink>(r: &Reference, cause: &Cause, mut out: S) -> S {
    let kb = &r.kb;
    let basis = kb.cause_basis(cause);
    let fact = r
        .cause_fact(&cause.id)
        .map(|f| format!(" {}", labels::fact_and_strength(f, r.strength_of(f))))
        .unwrap_or_default();
    out.title(&format!(
        "{}  {}{}  ({})",
        labels::urgency_tag(cause.urgency),
        match basis {
            Basis::Guideline => format!("{}{fact}  ", labels::GUIDELINE_MARK),
            Basis::Documents => String::new(),
        },
        cause.name,
        cause.id
    ));
    if !cause.aliases.is_empty() {
        out.line(&format!("Also called: {}", cause.aliases.join("; ")));
    }
    let group = kb
        .group(&cause.group)
        .map_or(cause.group.as_str(), |g| g.name.as_str());
    let weeks = labels::weeks_suffix(cause.weeks);
    out.line(&format!(
        "Stage: {}{weeks} · Group: {group}",
        labels::stage_label(&cause.stage)
    ));
    if basis == Basis::Guideline {
        out.line(&format!("Basis: {}", labels::GUIDELINE_LEGEND));
    }
    out.line(&format!(
        "Summary: {}{} {}",
        item_marks(kb, &cause.claim, &cause.sources),
        cause.summary,
        labels::citation(kb, &cause.sources)
    ));
    if let Claim::Disputed(d) = &cause.claim {
        out.line(&labels::dispute_line(kb, d));
    }
    out.line(&format!(
        "{}: {}",
        labels::action_label(basis),
        cause.action
    ));

    if has_claim_marks(cause) {
        out.line(labels::CLAIM_LEGEND);
    }

    let notes = r.cause_notes(&cause.id);
    if !notes.is_empty() {
        out.heading(labels::GUIDELINE_NOTES);
        for n in notes {
            out.bullet(&format!(
                "{}{} {}",
                labels::guideline_note_prefix(&n.fact, r.strength_of(&n.fact), n.kind),
                n.text,
                labels::guideline_citation(&n.sources)
            ));
        }
    }

    out.heading(labels::SIGNS);
    if cause.signs.is_empty() {
        out.line(labels::NONE_GIVEN);
    } else {
        out.line(&format!(
            "{} = act now; {} = tells it apart from look-alikes",
            labels::RED_FLAG,
            labels::KEY_SIGN
        ));
    }
    let mut signs: Vec<_> = cause.signs.iter().collect();
    signs.sort_by_key(|s| (!s.red_flag, !s.distinguishing));
    for s in signs {
        let mut marks = Vec::new();
        if s.red_flag {
            marks.push(labels::RED_FLAG);
        }
        if s.distinguishing {
            marks.push(labels::KEY_SIGN);
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("[{}] ", marks.join(", "))
        };
        item(
            &mut out,
            kb,
            &format!("{marks}{}", s.text),
            &s.sources,
            &s.claim,
            s.fact.as_ref(),
        );
    }

    if !cause.risk_factors.is_empty() {
        out.heading(labels::RISK_FACTORS);
        for rf in &cause.risk_factors {
            item(
                &mut out,
                kb,
                &rf.text,
                &rf.sources,
                &rf.claim,
                rf.fact.as_ref(),
            );
        }
    }

    out.heading(labels::DIAGNOSTICS);
    if cause.diagnostics.is_empty() {
        out.line(labels::NONE_GIVEN);
    }
    for d in &cause.diagnostics {
        item(
            &mut out,
            kb,
            &format!("{}: {}", d.test, d.finding),
            &d.sources,
            &d.claim,
            d.fact.as_ref(),
        );
    }

    out.heading(labels::TREATMENT);
    if cause.treatments.is_empty() {
        out.line(labels::NONE_GIVEN);
    }
    for t in &cause.treatments {
        let examples = if t.examples.is_empty() {
            String::new()
        } else {
            format!(" — {}", t.examples.join(", "))
        };
        let when = t
            .when
            .as_deref()
            .map(|w| format!(" (when: {w})"))
            .unwrap_or_default();
        item(
            &mut out,
            kb,
            &format!("{}: {}{examples}{when}", t.kind.label(), t.class),
            &t.sources,
            &t.claim,
            t.fact.as_ref(),
        );
        if let Some(note) = &t.editor_note {
            out.bullet(&format!("  {}", labels::editor_note(note)));
        }
    }

    if !cause.complications.is_empty() {
        out.heading(labels::COMPLICATIONS);
        for n in &cause.complications {
            item(&mut out, kb, &n.text, &n.sources, &n.claim, None);
        }
    }

    if !cause.look_alikes.is_empty() {
        out.heading(labels::LOOK_ALIKES);
        for id in &cause.look_alikes {
            let (name, mark) = kb.cause(id).map_or(("", ""), |c| {
                (c.name.as_str(), labels::basis_prefix(kb.cause_basis(c)))
            });
            out.bullet(&format!("{mark}{name} ({id})"));
        }
    }

    out.heading(labels::SOURCES);
    // Source documents with the paragraphs cited; guidelines cited by the cause or its notes.
    let docs = super::provenance::cited_documents(r, cause);
    for (doc, paras) in docs {
        let cited = match doc.layer {
            crate::kb::Layer::Source => {
                let paras: Vec<String> = paras.iter().map(u32::to_string).collect();
                format!(", paragraphs {}", paras.join(", "))
            }
            crate::kb::Layer::Guideline => String::new(),
        };
        out.bullet(&format!("{}{cited}", labels::document_line(doc)));
    }
    out
}

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
        let _ = writeln!(out, "\n{}", section.label);
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
    let _ = writeln!(out, "\n{}", super::provenance::footer(&r.kb));
    out
}

/// `show` as printed: the cause, then where it comes from (KB title, version, date,
/// disclaimer; the documents it cites are listed in its Sources section above).
pub fn render_show<S: Sink>(r: &Reference, cause: &Cause, out: S) -> S {
    let kb = &r.kb;
    let mut out = render_cause(r, cause, out);
    out.heading(super::provenance::HEADING);
    out.line(&format!(
        "{} · {}",
        kb.meta.title,
        super::provenance::kb_version_line(kb)
    ));
    out.line(&format!(
        "{}{}",
        super::provenance::DISCLAIMER_PREFIX,
        kb.meta.disclaimer
    ));
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
        out.push_str(&render_cause(r, &kb.causes[ci], MarkdownSink::default()).finish());
        out.push('\n');
    }
    out
}
