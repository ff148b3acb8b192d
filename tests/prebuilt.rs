//! The KB and index embedded by build.rs are the ones the RON loader and the index builder
//! produce from the shipped files.

use obddx::kb::{self, Reference};
use obddx::prebuilt;
use obddx::search::{Query, SearchIndex};

#[test]
fn prebuilt_references_equal_the_ron_loaded_ones() {
    for documents_only in [false, true] {
        assert_eq!(
            prebuilt::reference(documents_only),
            Reference::builtin(documents_only).unwrap()
        );
    }
}

/// Queries built from the KB itself (every name, alias and sign, a typo of each name, every
/// prefix of a few words) plus stages, so a change in the KB or the engine is covered.
fn queries(kb: &kb::KnowledgeBase) -> Vec<Query> {
    let mut texts = vec![
        String::new(),
        "pain on one side".to_string(),
        "painless scarlet bleeding after intercourse 32w".to_string(),
        "stone-hard uterus and lower back pain".to_string(),
        "miscariage abruptoin".to_string(),
        "xylophone".to_string(),
    ];
    for cause in &kb.causes {
        texts.push(cause.name.clone());
        texts.extend(cause.aliases.iter().cloned());
        texts.extend(cause.signs.iter().map(|s| s.text.clone()));
        // a typo: drop the name's second character
        let mut typo: Vec<char> = cause.name.chars().collect();
        if typo.len() > 3 {
            typo.remove(1);
        }
        texts.push(typo.into_iter().collect());
        for end in 1..=cause.name.len().min(8) {
            if cause.name.is_char_boundary(end) {
                texts.push(cause.name[..end].to_string());
            }
        }
    }
    let mut out = Vec::new();
    for text in texts {
        out.push(Query::text(text.clone()));
        for trimester in 1..=3 {
            out.push(Query {
                text: text.clone(),
                trimester: Some(trimester),
                week: None,
            });
        }
        out.push(Query {
            text,
            trimester: None,
            week: Some(7),
        });
    }
    out
}

#[test]
fn prebuilt_index_answers_like_a_freshly_built_one() {
    for documents_only in [false, true] {
        let reference = Reference::builtin(documents_only).unwrap();
        let kb = reference.kb.clone();
        let fresh = SearchIndex::for_reference(&reference);
        let embedded = prebuilt::index(documents_only);
        let queries = queries(&kb);
        assert!(queries.len() > 100);
        let mut with_hits = 0;
        for query in &queries {
            let expected = fresh.search(&kb, query);
            with_hits += usize::from(!expected.is_empty());
            assert_eq!(embedded.search(&kb, query), expected, "query {query:?}");
            assert_eq!(embedded.stage_of(&kb, query), fresh.stage_of(&kb, query));
        }
        assert!(
            with_hits > queries.len() / 2,
            "the queries must find something"
        );
    }
}

#[test]
fn each_built_in_view_comes_with_the_index_built_for_it() {
    // The browser is given these pairs and never builds an index itself: the embedded index
    // must rank as one built from the view would (guideline notes searched in the full view).
    for documents_only in [false, true] {
        let shown = prebuilt::indexed(documents_only);
        let built = SearchIndex::for_reference(&shown.reference);
        let kb = &shown.reference.kb;
        for text in [
            "pain on one side",
            "anti-D",
            "shoulder-tip pain",
            "bleeding 30 weeks",
        ] {
            let query = Query::text(text);
            assert_eq!(
                shown.index.search(kb, &query),
                built.search(kb, &query),
                "{text} (documents only: {documents_only})"
            );
        }
    }
}

#[test]
fn the_metadata_read_alone_is_the_reference_s() {
    for documents_only in [false, true] {
        assert_eq!(
            prebuilt::meta(documents_only),
            Reference::builtin(documents_only).unwrap().kb.meta
        );
    }
}

#[test]
fn the_shared_index_is_the_embedded_one_for_built_in_views_and_fresh_for_others() {
    for documents_only in [false, true] {
        let kb = &prebuilt::shared(documents_only).kb;
        assert!(matches!(
            prebuilt::shared_index_for(kb),
            std::borrow::Cow::Borrowed(_)
        ));
        // A copy is recognised by its contents.
        let copy = kb.clone();
        assert!(matches!(
            prebuilt::shared_index_for(&copy),
            std::borrow::Cow::Borrowed(_)
        ));
    }
    // A changed KB gets its own index, which finds the change.
    let mut kb = prebuilt::reference(false).kb;
    kb.causes[0].name = "Zyxwvut".to_string();
    let index = prebuilt::shared_index_for(&kb);
    assert!(matches!(index, std::borrow::Cow::Owned(_)));
    assert_eq!(index.search(&kb, &Query::text("zyxwvut")).len(), 1);
}
