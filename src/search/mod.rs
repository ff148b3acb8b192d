//! Symptom search: ranks causes for a free-text query.
//!
//! The public API here is the contract the TUI and CLI use. The engine behind it:
//! - [`normalize`]: words, Unicode/British-spelling folding, stemming, stopwords;
//! - [`stage`]: weeks and trimesters written in the query;
//! - [`synonyms`]: `data/synonyms.ron`, lay and clinical terms;
//! - `index`: per-stem posting lists over every searchable text of every cause;
//! - `fuzzy`/`query`: typo and prefix expansion, synonym phrases → concepts;
//! - `score`: BM25-style idf × field weights × coverage, then the matches to highlight.
//!
//! README.md ("Symptom search", "Performance") describes the approach and its measurements.

mod fuzzy;
mod index;
pub mod normalize;
mod query;
mod score;
pub mod stage;
pub mod synonyms;

use serde::Serialize;

use crate::kb::KnowledgeBase;
pub use score::FULL_MATCHES;
pub use synonyms::{SynonymGroup, Synonyms};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
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

impl Field {
    /// Display order of fields in a cause (used to break ties between matches).
    pub fn order(self) -> u8 {
        self as u8
    }
}

/// Which string of an item matched. Diagnostics and treatments have several strings;
/// everything else has one (`Text`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The item's only text (name, alias, summary, sign, risk factor).
    Text,
    /// `Diagnostic::test`.
    Test,
    /// `Diagnostic::finding`.
    Finding,
    /// `Treatment::class`.
    Class,
    /// `Treatment::examples[i]`.
    Example(usize),
    /// `Treatment::when`.
    When,
}

/// One matched item of a cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub field: Field,
    /// Index of the item within its field's list (0 for name/summary).
    pub item: usize,
    /// Which string of the item `text` is (diagnostics and treatments have several).
    pub part: Part,
    /// The item's full text as shown to the user (for diagnostics and treatments: the
    /// matched string named by `part`, verbatim from the KB).
    pub text: String,
    /// Byte ranges of `text` that matched, for highlighting; sorted, non-overlapping, on
    /// char boundaries.
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
    /// Matched items, most important first: all of them for the first [`FULL_MATCHES`]
    /// hits, the most important one for hits ranked below (only KBs that large return so
    /// many hits).
    pub matches: Vec<Match>,
}

/// The stage a query restricts to, after combining `Query`'s fields and its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolvedStage {
    pub trimester: Option<u8>,
    pub week: Option<u8>,
}

/// A search index over one KB. Build once, query on every keystroke.
/// Serialisable so that build.rs can embed the shipped KB's index (`crate::prebuilt`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SearchIndex {
    index: index::Index,
    #[serde(skip)]
    buffers: BufferPool,
}

/// Query working memory reused between searches (a fresh one if another thread holds it).
#[derive(Default)]
struct BufferPool(std::sync::Mutex<score::Buffers>);

impl Clone for BufferPool {
    fn clone(&self) -> Self {
        BufferPool::default()
    }
}

impl std::fmt::Debug for BufferPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BufferPool")
    }
}

impl SearchIndex {
    /// Builds the index with the embedded synonyms.
    pub fn new(kb: &KnowledgeBase) -> Self {
        Self::with_synonyms(kb, &synonyms_embedded())
    }

    /// Builds the index with the given synonyms.
    pub fn with_synonyms(kb: &KnowledgeBase, synonyms: &Synonyms) -> Self {
        SearchIndex {
            index: index::Index::build(kb, synonyms),
            buffers: BufferPool::default(),
        }
    }

    /// Hits ranked best first (equal scores: most urgent first, then tree order; past the
    /// first `FULL_MATCHES` hits, tree order only). An empty query (or one with only a
    /// stage, like "7 weeks") returns every cause within the stage in tree order with
    /// score 0 and no matches. `kb` must be the KB the index was built from.
    pub fn search(&self, kb: &KnowledgeBase, query: &Query) -> Vec<Hit> {
        let parsed = query::parse(&self.index, &query.text);
        let stage = resolve_stage(kb, query, &parsed);
        let filter = score::StageFilter {
            trimester: stage.trimester,
            week: stage.week,
        };
        match self.buffers.0.try_lock() {
            Ok(mut buf) => score::rank(&self.index, &parsed, filter, &mut buf),
            Err(_) => score::rank(&self.index, &parsed, filter, &mut score::Buffers::default()),
        }
    }

    /// The stage a query restricts to: `Query::week`, else `Query::trimester`, else a week
    /// or trimester in the text (a week wins over a trimester).
    pub fn stage_of(&self, kb: &KnowledgeBase, query: &Query) -> ResolvedStage {
        let parsed = query::parse(&self.index, &query.text);
        resolve_stage(kb, query, &parsed)
    }
}

fn resolve_stage(kb: &KnowledgeBase, query: &Query, parsed: &query::ParsedQuery) -> ResolvedStage {
    let week = query.week.or(parsed.week);
    let trimester = match query.week {
        Some(w) => kb.trimester_of_week(w),
        None => query
            .trimester
            .or_else(|| parsed.week.and_then(|w| kb.trimester_of_week(w)))
            .or(parsed.trimester),
    };
    ResolvedStage { trimester, week }
}

fn synonyms_embedded() -> Synonyms {
    static CELL: std::sync::OnceLock<Synonyms> = std::sync::OnceLock::new();
    CELL.get_or_init(Synonyms::embedded).clone()
}

#[cfg(test)]
mod tests;
