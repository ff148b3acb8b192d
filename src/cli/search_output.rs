//! `obddx search`: ranked causes as text or JSON, with the stage used, each hit's confidence,
//! and the must-not-miss emergencies of the stated stage.

use std::fmt::Write as _;

use serde::Serialize;

use super::args::SearchFormat;
use crate::kb::{KnowledgeBase, Reference};
use crate::labels;
use crate::search::{
    AskNext, Confidence, Direction, Hit, MustNotMiss, PinGroup, Query, QueryFinding, ResolvedStage,
    StageFrom,
};

/// Version of the search JSON envelope; bumped only when a field changes meaning.
pub(super) const SEARCH_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct SearchJson<'a> {
    query: &'a str,
    /// The local protocol overlay searched with the reference (its notes match as `local`).
    #[serde(skip_serializing_if = "Option::is_none")]
    local_layer: Option<super::json::LocalLayerJson<'a>>,
    stage: StageJson,
    /// The findings read in the query, each marked used or not.
    findings: &'a [QueryFinding],
    hits: Vec<HitJson<'a>>,
    must_not_miss: Vec<MustNotMissJson<'a>>,
    /// Questions whose answers would best separate the leading causes.
    ask_next: &'a [AskNext],
}

#[derive(Serialize)]
struct StageJson {
    trimester: Option<u8>,
    week: Option<u8>,
    days: Option<u8>,
    from: Option<StageFrom>,
    /// With no stated stage: the stage the query's words point to.
    cue: Option<&'static str>,
}

#[derive(Serialize)]
struct HitJson<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    urgency: &'static str,
    basis: &'static str,
    confidence: Confidence,
    score: f32,
    matches: Vec<MatchJson<'a>>,
    findings: Vec<HitFindingJson<'a>>,
}

#[derive(Serialize)]
struct HitFindingJson<'a> {
    id: &'a str,
    name: &'a str,
    direction: Direction,
    /// The cause's item it rests on.
    field: crate::search::Field,
    source: &'a str,
}

#[derive(Serialize)]
struct MatchJson<'a> {
    field: crate::search::Field,
    text: &'a str,
    /// Byte ranges of `text` that matched, `[start, end)`.
    ranges: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct MustNotMissJson<'a> {
    id: &'a str,
    name: &'a str,
    urgency: &'static str,
    why: &'a str,
    /// With no stage stated or cued: the stage group it is pinned in.
    group: Option<PinGroup>,
}

/// What one search found: the hits, the stage it used, the pinned emergencies.
pub(super) struct Outcome {
    pub(super) stage: ResolvedStage,
    pub(super) hits: Vec<Hit>,
    pub(super) must_not_miss: Vec<MustNotMiss>,
    findings: Vec<QueryFinding>,
    ask_next: Vec<AskNext>,
}

pub(super) fn search(
    r: &Reference,
    text: &str,
    trimester: Option<u8>,
    week: Option<u8>,
) -> Outcome {
    let kb = &r.kb;
    let index = if r.local.is_none() {
        crate::prebuilt::shared_index_for(kb)
    } else {
        // The overlay's notes are indexed with the guideline notes, marked local.
        std::borrow::Cow::Owned(crate::search::SearchIndex::for_reference(r))
    };
    let query = Query {
        text: text.to_string(),
        trimester,
        week,
    };
    let stage = index.stage_of(kb, &query);
    let hits = index.search(kb, &query);
    let must_not_miss = index.must_not_miss(kb, &stage, &hits);
    let findings = index.query_findings(&query, &hits);
    let ask_next = index.ask_next(&query, &hits);
    Outcome {
        stage,
        hits,
        must_not_miss,
        findings,
        ask_next,
    }
}

pub(super) fn run(
    r: &Reference,
    text: &str,
    trimester: Option<u8>,
    week: Option<u8>,
    limit: usize,
    format: SearchFormat,
) -> String {
    let kb = &r.kb;
    let out = search(r, text, trimester, week);
    match format {
        SearchFormat::Json => json(r, text, &out, limit),
        SearchFormat::Text => plain(kb, text, &out, limit),
    }
}

fn basis_id(kb: &KnowledgeBase, c: &crate::kb::Cause) -> &'static str {
    match kb.cause_basis(c) {
        crate::kb::Basis::Documents => "documents",
        crate::kb::Basis::Guideline => "guideline",
    }
}

fn json(r: &Reference, text: &str, out: &Outcome, limit: usize) -> String {
    let kb = &r.kb;
    let hits = out
        .hits
        .iter()
        .take(limit)
        .enumerate()
        .map(|(i, h)| {
            let c = &kb.causes[h.cause];
            HitJson {
                rank: i + 1,
                id: &c.id,
                name: &c.name,
                urgency: c.urgency.as_str(),
                basis: basis_id(kb, c),
                confidence: h.confidence,
                score: h.score,
                matches: h
                    .matches
                    .iter()
                    .map(|m| MatchJson {
                        field: m.field,
                        text: &m.text,
                        ranges: m.ranges.iter().map(|r| [r.start, r.end]).collect(),
                    })
                    .collect(),
                findings: h
                    .findings
                    .iter()
                    .map(|f| HitFindingJson {
                        id: &f.id,
                        name: &f.name,
                        direction: f.direction,
                        field: f.field,
                        source: &f.source,
                    })
                    .collect(),
            }
        })
        .collect();
    let body = SearchJson {
        query: text,
        local_layer: super::json::local_layer_json(r).map(|mut l| {
            l.notes.clear();
            l
        }),
        stage: StageJson {
            trimester: out.stage.trimester,
            week: out.stage.week,
            days: out.stage.days,
            from: out.stage.from,
            cue: out.stage.cue.map(crate::kb::GuidelineStage::id),
        },
        findings: &out.findings,
        hits,
        must_not_miss: out
            .must_not_miss
            .iter()
            .map(|m| {
                let c = &kb.causes[m.cause];
                MustNotMissJson {
                    id: &c.id,
                    name: &c.name,
                    urgency: c.urgency.as_str(),
                    why: &m.why,
                    group: m.group,
                }
            })
            .collect(),
        ask_next: &out.ask_next,
    };
    super::json::enveloped(kb, SEARCH_FORMAT_VERSION, body)
}

/// "3rd trimester, 32+4 weeks (from the query)", or that no stage was stated.
pub(super) fn stage_line(kb: &KnowledgeBase, stage: &ResolvedStage) -> String {
    let from = match stage.from {
        Some(StageFrom::Query) => " (from the query)",
        Some(StageFrom::Option) => " (from the stage option/filter)",
        None => "",
    };
    let mut parts = Vec::new();
    if let Some(t) = stage.trimester {
        parts.push(labels::trimester_label(kb, t));
    }
    match (stage.week, stage.days) {
        (Some(w), Some(d)) => parts.push(format!("{w}+{d} weeks")),
        (Some(w), None) => parts.push(format!("{w} weeks")),
        _ => {}
    }
    if let (true, Some(cue)) = (parts.is_empty(), stage.cue) {
        format!(
            "Stage: not stated; the query's words point to {} (causes of other stages ranked lower)",
            cue_label(cue)
        )
    } else if parts.is_empty() {
        "Stage: not stated — all stages searched (add e.g. \"32/40\", \"8 weeks\" or \"T1\")".into()
    } else {
        format!("Stage: {}{from}", parts.join(", "))
    }
}

/// "early pregnancy", "bleeding from 24 weeks".
pub(super) fn cue_label(cue: crate::kb::GuidelineStage) -> &'static str {
    match cue {
        crate::kb::GuidelineStage::EarlyPregnancy => "early pregnancy",
        crate::kb::GuidelineStage::From24Weeks => "bleeding from 24 weeks",
    }
}

/// "must not miss at 32 weeks", "… in the 3rd trimester", "… in early pregnancy".
pub(super) fn must_not_miss_heading(stage: &ResolvedStage) -> String {
    match (stage.week, stage.trimester, stage.cue) {
        (Some(w), _, _) => format!("Must not miss at {w} weeks"),
        (None, Some(t), _) => format!("Must not miss in trimester {t}"),
        (None, None, Some(cue)) => format!("Must not miss in {}", cue_label(cue)),
        _ => "Must not miss (no stage stated: the emergencies of every stage)".into(),
    }
}

/// Hits with their rank, in one confidence group.
type Ranked<'h> = Vec<(usize, &'h Hit)>;

fn plain(kb: &KnowledgeBase, text: &str, out: &Outcome, limit: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}", stage_line(kb, &out.stage));
    let hits: Vec<&Hit> = out.hits.iter().take(limit).collect();
    let scored = hits.iter().any(|h| h.score > 0.0);
    if hits.is_empty() {
        let _ = writeln!(s, "No cause matches \"{text}\" at this stage.");
    } else if !scored {
        let _ = writeln!(
            s,
            "No words to match: every cause of the stage, in tree order."
        );
    } else if hits.iter().all(|h| h.confidence == Confidence::Weak) {
        let _ = writeln!(
            s,
            "Only generic words matched: causes ordered by danger within the stage."
        );
    }
    let line = |s: &mut String, rank: usize, h: &Hit| {
        let c = &kb.causes[h.cause];
        let confidence = if scored {
            format!("[{}] ", h.confidence.as_str())
        } else {
            String::new()
        };
        let score = if scored {
            format!(", score {:.2}", h.score)
        } else {
            String::new()
        };
        let outside = if h.outside_weeks {
            " — outside its weeks"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "{rank:>2}. {}  ({}{score}){outside}",
            labels::cause_row(kb, c, &confidence),
            c.id,
        );
    };
    let (strong, weak): (Ranked<'_>, Ranked<'_>) = hits
        .iter()
        .enumerate()
        .map(|(i, h)| (i + 1, *h))
        .partition(|(_, h)| !scored || h.confidence != Confidence::Weak);
    for (rank, h) in &strong {
        line(&mut s, *rank, h);
        if let Some(why) = labels::findings_summary(&h.findings) {
            let _ = writeln!(s, "      findings {why}");
        }
        for m in h.matches.iter().take(4) {
            let _ = writeln!(s, "      {}: {}", field_name(m.field), m.text);
        }
    }
    if !weak.is_empty() {
        let _ = writeln!(
            s,
            "Weak matches ({}: only words found in most causes matched):",
            weak.len()
        );
        for (rank, h) in &weak {
            line(&mut s, *rank, h);
        }
    }
    let omitted = out.hits.len().saturating_sub(hits.len());
    if omitted > 0 {
        let _ = writeln!(s, "… {omitted} more (raise --limit)");
    }
    let unused: Vec<String> = out
        .findings
        .iter()
        .filter(|f| !f.used)
        .map(|f| format!("\"{}\" ({})", f.text, f.name))
        .collect();
    if !unused.is_empty() {
        let _ = writeln!(
            s,
            "Not used (no listed cause's items name it): {}",
            unused.join(", ")
        );
    }
    if !out.ask_next.is_empty() {
        let _ = writeln!(s, "Ask next:");
        for a in &out.ask_next {
            let _ = writeln!(
                s,
                "  {}  (add \"{}\" or \"{}\")",
                a.question, a.if_present, a.if_absent
            );
        }
    }
    if !out.must_not_miss.is_empty() {
        let _ = writeln!(s, "{}:", must_not_miss_heading(&out.stage));
        let mut group = None;
        for m in &out.must_not_miss {
            if m.group.is_some() && m.group != group {
                group = m.group;
                let _ = writeln!(s, " {}:", m.group.map_or("", PinGroup::label));
            }
            let c = &kb.causes[m.cause];
            let _ = writeln!(
                s,
                "  {}  ({}) — {}",
                labels::cause_row(kb, c, ""),
                c.id,
                m.why
            );
        }
    }
    s
}

fn field_name(f: crate::search::Field) -> &'static str {
    use crate::search::Field;
    match f {
        Field::Name => "name",
        Field::Alias => "alias",
        Field::Summary => "summary",
        Field::Sign => "sign",
        Field::RiskFactor => "risk_factor",
        Field::Diagnostic => "diagnostic",
        Field::Treatment => "treatment",
        Field::Local => "LOCAL PROTOCOL",
        Field::GuidelineNote => "guideline_note",
    }
}
