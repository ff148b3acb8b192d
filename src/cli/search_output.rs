//! `obddx search`: ranked causes as text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use super::args::SearchFormat;
use crate::kb::KnowledgeBase;
use crate::search::{Match, Query};

#[derive(Serialize)]
struct HitJson<'a> {
    rank: usize,
    id: &'a str,
    name: &'a str,
    urgency: &'static str,
    score: f32,
    matches: &'a [Match],
}

pub fn run(
    kb: &KnowledgeBase,
    text: &str,
    trimester: Option<u8>,
    week: Option<u8>,
    limit: usize,
    format: SearchFormat,
) -> String {
    let index = crate::prebuilt::index_for(kb);
    let query = Query {
        text: text.to_string(),
        trimester,
        week,
    };
    let hits = index.search(kb, &query);
    let hits = &hits[..hits.len().min(limit)];
    match format {
        SearchFormat::Json => {
            let rows: Vec<HitJson<'_>> = hits
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    let c = &kb.causes[h.cause];
                    HitJson {
                        rank: i + 1,
                        id: &c.id,
                        name: &c.name,
                        urgency: c.urgency.as_str(),
                        score: h.score,
                        matches: &h.matches,
                    }
                })
                .collect();
            super::json::to_json_string(&rows) + "\n"
        }
        SearchFormat::Text => {
            if hits.is_empty() {
                return format!("no cause matches \"{text}\"\n");
            }
            let mut out = String::new();
            // A query with no words to match (empty, or only a stage) lists causes unscored.
            let scored = hits.iter().any(|h| h.score > 0.0);
            for (i, h) in hits.iter().enumerate() {
                let c = &kb.causes[h.cause];
                let score = if scored {
                    format!(", score {:.2}", h.score)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{:>2}. {:<2} {:<9} {}  ({}{score})",
                    i + 1,
                    c.urgency.symbol(),
                    c.urgency.as_str().to_uppercase(),
                    c.name,
                    c.id,
                );
                for m in h.matches.iter().take(4) {
                    let field = serde_json::to_value(m.field).ok();
                    let field = field.as_ref().and_then(|v| v.as_str()).unwrap_or("");
                    let _ = writeln!(out, "      {field}: {}", m.text);
                }
            }
            out
        }
    }
}
