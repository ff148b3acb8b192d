//! Ask next: the findings whose answer would best separate the leading causes (`DXplain`'s
//! "further information to collect").
//!
//! Each leading hit gets a share of belief from its score (a softmax, so the first few
//! dominate); a finding separates them well when its weight varies much across them, shares
//! counted. Findings the query already names (or their opposites) are not asked again.

use super::index::Index;
use super::model::{AskNext, Hit};
use super::query::ParsedQuery;

/// How many leading hits the questions try to separate.
const LEADING: usize = 4;
/// How many questions at most.
const QUESTIONS: usize = 3;

pub(super) fn ask_next(index: &Index, q: &ParsedQuery, hits: &[Hit]) -> Vec<AskNext> {
    let leading: Vec<&Hit> = hits
        .iter()
        .filter(|h| !h.outside_weeks)
        .take(LEADING)
        .collect();
    if leading.len() < 2 {
        return Vec::new();
    }
    let reader = &index.reader;
    let top = leading[0].score;
    let shares: Vec<f32> = leading.iter().map(|h| (h.score - top).exp()).collect();
    let total: f32 = shares.iter().sum();
    let asked = |f: usize| {
        q.findings.iter().any(|g| {
            let g = g.finding as usize;
            g == f || reader.findings[g].opposite.map(usize::from) == Some(f)
        })
    };
    let mut scored: Vec<(f32, usize)> = reader
        .findings
        .iter()
        .enumerate()
        .filter(|(f, info)| info.ask.is_some() && !asked(*f))
        .map(|(f, info)| {
            let weight_of = |cause: usize| {
                let own = index.net_of(f, cause as u32).unwrap_or(0.0);
                // A question about a finding with an opposite asks about both.
                let opposite = info.opposite.map_or(0.0, |o| {
                    index.net_of(o as usize, cause as u32).unwrap_or(0.0)
                });
                own - opposite
            };
            let values: Vec<f32> = leading.iter().map(|h| weight_of(h.cause)).collect();
            let mean: f32 = values.iter().zip(&shares).map(|(v, s)| v * s).sum::<f32>() / total;
            let spread: f32 = values
                .iter()
                .zip(&shares)
                .map(|(v, s)| s * (v - mean).powi(2))
                .sum::<f32>()
                / total;
            (spread, f)
        })
        .filter(|(spread, _)| *spread > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(QUESTIONS)
        .map(|(_, f)| {
            let info = &reader.findings[f];
            AskNext {
                id: info.id.clone(),
                question: info.ask.clone().unwrap_or_default(),
                if_present: info.phrase.clone(),
                if_absent: match (&info.ask_absent, info.opposite) {
                    (Some(absent), _) => absent.clone(),
                    (None, Some(o)) => reader.findings[o as usize].phrase.clone(),
                    (None, None) => format!("no {}", info.phrase),
                },
            }
        })
        .collect()
}
