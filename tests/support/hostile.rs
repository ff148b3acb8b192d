//! Hostile text made from a valid file, for the loaders' proptests (KB and local overlay):
//! the file cut short, or with a span replaced, always at character boundaries.

/// `text` cut at `cut` bytes, moved back to a character boundary.
pub(crate) fn truncated(text: &str, cut: usize) -> &str {
    let cut = (0..=cut.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    &text[..cut]
}

/// `text` with the `len` bytes from `at` (widened to character boundaries) replaced by
/// `insert`.
pub(crate) fn mutated(text: &str, at: usize, len: usize, insert: &str) -> String {
    let start = truncated(text, at).len();
    let end = (start + len).min(text.len());
    let end = (end..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let mut out = text.to_string();
    out.replace_range(start..end, insert);
    out
}
