//! `check --format json`: every problem with file, line, column and message, or (a valid KB)
//! a summary object. Shape (`format_version` 1) in `schemas/check.schema.json`.

use serde::Serialize;

use super::json::FORMAT_VERSION;
use crate::kb::{KbError, KnowledgeBase, Problem, Reference};

/// What a KB holds; the plain `check` prints the same counts.
#[derive(Serialize)]
pub struct Counts {
    pub causes: usize,
    pub groups: usize,
    pub signs: usize,
    pub red_flags: usize,
    pub risk_factors: usize,
    pub diagnostics: usize,
    pub treatments: usize,
    pub guidance: usize,
    pub citations: usize,
    pub documents: usize,
}

impl Counts {
    pub fn of(kb: &KnowledgeBase) -> Counts {
        let n = |f: fn(&crate::kb::Cause) -> usize| kb.causes.iter().map(f).sum::<usize>();
        Counts {
            causes: kb.causes.len(),
            groups: kb.groups.len(),
            signs: n(|c| c.signs.len()),
            red_flags: n(|c| c.signs.iter().filter(|s| s.red_flag).count()),
            risk_factors: n(|c| c.risk_factors.len()),
            diagnostics: n(|c| c.diagnostics.len()),
            treatments: n(|c| c.treatments.len()),
            guidance: kb.guidance.len(),
            citations: kb.cites().count(),
            documents: kb.documents.len(),
        }
    }
}

/// Whose `meta` a `check` output carries: the KB checked, when it loaded; else the built-in
/// KB's (the one obddx uses without `--kb`), since a KB that could not be read or validated has
/// no metadata to trust. Scripts read `meta` the same way in both cases and `meta_from` to tell.
const META_FROM_CHECKED: &str = "checked";
const META_FROM_BUILT_IN: &str = "built_in";

#[derive(Serialize)]
pub struct CheckOkJson {
    pub ok: bool,
    /// `"checked"`: `meta` is the checked KB's.
    pub meta_from: &'static str,
    pub counts: Counts,
    /// Whether the guideline layer was applied (not with `--documents-only` or `--kb PATH`).
    pub guideline_layer: bool,
}

#[derive(Serialize)]
pub struct CheckProblemsJson<'a> {
    pub format_version: u32,
    /// The built-in KB's metadata: the KB checked has none to trust.
    pub meta: super::json::MetaJson<'a>,
    /// `"built_in"`: `meta` is not the checked file's.
    pub meta_from: &'static str,
    pub ok: bool,
    pub problems: Vec<ProblemJson>,
}

/// One problem; `line` and `column` (1-based) are null where the error has no place
/// (an unreadable, empty or oversized file).
#[derive(Serialize)]
pub struct ProblemJson {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

pub fn check_ok_json(r: &Reference) -> String {
    let kb = &r.kb;
    super::json::enveloped(
        kb,
        FORMAT_VERSION,
        CheckOkJson {
            ok: true,
            meta_from: META_FROM_CHECKED,
            counts: Counts::of(kb),
            guideline_layer: r.guidelines.is_some(),
        },
    )
}

/// The problems of a KB that did not load, with `built_in`'s metadata (see [`CheckProblemsJson`]).
pub fn check_problems_json(e: &KbError, built_in: &crate::kb::Meta) -> String {
    super::json::to_json_string(&CheckProblemsJson {
        format_version: FORMAT_VERSION,
        meta: super::json::meta_fields(built_in),
        meta_from: META_FROM_BUILT_IN,
        ok: false,
        problems: problems(e),
    }) + "\n"
}

fn problems(e: &KbError) -> Vec<ProblemJson> {
    let placed = |p: &Problem| ProblemJson {
        file: p.path.clone(),
        line: Some(p.line),
        column: Some(p.col),
        message: p.message.clone(),
        help: p.help.clone(),
    };
    let unplaced = |path: &str| ProblemJson {
        file: path.to_string(),
        line: None,
        column: None,
        // The headline without its "path: " prefix: the file is its own field.
        message: e
            .to_string()
            .strip_prefix(&format!("{path}: "))
            .map_or_else(|| e.to_string(), str::to_string),
        help: None,
    };
    match e {
        KbError::Syntax(p) => vec![placed(p)],
        KbError::Invalid { problems, .. } => problems.iter().map(placed).collect(),
        KbError::Binary { path, line, col }
        | KbError::NotUtf8 {
            path, line, col, ..
        } => {
            let mut p = unplaced(path);
            p.line = Some(*line);
            p.column = Some(*col);
            p.message = e
                .to_string()
                .strip_prefix(&format!("{path}:{line}:{col}: "))
                .map_or_else(|| e.to_string(), str::to_string);
            vec![p]
        }
        KbError::Io { path, .. }
        | KbError::TooLarge { path, .. }
        | KbError::Empty { path }
        | KbError::Utf16 { path, .. } => {
            vec![unplaced(path)]
        }
    }
}
