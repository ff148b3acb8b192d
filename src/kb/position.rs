//! Line/column bookkeeping, so every KB error can point into the file.

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and (character) column; clamped to the text.
pub fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line.max(1) {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let rest = &text[offset..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    offset
        + rest[..line_end]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line_end, |(i, _)| i)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Finds where a validation problem sits in the RON text: walks a chain of anchors, each searched
/// after the previous one, and returns the offset of the last anchor found. Serde keeps no spans,
/// so this recovers them from the text; an anchor that is not found leaves the position at the
/// last one that was.
pub fn locate(text: &str, anchors: &[Anchor<'_>]) -> Option<usize> {
    let mut found = None;
    let mut from = 0;
    for anchor in anchors {
        if let Some(at) = anchor.find(text, from) {
            found = Some(at);
            from = at + 1;
        }
    }
    found
}

/// One step of a [`locate`] chain.
#[derive(Debug, Clone, Copy)]
pub enum Anchor<'a> {
    /// The `n`-th (0-based) occurrence of `id: "<value>"`, e.g. a cause or document id.
    Id(&'a str, usize),
    /// A quoted string literal `"<value>"`.
    Quoted(&'a str),
    /// A field name followed by a colon, e.g. `weeks:`.
    Field(&'a str),
    /// A number standing alone (not part of a longer number).
    Number(u64),
}

impl Anchor<'_> {
    fn find(&self, text: &str, from: usize) -> Option<usize> {
        let hay = text.get(from..)?;
        let rel = match *self {
            Anchor::Id(value, nth) => {
                let quoted = format!("\"{value}\"");
                let mut hits = hay.match_indices(&quoted).filter(|(i, _)| {
                    let before = hay[..*i].trim_end();
                    before.ends_with("id:") && !before.ends_with("_id:")
                });
                hits.nth(nth).map(|(i, _)| i)
            }
            Anchor::Quoted(value) => hay.find(&format!("\"{value}\"")),
            Anchor::Field(name) => hay.match_indices(name).find_map(|(i, _)| {
                let after = hay[i + name.len()..].trim_start();
                let before_ok = hay[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                (before_ok && after.starts_with(':')).then_some(i)
            }),
            Anchor::Number(n) => {
                let digits = n.to_string();
                hay.match_indices(&digits).find_map(|(i, _)| {
                    let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric());
                    (bounded(hay[..i].chars().next_back())
                        && bounded(hay[i + digits.len()..].chars().next()))
                    .then_some(i)
                })
            }
        }?;
        Some(from + rel)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nçé x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 4));
        assert_eq!(offset_of(text, 2, 4), x);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        assert_eq!(offset_of("abc", 9, 9), 3);
        assert_eq!(offset_of("abc\n", 1, 99), 3);
        assert_eq!(line_col("é", 1), (1, 1));
    }

    #[test]
    fn locate_follows_the_anchor_chain() {
        let text = r#"(id: "a", para: [12]), (id: "b", x: "a", para: [1, 12])"#;
        let b = text.find(r#""b""#).unwrap();
        assert_eq!(locate(text, &[Anchor::Id("b", 0)]), Some(b));
        let twelve = text.rfind("12").unwrap();
        assert_eq!(
            locate(text, &[Anchor::Id("b", 0), Anchor::Number(12)]),
            Some(twelve)
        );
        assert_eq!(
            locate(text, &[Anchor::Id("a", 0), Anchor::Number(1)]),
            Some(text.find("1,").unwrap())
        );
        assert_eq!(locate(text, &[Anchor::Id("zz", 0)]), None);
        let para = text.rfind("para").unwrap();
        assert_eq!(
            locate(
                text,
                &[
                    Anchor::Id("b", 0),
                    Anchor::Field("para"),
                    Anchor::Quoted("nope")
                ]
            ),
            Some(para)
        );
    }
}
