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

use super::index::{Index, Posting};
use super::query::ParsedQuery;
use super::{Hit, Match};

/// How much each further matching item of a cause adds to a concept's best item, and for
/// how many items at most.
const EXTRA_ITEM: f32 = 0.1;
const MAX_EXTRA_ITEMS: f32 = 3.0;
/// Week inside / outside a cause's week range.
const WEEK_INSIDE: f32 = 1.15;
const WEEK_OUTSIDE: f32 = 0.75;

/// One occurrence of a concept in an item.
#[derive(Debug, Clone, Copy)]
struct Occ {
    item: u32,
    concept: u16,
    /// Word range in the item.
    first: u32,
    last: u32,
    weight: f32,
}

/// BM25 inverse document frequency.
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Restricts results to a trimester and re-ranks by week.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageFilter {
    pub trimester: Option<u8>,
    pub week: Option<u8>,
}

impl StageFilter {
    fn admits(&self, index: &Index, cause: usize) -> bool {
        self.trimester
            .is_none_or(|t| index.causes[cause].stage.includes(t))
    }

    fn factor(&self, index: &Index, cause: usize) -> f32 {
        match (self.week, index.causes[cause].weeks) {
            (Some(w), Some(r)) if r.contains(w) => WEEK_INSIDE,
            (Some(_), Some(_)) => WEEK_OUTSIDE,
            _ => 1.0,
        }
    }
}

/// Every cause admitted by the stage, in tree order, unscored.
pub fn all_in_stage(index: &Index, stage: StageFilter) -> Vec<Hit> {
    index
        .order
        .iter()
        .map(|&c| c as usize)
        .filter(|&c| stage.admits(index, c))
        .map(|cause| Hit {
            cause,
            score: 0.0,
            matches: Vec::new(),
        })
        .collect()
}

pub fn rank(index: &Index, q: &ParsedQuery, stage: StageFilter) -> Vec<Hit> {
    let n_causes = index.causes.len();
    let n_concepts = q.concepts.len();
    if q.concepts.iter().all(|c| c.optional) {
        // Nothing but stopwords and a stage: everything in the stage. Words that match
        // nothing at all: nothing.
        return if q.unmatched == 0 {
            all_in_stage(index, stage)
        } else {
            Vec::new()
        };
    }
    let mut occs: Vec<Occ> = Vec::new();
    let mut score = vec![0f32; n_causes];
    // Sum of the idf of the concepts each cause matched.
    let mut matched = vec![0f32; n_causes];
    // Per concept scratch: best weight and item count per cause, and the causes touched.
    let mut best = vec![0f32; n_causes];
    let mut count = vec![0u16; n_causes];
    let mut touched: Vec<u32> = Vec::new();
    let mut idfs = Vec::with_capacity(n_concepts);

    for (ci, concept) in q.concepts.iter().enumerate() {
        let occ_start = occs.len();
        for alt in &concept.alts {
            let first = alt.stems[0] as usize;
            for &Posting { item, pos } in &index.postings[first] {
                let it = &index.items[item as usize];
                let n = alt.stems.len() as u32;
                if n > 1 {
                    let toks = &index.toks[it.toks.start as usize..it.toks.end as usize];
                    let p = pos as usize;
                    if p + n as usize > toks.len()
                        || toks[p + 1..p + n as usize]
                            .iter()
                            .zip(&alt.stems[1..])
                            .any(|(t, &s)| t.stem != s)
                    {
                        continue;
                    }
                }
                occs.push(Occ {
                    item,
                    concept: ci as u16,
                    first: pos,
                    last: pos + n - 1,
                    weight: alt.weight,
                });
            }
        }
        // Best weight per cause, counting distinct items.
        let mut last_item = u32::MAX;
        occs[occ_start..].sort_unstable_by_key(|o| (o.item, o.first));
        for o in &occs[occ_start..] {
            let it = &index.items[o.item as usize];
            let c = it.cause as usize;
            let w = it.weight * o.weight;
            if best[c] == 0.0 && count[c] == 0 {
                touched.push(c as u32);
            }
            if w > best[c] {
                best[c] = w;
            }
            if o.item != last_item {
                count[c] += 1;
                last_item = o.item;
            }
        }
        let idf_c = idf(n_causes, touched.len());
        idfs.push(idf_c);
        for &c in &touched {
            let c = c as usize;
            let extra = EXTRA_ITEM * (f32::from(count[c]) - 1.0).min(MAX_EXTRA_ITEMS);
            score[c] += idf_c * (best[c] + extra);
            if !concept.optional {
                matched[c] += idf_c;
            }
            best[c] = 0.0;
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

    // Group occurrences by cause (counting sort) to build the matches of each hit.
    let mut start = vec![0u32; n_causes + 1];
    for o in &occs {
        start[index.items[o.item as usize].cause as usize + 1] += 1;
    }
    for c in 0..n_causes {
        start[c + 1] += start[c];
    }
    let mut fill = start.clone();
    let mut by_cause = vec![0u32; occs.len()];
    for (oi, o) in occs.iter().enumerate() {
        let c = index.items[o.item as usize].cause as usize;
        by_cause[fill[c] as usize] = oi as u32;
        fill[c] += 1;
    }

    let mut hits = Vec::new();
    let mut scratch: Vec<Occ> = Vec::new();
    for c in 0..n_causes {
        if matched[c] == 0.0 || !stage.admits(index, c) {
            continue;
        }
        let coverage = matched[c] / idf_total;
        let s = score[c] * coverage * stage.factor(index, c);
        scratch.clear();
        scratch.extend(
            by_cause[start[c] as usize..start[c + 1] as usize]
                .iter()
                .map(|&oi| occs[oi as usize]),
        );
        hits.push(Hit {
            cause: c,
            score: s,
            matches: matches_of(index, &mut scratch, &idfs),
        });
    }
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| index.causes[a.cause].rank.cmp(&index.causes[b.cause].rank))
    });
    hits
}

/// Builds the `Match`es of one cause from its occurrences, most important first.
fn matches_of(index: &Index, occs: &mut [Occ], idfs: &[f32]) -> Vec<Match> {
    occs.sort_unstable_by_key(|o| (o.item, o.concept, o.first));
    let mut out: Vec<(f32, Match)> = Vec::new();
    let mut i = 0;
    while i < occs.len() {
        let item_id = occs[i].item;
        let it = &index.items[item_id as usize];
        let toks = &index.toks[it.toks.start as usize..it.toks.end as usize];
        let mut importance = 0.0;
        let mut ranges: Vec<Range<usize>> = Vec::new();
        let mut concept = u16::MAX;
        let mut concept_best = 0f32;
        while i < occs.len() && occs[i].item == item_id {
            let o = occs[i];
            if o.concept != concept {
                importance += concept_best;
                concept = o.concept;
                concept_best = 0.0;
            }
            concept_best = concept_best.max(idfs[o.concept as usize] * it.weight * o.weight);
            let a = toks[o.first as usize].start as usize;
            let b = toks[o.last as usize].end as usize;
            ranges.push(a..b);
            i += 1;
        }
        importance += concept_best;
        ranges.sort_unstable_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(m) if r.start <= m.end => m.end = m.end.max(r.end),
                _ => merged.push(r),
            }
        }
        out.push((
            importance,
            Match {
                field: it.field,
                item: it.index as usize,
                part: it.part,
                text: it.text.clone(),
                ranges: merged,
            },
        ));
    }
    out.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.field.order().cmp(&b.1.field.order()))
            .then_with(|| a.1.item.cmp(&b.1.item))
            .then_with(|| a.1.part.cmp(&b.1.part))
    });
    out.into_iter().map(|(_, m)| m).collect()
}
