//! Checks that span the two layers, and the claim rules: ids unique across layers, guideline
//! references that resolve, every guideline item citing a guideline and no documents' item citing
//! one, one-article claims inside one article, no weeks on an unstated stage. Every problem is
//! located in its file (line:column), like the documents' validator.

use std::collections::HashMap;

use super::error::{KbError, Problem};
use super::guideline::{
    CauseNote, DoNow, GuidelineCite, GuidelineLayer, MAX_DO_NOW_COLUMNS, NoteKind,
};
use super::model::{Cite, Claim, KnowledgeBase, Layer, Stage, WeekRange};
use super::position::{Anchor, line_col, locate};
use super::validate::{MAX_WEEK, is_kebab_id};
use super::validate_text::{MAX_SHORT_NAME_COLUMNS, short_text_problem};

/// Problems found in one file, each at a byte offset.
pub(super) struct Found<'a> {
    name: &'a str,
    text: &'a str,
    at: Vec<(usize, String)>,
}

impl<'a> Found<'a> {
    pub(super) fn new(name: &'a str, text: &'a str) -> Self {
        Found {
            name,
            text,
            at: Vec::new(),
        }
    }

    pub(super) fn problem(&mut self, anchors: &[Anchor<'_>], message: String) {
        let at = locate(self.text, anchors).unwrap_or(0);
        self.at.push((at, message));
    }

    /// A problem located by `anchors` searched from byte offset `from` (e.g. a list element
    /// without an id); at `from` itself when none is found.
    pub(super) fn problem_from(&mut self, from: usize, anchors: &[Anchor<'_>], message: String) {
        let rest = self.text.get(from..).unwrap_or_default();
        let at = from + locate(rest, anchors).unwrap_or(0);
        self.at.push((at, message));
    }

    /// Problems found elsewhere, each at a byte offset.
    pub(super) fn extend(&mut self, found: Vec<(usize, String)>) {
        self.at.extend(found);
    }

    pub(super) fn non_empty(&mut self, value: &str, anchors: &[Anchor<'_>], what: &str) {
        if value.trim().is_empty() {
            self.problem(anchors, format!("{what} is empty"));
        }
    }

    pub(super) fn finish(mut self) -> Result<(), KbError> {
        if self.at.is_empty() {
            return Ok(());
        }
        self.at.sort_by_key(|(at, _)| *at);
        let total = self.at.len();
        let problems = self
            .at
            .into_iter()
            .take(super::error::MAX_SHOWN_PROBLEMS)
            .map(|(at, message)| {
                Problem::new(
                    self.name,
                    self.text,
                    at,
                    line_col(self.text, at),
                    &message,
                    None,
                )
            })
            .collect();
        Err(KbError::Invalid {
            path: crate::safe_text::escape_all(self.name).into_owned(),
            total,
            problems,
        })
    }
}

/// One cited item of a cause, for the checks that apply to every kind alike.
struct Item<'a> {
    field: &'static str,
    text: &'a str,
    sources: &'a [Cite],
    claim: &'a Claim,
}

fn items(cause: &super::model::Cause) -> Vec<Item<'_>> {
    let signs = cause
        .signs
        .iter()
        .map(|s| ("signs", &s.text, &s.sources, &s.claim));
    let risk_factors = cause
        .risk_factors
        .iter()
        .map(|r| ("risk_factors", &r.text, &r.sources, &r.claim));
    let diagnostics = cause
        .diagnostics
        .iter()
        .map(|d| ("diagnostics", &d.test, &d.sources, &d.claim));
    let treatments = cause
        .treatments
        .iter()
        .map(|t| ("treatments", &t.class, &t.sources, &t.claim));
    let complications = cause
        .complications
        .iter()
        .map(|n| ("complications", &n.text, &n.sources, &n.claim));
    signs
        .chain(risk_factors)
        .chain(diagnostics)
        .chain(treatments)
        .chain(complications)
        .map(|(field, text, sources, claim)| Item {
            field,
            text,
            sources,
            claim,
        })
        .collect()
}

/// The documents' KB on its own: the claim rules and the layer boundary.
pub(super) fn validate_documents(
    name: &str,
    text: &str,
    kb: &KnowledgeBase,
) -> Result<(), KbError> {
    let mut f = Found::new(name, text);
    for d in &kb.documents {
        if d.layer == Layer::Guideline {
            f.problem(
                &[Anchor::Id(&d.id, 0), Anchor::Field("layer")],
                format!(
                    "document `{}` has layer Guideline; guidelines belong in the guideline layer file (data/guidelines.ron)",
                    d.id
                ),
            );
        }
    }
    for note in &kb.guidance {
        let at = [Anchor::Field("guidance"), Anchor::Quoted(&note.text)];
        source_item(&mut f, kb, &at, "guidance", &note.sources, &note.claim);
    }
    for cause in &kb.causes {
        let here = Anchor::Id(&cause.id, 0);
        let what = format!("cause `{}`", cause.id);
        if cause.stage == Stage::Unstated && cause.weeks.is_some() {
            f.problem(
                &[here, Anchor::Field("weeks")],
                format!(
                    "{what}: stage is Unstated, so it cannot give weeks (the documents give none)"
                ),
            );
        }
        source_item(&mut f, kb, &[here], &what, &cause.sources, &cause.claim);
        let layer_facts = (cause
            .signs
            .iter()
            .map(|s| (&s.fact, "signs", s.text.as_str())))
        .chain(
            cause
                .risk_factors
                .iter()
                .map(|r| (&r.fact, "risk_factors", r.text.as_str())),
        )
        .chain(
            cause
                .diagnostics
                .iter()
                .map(|d| (&d.fact, "diagnostics", d.test.as_str())),
        )
        .chain(
            cause
                .treatments
                .iter()
                .map(|t| (&t.fact, "treatments", t.class.as_str())),
        );
        for (fact, field, text) in layer_facts {
            if fact.is_some() {
                f.problem(
                    &[here, Anchor::Field(field), Anchor::Quoted(text), Anchor::Field("fact")],
                    format!("{what}: \"{text}\" gives a safety-layer fact; items of the documents' KB have none"),
                );
            }
        }
        for item in items(cause) {
            let at = [here, Anchor::Field(item.field), Anchor::Quoted(item.text)];
            let what = format!("{what}: \"{}\"", item.text);
            source_item(&mut f, kb, &at, &what, item.sources, item.claim);
        }
    }
    f.finish()
}

/// A documents' item: it cites no guideline, and a one-article claim lies in one article.
fn source_item(
    f: &mut Found<'_>,
    kb: &KnowledgeBase,
    at: &[Anchor<'_>],
    what: &str,
    sources: &[Cite],
    claim: &Claim,
) {
    for cite in sources.iter().chain(claim.cites()) {
        if kb.layer_of(&cite.doc) == Layer::Guideline {
            let mut chain = at.to_vec();
            chain.push(Anchor::Quoted(&cite.doc));
            f.problem(
                &chain,
                format!(
                    "{what} is from the documents but cites guideline `{}`; guideline items belong in the guideline layer",
                    cite.doc
                ),
            );
        }
    }
    if *claim == Claim::OneArticle {
        one_article(f, kb, at, what, sources);
    }
}

/// A one-article claim's paragraphs must all lie in one part (article) of one document.
fn one_article(
    f: &mut Found<'_>,
    kb: &KnowledgeBase,
    at: &[Anchor<'_>],
    what: &str,
    sources: &[Cite],
) {
    let mut places: Vec<String> = Vec::new();
    let mut docs: Vec<&str> = Vec::new();
    for cite in sources {
        if !docs.contains(&cite.doc.as_str()) {
            docs.push(&cite.doc);
        }
        let doc = kb.document(&cite.doc);
        for &p in &cite.para {
            // A document without parts is one article as a whole.
            let place = match doc.map(|d| (d.parts.is_empty(), d.part_of(p))) {
                Some((false, Some(part))) => format!("{} {} ({})", cite.doc, part.id, part.title),
                Some((false, None)) => format!("{} (no part holds ¶{p})", cite.doc),
                _ => cite.doc.clone(),
            };
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    if docs.len() > 1 || places.len() > 1 {
        f.problem(
            at,
            format!(
                "{what} is marked OneArticle but its paragraphs lie in {}; a one-article claim cites one article",
                places.join(" and ")
            ),
        );
    } else if places.first().is_some_and(|p| p.contains("no part holds")) {
        f.problem(
            at,
            format!(
                "{what} is marked OneArticle but {}; give the document its parts or cite inside one",
                places[0]
            ),
        );
    }
}

/// The guideline layer against the documents' KB it is applied to.
pub(super) fn validate_layer(
    name: &str,
    text: &str,
    layer: &GuidelineLayer,
    kb: &KnowledgeBase,
) -> Result<(), KbError> {
    let mut f = Found::new(name, text);
    // No control or bidirectional character in any text value or id.
    f.at.extend(super::validate_text::unsafe_characters(text));
    f.non_empty(
        &layer.notice,
        &[Anchor::Field("notice")],
        "the layer's notice",
    );
    if layer.documents.is_empty() {
        f.problem(
            &[Anchor::Field("documents")],
            "the layer lists no guideline".into(),
        );
    }

    facts_list(&mut f, layer);

    // Ids: one namespace across both layers (documents, causes, notes).
    let mut owners: HashMap<&str, &str> = HashMap::new();
    for d in &kb.documents {
        owners.insert(&d.id, "a document of the documents' KB");
    }
    for c in &kb.causes {
        owners.insert(&c.id, "a cause of the documents' KB");
    }
    let layer_ids = layer
        .documents
        .iter()
        .map(|d| (d.id.as_str(), "guideline document"))
        .chain(
            layer
                .causes
                .iter()
                .map(|c| (c.id.as_str(), "guideline cause")),
        )
        .chain(
            layer
                .stage_notes
                .iter()
                .map(|n| (n.id.as_str(), "stage note")),
        )
        .chain(
            layer
                .cause_notes
                .iter()
                .map(|n| (n.id.as_str(), "cause note")),
        );
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (id, kind) in layer_ids {
        let nth = seen.entry(id).or_default();
        let at = [Anchor::Id(id, *nth)];
        if !is_kebab_id(id) {
            f.problem(
                &at,
                format!("{kind} id `{id}` must be lowercase kebab-case"),
            );
        }
        match owners.get(id) {
            Some(owner) => f.problem(
                &at,
                format!(
                    "{kind} id `{id}` is already used by {owner}; ids are unique across layers"
                ),
            ),
            None => {
                owners.insert(id, "the guideline layer");
            }
        }
        *nth += 1;
    }

    for d in &layer.documents {
        let at = [Anchor::Id(&d.id, 0)];
        if d.layer != Layer::Guideline {
            f.problem(
                &[at[0], Anchor::Field("layer")],
                format!("guideline document `{}` must have layer: Guideline", d.id),
            );
        }
        f.non_empty(
            &d.title,
            &[at[0], Anchor::Field("title")],
            &format!("guideline `{}`: title", d.id),
        );
        f.non_empty(
            &d.issuer,
            &[at[0], Anchor::Field("issuer")],
            &format!("guideline `{}`: issuer", d.id),
        );
        f.non_empty(
            &d.jurisdiction,
            &[at[0], Anchor::Field("jurisdiction")],
            &format!("guideline `{}`: jurisdiction", d.id),
        );
        if let Some(year) = d.year
            && !(1950..=2100).contains(&year)
        {
            f.problem(
                &[at[0], Anchor::Field("year")],
                format!("guideline `{}`: year {year} is not plausible", d.id),
            );
        }
    }

    let check = Refs { layer, kb };
    for n in &layer.stage_notes {
        let here = Anchor::Id(&n.id, 0);
        let what = format!("stage note `{}`", n.id);
        check.fact(&mut f, here, &what, &n.fact);
        f.non_empty(
            &n.text,
            &[here, Anchor::Field("text")],
            &format!("{what}: text"),
        );
        check.cites(&mut f, here, &what, &n.sources);
        note_fields(&mut f, here, &what, n.kind, n.weeks, n.do_now.as_ref());
    }
    for n in &layer.cause_notes {
        let here = Anchor::Id(&n.id, 0);
        let what = format!("cause note `{}`", n.id);
        check.fact(&mut f, here, &what, &n.fact);
        f.non_empty(
            &n.text,
            &[here, Anchor::Field("text")],
            &format!("{what}: text"),
        );
        check.cites(&mut f, here, &what, &n.sources);
        note_fields(&mut f, here, &what, n.kind, n.weeks, n.do_now.as_ref());
        kind_fields(&mut f, here, &what, n);
        if n.causes.is_empty() {
            f.problem(
                &[here, Anchor::Field("causes")],
                format!("{what} names no cause"),
            );
        }
        for id in &n.causes {
            if !check.cause_exists(id) {
                f.problem(
                    &[here, Anchor::Field("causes"), Anchor::Quoted(id)],
                    format!("{what} refers to unknown cause `{id}`"),
                );
            }
        }
    }
    for c in &layer.causes {
        let here = Anchor::Id(&c.id, 0);
        let what = format!("guideline cause `{}`", c.id);
        check.fact(&mut f, here, &what, &c.fact);
        for (value, field) in [
            (&c.name, "name"),
            (&c.summary, "summary"),
            (&c.action, "action"),
        ] {
            f.non_empty(
                value,
                &[here, Anchor::Field(field)],
                &format!("{what}: {field}"),
            );
        }
        check.cites(&mut f, here, &what, &c.sources);
        note_fields(
            &mut f,
            here,
            &what,
            NoteKind::Action,
            c.weeks,
            c.do_now.as_ref(),
        );
        if let Some(short) = &c.short_name
            && let Some(problem) = short_text_problem(short, MAX_SHORT_NAME_COLUMNS)
        {
            f.problem(
                &[here, Anchor::Field("short_name")],
                format!("{what}: short_name {problem}"),
            );
        }
        for sign in &c.signs {
            if let Some(fact) = &sign.fact {
                let at = Anchor::Quoted(&sign.text);
                check.fact(&mut f, at, &format!("{what}: sign \"{}\"", sign.text), fact);
            }
        }
        if kb.group(&c.group).is_none() {
            f.problem(
                &[here, Anchor::Field("group"), Anchor::Quoted(&c.group)],
                format!("{what} refers to unknown group `{}`", c.group),
            );
        }
        match &c.stage {
            Stage::Trimesters(ts) if ts.is_empty() || ts.iter().any(|t| !(1..=3).contains(t)) => {
                f.problem(
                    &[here, Anchor::Field("stage")],
                    format!("{what}: stage must list trimesters 1–3"),
                );
            }
            _ => {}
        }
        for other in &c.look_alikes {
            if other == &c.id || !check.cause_exists(other) {
                f.problem(
                    &[here, Anchor::Field("look_alikes"), Anchor::Quoted(other)],
                    format!("{what}: look-alike `{other}` is not another cause"),
                );
            }
        }
    }
    f.finish()
}

struct Refs<'a> {
    layer: &'a GuidelineLayer,
    kb: &'a KnowledgeBase,
}

impl Refs<'_> {
    fn cause_exists(&self, id: &str) -> bool {
        self.kb.cause(id).is_some() || self.layer.causes.iter().any(|c| c.id == id)
    }

    /// A fact the layer lists in `facts`.
    fn fact(&self, f: &mut Found<'_>, here: Anchor<'_>, what: &str, fact: &str) {
        if self.layer.strength_of(fact).is_none() {
            f.problem(
                &[here, Anchor::Field("fact"), Anchor::Quoted(fact)],
                format!("{what}: fact `{fact}` is not in the layer's list of facts"),
            );
        }
    }

    /// Every guideline item cites at least one guideline of the layer, and nothing else.
    fn cites(&self, f: &mut Found<'_>, here: Anchor<'_>, what: &str, cites: &[GuidelineCite]) {
        if cites.is_empty() {
            f.problem(
                &[here, Anchor::Field("sources")],
                format!("{what} has no source; cite (guideline: \"…\")"),
            );
        }
        for cite in cites {
            let at = [
                here,
                Anchor::Field("sources"),
                Anchor::Quoted(&cite.guideline),
            ];
            if self.layer.document(&cite.guideline).is_some() {
                continue;
            }
            if self.kb.document(&cite.guideline).is_some() {
                f.problem(
                    &at,
                    format!(
                        "{what} cites source document `{}`; a safety-layer item cites only the layer's sources",
                        cite.guideline
                    ),
                );
            } else {
                let known: Vec<&str> = self.layer.documents.iter().map(|d| d.id.as_str()).collect();
                f.problem(
                    &at,
                    format!(
                        "{what} cites unknown source `{}`; known: {}",
                        cite.guideline,
                        known.join(", ")
                    ),
                );
            }
        }
    }
}

/// The fact list: each id a fact of the sheet's form ("G" and a number), listed once.
fn facts_list(f: &mut Found<'_>, layer: &GuidelineLayer) {
    if layer.facts.is_empty() {
        f.problem(&[Anchor::Field("facts")], "the layer lists no fact".into());
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for fact in &layer.facts {
        let nth = seen.entry(fact.id.as_str()).or_default();
        let at = [Anchor::Field("facts"), Anchor::Quoted(&fact.id)];
        let well_formed = fact
            .id
            .strip_prefix('G')
            .and_then(|n| n.parse::<u8>().ok())
            .is_some_and(|n| n > 0 && fact.id.len() == 1 + n.to_string().len());
        if !well_formed {
            f.problem(
                &at,
                format!("fact `{}` is not of the form G1, G2, …", fact.id),
            );
        }
        if *nth > 0 {
            f.problem(&at, format!("fact `{}` is listed twice", fact.id));
        }
        *nth += 1;
    }
}

/// Weeks and the do-now line of a note (or of a guideline cause, whose action it shortens).
fn note_fields(
    f: &mut Found<'_>,
    here: Anchor<'_>,
    what: &str,
    kind: NoteKind,
    weeks: Option<WeekRange>,
    do_now: Option<&DoNow>,
) {
    if let Some(w) = weeks
        && (w.from > w.to || w.to > MAX_WEEK)
    {
        f.problem(
            &[here, Anchor::Field("weeks")],
            format!(
                "{what}: week range {}–{} is not sane (need from ≤ to ≤ {MAX_WEEK})",
                w.from, w.to
            ),
        );
    }
    if let Some(line) = do_now {
        let at = [here, Anchor::Field("do_now")];
        if kind != NoteKind::Action {
            f.problem(
                &at,
                format!("{what}: only a clinician action has a do-now line"),
            );
        }
        if let Some(problem) = short_text_problem(&line.text, MAX_DO_NOW_COLUMNS) {
            f.problem(&at, format!("{what}: do_now {problem}"));
        }
    }
}

/// The fields that belong to one kind of cause note: sign marks to a sign, the test to a
/// diagnostic.
fn kind_fields(f: &mut Found<'_>, here: Anchor<'_>, what: &str, n: &CauseNote) {
    if (n.red_flag || n.distinguishing) && n.kind != NoteKind::Sign {
        f.problem(
            &[here, Anchor::Field("kind")],
            format!("{what}: red_flag and distinguishing belong to kind Sign"),
        );
    }
    let has_test = n.test.is_some() || n.test_kind.is_some();
    if n.kind == NoteKind::Diagnostic {
        if n.test.as_deref().is_none_or(|t| t.trim().is_empty()) || n.test_kind.is_none() {
            f.problem(
                &[here, Anchor::Field("kind")],
                format!("{what}: a Diagnostic names its test and test_kind"),
            );
        }
    } else if has_test {
        f.problem(
            &[here, Anchor::Field("test")],
            format!("{what}: test and test_kind belong to kind Diagnostic"),
        );
    }
}
