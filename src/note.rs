//! A cause as text: one layout, written to plain text or Markdown through [`Sink`]. It serves
//! `obddx show` (text and Markdown), `export --format markdown`, and the note the browser copies
//! with `y`, so a copied note carries what `show` prints: the safety layer's notes first, every
//! item with its citation and claim status, then where it all comes from. Urgency and red flags
//! are spelled out in words, never left to colour.

use std::fmt::Write as _;

use crate::kb::{
    Basis, Cause, CauseNote, Cite, Claim, DoNowLine, GuidelineLayer, KnowledgeBase, LayerFact,
    Reference, Strength,
};
use crate::labels;
use crate::provenance;

/// One do-now line as text: what to do, its fact and strength, its citation.
pub fn do_now_line(line: &DoNowLine) -> String {
    format!(
        "{} — {} {}",
        line.text,
        labels::fact_and_strength(&line.fact, Some(line.strength)),
        labels::guideline_citation(&line.sources)
    )
}

/// One guideline note as a line: its fact, strength and kind, its text, its citation.
pub fn guideline_note_line(r: Shown<'_>, n: &CauseNote) -> String {
    format!(
        "{}{} {}",
        labels::guideline_note_prefix(&n.fact, r.strength_of(&n.fact), n.kind),
        n.text,
        labels::guideline_citation(&n.sources)
    )
}

/// The reference as shown: the KB and, unless hidden, the guideline layer. Borrowed, so the
/// browser (which holds the two apart to swap the layer) and the CLI (which holds a
/// [`Reference`]) render through the same functions.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub kb: &'a KnowledgeBase,
    pub guidelines: Option<&'a GuidelineLayer>,
    /// The stated gestational week, which picks the do-now lines that apply then.
    pub week: Option<u8>,
    /// The unit's local protocol overlay, when one is read.
    pub local: Option<&'a crate::kb::LocalLayer>,
}

impl<'a> From<&'a Reference> for Shown<'a> {
    fn from(r: &'a Reference) -> Self {
        Shown {
            kb: &r.kb,
            guidelines: r.guidelines.as_ref(),
            week: None,
            local: r.local.as_ref(),
        }
    }
}

impl<'a> Shown<'a> {
    /// The guideline notes on a cause (none without the layer).
    pub fn cause_notes(&self, cause_id: &'a str) -> Vec<&'a CauseNote> {
        self.guidelines
            .iter()
            .flat_map(|g| g.notes_for(cause_id))
            .collect()
    }

    /// What the clinician does first for the cause at the stated week (none without the layer): the
    /// safety layer's selection, [`crate::kb::do_now_in`].
    pub fn do_now(&self, cause: &Cause) -> Vec<DoNowLine> {
        crate::kb::do_now_in(self.kb, self.guidelines, cause, self.week)
    }

    /// The strength of a safety-layer fact.
    pub fn strength_of(&self, fact: &str) -> Option<Strength> {
        self.guidelines?.strength_of(fact)
    }
}

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
pub(crate) fn item_marks(kb: &KnowledgeBase, claim: &Claim, sources: &[Cite]) -> String {
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

/// A cause: its title, the safety layer's notes, signs, tests, treatment, look-alikes, sources.
pub fn render_cause<S: Sink>(r: Shown<'_>, cause: &Cause, mut out: S) -> S {
    let kb = r.kb;
    let basis = kb.cause_basis(cause);
    let fact = labels::cause_fact_tag(r.guidelines, &cause.id)
        .map(|tag| format!(" {tag}"))
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
    // What to do first comes first — the unit's own first steps lead, marked local; the
    // documents' advice to the patient stays below, labelled.
    let do_now = r.do_now(cause);
    let local_notes = r.local.map(|l| l.notes_for(kb, cause)).unwrap_or_default();
    let local_first = local_notes.iter().filter(|n| n.do_now);
    if !do_now.is_empty() || local_notes.iter().any(|n| n.do_now) {
        out.heading(labels::DO_NOW);
        if let Some(local) = r.local {
            for n in local_first {
                out.bullet(&labels::local_note_line(local, n));
            }
        }
        for line in &do_now {
            out.bullet(&do_now_line(line));
        }
        out.blank();
    }
    if let Some(local) = r.local
        && local_notes.iter().any(|n| !n.do_now)
    {
        out.heading(labels::LOCAL_NOTES);
        for n in local_notes.iter().filter(|n| !n.do_now) {
            out.bullet(&labels::local_note_line(local, n));
        }
        out.blank();
    }
    if !cause.aliases.is_empty() {
        out.line(&format!("Also called: {}", cause.aliases.join("; ")));
    }
    let group = kb
        .group(&cause.group)
        .map_or(cause.group.as_str(), |g| g.name.as_str());
    let weeks = labels::cause_weeks_suffix(cause);
    out.line(&format!(
        "Stage: {}{weeks} · Group: {group}",
        labels::stage_label(&cause.stage)
    ));
    if let Some(derived) = labels::weeks_derivation_line(cause) {
        out.line(&derived);
    }
    if let Some(not_stated) = labels::urgency_basis_line(cause) {
        out.line(&not_stated);
    }
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
            out.bullet(&guideline_note_line(r, n));
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
    let docs = crate::kb::cited_documents(r.kb, r.guidelines, cause);
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

/// `show` as printed: the cause, then where it comes from (KB title, version, date,
/// disclaimer; the documents it cites are listed in its Sources section above).
pub fn render_show<S: Sink>(r: Shown<'_>, cause: &Cause, out: S) -> S {
    let kb = r.kb;
    let mut out = render_cause(r, cause, out);
    out.heading(provenance::HEADING);
    out.line(&format!(
        "{} · {}",
        kb.meta.title,
        provenance::kb_version_line(kb)
    ));
    out.line(&format!(
        "{}{}",
        provenance::DISCLAIMER_PREFIX,
        kb.meta.disclaimer
    ));
    if let Some(local) = r.local {
        out.line(&labels::local_banner(local, &crate::kb::today_iso()));
    }
    out
}

/// The note the browser copies: what `show` prints for the cause, after one line with the
/// gestation (when set) and the time of copying.
pub fn cause_note(r: Shown<'_>, cause: &Cause, context: &str) -> String {
    let mut out = format!("{context}\n\n");
    out.push_str(&render_show(r, cause, TextSink::default()).finish());
    out
}
