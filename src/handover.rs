//! The handover note, in SBAR order: Situation (gestation and EDD, the time, the findings
//! typed), Background (what the note was made from), Assessment (the causes considered — the top
//! three and the must-not-miss — each with its distinguishing signs), Recommendation (the first
//! steps, the unit's local ones first), then the KB's version, sources and disclaimer.
//!
//! Built once from the search the clinician ran ([`Handover::build`]), written as text, Markdown
//! or one self-contained HTML page. Nothing identifies a patient: none is asked for, none kept.
//! The time is passed in, so tests fix it.

use std::fmt::Write as _;

use crate::kb::{Cause, Reference};
use crate::labels;
use crate::search::{ResolvedStage, StageFrom};

/// How many ranked causes the Assessment lists (the must-not-miss come on top of these).
pub const TOP_CAUSES: usize = 3;

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// When the note is made: the clock, passed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// Seconds since 1970-01-01 UTC.
    pub unix_seconds: i64,
}

impl Clock {
    pub fn now() -> Self {
        Clock::at(std::time::SystemTime::now())
    }

    /// The clock at `time` (before 1970: at 1970).
    pub fn at(time: std::time::SystemTime) -> Self {
        let secs = time
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Clock { unix_seconds: secs }
    }

    /// "2026-12-02 14:05 UTC".
    pub fn label(self) -> String {
        let day = self.unix_seconds.div_euclid(86_400);
        let secs = self.unix_seconds.rem_euclid(86_400);
        format!(
            "{} {:02}:{:02} UTC",
            crate::kb::iso_date(day),
            secs / 3600,
            (secs % 3600) / 60
        )
    }

    fn day(self) -> i64 {
        self.unix_seconds.div_euclid(86_400)
    }
}

/// What the clinician gave: the findings typed, the stage the search used, its results.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings<'a> {
    pub text: &'a str,
    pub stage: ResolvedStage,
    /// Ranked causes, best first (indices into the KB's causes).
    pub ranked: Vec<usize>,
    /// Must-not-miss emergencies of the stage, with why each is dangerous.
    pub must_not_miss: Vec<(usize, String)>,
}

/// One cause considered.
#[derive(Debug, Clone, PartialEq)]
pub struct Considered {
    pub title: String,
    /// "ranked 1 for the findings" or "must not miss: …".
    pub why: String,
    pub signs: Vec<String>,
}

/// The note, ready to be written in any format. Every line is plain text.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    pub title: String,
    pub situation: Vec<String>,
    pub background: Vec<String>,
    pub assessment: Vec<Considered>,
    pub recommendation: Vec<String>,
    pub provenance: Vec<String>,
    pub sources: Vec<String>,
}

impl Handover {
    pub fn build(r: &Reference, findings: &Findings<'_>, clock: Clock) -> Handover {
        let kb = &r.kb;
        let mut situation = vec![format!("Time: {}", clock.label())];
        situation.push(gestation_line(kb, &findings.stage, clock));
        let typed = findings.text.trim();
        situation.push(if typed.is_empty() {
            "Findings typed: none".into()
        } else {
            format!("Findings typed: {typed}")
        });

        let mut background = vec![
            "Made from the findings above with obddx; no patient identifier is asked for or kept."
                .to_string(),
            format!(
                "Reference: {} v{}{}",
                kb.meta.title,
                kb.meta.version,
                if r.guidelines.is_some() {
                    format!(
                        ", with the {} safety layer (guidelines and clinical references)",
                        labels::GUIDELINE_MARK
                    )
                } else {
                    ", the documents only".to_owned()
                }
            ),
        ];
        if let Some(local) = &r.local {
            background.push(labels::local_banner(
                local,
                &crate::kb::iso_date(clock.day()),
            ));
        }

        let mut causes: Vec<(usize, String)> = findings
            .ranked
            .iter()
            .take(TOP_CAUSES)
            .enumerate()
            .map(|(i, &c)| (c, format!("ranked {} for the findings", i + 1)))
            .collect();
        for (c, why) in &findings.must_not_miss {
            if !causes.iter().any(|(x, _)| x == c) {
                causes.push((*c, format!("must not miss: {why}")));
            }
        }
        let assessment = causes
            .iter()
            .map(|(c, why)| {
                let cause = &kb.causes[*c];
                // A guideline cause's own items share its fact, as `show` prints it by the title.
                let cause_fact = labels::cause_fact_tag(r.guidelines.as_ref(), &cause.id);
                considered(kb, cause, cause_fact.as_deref(), why)
            })
            .collect();

        let mut recommendation = Vec::new();
        let considered_causes: Vec<&Cause> = causes.iter().map(|(c, _)| &kb.causes[*c]).collect();
        if let Some(local) = &r.local {
            for cause in &considered_causes {
                for n in r.local_do_now(cause) {
                    push_new(
                        &mut recommendation,
                        format!("{} — {}", labels::local_note_line(local, n), cause.name),
                    );
                }
            }
        }
        // What to do first for the ranked causes at the stated week: the safety layer's do-now
        // selection, as on each cause's card (a must-not-miss brings its own first step below;
        // its do-now block would crowd the note). Lines shared by causes are written once.
        for cause in considered_causes
            .iter()
            .take(findings.ranked.len().min(TOP_CAUSES))
        {
            for line in crate::kb::do_now_in(kb, r.guidelines.as_ref(), cause, findings.stage.week)
            {
                push_new(&mut recommendation, crate::note::do_now_line(&line));
            }
        }
        for cause in &considered_causes {
            let basis = kb.cause_basis(cause);
            push_new(
                &mut recommendation,
                format!(
                    "{}{} ({}): {}",
                    labels::basis_prefix(basis),
                    labels::action_label(basis),
                    cause.name,
                    cause.action
                ),
            );
        }
        if recommendation.is_empty() {
            recommendation.push("No cause matched the findings: assess in person.".into());
        }

        let mut sources = Vec::new();
        for cause in &considered_causes {
            for (doc, _) in r.cited_documents(cause) {
                push_new(&mut sources, labels::document_line(doc));
            }
        }
        let mut provenance = vec![
            format!(
                "{} v{}, {}",
                kb.meta.title,
                kb.meta.version,
                labels::updated_label(&kb.meta.updated)
            ),
            format!("Disclaimer: {}", kb.meta.disclaimer),
        ];
        if let Some(local) = &r.local
            && local.past_review(&crate::kb::iso_date(clock.day()))
        {
            provenance.push(labels::local_past_review(local));
        }
        Handover {
            title: format!(
                "Handover (SBAR) — bleeding in pregnancy — {}",
                clock.label()
            ),
            situation,
            background,
            assessment,
            recommendation,
            provenance,
            sources,
        }
    }

    /// The note in one format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => self.text(),
            Format::Markdown => self.markdown(),
            Format::Html => self.html(),
        }
    }

    fn sections(&self) -> [(&'static str, Vec<String>); 2] {
        [
            ("S — Situation", self.situation.clone()),
            ("B — Background", self.background.clone()),
        ]
    }

    fn text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for (heading, lines) in self.sections() {
            let _ = writeln!(out, "\n{heading}");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
        let _ = writeln!(out, "\n{ASSESSMENT}");
        for c in &self.assessment {
            let _ = writeln!(out, "  - {} ({})", c.title, c.why);
            for s in &c.signs {
                let _ = writeln!(out, "      {s}");
            }
        }
        let _ = writeln!(out, "\n{RECOMMENDATION}");
        for l in &self.recommendation {
            let _ = writeln!(out, "  - {l}");
        }
        let _ = writeln!(out, "\nSources");
        for l in &self.sources {
            let _ = writeln!(out, "  - {l}");
        }
        out.push_str("--\n");
        for l in &self.provenance {
            let _ = writeln!(out, "{l}");
        }
        out
    }

    fn markdown(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        for (heading, lines) in self.sections() {
            let _ = writeln!(out, "\n## {heading}\n");
            for l in lines {
                let _ = writeln!(out, "- {}", md(&l));
            }
        }
        let _ = writeln!(out, "\n## {ASSESSMENT}\n");
        for c in &self.assessment {
            let _ = writeln!(out, "- **{}** ({})", md(&c.title), md(&c.why));
            for s in &c.signs {
                let _ = writeln!(out, "  - {}", md(s));
            }
        }
        let _ = writeln!(out, "\n## {RECOMMENDATION}\n");
        for l in &self.recommendation {
            let _ = writeln!(out, "- {}", md(l));
        }
        let _ = writeln!(out, "\n## Sources\n");
        for l in &self.sources {
            let _ = writeln!(out, "- {}", md(l));
        }
        out.push_str("\n---\n\n");
        for l in &self.provenance {
            let _ = writeln!(out, "{}  ", md(l));
        }
        out
    }

    /// One printable page: no script, no external resource, every text escaped.
    fn html(&self) -> String {
        let mut out =
            String::from("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        let _ = writeln!(out, "<title>{}</title>", html(&self.title));
        out.push_str(
            "<style>body{font-family:sans-serif;max-width:48em;margin:1em auto;line-height:1.4}\
             h2{border-bottom:1px solid #888}li{margin:.2em 0}\
             footer{margin-top:2em;font-size:.9em}@media print{body{margin:0}}</style>\n",
        );
        let _ = writeln!(out, "</head>\n<body>\n<h1>{}</h1>", html(&self.title));
        for (heading, lines) in self.sections() {
            let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html(heading));
            for l in lines {
                let _ = writeln!(out, "<li>{}</li>", html(&l));
            }
            out.push_str("</ul>\n");
        }
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html(ASSESSMENT));
        for c in &self.assessment {
            let _ = write!(
                out,
                "<li><strong>{}</strong> ({})",
                html(&c.title),
                html(&c.why)
            );
            if !c.signs.is_empty() {
                out.push_str("<ul>");
                for s in &c.signs {
                    let _ = write!(out, "<li>{}</li>", html(s));
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html(RECOMMENDATION));
        for l in &self.recommendation {
            let _ = writeln!(out, "<li>{}</li>", html(l));
        }
        out.push_str("</ul>\n<h2>Sources</h2>\n<ul>\n");
        for l in &self.sources {
            let _ = writeln!(out, "<li>{}</li>", html(l));
        }
        out.push_str("</ul>\n<footer>\n");
        for l in &self.provenance {
            let _ = writeln!(out, "<p>{}</p>", html(l));
        }
        out.push_str("</footer>\n</body>\n</html>\n");
        out
    }
}

const ASSESSMENT: &str = "A — Assessment: causes considered";
const RECOMMENDATION: &str = "R — Recommendation: do now (local protocol first)";

fn push_new(lines: &mut Vec<String>, line: String) {
    if !lines.contains(&line) {
        lines.push(line);
    }
}

/// A cause considered, with its distinguishing and red-flag signs (or that the documents give
/// none); each safety-layer sign names its fact and strength (`cause_fact` for a guideline
/// cause's own signs), as `show` does.
fn considered(
    kb: &crate::kb::KnowledgeBase,
    cause: &Cause,
    cause_fact: Option<&str>,
    why: &str,
) -> Considered {
    let mark = labels::basis_prefix(kb.cause_basis(cause));
    let mut signs: Vec<String> = cause
        .signs
        .iter()
        .filter(|s| s.distinguishing || s.red_flag)
        .map(|s| {
            let mut marks = Vec::new();
            if s.red_flag {
                marks.push(labels::RED_FLAG);
            }
            if s.distinguishing {
                marks.push(labels::KEY_SIGN);
            }
            let fact = s
                .fact
                .as_ref()
                .map(labels::layer_fact_tag)
                .or_else(|| cause_fact.map(str::to_owned))
                .map(|tag| format!("{tag} · "))
                .unwrap_or_default();
            format!(
                "[{}] {fact}{} {}",
                marks.join(", "),
                s.text,
                labels::citation(kb, &s.sources)
            )
        })
        .collect();
    if signs.is_empty() {
        signs.push("No distinguishing sign given in the reference.".into());
    }
    Considered {
        title: format!(
            "{}  {mark}{}",
            labels::urgency_tag(cause.urgency),
            cause.name
        ),
        why: why.into(),
        signs,
    }
}

/// "Gestation: 32+4 weeks (3rd trimester), from the findings; EDD about 2027-01-13 (estimated
/// from it)", or that none was given.
fn gestation_line(kb: &crate::kb::KnowledgeBase, stage: &ResolvedStage, clock: Clock) -> String {
    let from = match stage.from {
        Some(StageFrom::Query) => ", from the findings",
        Some(StageFrom::Option) => ", as given",
        None => "",
    };
    let trimester = stage
        .trimester
        .map(|t| format!(" ({})", labels::trimester_label(kb, t)))
        .unwrap_or_default();
    match stage.week {
        Some(w) => {
            let days = stage.days.unwrap_or(0);
            let elapsed = i64::from(w) * 7 + i64::from(days);
            let edd = crate::kb::iso_date(clock.day() + 280 - elapsed);
            let written = match stage.days {
                Some(d) => format!("{w}+{d}"),
                None => w.to_string(),
            };
            format!(
                "Gestation: {written} weeks{trimester}{from}; EDD about {edd} (estimated from the gestation today; check it against the dating scan)"
            )
        }
        None if stage.trimester.is_some() => {
            format!(
                "Gestation: {}{from}; no week given, no EDD",
                trimester.trim()
            )
        }
        None => "Gestation: not given; no EDD".into(),
    }
}

/// Markdown text with the characters that would change its meaning escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// HTML text: `&`, `<`, `>`, quotes escaped, so no text can become markup.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_label_is_the_utc_date_and_minute() {
        let at = |secs| Clock::at(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs));
        assert_eq!(at(0).label(), "1970-01-01 00:00 UTC");
        // 2024-02-29 23:59:59 UTC (a leap day).
        assert_eq!(at(1_709_251_199).label(), "2024-02-29 23:59 UTC");
        assert_eq!(at(1_709_251_200).label(), "2024-03-01 00:00 UTC");
    }
}
