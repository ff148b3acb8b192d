//! The knowledge-base schema: what a KB file in RON may say.
//!
//! Every clinical item carries `sources`, so a clinician can always go back to the
//! paragraph a statement came from. Unknown fields are rejected so that a typo in a
//! KB file is an error, not silently dropped content.

use serde::{Deserialize, Serialize};

use super::strength::{LayerFact, SourceKind};

/// The whole knowledge base, as read from one RON file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeBase {
    pub meta: Meta,
    /// The source documents items cite.
    pub documents: Vec<SourceDocument>,
    /// Trimesters with their gestational-week ranges, in display order.
    pub trimesters: Vec<Trimester>,
    /// General statements that apply to bleeding in pregnancy as a whole, not to one cause.
    #[serde(default)]
    pub guidance: Vec<Note>,
    /// Groups of causes for the tree (e.g. physiological, pregnancy loss), in display order.
    pub groups: Vec<Group>,
    /// The causes of bleeding, in tree order within their group.
    pub causes: Vec<Cause>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub version: String,
    /// ISO date (YYYY-MM-DD) the content was last updated. Written `updated:` in the file (the
    /// old key `reviewed:` is still read): no clinical sign-off has taken place, and the name
    /// must not suggest one.
    #[serde(alias = "reviewed")]
    pub updated: String,
    pub disclaimer: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Short id used in citations, e.g. `"articles"`.
    pub id: String,
    pub title: String,
    /// What kind of document this is, e.g. "compilation of patient-information articles".
    pub kind: String,
    /// File name of the original, for the record; never read at run time.
    pub file: String,
    /// Number of paragraphs (non-empty lines, numbered from 1).
    pub paragraphs: u32,
    /// The separate articles of a compilation, so "one article's claim" can say which one.
    #[serde(default)]
    pub parts: Vec<DocumentPart>,
    /// Whether this is one of the source documents or a guideline of the safety layer.
    #[serde(default)]
    pub layer: Layer,
    /// Year of publication (guidelines).
    #[serde(default)]
    pub year: Option<u16>,
    /// Where it applies, e.g. "United Kingdom" (guidelines).
    #[serde(default)]
    pub jurisdiction: Option<String>,
    /// What a document of the safety layer is (guideline, clinical reference, …); `None` for
    /// the source documents.
    #[serde(default)]
    pub source_kind: Option<SourceKind>,
}

impl SourceDocument {
    /// The part (article) of a compilation that holds paragraph `para`.
    pub fn part_of(&self, para: u32) -> Option<&DocumentPart> {
        self.parts.iter().find(|p| (p.from..=p.to).contains(&para))
    }
}

/// Which layer a document belongs to. Items take their [`Basis`] from the documents they cite.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Layer {
    /// One of the source documents the KB is written from.
    #[default]
    Source,
    /// A clinical guideline of the safety layer (`data/guidelines.ron`). For a guideline,
    /// `Cite::para` holds section numbers, and an empty list cites the guideline as a whole.
    Guideline,
}

impl Layer {
    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Source => "source",
            Layer::Guideline => "guideline",
        }
    }
}

/// Where an item comes from: the source documents, or the guideline safety layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    Documents,
    Guideline,
}

impl Basis {
    /// Stable id for exports: `"documents"` or `"guideline"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Documents => "documents",
            Basis::Guideline => "guideline",
        }
    }
}

/// One article of a compiled document: a run of its paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentPart {
    /// Short id, e.g. `"a2"`.
    pub id: String,
    /// The article's own heading, as in the document.
    pub title: String,
    /// First and last paragraph (inclusive).
    pub from: u32,
    pub to: u32,
}

/// How firmly the documents back an item. Shown beside every item as a symbol and a word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Claim {
    /// Stated by the documents without dispute.
    #[default]
    Supported,
    /// Only one article of a compilation says this (which one follows from the cited paragraphs);
    /// the others are silent or differ.
    OneArticle,
    /// The documents disagree: the item states one side, the dispute the other, each cited.
    Disputed(Dispute),
    /// The source's regional practice (brand-name drugs, physiotherapy), not current guidance.
    RegionalPractice,
}

/// The other side of a disagreement between the documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub text: String,
    pub sources: Vec<Cite>,
}

impl Claim {
    pub fn is_supported(&self) -> bool {
        *self == Claim::Supported
    }

    /// Citations the claim itself makes (the other side of a dispute).
    pub fn cites(&self) -> &[Cite] {
        match self {
            Claim::Disputed(d) => &d.sources,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trimester {
    /// 1, 2 or 3.
    pub number: u8,
    pub name: String,
    pub weeks: WeekRange,
}

/// Inclusive range of completed gestational weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekRange {
    pub from: u8,
    pub to: u8,
}

impl WeekRange {
    pub fn contains(&self, week: u8) -> bool {
        (self.from..=self.to).contains(&week)
    }

    pub fn overlaps(&self, other: &WeekRange) -> bool {
        self.from <= other.to && other.from <= self.to
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// When in pregnancy a cause occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Specific trimesters (each 1–3).
    Trimesters(Vec<u8>),
    /// Can occur at any time in pregnancy.
    AnyTime,
    /// The documents do not say when it occurs. Shown at every stage (a filter must never hide
    /// it) and labelled as such, rather than given a stage the documents do not state.
    Unstated,
}

impl Stage {
    /// The words for [`Stage::Unstated`], wherever it is shown (the labels and the search's pin
    /// reasons, which sit below the labels).
    pub const NOT_GIVEN: &'static str = "stage not given in the documents";

    /// The trimesters this stage covers; `AnyTime` and `Unstated` cover all three.
    pub fn trimesters(&self) -> Vec<u8> {
        match self {
            Stage::Trimesters(t) => t.clone(),
            Stage::AnyTime | Stage::Unstated => vec![1, 2, 3],
        }
    }

    pub fn includes(&self, trimester: u8) -> bool {
        match self {
            Stage::Trimesters(t) => t.contains(&trimester),
            Stage::AnyTime | Stage::Unstated => true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Urgency {
    /// Life-threatening: act now (e.g. call an ambulance).
    Emergency,
    /// Needs a doctor promptly.
    Urgent,
    /// Tell the doctor; usually not dangerous in itself.
    Routine,
}

impl Urgency {
    /// The urgency of a cause whose urgency the documents do not state: the middle level, so
    /// that the documents' general call to see a doctor at once for any bleeding is not
    /// lowered, and no emergency is claimed that they do not make (authoring.md, urgency policy).
    pub const NOT_STATED: Urgency = Urgency::Urgent;

    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Emergency => "emergency",
            Urgency::Urgent => "urgent",
            Urgency::Routine => "routine",
        }
    }

    /// A colour-independent marker: `!!` emergency, `!` urgent, `·` routine.
    pub fn symbol(self) -> &'static str {
        match self {
            Urgency::Emergency => "!!",
            Urgency::Urgent => "!",
            Urgency::Routine => "·",
        }
    }
}

/// Whether the documents state a cause's urgency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UrgencyBasis {
    /// The documents' words give it (the urgency policy's rows).
    #[default]
    Stated,
    /// The documents give none: [`Urgency::NOT_STATED`], to fail safe.
    NotStated,
}

/// A citation: one document and one or more of its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cite {
    pub doc: String,
    pub para: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// Stable kebab-case id, e.g. `"ectopic-pregnancy"`.
    pub id: String,
    pub name: String,
    /// A short form of `name` for narrow places ("Abruption"): never new content.
    #[serde(default)]
    pub short_name: Option<String>,
    /// Id of the [`Group`] this cause belongs to.
    pub group: String,
    /// Other names: clinical and lay terms, other spellings, older names.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub stage: Stage,
    /// Gestational weeks, only where the documents give them.
    #[serde(default)]
    pub weeks: Option<WeekRange>,
    /// How the `weeks` were had: `Some(…)` where they are the editor's arithmetic on what the
    /// documents say (days after conception counted as gestational weeks), saying how; shown as
    /// an editor's derivation wherever the weeks are.
    #[serde(default)]
    pub weeks_derivation: Option<String>,
    pub urgency: Urgency,
    /// Whether the documents state the urgency; `NotStated` carries the policy's fail-safe level
    /// ([`Urgency::NOT_STATED`]), said in words wherever the urgency is.
    #[serde(default)]
    pub urgency_basis: UrgencyBasis,
    /// One line: what this is.
    pub summary: String,
    /// What to do now, e.g. "Call an ambulance".
    pub action: String,
    /// Where the cause, its summary and its action are described.
    pub sources: Vec<Cite>,
    /// How firmly the documents back the cause as described (its summary and action).
    #[serde(default)]
    pub claim: Claim,
    #[serde(default)]
    pub signs: Vec<Sign>,
    #[serde(default)]
    pub risk_factors: Vec<RiskFactor>,
    #[serde(default)]
    pub diagnostics: Vec<Diagnostic>,
    #[serde(default)]
    pub treatments: Vec<Treatment>,
    /// Outcomes and complications the documents describe (not signs to look for).
    #[serde(default)]
    pub complications: Vec<Note>,
    /// Ids of causes that look alike and must be told apart.
    #[serde(default)]
    pub look_alikes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sign {
    pub text: String,
    /// Needs immediate action.
    #[serde(default)]
    pub red_flag: bool,
    /// Tells this cause apart from its look-alikes.
    #[serde(default)]
    pub distinguishing: bool,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub claim: Claim,
    /// The safety-layer fact behind the item, where the layer put it here (`None` in the
    /// documents' KB).
    #[serde(default)]
    pub fact: Option<LayerFact>,
}

/// A cited general statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub text: String,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub claim: Claim,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskFactor {
    pub text: String,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub claim: Claim,
    /// The safety-layer fact behind the item, where the layer put it here (`None` in the
    /// documents' KB).
    #[serde(default)]
    pub fact: Option<LayerFact>,
}

/// The kind of test, so the UI can group and the search can match "ultrasound", "hcg", ….
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TestKind {
    Ultrasound,
    TransvaginalUltrasound,
    Hcg,
    HormoneTests,
    Smear,
    Examination,
    Other,
}

impl TestKind {
    /// Stable `snake_case` id for exports.
    pub fn id(self) -> &'static str {
        match self {
            TestKind::Ultrasound => "ultrasound",
            TestKind::TransvaginalUltrasound => "transvaginal_ultrasound",
            TestKind::Hcg => "hcg",
            TestKind::HormoneTests => "hormone_tests",
            TestKind::Smear => "smear",
            TestKind::Examination => "examination",
            TestKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TestKind::Ultrasound => "Ultrasound",
            TestKind::TransvaginalUltrasound => "Transvaginal ultrasound",
            TestKind::Hcg => "hCG",
            TestKind::HormoneTests => "Hormone tests",
            TestKind::Smear => "Smear",
            TestKind::Examination => "Examination",
            TestKind::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagnostic {
    pub kind: TestKind,
    /// The test as named for this cause, e.g. "Blood hCG level".
    pub test: String,
    /// What it shows or is for in this cause.
    pub finding: String,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub claim: Claim,
    /// The safety-layer fact behind the item, where the layer put it here (`None` in the
    /// documents' KB).
    #[serde(default)]
    pub fact: Option<LayerFact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TreatmentKind {
    /// Watchful waiting, rest, lifestyle.
    Supportive,
    /// Drugs.
    Medication,
    Physiotherapy,
    /// Operations and procedures.
    Surgical,
}

impl TreatmentKind {
    /// Stable `snake_case` id for exports.
    pub fn id(self) -> &'static str {
        match self {
            TreatmentKind::Supportive => "supportive",
            TreatmentKind::Medication => "medication",
            TreatmentKind::Physiotherapy => "physiotherapy",
            TreatmentKind::Surgical => "surgical",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TreatmentKind::Supportive => "Supportive",
            TreatmentKind::Medication => "Medication",
            TreatmentKind::Physiotherapy => "Physiotherapy",
            TreatmentKind::Surgical => "Surgical",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Treatment {
    pub kind: TreatmentKind,
    /// Treatment class, e.g. "Progesterone drugs", "Tocolytics".
    pub class: String,
    /// Drugs or procedures the documents name, e.g. `["Dydrogesterone"]`.
    #[serde(default)]
    pub examples: Vec<String>,
    /// When it applies, where the documents say.
    #[serde(default)]
    pub when: Option<String>,
    /// An editor's gloss, not from the source and not a recommendation (e.g. the generic name
    /// of a regional brand).
    #[serde(default)]
    pub editor_note: Option<String>,
    pub sources: Vec<Cite>,
    #[serde(default)]
    pub claim: Claim,
    /// The safety-layer fact behind the item, where the layer put it here (`None` in the
    /// documents' KB).
    #[serde(default)]
    pub fact: Option<LayerFact>,
}

impl Cause {
    /// The name for narrow places: `short_name` where the KB gives one, else the full name.
    pub fn display_short_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Every citation the cause makes: on itself and on each of its items.
    pub fn cites<'a>(&'a self) -> impl Iterator<Item = &'a Cite> {
        let item = |sources: &'a [Cite], claim: &'a Claim| sources.iter().chain(claim.cites());
        item(&self.sources, &self.claim)
            .chain(
                self.signs
                    .iter()
                    .flat_map(move |s| item(&s.sources, &s.claim)),
            )
            .chain(
                self.risk_factors
                    .iter()
                    .flat_map(move |r| item(&r.sources, &r.claim)),
            )
            .chain(
                self.diagnostics
                    .iter()
                    .flat_map(move |d| item(&d.sources, &d.claim)),
            )
            .chain(
                self.treatments
                    .iter()
                    .flat_map(move |t| item(&t.sources, &t.claim)),
            )
            .chain(
                self.complications
                    .iter()
                    .flat_map(move |n| item(&n.sources, &n.claim)),
            )
    }
}

impl KnowledgeBase {
    /// Every citation in the KB: the general guidance and every cause's.
    pub fn cites(&self) -> impl Iterator<Item = &Cite> {
        self.guidance
            .iter()
            .flat_map(|n| n.sources.iter().chain(n.claim.cites()))
            .chain(self.causes.iter().flat_map(Cause::cites))
    }

    /// The paragraphs a cause cites, per document, in document order; sorted, without repeats.
    pub fn paragraphs_cited_by<'a>(&'a self, cause: &Cause) -> Vec<(&'a SourceDocument, Vec<u32>)> {
        self.documents
            .iter()
            .filter_map(|doc| {
                let mut paras: Vec<u32> = cause
                    .cites()
                    .filter(|c| c.doc == doc.id)
                    .flat_map(|c| c.para.iter().copied())
                    .collect();
                paras.sort_unstable();
                paras.dedup();
                (!paras.is_empty()).then_some((doc, paras))
            })
            .collect()
    }

    pub fn cause(&self, id: &str) -> Option<&Cause> {
        self.causes.iter().find(|c| c.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn document(&self, id: &str) -> Option<&SourceDocument> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// The layer of a cited document; an unknown id counts as a source document.
    pub fn layer_of(&self, doc: &str) -> Layer {
        self.document(doc).map_or(Layer::Source, |d| d.layer)
    }

    /// The basis of an item from its citations: guideline when it cites a guideline
    /// (validation keeps the two layers' citations apart, so one cite decides).
    pub fn basis_of(&self, cites: &[Cite]) -> Basis {
        if cites
            .iter()
            .any(|c| self.layer_of(&c.doc) == Layer::Guideline)
        {
            Basis::Guideline
        } else {
            Basis::Documents
        }
    }

    /// The basis of a cause: that of its own citations.
    pub fn cause_basis(&self, cause: &Cause) -> Basis {
        self.basis_of(&cause.sources)
    }

    /// Trimester numbers a gestational week falls in (normally exactly one).
    pub fn trimester_of_week(&self, week: u8) -> Option<u8> {
        self.trimesters
            .iter()
            .find(|t| t.weeks.contains(week))
            .map(|t| t.number)
    }
}
