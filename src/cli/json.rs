//! The JSON export: a stable contract for tools, decoupled from the RON schema.
//!
//! Every JSON output is an [`Envelope`]: `format_version` and `meta` (the KB's title, version,
//! date and disclaimer), then the command's own fields; [`enveloped`] is the one way to print
//! one, so a new command gets both. Export (`format_version` 1): `{ format_version, meta,
//! documents, guidance, guideline_layer?, trimesters, groups, causes }`; `show --format json`
//! prints one cause object. Every cause and item has `basis` and `claim`; every `sources` entry
//! names a document (a guideline's id for guideline items). docs/json.md documents it.

use std::borrow::Cow;

use serde::Serialize;

use crate::kb::{
    Basis, Cause, CauseNote, Cite, Claim, GuidelineCite, GuidelineLayer, GuidelineStage,
    KnowledgeBase, Layer, LayerFact, Reference, SourceDocument, SourceKind, Stage, StageNote,
    Strength,
};
use crate::labels;

/// Bumped when an existing field changes meaning; new fields may be added within a version.
pub const FORMAT_VERSION: u32 = 1;

/// What every JSON output starts with: its format version and where it comes from.
#[derive(Serialize)]
pub struct Envelope<'a, T> {
    pub format_version: u32,
    /// The KB the output comes from: title, version, date, disclaimer.
    pub meta: MetaJson<'a>,
    #[serde(flatten)]
    pub body: T,
}

/// `body` in its envelope, as printed (pretty, escaped, with a final newline).
pub fn enveloped<T: Serialize>(kb: &KnowledgeBase, format_version: u32, body: T) -> String {
    to_json_string(&Envelope {
        format_version,
        meta: meta_json(kb),
        body,
    }) + "\n"
}

#[derive(Serialize)]
pub struct ExportJson<'a> {
    pub documents: Vec<DocumentJson<'a>>,
    /// General statements that apply to bleeding in pregnancy as a whole.
    pub guidance: Vec<NoteJson<'a>>,
    /// The guideline safety layer's notice and stage notes; absent with `--documents-only`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guideline_layer: Option<LayerJson<'a>>,
    /// The unit's local protocol overlay and all its notes; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_layer: Option<LocalLayerJson<'a>>,
    pub trimesters: Vec<TrimesterJson<'a>>,
    pub groups: Vec<GroupJson<'a>>,
    pub causes: Vec<CauseJson<'a>>,
}

#[derive(Serialize)]
pub struct MetaJson<'a> {
    pub title: &'a str,
    pub version: &'a str,
    /// When the content was last updated (not a clinical sign-off).
    pub updated: &'a str,
    pub disclaimer: &'a str,
}

#[derive(Serialize)]
pub struct DocumentJson<'a> {
    pub id: &'a str,
    /// "source" or "guideline".
    pub layer: &'static str,
    pub title: &'a str,
    pub kind: &'a str,
    /// 0 for a guideline (cited by section, not paragraph).
    pub paragraphs: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<&'a str>,
}

#[derive(Serialize)]
pub struct LayerJson<'a> {
    pub notice: &'a str,
    pub stage_notes: Vec<GuidelineNoteJson<'a>>,
}

#[derive(Serialize)]
pub struct TrimesterJson<'a> {
    pub number: u8,
    pub name: &'a str,
    pub weeks: WeeksJson,
}

#[derive(Serialize)]
pub struct WeeksJson {
    pub from: u8,
    pub to: u8,
}

#[derive(Serialize)]
pub struct GroupJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

/// A citation: a source document's paragraphs, or a guideline's sections (`paragraphs` empty).
#[derive(Serialize)]
pub struct SourceJson<'a> {
    pub document: &'a str,
    pub paragraphs: &'a [u32],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<&'a [u32]>,
}

/// How firmly an item is backed: `status` is "supported", "`one_article`", "disputed",
/// "`regional_practice`" or (guideline items) "guideline".
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    pub status: &'static str,
    /// For "`one_article"`: the article (part) the cited paragraphs lie in; for a document
    /// without parts, the document itself (`id` is the document's id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<PartJson<'a>>,
    /// For "disputed": the other statement, with its own sources.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherJson<'a>>,
}

#[derive(Serialize)]
pub struct PartJson<'a> {
    pub document: &'a str,
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct OtherJson<'a> {
    pub text: &'a str,
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct CauseJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// The name where the full one does not fit (the full name when the KB gives none).
    pub short_name: &'a str,
    pub group: &'a str,
    pub aliases: &'a [String],
    /// 1–3; a cause that can occur at any time (or whose stage is not given) lists all three.
    pub trimesters: Vec<u8>,
    pub any_time: bool,
    /// false when the documents give no stage.
    pub stage_stated: bool,
    pub weeks: Option<WeeksJson>,
    /// Where the weeks are the editor's arithmetic on the documents: how (null: the documents'
    /// own numbers, or no weeks).
    pub weeks_derivation: Option<&'a str>,
    pub urgency: &'static str,
    /// false where the documents state no urgency: `urgency` is then the fail-safe level.
    pub urgency_stated: bool,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    /// For a guideline cause, the fact (G1–G20) it encodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<&'a str>,
    pub summary: &'a str,
    /// The documents' advice to the patient, or (basis "guideline") the guideline's action.
    pub action: &'a str,
    pub action_by: &'static str,
    pub signs: Vec<SignJson<'a>>,
    pub risk_factors: Vec<NoteJson<'a>>,
    pub diagnostics: Vec<DiagnosticJson<'a>>,
    pub treatments: Vec<TreatmentJson<'a>>,
    pub complications: Vec<NoteJson<'a>>,
    /// What the clinician does first (at most five of the safety layer's clinician actions on
    /// the cause); empty without the layer. Also listed in `guideline_notes`.
    pub do_now: Vec<DoNowJson<'a>>,
    /// Guideline notes on this cause (empty without the layer).
    pub guideline_notes: Vec<GuidelineNoteJson<'a>>,
    /// The unit's local protocol notes on this cause (`layer: "local"`), first steps first;
    /// absent without an overlay.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub local_notes: Vec<LocalNoteJson<'a>>,
    pub look_alikes: &'a [String],
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct SignJson<'a> {
    pub text: &'a str,
    pub red_flag: bool,
    pub distinguishing: bool,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    pub sources: Vec<SourceJson<'a>>,
    /// Present on an item of the safety layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_layer: Option<SafetyLayerJson<'a>>,
}

#[derive(Serialize)]
pub struct NoteJson<'a> {
    pub text: &'a str,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    pub sources: Vec<SourceJson<'a>>,
    /// Present on an item of the safety layer (a risk factor it added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_layer: Option<SafetyLayerJson<'a>>,
}

#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    pub kind: &'static str,
    pub test: &'a str,
    pub finding: &'a str,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    pub sources: Vec<SourceJson<'a>>,
    /// Present on an item of the safety layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safety_layer: Option<SafetyLayerJson<'a>>,
}

#[derive(Serialize)]
pub struct TreatmentJson<'a> {
    pub kind: &'static str,
    pub class: &'a str,
    pub examples: &'a [String],
    pub when: Option<&'a str>,
    /// An editor's gloss (e.g. a brand's generic name): not from the source, not a recommendation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_note: Option<&'a str>,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    pub sources: Vec<SourceJson<'a>>,
}

/// A note of the guideline layer, on a stage or on causes.
#[derive(Serialize)]
pub struct GuidelineNoteJson<'a> {
    pub id: &'a str,
    /// The fact of the guideline-facts sheet it encodes, "G1" … "G20".
    pub fact: &'a str,
    /// "action" (for the clinician) or "note".
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<&'static str>,
    pub text: &'a str,
    pub basis: &'static str,
    pub claim: ClaimJson<'a>,
    pub sources: Vec<GuidelineSourceJson<'a>>,
    pub safety_layer: SafetyLayerJson<'a>,
}

/// One line of the do-now block: what to do, the fact it comes from and its strength, the
/// safety layer's sources.
#[derive(Serialize)]
pub struct DoNowJson<'a> {
    pub text: String,
    pub fact: String,
    /// "A", "B" or "C".
    pub strength: &'static str,
    pub sources: Vec<String>,
    pub safety_layer: SafetyLayerJson<'a>,
}

/// What the safety layer says of one of its items: the fact it encodes, its strength in code and
/// words, the kinds of the documents it cites (so a reference is never read as a guideline), and
/// the short name of the cause it is shown on (null for a stage's note).
#[derive(Serialize)]
pub struct SafetyLayerJson<'a> {
    pub fact: String,
    /// "A", "B" or "C".
    pub strength: &'static str,
    /// "UK guideline", "UK clinical reference (…)", "non-UK guideline or reference".
    pub strength_words: &'static str,
    /// Each cited document's kind (`"guideline"`, `"clinical_reference"`, …), in citation order,
    /// each once.
    pub source_kinds: Vec<&'static str>,
    /// The same kinds in words.
    pub source_kinds_words: Vec<&'static str>,
    pub cause_short_name: Option<&'a str>,
}

#[derive(Serialize)]
pub struct GuidelineSourceJson<'a> {
    pub document: &'a str,
    pub paragraphs: [u32; 0],
    pub sections: Vec<u32>,
}

/// JSON for the claim of an item with these citations.
struct Ctx<'a> {
    kb: &'a KnowledgeBase,
}

impl<'a> Ctx<'a> {
    fn sources(&self, cites: &'a [Cite]) -> Vec<SourceJson<'a>> {
        cites
            .iter()
            .map(|c| match self.kb.layer_of(&c.doc) {
                Layer::Source => SourceJson {
                    document: &c.doc,
                    paragraphs: &c.para,
                    sections: None,
                },
                Layer::Guideline => SourceJson {
                    document: &c.doc,
                    paragraphs: &[],
                    sections: Some(&c.para),
                },
            })
            .collect()
    }

    fn basis(&self, cites: &[Cite]) -> &'static str {
        self.kb.basis_of(cites).as_str()
    }

    fn claim(&self, claim: &'a Claim, cites: &'a [Cite]) -> ClaimJson<'a> {
        if self.kb.basis_of(cites) == Basis::Guideline {
            return guideline_claim();
        }
        let article = match claim {
            Claim::OneArticle => self.article(cites),
            _ => None,
        };
        let other = match claim {
            Claim::Disputed(d) => Some(OtherJson {
                text: &d.text,
                sources: self.sources(&d.sources),
            }),
            _ => None,
        };
        ClaimJson {
            status: labels::claim_id(claim),
            article,
            other,
        }
    }

    fn article(&self, cites: &'a [Cite]) -> Option<PartJson<'a>> {
        let first = cites.first()?;
        let doc = self.kb.document(&first.doc)?;
        if doc.parts.is_empty() {
            // A document without parts is one article as a whole.
            return Some(PartJson {
                document: &doc.id,
                id: &doc.id,
                title: &doc.title,
            });
        }
        let part = doc.part_of(*first.para.first()?)?;
        Some(PartJson {
            document: &doc.id,
            id: &part.id,
            title: &part.title,
        })
    }

    fn note(&self, text: &'a str, cites: &'a [Cite], claim: &'a Claim) -> NoteJson<'a> {
        NoteJson {
            text,
            basis: self.basis(cites),
            claim: self.claim(claim, cites),
            sources: self.sources(cites),
            safety_layer: None,
        }
    }

    /// The safety layer's fields of an item it put into `cause` (none for the documents' items).
    fn layer_item(
        &self,
        fact: Option<&'a LayerFact>,
        cites: &[Cite],
        cause: Option<&'a Cause>,
    ) -> Option<SafetyLayerJson<'a>> {
        let fact = fact?;
        Some(safety_layer_json(
            self.kb,
            &fact.fact,
            fact.strength,
            cites.iter().map(|c| c.doc.as_str()),
            cause,
        ))
    }
}

/// [`SafetyLayerJson`] of a fact with this strength citing these documents.
fn safety_layer_json<'a, 'd>(
    kb: &KnowledgeBase,
    fact: &str,
    strength: Strength,
    docs: impl Iterator<Item = &'d str>,
    cause: Option<&'a Cause>,
) -> SafetyLayerJson<'a> {
    let mut kinds: Vec<SourceKind> = Vec::new();
    for kind in docs.filter_map(|d| kb.document(d).and_then(|d| d.source_kind)) {
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    SafetyLayerJson {
        fact: fact.to_string(),
        strength: strength.id(),
        strength_words: labels::strength_words(strength),
        source_kinds: kinds.iter().map(|k| k.id()).collect(),
        source_kinds_words: kinds
            .iter()
            .map(|&k| labels::source_kind_words(k))
            .collect(),
        cause_short_name: cause.map(Cause::display_short_name),
    }
}

fn guideline_claim<'a>() -> ClaimJson<'a> {
    ClaimJson {
        status: "guideline",
        article: None,
        other: None,
    }
}

fn guideline_sources(cites: &[GuidelineCite]) -> Vec<GuidelineSourceJson<'_>> {
    cites
        .iter()
        .map(|c| GuidelineSourceJson {
            document: &c.guideline,
            paragraphs: [],
            sections: c.section.into_iter().collect(),
        })
        .collect()
}

/// The safety-layer fields of a guideline note (its strength from the layer's fact list; C, the
/// weakest, is never upgraded for a fact the list lacks — validation refuses one anyway).
fn note_layer<'a>(
    kb: &KnowledgeBase,
    layer: &GuidelineLayer,
    fact: &str,
    sources: &[GuidelineCite],
    cause: Option<&'a Cause>,
) -> SafetyLayerJson<'a> {
    safety_layer_json(
        kb,
        fact,
        layer.strength_of(fact).unwrap_or(Strength::C),
        sources.iter().map(|c| c.guideline.as_str()),
        cause,
    )
}

fn cause_note_json<'a>(r: &'a Reference, n: &'a CauseNote, c: &'a Cause) -> GuidelineNoteJson<'a> {
    GuidelineNoteJson {
        id: &n.id,
        fact: &n.fact,
        kind: n.kind.id(),
        stage: None,
        text: &n.text,
        basis: Basis::Guideline.as_str(),
        claim: guideline_claim(),
        sources: guideline_sources(&n.sources),
        safety_layer: note_layer(
            &r.kb,
            r.guidelines.as_ref().expect("a note comes with its layer"),
            &n.fact,
            &n.sources,
            Some(c),
        ),
    }
}

fn stage_note_json<'a>(
    kb: &KnowledgeBase,
    layer: &GuidelineLayer,
    n: &'a StageNote,
) -> GuidelineNoteJson<'a> {
    GuidelineNoteJson {
        id: &n.id,
        fact: &n.fact,
        kind: n.kind.id(),
        stage: Some(n.stage.id()),
        text: &n.text,
        basis: Basis::Guideline.as_str(),
        claim: guideline_claim(),
        sources: guideline_sources(&n.sources),
        safety_layer: note_layer(kb, layer, &n.fact, &n.sources, None),
    }
}

pub fn cause_json<'a>(r: &'a Reference, c: &'a Cause) -> CauseJson<'a> {
    let x = Ctx { kb: &r.kb };
    let basis = r.kb.cause_basis(c);
    CauseJson {
        id: &c.id,
        name: &c.name,
        short_name: c.display_short_name(),
        group: &c.group,
        aliases: &c.aliases,
        trimesters: c.stage.trimesters(),
        any_time: c.stage == Stage::AnyTime,
        stage_stated: c.stage != Stage::Unstated,
        weeks: c.weeks.map(|w| WeeksJson {
            from: w.from,
            to: w.to,
        }),
        weeks_derivation: c.weeks_derivation.as_deref(),
        urgency: c.urgency.as_str(),
        urgency_stated: c.urgency_basis == crate::kb::UrgencyBasis::Stated,
        basis: basis.as_str(),
        claim: x.claim(&c.claim, &c.sources),
        fact: r.cause_fact(&c.id),
        summary: &c.summary,
        action: &c.action,
        action_by: match basis {
            Basis::Documents => "documents_to_patient",
            Basis::Guideline => "guideline_to_clinician",
        },
        signs: c
            .signs
            .iter()
            .map(|s| SignJson {
                text: &s.text,
                red_flag: s.red_flag,
                distinguishing: s.distinguishing,
                basis: x.basis(&s.sources),
                claim: x.claim(&s.claim, &s.sources),
                sources: x.sources(&s.sources),
                safety_layer: x.layer_item(s.fact.as_ref(), &s.sources, Some(c)),
            })
            .collect(),
        risk_factors: c
            .risk_factors
            .iter()
            .map(|rf| NoteJson {
                safety_layer: x.layer_item(rf.fact.as_ref(), &rf.sources, Some(c)),
                ..x.note(&rf.text, &rf.sources, &rf.claim)
            })
            .collect(),
        diagnostics: c
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson {
                kind: d.kind.id(),
                test: &d.test,
                finding: &d.finding,
                basis: x.basis(&d.sources),
                claim: x.claim(&d.claim, &d.sources),
                sources: x.sources(&d.sources),
                safety_layer: x.layer_item(d.fact.as_ref(), &d.sources, Some(c)),
            })
            .collect(),
        treatments: c
            .treatments
            .iter()
            .map(|t| TreatmentJson {
                kind: t.kind.id(),
                class: &t.class,
                examples: &t.examples,
                when: t.when.as_deref(),
                editor_note: t.editor_note.as_deref(),
                basis: x.basis(&t.sources),
                claim: x.claim(&t.claim, &t.sources),
                sources: x.sources(&t.sources),
            })
            .collect(),
        complications: c
            .complications
            .iter()
            .map(|n| x.note(&n.text, &n.sources, &n.claim))
            .collect(),
        do_now: crate::note::Shown::from(r)
            .do_now(c)
            .into_iter()
            .map(|l| DoNowJson {
                safety_layer: safety_layer_json(
                    &r.kb,
                    &l.fact,
                    l.strength,
                    l.sources.iter().map(|s| s.guideline.as_str()),
                    Some(c),
                ),
                strength: l.strength.id(),
                sources: l.sources.iter().map(|s| s.guideline.clone()).collect(),
                text: l.text,
                fact: l.fact,
            })
            .collect(),
        guideline_notes: r
            .cause_notes(&c.id)
            .into_iter()
            .map(|n| cause_note_json(r, n, c))
            .collect(),
        local_notes: r
            .local
            .as_ref()
            .map(|l| {
                l.notes_for(&r.kb, c)
                    .into_iter()
                    .map(|n| local_note_json(l, n))
                    .collect()
            })
            .unwrap_or_default(),
        look_alikes: &c.look_alikes,
        sources: x.sources(&c.sources),
    }
}

/// One note of the local protocol overlay.
#[derive(Serialize)]
pub struct LocalNoteJson<'a> {
    /// Always "local": the unit's own line, not the documents' or the guidelines'.
    pub layer: &'static str,
    pub site: &'a str,
    pub site_version: &'a str,
    pub text: &'a str,
    pub do_now: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weeks: Option<WeeksJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pathway: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<&'a str>,
}

/// The overlay as a whole: who issued it and whether it is past its review date.
#[derive(Serialize)]
pub struct LocalLayerJson<'a> {
    pub layer: &'static str,
    pub site: &'a str,
    pub version: &'a str,
    pub approved_by: &'a str,
    pub review_by: &'a str,
    pub past_review: bool,
    /// The banner every output carries, in words.
    pub notice: String,
    pub notes: Vec<LocalNoteJson<'a>>,
}

fn local_note_json<'a>(
    l: &'a crate::kb::LocalLayer,
    n: &'a crate::kb::LocalNote,
) -> LocalNoteJson<'a> {
    LocalNoteJson {
        layer: "local",
        site: &l.site,
        site_version: &l.version,
        text: &n.text,
        do_now: n.do_now,
        cause: n.cause.as_deref(),
        stage: n.stage,
        weeks: n.weeks.map(|w| WeeksJson {
            from: w.from,
            to: w.to,
        }),
        contact: n.contact.as_deref(),
        pathway: n.pathway.as_deref(),
        link: n.link.as_deref(),
    }
}

/// The overlay of a reference, if one is read.
pub fn local_layer_json(r: &Reference) -> Option<LocalLayerJson<'_>> {
    let l = r.local.as_ref()?;
    let today = crate::kb::today_iso();
    Some(LocalLayerJson {
        layer: "local",
        site: &l.site,
        version: &l.version,
        approved_by: &l.approved_by,
        review_by: &l.review_by,
        past_review: l.past_review(&today),
        notice: labels::local_banner(l, &today),
        notes: l.notes.iter().map(|n| local_note_json(l, n)).collect(),
    })
}

/// `show --format json`: one cause object (in its [`Envelope`]).
#[derive(Serialize)]
pub struct ShowJson<'a> {
    #[serde(flatten)]
    pub cause: CauseJson<'a>,
    /// The local protocol overlay, when one is read (its notes on this cause are in
    /// `local_notes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_layer: Option<LocalLayerJson<'a>>,
    /// The documents and guidelines this cause cites (the same entries as in `export`).
    pub documents: Vec<DocumentJson<'a>>,
}

pub fn show_json<'a>(r: &'a Reference, c: &'a Cause) -> ShowJson<'a> {
    ShowJson {
        cause: cause_json(r, c),
        local_layer: local_layer_json(r).map(|mut l| {
            l.notes.clear();
            l
        }),
        documents: crate::kb::cited_documents(&r.kb, r.guidelines.as_ref(), c)
            .into_iter()
            .map(|(d, _)| document_json(d))
            .collect(),
    }
}

pub fn meta_json(kb: &KnowledgeBase) -> MetaJson<'_> {
    meta_fields(&kb.meta)
}

/// [`MetaJson`] of a KB's metadata alone.
pub fn meta_fields(meta: &crate::kb::Meta) -> MetaJson<'_> {
    MetaJson {
        title: &meta.title,
        version: &meta.version,
        updated: &meta.updated,
        disclaimer: &meta.disclaimer,
    }
}

fn document_json(d: &SourceDocument) -> DocumentJson<'_> {
    DocumentJson {
        id: &d.id,
        layer: d.layer.as_str(),
        title: &d.title,
        kind: &d.kind,
        paragraphs: d.paragraphs,
        year: d.year,
        jurisdiction: d.jurisdiction.as_deref(),
    }
}

pub fn export_json(r: &Reference) -> ExportJson<'_> {
    let kb = &r.kb;
    let x = Ctx { kb };
    ExportJson {
        documents: kb.documents.iter().map(document_json).collect(),
        guidance: kb
            .guidance
            .iter()
            .map(|n| x.note(&n.text, &n.sources, &n.claim))
            .collect(),
        guideline_layer: r.guidelines.as_ref().map(|g| LayerJson {
            notice: &g.notice,
            stage_notes: GuidelineStage::ALL
                .iter()
                .flat_map(|&s| g.stage_notes_for(s))
                .map(|n| stage_note_json(kb, g, n))
                .collect(),
        }),
        local_layer: local_layer_json(r),
        trimesters: kb
            .trimesters
            .iter()
            .map(|t| TrimesterJson {
                number: t.number,
                name: &t.name,
                weeks: WeeksJson {
                    from: t.weeks.from,
                    to: t.weeks.to,
                },
            })
            .collect(),
        groups: kb
            .groups
            .iter()
            .map(|g| GroupJson {
                id: &g.id,
                name: &g.name,
            })
            .collect(),
        causes: kb
            .tree_order()
            .into_iter()
            .map(|i| cause_json(r, &kb.causes[i]))
            .collect(),
    }
}

/// `list --format json`: the differential tree, as `list` prints it.
#[derive(Serialize)]
pub struct ListJson<'a> {
    /// The trimester asked for (`--trimester`), or null for all.
    pub trimester: Option<u8>,
    pub sections: Vec<SectionJson<'a>>,
    /// The local protocol overlay read with the reference (its notes are in `show`/`export`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_layer: Option<LocalLayerJson<'a>>,
}

/// A trimester (null: causes of any time or of no stated stage) and its groups of causes.
#[derive(Serialize)]
pub struct SectionJson<'a> {
    pub trimester: Option<u8>,
    pub label: String,
    pub groups: Vec<ListGroupJson<'a>>,
}

#[derive(Serialize)]
pub struct ListGroupJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub causes: Vec<ListCauseJson<'a>>,
}

#[derive(Serialize)]
pub struct ListCauseJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub urgency: &'static str,
    pub basis: &'static str,
}

pub fn list_json(r: &Reference, trimester: Option<u8>) -> ListJson<'_> {
    let kb = &r.kb;
    ListJson {
        trimester,
        local_layer: local_layer_json(r).map(|mut l| {
            l.notes.clear();
            l
        }),
        sections: crate::kb::build_tree(kb, trimester)
            .into_iter()
            .map(|section| SectionJson {
                trimester: section.trimester,
                label: labels::section_label(kb, section.trimester),
                groups: section
                    .groups
                    .iter()
                    .map(|g| ListGroupJson {
                        id: &kb.groups[g.group].id,
                        name: &kb.groups[g.group].name,
                        causes: g
                            .causes
                            .iter()
                            .map(|&i| {
                                let c = &kb.causes[i];
                                ListCauseJson {
                                    id: &c.id,
                                    name: &c.name,
                                    urgency: c.urgency.as_str(),
                                    basis: kb.cause_basis(c).as_str(),
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Pretty JSON text, with no control or bidirectional character raw (see [`escape_unsafe`]);
/// serialising these plain structs cannot fail.
pub fn to_json_string<T: Serialize>(value: &T) -> String {
    let json =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    match escape_unsafe(&json) {
        Cow::Borrowed(_) => json,
        Cow::Owned(escaped) => escaped,
    }
}

/// `serde_json` writes C0 controls as escapes but leaves DEL, the C1 controls and the
/// bidirectional controls raw (valid JSON, but a terminal acts on them): each is written as a
/// `\uXXXX` escape. Outside strings JSON has only ASCII punctuation and whitespace, so such a
/// character can only stand inside a string, where the escape means the same character; the
/// newlines of pretty-printing are left alone.
pub fn escape_unsafe(json: &str) -> Cow<'_, str> {
    crate::safe_text::replace_with(json, |c| c == '\n', |c| format!("\\u{:04x}", u32::from(c)))
}
