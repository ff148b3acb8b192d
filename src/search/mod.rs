//! Symptom search: ranks causes for a free-text query.
//!
//! STUB: naive substring matching. The public API below is the contract the TUI and CLI use;
//! the real engine replaces the bodies, not the signatures.

use serde::Serialize;

use crate::kb::KnowledgeBase;

/// What the user asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Free text; may contain a week such as "7 weeks" or "32w".
    pub text: String,
    /// Restrict to causes of this trimester (1–3).
    pub trimester: Option<u8>,
    /// Restrict to the stage of this gestational week; overrides a week in the text.
    pub week: Option<u8>,
}

impl Query {
    pub fn text(text: impl Into<String>) -> Self {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }
}

/// Which part of a cause matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Alias,
    Summary,
    Sign,
    RiskFactor,
    Diagnostic,
    Treatment,
}

/// One matched item of a cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub field: Field,
    /// Index of the item within its field's list (0 for name/summary).
    pub item: usize,
    /// The item's full text as shown to the user.
    pub text: String,
    /// Byte ranges of `text` that matched, for highlighting; sorted, non-overlapping.
    #[serde(skip)]
    pub ranges: Vec<std::ops::Range<usize>>,
}

/// One ranked cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Index into `KnowledgeBase::causes`.
    #[serde(skip)]
    pub cause: usize,
    pub score: f32,
    pub matches: Vec<Match>,
}

/// A search index over one KB. Build once, query on every keystroke.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    texts: Vec<Vec<(Field, usize, String)>>,
    order: Vec<usize>,
}

impl SearchIndex {
    pub fn new(kb: &KnowledgeBase) -> Self {
        let texts = kb
            .causes
            .iter()
            .map(|c| {
                let mut t = vec![(Field::Name, 0, c.name.clone())];
                t.extend(
                    c.signs
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (Field::Sign, i, s.text.clone())),
                );
                t
            })
            .collect();
        SearchIndex {
            texts,
            order: kb.tree_order(),
        }
    }

    /// Hits ranked best first (ties in tree order). An empty query returns every cause
    /// (within the stage filter) in tree order with score 0.
    pub fn search(&self, kb: &KnowledgeBase, query: &Query) -> Vec<Hit> {
        let needle = query.text.to_lowercase();
        let mut hits = Vec::new();
        for &ci in &self.order {
            if let Some(t) = query.trimester {
                if !kb.causes[ci].stage.includes(t) {
                    continue;
                }
            }
            let matches: Vec<Match> = self.texts[ci]
                .iter()
                .filter_map(|(f, i, text)| {
                    let pos = text.to_lowercase().find(&needle)?;
                    Some(Match {
                        field: *f,
                        item: *i,
                        text: text.clone(),
                        ranges: vec![pos..pos + needle.len()],
                    })
                })
                .collect();
            if needle.is_empty() || !matches.is_empty() {
                hits.push(Hit {
                    cause: ci,
                    score: matches.len() as f32,
                    matches: if needle.is_empty() { vec![] } else { matches },
                });
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits
    }
}
