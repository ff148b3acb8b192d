//! The search's vocabulary: the query, the hits and their matches and findings, the stage a
//! search used, the must-not-miss pins. A module of its own so that the engine's parts (index,
//! score, ask) and the package's API read them without importing their parent.

use serde::Serialize;

use crate::kb::GuidelineStage;

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
    /// Matched items, most important first, for the first [`FULL_MATCHES`](super::FULL_MATCHES) hits; empty for
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
