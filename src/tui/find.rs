//! Find inside the open cause (`f`): where a word occurs in the header and the four panes,
//! and marking those places in the drawn lines. Matching works span by span on the very lines
//! that are drawn, so what is counted is exactly what is highlighted.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use tui_input::Input;

use super::action::Pane;
use super::highlight::{find_ci, split};

/// One occurrence: in which part (`None` = the header), on which line, and which occurrence
/// on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindMatch {
    pub pane: Option<Pane>,
    pub line: usize,
    pub nth: usize,
}

/// The find line and its matches in the shown cause.
#[derive(Debug, Clone, Default)]
pub struct Find {
    pub input: Input,
    /// The cause the matches were computed for.
    pub cause: Option<usize>,
    pub matches: Vec<FindMatch>,
    /// Index into `matches` of the current one.
    pub current: usize,
}

impl Find {
    pub fn needle(&self) -> &str {
        self.input.value().trim()
    }

    pub fn is_active(&self) -> bool {
        !self.needle().is_empty()
    }

    /// "match 2 of 5", or "no match for …".
    pub fn status(&self) -> String {
        if self.matches.is_empty() {
            format!("no match for \"{}\"", self.needle())
        } else {
            format!("match {} of {}", self.current + 1, self.matches.len())
        }
    }

    /// The current match, if it is in `pane` (`None` = header): (line, nth).
    pub fn current_in(&self, pane: Option<Pane>) -> Option<(usize, usize)> {
        self.matches
            .get(self.current)
            .filter(|m| m.pane == pane)
            .map(|m| (m.line, m.nth))
    }
}

/// Occurrences of `needle` in `lines`, in reading order, tagged with `pane`.
pub fn matches_in(lines: &[Line<'_>], needle: &str, pane: Option<Pane>) -> Vec<FindMatch> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let n: usize = line
            .spans
            .iter()
            .map(|s| find_ci(&s.content, needle).len())
            .sum();
        out.extend((0..n).map(|nth| FindMatch { pane, line: i, nth }));
    }
    out
}

/// `lines` with every occurrence of `needle` styled `hl`, the `current` one (line, nth) `cur`.
pub fn mark(
    lines: Vec<Line<'static>>,
    needle: &str,
    hl: Style,
    current: Option<(usize, usize)>,
    cur: Style,
) -> Vec<Line<'static>> {
    if needle.is_empty() {
        return lines;
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut nth = 0;
            let mut spans: Vec<Span<'static>> = Vec::new();
            for s in line.spans {
                let ranges = find_ci(&s.content, needle);
                if ranges.is_empty() {
                    spans.push(s);
                    continue;
                }
                for (k, r) in ranges.iter().enumerate() {
                    let style = if current == Some((i, nth + k)) {
                        hl.patch(cur)
                    } else {
                        hl
                    };
                    let prev_end = if k == 0 { 0 } else { ranges[k - 1].end };
                    let range = (r.start - prev_end)..(r.end - prev_end);
                    let piece = split(
                        &s.content[prev_end..r.end],
                        std::slice::from_ref(&range),
                        s.style,
                        style,
                    );
                    spans.extend(piece);
                }
                let last = ranges.last().map_or(0, |r| r.end);
                if last < s.content.len() {
                    spans.push(Span::styled(s.content[last..].to_string(), s.style));
                }
                nth += ranges.len();
            }
            Line::from(spans).style(line.style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_marks_the_same_places() {
        let lines = vec![
            Line::from(vec![Span::raw("Pain and "), Span::raw("more pain")]),
            Line::from("no"),
            Line::from("PAIN"),
        ];
        let m = matches_in(&lines, "pain", Some(Pane::Signs));
        assert_eq!(m.len(), 3);
        assert_eq!((m[1].line, m[1].nth), (0, 1));
        let marked = mark(lines, "pain", Style::new(), Some((0, 1)), Style::new());
        let text: Vec<String> = marked
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, vec!["Pain and more pain", "no", "PAIN"]);
        assert_eq!(marked[0].spans.len(), 4);
    }
}
