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

mod ask;
pub mod findings;
mod fuzzy;
mod index;
mod model;
pub mod normalize;
mod notes;
mod packed;
mod query;
mod score;
pub mod stage;
pub mod synonyms;

use crate::kb::{KnowledgeBase, LocalLayer, Reference, When};
pub use findings::{FindingKind, Vocabulary};
pub use model::*;
pub use notes::{NoteText, reference_notes};
pub use score::FULL_MATCHES;
pub use synonyms::{SynonymGroup, Synonyms};

/// Why an emergency is pinned: its first red flag — unless a stage is stated and the documents
/// give the cause no stage. It is then pinned only to fail safe, and its red flags may describe
/// another stage ("fever with a non-viable embryo retained" is no reason at 36 weeks), so the
/// reason is its summary, which describes the cause at whatever stage, with the stage's absence
/// said in words. A stage is stated when the search has a trimester or a cue.
pub fn pin_reason_at(cause: &crate::kb::Cause, stage: &ResolvedStage) -> String {
    let stage_stated = stage.trimester.is_some() || stage.cue.is_some();
    if stage_stated && cause.stage == crate::kb::Stage::Unstated {
        return format!("{} ({})", cause.summary, crate::kb::Stage::NOT_GIVEN);
    }
    cause
        .signs
        .iter()
        .find(|s| s.red_flag)
        .map_or_else(|| cause.summary.clone(), |s| s.text.clone())
}

/// A search index over one KB. Build once, query on every keystroke.
/// Serialisable so that build.rs can embed the shipped KB's index (`crate::prebuilt`); read
/// back from the binary's own bytes (`'static`), its arrays stay there, unread until used.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SearchIndex {
    #[serde(borrow)]
    index: index::Index<'static>,
    #[serde(skip)]
    buffers: BufferPool,
}

/// A reference with the index built for it. The browser is given one for each view it can
/// show, so it never has to find or build the index of the KB it shows.
#[derive(Debug, Clone)]
pub struct IndexedReference {
    pub reference: Reference,
    pub index: SearchIndex,
}

impl IndexedReference {
    /// Indexes `reference`: its KB and every note it shows.
    pub fn build(reference: Reference) -> Self {
        let index = SearchIndex::for_reference(&reference);
        IndexedReference { reference, index }
    }

    /// A reference and the index already built for it (the built-in views' pre-built pairs).
    pub fn from_parts(reference: Reference, index: SearchIndex) -> Self {
        IndexedReference { reference, index }
    }

    /// The reference with `local` shown. An overlay's notes are searched with the rest, so
    /// the index is built again when notes come or go; otherwise it is kept.
    #[must_use]
    pub fn with_local(mut self, local: Option<LocalLayer>) -> Self {
        let has_notes = |l: &Option<LocalLayer>| l.as_ref().is_some_and(|l| !l.notes.is_empty());
        let reindex = has_notes(&local) || has_notes(&self.reference.local);
        self.reference.local = local;
        if reindex {
            self.index = SearchIndex::for_reference(&self.reference);
        }
        self
    }
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
        Self::with_notes(kb, synonyms, &[])
    }

    /// Builds the index of a reference: its KB and the guideline layer's notes, so that words
    /// only the notes use ("anti-D", "Kleihauer", "shoulder-tip pain") find their causes.
    pub fn for_reference(reference: &Reference) -> Self {
        Self::with_notes(
            &reference.kb,
            &synonyms_embedded(),
            &reference_notes(reference),
        )
    }

    /// Builds the index with the given synonyms and guideline notes.
    pub fn with_notes(kb: &KnowledgeBase, synonyms: &Synonyms, notes: &[NoteText]) -> Self {
        SearchIndex {
            index: index::Index::build(kb, synonyms, notes, &vocabulary_embedded()),
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
            cue: stage.cue,
        };
        match self.buffers.0.try_lock() {
            Ok(mut buf) => score::rank(&self.index, &parsed, filter, &mut buf),
            Err(_) => score::rank(&self.index, &parsed, filter, &mut score::Buffers::default()),
        }
    }

    /// The stage a query restricts to: a week written in the text, else a trimester written
    /// in the text, else `Query::week`, else `Query::trimester`.
    pub fn stage_of(&self, kb: &KnowledgeBase, query: &Query) -> ResolvedStage {
        let parsed = query::parse(&self.index, &query.text);
        resolve_stage(kb, query, &parsed)
    }

    /// The emergency causes of the stage that `hits` do not show in their first
    /// [`MUST_NOT_MISS_VISIBLE`] places, in tree order: with a stated stage, causes placed at the
    /// stated week or trimester ([`crate::kb::Cause::occurs_in`]: their weeks decide where they
    /// have them) or whose stage the documents do not give, not those of any time. With no
    /// stated stage, those of the stage the query's words cue (early pregnancy, from 24 weeks);
    /// with neither, the emergencies of every stage, grouped by stage.
    pub fn must_not_miss(
        &self,
        kb: &KnowledgeBase,
        stage: &ResolvedStage,
        hits: &[Hit],
    ) -> Vec<MustNotMiss> {
        self.must_not_miss_causes(kb, stage, hits)
            .into_iter()
            .map(|(cause, group)| MustNotMiss {
                cause,
                why: pin_reason_at(&kb.causes[cause], stage),
                group,
            })
            .collect()
    }

    /// [`Self::must_not_miss`] without the reasons: the causes and their stage groups (the
    /// browser words only the rows it shows, with [`pin_reason_at`]; at 10,000 causes the
    /// reasons of every pinned emergency were a tenth of a keystroke).
    pub fn must_not_miss_causes(
        &self,
        kb: &KnowledgeBase,
        stage: &ResolvedStage,
        hits: &[Hit],
    ) -> Vec<(usize, Option<PinGroup>)> {
        let shown: Vec<usize> = hits
            .iter()
            .take(MUST_NOT_MISS_VISIBLE)
            .map(|h| h.cause)
            .collect();
        // The tree order the index keeps: `kb.tree_order()` hashes every cause's group name,
        // on every keystroke (a quarter of a keystroke at 10,000 causes).
        let emergencies = self
            .index
            .order
            .iter()
            .map(|c| c as usize)
            // The index's compact copy of each cause's urgency and stage: reading them from
            // the KB's causes touches a large record per cause.
            .filter(|&c| self.index.causes[c].urgency == crate::kb::Urgency::Emergency)
            .filter(|c| !shown.contains(c));
        if let Some(t) = stage.trimester {
            return emergencies
                .filter(|&c| {
                    let cause = &kb.causes[c];
                    // Causes placed in the stage, and those whose stage the documents do not
                    // give (they may be of this stage: fail safe); not those of any time.
                    let when = stage.week.map_or(When::Trimester(t), When::Week);
                    cause.stage != crate::kb::Stage::AnyTime
                        && cause.occurs_in(&kb.trimesters, when)
                })
                .map(|c| (c, None))
                .collect();
        }
        if let Some(cue) = stage.cue {
            return emergencies
                .filter(|&c| {
                    let cause = &kb.causes[c];
                    !matches!(cause.stage, crate::kb::Stage::AnyTime)
                        && score::fits_cue(cue, &cause.stage, cause.weeks)
                })
                .map(|c| (c, None))
                .collect();
        }
        let mut all: Vec<(usize, Option<PinGroup>)> = emergencies
            .filter_map(|c| {
                let group = match &self.index.causes[c].stage {
                    crate::kb::Stage::AnyTime => return None,
                    crate::kb::Stage::Unstated => PinGroup::StageNotGiven,
                    crate::kb::Stage::Trimesters(ts) if ts.contains(&1) => PinGroup::EarlyPregnancy,
                    crate::kb::Stage::Trimesters(_) => PinGroup::From24Weeks,
                };
                Some((c, Some(group)))
            })
            .collect();
        all.sort_by_key(|&(_, group)| group);
        all
    }

    /// The findings read in the query, each marked used or not (counted for or against any of
    /// `hits`).
    pub fn query_findings(&self, query: &Query, hits: &[Hit]) -> Vec<QueryFinding> {
        let parsed = query::parse(&self.index, &query.text);
        let reader = &self.index.reader;
        parsed
            .findings
            .iter()
            .map(|f| {
                let info = &reader.findings[f.finding as usize];
                QueryFinding {
                    id: info.id.clone(),
                    name: info.name.clone(),
                    present: f.present,
                    used: hits
                        .iter()
                        .any(|h| h.findings.iter().any(|hf| hf.id == info.id)),
                    text: query.text[f.range.clone()].to_string(),
                }
            })
            .collect()
    }

    /// The two or three questions whose answers would best separate the leading hits.
    pub fn ask_next(&self, query: &Query, hits: &[Hit]) -> Vec<AskNext> {
        let parsed = query::parse(&self.index, &query.text);
        ask::ask_next(&self.index, &parsed, hits)
    }
}

fn resolve_stage(kb: &KnowledgeBase, query: &Query, parsed: &query::ParsedQuery) -> ResolvedStage {
    let stage = resolve_stated_stage(kb, query, parsed);
    if stage.trimester.is_some() {
        return stage;
    }
    ResolvedStage {
        cue: parsed.cue,
        ..stage
    }
}

fn resolve_stated_stage(
    kb: &KnowledgeBase,
    query: &Query,
    parsed: &query::ParsedQuery,
) -> ResolvedStage {
    if let Some(w) = parsed.week {
        return ResolvedStage {
            trimester: kb.trimester_of_week(w),
            week: Some(w),
            days: parsed.days,
            from: Some(StageFrom::Query),
            cue: None,
        };
    }
    if let Some(t) = parsed.trimester {
        return ResolvedStage {
            trimester: Some(t),
            from: Some(StageFrom::Query),
            ..ResolvedStage::default()
        };
    }
    if let Some(w) = query.week {
        return ResolvedStage {
            trimester: kb.trimester_of_week(w),
            week: Some(w),
            days: None,
            from: Some(StageFrom::Option),
            cue: None,
        };
    }
    match query.trimester {
        Some(t) => ResolvedStage {
            trimester: Some(t),
            from: Some(StageFrom::Option),
            ..ResolvedStage::default()
        },
        None => ResolvedStage::default(),
    }
}

fn vocabulary_embedded() -> Vocabulary {
    static CELL: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    CELL.get_or_init(Vocabulary::embedded).clone()
}

fn synonyms_embedded() -> Synonyms {
    static CELL: std::sync::OnceLock<Synonyms> = std::sync::OnceLock::new();
    CELL.get_or_init(Synonyms::embedded).clone()
}

#[cfg(test)]
mod tests;
