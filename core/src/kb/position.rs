//! Line/column bookkeeping, so every KB error can point into the file.

use std::collections::HashMap;

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of a 1-based line and (character) column; clamped to the text.
pub(super) fn offset_of(text: &str, line: usize, col: usize) -> usize {
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
pub(super) fn locate(text: &str, anchors: &[Anchor<'_>]) -> Option<usize> {
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

/// Locates many problems in one text without rescanning it for each: the places of every
/// `id: "…"` are found once, so a chain starting at a cause's id starts there directly (10,000
/// problems in a 16 MiB file would otherwise scan the file 10,000 times), and lines are found
/// by binary search in one table of line starts.
pub(super) struct Locator<'t> {
    text: &'t str,
    ids: HashMap<&'t str, Vec<usize>>,
    line_starts: Vec<usize>,
}

impl<'t> Locator<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let mut ids: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, _) in text.match_indices("id:") {
            let before_ok = text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
            let rest = &text[i + 3..];
            let value_at = i + 3 + (rest.len() - rest.trim_start().len());
            if !before_ok || !text[value_at..].starts_with('"') {
                continue;
            }
            let value = &text[value_at + 1..];
            if let Some(end) = value.find('"') {
                ids.entry(&value[..end]).or_default().push(value_at);
            }
        }
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Locator {
            text,
            ids,
            line_starts,
        }
    }

    /// As [`locate`], with `Id` anchors looked up in the table.
    pub(super) fn locate(&self, anchors: &[Anchor<'_>]) -> Option<usize> {
        let mut found = None;
        let mut from = 0;
        for anchor in anchors {
            let at = match *anchor {
                Anchor::Id(value, nth) => self
                    .ids
                    .get(value)
                    .and_then(|places| places.iter().filter(|&&at| at >= from).nth(nth).copied()),
                _ => anchor.find(self.text, from),
            };
            if let Some(at) = at {
                found = Some(at);
                from = at + 1;
            }
        }
        found
    }

    /// As [`line_col`], by binary search in the line table.
    pub(super) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// One step of a [`locate`] chain.
#[derive(Debug, Clone, Copy)]
pub(super) enum Anchor<'a> {
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
    fn the_locator_agrees_with_the_scanning_functions() {
        let text =
            "(\n  id: \"a\", n: 1,\n  id: \"b\", n: 12,\n  id:\"b\", n: 1, name: \"é b\"\n)\n";
        let loc = Locator::new(text);
        let chains: [&[Anchor<'_>]; 5] = [
            &[Anchor::Id("b", 0)],
            &[Anchor::Id("b", 1), Anchor::Number(1)],
            &[Anchor::Id("a", 0), Anchor::Field("n")],
            &[Anchor::Id("zz", 0)],
            &[Anchor::Field("name"), Anchor::Quoted("é b")],
        ];
        for chain in chains {
            assert_eq!(loc.locate(chain), locate(text, chain), "{chain:?}");
        }
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                loc.line_col(offset),
                line_col(text, offset),
                "offset {offset}"
            );
        }
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
