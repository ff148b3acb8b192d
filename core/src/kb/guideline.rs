//! The safety layer's schema (`data/guidelines.ron`): what the source documents leave out and
//! every obstetric reference carries, each item tied to one fact of the facts sheet (G1–G66,
//! listed once in `facts` with its strength) and cited to a UK guideline, a clinical reference or
//! a non-UK source (each document says which kind it is). Kept apart from the documents' KB,
//! which reads on its own; [`super::layer`] applies it.

use serde::{Deserialize, Serialize};

use super::membership::{When, window_admits};
use super::model::{
    Cause, Cite, Diagnostic, Layer, RiskFactor, Sign, SourceDocument, Stage, TestKind, Treatment,
    TreatmentKind, Trimester, Urgency, WeekRange,
};
use super::strength::{Fact, LayerFact, SourceKind, Strength};

/// The whole layer, as read from one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineLayer {
    /// Shown with the layer: whose guidelines and references these are, and that local
    /// protocols govern.
    pub notice: String,
    /// Every fact an item may cite, each once, with its strength.
    pub facts: Vec<Fact>,
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
    /// Always `Guideline` here (the safety layer); written out so the file says what it holds.
    pub layer: Layer,
    /// Guideline, clinical reference, reference text, …: a reference is never called a guideline.
    pub kind: SourceKind,
    pub title: String,
    /// Who issued it, its number and edition, e.g. "RCOG Green-top Guideline No. 63, 1st edition".
    pub issuer: String,
    /// Year of publication, where the facts sheet gives it.
    #[serde(default)]
    pub year: Option<u16>,
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

    /// The stage's weeks: before 14 weeks (0–13), or from 24+0 weeks (24 to the last week a KB
    /// may mention).
    pub fn weeks(self) -> WeekRange {
        match self {
            GuidelineStage::EarlyPregnancy => WeekRange { from: 0, to: 13 },
            GuidelineStage::From24Weeks => WeekRange {
                from: 24,
                to: super::validate::MAX_WEEK,
            },
        }
    }
}

/// What a note is: what to do, what to know, or an item of the cause's own fields (a sign, a
/// risk factor, a diagnostic), which [`super::apply_layer`] puts into those fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoteKind {
    /// A clinician action. Clinician actions live only in this layer.
    Action,
    /// Background a clinician needs: definitions, grades, what a test can miss.
    Note,
    /// A finding that recognises the cause (with `red_flag` / `distinguishing`).
    Sign,
    RiskFactor,
    /// A test and what it shows (with `test` and `test_kind`; `text` is the finding).
    Diagnostic,
}

impl NoteKind {
    pub fn id(self) -> &'static str {
        match self {
            NoteKind::Action => "action",
            NoteKind::Note => "note",
            NoteKind::Sign => "sign",
            NoteKind::RiskFactor => "risk_factor",
            NoteKind::Diagnostic => "diagnostic",
        }
    }

    /// Whether the note stays a note (shown with the notes), rather than an item of the cause.
    pub fn is_note(self) -> bool {
        matches!(self, NoteKind::Action | NoteKind::Note)
    }
}

/// Where a do-now line stands: the block lists steps in this order (resuscitate and assess
/// first), and within a step the stage's lines before the cause's, each in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DoNowStep {
    /// Assess and resuscitate the woman, then the fetus; refer when unstable.
    Assess,
    /// What must not be done before something is excluded (no digital examination).
    Avoid,
    /// The cause's own definitive action (emergency caesarean, surgery).
    Act,
    /// Protection that follows: the `RhD` status and anti-D, corticosteroids in their window.
    Protect,
}

/// The widest a do-now line may be, in columns (the data's rule: validation reads it here).
pub const MAX_DO_NOW_COLUMNS: usize = 72;

/// A do-now line: its step and a short form (at most [`MAX_DO_NOW_COLUMNS`]
/// columns) of the item it belongs to, never saying more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DoNow {
    pub step: DoNowStep,
    pub text: String,
}

/// A note on a stage of pregnancy as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageNote {
    pub id: String,
    /// The fact of the facts sheet this note encodes, "G1" … "G66".
    pub fact: String,
    pub stage: GuidelineStage,
    /// Narrower weeks inside the stage where the fact gives them (corticosteroids' window).
    #[serde(default)]
    pub weeks: Option<WeekRange>,
    pub kind: NoteKind,
    pub text: String,
    /// A short line for the do-now block (actions only): a faithful short form of `text`.
    #[serde(default)]
    pub do_now: Option<DoNow>,
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
    /// Weeks the note applies in, where its fact gives them (early pregnancy only, …).
    #[serde(default)]
    pub weeks: Option<WeekRange>,
    pub kind: NoteKind,
    pub text: String,
    /// A sign that needs immediate action (kind `Sign` only).
    #[serde(default)]
    pub red_flag: bool,
    /// A sign that tells the cause apart from its look-alikes (kind `Sign` only).
    #[serde(default)]
    pub distinguishing: bool,
    /// The test's kind and name (kind `Diagnostic` only; `text` is what it shows).
    #[serde(default)]
    pub test_kind: Option<TestKind>,
    #[serde(default)]
    pub test: Option<String>,
    /// A short line for the do-now block (actions only): a faithful short form of `text`.
    #[serde(default)]
    pub do_now: Option<DoNow>,
    pub sources: Vec<GuidelineCite>,
}

impl StageNote {
    /// Whether the note applies at the stated stage: within its stage's weeks and its own.
    pub fn applies(&self, trimesters: &[Trimester], when: When) -> bool {
        window_admits(Some(self.stage.weeks()), trimesters, when)
            && window_admits(self.weeks, trimesters, when)
    }
}

impl CauseNote {
    /// Whether the note applies at the stated stage (always, without weeks of its own).
    pub fn applies(&self, trimesters: &[Trimester], when: When) -> bool {
        window_admits(self.weeks, trimesters, when)
    }
}

/// A must-not-miss cause from the guidelines. Every item shares the cause's fact and citations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuidelineCause {
    pub id: String,
    pub fact: String,
    pub name: String,
    /// A short form of `name` for narrow places; never new content.
    #[serde(default)]
    pub short_name: Option<String>,
    /// A group of the documents' KB, so the cause sits in the tree beside its look-alikes.
    pub group: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub stage: Stage,
    /// The weeks its fact gives ("from 24 weeks"); they decide stage membership.
    #[serde(default)]
    pub weeks: Option<WeekRange>,
    pub urgency: Urgency,
    pub summary: String,
    /// The guideline's action for the clinician.
    pub action: String,
    /// A short line for the do-now block: a faithful short form of `action`.
    #[serde(default)]
    pub do_now: Option<DoNow>,
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
    /// The fact it encodes, where not the cause's own.
    #[serde(default)]
    pub fact: Option<String>,
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
            year: self.year,
            jurisdiction: Some(self.jurisdiction.clone()),
            source_kind: Some(self.kind),
        }
    }
}

impl GuidelineCause {
    /// The cause in the KB's form; each item cites what the cause cites and carries the fact
    /// it encodes (the cause's own, or a sign's), with that fact's strength from `layer`.
    pub fn to_cause(&self, layer: &GuidelineLayer) -> Cause {
        let sources: Vec<Cite> = self.sources.iter().map(GuidelineCite::to_cite).collect();
        let own = layer.layer_fact(&self.fact);
        Cause {
            id: self.id.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            group: self.group.clone(),
            aliases: self.aliases.clone(),
            stage: self.stage.clone(),
            weeks: self.weeks,
            weeks_derivation: None,
            urgency: self.urgency,
            urgency_basis: super::model::UrgencyBasis::Stated,
            summary: self.summary.clone(),
            action: self.action.clone(),
            sources: sources.clone(),
            claim: super::model::Claim::default(),
            signs: self
                .signs
                .iter()
                .map(|s| Sign {
                    text: s.text.clone(),
                    red_flag: s.red_flag,
                    distinguishing: s.distinguishing,
                    sources: sources.clone(),
                    claim: super::model::Claim::default(),
                    fact: s
                        .fact
                        .as_deref()
                        .map_or_else(|| own.clone(), |f| layer.layer_fact(f)),
                })
                .collect(),
            risk_factors: self
                .risk_factors
                .iter()
                .map(|text| RiskFactor {
                    text: text.clone(),
                    sources: sources.clone(),
                    claim: super::model::Claim::default(),
                    fact: own.clone(),
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
                    claim: super::model::Claim::default(),
                    fact: own.clone(),
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
                    claim: super::model::Claim::default(),
                    fact: own.clone(),
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

    /// The notes (actions and notes) on one cause, in file order; its signs, risk factors and
    /// diagnostics are in the cause's own fields.
    pub fn notes_for<'a>(&'a self, cause_id: &'a str) -> impl Iterator<Item = &'a CauseNote> {
        self.items_for(cause_id).filter(|n| n.kind.is_note())
    }

    /// Every cause note on one cause, of any kind, in file order.
    pub fn items_for<'a>(&'a self, cause_id: &'a str) -> impl Iterator<Item = &'a CauseNote> {
        self.cause_notes
            .iter()
            .filter(move |n| n.causes.iter().any(|c| c == cause_id))
    }

    /// The strength of a fact the layer lists.
    pub fn strength_of(&self, fact: &str) -> Option<Strength> {
        self.facts.iter().find(|f| f.id == fact).map(|f| f.strength)
    }

    /// A fact with its strength, as the items it puts into causes carry it.
    pub fn layer_fact(&self, fact: &str) -> Option<LayerFact> {
        self.strength_of(fact).map(|strength| LayerFact {
            fact: fact.to_string(),
            strength,
        })
    }

    /// The notes on one stage, in file order.
    pub fn stage_notes_for(&self, stage: GuidelineStage) -> impl Iterator<Item = &StageNote> {
        self.stage_notes.iter().filter(move |n| n.stage == stage)
    }

    /// The fact id (G1–G66) of a guideline cause.
    pub fn fact_of_cause(&self, cause_id: &str) -> Option<&str> {
        self.causes
            .iter()
            .find(|c| c.id == cause_id)
            .map(|c| c.fact.as_str())
    }
}
