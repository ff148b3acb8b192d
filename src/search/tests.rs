//! Unit tests of the engine on the embedded KB.

use super::*;
use crate::kb;

fn ids(kb: &KnowledgeBase, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| kb.causes[h.cause].id.clone()).collect()
}

#[test]
fn empty_query_lists_all_in_tree_order() {
    let kb = kb::embedded();
    let idx = SearchIndex::new(&kb);
    let hits = idx.search(&kb, &Query::text(""));
    let order: Vec<usize> = kb.tree_order();
    assert_eq!(hits.iter().map(|h| h.cause).collect::<Vec<_>>(), order);
    assert!(hits.iter().all(|h| h.score == 0.0 && h.matches.is_empty()));
    let _ = ids(&kb, &hits);
}
