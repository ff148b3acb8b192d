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
pub mod normalize;
mod packed;
mod query;
mod score;
pub mod stage;
pub mod synonyms;

use serde::Serialize;

use crate::kb::{GuidelineStage, KnowledgeBase, Reference, When};
pub use findings::{FindingKind, Vocabulary};
pub use index::NoteText;
pub use score::FULL_MATCHES;
pub use synonyms::{SynonymGroup, Synonyms};

/// What the user asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// Free text; may contain a week such as "7 weeks" or "32w".
    pub text: String,
    /// Restrict to causes of this trimester (1–3).
    pub trimester: Option<u8>,
    /// Restrict to the stage of this gestational week. A week or trimester written in the
    /// text wins over this and `trimester` (a filter left on from the previous patient must
    /// not override what was just typed).
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
    /// A note of the guideline layer on the cause (`Match::item` counts its notes).
    GuidelineNote,
    /// A note of the unit's local protocol overlay (not part of the KB).
    Local,
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

/// How much of a hit rests on words that tell causes apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Two or more specific concepts matched, or one in a name, alias, red-flag or
    /// distinguishing sign, covering at least half of what was asked.
    Strong,
    /// At least one specific concept matched.
    Moderate,
    /// Only generic words (found in most causes) matched, or nothing was asked.
    Weak,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Strong => "strong",
            Confidence::Moderate => "moderate",
            Confidence::Weak => "weak",
        }
    }
}

/// One ranked cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Index into `KnowledgeBase::causes`.
    #[serde(skip)]
    pub cause: usize,
    pub score: f32,
    pub confidence: Confidence,
    /// The stated gestation is outside this cause's week range: listed after every cause
    /// whose stage includes it, whatever the score.
    pub outside_weeks: bool,
    /// Matched items, most important first, for the first [`FULL_MATCHES`] hits; empty for
    /// hits ranked below (only KBs that large return so many hits).
    pub matches: Vec<Match>,
    /// The query's findings that counted for or against this cause, strongest first.
    pub findings: Vec<HitFinding>,
}

/// Whether a finding counted for or against a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    For,
    Against,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::For => "for",
            Direction::Against => "against",
        }
    }
}

/// One finding of the query, as it counted for one cause, and the item it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HitFinding {
    /// The finding's id in `data/findings.ron`.
    pub id: String,
    pub name: String,
    pub direction: Direction,
    /// Its weight for this cause (negative: against).
    pub weight: f32,
    /// The cause's item it rests on (for "against", often the item that says the opposite).
    pub field: Field,
    pub item: usize,
    pub part: Part,
    pub source: String,
}

/// A finding read in the query text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueryFinding {
    pub id: String,
    pub name: String,
    /// False for a negated finding ("no pain").
    pub present: bool,
    /// Whether it counted for or against any cause listed; a finding no cause's items name is
    /// "not used".
    pub used: bool,
    /// The query's words it was read from.
    pub text: String,
}

/// A question whose answer would best separate the leading causes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskNext {
    /// The finding it asks about.
    pub id: String,
    pub question: String,
    /// What to add to the query for "yes" and for "no".
    pub if_present: String,
    pub if_absent: String,
}

/// Where a stage came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageFrom {
    /// Written in the query text ("32/40", "7 weeks", "T3").
    Query,
    /// Set outside the text: `--week`/`--trimester`, or the browser's filter.
    Option,
}

/// The stage a query restricts to, after combining `Query`'s fields and its text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolvedStage {
    pub trimester: Option<u8>,
    pub week: Option<u8>,
    /// Days past the week, where written ("32+4").
    pub days: Option<u8>,
    pub from: Option<StageFrom>,
    /// With no week or trimester: the stage the query's words point to ("positive pregnancy
    /// test" → early pregnancy, "APH" or "labour" → from 24 weeks).
    pub cue: Option<GuidelineStage>,
}

/// Why an emergency is pinned: its first red flag — unless a stage is stated and the documents
/// give the cause no stage. It is then pinned only to fail safe, and its red flags may describe
/// another stage ("fever with a non-viable embryo retained" is no reason at 36 weeks), so the
/// reason is its summary, which describes the cause at whatever stage, with the stage's absence
/// said in words.
fn pin_reason(cause: &crate::kb::Cause, stage_stated: bool) -> String {
    if stage_stated && cause.stage == crate::kb::Stage::Unstated {
        return format!("{} ({})", cause.summary, crate::kb::Stage::NOT_GIVEN);
    }
    cause
        .signs
        .iter()
        .find(|s| s.red_flag)
        .map_or_else(|| cause.summary.clone(), |s| s.text.clone())
}

/// An emergency cause of the stated stage that the ranked results do not show near the top.
#[derive(Debug, Clone, PartialEq)]
pub struct MustNotMiss {
    /// Index into `KnowledgeBase::causes`.
    pub cause: usize,
    /// The one line that makes it dangerous: its first red-flag sign, else its summary.
    pub why: String,
    /// With no stage stated or cued, the emergencies of every stage are pinned, grouped by
    /// stage: the group this one belongs to (`None` when a stage was stated or cued).
    pub group: Option<PinGroup>,
}

/// The stage groups of must-not-miss causes pinned when no stage is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinGroup {
    EarlyPregnancy,
    #[serde(rename = "from_24_weeks")]
    From24Weeks,
    StageNotGiven,
}

impl PinGroup {
    pub fn label(self) -> &'static str {
        match self {
            PinGroup::EarlyPregnancy => "early pregnancy",
            PinGroup::From24Weeks => "from 24 weeks",
            PinGroup::StageNotGiven => "stage not given by the documents",
        }
    }
}

/// How many top hits count as "visible" for must-not-miss: an emergency of the stage ranked
/// below the first two is pinned as well, so it is never buried under benign causes.
pub const MUST_NOT_MISS_VISIBLE: usize = 2;

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
        let shown: Vec<usize> = hits
            .iter()
            .take(MUST_NOT_MISS_VISIBLE)
            .map(|h| h.cause)
            .collect();
        let stated = stage.trimester.is_some() || stage.cue.is_some();
        let pinned = |c: usize, group: Option<PinGroup>| MustNotMiss {
            cause: c,
            why: pin_reason(&kb.causes[c], stated),
            group,
        };
        let emergencies = kb
            .tree_order()
            .into_iter()
            .filter(|&c| kb.causes[c].urgency == crate::kb::Urgency::Emergency)
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
                .map(|c| pinned(c, None))
                .collect();
        }
        if let Some(cue) = stage.cue {
            return emergencies
                .filter(|&c| {
                    let cause = &kb.causes[c];
                    !matches!(cause.stage, crate::kb::Stage::AnyTime)
                        && score::fits_cue(cue, &cause.stage, cause.weeks)
                })
                .map(|c| pinned(c, None))
                .collect();
        }
        let mut all: Vec<MustNotMiss> = emergencies
            .filter_map(|c| {
                let cause = &kb.causes[c];
                let group = match &cause.stage {
                    crate::kb::Stage::AnyTime => return None,
                    crate::kb::Stage::Unstated => PinGroup::StageNotGiven,
                    crate::kb::Stage::Trimesters(ts) if ts.contains(&1) => PinGroup::EarlyPregnancy,
                    crate::kb::Stage::Trimesters(_) => PinGroup::From24Weeks,
                };
                Some(pinned(c, Some(group)))
            })
            .collect();
        all.sort_by_key(|m| m.group);
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
