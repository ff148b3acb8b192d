//! The loader never panics, whatever it is fed, and every position it reports lies in the text.

mod support;

use obddx::kb;
use proptest::prelude::*;

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

fn check(text: &str) {
    if let Err(e) = kb::load_str("p.ron", text) {
        let lines = text.lines().count().max(1);
        for (line, col) in e.positions() {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {e}"
            );
            assert!(col >= 1, "{e}");
        }
        assert!(!e.full_message().is_empty());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = kb::load_bytes("p.ron", &bytes);
    }

    #[test]
    fn truncated_fixture_never_panics(cut in 0..MINIMAL.len()) {
        check(support::hostile::truncated(MINIMAL, cut));
    }

    #[test]
    fn mutated_fixture_never_panics(
        at in 0..MINIMAL.len(),
        len in 0usize..40,
        insert in "[(){}\\[\\]\",:0-9a-zA-Zé\u{0301}\u{1F600} \n-]{0,12}",
    ) {
        check(&support::hostile::mutated(MINIMAL, at, len, &insert));
    }

    #[test]
    fn numbers_anywhere_never_panic(n in any::<i64>(), which in 0usize..40) {
        // Swap one number of the fixture for any integer: out-of-range values must be errors.
        let spans: Vec<(usize, &str)> = MINIMAL.match_indices(char::is_numeric).collect();
        let (at, _) = spans[which % spans.len()];
        let mut text = MINIMAL.to_string();
        text.replace_range(at..=at, &n.to_string());
        check(&text);
    }
}
