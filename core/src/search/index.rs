//! The token index: every searchable text of every cause, cut into normalised words, with
//! a posting list per stem and a vocabulary of surface forms for typo and prefix matching.

use std::borrow::Cow;
use std::collections::HashMap;

use super::findings::{Direction, FindingKind, Reader, Strength, Vocabulary};
use super::fuzzy::char_mask;
use super::model::{Field, Part};
use super::normalize::{fold, is_stopword, stem, word_ranges, words};
use super::notes::NoteText;
use super::packed::{Packed, PackedVec};
use super::synonyms::Synonyms;
use crate::kb::{KnowledgeBase, Stage, Urgency, WeekRange};

/// Id of a stem in [`Lexicon`].
pub(super) type StemId = u32;

/// One searchable string of a cause (a name, an alias, a sign, a diagnostic's finding, …).
/// Kept small and its text in one arena, in cause order, so that building the matches of
/// thousands of hits sweeps memory instead of chasing pointers.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Item {
    /// Byte range of the text in [`Index::arena`].
    pub text: std::ops::Range<u32>,
    /// Range into [`Index::toks`].
    pub toks: std::ops::Range<u32>,
    /// Index within the field's list.
    pub index: u32,
    pub field: Field,
    pub part: Part,
}

/// One indexed word of an item (stopwords are not indexed; positions count indexed words).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(super) struct Tok {
    pub stem: StemId,
    /// End of the word in the item's text (bytes); starts are in [`Posting`].
    pub end: u32,
}

/// One occurrence of a stem: item and word position in it.
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(super) struct Posting {
    pub item: u32,
    pub pos: u32,
    pub cause: u32,
    /// Byte range of the word in the item's text (so highlighting needs no lookup).
    pub start: u32,
    pub end: u32,
    /// Stem of the next indexed word of the item (`NO_STEM` at the end), so two-word
    /// phrases are checked without a lookup.
    pub next: StemId,
    /// End of the next indexed word in the item's text.
    pub next_end: u32,
}

super::packed::packed_u32_struct!(Tok { stem, end });
super::packed::packed_u32_struct!(Posting {
    item,
    pos,
    cause,
    start,
    end,
    next,
    next_end
});

/// No stem: the end of an item.
pub(super) const NO_STEM: StemId = StemId::MAX;

/// A folded word form as it appears somewhere (KB or synonyms), for fuzzy and prefix lookup.
/// Its text and characters live in the lexicon's arenas.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct Surface {
    text: std::ops::Range<u32>,
    chars: std::ops::Range<u32>,
    pub stem: StemId,
    pub mask: u64,
}

impl super::packed::Packed for Surface {
    const SIZE: usize = 28;
    fn pack(&self, out: &mut Vec<u8>) {
        self.text.pack(out);
        self.chars.pack(out);
        self.stem.pack(out);
        out.extend_from_slice(&self.mask.to_le_bytes());
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        let mut mask = [0u8; 8];
        mask.copy_from_slice(&bytes[20..28]);
        Some(Surface {
            text: Packed::unpack(&bytes[0..8])?,
            chars: Packed::unpack(&bytes[8..16])?,
            stem: Packed::unpack(&bytes[16..20])?,
            mask: u64::from_le_bytes(mask),
        })
    }
}

impl super::packed::Packed for (std::ops::Range<u32>, StemId) {
    const SIZE: usize = 12;
    fn pack(&self, out: &mut Vec<u8>) {
        self.0.pack(out);
        self.1.pack(out);
    }
    fn unpack(bytes: &[u8]) -> Option<Self> {
        Some((
            Packed::unpack(&bytes[0..8])?,
            Packed::unpack(&bytes[8..12])?,
        ))
    }
}

/// Stems and surface forms of the KB and the synonyms.
///
/// Flat on purpose: a few large arrays (texts in arenas, groups as start offsets) rather than a
/// `String` or `Vec` per word, so that reading the pre-built index at start-up is a handful of
/// allocations, not thousands (README, "Start-up").
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Lexicon<'a> {
    /// Every stem's text, concatenated; `stems` lists (range, id) sorted by text.
    #[serde(borrow)]
    stem_text: Cow<'a, [u8]>,
    #[serde(borrow)]
    stems: PackedVec<'a, (std::ops::Range<u32>, StemId)>,
    /// Surface forms sorted by text; their texts and characters in two arenas.
    #[serde(borrow)]
    surfaces: PackedVec<'a, Surface>,
    #[serde(borrow)]
    surface_text: Cow<'a, [u8]>,
    /// Unpacked when read: the typo search compares them as `&[char]`.
    #[serde(with = "super::packed")]
    surface_chars: Vec<char>,
    /// Whether each stem occurs in the KB (synonym-only stems have no postings).
    #[serde(borrow)]
    in_kb: PackedVec<'a, bool>,
    /// Surface indices ordered by length in chars; `by_len_start[n]..by_len_start[n + 1]` are
    /// the surfaces of n chars.
    #[serde(borrow)]
    by_len: PackedVec<'a, u32>,
    #[serde(borrow)]
    by_len_start: PackedVec<'a, u32>,
}

impl Lexicon<'_> {
    pub(super) fn stem_id(&self, stem: &str) -> Option<StemId> {
        let text = |r: &std::ops::Range<u32>| &self.stem_text[r.start as usize..r.end as usize];
        let stem = stem.as_bytes();
        let i = self.stems.partition_point(|(r, _)| text(r) < stem);
        (i < self.stems.len())
            .then(|| self.stems.get(i))
            .filter(|(r, _)| text(r) == stem)
            .map(|(_, id)| id)
    }

    /// Whether the stem occurs in the KB (synonym-only stems have no postings).
    pub(super) fn in_kb(&self, stem: StemId) -> bool {
        self.in_kb.get(stem as usize)
    }

    pub(super) fn surfaces(&self) -> &PackedVec<'_, Surface> {
        &self.surfaces
    }

    /// The surface's UTF-8 text (compared as bytes: their order is the order of the chars).
    pub(super) fn surface_text(&self, s: &Surface) -> &[u8] {
        &self.surface_text[s.text.start as usize..s.text.end as usize]
    }

    pub(super) fn surface_chars(&self, s: &Surface) -> &[char] {
        &self.surface_chars[s.chars.start as usize..s.chars.end as usize]
    }

    /// The longest surface length in chars plus one (0 when empty).
    pub(super) fn len_bound(&self) -> usize {
        self.by_len_start.len().saturating_sub(1)
    }

    /// Surfaces of exactly `n` chars.
    pub(super) fn by_len(&self, n: usize) -> PackedVec<'_, u32> {
        if n + 1 < self.by_len_start.len() {
            let (a, b) = (self.by_len_start.get(n), self.by_len_start.get(n + 1));
            self.by_len.slice(a as usize..b as usize)
        } else {
            PackedVec::default()
        }
    }

    /// The flat lexicon from the builder's maps.
    fn from_parts(
        stem_ids: HashMap<String, StemId>,
        surfaces: Vec<(String, StemId)>,
        in_kb: &[bool],
    ) -> Self {
        let mut stem_text = String::new();
        let mut stems = Vec::with_capacity(stem_ids.len());
        let mut sorted: Vec<(String, StemId)> = stem_ids.into_iter().collect();
        sorted.sort_unstable();
        for (text, id) in sorted {
            let start = stem_text.len() as u32;
            stem_text.push_str(&text);
            stems.push((start..stem_text.len() as u32, id));
        }
        let mut surfaces = surfaces;
        surfaces.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut surface_text = String::new();
        let mut surface_chars = Vec::new();
        let mut flat = Vec::with_capacity(surfaces.len());
        for (text, stem) in surfaces {
            let start = surface_text.len() as u32;
            surface_text.push_str(&text);
            let chars_start = surface_chars.len() as u32;
            surface_chars.extend(text.chars());
            let chars = chars_start..surface_chars.len() as u32;
            let mask = char_mask(&surface_chars[chars.start as usize..chars.end as usize]);
            flat.push(Surface {
                text: start..surface_text.len() as u32,
                chars,
                stem,
                mask,
            });
        }
        let len_of = |s: &Surface| (s.chars.end - s.chars.start) as usize;
        let bound = flat.iter().map(len_of).max().map_or(0, |m| m + 1);
        let mut order: Vec<u32> = (0..flat.len() as u32).collect();
        order.sort_by_key(|&i| len_of(&flat[i as usize]));
        let by_len_start: Vec<u32> = (0..=bound)
            .map(|n| order.partition_point(|&i| len_of(&flat[i as usize]) < n) as u32)
            .collect();
        Lexicon {
            stem_text: stem_text.into_bytes().into(),
            stems: PackedVec::from_values(&stems),
            surfaces: PackedVec::from_values(&flat),
            surface_text: surface_text.into_bytes().into(),
            surface_chars,
            in_kb: PackedVec::from_values(in_kb),
            by_len: PackedVec::from_values(&order),
            by_len_start: PackedVec::from_values(&by_len_start),
        }
    }
}

/// The postings of every stem in one array: `list[start[s]..start[s + 1]]` are stem `s`'s.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Postings<'a> {
    #[serde(borrow)]
    start: PackedVec<'a, u32>,
    #[serde(borrow)]
    list: PackedVec<'a, Posting>,
}

impl Postings<'_> {
    /// The occurrences of `stem`, in item order.
    pub(super) fn of(&self, stem: StemId) -> PackedVec<'_, Posting> {
        let s = stem as usize;
        if s + 1 < self.start.len() {
            let (a, b) = (self.start.get(s), self.start.get(s + 1));
            self.list.slice(a as usize..b as usize)
        } else {
            PackedVec::default()
        }
    }

    fn from_lists(lists: Vec<Vec<Posting>>) -> Self {
        let mut start = Vec::with_capacity(lists.len() + 1);
        let mut list = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        start.push(0);
        for l in lists {
            list.extend(l);
            start.push(list.len() as u32);
        }
        Postings {
            start: PackedVec::from_values(&start),
            list: PackedVec::from_values(&list),
        }
    }
}

/// A synonym group with its terms as stem sequences.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct SynGroup {
    pub weight: f32,
    pub terms: Vec<Vec<StemId>>,
}

/// Per-cause data needed at query time.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct CauseInfo {
    pub stage: Stage,
    /// The trimesters the cause is placed in, from the KB's one membership rule (its weeks
    /// decide where it has them); every trimester for a cause of any or unstated time.
    pub in_trimesters: Vec<u8>,
    pub weeks: Option<WeekRange>,
    pub urgency: Urgency,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(super) struct Index<'a> {
    /// The texts of all items, concatenated.
    #[serde(borrow)]
    pub arena: Cow<'a, [u8]>,
    pub items: Vec<Item>,
    /// Field weight of each item (name > alias > distinguishing sign > … > treatment).
    #[serde(borrow)]
    pub item_weight: PackedVec<'a, f32>,
    #[serde(borrow)]
    pub toks: PackedVec<'a, Tok>,
    /// Postings per stem id (empty for synonym-only stems).
    #[serde(borrow)]
    pub postings: Postings<'a>,
    #[serde(borrow)]
    pub lexicon: Lexicon<'a>,
    pub syn_groups: Vec<SynGroup>,
    /// Synonym terms by their first stem: (group, term).
    pub syn_by_first: HashMap<StemId, Vec<(u32, u32)>>,
    pub causes: Vec<CauseInfo>,
    /// Cause indices in tree order.
    #[serde(borrow)]
    pub order: PackedVec<'a, u32>,
    /// Position of each cause when scores tie: most urgent first, then tree order.
    #[serde(borrow)]
    pub tie_rank: PackedVec<'a, u32>,
    /// Position of each cause in tree order.
    #[serde(borrow)]
    pub rank: PackedVec<'a, u32>,
    /// The findings vocabulary, compiled for reading queries.
    pub reader: Reader,
    /// Every item that names a finding: sorted by finding, then cause, strongest first.
    pub evidence: Vec<EvidenceRow>,
    /// Per finding: the net weight it gives each cause it concerns (see [`net_weights`]).
    pub net: Vec<Vec<(u32, f32)>>,
}

/// One item of a cause that names a finding: how much it counts (negative: against).
#[derive(Debug, Clone, Copy, serde::Serialize, serde::Deserialize)]
pub(super) struct EvidenceRow {
    pub finding: u16,
    pub cause: u32,
    pub item: u32,
    pub weight: f32,
    /// Bytes of the item's text that name the finding.
    pub start: u32,
    pub end: u32,
}

/// An implied finding ("severe pain" → pain) counts this much of the one named.
pub(super) const IMPLIED: f32 = 0.7;
/// Evidence against a finding's opposite counts this much for it ("os open is against
/// threatened miscarriage" → "os closed" is a little for it).
const OPPOSITE_OF_AGAINST: f32 = 0.5;

/// Field weights: how much a match in each kind of item counts.
pub(super) mod weights {
    pub(crate) const NAME: f32 = 3.0;
    pub(crate) const ALIAS: f32 = 2.6;
    pub(crate) const SIGN_KEY: f32 = 2.0;
    pub(crate) const SIGN: f32 = 1.5;
    pub(crate) const SUMMARY: f32 = 1.3;
    pub(crate) const RISK: f32 = 1.0;
    pub(crate) const DIAG_TEST: f32 = 0.7;
    pub(crate) const DIAG_FINDING: f32 = 0.8;
    pub(crate) const TREAT_CLASS: f32 = 0.7;
    pub(crate) const TREAT_EXAMPLE: f32 = 0.7;
    pub(crate) const TREAT_WHEN: f32 = 0.5;
    pub(crate) const NOTE: f32 = 0.8;
}

struct Builder {
    index: Index<'static>,
    /// The index's arrays while they grow (packed when the build ends).
    arena: String,
    toks: Vec<Tok>,
    item_weight: Vec<f32>,
    /// surface text → stem id, to dedupe surfaces.
    surface_seen: HashMap<String, StemId>,
    /// Stem text → id; surfaces (folded form, stem); whether each stem is in the KB; postings
    /// per stem. Flattened into the index's `Lexicon` and `Postings` when the build ends.
    stem_ids: HashMap<String, StemId>,
    surfaces: Vec<(String, StemId)>,
    in_kb: Vec<bool>,
    postings: Vec<Vec<Posting>>,
    /// Raw word as written → its stem (`None` for a stopword), so each distinct word is
    /// folded and stemmed once.
    raw_seen: HashMap<String, Option<StemId>>,
    evidence: Vec<EvidenceRow>,
}

impl Builder {
    fn stem_id(&mut self, folded: &str, from_kb: bool) -> StemId {
        if let Some(&id) = self.surface_seen.get(folded) {
            if from_kb {
                self.in_kb[id as usize] = true;
            }
            return id;
        }
        let st = stem(folded);
        let id = if let Some(&id) = self.stem_ids.get(&st) {
            id
        } else {
            let id = self.in_kb.len() as StemId;
            self.stem_ids.insert(st, id);
            self.in_kb.push(false);
            self.postings.push(Vec::new());
            id
        };
        if from_kb {
            self.in_kb[id as usize] = true;
        }
        self.surfaces.push((folded.to_string(), id));
        self.surface_seen.insert(folded.to_string(), id);
        id
    }

    /// Appends one token of the item being added; the previous token's posting (the last one
    /// of its stem) learns its successor.
    fn push_token(
        &mut self,
        id: StemId,
        item: u32,
        pos: u32,
        cause: usize,
        range: std::ops::Range<usize>,
    ) {
        if pos > 0 {
            let prev_stem = self.toks[self.toks.len() - 1].stem as usize;
            if let Some(p) = self.postings[prev_stem].last_mut() {
                p.next = id;
                p.next_end = range.end as u32;
            }
        }
        self.toks.push(Tok {
            stem: id,
            end: range.end as u32,
        });
        self.postings[id as usize].push(Posting {
            item,
            pos,
            cause: cause as u32,
            start: range.start as u32,
            end: range.end as u32,
            next: NO_STEM,
            next_end: 0,
        });
    }

    fn add_item(
        &mut self,
        cause: usize,
        field: Field,
        part: Part,
        index: usize,
        weight: f32,
        text: &str,
    ) {
        if text.trim().is_empty() {
            return;
        }
        let item_id = self.index.items.len() as u32;
        let start = self.toks.len() as u32;
        let mut pos = 0u32;
        let mut negated = false;
        for range in word_ranges(text) {
            let raw = &text[range.clone()];
            // "without pain", "no pain": the KB's own negation, indexed as "painless" so that
            // a query for pain does not find it and one for painless (or "without pain") does.
            if std::mem::take(&mut negated) && NEGATED_AS_LESS.contains(&fold(raw).as_str()) {
                let id = self.stem_id("painless", true);
                self.push_token(id, item_id, pos, cause, range.clone());
                pos += 1;
                continue;
            }
            if NEGATIONS.iter().any(|n| raw.eq_ignore_ascii_case(n)) {
                negated = true;
            }
            let id = if let Some(&id) = self.raw_seen.get(raw) {
                id
            } else {
                let folded = fold(raw);
                let id = (!folded.is_empty() && !is_stopword(&folded))
                    .then(|| self.stem_id(&folded, true));
                self.raw_seen.insert(raw.to_string(), id);
                id
            };
            let Some(id) = id else {
                continue;
            };
            self.push_token(id, item_id, pos, cause, range);
            pos += 1;
        }
        let end = self.toks.len() as u32;
        self.item_weight.push(weight);
        let a = self.arena.len() as u32;
        self.arena.push_str(text);
        self.index.items.push(Item {
            text: a..self.arena.len() as u32,
            toks: start..end,
            index: index as u32,
            field,
            part,
        });
    }
}

impl Builder {
    /// The evidence one item gives: every finding it names counts towards its cause with the
    /// item's strength, unless a hand-written entry quoting the item says otherwise.
    fn derive(
        &mut self,
        reader: &Reader,
        rules: &[&super::findings::EvidenceDef],
        cause: usize,
        item: u32,
        strength: Strength,
        text: &str,
    ) {
        let is_name = matches!(
            self.index.items[item as usize].field,
            Field::Name | Field::Alias
        );
        let applies = |r: &&&super::findings::EvidenceDef| text.contains(&r.quote);
        let mut rows: Vec<EvidenceRow> = Vec::new();
        let push = |rows: &mut Vec<EvidenceRow>,
                    finding: u16,
                    weight: f32,
                    range: &std::ops::Range<usize>| {
            rows.push(EvidenceRow {
                finding,
                cause: cause as u32,
                item,
                weight,
                start: range.start as u32,
                end: range.end as u32,
            });
        };
        for found in reader.read(text) {
            let info = &reader.findings[found.finding as usize];
            let finding = if found.present {
                found.finding
            } else if let Some(o) = info.opposite {
                o
            } else {
                continue;
            };
            let info = &reader.findings[finding as usize];
            if is_name && matches!(info.kind, FindingKind::History | FindingKind::StageCue) {
                continue;
            }
            let rule = rules
                .iter()
                .filter(applies)
                .find(|r| r.finding.as_ref().is_none_or(|f| *f == info.id));
            let (direction, strength) = match rule {
                Some(r) => (r.direction, r.strength.unwrap_or(strength)),
                None => (Direction::Towards, strength),
            };
            let sign = match direction {
                Direction::Towards => 1.0,
                Direction::Against => -1.0,
                Direction::Ignore => continue,
            };
            push(&mut rows, finding, sign * strength.weight(), &found.range);
            if direction == Direction::Towards {
                for &i in &info.implies {
                    push(&mut rows, i, IMPLIED * strength.weight(), &found.range);
                }
            }
        }
        // Hand-written entries that name a finding the item's words do not.
        for r in rules.iter().filter(applies) {
            let Some(f) = &r.finding else { continue };
            let Some(fi) = reader.findings.iter().position(|x| &x.id == f) else {
                continue;
            };
            let fi = fi as u16;
            if r.direction == Direction::Ignore || rows.iter().any(|e| e.finding == fi) {
                continue;
            }
            let sign = if r.direction == Direction::Towards {
                1.0
            } else {
                -1.0
            };
            let at = text.find(&r.quote).unwrap_or(0);
            push(
                &mut rows,
                fi,
                sign * r.strength.unwrap_or(strength).weight(),
                &(at..at + r.quote.len()),
            );
        }
        self.evidence.extend(rows);
    }
}

/// The net weight of each finding for each cause: the strongest item towards it, less the
/// strongest against it, less the strongest towards its opposite (painless bleeding is a
/// distinguishing sign of praevia, so pain counts against praevia), plus a little where its
/// opposite is evidence against. Summed over a query's findings, so more findings sharpen.
/// A finding and its opposite can never both be positive for a cause, so negating a finding
/// that points to a cause never raises it.
pub(super) fn net_weights(
    reader: &Reader,
    rows: &[EvidenceRow],
    n_causes: usize,
) -> Vec<Vec<(u32, f32)>> {
    let mut towards: HashMap<(u16, u32), f32> = HashMap::new();
    let mut against: HashMap<(u16, u32), f32> = HashMap::new();
    for r in rows {
        let map = if r.weight >= 0.0 {
            &mut towards
        } else {
            &mut against
        };
        let e = map.entry((r.finding, r.cause)).or_insert(0.0);
        *e = e.max(r.weight.abs());
    }
    let mut causes: Vec<(u16, u32)> = towards.keys().chain(against.keys()).copied().collect();
    for &(f, c) in &causes.clone() {
        if let Some(o) = reader.findings[f as usize].opposite {
            causes.push((o, c));
        }
    }
    causes.sort_unstable();
    causes.dedup();
    let mut net = vec![Vec::new(); reader.len()];
    let get = |m: &HashMap<(u16, u32), f32>, f: u16, c: u32| m.get(&(f, c)).copied().unwrap_or(0.0);
    for (f, c) in causes {
        let mut w = get(&towards, f, c) - get(&against, f, c);
        if let Some(o) = reader.findings[f as usize].opposite {
            w += OPPOSITE_OF_AGAINST * get(&against, o, c) - get(&towards, o, c);
        }
        if w != 0.0 {
            net[f as usize].push((c, w));
        }
    }
    // A finding many causes share ("pain", "spotting") tells them apart little: its weight for
    // them is scaled by its specificity, like a word's idf (evidence against is kept whole).
    let n = n_causes as f32 + 1.0;
    for list in &mut net {
        let df = list.iter().filter(|e| e.1 > 0.0).count() as f32;
        let specificity = ((n / (df + 0.5)).ln() / (n / 1.5).ln()).clamp(MIN_SPECIFICITY, 1.0);
        for e in list.iter_mut().filter(|e| e.1 > 0.0) {
            e.1 *= specificity;
        }
    }
    net
}

/// The least a shared finding's weight is scaled to.
const MIN_SPECIFICITY: f32 = 0.35;

/// Words that negate the word after them in KB text.
const NEGATIONS: [&str; 3] = ["without", "no", "not"];
/// Negated words indexed as "painless" ("without pain", "not painful").
const NEGATED_AS_LESS: [&str; 2] = ["pain", "painful"];

/// Stems of a phrase, stopwords dropped.
fn phrase_stems(b: &mut Builder, text: &str) -> Vec<StemId> {
    words(text)
        .into_iter()
        .filter(|w| !is_stopword(&w.folded))
        .map(|w| b.stem_id(&w.folded, false))
        .collect()
}

impl Index<'_> {
    /// The net weight `finding` gives `cause`, if any: a binary search, as `net` lists each
    /// finding's causes in order (a linear scan cost 10,000 steps a look-up at 10,000 causes).
    pub(super) fn net_of(&self, finding: usize, cause: u32) -> Option<f32> {
        let list = &self.net[finding];
        list.binary_search_by_key(&cause, |e| e.0)
            .ok()
            .map(|i| list[i].1)
    }

    /// The evidence rows of `finding` for `cause`, strongest first: the run of `evidence`
    /// (sorted by finding, then cause) found by binary search.
    pub(super) fn evidence_of(&self, finding: u16, cause: u32) -> &[EvidenceRow] {
        let key = (finding, cause);
        let from = self
            .evidence
            .partition_point(|r| (r.finding, r.cause) < key);
        let to = from + self.evidence[from..].partition_point(|r| (r.finding, r.cause) == key);
        &self.evidence[from..to]
    }

    /// The text of an item. The texts are kept as bytes, not checked as UTF-8 when the
    /// embedded index is read; they were built from strings, so nothing is ever replaced.
    pub(super) fn text(&self, item: &Item) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.arena[item.text.start as usize..item.text.end as usize])
    }

    pub(super) fn build(
        kb: &KnowledgeBase,
        synonyms: &Synonyms,
        notes: &[NoteText],
        vocab: &Vocabulary,
    ) -> Index<'static> {
        use weights::{
            ALIAS, DIAG_FINDING, DIAG_TEST, NAME, NOTE, RISK, SIGN, SIGN_KEY, SUMMARY, TREAT_CLASS,
            TREAT_EXAMPLE, TREAT_WHEN,
        };
        let reader = Reader::compile(vocab);
        let mut b = Builder {
            index: Index::default(),
            arena: String::new(),
            toks: Vec::new(),
            item_weight: Vec::new(),
            surface_seen: HashMap::new(),
            stem_ids: HashMap::new(),
            surfaces: Vec::new(),
            in_kb: Vec::new(),
            postings: Vec::new(),
            raw_seen: HashMap::new(),
            evidence: Vec::new(),
        };
        for (ci, c) in kb.causes.iter().enumerate() {
            let rules: Vec<_> = vocab.evidence.iter().filter(|e| e.cause == c.id).collect();
            let derive = |b: &mut Builder, strength: Option<Strength>, text: &str| {
                if let Some(strength) = strength {
                    let item = b.index.items.len() as u32 - 1;
                    b.derive(&reader, &rules, ci, item, strength, text);
                }
            };
            // Names and aliases name what the cause is (a sign, a symptom, a test result), not
            // its history or stage: "preterm labour" is no evidence that labour means preterm birth.
            b.add_item(ci, Field::Name, Part::Text, 0, NAME, &c.name);
            derive(&mut b, Some(Strength::Key), &c.name);
            for (i, a) in c.aliases.iter().enumerate() {
                b.add_item(ci, Field::Alias, Part::Text, i, ALIAS, a);
                derive(&mut b, Some(Strength::Key), a);
            }
            b.add_item(ci, Field::Summary, Part::Text, 0, SUMMARY, &c.summary);
            derive(&mut b, Some(Strength::Typical), &c.summary);
            for (i, s) in c.signs.iter().enumerate() {
                let (w, strength) = if s.red_flag || s.distinguishing {
                    (SIGN_KEY, Strength::Key)
                } else {
                    (SIGN, Strength::Typical)
                };
                b.add_item(ci, Field::Sign, Part::Text, i, w, &s.text);
                derive(&mut b, Some(strength), &s.text);
            }
            for (i, r) in c.risk_factors.iter().enumerate() {
                b.add_item(ci, Field::RiskFactor, Part::Text, i, RISK, &r.text);
                derive(&mut b, Some(Strength::RiskFactor), &r.text);
            }
            for (i, d) in c.diagnostics.iter().enumerate() {
                b.add_item(ci, Field::Diagnostic, Part::Test, i, DIAG_TEST, &d.test);
                b.add_item(
                    ci,
                    Field::Diagnostic,
                    Part::Finding,
                    i,
                    DIAG_FINDING,
                    &d.finding,
                );
                derive(&mut b, Some(Strength::Typical), &d.finding);
            }
            for (i, n) in notes.iter().filter(|n| n.cause == ci).enumerate() {
                let field = if n.local {
                    Field::Local
                } else {
                    Field::GuidelineNote
                };
                b.add_item(ci, field, Part::Text, i, NOTE, &n.text);
                derive(&mut b, Some(Strength::Typical), &n.text);
            }
            for (i, t) in c.treatments.iter().enumerate() {
                b.add_item(ci, Field::Treatment, Part::Class, i, TREAT_CLASS, &t.class);
                for (e, ex) in t.examples.iter().enumerate() {
                    b.add_item(ci, Field::Treatment, Part::Example(e), i, TREAT_EXAMPLE, ex);
                }
                if let Some(when) = &t.when {
                    b.add_item(ci, Field::Treatment, Part::When, i, TREAT_WHEN, when);
                }
            }
        }
        for g in &synonyms.groups {
            let gi = b.index.syn_groups.len() as u32;
            let mut terms: Vec<Vec<StemId>> = Vec::new();
            for t in &g.terms {
                let st = phrase_stems(&mut b, t);
                if !st.is_empty() && !terms.contains(&st) {
                    terms.push(st);
                }
            }
            for (ti, t) in terms.iter().enumerate() {
                b.index
                    .syn_by_first
                    .entry(t[0])
                    .or_default()
                    .push((gi, ti as u32));
            }
            b.index.syn_groups.push(SynGroup {
                weight: g.weight,
                terms,
            });
        }
        let mut index = b.index;
        let mut evidence = b.evidence;
        evidence.sort_by(|a, b| {
            (a.finding, a.cause)
                .cmp(&(b.finding, b.cause))
                .then(b.weight.abs().total_cmp(&a.weight.abs()))
        });
        index.net = net_weights(&reader, &evidence, kb.causes.len());
        index.evidence = evidence;
        index.reader = reader;
        index.arena = b.arena.into_bytes().into();
        index.toks = PackedVec::from_values(&b.toks);
        index.item_weight = PackedVec::from_values(&b.item_weight);
        index.lexicon = Lexicon::from_parts(b.stem_ids, b.surfaces, &b.in_kb);
        index.postings = Postings::from_lists(b.postings);
        let order = kb.tree_order();
        let mut rank = vec![0u32; kb.causes.len()];
        for (r, &ci) in order.iter().enumerate() {
            rank[ci] = r as u32;
        }
        index.causes = kb
            .causes
            .iter()
            .map(|c| CauseInfo {
                stage: c.stage.clone(),
                in_trimesters: kb
                    .trimesters
                    .iter()
                    .map(|t| t.number)
                    .filter(|&t| c.in_trimester(&kb.trimesters, t))
                    .collect(),
                weeks: c.weeks,
                urgency: c.urgency,
            })
            .collect();
        // Equal scores: the more urgent cause first, then tree order, so an exact tie never
        // puts a routine cause above an emergency.
        let mut by_urgency: Vec<usize> = (0..kb.causes.len()).collect();
        by_urgency.sort_by_key(|&c| (kb.causes[c].urgency, rank[c]));
        let mut tie_rank = vec![0u32; kb.causes.len()];
        for (r, &c) in by_urgency.iter().enumerate() {
            tie_rank[c] = r as u32;
        }
        index.tie_rank = PackedVec::from_values(&tie_rank);
        index.rank = PackedVec::from_values(&rank);
        let order: Vec<u32> = order.into_iter().map(|i| i as u32).collect();
        index.order = PackedVec::from_values(&order);
        index
    }
}
