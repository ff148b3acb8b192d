//! What to do first for a cause at a stated week: the safety layer's do-now lines that apply
//! then, in a fixed order, at most [`MAX_DO_NOW_LINES`]. Pure: the same reference, cause and week
//! give the same lines. Empty without the layer (`--documents-only`).
//!
//! Order: by step (assess and resuscitate, then what to avoid, then the cause's own action, then
//! protection such as anti-D and corticosteroids); within a step, the stage's lines, then the
//! cause's own action, then the cause notes', each in file order. One line per fact.

use super::guideline::{DoNow, DoNowStep, GuidelineCite, GuidelineLayer, GuidelineStage};
use super::layer::Reference;
use super::membership::When;
use super::model::{Cause, KnowledgeBase, Stage, Trimester};
use super::strength::Strength;

/// The most lines the block shows.
pub const MAX_DO_NOW_LINES: usize = 5;
pub use super::guideline::MAX_DO_NOW_COLUMNS;

/// One line of the do-now block, with the fact it comes from, its strength and its sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoNowLine {
    pub text: String,
    pub fact: String,
    pub strength: Strength,
    pub sources: Vec<GuidelineCite>,
}

/// A candidate line before ordering: (step, place in the order within the step).
struct Candidate<'a> {
    step: DoNowStep,
    place: usize,
    line: &'a DoNow,
    fact: &'a str,
    sources: &'a [GuidelineCite],
}

/// The do-now lines for `cause` at `week`. Without a week, only lines that hold at every week of
/// the cause: the stage's lines when the cause lies wholly inside that stage, and the cause's
/// lines that have no weeks of their own.
pub fn do_now(reference: &Reference, cause: &Cause, week: Option<u8>) -> Vec<DoNowLine> {
    do_now_in(&reference.kb, reference.guidelines.as_ref(), cause, week)
}

/// [`do_now`] on a KB and its layer held apart (the browser swaps the layer in and out).
pub fn do_now_in(
    kb: &KnowledgeBase,
    layer: Option<&GuidelineLayer>,
    cause: &Cause,
    week: Option<u8>,
) -> Vec<DoNowLine> {
    let Some(layer) = layer else {
        return Vec::new();
    };
    let trimesters = &kb.trimesters;
    let when = week.map(When::Week);
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for (i, note) in layer.stage_notes.iter().enumerate() {
        let applies = match when {
            Some(when) => note.applies(trimesters, when) && cause.occurs_in(trimesters, when),
            None => note.weeks.is_none() && lies_within(cause, trimesters, note.stage),
        };
        if let (true, Some(line)) = (applies, &note.do_now) {
            candidates.push(Candidate {
                step: line.step,
                place: i,
                line,
                fact: &note.fact,
                sources: &note.sources,
            });
        }
    }
    let stage_count = layer.stage_notes.len();
    if let Some(own) = layer.causes.iter().find(|c| c.id == cause.id)
        && let Some(line) = &own.do_now
    {
        candidates.push(Candidate {
            step: line.step,
            place: stage_count,
            line,
            fact: &own.fact,
            sources: &own.sources,
        });
    }
    for (i, note) in layer.cause_notes.iter().enumerate() {
        let concerns = note.causes.contains(&cause.id);
        let applies = match when {
            Some(when) => note.applies(trimesters, when),
            None => note.weeks.is_none(),
        };
        if let (true, true, Some(line)) = (concerns, applies, &note.do_now) {
            candidates.push(Candidate {
                step: line.step,
                place: stage_count + 1 + i,
                line,
                fact: &note.fact,
                sources: &note.sources,
            });
        }
    }
    candidates.sort_by_key(|c| (c.step, c.place));
    let mut lines: Vec<DoNowLine> = Vec::new();
    for c in candidates {
        if lines.len() == MAX_DO_NOW_LINES {
            break;
        }
        if lines.iter().any(|l| l.fact == c.fact) {
            continue;
        }
        lines.push(line(layer, &c));
    }
    lines
}

fn line(layer: &GuidelineLayer, c: &Candidate<'_>) -> DoNowLine {
    DoNowLine {
        text: c.line.text.clone(),
        fact: c.fact.to_string(),
        // Validation requires every fact to be listed; A is never assumed for an unlisted one.
        strength: layer.strength_of(c.fact).unwrap_or(Strength::C),
        sources: c.sources.to_vec(),
    }
}

/// Whether every week the cause is placed at lies inside the stage's weeks.
fn lies_within(cause: &Cause, trimesters: &[Trimester], stage: GuidelineStage) -> bool {
    let window = stage.weeks();
    if let Some(weeks) = cause.weeks {
        return window.from <= weeks.from && weeks.to <= window.to;
    }
    match &cause.stage {
        Stage::Trimesters(ts) => ts.iter().all(|t| {
            trimesters
                .iter()
                .find(|x| x.number == *t)
                .is_some_and(|x| window.from <= x.weeks.from && x.weeks.to <= window.to)
        }),
        Stage::AnyTime | Stage::Unstated => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Reference {
        Reference::builtin(false).expect("the built-in reference loads")
    }

    fn lines(r: &Reference, id: &str, week: Option<u8>) -> Vec<DoNowLine> {
        let cause = r.kb.cause(id).expect("cause exists");
        do_now(r, cause, week)
    }

    fn facts(lines: &[DoNowLine]) -> Vec<String> {
        lines.iter().map(|l| l.fact.clone()).collect()
    }

    #[test]
    fn praevia_at_32_weeks_assesses_first_then_avoids_examination_then_protects() {
        let r = reference();
        let got = lines(&r, "placenta-praevia", Some(32));
        assert_eq!(facts(&got), ["G3", "G4", "G8", "G9"]);
        assert!(got.iter().all(|l| l.strength == Strength::A));
        assert!(got[0].text.to_lowercase().contains("woman"));
    }

    #[test]
    fn corticosteroids_leave_the_block_after_their_window() {
        let r = reference();
        assert!(facts(&lines(&r, "placenta-praevia", Some(32))).contains(&"G9".into()));
        assert!(!facts(&lines(&r, "placenta-praevia", Some(37))).contains(&"G9".into()));
    }

    #[test]
    fn vasa_praevia_names_its_own_action_before_protection() {
        let r = reference();
        let got = facts(&lines(&r, "vasa-praevia", Some(30)));
        let act = got.iter().position(|f| *f == "G10").expect("its action");
        let rhd = got.iter().position(|f| *f == "G8").expect("the RhD line");
        assert_eq!(got[0], "G3");
        assert!(act < rhd, "{got:?}");
    }

    #[test]
    fn early_pregnancy_lines_are_not_shown_late_and_late_lines_not_early() {
        let r = reference();
        let early = facts(&lines(&r, "ectopic-pregnancy", Some(8)));
        let has = |v: &[String], f: &str| v.iter().any(|x| x == f);
        assert!(has(&early, "G14"), "{early:?}");
        assert!(!has(&early, "G3") && !has(&early, "G9"), "{early:?}");
        // A cause of any time at 30 weeks gets the late lines, not the early ones.
        let late = facts(&lines(&r, "polyps", Some(30)));
        assert!(has(&late, "G3") && !has(&late, "G14"), "{late:?}");
    }

    #[test]
    fn at_most_five_lines_each_short_and_one_per_fact() {
        let r = reference();
        for cause in &r.kb.causes {
            for week in [
                None,
                Some(6),
                Some(12),
                Some(20),
                Some(26),
                Some(32),
                Some(39),
            ] {
                let got = do_now(&r, cause, week);
                assert!(got.len() <= MAX_DO_NOW_LINES, "{} {week:?}", cause.id);
                let mut seen = facts(&got);
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), got.len(), "{} {week:?}", cause.id);
                for l in &got {
                    let width = unicode_width::UnicodeWidthStr::width(l.text.as_str());
                    assert!(width <= MAX_DO_NOW_COLUMNS, "{}", l.text);
                }
            }
        }
    }

    #[test]
    fn empty_without_the_layer() {
        let r = Reference::builtin(true).expect("documents only");
        for cause in &r.kb.causes {
            assert!(do_now(&r, cause, Some(32)).is_empty());
        }
    }
}
