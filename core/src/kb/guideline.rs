//! The guideline safety layer's schema (`data/guidelines.ron`): what the source documents leave
//! out and every obstetric reference carries, each item tied to one fact of the guideline-facts
//! sheet (G1–G20) and cited to a guideline. Kept apart from the documents' KB, which reads on its
//! own; [`super::layer`] applies it.

use serde::{Deserialize, Serialize};

use super::model::{
    Cause, Cite, Diagnostic, Layer, RiskFactor, Sign, SourceDocument, Stage, TestKind, Treatment,
    TreatmentKind, Urgency,
};

/// The whole layer, as read from one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineLayer {
    /// Shown with the layer: whose guidelines these are, and that local protocols govern.
    pub notice: String,
    pub documents: Vec<GuidelineDocument>,
    /// Notes for a stage of pregnancy as a whole (bleeding from 24 weeks, early pregnancy).
    #[serde(default)]
    pub stage_notes: Vec<StageNote>,
    /// Must-not-miss causes the documents do not name.
    #[serde(default)]
    pub causes: Vec<GuidelineCause>,
    /// Notes on particular causes (of the documents' KB or of this layer).
    #[serde(default)]
    pub cause_notes: Vec<CauseNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineDocument {
    /// Short id used in citations, e.g. `"rcog-gtg63"`.
    pub id: String,
    /// Always `Guideline` here; written out so the file says what it holds.
    pub layer: Layer,
    pub title: String,
    /// Who issued it, its number and edition, e.g. "RCOG Green-top Guideline No. 63, 1st edition".
    pub issuer: String,
    pub year: u16,
    pub jurisdiction: String,
}

/// A citation of a guideline: the whole guideline, or one numbered section of it (only where the
/// facts sheet gives the section). Guidelines have no paragraph numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineCite {
    pub guideline: String,
    #[serde(default)]
    pub section: Option<u32>,
}

impl GuidelineCite {
    /// The same citation in the KB's form: for a guideline, `para` holds the section numbers.
    pub fn to_cite(&self) -> Cite {
        Cite {
            doc: self.guideline.clone(),
            para: self.section.into_iter().collect(),
        }
    }
}

/// The stages the guideline facts address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GuidelineStage {
    /// Bleeding before 14 weeks.
    EarlyPregnancy,
    /// Bleeding from 24+0 weeks until the birth (antepartum haemorrhage).
    From24Weeks,
}

impl GuidelineStage {
    pub const ALL: [GuidelineStage; 2] =
        [GuidelineStage::EarlyPregnancy, GuidelineStage::From24Weeks];

    /// Stable id for exports.
    pub fn id(self) -> &'static str {
        match self {
            GuidelineStage::EarlyPregnancy => "early_pregnancy",
            GuidelineStage::From24Weeks => "from_24_weeks",
        }
    }

    /// Whether a trimester (1–3) overlaps this stage: early pregnancy is the 1st trimester,
    /// bleeding from 24 weeks reaches into the 2nd and fills the 3rd.
    pub fn touches_trimester(self, trimester: u8) -> bool {
        match self {
            GuidelineStage::EarlyPregnancy => trimester == 1,
            GuidelineStage::From24Weeks => trimester >= 2,
        }
    }
}

/// Whether a note tells the clinician what to do, or what to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    /// A clinician action. Clinician actions live only in this layer.
    Action,
    /// Background a clinician needs: definitions, grades, risk factors, what a test can miss.
    Note,
}

impl NoteKind {
    pub fn id(self) -> &'static str {
        match self {
            NoteKind::Action => "action",
            NoteKind::Note => "note",
        }
    }
}

/// A note on a stage of pregnancy as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageNote {
    pub id: String,
    /// The fact of the guideline-facts sheet this note encodes, "G1" … "G20".
    pub fact: String,
    pub stage: GuidelineStage,
    pub kind: NoteKind,
    pub text: String,
    pub sources: Vec<GuidelineCite>,
}

/// A note on one or more causes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CauseNote {
    pub id: String,
    pub fact: String,
    /// Ids of the causes it concerns.
    pub causes: Vec<String>,
    pub kind: NoteKind,
    pub text: String,
    pub sources: Vec<GuidelineCite>,
}

/// A must-not-miss cause from the guidelines. Every item shares the cause's fact and citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineCause {
    pub id: String,
    pub fact: String,
    pub name: String,
    /// A group of the documents' KB, so the cause sits in the tree beside its look-alikes.
    pub group: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub stage: Stage,
    pub urgency: Urgency,
    pub summary: String,
    /// The guideline's action for the clinician.
    pub action: String,
    pub sources: Vec<GuidelineCite>,
    #[serde(default)]
    pub signs: Vec<GuidelineSign>,
    #[serde(default)]
    pub risk_factors: Vec<String>,
    #[serde(default)]
    pub diagnostics: Vec<GuidelineDiagnostic>,
    #[serde(default)]
    pub treatments: Vec<GuidelineTreatment>,
    #[serde(default)]
    pub look_alikes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineSign {
    pub text: String,
    #[serde(default)]
    pub red_flag: bool,
    #[serde(default)]
    pub distinguishing: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineDiagnostic {
    pub kind: TestKind,
    pub test: String,
    pub finding: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineTreatment {
    pub kind: TreatmentKind,
    pub class: String,
}

impl GuidelineDocument {
    /// The document as the KB lists it: layer `Guideline`, no paragraphs.
    pub fn to_document(&self) -> SourceDocument {
        SourceDocument {
            id: self.id.clone(),
            title: self.title.clone(),
            kind: self.issuer.clone(),
            file: String::new(),
            paragraphs: 0,
            parts: Vec::new(),
            layer: Layer::Guideline,
            year: Some(self.year),
            jurisdiction: Some(self.jurisdiction.clone()),
        }
    }
}

impl GuidelineCause {
    /// The cause in the KB's form; each item cites what the cause cites.
    pub fn to_cause(&self) -> Cause {
        let sources: Vec<Cite> = self.sources.iter().map(GuidelineCite::to_cite).collect();
        Cause {
            id: self.id.clone(),
            name: self.name.clone(),
            group: self.group.clone(),
            aliases: self.aliases.clone(),
            stage: self.stage.clone(),
            weeks: None,
            urgency: self.urgency,
            summary: self.summary.clone(),
            action: self.action.clone(),
            sources: sources.clone(),
            claim: super::Claim::default(),
            signs: self
                .signs
                .iter()
                .map(|s| Sign {
                    text: s.text.clone(),
                    red_flag: s.red_flag,
                    distinguishing: s.distinguishing,
                    sources: sources.clone(),
                    claim: super::Claim::default(),
                })
                .collect(),
            risk_factors: self
                .risk_factors
                .iter()
                .map(|text| RiskFactor {
                    text: text.clone(),
                    sources: sources.clone(),
                    claim: super::Claim::default(),
                })
                .collect(),
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| Diagnostic {
                    kind: d.kind,
                    test: d.test.clone(),
                    finding: d.finding.clone(),
                    sources: sources.clone(),
                    claim: super::Claim::default(),
                })
                .collect(),
            treatments: self
                .treatments
                .iter()
                .map(|t| Treatment {
                    kind: t.kind,
                    class: t.class.clone(),
                    examples: Vec::new(),
                    when: None,
                    editor_note: None,
                    sources: sources.clone(),
                    claim: super::Claim::default(),
                })
                .collect(),
            complications: Vec::new(),
            look_alikes: self.look_alikes.clone(),
        }
    }
}

impl GuidelineLayer {
    pub fn document(&self, id: &str) -> Option<&GuidelineDocument> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The notes on one cause, in file order.
    pub fn notes_for<'a>(&'a self, cause_id: &'a str) -> impl Iterator<Item = &'a CauseNote> {
        self.cause_notes
            .iter()
            .filter(move |n| n.causes.iter().any(|c| c == cause_id))
    }

    /// The notes on one stage, in file order.
    pub fn stage_notes_for(&self, stage: GuidelineStage) -> impl Iterator<Item = &StageNote> {
        self.stage_notes.iter().filter(move |n| n.stage == stage)
    }

    /// The fact id (G1–G20) of a guideline cause.
    pub fn fact_of_cause(&self, cause_id: &str) -> Option<&str> {
        self.causes
            .iter()
            .find(|c| c.id == cause_id)
            .map(|c| c.fact.as_str())
    }
}
