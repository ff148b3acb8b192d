//! Domain-to-text formatting for the TUI and the copied note: urgency tag, citation, claim
//! status, stage. One home, so the screen and the note cannot drift; it can later delegate to
//! the crate-wide labels module.

use crate::kb::{Cite, Claim, KnowledgeBase, Stage, Urgency};

/// "articles ¶5, 6; qa ¶2"
pub fn cites(cites: &[Cite]) -> String {
    cites
        .iter()
        .map(|c| {
            let paras: Vec<String> = c.para.iter().map(u32::to_string).collect();
            format!("{} ¶{}", c.doc, paras.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// "[articles ¶5, 6; qa ¶2]", the README's citation format.
pub fn citation(c: &[Cite]) -> String {
    format!("[{}]", cites(c))
}

/// "!! EMERGENCY"
pub fn urgency_tag(u: Urgency) -> String {
    format!("{} {}", u.symbol(), u.as_str().to_uppercase())
}

/// A claim status as a symbol and a word (never colour alone). Unicode or ASCII symbol.
pub fn claim_tag(claim: &Claim, ascii: bool) -> String {
    let (sym, asc, word) = match claim {
        Claim::Supported => ("✓", "+", "supported"),
        Claim::OneArticle => ("◐", "~", "one article only"),
        Claim::Disputed(_) => ("⚖", "?", "disputed"),
        Claim::RegionalPractice => ("⌂", "R", "regional practice"),
    };
    format!("{} {word}", if ascii { asc } else { sym })
}

/// The other side of a dispute with its citation, if the claim is disputed.
pub fn dispute_line(claim: &Claim) -> Option<String> {
    match claim {
        Claim::Disputed(d) => Some(format!(
            "other statement: {} {}",
            d.text,
            citation(&d.sources)
        )),
        _ => None,
    }
}

/// "1st, 2nd trimester" with the KB's trimester names; "any time in pregnancy" otherwise.
pub fn stage_text(kb: &KnowledgeBase, stage: &Stage) -> String {
    match stage {
        Stage::AnyTime | Stage::Unstated => crate::kb::stage_label(stage),
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

/// Stage plus the cause's weeks, if given: "1st trimester · weeks 6–10".
pub fn stage_and_weeks(kb: &KnowledgeBase, cause: &crate::kb::Cause) -> String {
    let mut s = stage_text(kb, &cause.stage);
    if let Some(w) = cause.weeks {
        s.push_str(&format!(" · weeks {}–{}", w.from, w.to));
    }
    s
}

/// The label of an editor's note, so it is never mistaken for the documents' text.
pub const EDITOR_NOTE: &str = "editor's note";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_matches_the_readme_format() {
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
        assert_eq!(citation(&c), "[articles ¶5, 6; qa ¶2]");
    }

    #[test]
    fn claim_tags_have_a_word() {
        assert_eq!(claim_tag(&Claim::OneArticle, false), "◐ one article only");
        assert_eq!(
            claim_tag(&Claim::RegionalPractice, true),
            "R regional practice"
        );
    }
}
