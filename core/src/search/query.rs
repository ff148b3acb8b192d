//! From query text to *concepts*: each concept is one thing the user asked about (a word
//! or a synonym phrase) with the alternative stem sequences that count as a match for it.

use super::findings::Found;
use super::fuzzy::{char_mask, max_edits, may_be_within, osa_within};
use super::index::{Index, StemId};
use super::model::Field;
use super::normalize::{Word, is_stopword, stem, words};
use super::stage;
use crate::kb::GuidelineStage;

/// Weight of a match through a prefix of the word being typed.
pub(super) const PREFIX_WEIGHT: f32 = 0.8;
/// Weight of a match one / two edits away.
pub(super) const FUZZY1_WEIGHT: f32 = 0.75;
pub(super) const FUZZY2_WEIGHT: f32 = 0.55;
/// Extra factor for a match through a synonym rather than the literal word.
pub(super) const SYNONYM_FACTOR: f32 = 0.9;
/// Weight of a match on the words of a stage expression.
pub(super) const STAGE_WORDS_WEIGHT: f32 = 0.5;
/// At most this many stems are taken for one prefix or typo.
const MAX_EXPANSIONS: usize = 48;
/// At most this many words of a query are matched (the rest is ignored).
pub(super) const MAX_QUERY_WORDS: usize = 32;

/// One way to match a concept: a sequence of stems that must be adjacent in an item.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Alt {
    pub stems: Vec<StemId>,
    pub weight: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Concept {
    pub alts: Vec<Alt>,
    /// Adds to the score where it matches but is not required: the words of a stage
    /// ("late pregnancy", "6-7 weeks"), which the KB sometimes repeats in a sign.
    pub optional: bool,
    /// Words a finding was read from: matched only against names and aliases (so "fetal
    /// death" still finds the cause of that name), as an optional concept — the finding's
    /// evidence, not its words, ranks the causes.
    pub names_only: bool,
}

impl Concept {
    fn add(&mut self, stems: &[StemId], weight: f32) {
        if let Some(a) = self.alts.iter_mut().find(|a| a.stems == stems) {
            a.weight = a.weight.max(weight);
        } else {
            self.alts.push(Alt {
                stems: stems.to_vec(),
                weight,
            });
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct ParsedQuery {
    pub concepts: Vec<Concept>,
    /// Content words that matched nothing in the KB (single letters are not counted).
    pub unmatched: usize,
    pub week: Option<u8>,
    pub days: Option<u8>,
    /// The field the query asks about ("smear test", "hCG level" → diagnostics; "drug",
    /// "surgery" → treatments), whose items then count for more.
    pub intent: Option<Field>,
    pub trimester: Option<u8>,
    /// The findings read in the text (each finding once, the first time it is named).
    pub findings: Vec<Found>,
    /// The stage the first stage-cue finding points to.
    pub cue: Option<GuidelineStage>,
}

/// Candidate stems for one query word, with weights.
pub(super) fn candidates(index: &Index, w: &Word, prefix: bool) -> Vec<(StemId, f32)> {
    let lex = &index.lexicon;
    if let Some(id) = lex.stem_id(&stem(&w.folded)) {
        return vec![(id, 1.0)];
    }
    let mut out: Vec<(StemId, f32)> = Vec::new();
    let push = |out: &mut Vec<(StemId, f32)>, id: StemId, wt: f32| {
        if let Some(e) = out.iter_mut().find(|e| e.0 == id) {
            e.1 = e.1.max(wt);
        } else if out.len() < MAX_EXPANSIONS {
            out.push((id, wt));
        }
    };
    let chars: Vec<char> = w.folded.chars().collect();
    if prefix && chars.len() >= 2 {
        let surfaces = lex.surfaces();
        let from = surfaces.partition_point(|s| lex.surface_text(s) < w.folded.as_bytes());
        for s in surfaces
            .slice(from..surfaces.len())
            .iter()
            .take_while(|s| lex.surface_text(s).starts_with(w.folded.as_bytes()))
        {
            push(&mut out, s.stem, PREFIX_WEIGHT);
        }
    }
    let k = max_edits(chars.len());
    if k > 0 && !chars.iter().all(char::is_ascii_digit) {
        let mask = char_mask(&chars);
        let mut rows = Default::default();
        let mut best: Vec<(StemId, usize)> = Vec::new();
        let lo = chars.len().saturating_sub(k);
        let hi = (chars.len() + k).min(lex.len_bound().saturating_sub(1));
        for n in lo..=hi {
            for si in lex.by_len(n).iter() {
                let s = &lex.surfaces().get(si as usize);
                if !may_be_within(chars.len(), mask, n, s.mask, k) {
                    continue;
                }
                if let Some(d) = osa_within(&chars, lex.surface_chars(s), k, &mut rows) {
                    best.push((s.stem, d));
                }
            }
        }
        if let Some(dmin) = best.iter().map(|b| b.1).min() {
            let wt = if dmin <= 1 {
                FUZZY1_WEIGHT
            } else {
                FUZZY2_WEIGHT
            };
            for (id, d) in best {
                if d == dmin {
                    push(&mut out, id, wt);
                }
            }
        }
    }
    out
}

/// Words that say the query is about a test or about a treatment.
const TEST_WORDS: [&str; 16] = [
    "test",
    "tests",
    "level",
    "levels",
    "scan",
    "scans",
    "smear",
    "swab",
    "uss",
    "tvus",
    "tvs",
    "ctg",
    "investigation",
    "investigations",
    "diagnosis",
    "diagnostic",
];
const TREATMENT_WORDS: [&str; 12] = [
    "treatment",
    "treat",
    "drug",
    "drugs",
    "medication",
    "medicine",
    "therapy",
    "surgery",
    "operation",
    "dose",
    "procedure",
    "procedures",
];

/// The field a query asks about, from its words (tests win when both occur).
fn intent(all: &[Word], consumed: &[bool]) -> Option<Field> {
    let has = |set: &[&str]| {
        all.iter()
            .zip(consumed)
            .any(|(w, &c)| !c && set.contains(&w.folded.as_str()))
    };
    if has(&TEST_WORDS) {
        Some(Field::Diagnostic)
    } else if has(&TREATMENT_WORDS) {
        Some(Field::Treatment)
    } else {
        None
    }
}

/// Words that negate the content word after them.
fn is_negation(folded: &str) -> bool {
    matches!(folded, "no" | "not" | "without" | "non" | "never")
}

/// The words to match, with their index among all words: stage words and stopwords
/// dropped. A negated word whose "-less" form the KB knows is replaced by it ("without
/// pain", "no pain", "not painful" → "painless"); other negations are not understood and
/// the word is searched for as written.
fn content_words(index: &Index, all: &[Word], consumed: &[bool]) -> Vec<(usize, Word)> {
    let mut out = Vec::new();
    let mut negate = false;
    for (i, w) in all.iter().enumerate() {
        if out.len() == MAX_QUERY_WORDS {
            break;
        }
        if consumed[i] {
            negate = false;
            continue;
        }
        if is_negation(&w.folded) {
            negate = true;
            continue;
        }
        if is_stopword(&w.folded) {
            continue;
        }
        if std::mem::take(&mut negate) {
            let less = format!("{}less", stem(&w.folded));
            if index
                .lexicon
                .stem_id(&stem(&less))
                .is_some_and(|id| index.lexicon.in_kb(id))
            {
                out.push((
                    i,
                    Word {
                        range: w.range.clone(),
                        folded: less,
                    },
                ));
                continue;
            }
        }
        out.push((i, w.clone()));
    }
    out
}

/// Parses query text: finds the stage, drops stage words and stopwords, resolves words to
/// stems (exact, prefix for the word being typed, typo) and groups them into concepts,
/// expanding synonyms.
pub(super) fn parse(index: &Index, text: &str) -> ParsedQuery {
    let all = words(text);
    let st = stage::find(&all, text);
    let typing = !text.ends_with(|c: char| !c.is_alphanumeric());
    let last = all.len().checked_sub(1);
    // Findings are read first; their words (and negations) are not matched again as words.
    let mut consumed = st.consumed.clone();
    let mut findings: Vec<Found> = Vec::new();
    for f in index.reader.read(text) {
        if f.words
            .iter()
            .any(|&w| st.consumed.get(w).copied().unwrap_or(false))
        {
            continue;
        }
        for &w in &f.words {
            if let Some(c) = consumed.get_mut(w) {
                *c = true;
            }
        }
        if !findings.iter().any(|g| g.finding == f.finding) {
            findings.push(f);
        }
    }
    let cue = findings
        .iter()
        .filter(|f| f.present)
        .find_map(|f| index.reader.findings[f.finding as usize].stage_cue);
    // The words of present findings may still match a name; those of negated ones are dropped.
    let mut of_finding = vec![false; all.len()];
    let mut dropped = st.consumed.clone();
    for f in &findings {
        for &w in &f.words {
            if f.present {
                of_finding[w] = true;
            } else {
                dropped[w] = true;
            }
        }
    }
    let kept = content_words(index, &all, &dropped);
    let cands: Vec<Vec<(StemId, f32)>> = kept
        .iter()
        .map(|(i, w)| candidates(index, w, typing && Some(*i) == last))
        .collect();

    let mut concepts = Vec::new();
    let mut unmatched = 0;
    let mut i = 0;
    while i < cands.len() {
        // Longest synonym phrase (≥ 2 words) starting here, in every group that has it.
        let mut best_len = 0;
        let mut found: Vec<(u32, f32)> = Vec::new(); // (group, weight) for phrases of best_len
        for &(first, w0) in &cands[i] {
            let Some(terms) = index.syn_by_first.get(&first) else {
                continue;
            };
            for &(g, t) in terms {
                let term = &index.syn_groups[g as usize].terms[t as usize];
                let n = term.len();
                if n < 2 || i + n > cands.len() || n < best_len {
                    continue;
                }
                let mut wt = w0;
                let ok = term[1..].iter().zip(&cands[i + 1..i + n]).all(|(s, c)| {
                    c.iter()
                        .find(|x| x.0 == *s)
                        .map(|x| wt = wt.min(x.1))
                        .is_some()
                });
                if ok {
                    if n > best_len {
                        best_len = n;
                        found.clear();
                    }
                    found.push((g, wt));
                }
            }
        }
        let mut concept = Concept::default();
        if best_len > 0 {
            let n = best_len;
            // The phrase as typed, then the groups' other terms.
            let typed: Vec<StemId> = (0..n)
                .map(|k| {
                    cands[i + k]
                        .iter()
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                        .map_or(0, |c| c.0)
                })
                .collect();
            let wt_typed = found.iter().map(|f| f.1).fold(0.0, f32::max);
            concept.add(&typed, wt_typed);
            for &(g, wt) in &found {
                let group = &index.syn_groups[g as usize];
                for term in &group.terms {
                    concept.add(term, wt * group.weight * SYNONYM_FACTOR);
                }
            }
            i += n;
        } else {
            for &(id, wt) in &cands[i] {
                concept.add(&[id], wt);
                if let Some(terms) = index.syn_by_first.get(&id) {
                    for &(g, t) in terms {
                        let group = &index.syn_groups[g as usize];
                        if group.terms[t as usize].len() != 1 {
                            continue;
                        }
                        for term in &group.terms {
                            concept.add(term, wt * group.weight * SYNONYM_FACTOR);
                        }
                    }
                }
            }
            i += 1;
        }
        concept
            .alts
            .retain(|a| a.stems.iter().all(|&s| index.lexicon.in_kb(s)));
        if of_finding[kept[i - 1].0] {
            // Only the words as typed: a synonym of a finding's word ("belly" → abdominal)
            // must not make a name match ("abdominal pregnancy").
            concept.alts.retain(|a| a.weight >= 1.0);
            concept.names_only = true;
            concept.optional = true;
        }
        if !concept.alts.is_empty() {
            concepts.push(concept);
        } else if kept[i - 1].1.folded.chars().count() > 1 && !concept.names_only {
            unmatched += 1;
        }
    }
    // The stage's own words, as optional phrases.
    for span in &st.spans {
        let stems: Option<Vec<StemId>> = all[span.clone()]
            .iter()
            .filter(|w| !is_stopword(&w.folded))
            .map(|w| {
                index
                    .lexicon
                    .stem_id(&stem(&w.folded))
                    .filter(|&s| index.lexicon.in_kb(s))
            })
            .collect();
        if let Some(stems) = stems.filter(|s| !s.is_empty()) {
            concepts.push(Concept {
                alts: vec![Alt {
                    stems,
                    weight: STAGE_WORDS_WEIGHT,
                }],
                optional: true,
                names_only: false,
            });
        }
    }
    ParsedQuery {
        concepts,
        unmatched,
        week: st.week,
        days: st.days,
        intent: intent(&all, &consumed),
        trimester: st.trimester,
        findings,
        cue,
    }
}
