//! Loading the documents' KB together with the guideline layer, and applying the layer.
//!
//! The built-in reference is `data/kb.ron` plus `data/guidelines.ron`. `--kb PATH` loads a
//! documents' KB on its own: the built-in layer is written against the built-in KB's cause ids, so
//! it is applied only to the built-in KB. `--documents-only` leaves the layer out: the result is
//! then exactly the documents' KB.

use std::path::Path;

use super::error::KbError;
use super::guideline::{CauseNote, GuidelineLayer, GuidelineStage, NoteKind, StageNote};
use super::load::{EMBEDDED_KB, EMBEDDED_KB_NAME};
use super::load::{display_name, load_path_with_text, load_str, located_syntax_error};
use super::local::{LocalLayer, LocalNote};
use super::model::{Basis, Cite, Claim, Diagnostic, KnowledgeBase, RiskFactor, Sign, TestKind};
use super::strength::Strength;
use super::validate_layer::{validate_documents, validate_layer};

/// The guideline layer shipped inside the binary.
pub const EMBEDDED_GUIDELINES: &str = include_str!("../../../data/guidelines.ron");
/// How the embedded layer is named in messages.
pub const EMBEDDED_GUIDELINES_NAME: &str = "<embedded>/data/guidelines.ron";

/// What obddx shows: the documents' KB, with the guideline layer applied unless left out.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    /// The documents' KB; with the layer, also its guideline documents (layer `Guideline`) and
    /// its causes, so the tree and the search see them. Items take their basis from what they cite.
    pub kb: KnowledgeBase,
    /// The layer as read, when applied: stage notes, cause notes, fact ids, the notice.
    pub guidelines: Option<GuidelineLayer>,
    /// The unit's local protocol overlay, when one is read (never built in: not serialised).
    #[serde(skip)]
    pub local: Option<LocalLayer>,
}

impl Reference {
    /// The documents' KB alone.
    pub fn documents_only(kb: KnowledgeBase) -> Self {
        Reference {
            kb,
            guidelines: None,
            local: None,
        }
    }

    /// The documents' KB with a (validated) layer applied.
    pub fn with_layer(kb: KnowledgeBase, layer: GuidelineLayer) -> Self {
        Reference {
            kb: apply_layer(kb, &layer),
            guidelines: Some(layer),
            local: None,
        }
    }

    /// The built-in reference: the embedded KB, with the embedded layer unless `documents_only`.
    pub fn builtin(documents_only: bool) -> Result<Self, KbError> {
        let kb = load_documents_str(EMBEDDED_KB_NAME, EMBEDDED_KB)?;
        if documents_only {
            return Ok(Self::documents_only(kb));
        }
        let layer = load_layer_str(EMBEDDED_GUIDELINES_NAME, EMBEDDED_GUIDELINES, &kb)?;
        Ok(Self::with_layer(kb, layer))
    }

    /// A documents' KB from a file, without the built-in layer (see the module docs).
    pub fn from_path(path: &Path) -> Result<Self, KbError> {
        load_documents_path(path).map(Self::documents_only)
    }

    /// The guideline notes on a cause (none without the layer).
    pub fn cause_notes<'a>(&'a self, cause_id: &'a str) -> Vec<&'a CauseNote> {
        self.guidelines
            .iter()
            .flat_map(|g| g.notes_for(cause_id))
            .collect()
    }

    /// The guideline notes on a stage (none without the layer).
    pub fn stage_notes(&self, stage: GuidelineStage) -> Vec<&StageNote> {
        self.guidelines
            .iter()
            .flat_map(|g| g.stage_notes_for(stage))
            .collect()
    }

    /// The strength of a fact of the layer (none without the layer, or for an unknown id).
    pub fn strength_of(&self, fact: &str) -> Option<Strength> {
        self.guidelines.as_ref()?.strength_of(fact)
    }

    /// The fact id (G1–G66) a guideline cause encodes.
    pub fn cause_fact(&self, cause_id: &str) -> Option<&str> {
        self.guidelines.as_ref()?.fact_of_cause(cause_id)
    }

    /// The local overlay's notes on a cause (none without an overlay), `do_now` ones first.
    pub fn local_notes(&self, cause: &super::model::Cause) -> Vec<&LocalNote> {
        self.local
            .iter()
            .flat_map(|l| l.notes_for(&self.kb, cause))
            .collect()
    }

    /// The local overlay's first steps for a cause, in file order.
    pub fn local_do_now(&self, cause: &super::model::Cause) -> Vec<&LocalNote> {
        let mut notes = self.local_notes(cause);
        notes.retain(|n| n.do_now);
        notes
    }

    /// Every local note with the causes (indices) it belongs with, for the search index.
    pub fn local_texts(&self) -> Vec<(usize, String)> {
        self.local
            .as_ref()
            .map(|l| l.texts_by_cause(&self.kb))
            .unwrap_or_default()
    }

    /// The documents a cause draws on: [`cited_documents`] of this reference.
    pub fn cited_documents(
        &self,
        cause: &super::model::Cause,
    ) -> Vec<(&super::model::SourceDocument, Vec<u32>)> {
        cited_documents(&self.kb, self.guidelines.as_ref(), cause)
    }

    /// A cause's basis (documents or guideline).
    pub fn cause_basis(&self, cause: &super::model::Cause) -> Basis {
        self.kb.cause_basis(cause)
    }
}

/// The documents a cause draws on, in KB order: source documents with the paragraphs cited
/// (by the cause and its items), then guidelines cited by the cause or its guideline notes
/// (cited by section, so with no paragraphs). Takes the KB and the layer apart, for callers that
/// hold them apart (the browser swaps the layer in and out).
pub fn cited_documents<'a>(
    kb: &'a KnowledgeBase,
    layer: Option<&'a GuidelineLayer>,
    cause: &super::model::Cause,
) -> Vec<(&'a super::model::SourceDocument, Vec<u32>)> {
    let mut docs = kb.paragraphs_cited_by(cause);
    let notes: Vec<&CauseNote> = layer.iter().flat_map(|g| g.notes_for(&cause.id)).collect();
    let cited_guideline = |id: &str| {
        cause.cites().any(|c| c.doc == id)
            || notes
                .iter()
                .any(|n| n.sources.iter().any(|c| c.guideline == id))
    };
    for d in &kb.documents {
        if d.layer == super::model::Layer::Guideline
            && cited_guideline(&d.id)
            && !docs.iter().any(|(x, _)| x.id == d.id)
        {
            docs.push((d, Vec::new()));
        }
    }
    docs
}

/// The documents' KB with the layer's documents and causes added (appended, in file order), and
/// the layer's sign, risk-factor and diagnostic notes put into the fields of the causes they
/// name (after the cause's own items, in file order), each citing the layer's source and
/// carrying its fact and strength.
pub fn apply_layer(mut kb: KnowledgeBase, layer: &GuidelineLayer) -> KnowledgeBase {
    kb.documents.extend(
        layer
            .documents
            .iter()
            .map(super::guideline::GuidelineDocument::to_document),
    );
    kb.causes
        .extend(layer.causes.iter().map(|c| c.to_cause(layer)));
    for note in layer.cause_notes.iter().filter(|n| !n.kind.is_note()) {
        let sources: Vec<Cite> = note
            .sources
            .iter()
            .map(super::guideline::GuidelineCite::to_cite)
            .collect();
        let fact = layer.layer_fact(&note.fact);
        for cause in kb.causes.iter_mut().filter(|c| note.causes.contains(&c.id)) {
            match note.kind {
                NoteKind::Sign => cause.signs.push(Sign {
                    text: note.text.clone(),
                    red_flag: note.red_flag,
                    distinguishing: note.distinguishing,
                    sources: sources.clone(),
                    claim: Claim::default(),
                    fact: fact.clone(),
                }),
                NoteKind::RiskFactor => cause.risk_factors.push(RiskFactor {
                    text: note.text.clone(),
                    sources: sources.clone(),
                    claim: Claim::default(),
                    fact: fact.clone(),
                }),
                NoteKind::Diagnostic => cause.diagnostics.push(Diagnostic {
                    kind: note.test_kind.unwrap_or(TestKind::Other),
                    test: note.test.clone().unwrap_or_default(),
                    finding: note.text.clone(),
                    sources: sources.clone(),
                    claim: Claim::default(),
                    fact: fact.clone(),
                }),
                NoteKind::Action | NoteKind::Note => {}
            }
        }
    }
    kb
}

/// Loads a documents' KB from text: the documents' validation plus the claim rules.
pub fn load_documents_str(name: &str, text: &str) -> Result<KnowledgeBase, KbError> {
    let kb = load_str(name, text)?;
    validate_documents(name, text, &kb)?;
    Ok(kb)
}

/// Loads a documents' KB from a file: the documents' validation plus the claim rules.
pub fn load_documents_path(path: &Path) -> Result<KnowledgeBase, KbError> {
    let (kb, text) = load_path_with_text(path)?;
    validate_documents(&display_name(path), &text, &kb)?;
    Ok(kb)
}

/// Parses and validates a guideline layer against the documents' KB it is for.
pub fn load_layer_str(
    name: &str,
    text: &str,
    kb: &KnowledgeBase,
) -> Result<GuidelineLayer, KbError> {
    if text.trim().is_empty() {
        return Err(KbError::Empty { path: name.into() });
    }
    let layer: GuidelineLayer = ron::from_str(text).map_err(|e| {
        located_syntax_error(
            name,
            text,
            &e,
            &format!("guideline layer: {}", e.code),
            None,
        )
    })?;
    validate_layer(name, text, &layer, kb)?;
    Ok(layer)
}
