//! Checks a parsed KB for what serde cannot: unique ids, references that resolve, sane stages,
//! and a source on every item that points inside its document.

use std::collections::{HashMap, HashSet};

use super::error::{KbError, MAX_SHOWN_PROBLEMS, Problem};
use super::model::{Cite, KnowledgeBase, Urgency, UrgencyBasis, WeekRange};
use super::position::{Anchor, Locator};
use super::validate_text::unsafe_characters;
use crate::safe_text::escape_all;

/// The latest gestational week: what a KB may mention, what the gestation entry, the CLI's week
/// options and the search accept (the one home of the week limit).
pub const MAX_WEEK: u8 = 45;

/// How a kind of cited item is named in the file and in messages.
struct ItemKind {
    /// The cause's field holding these items.
    field: &'static str,
    label: &'static str,
    /// Which of the item's texts must not be empty, when it has several ("'s test").
    part: &'static str,
}

const SIGN: ItemKind = ItemKind {
    field: "signs",
    label: "sign",
    part: "",
};
const RISK_FACTOR: ItemKind = ItemKind {
    field: "risk_factors",
    label: "risk factor",
    part: "",
};
const DIAGNOSTIC: ItemKind = ItemKind {
    field: "diagnostics",
    label: "diagnostic",
    part: "'s test",
};
const TREATMENT: ItemKind = ItemKind {
    field: "treatments",
    label: "treatment",
    part: "'s class",
};

struct Checker<'a> {
    kb: &'a KnowledgeBase,
    locator: Locator<'a>,
    found: Vec<(usize, String)>,
}

impl Checker<'_> {
    fn problem(&mut self, anchors: &[Anchor<'_>], message: String) {
        let at = self.locator.locate(anchors).unwrap_or(0);
        self.found.push((at, message));
    }

    fn non_empty(&mut self, value: &str, anchors: &[Anchor<'_>], what: &str) {
        if value.trim().is_empty() {
            self.problem(anchors, format!("{what} is empty"));
        }
    }

    fn week_range(&mut self, weeks: &WeekRange, anchors: &[Anchor<'_>], what: &str) {
        if weeks.from > weeks.to || weeks.to > MAX_WEEK {
            self.problem(
                anchors,
                format!(
                    "{what}: week range {}–{} is not sane (need from ≤ to ≤ {MAX_WEEK})",
                    weeks.from, weeks.to
                ),
            );
        }
    }

    /// One cited item of a cause: its text must not be empty and it must cite a source that
    /// exists.
    fn item(
        &mut self,
        cause: Anchor<'_>,
        kind: &ItemKind,
        text: &str,
        sources: &[Cite],
        what: &str,
    ) {
        let at = [cause, Anchor::Field(kind.field), Anchor::Quoted(text)];
        self.non_empty(text, &at, &format!("{what}: a {}{}", kind.label, kind.part));
        self.cites(sources, &at, &format!("{what}: {} \"{text}\"", kind.label));
    }

    fn cites(&mut self, cites: &[Cite], anchors: &[Anchor<'_>], what: &str) {
        if cites.is_empty() {
            let mut chain = anchors.to_vec();
            chain.push(Anchor::Field("sources"));
            self.problem(
                &chain,
                format!("{what} has no source; cite (doc: \"…\", para: [N])"),
            );
        }
        for cite in cites {
            let mut chain = anchors.to_vec();
            chain.push(Anchor::Field("sources"));
            match self.kb.document(&cite.doc) {
                None => {
                    chain.push(Anchor::Quoted(&cite.doc));
                    let known: Vec<&str> =
                        self.kb.documents.iter().map(|d| d.id.as_str()).collect();
                    self.problem(
                        &chain,
                        format!(
                            "{what} cites unknown document `{}`; known: {}",
                            cite.doc,
                            known.join(", ")
                        ),
                    );
                }
                Some(doc) => {
                    chain.push(Anchor::Quoted(&cite.doc));
                    if cite.para.is_empty() {
                        self.problem(
                            &chain,
                            format!("{what} cites `{}` without a paragraph", cite.doc),
                        );
                    }
                    let mut cited = HashSet::new();
                    for &p in &cite.para {
                        if !cited.insert(p) {
                            let mut at = chain.clone();
                            at.push(Anchor::Number(u64::from(p)));
                            self.problem(
                                &at,
                                format!(
                                    "{what} cites paragraph {p} of `{}` more than once in one citation",
                                    doc.id
                                ),
                            );
                        }
                        if p == 0 || p > doc.paragraphs {
                            let mut at = chain.clone();
                            at.push(Anchor::Number(u64::from(p)));
                            self.problem(
                                &at,
                                format!(
                                    "{what} cites paragraph {p} of `{}`, which has paragraphs 1–{}",
                                    doc.id, doc.paragraphs
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
}

/// Validates `kb` parsed from `text`; every problem is reported, located in `text`.
pub(super) fn validate(name: &str, text: &str, kb: &KnowledgeBase) -> Result<(), KbError> {
    let mut c = Checker {
        kb,
        locator: Locator::new(text),
        found: Vec::new(),
    };

    // No control or bidirectional character in any text value or id.
    c.found.extend(unsafe_characters(text));

    c.non_empty(&kb.meta.title, &[Anchor::Field("title")], "meta.title");
    c.non_empty(
        &kb.meta.version,
        &[Anchor::Field("version")],
        "meta.version",
    );
    c.non_empty(
        &kb.meta.disclaimer,
        &[Anchor::Field("disclaimer")],
        "meta.disclaimer",
    );
    if !is_iso_date(&kb.meta.updated) {
        c.problem(
            &[Anchor::Field("updated")],
            format!(
                "meta.updated `{}` is not a real date written like 2026-11-21",
                kb.meta.updated
            ),
        );
    }

    check_unique(
        &mut c,
        kb.documents.iter().map(|d| d.id.as_str()),
        "document",
    );
    for d in &kb.documents {
        if d.paragraphs == 0 {
            c.problem(
                &[Anchor::Id(&d.id, 0), Anchor::Field("paragraphs")],
                format!("document `{}` has 0 paragraphs", d.id),
            );
        }
    }

    let mut seen_trimesters = HashSet::new();
    for t in &kb.trimesters {
        let at = [
            Anchor::Field("trimesters"),
            Anchor::Field("number"),
            Anchor::Number(t.number.into()),
        ];
        if !(1..=3).contains(&t.number) {
            c.problem(
                &at,
                format!("trimester number {} is not 1, 2 or 3", t.number),
            );
        } else if !seen_trimesters.insert(t.number) {
            c.problem(&at, format!("trimester {} is defined twice", t.number));
        }
        c.week_range(&t.weeks, &at, &format!("trimester {}", t.number));
    }
    check_trimester_cover(&mut c);

    for note in &kb.guidance {
        let at = [Anchor::Field("guidance"), Anchor::Quoted(&note.text)];
        c.non_empty(&note.text, &at, "a guidance note");
        c.cites(&note.sources, &at, &format!("guidance \"{}\"", note.text));
    }

    check_unique(&mut c, kb.groups.iter().map(|g| g.id.as_str()), "group");
    check_unique(&mut c, kb.causes.iter().map(|x| x.id.as_str()), "cause");
    if kb.causes.is_empty() {
        c.problem(&[Anchor::Field("causes")], "the KB has no causes".into());
    }

    let trimester_weeks: HashMap<u8, WeekRange> =
        kb.trimesters.iter().map(|t| (t.number, t.weeks)).collect();
    // A repeated id's second cause is found at the id's second occurrence, so its own problems
    // point into it, not into the first cause with that id.
    let mut occurrence: HashMap<&str, usize> = HashMap::new();
    for cause in &kb.causes {
        let nth = occurrence.entry(cause.id.as_str()).or_default();
        let here = Anchor::Id(&cause.id, *nth);
        *nth += 1;
        let what = format!("cause `{}`", cause.id);
        if !is_kebab_id(&cause.id) {
            c.problem(
                &[here],
                format!("{what}: id must be lowercase kebab-case (a-z, 0-9, -)"),
            );
        }
        c.non_empty(
            &cause.name,
            &[here, Anchor::Field("name")],
            &format!("{what}: name"),
        );
        if let Some(short) = &cause.short_name
            && let Some(problem) = super::validate_text::short_text_problem(
                short,
                super::validate_text::MAX_SHORT_NAME_COLUMNS,
            )
        {
            c.problem(
                &[here, Anchor::Field("short_name")],
                format!("{what}: short_name {problem}"),
            );
        }
        if cause.urgency_basis == UrgencyBasis::NotStated && cause.urgency != Urgency::NOT_STATED {
            c.problem(
                &[here, Anchor::Field("urgency")],
                format!(
                    "{what}: urgency not stated by the documents must be {:?}, the fail-safe level (docs/authoring.md, urgency policy)",
                    Urgency::NOT_STATED
                ),
            );
        }
        if let Some(how) = &cause.weeks_derivation {
            c.non_empty(
                how,
                &[here, Anchor::Field("weeks_derivation")],
                &format!("{what}: weeks_derivation"),
            );
            if cause.weeks.is_none() {
                c.problem(
                    &[here, Anchor::Field("weeks_derivation")],
                    format!("{what}: weeks_derivation without weeks"),
                );
            }
        }
        c.non_empty(
            &cause.summary,
            &[here, Anchor::Field("summary")],
            &format!("{what}: summary"),
        );
        c.non_empty(
            &cause.action,
            &[here, Anchor::Field("action")],
            &format!("{what}: action"),
        );
        if kb.group(&cause.group).is_none() {
            c.problem(
                &[here, Anchor::Field("group"), Anchor::Quoted(&cause.group)],
                format!("{what} refers to unknown group `{}`", cause.group),
            );
        }
        if let super::model::Stage::Trimesters(ts) = &cause.stage {
            if ts.is_empty() {
                c.problem(
                    &[here, Anchor::Field("stage")],
                    format!("{what}: stage lists no trimester (use AnyTime for any time)"),
                );
            }
            let mut seen = HashSet::new();
            for &t in ts {
                if !(1..=3).contains(&t) {
                    c.problem(
                        &[here, Anchor::Field("stage"), Anchor::Number(t.into())],
                        format!("{what}: trimester {t} is not 1, 2 or 3"),
                    );
                } else if !seen.insert(t) {
                    c.problem(
                        &[here, Anchor::Field("stage")],
                        format!("{what}: trimester {t} listed twice"),
                    );
                }
            }
        }
        if let Some(weeks) = &cause.weeks {
            let at = [here, Anchor::Field("weeks")];
            c.week_range(weeks, &at, &what);
            let in_stage = cause
                .stage
                .trimesters()
                .iter()
                .filter_map(|t| trimester_weeks.get(t))
                .any(|range| range.overlaps(weeks));
            if weeks.from <= weeks.to && !trimester_weeks.is_empty() && !in_stage {
                c.problem(
                    &at,
                    format!(
                        "{what}: weeks {}–{} lie outside its trimesters",
                        weeks.from, weeks.to
                    ),
                );
            }
        }
        c.cites(&cause.sources, &[here], &what);
        for s in &cause.signs {
            c.item(here, &SIGN, &s.text, &s.sources, &what);
        }
        for r in &cause.risk_factors {
            c.item(here, &RISK_FACTOR, &r.text, &r.sources, &what);
        }
        for d in &cause.diagnostics {
            c.item(here, &DIAGNOSTIC, &d.test, &d.sources, &what);
        }
        for t in &cause.treatments {
            c.item(here, &TREATMENT, &t.class, &t.sources, &what);
        }
        for other in &cause.look_alikes {
            let at = [here, Anchor::Field("look_alikes"), Anchor::Quoted(other)];
            if other == &cause.id {
                c.problem(&at, format!("{what} lists itself as a look-alike"));
            } else if kb.cause(other).is_none() {
                c.problem(
                    &at,
                    format!("{what}: look-alike `{other}` is not a cause in this KB"),
                );
            }
        }
    }

    if c.found.is_empty() {
        return Ok(());
    }
    c.found.sort_by_key(|(at, _)| *at);
    let total = c.found.len();
    let problems = c
        .found
        .into_iter()
        .take(MAX_SHOWN_PROBLEMS)
        .map(|(at, message)| Problem::new(name, text, at, c.locator.line_col(at), &message, None))
        .collect();
    Err(KbError::Invalid {
        path: escape_all(name).into_owned(),
        total,
        problems,
    })
}

fn check_unique<'a>(c: &mut Checker<'_>, ids: impl Iterator<Item = &'a str>, kind: &str) {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        let n = counts.entry(id).or_default();
        if *n == 1 {
            c.problem(
                &[Anchor::Id(id, 1)],
                format!("{kind} id `{id}` is used more than once"),
            );
        }
        *n += 1;
    }
}

/// An id of lowercase letters, digits and inner hyphens (every id a KB or layer file gives).
pub(super) fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}

/// The trimesters must tile the pregnancy: 1, 2 and 3 each defined once, week ranges from week
/// 0, each starting the week after the previous one ends. A KB without them (or with a gap) would
/// silently hide every staged cause from the tree and break the stage filter, so it is refused.
fn check_trimester_cover(c: &mut Checker<'_>) {
    let kb = c.kb;
    let defined: HashSet<u8> = kb.trimesters.iter().map(|t| t.number).collect();
    let missing: Vec<String> = (1..=3u8)
        .filter(|n| !defined.contains(n))
        .map(|n| n.to_string())
        .collect();
    if !missing.is_empty() {
        c.problem(
            &[Anchor::Field("trimesters")],
            format!(
                "trimester {} not defined: the KB needs trimesters 1, 2 and 3 (staged causes would be hidden)",
                missing.join(", ")
            ),
        );
        return;
    }
    let mut ordered: Vec<_> = kb
        .trimesters
        .iter()
        .filter(|t| (1..=3).contains(&t.number))
        .collect();
    ordered.sort_by_key(|t| t.number);
    let mut expected_from = 0u8;
    for t in ordered {
        if t.weeks.from != expected_from {
            let at = [
                Anchor::Field("trimesters"),
                Anchor::Field("number"),
                Anchor::Number(t.number.into()),
                Anchor::Field("weeks"),
            ];
            let why = if t.number == 1 {
                "the first trimester must start at week 0".to_string()
            } else if t.weeks.from < expected_from {
                format!("it overlaps trimester {}", t.number - 1)
            } else {
                format!("it leaves a gap after trimester {}", t.number - 1)
            };
            c.problem(
                &at,
                format!(
                    "trimester {} starts at week {}, expected {expected_from}: {why}",
                    t.number, t.weeks.from
                ),
            );
        }
        expected_from = t.weeks.to.saturating_add(1);
    }
}

/// A real calendar date written `YYYY-MM-DD` (so `2026-13-45` and `2026-02-30` are refused).
pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, ch)| i == 4 || i == 7 || ch.is_ascii_digit());
    if !shape {
        return false;
    }
    let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}
