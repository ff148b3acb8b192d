//! The differential tree: trimesters (and "any time"), then groups, then causes.
//! One shape shared by `obddx list`, the exports and the TUI.

use super::model::{KnowledgeBase, Stage};

/// A top-level section of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The trimester number, or `None` for causes that can occur at any time.
    pub trimester: Option<u8>,
    pub label: String,
    pub groups: Vec<GroupNode>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupNode {
    /// Index into `KnowledgeBase::groups`.
    pub group: usize,
    /// Indices into `KnowledgeBase::causes`, in tree order.
    pub causes: Vec<usize>,
}

/// Builds the tree. A cause appears under every trimester it lists; `AnyTime` causes appear
/// once, under "Any time". `only` keeps one trimester (plus "Any time", which applies to it too).
pub fn build_tree(kb: &KnowledgeBase, only: Option<u8>) -> Vec<Section> {
    let mut sections: Vec<Section> = kb
        .trimesters
        .iter()
        .filter(|t| only.is_none_or(|n| n == t.number))
        .map(|t| Section {
            trimester: Some(t.number),
            label: trimester_label(kb, t.number),
            groups: groups_where(
                kb,
                |stage| matches!(stage, Stage::Trimesters(ts) if ts.contains(&t.number)),
            ),
        })
        .collect();
    sections.push(Section {
        trimester: None,
        label: "Any time in pregnancy".into(),
        groups: groups_where(kb, |stage| matches!(stage, Stage::AnyTime)),
    });
    sections.retain(|s| !s.groups.is_empty());
    sections
}

/// "1st trimester (weeks 0–13)", from the KB's own trimester table.
pub fn trimester_label(kb: &KnowledgeBase, number: u8) -> String {
    match kb.trimesters.iter().find(|t| t.number == number) {
        Some(t) => format!("{} (weeks {}–{})", t.name, t.weeks.from, t.weeks.to),
        None => format!("Trimester {number}"),
    }
}

/// The stage of a cause in words: "1st, 2nd trimester" or "any time".
pub fn stage_label(stage: &Stage) -> String {
    match stage {
        Stage::AnyTime => "any time in pregnancy".into(),
        Stage::Trimesters(ts) => {
            let names: Vec<String> = ts.iter().map(|&t| ordinal(t)).collect();
            format!("{} trimester", names.join(", "))
        }
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

fn groups_where(kb: &KnowledgeBase, keep: impl Fn(&Stage) -> bool) -> Vec<GroupNode> {
    let order = kb.tree_order();
    kb.groups
        .iter()
        .enumerate()
        .filter_map(|(gi, g)| {
            let causes: Vec<usize> = order
                .iter()
                .copied()
                .filter(|&ci| kb.causes[ci].group == g.id && keep(&kb.causes[ci].stage))
                .collect();
            (!causes.is_empty()).then_some(GroupNode { group: gi, causes })
        })
        .collect()
}
