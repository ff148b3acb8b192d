//! The differential tree: trimesters (and "any time"), then groups, then causes.
//! One shape shared by `obddx list`, the exports and the TUI.

use super::model::{KnowledgeBase, Stage};

/// A top-level section of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The trimester number, or `None` for causes that can occur at any time.
    /// Its heading is [`crate::labels::section_label`]'s.
    pub trimester: Option<u8>,
    pub groups: Vec<GroupNode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupNode {
    /// Index into `KnowledgeBase::groups`.
    pub group: usize,
    /// Indices into `KnowledgeBase::causes`, in tree order.
    pub causes: Vec<usize>,
}

/// Builds the tree. A cause appears under every trimester it is placed in (its weeks, where it
/// has them, decide: [`super::model::Cause::in_trimester`]); `AnyTime` and `Unstated` causes
/// appear once, under the any-time section. `only` keeps one trimester (plus "Any time", which applies to it too).
pub fn build_tree(kb: &KnowledgeBase, only: Option<u8>) -> Vec<Section> {
    let mut sections: Vec<Section> = kb
        .trimesters
        .iter()
        .filter(|t| only.is_none_or(|n| n == t.number))
        .map(|t| Section {
            trimester: Some(t.number),
            groups: Vec::new(),
        })
        .chain(std::iter::once(Section {
            trimester: None,
            groups: Vec::new(),
        }))
        .collect();
    // One pass in tree order: each cause goes to its sections' group buckets.
    let group = kb.group_positions();
    let mut buckets: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); kb.groups.len()]; sections.len()];
    for ci in kb.tree_order() {
        let bucket_group = group[ci];
        if bucket_group >= kb.groups.len() {
            continue; // validation rejects unknown groups
        }
        for (si, section) in sections.iter().enumerate() {
            let cause = &kb.causes[ci];
            let here = match (&cause.stage, section.trimester) {
                (Stage::AnyTime | Stage::Unstated, None) => true,
                (Stage::Trimesters(_), Some(t)) => cause.in_trimester(&kb.trimesters, t),
                _ => false,
            };
            if here {
                buckets[si][bucket_group].push(ci);
            }
        }
    }
    for (section, groups) in sections.iter_mut().zip(buckets) {
        section.groups = groups
            .into_iter()
            .enumerate()
            .filter(|(_, causes)| !causes.is_empty())
            .map(|(group, causes)| GroupNode { group, causes })
            .collect();
    }
    sections.retain(|s| !s.groups.is_empty());
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::{Cause, Group, Meta, Trimester, Urgency, WeekRange};

    fn cause(id: &str, group: &str, stage: Stage) -> Cause {
        Cause {
            id: id.into(),
            name: id.into(),
            short_name: None,
            group: group.into(),
            aliases: vec![],
            stage,
            weeks: None,
            weeks_derivation: None,
            urgency: Urgency::Routine,
            urgency_basis: crate::kb::UrgencyBasis::Stated,
            summary: "s".into(),
            action: "a".into(),
            sources: vec![],
            claim: crate::kb::Claim::default(),
            signs: vec![],
            risk_factors: vec![],
            diagnostics: vec![],
            treatments: vec![],
            complications: vec![],
            look_alikes: vec![],
        }
    }

    fn kb() -> KnowledgeBase {
        let t = |number, from, to| Trimester {
            number,
            name: format!("T{number}"),
            weeks: WeekRange { from, to },
        };
        let g = |id: &str| Group {
            id: id.into(),
            name: id.to_uppercase(),
        };
        KnowledgeBase {
            meta: Meta {
                title: "t".into(),
                version: "1".into(),
                updated: "2026-01-01".into(),
                disclaimer: "d".into(),
            },
            documents: vec![],
            guidance: vec![],
            trimesters: vec![t(1, 0, 13), t(2, 14, 27), t(3, 28, 42)],
            groups: vec![g("first"), g("second")],
            causes: vec![
                cause("late", "second", Stage::Trimesters(vec![3])),
                cause("early-and-mid", "first", Stage::Trimesters(vec![1, 2])),
                cause("whenever", "second", Stage::AnyTime),
                cause("early-second-group", "second", Stage::Trimesters(vec![1])),
            ],
        }
    }

    fn ids<'a>(kb: &'a KnowledgeBase, section: &Section) -> Vec<Vec<&'a str>> {
        section
            .groups
            .iter()
            .map(|g| g.causes.iter().map(|&c| kb.causes[c].id.as_str()).collect())
            .collect()
    }

    #[test]
    fn causes_sit_under_each_of_their_trimesters_and_any_time_once() {
        let kb = kb();
        let tree = build_tree(&kb, None);
        let labels: Vec<String> = tree
            .iter()
            .map(|s| crate::labels::section_label(&kb, s.trimester))
            .collect();
        assert_eq!(
            labels,
            [
                "T1 (weeks 0–13)",
                "T2 (weeks 14–27)",
                "T3 (weeks 28–42)",
                "Any time in pregnancy"
            ]
        );
        assert_eq!(
            ids(&kb, &tree[0]),
            [vec!["early-and-mid"], vec!["early-second-group"]]
        );
        assert_eq!(ids(&kb, &tree[1]), [vec!["early-and-mid"]]);
        assert_eq!(ids(&kb, &tree[2]), [vec!["late"]]);
        assert_eq!(tree[3].trimester, None);
        assert_eq!(ids(&kb, &tree[3]), [vec!["whenever"]]);
    }

    #[test]
    fn a_trimester_filter_keeps_that_trimester_and_any_time() {
        let kb = kb();
        let tree = build_tree(&kb, Some(3));
        let stages: Vec<Option<u8>> = tree.iter().map(|s| s.trimester).collect();
        assert_eq!(stages, [Some(3), None]);
    }

    #[test]
    fn empty_sections_are_left_out() {
        let mut kb = kb();
        kb.causes.retain(|c| c.id == "late");
        let stages: Vec<Option<u8>> = build_tree(&kb, None).iter().map(|s| s.trimester).collect();
        assert_eq!(stages, [Some(3)]);
    }
}
