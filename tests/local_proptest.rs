//! The local overlay loader never panics, whatever it is fed; every position it reports lies in
//! the text; an overlay that loads names only causes of the KB and holds no control character.

mod support;

use std::sync::OnceLock;

use obddx::kb::{self, KnowledgeBase};
use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../examples/local.ron");

fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| kb::Reference::builtin(false).expect("built-in").kb)
}

fn check(text: &str) {
    match kb::load_local_str("l.ron", text, kb()) {
        Err(e) => {
            let lines = text.lines().count().max(1);
            for (line, col) in e.positions() {
                assert!(
                    line >= 1 && line <= lines + 1,
                    "line {line} of {lines}: {e}"
                );
                assert!(col >= 1, "{e}");
            }
            let message = e.full_message();
            assert!(!message.is_empty());
            assert!(!message.contains('\u{1b}'), "escaped: {message}");
        }
        Ok(layer) => {
            for n in &layer.notes {
                assert!(n.scope().is_some(), "exactly one scope: {n:?}");
                if let Some(id) = &n.cause {
                    assert!(kb().cause(id).is_some(), "{id}");
                }
                assert!(!n.text.trim().is_empty());
                assert!(!n.text.chars().any(char::is_control), "{:?}", n.text);
            }
        }
    }
}

#[test]
fn the_example_loads() {
    let layer = kb::load_local_str("local.ron", EXAMPLE, kb()).expect("the example overlay");
    assert_eq!(layer.notes.len(), 5);
    assert!(layer.site.contains("FICTIONAL"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = kb::load_local_bytes("l.ron", &bytes, kb());
    }

    #[test]
    fn truncated_example_never_panics(cut in 0..EXAMPLE.len()) {
        check(support::hostile::truncated(EXAMPLE, cut));
    }

    #[test]
    fn mutated_example_never_panics(
        at in 0..EXAMPLE.len(),
        len in 0usize..40,
        insert in "[(){}\\[\\]\",:0-9a-zA-Zé\u{0301}\u{1b}\u{202e}\\\\ \n-]{0,12}",
    ) {
        check(&support::hostile::mutated(EXAMPLE, at, len, &insert));
    }

    #[test]
    fn any_cause_id_or_week_is_checked(id in "[a-z-]{0,20}", from in any::<u8>(), to in any::<u8>()) {
        let text = format!(
            "(site: \"s\", version: \"1\", approved_by: \"a\", review_by: \"2099-01-01\", notes: [\
             (cause: {id:?}, text: \"t\"), (weeks: (from: {from}, to: {to}), text: \"w\")])"
        );
        let loaded = kb::load_local_str("l.ron", &text, kb());
        let ok = kb().cause(&id).is_some() && from <= to && to <= kb::MAX_WEEK;
        prop_assert_eq!(loaded.is_ok(), ok, "{}", text);
    }
}
