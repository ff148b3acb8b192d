//! Synonyms are data: `data/synonyms.ron`, embedded in the binary.
//!
//! The file is a list of groups; each group lists words or phrases that a searcher may use
//! for the same thing (lay and clinical terms, other spellings). A query word or phrase
//! found in a group also matches the group's other terms, at the group's `weight`
//! (default 1.0; use less for "related, not the same", e.g. cramps ~ contractions).
//!
//! ```ron
//! (
//!     groups: [
//!         (terms: ["lower back", "lumbar", "loin"]),
//!         (terms: ["cramps", "contractions"], weight: 0.5),
//!     ],
//! )
//! ```
//!
//! Terms go through the same normalisation as the knowledge base (folding, stemming,
//! stopwords), so "haematoma" also covers "hematomas", and "pain on one side" is the phrase
//! `pain one side`.

use serde::{Deserialize, Serialize};

/// The synonym file shipped inside the binary.
pub const EMBEDDED_SYNONYMS: &str = include_str!("../../../data/synonyms.ron");

/// The parsed synonyms file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    pub groups: Vec<SynonymGroup>,
}

/// Terms that mean the same to a searcher.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    /// Words or phrases (at least two).
    pub terms: Vec<String>,
    /// How much a match through this group counts, relative to the literal word (0–1].
    #[serde(default = "default_weight")]
    pub weight: f32,
}

fn default_weight() -> f32 {
    1.0
}

impl Synonyms {
    /// Parses synonyms RON text and checks it (each group has ≥ 2 terms, weight in (0, 1], no
    /// control or bidirectional character in a term).
    pub fn parse(text: &str) -> Result<Synonyms, String> {
        let s: Synonyms = ron::from_str(text).map_err(|e| format!("synonyms:{e}"))?;
        for (i, g) in s.groups.iter().enumerate() {
            if g.terms.len() < 2 {
                return Err(format!("synonyms: group {i} has fewer than two terms"));
            }
            if !(g.weight > 0.0 && g.weight <= 1.0) {
                return Err(format!("synonyms: group {i} has weight outside (0, 1]"));
            }
            for term in &g.terms {
                if let Some(c) = term.chars().find(|&c| crate::safe_text::is_unsafe(c)) {
                    return Err(format!(
                        "synonyms: group {i} has a term with {}",
                        crate::safe_text::describe(c)
                    ));
                }
            }
        }
        Ok(s)
    }

    /// The embedded synonyms. Validated by the test suite, so failure is a build defect.
    pub fn embedded() -> Synonyms {
        Synonyms::parse(EMBEDDED_SYNONYMS).expect("embedded synonyms are valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_synonyms_parse() {
        let s = Synonyms::embedded();
        assert!(s.groups.len() >= 20);
    }

    #[test]
    fn every_embedded_term_has_a_content_word() {
        use crate::search::normalize::{is_stopword, words};
        for g in Synonyms::embedded().groups {
            for t in &g.terms {
                assert!(
                    words(t).iter().any(|w| !is_stopword(&w.folded)),
                    "synonym term {t:?} is only stopwords"
                );
            }
        }
    }

    #[test]
    fn bad_groups_are_rejected() {
        assert!(Synonyms::parse("(groups: [(terms: [\"a\"])])").is_err());
        assert!(Synonyms::parse("(groups: [(terms: [\"a\", \"b\"], weight: 0.0)])").is_err());
        assert!(Synonyms::parse("(groups: [(terms: [\"a\", \"b\"], wieght: 1.0)])").is_err());
        let ok = Synonyms::parse("(groups: [(terms: [\"a\", \"b\"])])").unwrap();
        assert_eq!(ok.groups[0].weight, 1.0);
    }
}
