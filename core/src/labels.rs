//! The one home for domain-to-text formatting, shared by the CLI and the TUI: urgency, claim
//! status, basis (documents or guideline), citations, stages and field names. Plain strings, no
//! terminal styling: every marker is a symbol *and* a word, so nothing depends on colour.
//!
//! Depends only on the KB's schema types (`kb::model`), so `kb::tree` can use it without a cycle.

use crate::kb::{
    Basis, Cause, Cite, Claim, Dispute, KnowledgeBase, Layer, SourceKind, Stage, Strength, Urgency,
    WeekRange,
};

// ── urgency ──────────────────────────────────────────────────────────────────────────────────

/// "!! EMERGENCY", "! URGENT", "· ROUTINE".
pub fn urgency_tag(urgency: Urgency) -> String {
    format!("{} {}", urgency.symbol(), urgency.as_str().to_uppercase())
}

/// A cause as one row of a plain-text list: its urgency tag padded so that the names line up,
/// `between` (a search's confidence, `"[moderate] "`), its basis marker and its name:
/// `"!! EMERGENCY [moderate] § GUIDELINE/REF Vasa praevia"`.
pub fn cause_row(kb: &crate::kb::KnowledgeBase, cause: &crate::kb::Cause, between: &str) -> String {
    format!(
        "{:<12} {between}{}{}",
        urgency_tag(cause.urgency),
        basis_prefix(kb.cause_basis(cause)),
        cause.name
    )
}

/// The legend line for urgency symbols.
pub const URGENCY_LEGEND: &str = "Urgency: !! emergency, ! urgent, · routine";

// ── basis: documents or guideline ────────────────────────────────────────────────────────────

/// The marker on every item and cause of the safety layer (UK guidelines and clinical
/// references, a few non-UK sources): "guideline or reference", never "guideline" alone.
pub const GUIDELINE_MARK: &str = "§ GUIDELINE/REF";

/// The marker for a basis: `§ GUIDELINE` for the guideline layer, `≡ DOCUMENTS` for the sources.
/// Items from the documents go unmarked in running text (they are the default); use this where
/// the basis is shown as a field.
pub fn basis_tag(basis: Basis) -> &'static str {
    match basis {
        Basis::Documents => "≡ DOCUMENTS",
        Basis::Guideline => GUIDELINE_MARK,
    }
}

/// The prefix for an item in running text: the guideline marker, or nothing for the documents.
pub fn basis_prefix(basis: Basis) -> &'static str {
    match basis {
        Basis::Documents => "",
        Basis::Guideline => "§ GUIDELINE/REF ",
    }
}

/// [`basis_prefix`] where a row has no room for the words: the symbol alone ("§ "), which the
/// legends explain.
pub fn basis_prefix_short(basis: Basis) -> &'static str {
    match basis {
        Basis::Documents => "",
        Basis::Guideline => "§ ",
    }
}

/// The legend for the basis marker.
pub const GUIDELINE_LEGEND: &str = "§ GUIDELINE/REF = from the safety layer (UK guidelines and clinical references, a few non-UK sources), not from the source documents; each item names its fact, source and strength (--documents-only hides it)";

// ── the local protocol overlay ───────────────────────────────────────────────────────────────

/// The heading of a cause's local notes that are not first steps.
pub const LOCAL_NOTES: &str =
    "Local protocol notes (from the unit, not the documents or the guidelines)";

/// The word that marks the unit's own lines: never a symbol alone, never the guideline marker.
pub const LOCAL_MARK: &str = "LOCAL PROTOCOL";

/// "LOCAL PROTOCOL (St Elsewhere Maternity, v2.1)": the marker with the site and its version.
pub fn local_mark(local: &crate::kb::LocalLayer) -> String {
    format!("{LOCAL_MARK} ({}, v{})", local.site, local.version)
}

/// One local note as a line: marker, text, contact, pathway and link ("first step" for do-now).
pub fn local_note_line(local: &crate::kb::LocalLayer, note: &crate::kb::LocalNote) -> String {
    let first = if note.do_now { " · first step" } else { "" };
    format!("[{}{first}] {}", local_mark(local), note.full_text())
}

/// "Local protocol: St Elsewhere Maternity, version 2.1, approved by …, review by 2027-03-31",
/// and, past that date, a warning in capitals. Ends every output while an overlay is read.
pub fn local_banner(local: &crate::kb::LocalLayer, today: &str) -> String {
    let mut out = format!(
        "Local protocol: {}, version {}, approved by {}, review by {} (from the unit, not from the documents or the guidelines)",
        local.site, local.version, local.approved_by, local.review_by
    );
    if local.past_review(today) {
        out.push_str(&format!(" — {}", local_past_review(local)));
    }
    out
}

/// The warning for an overlay past its review date.
pub fn local_past_review(local: &crate::kb::LocalLayer) -> String {
    format!(
        "LOCAL PROTOCOL PAST ITS REVIEW DATE ({}): check it is still current",
        local.review_by
    )
}

/// Said first while the safety layer is off (the browser's title bar, at any width from 40
/// columns): short enough to fit.
pub const LAYER_OFF: &str = "SAFETY LAYER OFF: documents only";

/// The first line of every CLI text output without the safety layer.
pub const LAYER_OFF_LINE: &str = "SAFETY LAYER OFF: documents only; the guidelines and clinical references are not shown (--documents-only, guideline_layer = false, or --kb PATH)";

/// Whose advice a cause's `action` is.
pub fn action_label(basis: Basis) -> &'static str {
    match basis {
        Basis::Documents => "Documents' advice to the patient",
        Basis::Guideline => "Safety-layer action for the clinician",
    }
}

/// What a guideline note is: a clinician action or background.
pub fn note_kind_label(kind: crate::kb::NoteKind) -> &'static str {
    match kind {
        crate::kb::NoteKind::Action => "clinician action",
        crate::kb::NoteKind::Note => "note",
        crate::kb::NoteKind::Sign => "sign",
        crate::kb::NoteKind::RiskFactor => "risk factor",
        crate::kb::NoteKind::Diagnostic => "diagnostic",
    }
}

/// "§ GUIDELINE/REF G4 (A: UK guideline) · clinician action: "
pub fn guideline_note_prefix(
    fact: &str,
    strength: Option<Strength>,
    kind: crate::kb::NoteKind,
) -> String {
    format!(
        "{GUIDELINE_MARK} {} · {}: ",
        fact_and_strength(fact, strength),
        note_kind_label(kind)
    )
}

// ── strength and kind of a safety-layer source ───────────────────────────────────────────────

/// A fact's strength in words: whose text it rests on. A reference is never called a guideline.
pub fn strength_words(strength: Strength) -> &'static str {
    match strength {
        Strength::A => "UK guideline",
        Strength::B => "UK clinical reference (or a UK guideline read second-hand)",
        Strength::C => "non-UK guideline or reference",
    }
}

/// "G24 (B: UK clinical reference (or a UK guideline read second-hand))"; a fact the layer does
/// not list says so rather than borrowing a strength.
pub fn fact_and_strength(fact: &str, strength: Option<Strength>) -> String {
    match strength {
        Some(s) => format!("{fact} ({}: {})", s.id(), strength_words(s)),
        None => format!("{fact} (strength unknown)"),
    }
}

/// The tag a guideline cause's own items share: the fact the cause encodes and its strength
/// ("G10 (A: UK guideline)"); `None` for a cause of the documents or without the layer.
pub fn cause_fact_tag(layer: Option<&crate::kb::GuidelineLayer>, cause_id: &str) -> Option<String> {
    let layer = layer?;
    let fact = layer.fact_of_cause(cause_id)?;
    Some(fact_and_strength(fact, layer.strength_of(fact)))
}

/// The tag of an item the safety layer put into a cause's fields: its fact and strength.
pub fn layer_fact_tag(fact: &crate::kb::LayerFact) -> String {
    fact_and_strength(&fact.fact, Some(fact.strength))
}

/// What a source document of the safety layer is, in words.
pub fn source_kind_words(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Guideline => "guideline",
        SourceKind::ClinicalReference => "clinical reference, not a guideline",
        SourceKind::ReferenceText => "reference text, not a guideline",
        SourceKind::PressRelease => "press release, not a guideline",
        SourceKind::PatientLeaflet => "patient leaflet, not a guideline",
    }
}

// ── claim status ─────────────────────────────────────────────────────────────────────────────

/// Stable id of a claim status for exports.
pub fn claim_id(claim: &Claim) -> &'static str {
    match claim {
        Claim::Supported => "supported",
        Claim::OneArticle => "one_article",
        Claim::Disputed(_) => "disputed",
        Claim::RegionalPractice => "regional_practice",
    }
}

/// Symbol and word for a claim status, without its details.
pub fn claim_word(claim: &Claim) -> &'static str {
    match claim {
        Claim::Supported => "✓ SUPPORTED",
        Claim::OneArticle => "◐ ONE ARTICLE'S CLAIM",
        Claim::Disputed(_) => "≠ DOCUMENTS DISAGREE",
        Claim::RegionalPractice => "⌂ SOURCE'S REGIONAL PRACTICE",
    }
}

/// The legend for claim markers.
pub const CLAIM_LEGEND: &str = "Unmarked items are supported by the documents; ◐ ONE ARTICLE'S CLAIM = only one article says it; ≠ DOCUMENTS DISAGREE = both statements shown, each cited; ⌂ SOURCE'S REGIONAL PRACTICE = the source's practice, not current guidance; ✎ EDITOR'S NOTE = not from the source, not a recommendation";

/// The article (part) of a compilation that an item's citations lie in, when they lie in one:
/// "Article 4: bloody discharge in pregnancy, causes and treatment (a4)".
pub fn article_of(kb: &KnowledgeBase, sources: &[Cite]) -> Option<String> {
    // Each cited paragraph's article: a part of a compilation, or a document without parts.
    let mut places = sources.iter().flat_map(|c| {
        let doc = kb.document(&c.doc);
        c.para.iter().map(move |&p| {
            let d = doc?;
            if d.parts.is_empty() {
                return Some((d.id.as_str(), String::new(), d.title.as_str()));
            }
            d.part_of(p)
                .map(|part| (d.id.as_str(), part.id.clone(), part.title.as_str()))
        })
    });
    let (doc, part, title) = places.next()??;
    let all_same = places.all(|p| p.is_some_and(|(d, id, _)| d == doc && id == part));
    all_same.then(|| {
        if part.is_empty() {
            format!("\"{title}\" ({doc})")
        } else {
            format!("{title} ({doc} {part})")
        }
    })
}

/// The marker for an item's claim in running text; `None` for a supported item (the default,
/// explained by [`CLAIM_LEGEND`]). One article's claim names the article.
pub fn claim_marker(kb: &KnowledgeBase, claim: &Claim, sources: &[Cite]) -> Option<String> {
    match claim {
        Claim::Supported => None,
        Claim::OneArticle => Some(match article_of(kb, sources) {
            Some(article) => format!("{}: {article}", claim_word(claim)),
            None => claim_word(claim).to_string(),
        }),
        Claim::Disputed(_) | Claim::RegionalPractice => Some(claim_word(claim).to_string()),
    }
}

/// The other side of a disagreement, cited: "other statement: … [articles ¶55]".
pub fn dispute_line(kb: &KnowledgeBase, dispute: &Dispute) -> String {
    format!(
        "≠ other statement: {} {}",
        dispute.text,
        citation(kb, &dispute.sources)
    )
}

/// An editor's gloss, marked as not from the source.
pub fn editor_note(note: &str) -> String {
    format!("✎ EDITOR'S NOTE (not from the source, not a recommendation): {note}")
}

// ── citations ────────────────────────────────────────────────────────────────────────────────

/// One citation: "articles ¶14, 56" for a source document; "§ rcog-gtg63 §1" (or the whole
/// source, "§ bmj-bp-abruption") for a source of the safety layer, which may be a guideline or a
/// reference: its kind is named where the source is listed, never guessed here.
pub fn cite_text(layer: Layer, cite: &Cite) -> String {
    let numbers: Vec<String> = cite.para.iter().map(u32::to_string).collect();
    match layer {
        Layer::Source => format!("{} ¶{}", cite.doc, numbers.join(", ")),
        Layer::Guideline if numbers.is_empty() => format!("§ {}", cite.doc),
        Layer::Guideline => format!("§ {} §{}", cite.doc, numbers.join(", §")),
    }
}

/// Citations without brackets, each in the documents' form: "articles ¶5, 6; qa ¶2".
pub fn source_cites(cites: &[Cite]) -> String {
    let parts: Vec<String> = cites.iter().map(|c| cite_text(Layer::Source, c)).collect();
    parts.join("; ")
}

/// Citations in brackets: "[articles ¶14, 56; qa ¶2]", "[GUIDELINE rcog-gtg63 §1]".
pub fn citation(kb: &KnowledgeBase, cites: &[Cite]) -> String {
    let parts: Vec<String> = cites
        .iter()
        .map(|c| cite_text(kb.layer_of(&c.doc), c))
        .collect();
    format!("[{}]", parts.join("; "))
}

/// Guideline citations in brackets, without a KB at hand.
pub fn guideline_citation(cites: &[crate::kb::GuidelineCite]) -> String {
    let parts: Vec<String> = cites
        .iter()
        .map(|c| cite_text(Layer::Guideline, &c.to_cite()))
        .collect();
    format!("[{}]", parts.join("; "))
}

/// How a document is listed in a "Sources" section or the about screen.
pub fn document_line(doc: &crate::kb::SourceDocument) -> String {
    match doc.layer {
        Layer::Source => format!(
            "{} = \"{}\" ({}, {} paragraphs)",
            doc.id, doc.title, doc.kind, doc.paragraphs
        ),
        Layer::Guideline => format!(
            "{GUIDELINE_MARK} {} = {}{}, \"{}\"{}{}",
            doc.id,
            doc.source_kind
                .map(|k| format!("{}: ", source_kind_words(k)))
                .unwrap_or_default(),
            doc.kind,
            doc.title,
            doc.year.map(|y| format!(", {y}")).unwrap_or_default(),
            doc.jurisdiction
                .as_deref()
                .map(|j| format!(" ({j})"))
                .unwrap_or_default()
        ),
    }
}

/// "content last updated 2026-11-22": the meta date, worded so it implies no clinical sign-off.
pub fn updated_label(date: &str) -> String {
    format!("content last updated {date}")
}

// ── stages ───────────────────────────────────────────────────────────────────────────────────

/// "1st trimester (weeks 0–13)", from the KB's own trimester table.
pub fn trimester_label(kb: &KnowledgeBase, number: u8) -> String {
    match kb.trimesters.iter().find(|t| t.number == number) {
        Some(t) => format!("{} (weeks {}–{})", t.name, t.weeks.from, t.weeks.to),
        None => format!("Trimester {number}"),
    }
}

/// The section for causes that can occur at any time, and for those whose stage the documents
/// do not give (each such cause says so in its own stage label).
fn any_time_label(kb: &KnowledgeBase) -> &'static str {
    if kb.causes.iter().any(|c| c.stage == Stage::Unstated) {
        "Any time in pregnancy, or stage not given"
    } else {
        "Any time in pregnancy"
    }
}

/// The heading of a section of the tree ([`crate::kb::build_tree`]): the trimester with its
/// weeks, or the any-time section (`None`).
pub fn section_label(kb: &KnowledgeBase, trimester: Option<u8>) -> String {
    match trimester {
        Some(t) => trimester_label(kb, t),
        None => any_time_label(kb).into(),
    }
}

/// The short heading of a stage in the browser's tree, where the room is a pane's width:
/// "1st trimester (≤13 w)", "2nd trimester (14–27 w)", "3rd trimester (28+ w)", and "Any time"
/// (or "Any time, or stage not given" when a cause's stage is not given) for `None`. `ascii`
/// writes "<=" for "≤", which has no one-cell ASCII form.
pub fn tree_stage_label(kb: &KnowledgeBase, trimester: Option<u8>, ascii: bool) -> String {
    let Some(stage) = trimester else {
        return if kb.causes.iter().any(|c| c.stage == Stage::Unstated) {
            "Any time, or stage not given".to_string()
        } else {
            "Any time".to_string()
        };
    };
    let n = kb.trimesters.len();
    match kb.trimesters.iter().position(|t| t.number == stage) {
        Some(i) => {
            let t = &kb.trimesters[i];
            let w = &t.weeks;
            let range = if i == 0 && n > 1 {
                format!("{}{} w", if ascii { "<=" } else { "≤" }, w.to)
            } else if i + 1 == n && n > 1 {
                format!("{}+ w", w.from)
            } else {
                format!("{}–{} w", w.from, w.to)
            };
            format!("{} ({range})", t.name)
        }
        None => format!("Trimester {stage}"),
    }
}

/// The stage of a cause in words: "1st, 2nd trimester", "any time in pregnancy", or that the
/// documents give none.
pub fn stage_label(stage: &Stage) -> String {
    match stage {
        Stage::AnyTime => "any time in pregnancy".into(),
        Stage::Unstated => Stage::NOT_GIVEN.into(),
        Stage::Trimesters(ts) => {
            let names: Vec<String> = ts.iter().map(|&t| ordinal(t)).collect();
            format!("{} trimester", names.join(", "))
        }
    }
}

/// The stage of a cause with the KB's own trimester names: "1st trimester, 2nd trimester";
/// otherwise as [`stage_label`].
pub fn stage_names(kb: &KnowledgeBase, stage: &Stage) -> String {
    match stage {
        Stage::AnyTime | Stage::Unstated => stage_label(stage),
        Stage::Trimesters(ts) => ts
            .iter()
            .map(|t| {
                kb.trimesters
                    .iter()
                    .find(|x| x.number == *t)
                    .map_or_else(|| format!("trimester {t}"), |x| x.name.clone())
            })
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// " · weeks 6–10" (or " · from week 24") after a stage, when the cause gives its weeks (else
/// nothing).
pub fn weeks_suffix(weeks: Option<WeekRange>) -> String {
    weeks
        .map(|w| {
            // An open upper end is written as the last week a KB may mention.
            if w.to >= crate::kb::MAX_WEEK {
                format!(" · from week {}", w.from)
            } else {
                format!(" · weeks {}–{}", w.from, w.to)
            }
        })
        .unwrap_or_default()
}

/// A cause's weeks as [`weeks_suffix`], marked when they are the editor's derivation:
/// " · weeks 2–3 (✎ editor's derivation)".
pub fn cause_weeks_suffix(cause: &Cause) -> String {
    let weeks = weeks_suffix(cause.weeks);
    if cause.weeks_derivation.is_some() && !weeks.is_empty() {
        format!("{weeks} ({EDITORS_DERIVATION})")
    } else {
        weeks
    }
}

/// The mark of weeks the editor worked out from what the documents say.
pub const EDITORS_DERIVATION: &str = "✎ editor's derivation";

/// How the editor derived a cause's weeks, as a line: "✎ EDITOR'S DERIVATION (not the
/// documents' numbers): weeks 2–3 — …"; none where the weeks are the documents' own.
pub fn weeks_derivation_line(cause: &Cause) -> Option<String> {
    let how = cause.weeks_derivation.as_ref()?;
    Some(format!(
        "✎ EDITOR'S DERIVATION (not the documents' numbers):{} — {how}",
        weeks_suffix(cause.weeks).trim_start_matches(" ·")
    ))
}

/// Where the documents state no urgency for a cause, a line saying so and what is shown
/// instead; none where they state it.
pub fn urgency_basis_line(cause: &Cause) -> Option<String> {
    (cause.urgency_basis == crate::kb::UrgencyBasis::NotStated).then(|| {
        format!(
            "Urgency not stated in the documents: {} is the reference's fail-safe level, not the documents' word",
            urgency_tag(cause.urgency)
        )
    })
}

/// A cause's stage names and weeks: "1st trimester · weeks 6–10" (the browser and the note).
pub fn stage_and_weeks(kb: &KnowledgeBase, cause: &Cause) -> String {
    format!(
        "{}{}",
        stage_names(kb, &cause.stage),
        cause_weeks_suffix(cause)
    )
}

/// The name of `cause` that fits in `columns`: its full name when it fits, else its short name
/// (where the KB gives one and it is shorter), so that a narrow row, title or column names the
/// cause readably instead of cutting its full name. The one rule for every narrow place.
pub fn name_within(cause: &Cause, columns: usize) -> &str {
    use unicode_width::UnicodeWidthStr;
    match &cause.short_name {
        Some(short) if cause.name.width() > columns && short.width() < cause.name.width() => short,
        _ => &cause.name,
    }
}

/// A guideline stage in words.
pub fn guideline_stage_label(stage: crate::kb::GuidelineStage) -> &'static str {
    match stage {
        crate::kb::GuidelineStage::EarlyPregnancy => "Early pregnancy: bleeding before 14 weeks",
        crate::kb::GuidelineStage::From24Weeks => "Bleeding from 24 weeks (antepartum haemorrhage)",
    }
}

fn ordinal(n: u8) -> String {
    let suffix = match n {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

// ── field names ──────────────────────────────────────────────────────────────────────────────

pub const SIGNS: &str = "Signs";
pub const RISK_FACTORS: &str = "Risk factors";
pub const DIAGNOSTICS: &str = "Diagnostics";
pub const TREATMENT: &str = "Treatment";
pub const COMPLICATIONS: &str = "Outcomes and complications";
pub const LOOK_ALIKES: &str = "Tell apart from";
pub const SOURCES: &str = "Sources";
/// The heading for a cause's guideline notes.
pub const GUIDELINE_NOTES: &str = "§ GUIDELINE/REF notes for the clinician (guidelines and clinical references, strength shown; local protocols govern)";
/// The heading of the do-now block: what the clinician does first, from the safety layer only.
pub const DO_NOW: &str = "Do now (§ safety layer; local protocols govern)";
/// The do-now heading where a narrow pane has no room for [`DO_NOW`].
pub const DO_NOW_SHORT: &str = "DO NOW (§ safety layer)";
pub const RED_FLAG: &str = "RED FLAG";
pub const KEY_SIGN: &str = "KEY";
pub const NONE_GIVEN: &str = "(none given in the sources)";

/// What counted for and against a search hit, in one line: "for: Painless, Recurrent bleeding;
/// against: Abdominal or pelvic pain". `None` when no finding counted.
pub fn findings_summary(findings: &[crate::search::HitFinding]) -> Option<String> {
    use crate::search::Direction;
    let names = |d: Direction| {
        findings
            .iter()
            .filter(|f| f.direction == d)
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let parts: Vec<String> = [Direction::For, Direction::Against]
        .into_iter()
        .map(|d| (d, names(d)))
        .filter(|(_, n)| !n.is_empty())
        .map(|(d, n)| format!("{}: {n}", d.as_str()))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_labels_read_as_words() {
        assert_eq!(
            stage_label(&Stage::Trimesters(vec![1, 2])),
            "1st, 2nd trimester"
        );
        assert_eq!(stage_label(&Stage::AnyTime), "any time in pregnancy");
        assert_eq!(
            stage_label(&Stage::Unstated),
            "stage not given in the documents"
        );
    }

    #[test]
    fn citations_name_paragraphs_for_sources_and_sections_for_guidelines() {
        let cite = |doc: &str, para: Vec<u32>| Cite {
            doc: doc.into(),
            para,
        };
        assert_eq!(
            cite_text(Layer::Source, &cite("articles", vec![18, 20])),
            "articles ¶18, 20"
        );
        assert_eq!(
            cite_text(Layer::Guideline, &cite("rcog-gtg63", vec![1])),
            "§ rcog-gtg63 §1"
        );
        assert_eq!(
            cite_text(Layer::Guideline, &cite("rcog-gtg27a", vec![])),
            "§ rcog-gtg27a"
        );
    }

    #[test]
    fn source_cites_match_the_readme_format_inside_brackets() {
        let c = vec![
            Cite {
                doc: "articles".into(),
                para: vec![5, 6],
            },
            Cite {
                doc: "qa".into(),
                para: vec![2],
            },
        ];
        assert_eq!(format!("[{}]", source_cites(&c)), "[articles ¶5, 6; qa ¶2]");
    }

    #[test]
    fn every_claim_status_has_a_distinct_word_and_id() {
        let all = [
            Claim::Supported,
            Claim::OneArticle,
            Claim::Disputed(Dispute {
                text: "t".into(),
                sources: vec![],
            }),
            Claim::RegionalPractice,
        ];
        let words: std::collections::HashSet<_> = all.iter().map(claim_word).collect();
        let ids: std::collections::HashSet<_> = all.iter().map(claim_id).collect();
        assert_eq!(words.len(), all.len());
        assert_eq!(ids.len(), all.len());
        assert!(
            words
                .iter()
                .all(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        );
    }
}
