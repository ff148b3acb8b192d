//! One layout for a cause, written to plain text or Markdown through [`Sink`].
//! Urgency and red flags are spelled out in words, never left to colour.

use std::fmt::Write as _;

use crate::kb::{Cause, Cite, KnowledgeBase, build_tree, stage_label};

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
        let _ = writeln!(self.0, "\n#### {text}\n");
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

/// "[articles 14, 56; qa 2]"
pub fn cite_list(cites: &[Cite]) -> String {
    let parts: Vec<String> = cites
        .iter()
        .map(|c| {
            let paras: Vec<String> = c.para.iter().map(u32::to_string).collect();
            format!("{} {}", c.doc, paras.join(", "))
        })
        .collect();
    format!("[{}]", parts.join("; "))
}

/// "!! EMERGENCY" — symbol and word, so nothing depends on colour.
pub fn urgency_tag(cause: &Cause) -> String {
    format!(
        "{} {}",
        cause.urgency.symbol(),
        cause.urgency.as_str().to_uppercase()
    )
}

pub fn render_cause<S: Sink>(kb: &KnowledgeBase, cause: &Cause, mut out: S) -> S {
    out.title(&format!(
        "{}  {}  ({})",
        urgency_tag(cause),
        cause.name,
        cause.id
    ));
    if !cause.aliases.is_empty() {
        out.line(&format!("Also called: {}", cause.aliases.join("; ")));
    }
    let group = kb
        .group(&cause.group)
        .map_or(cause.group.as_str(), |g| g.name.as_str());
    let weeks = cause
        .weeks
        .map(|w| format!(" · weeks {}–{}", w.from, w.to))
        .unwrap_or_default();
    out.line(&format!(
        "Stage: {}{weeks} · Group: {group}",
        stage_label(&cause.stage)
    ));
    out.line(&format!(
        "Summary: {} {}",
        cause.summary,
        cite_list(&cause.sources)
    ));
    out.line(&format!("DO NOW: {}", cause.action));

    out.heading("Signs");
    if cause.signs.is_empty() {
        out.line("(none given in the sources)");
    } else {
        out.line("RED FLAG = act now; KEY = tells it apart from look-alikes");
    }
    let mut signs: Vec<_> = cause.signs.iter().collect();
    signs.sort_by_key(|s| (!s.red_flag, !s.distinguishing));
    for s in signs {
        let mut marks = Vec::new();
        if s.red_flag {
            marks.push("RED FLAG");
        }
        if s.distinguishing {
            marks.push("KEY");
        }
        let marks = if marks.is_empty() {
            String::new()
        } else {
            format!("[{}] ", marks.join(", "))
        };
        out.bullet(&format!("{marks}{} {}", s.text, cite_list(&s.sources)));
    }

    if !cause.risk_factors.is_empty() {
        out.heading("Risk factors");
        for r in &cause.risk_factors {
            out.bullet(&format!("{} {}", r.text, cite_list(&r.sources)));
        }
    }

    out.heading("Diagnostics");
    if cause.diagnostics.is_empty() {
        out.line("(none given in the sources)");
    }
    for d in &cause.diagnostics {
        out.bullet(&format!(
            "{}: {} {}",
            d.test,
            d.finding,
            cite_list(&d.sources)
        ));
    }

    out.heading("Treatment");
    if cause.treatments.is_empty() {
        out.line("(none given in the sources)");
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
        out.bullet(&format!(
            "{}: {}{examples}{when} {}",
            t.kind.label(),
            t.class,
            cite_list(&t.sources)
        ));
    }

    if !cause.look_alikes.is_empty() {
        out.heading("Tell apart from");
        for id in &cause.look_alikes {
            let name = kb.cause(id).map_or("", |c| c.name.as_str());
            out.bullet(&format!("{name} ({id})"));
        }
    }

    out.heading("Sources");
    for (doc, paras) in kb.paragraphs_cited_by(cause) {
        let paras: Vec<String> = paras.iter().map(u32::to_string).collect();
        out.bullet(&format!(
            "{} = \"{}\" ({}), paragraphs {}",
            doc.id,
            doc.title,
            doc.kind,
            paras.join(", ")
        ));
    }
    out
}

/// The tree as indented text, one cause per line with its urgency symbol and id.
pub fn render_list(kb: &KnowledgeBase, trimester: Option<u8>) -> String {
    let mut out = String::new();
    out.push_str("Urgency: !! emergency, ! urgent, · routine\n");
    for section in build_tree(kb, trimester) {
        let _ = writeln!(out, "\n{}", section.label);
        for g in &section.groups {
            let _ = writeln!(out, "  {}", kb.groups[g.group].name);
            for &ci in &g.causes {
                let c = &kb.causes[ci];
                let _ = writeln!(out, "    {:<2} {:<30} {}", c.urgency.symbol(), c.id, c.name);
            }
        }
    }
    out
}

/// The whole KB as Markdown: metadata, disclaimer, the tree, then every cause.
pub fn render_kb_markdown(kb: &KnowledgeBase) -> String {
    let mut out = format!(
        "# {}\n\nVersion {} · reviewed {}\n\n> **Disclaimer.** {}\n\n",
        kb.meta.title, kb.meta.version, kb.meta.reviewed, kb.meta.disclaimer
    );
    out.push_str("Sources:\n\n");
    for d in &kb.documents {
        let _ = writeln!(
            out,
            "- `{}`: {} ({}, {} paragraphs)",
            d.id, d.title, d.kind, d.paragraphs
        );
    }
    if !kb.guidance.is_empty() {
        out.push_str("\n# General guidance\n\n");
        for n in &kb.guidance {
            let _ = writeln!(out, "- {} {}", n.text, cite_list(&n.sources));
        }
    }
    out.push_str("\n# Differential by stage\n\n```text\n");
    out.push_str(&render_list(kb, None));
    out.push_str("```\n\n# Causes\n\n");
    for ci in kb.tree_order() {
        out.push_str(&render_cause(kb, &kb.causes[ci], MarkdownSink::default()).finish());
        out.push('\n');
    }
    out
}
