//! The JSON export: a stable contract for tools, decoupled from the RON schema.
//!
//! Shape: `{ meta, documents, trimesters, groups, causes: [ { id, name, aliases, trimesters,
//! urgency, signs, diagnostics, treatments, risk_factors, sources, … } ] }`. Every item has `sources`.

use serde::Serialize;

use crate::kb::{Cause, Cite, KnowledgeBase, Stage};

#[derive(Serialize)]
pub struct ExportJson<'a> {
    pub meta: MetaJson<'a>,
    pub documents: Vec<DocumentJson<'a>>,
    /// General statements that apply to bleeding in pregnancy as a whole.
    pub guidance: Vec<TextItemJson<'a>>,
    pub trimesters: Vec<TrimesterJson<'a>>,
    pub groups: Vec<GroupJson<'a>>,
    pub causes: Vec<CauseJson<'a>>,
}

#[derive(Serialize)]
pub struct MetaJson<'a> {
    pub title: &'a str,
    pub version: &'a str,
    pub reviewed: &'a str,
    pub disclaimer: &'a str,
}

#[derive(Serialize)]
pub struct DocumentJson<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub kind: &'a str,
    pub paragraphs: u32,
}

#[derive(Serialize)]
pub struct TrimesterJson<'a> {
    pub number: u8,
    pub name: &'a str,
    pub weeks: WeeksJson,
}

#[derive(Serialize)]
pub struct WeeksJson {
    pub from: u8,
    pub to: u8,
}

#[derive(Serialize)]
pub struct GroupJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct SourceJson<'a> {
    pub document: &'a str,
    pub paragraphs: &'a [u32],
}

#[derive(Serialize)]
pub struct CauseJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub group: &'a str,
    pub aliases: &'a [String],
    /// 1–3; a cause that can occur at any time lists all three.
    pub trimesters: Vec<u8>,
    pub any_time: bool,
    pub weeks: Option<WeeksJson>,
    pub urgency: &'static str,
    pub summary: &'a str,
    pub action: &'a str,
    pub signs: Vec<SignJson<'a>>,
    pub risk_factors: Vec<TextItemJson<'a>>,
    pub diagnostics: Vec<DiagnosticJson<'a>>,
    pub treatments: Vec<TreatmentJson<'a>>,
    pub look_alikes: &'a [String],
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct SignJson<'a> {
    pub text: &'a str,
    pub red_flag: bool,
    pub distinguishing: bool,
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct TextItemJson<'a> {
    pub text: &'a str,
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct DiagnosticJson<'a> {
    pub kind: &'static str,
    pub test: &'a str,
    pub finding: &'a str,
    pub sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
pub struct TreatmentJson<'a> {
    pub kind: &'static str,
    pub class: &'a str,
    pub examples: &'a [String],
    pub when: Option<&'a str>,
    pub sources: Vec<SourceJson<'a>>,
}

fn sources(cites: &[Cite]) -> Vec<SourceJson<'_>> {
    cites
        .iter()
        .map(|c| SourceJson {
            document: &c.doc,
            paragraphs: &c.para,
        })
        .collect()
}

pub fn cause_json(c: &Cause) -> CauseJson<'_> {
    CauseJson {
        id: &c.id,
        name: &c.name,
        group: &c.group,
        aliases: &c.aliases,
        trimesters: c.stage.trimesters(),
        any_time: c.stage == Stage::AnyTime,
        weeks: c.weeks.map(|w| WeeksJson {
            from: w.from,
            to: w.to,
        }),
        urgency: c.urgency.as_str(),
        summary: &c.summary,
        action: &c.action,
        signs: c
            .signs
            .iter()
            .map(|s| SignJson {
                text: &s.text,
                red_flag: s.red_flag,
                distinguishing: s.distinguishing,
                sources: sources(&s.sources),
            })
            .collect(),
        risk_factors: c
            .risk_factors
            .iter()
            .map(|r| TextItemJson {
                text: &r.text,
                sources: sources(&r.sources),
            })
            .collect(),
        diagnostics: c
            .diagnostics
            .iter()
            .map(|d| DiagnosticJson {
                kind: d.kind.id(),
                test: &d.test,
                finding: &d.finding,
                sources: sources(&d.sources),
            })
            .collect(),
        treatments: c
            .treatments
            .iter()
            .map(|t| TreatmentJson {
                kind: t.kind.id(),
                class: &t.class,
                examples: &t.examples,
                when: t.when.as_deref(),
                sources: sources(&t.sources),
            })
            .collect(),
        look_alikes: &c.look_alikes,
        sources: sources(&c.sources),
    }
}

pub fn export_json(kb: &KnowledgeBase) -> ExportJson<'_> {
    ExportJson {
        meta: MetaJson {
            title: &kb.meta.title,
            version: &kb.meta.version,
            reviewed: &kb.meta.reviewed,
            disclaimer: &kb.meta.disclaimer,
        },
        documents: kb
            .documents
            .iter()
            .map(|d| DocumentJson {
                id: &d.id,
                title: &d.title,
                kind: &d.kind,
                paragraphs: d.paragraphs,
            })
            .collect(),
        guidance: kb
            .guidance
            .iter()
            .map(|n| TextItemJson {
                text: &n.text,
                sources: sources(&n.sources),
            })
            .collect(),
        trimesters: kb
            .trimesters
            .iter()
            .map(|t| TrimesterJson {
                number: t.number,
                name: &t.name,
                weeks: WeeksJson {
                    from: t.weeks.from,
                    to: t.weeks.to,
                },
            })
            .collect(),
        groups: kb
            .groups
            .iter()
            .map(|g| GroupJson {
                id: &g.id,
                name: &g.name,
            })
            .collect(),
        causes: kb
            .tree_order()
            .into_iter()
            .map(|i| cause_json(&kb.causes[i]))
            .collect(),
    }
}

/// Pretty JSON text; serialising these plain structs cannot fail.
pub fn to_json_string<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
