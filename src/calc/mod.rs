//! Bedside calculators: pure functions from what a clinician knows to the rule of the safety
//! layer that applies, each result citing its facts (id, guideline, strength in words) and
//! saying that local protocols govern. One file per calculator; [`Report`] is the one text
//! form that the CLI, the browser and its copy share.
//!
//! The calculators state what the facts say; where two guidelines differ (anti-D before 12
//! weeks) they show both and choose neither. They rest on the safety layer: without it
//! (`--documents-only`, `--kb PATH`) they do not run ([`REFUSAL`]).

pub mod anti_d;
pub mod blood_loss;
pub mod facts;
pub mod gestation;
pub mod hcg;
pub mod steroids;

use serde::Serialize;

pub use facts::Fact;

/// Said by every result.
pub const LOCAL_PROTOCOLS: &str = "Local protocols govern.";

/// Why the calculators do not run without the safety layer.
pub const REFUSAL: &str = "the calculators apply the § GUIDELINE safety layer's facts (G2, G8, G9, G15, G19, G38, G64–G66), which --documents-only (or --kb PATH) leaves out: they do not run without it";

/// One line of a result and the fact it applies (none for plain arithmetic).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<&'static str>,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            fact: None,
        }
    }

    pub fn cited(fact: &'static str, text: impl Into<String>) -> Line {
        Line {
            text: text.into(),
            fact: Some(fact),
        }
    }
}

/// A calculator's result as text: a headline, cited lines and the facts they rest on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// "hcg", "ga", "loss", "anti-d", "steroids".
    pub calculator: &'static str,
    pub title: &'static str,
    /// The answer in one line: "70% rise over 48 hours".
    pub headline: String,
    pub lines: Vec<Line>,
    pub facts: Vec<facts::FactCitation>,
    pub local_protocols: &'static str,
}

impl Report {
    /// Builds a report whose facts are those its lines cite, in first-cited order.
    pub fn new(
        calculator: &'static str,
        title: &'static str,
        headline: String,
        lines: Vec<Line>,
    ) -> Report {
        let mut ids: Vec<&'static str> = Vec::new();
        for id in lines.iter().filter_map(|l| l.fact) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Report {
            calculator,
            title,
            headline,
            facts: ids.into_iter().map(facts::citation).collect(),
            lines,
            local_protocols: LOCAL_PROTOCOLS,
        }
    }

    /// Plain text: title and headline, each line with its fact in brackets, the facts with
    /// their sources and strength, and that local protocols govern. What the CLI prints and
    /// the browser copies.
    pub fn text(&self) -> String {
        let mut out = format!("{}: {}\n", self.title, self.headline);
        for line in &self.lines {
            out.push_str(&line_text(line));
            out.push('\n');
        }
        if self.facts.is_empty() {
            out.push_str("Facts applied: none (date arithmetic only)\n");
        } else {
            out.push_str("Facts applied (§ GUIDELINE safety layer):\n");
        }
        for fact in &self.facts {
            out.push_str(&format!("  {}\n", fact.text()));
        }
        out.push_str(self.local_protocols);
        out.push('\n');
        out
    }
}

/// "– text \[G15\]".
pub fn line_text(line: &Line) -> String {
    match line.fact {
        Some(id) => format!("- {} [{id}]", line.text),
        None => format!("- {}", line.text),
    }
}
