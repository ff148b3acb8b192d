//! The facts of the guideline-facts sheet that the calculators apply: id, the documents they
//! cite (the ids of `data/guidelines.ron`) and their strength (the safety layer's type and
//! words). The calculators' numbers come from these facts and nothing else; a test checks ids,
//! sources and strengths against the safety layer.

use serde::Serialize;

use crate::kb::Strength;
use crate::labels::{fact_and_strength, strength_words};

/// One fact of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact {
    pub id: &'static str,
    /// Document ids, as cited in the safety layer.
    pub sources: &'static [&'static str],
    pub strength: Strength,
    /// What the sheet says must be shown beside the fact.
    pub caveat: Option<&'static str>,
}

/// Every fact a calculator applies.
pub static FACTS: &[Fact] = &[
    fact("G1", &["rcog-gtg63"], Strength::A),
    fact("G2", &["rcog-gtg63"], Strength::A),
    fact("G8", &["bsh-anti-d", "rcog-gtg63"], Strength::A),
    fact("G9", &["nice-ng25"], Strength::A),
    fact("G15", &["nice-ng126"], Strength::A),
    Fact {
        id: "G19",
        sources: &["nice-ng126", "bsh-anti-d"],
        strength: Strength::A,
        caveat: Some(
            "NICE revised its early-pregnancy anti-D recommendations in 2023 (seen only second-hand): the NICE wording may now differ",
        ),
    },
    fact("G38", &["nhsh-pph"], Strength::B),
    fact("G64", &["shot-anti-d"], Strength::A),
    fact("G65", &["shot-anti-d"], Strength::A),
    fact("G66", &["bsh-anti-d"], Strength::B),
];

const fn fact(id: &'static str, sources: &'static [&'static str], strength: Strength) -> Fact {
    Fact {
        id,
        sources,
        strength,
        caveat: None,
    }
}

/// The fact with this id. Panics on an id not in [`FACTS`]: calculators cite only constants,
/// and the tests run every calculator.
pub fn get(id: &str) -> &'static Fact {
    FACTS
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("calc::facts has no {id}"))
}

/// A fact as a result cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FactCitation {
    pub id: &'static str,
    pub sources: &'static [&'static str],
    pub strength: Strength,
    pub strength_words: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caveat: Option<&'static str>,
}

impl FactCitation {
    /// "G15 (A: UK guideline) [nice-ng126]", with a caveat after it.
    pub fn text(&self) -> String {
        let mut text = format!(
            "{} [{}]",
            fact_and_strength(self.id, Some(self.strength)),
            self.sources.join("; "),
        );
        if let Some(caveat) = self.caveat {
            text.push_str(&format!(" (caveat: {caveat})"));
        }
        text
    }
}

/// The citation of the fact with this id.
pub fn citation(id: &str) -> FactCitation {
    let f = get(id);
    FactCitation {
        id: f.id,
        sources: f.sources,
        strength: f.strength,
        strength_words: strength_words(f.strength),
        caveat: f.caveat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the safety layer holds a fact, the calculators cite the same documents; the
    /// G1–G20 facts the calculators use must be there already.
    #[test]
    fn calculator_facts_cite_what_the_safety_layer_cites() {
        let reference = crate::prebuilt::shared(false);
        let layer = reference.guidelines.as_ref().expect("the built-in layer");
        let mut found = 0;
        for f in FACTS {
            let listed = layer.facts.iter().find(|l| l.id == f.id);
            assert_eq!(
                listed.map(|l| l.strength),
                Some(f.strength),
                "{}: strength as the layer lists it",
                f.id
            );
            let cited: Vec<String> = layer
                .stage_notes
                .iter()
                .filter(|n| n.fact == f.id)
                .flat_map(|n| n.sources.iter().map(|s| s.guideline.clone()))
                .chain(
                    layer
                        .cause_notes
                        .iter()
                        .filter(|n| n.fact == f.id)
                        .flat_map(|n| n.sources.iter().map(|s| s.guideline.clone())),
                )
                .collect();
            if cited.is_empty() {
                let number: u32 = f.id[1..].parse().unwrap();
                assert!(number > 20, "{} is not in the safety layer", f.id);
                continue;
            }
            found += 1;
            for doc in &cited {
                assert!(
                    f.sources.contains(&doc.as_str()),
                    "{}: the layer cites {doc}, the calculators {:?}",
                    f.id,
                    f.sources
                );
            }
        }
        assert!(
            found >= 6,
            "only {found} calculator facts found in the layer"
        );
    }
}
