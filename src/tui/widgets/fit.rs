//! Cutting a line to a width with a visible "…": the one rule for every piece of text the
//! screen may have to shorten (tree rows, pane titles, the title bar), so a clinician always
//! sees that something was cut.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// The mark of a cut.
pub const ELLIPSIS: &str = "…";

/// `line` as it is if it fits in `width` columns; otherwise cut so that it fits with "…" at the
/// end (in the style of the span that was cut). Wide characters are never split.
pub fn fit(line: Line<'static>, width: usize) -> Line<'static> {
    if line.width() <= width {
        return line;
    }
    let Line {
        spans,
        style,
        alignment,
    } = line;
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut cut_style = spans.first().map(|s| s.style).unwrap_or_default();
    for span in spans {
        cut_style = span.style;
        let (kept, w) = take_columns(&span.content, room - used);
        used += w;
        let cut = kept.len() < span.content.len();
        if !kept.is_empty() {
            out.push(Span::styled(kept.to_string(), span.style));
        }
        if cut {
            break;
        }
    }
    if width > 0 {
        out.push(Span::styled(ELLIPSIS, cut_style));
    }
    Line {
        spans: out,
        style,
        alignment,
    }
}

/// A block title for a box `box_width` columns wide: fitted between its two corners.
pub fn title(line: impl Into<Line<'static>>, box_width: u16) -> Line<'static> {
    fit(line.into(), usize::from(box_width.saturating_sub(2)))
}

/// The longest start of `text` that fits in `columns` (wide characters are never split), and
/// the columns it takes.
pub fn take_columns(text: &str, columns: usize) -> (&str, usize) {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            return (&text[..i], used);
        }
        used += w;
    }
    (text, used)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_line_that_fits_is_unchanged() {
        let line = Line::from(vec![Span::raw("Ectopic "), Span::raw("pregnancy")]);
        assert_eq!(fit(line.clone(), 17), line);
        assert_eq!(fit(line.clone(), 40), line);
    }

    #[test]
    fn a_cut_line_ends_in_an_ellipsis_and_fits() {
        let line = Line::from(vec![
            Span::raw("!! "),
            Span::raw("Ectopic pregnancy (tubal)"),
        ]);
        for width in 1..line.width() {
            let cut = fit(line.clone(), width);
            assert_eq!(cut.width(), width, "{width}: {:?}", text(&cut));
            assert!(text(&cut).ends_with('…'), "{width}: {:?}", text(&cut));
        }
        assert_eq!(text(&fit(line, 10)), "!! Ectopi…");
    }

    #[test]
    fn the_ellipsis_takes_the_style_of_the_cut_span_and_wide_characters_are_not_split() {
        let line = Line::from(vec![
            Span::raw("ab"),
            Span::styled("日本語", Style::new().bold()),
        ]);
        let cut = fit(line, 6);
        // "ab" + "日" (2 columns) + "…"; "本" would not fit beside the mark.
        assert_eq!(text(&cut), "ab日…");
        assert_eq!(cut.width(), 5);
        assert_eq!(cut.spans.last().unwrap().style, Style::new().bold());
    }

    #[test]
    fn zero_width_gives_an_empty_line() {
        assert_eq!(fit(Line::from("abc"), 0).width(), 0);
    }
}
