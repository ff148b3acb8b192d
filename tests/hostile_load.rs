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
