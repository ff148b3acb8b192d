//! The notes searched with a cause's items: the guideline layer's and the unit's local ones.

use crate::kb::Reference;

/// A guideline note on a cause, to index with its items; or, `local`, a note of the unit's
/// local protocol overlay (its matches are named as such, never as the guidelines').
#[derive(Debug, Clone)]
pub struct NoteText {
    pub cause: usize,
    pub text: String,
    pub local: bool,
}

/// The guideline layer's notes, per cause: its cause notes, and each stage note on the causes
/// it names (unless a cause note of the same fact already carries it).
pub fn reference_notes(reference: &Reference) -> Vec<NoteText> {
    // The unit's local notes go through the same path, marked local.
    let mut notes: Vec<NoteText> = reference
        .local_texts()
        .into_iter()
        .map(|(cause, text)| NoteText {
            cause,
            text,
            local: true,
        })
        .collect();
    let Some(layer) = &reference.guidelines else {
        return notes;
    };
    let kb = &reference.kb;
    for (ci, cause) in kb.causes.iter().enumerate() {
        let facts: Vec<&str> = layer
            .notes_for(&cause.id)
            .map(|n| {
                notes.push(NoteText {
                    cause: ci,
                    text: n.text.clone(),
                    local: false,
                });
                n.fact.as_str()
            })
            .collect();
        let names: Vec<String> = std::iter::once(&cause.name)
            .chain(&cause.aliases)
            .filter(|n| n.chars().count() >= 6)
            .map(|n| n.to_lowercase())
            .collect();
        for n in &layer.stage_notes {
            let text = n.text.to_lowercase();
            if !facts.contains(&n.fact.as_str()) && names.iter().any(|name| text.contains(name)) {
                notes.push(NoteText {
                    cause: ci,
                    text: n.text.clone(),
                    local: false,
                });
            }
        }
    }
    notes
}
