//! The knowledge base: schema, loading and validation.

mod model;

pub use model::*;

/// The KB shipped inside the binary, so obddx works with no files beside it.
pub const EMBEDDED_KB: &str = include_str!("../../data/kb.ron");
pub const EMBEDDED_KB_NAME: &str = "<embedded>/data/kb.ron";

/// Parse KB text. (Validation with positions is added in `load`.)
pub fn parse(name: &str, text: &str) -> Result<KnowledgeBase, String> {
    ron::from_str(text).map_err(|e| format!("{name}:{e}"))
}

/// The embedded KB. It is validated by the test suite, so failure here is a build defect.
pub fn embedded() -> KnowledgeBase {
    parse(EMBEDDED_KB_NAME, EMBEDDED_KB).expect("embedded KB is valid")
}

impl KnowledgeBase {
    /// Cause indices in tree order: by group order, then file order within a group.
    pub fn tree_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.causes.len()).collect();
        order.sort_by_key(|&i| {
            self.groups
                .iter()
                .position(|g| g.id == self.causes[i].group)
                .unwrap_or(usize::MAX)
        });
        order
    }
}
