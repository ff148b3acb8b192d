//! Turning text plus match ranges into styled spans, safely.
//!
//! Ranges come from the search engine as byte ranges; anything that is not on a char
//! boundary, out of bounds, empty or overlapping is dropped rather than trusted.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::Span;

use crate::search::{Field, Hit};

/// Keep only valid ranges of `text`, sorted and merged.
pub fn clean_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut v: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| {
            r.start < r.end
                && r.end <= text.len()
                && text.is_char_boundary(r.start)
                && text.is_char_boundary(r.end)
        })
        .cloned()
        .collect();
    v.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(v.len());
    for r in v {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Case-insensitive occurrences of `term` in `text`, as byte ranges on char boundaries.
pub fn find_ci(text: &str, term: &str) -> Vec<Range<usize>> {
    if text.is_ascii() && term.is_ascii() {
        return find_ascii_ci(text.as_bytes(), term.as_bytes());
    }
    let needle: Vec<char> = term.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Compare lowercased chars one by one (lowercasing may expand a char).
        let mut n = 0;
        let mut j = i;
        let mut ok = true;
        while n < needle.len() {
            let Some(&(_, ch)) = chars.get(j) else {
                ok = false;
                break;
            };
            for lc in ch.to_lowercase() {
                if needle.get(n) != Some(&lc) {
                    ok = false;
                    break;
                }
                n += 1;
            }
            if !ok {
                break;
            }
            j += 1;
        }
        if ok && j > i {
            let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
            out.push(chars[i].0..end);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// [`find_ci`] when both are ASCII (most of the KB's text): bytes compared in place, nothing
/// allocated but the result. Only then: some non-ASCII characters lowercase to ASCII (the
/// Kelvin sign to `k`), which the general path handles.
fn find_ascii_ci(text: &[u8], term: &[u8]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if term.is_empty() || term.len() > text.len() {
        return out;
    }
    let mut i = 0;
    while i + term.len() <= text.len() {
        if text[i..i + term.len()].eq_ignore_ascii_case(term) {
            out.push(i..i + term.len());
            i += term.len();
        } else {
            i += 1;
        }
    }
    out
}

/// What to highlight in the shown cause: exact ranges per (field, item) and the matched
/// words (to highlight them wherever else they appear in the cause).
#[derive(Debug, Default, Clone)]
pub struct Highlighter<'a> {
    hit: Option<&'a Hit>,
    terms: Vec<String>,
}

impl<'a> Highlighter<'a> {
    pub fn new(hit: Option<&'a Hit>) -> Self {
        let mut terms: Vec<String> = Vec::new();
        if let Some(h) = hit {
            for m in &h.matches {
                for r in clean_ranges(&m.text, &m.ranges) {
                    let t = m.text[r].to_lowercase();
                    // Single letters would light up everything; they keep their exact ranges.
                    if t.chars().count() >= 2 && !terms.contains(&t) {
                        terms.push(t);
                    }
                }
            }
        }
        Highlighter { hit, terms }
    }

    pub fn none() -> Self {
        Highlighter::default()
    }

    pub fn ranges(&self, field: Field, item: usize, text: &str) -> Vec<Range<usize>> {
        let mut all = Vec::new();
        if let Some(h) = self.hit {
            for m in &h.matches {
                if m.field == field && m.item == item && m.text == text {
                    all.extend(m.ranges.iter().cloned());
                }
            }
        }
        for t in &self.terms {
            all.extend(find_ci(text, t));
        }
        clean_ranges(text, &all)
    }

    /// `text` as spans in `base` style with matches in `hl` (patched over `base`).
    pub fn spans(
        &self,
        field: Field,
        item: usize,
        text: &str,
        base: Style,
        hl: Style,
    ) -> Vec<Span<'static>> {
        split(text, &self.ranges(field, item, text), base, hl)
    }
}

/// Split `text` into spans at (already clean) ranges.
pub fn split(text: &str, ranges: &[Range<usize>], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in ranges {
        if r.start > at {
            out.push(Span::styled(text[at..r.start].to_string(), base));
        }
        out.push(Span::styled(text[r.clone()].to_string(), base.patch(hl)));
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Span::styled(text[at..].to_string(), base));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_ranges_are_dropped() {
        let t = "Blutung — Schmerz";
        // 9 is inside the 3-byte em dash.
        let r = clean_ranges(t, &[9..11, 0..3, 2..5, 50..60, 4..4]);
        assert_eq!(r, vec![0..5]);
    }

    #[test]
    fn case_insensitive_unicode() {
        assert_eq!(find_ci("Pain PAIN pain", "pain").len(), 3);
        let t = "Kreuzschmerz ÜBELKEIT";
        let r = find_ci(t, "übel");
        assert_eq!(&t[r[0].clone()], "ÜBEL");
        assert!(find_ci("abc", "").is_empty());
        // The ASCII path finds what the general one finds.
        for (text, term) in [
            ("Pain PAIN pain", "pain"),
            ("aaaa", "aa"),
            ("hCG level; HCG", "hcg"),
            ("short", "longer than text"),
            ("Tab\there", "T"),
        ] {
            let general = find_ci(&format!("{text}\u{e9}"), term);
            assert_eq!(find_ci(text, term), general, "{text:?} {term:?}");
        }
        // CJK and combining characters stay on char boundaries.
        let t = "出血 e\u{301}";
        for r in find_ci(t, "血") {
            assert_eq!(&t[r], "血");
        }
    }

    #[test]
    fn split_covers_text() {
        let s = split("abcdef", &[1..2, 4..6], Style::new(), Style::new());
        let joined: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(joined, "abcdef");
        assert_eq!(s.len(), 4);
    }
}
