//! How firm a safety-layer item is: the strength of the fact it encodes (the facts sheet's A/B/C),
//! and what kind of document its source is. The words for both live in `crate::labels`.

use serde::{Deserialize, Serialize};

/// The strength of a fact of the facts sheet, shown with every item that encodes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Strength {
    /// UK national guideline text, read directly.
    A,
    /// A UK guideline read through a faithful secondary page, or a UK clinical reference.
    B,
    /// A non-UK guideline or a reference text.
    C,
}

impl Strength {
    /// Stable id for exports: `"A"`, `"B"`, `"C"`.
    pub fn id(self) -> &'static str {
        match self {
            Strength::A => "A",
            Strength::B => "B",
            Strength::C => "C",
        }
    }
}

/// One fact the layer may cite, with its strength (`data/guidelines.ron`, `facts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// "G1" … "G66", as the facts sheet numbers them.
    pub id: String,
    pub strength: Strength,
}

/// The fact behind an item of the documents' model that the layer put there (a sign, a risk
/// factor, a diagnostic of a cause): which fact, and how strong it is. `None` on every item of
/// the documents' KB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerFact {
    pub fact: String,
    pub strength: Strength,
}

/// What a source document of the layer is, so a reference is never called a guideline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A national or local clinical guideline (or a guideline body's guidance).
    Guideline,
    /// A point-of-care clinical reference (BMJ Best Practice, NICE CKS, Patient.info
    /// Professional, `GPnotebook`).
    ClinicalReference,
    /// A reference text: a textbook, a review chapter, a handbook, `StatPearls`, Medscape.
    ReferenceText,
    /// A press release of a guideline body.
    PressRelease,
    /// A leaflet written for patients.
    PatientLeaflet,
}

impl SourceKind {
    /// Stable `snake_case` id for exports.
    pub fn id(self) -> &'static str {
        match self {
            SourceKind::Guideline => "guideline",
            SourceKind::ClinicalReference => "clinical_reference",
            SourceKind::ReferenceText => "reference_text",
            SourceKind::PressRelease => "press_release",
            SourceKind::PatientLeaflet => "patient_leaflet",
        }
    }
}
