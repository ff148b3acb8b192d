//! Broken KB inputs: each must give a clear message that points at the offending place.

use obddx::kb::{self, KbError};

const MINIMAL: &str = include_str!("fixtures/minimal.ron");

/// 1-based (line, column in characters) of byte offset `at` in `text`.
fn pos(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Replaces the `nth` (0-based) occurrence of `from` in the fixture; returns the new text and
/// where the replacement starts.
fn mutate(from: &str, to: &str, nth: usize) -> (String, usize) {
    let (at, _) = MINIMAL
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("fixture has no occurrence {nth} of {from:?}"));
    let mut text = MINIMAL.to_string();
    text.replace_range(at..at + from.len(), to);
    (text, at)
}

fn load_err(text: &str) -> KbError {
    match kb::load_str("test.ron", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

#[test]
fn the_fixture_itself_is_valid() {
    let kb = kb::load_str("minimal.ron", MINIMAL).expect("fixture loads");
    assert_eq!(kb.causes.len(), 2);
}

#[test]
fn the_shipped_kb_loads_and_validates() {
    let kb = kb::load_embedded().unwrap_or_else(|e| panic!("{}", e.full_message()));
    assert!(!kb.causes.is_empty());
    assert!(!kb.meta.disclaimer.is_empty());
}

struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    nth: usize,
    /// Text the message must contain.
    message: &'static str,
    /// Where the error must point, relative to the replacement start (bytes).
    point: Point,
}

enum Point {
    /// At the replacement start plus this many bytes.
    Offset(usize),
    /// At the first occurrence of this text after the replacement start.
    Next(&'static str),
    /// As `Next`, plus this many bytes.
    NextPlus(&'static str, usize),
}

fn cases() -> Vec<Case> {
    use Point::*;
    vec![
        Case {
            name: "syntax: missing comma between fields",
            from: "\"Ectopic pregnancy\",",
            to: "\"Ectopic pregnancy\"",
            nth: 0,
            message: "comma",
            point: Next("group"),
        },
        Case {
            name: "syntax: stray character",
            from: "urgency: Emergency",
            to: "urgency: @Emergency",
            nth: 0,
            message: "expected a field or value name here",
            point: Offset(9),
        },
        Case {
            name: "unknown field",
            from: "summary:",
            to: "sumary:",
            nth: 1,
            message: "unknown field `sumary`",
            point: Offset(0),
        },
        Case {
            name: "unknown field in meta",
            from: "version:",
            to: "versoin:",
            nth: 0,
            message: "unknown field `versoin` in Meta",
            point: Offset(0),
        },
        Case {
            name: "missing field",
            from: "action: \"Call an ambulance: rupture can kill within hours.\",",
            to: "",
            nth: 0,
            message: "missing field `action` in Cause",
            point: NextPlus("        ),\n", 8),
        },
        Case {
            name: "bad enum value",
            from: "urgency: Emergency",
            to: "urgency: Critical",
            nth: 0,
            message: "unknown value `Critical`",
            point: Offset(9),
        },
        Case {
            name: "bad test kind",
            from: "kind: Ultrasound",
            to: "kind: Xray",
            nth: 1,
            message: "unknown value `Xray`",
            point: Offset(6),
        },
        Case {
            name: "dangling look-alike",
            from: "look_alikes: [\"implantation-bleeding\"]",
            to: "look_alikes: [\"implantation-bleding\"]",
            nth: 0,
            message: "look-alike `implantation-bleding` is not a cause",
            point: Offset(14),
        },
        Case {
            name: "unknown group",
            from: "group: \"ectopic\"",
            to: "group: \"ectopik\"",
            nth: 0,
            message: "unknown group `ectopik`",
            point: Offset(7),
        },
        Case {
            name: "bad trimester",
            from: "stage: Trimesters([1])",
            to: "stage: Trimesters([4])",
            nth: 1,
            message: "trimester 4 is not 1, 2 or 3",
            point: Offset(19),
        },
        Case {
            name: "trimester listed twice",
            from: "stage: Trimesters([1])",
            to: "stage: Trimesters([1, 1])",
            nth: 0,
            message: "trimester 1 listed twice",
            point: Offset(0),
        },
        Case {
            name: "bad paragraph number",
            from: "para: [160]",
            to: "para: [999]",
            nth: 0,
            message: "paragraph 999 of `articles`, which has paragraphs 1–169",
            point: Offset(7),
        },
        Case {
            name: "paragraph zero",
            from: "para: [12]",
            to: "para: [0]",
            nth: 0,
            message: "paragraph 0 of `articles`",
            point: Offset(7),
        },
        Case {
            name: "paragraph beyond a short document",
            from: "(doc: \"qa\", para: [2])",
            to: "(doc: \"qa\", para: [3])",
            nth: 2,
            message: "paragraph 3 of `qa`, which has paragraphs 1–2",
            point: Offset(19),
        },
        Case {
            name: "unknown document",
            from: "doc: \"articles\", para: [160]",
            to: "doc: \"artcles\", para: [160]",
            nth: 0,
            message: "unknown document `artcles`",
            point: Offset(5),
        },
        Case {
            name: "item without a source",
            from: "sources: [(doc: \"articles\", para: [12])]",
            to: "sources: []",
            nth: 0,
            message: "has no source",
            point: Offset(0),
        },
        Case {
            name: "duplicate cause id",
            from: "id: \"ectopic-pregnancy\"",
            to: "id: \"implantation-bleeding\"",
            nth: 0,
            message: "cause id `implantation-bleeding` is used more than once",
            point: Offset(4),
        },
        Case {
            name: "reversed week range",
            from: "stage: Trimesters([1]),\n            weeks: None",
            to: "stage: Trimesters([1]),\n            weeks: Some((from: 9, to: 5))",
            nth: 0,
            message: "week range 9–5 is not sane",
            point: Next("weeks"),
        },
        Case {
            name: "weeks outside the stage",
            from: "stage: Trimesters([1]),\n            weeks: None",
            to: "stage: Trimesters([1]),\n            weeks: Some((from: 30, to: 32))",
            nth: 0,
            message: "lie outside its trimesters",
            point: Next("weeks"),
        },
        Case {
            name: "non-kebab id",
            from: "id: \"ectopic-pregnancy\"",
            to: "id: \"Ectopic Pregnancy\"",
            nth: 0,
            message: "kebab-case",
            point: Offset(4),
        },
        Case {
            name: "bad update date",
            from: "updated: \"2026-11-21\"",
            to: "updated: \"last week\"",
            nth: 0,
            message: "is not a real date",
            point: Offset(0),
        },
        Case {
            name: "impossible calendar date",
            from: "updated: \"2026-11-21\"",
            to: "updated: \"2026-13-45\"",
            nth: 0,
            message: "`2026-13-45` is not a real date",
            point: Offset(0),
        },
        Case {
            name: "30 February",
            from: "updated: \"2026-11-21\"",
            to: "updated: \"2026-02-30\"",
            nth: 0,
            message: "is not a real date",
            point: Offset(0),
        },
        Case {
            name: "no trimesters hides every staged cause",
            from: "trimesters: [\n        (number: 1, name: \"1st trimester\", weeks: (from: 0, to: 13)),\n        (number: 2, name: \"2nd trimester\", weeks: (from: 14, to: 27)),\n        (number: 3, name: \"3rd trimester\", weeks: (from: 28, to: 42)),\n    ]",
            to: "trimesters: []",
            nth: 0,
            message: "trimester 1, 2, 3 not defined",
            point: Offset(0),
        },
        Case {
            name: "a missing trimester",
            from: "trimesters: [\n        (number: 1, name: \"1st trimester\", weeks: (from: 0, to: 13)),",
            to: "trimesters: [",
            nth: 0,
            message: "trimester 1 not defined",
            point: Offset(0),
        },
        Case {
            name: "a paragraph repeated in one citation",
            from: "para: [5, 6]",
            to: "para: [5, 5]",
            nth: 0,
            message: "cites paragraph 5 of `articles` more than once in one citation",
            point: Next("5"),
        },
        Case {
            name: "a gap between trimesters",
            from: "weeks: (from: 14, to: 27)",
            to: "weeks: (from: 16, to: 27)",
            nth: 0,
            message: "trimester 2 starts at week 16, expected 14: it leaves a gap after trimester 1",
            point: Offset(0),
        },
        Case {
            name: "overlapping trimesters",
            from: "weeks: (from: 28, to: 42)",
            to: "weeks: (from: 20, to: 42)",
            nth: 0,
            message: "trimester 3 starts at week 20, expected 28: it overlaps trimester 2",
            point: Offset(0),
        },
        Case {
            name: "first trimester not from week 0",
            from: "weeks: (from: 0, to: 13)",
            to: "weeks: (from: 4, to: 13)",
            nth: 0,
            message: "the first trimester must start at week 0",
            point: Offset(0),
        },
    ]
}

#[test]
fn broken_inputs_are_reported_with_message_and_position() {
    let mut failures = Vec::new();
    for case in cases() {
        let (text, at) = mutate(case.from, case.to, case.nth);
        let expected_at = match case.point {
            Point::Offset(n) => at + n,
            Point::Next(s) => at + text[at..].find(s).expect("anchor after the change"),
            Point::NextPlus(s, n) => at + text[at..].find(s).expect("anchor after the change") + n,
        };
        let expected = pos(&text, expected_at);
        let err = load_err(&text);
        let message = err.full_message();
        if !message.contains(case.message) {
            failures.push(format!(
                "{}: message {message:?} lacks {:?}",
                case.name, case.message
            ));
        }
        if !message.contains("test.ron:") {
            failures.push(format!(
                "{}: message {message:?} does not name the file",
                case.name
            ));
        }
        if !err.positions().contains(&expected) {
            failures.push(format!(
                "{}: positions {:?}, expected {expected:?}\n{message}",
                case.name,
                err.positions()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn empty_and_blank_files_are_refused() {
    for text in ["", "   \n\t\n"] {
        let err = load_err(text);
        assert!(matches!(err, KbError::Empty { .. }), "{err}");
        assert!(
            err.to_string().contains("test.ron: the file is empty"),
            "{err}"
        );
    }
}

#[test]
fn a_truncated_file_points_at_its_end() {
    let cut = MINIMAL.find("signs:").unwrap();
    let text = &MINIMAL[..cut];
    let err = load_err(text);
    assert!(err.to_string().contains("ends too early"), "{err}");
    let (line, _) = err.positions()[0];
    assert_eq!(line, text.lines().count(), "{err}");
}

#[test]
fn non_utf8_bytes_are_located() {
    let at = MINIMAL.find("Ectopic").unwrap();
    let mut bytes = MINIMAL.as_bytes().to_vec();
    bytes.insert(at, 0xff);
    let err = kb::load_bytes("test.ron", &bytes).unwrap_err();
    assert!(matches!(err, KbError::NotUtf8 { byte: 0xff, .. }), "{err}");
    assert_eq!(err.positions(), vec![pos(MINIMAL, at)]);
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}

#[test]
fn binary_files_are_refused() {
    let err = kb::load_bytes("test.ron", b"(meta: \0\0\x01\x02)").unwrap_err();
    assert!(
        matches!(
            err,
            KbError::Binary {
                line: 1,
                col: 8,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn huge_inputs_are_refused_before_parsing() {
    let big = vec![b' '; (kb::MAX_KB_BYTES + 1) as usize];
    let err = kb::load_bytes("big.ron", &big).unwrap_err();
    assert!(matches!(err, KbError::TooLarge { .. }), "{err}");
}

#[test]
fn missing_files_and_directories_are_io_errors() {
    let err = kb::load_path(std::path::Path::new("/nonexistent/kb.ron")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("/nonexistent/kb.ron: cannot read"),
        "{err}"
    );
    let err = kb::load_path(std::path::Path::new("tests")).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let text = format!("(meta: {}{})", "[".repeat(100_000), "]".repeat(100_000));
    let err = load_err(&text);
    assert!(matches!(err, KbError::Syntax(_)), "{err}");
}

#[test]
fn all_problems_are_reported_at_once_in_file_order() {
    let (text, _) = mutate("para: [160]", "para: [999]", 0);
    let text = text.replacen("group: \"ectopic\"", "group: \"nope\"", 1);
    let err = load_err(&text);
    let positions = err.positions();
    assert_eq!(positions.len(), 2, "{}", err.full_message());
    assert!(positions[0] < positions[1]);
}

#[test]
fn a_file_cut_anywhere_says_it_may_be_cut_off() {
    // 22 cut points spread over the fixture: every one must hint at truncation, whatever RON
    // error the cut happens to produce.
    let len = MINIMAL.len();
    let mut silent = Vec::new();
    for k in 1..=22 {
        let mut cut = len * k / 23;
        while !MINIMAL.is_char_boundary(cut) {
            cut -= 1;
        }
        let text = &MINIMAL[..cut];
        if text.trim().is_empty() {
            continue;
        }
        let message = load_err(text).full_message();
        if !(message.contains("cut off") || message.contains("truncated")) {
            silent.push(format!("cut at {cut}: {message}"));
        }
    }
    assert!(silent.is_empty(), "\n{}", silent.join("\n"));
}

#[test]
fn cr_only_line_endings_count_lines() {
    let text = MINIMAL
        .replace('\n', "\r")
        .replace("id: \"ectopic-pregnancy\"", "id: \"Ectopic\"");
    let err = load_err(&text);
    let lf = MINIMAL.replace("id: \"ectopic-pregnancy\"", "id: \"Ectopic\"");
    let expected = load_err(&lf).positions();
    assert_eq!(err.positions(), expected, "{}", err.full_message());
    assert!(expected[0].0 > 1);
}

#[test]
fn raw_identifier_suggestions_are_reworded() {
    let (text, _) = mutate("summary:", "sum+mary:", 0);
    let message = load_err(&text).full_message();
    assert!(!message.contains("r#"), "{message}");
}

#[test]
fn a_repeated_cause_ids_own_problems_point_into_the_second_cause() {
    let (text, at) = mutate(
        "id: \"ectopic-pregnancy\"",
        "id: \"implantation-bleeding\"",
        0,
    );
    let err = load_err(&text);
    let message = err.full_message();
    // The second cause lists the first as a look-alike, which now names itself: that problem
    // sits in the second cause's `look_alikes`, after its id.
    let own = text[at..]
        .find("look_alikes")
        .expect("second cause has look-alikes")
        + at;
    let own = text[own..].find("\"implantation-bleeding\"").unwrap() + own;
    let expected = pos(&text, own);
    assert!(
        err.positions().contains(&expected),
        "{:?} lacks {expected:?}\n{message}",
        err.positions()
    );
    assert!(
        message.contains("lists itself as a look-alike"),
        "{message}"
    );
}
