//! The facts of the guideline-facts sheet that the calculators apply: id, the documents they
//! cite (the ids of `data/guidelines.ron`) and their strength. The calculators' numbers come
//! from these facts and nothing else; a test checks the citations against the safety layer.

use serde::Serialize;

/// How firm a fact's source is (the facts sheet's A/B/C; G1–G20 are UK national guidelines).
///
/// TEMPORARY: a private copy until the safety layer's one strength type (issue 18) lands;
/// then this uses it and its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Strength {
    A,
    B,
    C,
}

impl Strength {
    /// The strength in words, as the safety layer shows it.
    pub fn words(self) -> &'static str {
        match self {
            Strength::A => "strength A: UK guideline",
            Strength::B => "strength B: UK clinical reference or a UK guideline read second-hand",
            Strength::C => "strength C: non-UK guideline or reference",
        }
    }
}

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
    /// "G15 [nice-ng126] strength A: UK guideline", with a caveat after it.
    pub fn text(&self) -> String {
        let mut text = format!(
            "{} [{}] {}",
            self.id,
            self.sources.join("; "),
            self.strength_words
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
        strength_words: f.strength.words(),
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
