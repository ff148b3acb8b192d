//! Matching concepts against the index and ranking causes.
//!
//! For each concept, every cause it occurs in gets `idf × best`, where `best` is the highest
//! `field weight × alternative weight` among the cause's items that match, plus a little for
//! each further matching item. `idf` is BM25's inverse document frequency of the concept
//! across causes, so "bleeding" (in nearly every cause) counts for little and "cysts" for a
//! lot. The sum over concepts is multiplied by the share of the query's total idf that the
//! cause matched, so causes that match more of what was asked rank higher (missing a
//! specific word costs much, missing a generic one little); a week inside a cause's week range lifts it a
//! little and a week outside lowers it.

use std::ops::Range;

use super::index::{IMPLIED, Index, Posting};

use super::model::{Confidence, Direction, Field, Hit, HitFinding, Match};
use super::query::ParsedQuery;
use crate::kb::{GuidelineStage, Stage, WeekRange};

/// How much each further matching item of a cause adds to a concept's best item, and for
/// how many items at most.
const EXTRA_ITEM: f32 = 0.1;
const MAX_EXTRA_ITEMS: f32 = 3.0;
/// Hits ranked below this many carry no matches: a KB of thousands of causes returns
/// thousands of hits, and building their matches cost more than ranking them (a result
/// list shows these by name only). The shipped KB has far fewer causes, so there every hit
/// has all its matches.
pub const FULL_MATCHES: usize = 200;
/// Week inside / outside a cause's week range.
const WEEK_INSIDE: f32 = 1.15;
const WEEK_OUTSIDE: f32 = 0.75;
/// With a stated stage, a cause of any time counts this much of a cause placed in that stage:
/// for the stage's typical presentation the stage's own causes come first. (A cause whose
/// stage the documents do not give is not lowered: it may well be of this stage.)
const NOT_STAGE_SPECIFIC: f32 = 0.7;
/// A concept found in more than this share of causes is generic ("bleeding", "pregnancy"):
/// it ranks little and alone never makes a hit more than weak.
const GENERIC_SHARE: f32 = 0.4;
/// An item of at least this weight is a name, alias, red-flag or distinguishing sign.
const KEY_ITEM: f32 = 2.0;
/// A cause outside the stage the query's words cue ("positive pregnancy test", "APH") counts
/// this much: a cue is softer than a stated week, so it lowers rather than hides.
const OFF_CUE: f32 = 0.3;
/// Word overlap on the words left after the findings are read counts this much beside the
/// findings' evidence (a name or alias still decides; scattered words only break ties).
const TEXT_SHARE: f32 = 0.3;
/// A finding named as absent, with no opposite, counts this much against the causes it points to.
const ABSENT: f32 = 0.5;
/// Evidence of at least this weight, from a key item or two findings, is a strong hit.
const STRONG_EVIDENCE: f32 = 4.0;

/// Whether a cause's stage fits the stage a query's words cue.
pub(super) fn fits_cue(cue: GuidelineStage, stage: &Stage, weeks: Option<WeekRange>) -> bool {
    match cue {
        GuidelineStage::EarlyPregnancy => stage.includes(1) && weeks.is_none_or(|r| r.from <= 13),
        GuidelineStage::From24Weeks => {
            (stage.includes(3) || stage.includes(2)) && weeks.is_none_or(|r| r.to >= 24)
        }
    }
}

/// A query that names a test or a treatment ("smear test", "hCG level", "surgery"): items of
/// that field count this much more, so the test beats a sign that shares its word.
const INTENT_BOOST: f32 = 3.0;

/// One occurrence of a concept in an item.
#[derive(Debug, Clone, Copy, Default)]
struct Occ {
    item: u32,
    cause: u32,
    concept: u16,
    /// Byte range in the item's text (of the whole phrase, for a phrase).
    start: u32,
    end: u32,
    weight: f32,
}

/// BM25 inverse document frequency.
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Restricts results to a trimester and re-ranks by week.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct StageFilter {
    pub trimester: Option<u8>,
    pub week: Option<u8>,
    pub cue: Option<GuidelineStage>,
}

impl StageFilter {
    fn admits(&self, index: &Index, cause: usize) -> bool {
        self.trimester
            .is_none_or(|t| index.causes[cause].in_trimesters.contains(&t))
    }

    fn factor(&self, index: &Index, cause: usize) -> f32 {
        let info = &index.causes[cause];
        let week = match (self.week, info.weeks) {
            (Some(w), Some(r)) if r.contains(w) => WEEK_INSIDE,
            (Some(_), Some(_)) => WEEK_OUTSIDE,
            _ => 1.0,
        };
        let specific = match info.stage {
            Stage::AnyTime if self.trimester.is_some() => NOT_STAGE_SPECIFIC,
            Stage::Trimesters(_) | Stage::AnyTime | Stage::Unstated => 1.0,
        };
        week * specific
            * if self.off_cue(index, cause) {
                OFF_CUE
            } else {
                1.0
            }
    }

    /// The query's words cue a stage this cause does not fit.
    fn off_cue(&self, index: &Index, cause: usize) -> bool {
        let info = &index.causes[cause];
        self.cue
            .is_some_and(|cue| !fits_cue(cue, &info.stage, info.weeks))
    }

    /// The stated week lies outside the cause's own week range.
    fn outside_weeks(&self, index: &Index, cause: usize) -> bool {
        matches!((self.week, index.causes[cause].weeks), (Some(w), Some(r)) if !r.contains(w))
    }
}

/// Every cause admitted by the stage, in tree order, unscored; causes whose week range
/// excludes the stated week last.
pub(super) fn all_in_stage(index: &Index, stage: StageFilter) -> Vec<Hit> {
    let mut hits: Vec<Hit> = index
        .order
        .iter()
        .map(|c| c as usize)
        .filter(|&c| stage.admits(index, c))
        .map(|cause| Hit {
            cause,
            score: 0.0,
            confidence: Confidence::Weak,
            outside_weeks: stage.outside_weeks(index, cause),
            matches: Vec::new(),
            findings: Vec::new(),
        })
        .collect();
    hits.sort_by_key(|h| h.outside_weeks);
    hits
}

/// Working memory of one query, kept between queries so that a keystroke does not
/// allocate (and free) the large per-cause and per-item arrays again.
#[derive(Debug, Default)]
pub(super) struct Buffers {
    occs: Vec<Occ>,
    /// The occurrences of the top hits, grouped by hit (`start[i]..start[i + 1]`).
    by_hit: Vec<Occ>,
    /// Per cause: its place among the top hits, or `u32::MAX`.
    slot: Vec<u32>,
    score: Vec<f32>,
    matched: Vec<f32>,
    best: Vec<f32>,
    /// Per cause: specific concepts matched, and whether one matched a key item.
    specific: Vec<u16>,
    key_hit: Vec<bool>,
    /// Per cause, for the concept being scored: the heaviest item it matched.
    best_item: Vec<f32>,
    count: Vec<u16>,
    item_mark: Vec<u16>,
    touched: Vec<u32>,
    start: Vec<u32>,
    fill: Vec<u32>,
    keyed: Vec<(u128, u32)>,
    scratch: Scratch,
    /// Per cause: the findings' evidence, and whether any finding counted for it.
    evidence: Vec<f32>,
    supported: Vec<bool>,
    /// (finding as counted, weight it applies with) for the query.
    applied: Vec<(u16, f32)>,
}

fn reset<T: Clone>(v: &mut Vec<T>, n: usize, value: T) {
    v.clear();
    v.resize(n, value);
}

pub(super) fn rank(
    index: &Index,
    q: &ParsedQuery,
    stage: StageFilter,
    buf: &mut Buffers,
) -> Vec<Hit> {
    let n_causes = index.causes.len();
    if q.concepts.iter().all(|c| c.optional) && q.findings.is_empty() {
        // Nothing but stopwords and a stage: everything in the stage. Words that match
        // nothing at all: nothing.
        return if q.unmatched == 0 {
            all_in_stage(index, stage)
        } else {
            Vec::new()
        };
    }
    let Buffers {
        occs,
        by_hit,
        slot,
        score,
        matched,
        best,
        specific,
        key_hit,
        best_item,
        count,
        item_mark,
        touched,
        start,
        fill,
        keyed,
        scratch,
        evidence,
        supported,
        applied,
    } = buf;
    apply_findings(index, q, applied);
    reset(evidence, n_causes, 0.0);
    reset(supported, n_causes, false);
    for &(f, factor) in applied.iter() {
        for &(c, w) in &index.net[f as usize] {
            let w = if factor < 0.0 {
                (-factor) * -w.max(0.0)
            } else {
                factor * w
            };
            evidence[c as usize] += w;
            supported[c as usize] |= w > 0.0;
        }
    }
    occs.clear();
    occs.reserve(
        q.concepts
            .iter()
            .flat_map(|c| &c.alts)
            .map(|a| index.postings.of(a.stems[0]).len())
            .sum(),
    );
    reset(score, n_causes, 0.0);
    // Sum of the idf of the (required) concepts each cause matched.
    reset(matched, n_causes, 0.0);
    // Per concept scratch: best weight and distinct item count per cause, the causes
    // touched, and which concept last counted each item.
    reset(best, n_causes, 0.0);
    reset(specific, n_causes, 0);
    reset(key_hit, n_causes, false);
    reset(best_item, n_causes, 0.0);
    reset(count, n_causes, 0);
    reset(item_mark, index.items.len(), u16::MAX);
    touched.clear();
    let mut idfs = Vec::with_capacity(q.concepts.len());

    for (ci, concept) in q.concepts.iter().enumerate() {
        let ci = ci as u16;
        for alt in &concept.alts {
            let n = alt.stems.len() as u32;
            for Posting {
                item,
                pos,
                cause,
                start,
                mut end,
                next,
                next_end,
            } in index.postings.of(alt.stems[0]).iter()
            {
                if n > 1 {
                    if next != alt.stems[1] {
                        continue;
                    }
                    end = next_end;
                }
                if n > 2 {
                    let r = &index.items[item as usize].toks;
                    let toks = index.toks.slice(r.start as usize..r.end as usize);
                    let p = pos as usize;
                    if p + n as usize > toks.len()
                        || toks
                            .slice(p + 1..p + n as usize)
                            .iter()
                            .zip(&alt.stems[1..])
                            .any(|(t, &s)| t.stem != s)
                    {
                        continue;
                    }
                    end = toks.get(p + n as usize - 1).end;
                }
                if concept.names_only
                    && !matches!(index.items[item as usize].field, Field::Name | Field::Alias)
                {
                    continue;
                }
                occs.push(Occ {
                    item,
                    cause,
                    concept: ci,
                    start,
                    end,
                    weight: alt.weight,
                });
                let c = cause as usize;
                if count[c] == 0 {
                    touched.push(cause);
                }
                if item_mark[item as usize] != ci {
                    item_mark[item as usize] = ci;
                    count[c] += 1;
                }
                let mut iw = index.item_weight.get(item as usize);
                // Only a query with an intent looks at the item's field (a random access).
                if let Some(field) = q.intent
                    && index.items[item as usize].field == field
                {
                    iw *= INTENT_BOOST;
                }
                let w = iw * alt.weight;
                if w > best[c] {
                    best[c] = w;
                }
                if iw > best_item[c] {
                    best_item[c] = iw;
                }
            }
        }
        let idf_c = idf(n_causes, touched.len());
        idfs.push(idf_c);
        let generic = touched.len() as f32 > GENERIC_SHARE * n_causes as f32;
        // Specific concepts, the stage's own words included ("6–7 weeks" in a sign), count
        // towards confidence.
        let counts = !generic;
        for &c in touched.iter() {
            let c = c as usize;
            let extra = EXTRA_ITEM * (f32::from(count[c]) - 1.0).min(MAX_EXTRA_ITEMS);
            score[c] += idf_c * (best[c] + extra);
            if !concept.optional {
                matched[c] += idf_c;
            }
            if counts {
                specific[c] += 1;
                key_hit[c] |= best_item[c] >= KEY_ITEM;
            }
            best[c] = 0.0;
            best_item[c] = 0.0;
            count[c] = 0;
        }
        touched.clear();
    }

    let idf_total: f32 = q
        .concepts
        .iter()
        .zip(&idfs)
        .filter(|(c, _)| !c.optional)
        .map(|(_, idf)| idf)
        .sum();
    let has_required = idf_total > 0.0;
    let idf_total = idf_total.max(f32::MIN_POSITIVE);

    // Scores and sort keys of the hits, best first. The key ends in the cause's unique rank,
    // so the order is total and an unstable sort exact. With findings, a hit is a cause their
    // evidence supports or the words match; its score is the evidence plus a share of the
    // word overlap, so more findings sharpen the ranking and stray words cannot outweigh them.
    let text_share = if q.findings.is_empty() {
        1.0
    } else {
        TEXT_SHARE
    };
    // Findings that no cause's items name (a stage cue alone: "APH"): every cause of the stage,
    // ordered by danger below.
    let anything = (0..n_causes).any(|c| matched[c] > 0.0 || supported[c]);
    keyed.clear();
    keyed.extend(
        (0..n_causes)
            .filter(|&c| (!anything || matched[c] > 0.0 || supported[c]) && stage.admits(index, c))
            .map(|c| {
                let coverage = if has_required {
                    matched[c] / idf_total
                } else {
                    1.0
                };
                let total = evidence[c] + text_share * score[c] * coverage;
                let f = stage.factor(index, c);
                let s = if total >= 0.0 { total * f } else { total / f };
                score[c] = s;
                let tier = u32::from(stage.outside_weeks(index, c));
                (sort_key(tier, s, index.rank.get(c)), c as u32)
            }),
    );
    keyed.sort_unstable();
    let top = keyed.len().min(FULL_MATCHES);

    // Matches for the top hits only: their occurrences grouped by hit (a counting sort over
    // the occurrences of those causes). Hits ranked below carry none — building the matches
    // of thousands of tail hits cost more than ranking them (README, "Performance").
    reset(slot, n_causes, u32::MAX);
    for (i, &(_, c)) in keyed[..top].iter().enumerate() {
        slot[c as usize] = i as u32;
    }
    reset(start, top + 1, 0);
    for o in occs.iter() {
        if let Some(&s) = slot.get(o.cause as usize).filter(|&&s| s != u32::MAX) {
            start[s as usize + 1] += 1;
        }
    }
    for i in 0..top {
        start[i + 1] += start[i];
    }
    fill.clear();
    fill.extend_from_slice(start);
    reset(by_hit, start[top] as usize, Occ::default());
    for o in occs.iter() {
        if let Some(&s) = slot.get(o.cause as usize).filter(|&&s| s != u32::MAX) {
            let at = &mut fill[s as usize];
            by_hit[*at as usize] = *o;
            *at += 1;
        }
    }

    let mut hits: Vec<Hit> = keyed
        .iter()
        .enumerate()
        .map(|(i, &(key, c))| {
            let c = c as usize;
            let coverage = matched[c] / idf_total;
            let by_words = if specific[c] == 0 {
                Confidence::Weak
            } else if coverage >= 0.5 && (specific[c] >= 2 || key_hit[c]) {
                Confidence::Strong
            } else {
                Confidence::Moderate
            };
            let by_findings = if evidence[c] >= STRONG_EVIDENCE {
                Confidence::Strong
            } else if evidence[c] > 0.0 {
                Confidence::Moderate
            } else {
                Confidence::Weak
            };
            let confidence = if evidence[c] < 0.0 {
                by_words.max(Confidence::Moderate)
            } else {
                by_words.min(by_findings)
            };
            let (matches, findings) = if i < top {
                let occs = &mut by_hit[start[i] as usize..start[i + 1] as usize];
                let mut matches = matches_of(index, occs, &idfs, scratch);
                let findings = explain(index, applied, c as u32, &mut matches);
                (matches, findings)
            } else {
                (Vec::new(), Vec::new())
            };
            Hit {
                cause: c,
                // Shown clamped at 0: a cause the evidence argues against sorts below, but a
                // score is never negative.
                score: score[c].max(0.0),
                confidence,
                outside_weeks: key >> 127 == 1,
                matches,
                findings,
            }
        })
        .collect();
    let tier = |h: &Hit| u32::from(h.outside_weeks);
    // Equal scores: the more urgent cause first, so an exact tie never lists a routine cause
    // above an emergency. Only the first FULL_MATCHES hits (all of them on a real KB) are
    // re-ordered: re-sorting thousands of near-ties out of memory order costs 2–3× on 10k causes.
    // Only generic words matched any hit of the stage ("bleeding 32 weeks", "PV bleed"):
    // every hit is weak, and word overlap says nothing.
    let low_info = hits.iter().all(|h| h.confidence == Confidence::Weak);
    if low_info {
        // Danger decides within the stage — most urgent first, causes placed in the stage
        // before those of any time — and the score only breaks ties.
        hits[..top].sort_by_cached_key(|h| {
            let info = &index.causes[h.cause];
            let any_time = u64::from(!matches!(info.stage, Stage::Trimesters(_)));
            (
                tier(h),
                stage.off_cue(index, h.cause),
                info.urgency,
                any_time,
                sort_key(0, h.score, index.tie_rank.get(h.cause)),
            )
        });
    } else {
        hits[..top].sort_by_cached_key(|h| sort_key(tier(h), h.score, index.tie_rank.get(h.cause)));
    }
    hits
}

/// Outside-the-week-range tier first, then score descending, then `rank`, as one integer.
/// Scores are finite (evidence against makes them negative): their bits, with the sign bit
/// flipped for positives and all bits for negatives, order like the numbers.
fn sort_key(tier: u32, score: f32, rank: u32) -> u128 {
    let bits = score.to_bits();
    let ascending = if score.is_sign_negative() {
        !bits
    } else {
        bits | 0x8000_0000
    };
    (u128::from(tier.min(1)) << 127) | (u128::from(!ascending) << 32) | u128::from(rank)
}

/// The findings of a query as they count: present ones as themselves, absent ones as their
/// opposite (or, with none, a little against what they point to), implied ones at
/// [`IMPLIED`]. `(finding, factor)`; a negative factor applies only to positive weights.
pub(super) fn apply_findings(index: &Index, q: &ParsedQuery, out: &mut Vec<(u16, f32)>) {
    out.clear();
    let reader = &index.reader;
    for f in &q.findings {
        let info = &reader.findings[f.finding as usize];
        if f.present {
            out.push((f.finding, 1.0));
        } else if let Some(o) = info.opposite {
            out.push((o, 1.0));
        } else {
            out.push((f.finding, -ABSENT));
        }
    }
    let named: Vec<u16> = out.iter().map(|a| a.0).collect();
    for f in q.findings.iter().filter(|f| f.present) {
        for &i in &reader.findings[f.finding as usize].implies {
            if !named.contains(&i) && !out.iter().any(|a| a.0 == i) {
                out.push((i, IMPLIED));
            }
        }
    }
}

/// The findings that counted for or against one cause, strongest first, each with the item it
/// rests on; the items of those counted for join the cause's matches (to highlight).
fn explain(
    index: &Index,
    applied: &[(u16, f32)],
    cause: u32,
    matches: &mut Vec<Match>,
) -> Vec<HitFinding> {
    let mut out: Vec<HitFinding> = Vec::new();
    for &(f, factor) in applied {
        let Some(net) = index.net_of(f as usize, cause) else {
            continue;
        };
        let weight = if factor < 0.0 {
            factor.abs() * -net.max(0.0)
        } else {
            factor * net
        };
        if weight == 0.0 {
            continue;
        }
        // The item it rests on: the finding's own strongest row, else its opposite's.
        let rows = |g: u16| index.evidence_of(g, cause).iter();
        let opposite = index.reader.findings[f as usize].opposite;
        let row = if weight > 0.0 {
            rows(f)
                .find(|r| r.weight > 0.0)
                .or_else(|| opposite.and_then(|o| rows(o).next()))
        } else {
            rows(f)
                .find(|r| r.weight < 0.0)
                .or_else(|| opposite.and_then(|o| rows(o).find(|r| r.weight > 0.0)))
                .or_else(|| rows(f).next())
        };
        let Some(row) = row else { continue };
        let item = &index.items[row.item as usize];
        let text = index.text(item).into_owned();
        if weight > 0.0 {
            let range = row.start as usize..row.end as usize;
            match matches.iter_mut().find(|m| {
                m.field == item.field && m.item == item.index as usize && m.part == item.part
            }) {
                Some(m) => {
                    m.ranges.push(range);
                    m.ranges.sort_unstable_by_key(|r| (r.start, r.end));
                    let mut merged: Vec<Range<usize>> = Vec::with_capacity(m.ranges.len());
                    for r in m.ranges.drain(..) {
                        match merged.last_mut() {
                            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                            _ => merged.push(r),
                        }
                    }
                    m.ranges = merged;
                }
                None => matches.insert(
                    matches
                        .len()
                        .min(out.iter().filter(|h| h.direction == Direction::For).count()),
                    Match {
                        field: item.field,
                        item: item.index as usize,
                        part: item.part,
                        text: text.clone(),
                        ranges: vec![range],
                    },
                ),
            }
        }
        let info = &index.reader.findings[f as usize];
        out.push(HitFinding {
            id: info.id.clone(),
            name: info.name.clone(),
            direction: if weight > 0.0 {
                Direction::For
            } else {
                Direction::Against
            },
            weight,
            field: item.field,
            item: item.index as usize,
            part: item.part,
            source: text,
        });
    }
    out.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    out
}

/// Buffers reused across hits while building matches.
#[derive(Debug, Default)]
struct Scratch {
    /// (importance, item, first occurrence, end of occurrences) per matched item.
    items: Vec<(f32, u32, u32, u32)>,
    ranges: Vec<Range<usize>>,
}

/// Builds the `Match`es of one cause from its occurrences, most important first.
fn matches_of(index: &Index, occs: &mut [Occ], idfs: &[f32], scratch: &mut Scratch) -> Vec<Match> {
    occs.sort_unstable_by_key(|o| (o.item, o.concept, o.start));
    scratch.items.clear();
    let mut i = 0;
    while i < occs.len() {
        let item = occs[i].item;
        let from = i;
        let w = index.item_weight.get(item as usize);
        let mut importance = 0.0;
        let mut concept = u16::MAX;
        let mut concept_best = 0f32;
        while i < occs.len() && occs[i].item == item {
            let o = occs[i];
            if o.concept != concept {
                importance += concept_best;
                concept = o.concept;
                concept_best = 0.0;
            }
            concept_best = concept_best.max(idfs[o.concept as usize] * w * o.weight);
            i += 1;
        }
        importance += concept_best;
        scratch
            .items
            .push((importance, item, from as u32, i as u32));
    }
    scratch.items.sort_unstable_by(|a, b| {
        let (ia, ib) = (&index.items[a.1 as usize], &index.items[b.1 as usize]);
        b.0.total_cmp(&a.0)
            .then_with(|| ia.field.order().cmp(&ib.field.order()))
            .then_with(|| ia.index.cmp(&ib.index))
            .then_with(|| ia.part.cmp(&ib.part))
    });
    let mut out = Vec::with_capacity(scratch.items.len());
    for &(_, item, from, to) in &scratch.items {
        let it = &index.items[item as usize];
        scratch.ranges.clear();
        scratch.ranges.extend(
            occs[from as usize..to as usize]
                .iter()
                .map(|o| o.start as usize..o.end as usize),
        );
        scratch.ranges.sort_unstable_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(scratch.ranges.len());
        for r in scratch.ranges.drain(..) {
            match merged.last_mut() {
                Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push(r),
            }
        }
        out.push(Match {
            field: it.field,
            item: it.index as usize,
            part: it.part,
            text: index.text(it).into_owned(),
            ranges: merged,
        });
    }
    out
}
