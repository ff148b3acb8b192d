//! Hostile inputs to the loader: devices, byte order marks, UTF-16.

use obddx::kb::{KbError, load_bytes, load_path};

fn shipped() -> Vec<u8> {
    std::fs::read("data/kb.ron").expect("data/kb.ron")
}

#[test]
fn a_device_of_endless_zeros_obeys_the_size_limit() {
    let err = load_path(std::path::Path::new("/dev/zero")).unwrap_err();
    assert!(matches!(err, KbError::TooLarge { .. }), "{err}");
}

#[test]
fn a_utf8_byte_order_mark_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(shipped());
    assert!(load_bytes("bom.ron", &bytes).is_ok());
}

#[test]
fn utf16_is_named_in_either_byte_order() {
    let text = String::from_utf8(shipped()).unwrap();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, order) in [(le, "LE"), (be, "BE")] {
        let message = load_bytes("u16.ron", &bytes).unwrap_err().to_string();
        assert!(message.contains(&format!("UTF-16 ({order})")), "{message}");
        let mut with_bom = if order == "LE" {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        with_bom.extend(&bytes);
        let message = load_bytes("u16.ron", &with_bom).unwrap_err().to_string();
        assert!(message.contains(&format!("UTF-16 ({order})")), "{message}");
    }
}

#[test]
fn thousands_of_problems_are_counted_exactly_and_capped() {
    // Every cause of a 2,000-cause KB names an unknown group: 2,000 problems, each located in its
    // own cause (one table of id places, not a scan of the file per problem).
    let text = obddx_synthetic::synthetic_kb_ron(2_000).replace("group: \"", "group: \"zz-");
    let err = obddx::kb::load_str("many.ron", &text).unwrap_err();
    let KbError::Invalid {
        total, problems, ..
    } = &err
    else {
        panic!("expected validation problems: {err}");
    };
    assert_eq!(*total, 2_000);
    assert_eq!(problems.len(), obddx::kb::MAX_SHOWN_PROBLEMS);
    assert!(
        err.to_string()
            .contains("(the first 50 shown, and 1950 more)"),
        "{err}"
    );
    // The shown problems are the first ones in the file, each on its own cause's group line.
    let group_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("group: \"zz-"))
        .map(|(i, _)| i + 1)
        .take(50)
        .collect();
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, group_lines);
}

#[test]
fn ten_thousand_control_characters_are_each_found_in_seconds() {
    // Every cause of a 10,000-cause KB has an escape sequence in its summary: one pass over the
    // text finds them all, each at its own line, and the report keeps the first 50.
    let text =
        obddx_synthetic::synthetic_kb_ron(10_000).replace("summary: \"", "summary: \"\\u{1b}[2J");
    let started = std::time::Instant::now();
    let err = obddx::kb::load_str("escapes.ron", &text).unwrap_err();
    let elapsed = started.elapsed();
    let KbError::Invalid {
        total, problems, ..
    } = &err
    else {
        panic!("expected validation problems: {err}");
    };
    assert_eq!(*total, 10_000);
    assert_eq!(problems.len(), obddx::kb::MAX_SHOWN_PROBLEMS);
    let summary_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("summary: \"\\u{1b}"))
        .map(|(i, _)| i + 1)
        .take(50)
        .collect();
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, summary_lines);
    assert!(
        problems[0]
            .message
            .contains("].summary contains U+001B (ESC)")
    );
    // Generous for a debug build on a busy machine; a release build takes a fraction of this.
    eprintln!("load {elapsed:?}");
    assert!(elapsed.as_secs() < 30, "{elapsed:?}");
}
