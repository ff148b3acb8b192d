//! The right side's text (the cause header and its four panes, or the overview of a stage or
//! group), built once for what it shows and measured once for its width, then borrowed by every
//! frame until one of those changes: a key that scrolls a pane, moves the focus or opens the
//! help draws from the cache instead of rebuilding and wrapping every pane again, and so does
//! a step back to one of the last [`RIGHT_KEPT`] shown.
//!
//! A cached text can never be stale because its [`RightKey`] holds everything the text is built
//! from (see [`RightKey`]); `tests/tui_frame_cache.rs` draws a random trace of actions with
//! and without the cache and requires identical frames.
//!
//! Lines of plain text are measured and laid out here, by widths, as ratatui's word wrapper
//! would ([`Measured::render`]); segmenting every grapheme was the largest cost of a frame. The
//! same test file holds both to ratatui with proptests.

use std::cell::{Ref, RefCell};

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::tree::NodeId;
use crate::search::Hit;

/// What the right side shows, and everything else its text is built from. Filled by
/// `widgets::right_side`, beside the code that builds the text, so the two read the same fields.
#[derive(Debug, Clone, PartialEq)]
pub struct RightKey {
    pub shown: Shown,
    /// The panes' inner width (the text is wrapped at it).
    pub width: u16,
    pub theme: Theme,
    pub ascii: bool,
    pub trimester: Option<u8>,
    pub week: Option<u8>,
    /// The guideline layer is shown (its toggle swaps the KB too), a local overlay is set, and
    /// the KB's size (a KB swapped by other means).
    pub guidelines: bool,
    pub local: bool,
    pub causes: usize,
    /// The key named in "(t to compare)".
    pub tell_apart_key: Option<String>,
}

/// What the right side shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A cause, its search hit (highlighted), and the find's needle and current match (in the
    /// header, then in each detail pane).
    Cause {
        cause: usize,
        hit: Option<Hit>,
        needle: String,
        current: [Option<(usize, usize)>; 5],
    },
    /// The overview of the selected stage or group (empty: nothing selected).
    Overview(Vec<NodeId>),
}

/// The right side's text: the header and the four panes of a cause, or one overview (in
/// `panes[0]`, with an empty header).
#[derive(Debug, Default)]
pub struct RightText {
    pub header: Measured,
    pub panes: Vec<Measured>,
}

/// The right sides last drawn, for the next frames.
///
/// Drawing only reads the app (`ui::draw` takes `&App`), yet the cache is filled while drawing,
/// since only the frame knows the width: hence a `RefCell`. It lives in the app so that it goes
/// with the KB it was built from. What it holds is a function of its key alone, so a frame drawn
/// from it is the frame drawn without it, and drawing changes nothing that a frame shows.
#[derive(Debug, Default)]
pub struct FrameCache {
    /// The right sides last drawn, the newest first, at most [`RIGHT_KEPT`].
    right: RefCell<Vec<(RightKey, RightText)>>,
}

/// How many right sides are kept: stepping back to a cause just seen (Down then Up, Back,
/// the next search result and the one before) draws from the cache. Each is a few tens of
/// kilobytes.
pub const RIGHT_KEPT: usize = 8;

impl FrameCache {
    /// The text for `key`: a cached one if it was built for the same key, else `build`'s
    /// (then kept, the one shown longest ago dropped).
    pub fn right(&self, key: RightKey, build: impl FnOnce() -> RightText) -> Ref<'_, RightText> {
        let found = self.right.borrow().iter().position(|(k, _)| *k == key);
        if let Some(at) = found {
            self.right.borrow_mut()[..=at].rotate_right(1);
        } else {
            let text = build();
            let mut kept = self.right.borrow_mut();
            kept.truncate(RIGHT_KEPT - 1);
            kept.insert(0, (key, text));
        }
        Ref::map(self.right.borrow(), |kept| &kept[0].1)
    }

    /// Forgets what was cached (the next frame builds everything again).
    pub fn clear(&self) {
        self.right.borrow_mut().clear();
    }
}

/// Lines with the rows each takes wrapped at one width: measured once, then any window of rows
/// is drawn from the lines it falls in, borrowed, not copied.
#[derive(Debug, Default)]
pub struct Measured {
    lines: Vec<Line<'static>>,
    /// Rows of each line at the width measured (at least 1 each, 0 at width 0).
    rows: Vec<u16>,
    total: u16,
}

impl Measured {
    pub fn new(lines: Vec<Line<'static>>, width: u16) -> Measured {
        let rows: Vec<u16> = lines.iter().map(|line| line_rows(line, width)).collect();
        let total = rows.iter().fold(0u16, |sum, r| sum.saturating_add(*r));
        Measured { lines, rows, total }
    }

    /// Rows the lines take at the width measured.
    pub fn rows(&self) -> u16 {
        self.total
    }

    /// Draws rows `scroll..` of the text into `area` (as many as fit): what the whole text's
    /// wrapping paragraph scrolled by `scroll` draws there, without wrapping the lines out of
    /// sight. Lines of plain text are laid out here (`simple_wrap`); any other line is drawn
    /// by ratatui's paragraph on its own (each line wraps on its own, so the rows are the same).
    pub fn render(&self, buf: &mut Buffer, area: Rect, scroll: u16) {
        if area.is_empty() {
            return;
        }
        let mut above = 0u16;
        let mut first = 0;
        while first < self.lines.len() && above.saturating_add(self.rows[first]) <= scroll {
            above = above.saturating_add(self.rows[first]);
            first += 1;
        }
        // Rows of the first line above the area.
        let mut skip = scroll - above;
        let mut y = 0u16;
        for (line, &rows) in self.lines[first..].iter().zip(&self.rows[first..]) {
            if y >= area.height {
                break;
            }
            let room = Rect::new(area.x, area.y + y, area.width, area.height - y);
            if let Some((chars, breaks)) = simple_wrap(line, area.width) {
                let shown = breaks
                    .into_iter()
                    .skip(usize::from(skip))
                    .take(usize::from(room.height));
                for (dy, row) in shown.enumerate() {
                    draw_row(buf, room, dy as u16, line, &chars[row]);
                }
            } else {
                let paragraph = Paragraph::new(borrowed(line))
                    .wrap(Wrap { trim: false })
                    .scroll((skip, 0));
                ratatui::widgets::Widget::render(&paragraph, room, buf);
            }
            y = y.saturating_add(rows.saturating_sub(skip));
            skip = 0;
        }
    }
}

/// One row of a plain line, as ratatui's paragraph draws it: aligned, each character with its
/// line's and span's style.
fn draw_row(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>, row: &[(char, u16, Style)]) {
    let width: u16 = row.iter().map(|g| g.1).sum();
    let mut x = match line.alignment.unwrap_or(Alignment::Left) {
        Alignment::Center => (area.width / 2).saturating_sub(width / 2),
        Alignment::Right => area.width.saturating_sub(width),
        Alignment::Left => 0,
    };
    let mut utf8 = [0u8; 4];
    for &(ch, w, style) in row {
        buf[(area.x + x, area.y + y)]
            .set_symbol(ch.encode_utf8(&mut utf8))
            .set_style(style);
        x += w;
    }
}

/// A plain line at `width` (see [`plain_breaks`]) laid out: its characters with their widths
/// and styles, and the range of them on each row.
#[allow(clippy::type_complexity)] // one use, beside its only caller
fn simple_wrap(
    line: &Line<'_>,
    width: u16,
) -> Option<(Vec<(char, u16, Style)>, Vec<std::ops::Range<usize>>)> {
    let mut chars = Vec::new();
    for span in &line.spans {
        let style = Style::default().patch(line.style).patch(span.style);
        for ch in span.content.chars() {
            chars.push((ch, plain_width(ch)?, style));
        }
    }
    let mut breaks = Vec::new();
    plain_breaks(chars.iter().map(|c| c.0), width, |row| breaks.push(row))?;
    Some((chars, breaks))
}

/// `line` with its spans' text borrowed.
fn borrowed<'a>(line: &'a Line<'static>) -> Line<'a> {
    Line {
        spans: line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.as_ref(), s.style))
            .collect(),
        style: line.style,
        alignment: line.alignment,
    }
}

/// Rows one line takes wrapped at `width` (each line wraps on its own, so the rows of a text
/// are the sum of its lines').
pub fn line_rows(line: &Line<'static>, width: u16) -> u16 {
    if width == 0 {
        return 0;
    }
    if let Some(rows) = simple_rows(line, width) {
        return rows;
    }
    let paragraph = Paragraph::new(borrowed(line)).wrap(Wrap { trim: false });
    paragraph.line_count(width).min(usize::from(u16::MAX)) as u16
}

/// Rows `line` takes at `width` when it is plain (see [`plain_breaks`]); `None` otherwise.
fn simple_rows(line: &Line<'_>, width: u16) -> Option<u16> {
    let mut rows = 0u32;
    plain_breaks(
        line.spans.iter().flat_map(|span| span.content.chars()),
        width,
        |_| rows += 1,
    )?;
    Some(rows.min(u32::from(u16::MAX)) as u16)
}

/// Where ratatui's word wrapper breaks a plain line at `width`: `on_row` gets each row's range
/// of character indices, in order (the spaces dropped at a break lie between two rows). Plain:
/// each character a grapheme of its own, one or two columns wide, none wider than `width`, the
/// space the only whitespace (printable ASCII, Latin letters, punctuation, arrows, symbols, box
/// drawing: what the reference is written in). `None` for any other line (control, combining,
/// zero-width or joining characters, other spaces, variation selectors, emoji sequences, other
/// scripts): ratatui wraps those.
///
/// Hand-written because the wrapper segments every grapheme of every line, the larger part of
/// drawing a cause: this is `ratatui_widgets::reflow::WordWrapper::process_input` without
/// `trim`, step for step, on widths and indices (widths alone decide where it breaks when every
/// grapheme is one character). One state machine for measuring a line and laying it out;
/// `tests/tui_frame_cache.rs` holds both to the wrapper.
fn plain_breaks(
    chars: impl Iterator<Item = char>,
    width: u16,
    mut on_row: impl FnMut(std::ops::Range<usize>),
) -> Option<()> {
    // The row being filled, the spaces after it and the word after them: the row is
    // `row_start..row_end`, the spaces start at `spaces_start`, the word at `word_start` (each
    // set by its first character).
    let (mut row_start, mut row_end, mut row_w) = (0, 0, 0u16);
    let (mut spaces_start, mut spaces_w) = (0, 0u16);
    let (mut word_start, mut word_w) = (0, 0u16);
    let mut after_word = false;
    let mut rows = 0;
    let mut end = 0;
    for (i, ch) in chars.enumerate() {
        end = i + 1;
        let w = plain_width(ch).filter(|&w| w <= width)?;
        let space = ch == ' ';
        let joins = (after_word && space) || (row_w == 0 && word_w + spaces_w + w > width);
        if joins && spaces_w + word_w > 0 {
            // The spaces and the word join the row.
            if row_w == 0 {
                row_start = if spaces_w > 0 {
                    spaces_start
                } else {
                    word_start
                };
            }
            row_end = i;
            row_w += spaces_w + word_w;
            (spaces_w, word_w) = (0, 0);
        }
        if row_w >= width || row_w + spaces_w + word_w >= width {
            on_row(row_start..row_end);
            rows += 1;
            // The spaces before the break are dropped (they always fit in what is left of the
            // row: it breaks as soon as they fill it), and so is a space that breaks it.
            spaces_w = 0;
            (row_start, row_end, row_w) = (0, 0, 0);
            if space {
                continue;
            }
        }
        if space {
            if spaces_w == 0 {
                spaces_start = i;
            }
            spaces_w += w;
        } else {
            if word_w == 0 {
                word_start = i;
            }
            word_w += w;
        }
        after_word = !space;
    }
    if row_w + spaces_w + word_w > 0 {
        if row_w == 0 {
            row_start = if spaces_w > 0 {
                spaces_start
            } else {
                word_start
            };
        }
        on_row(row_start..end);
        rows += 1;
    }
    if rows == 0 {
        on_row(0..0);
    }
    Some(())
}

/// The width of a character of plain text (see [`plain_breaks`]); `None` for any other.
fn plain_width(ch: char) -> Option<u16> {
    use unicode_width::UnicodeWidthChar as _;
    if ch.is_ascii() {
        return (!ch.is_ascii_control()).then_some(1);
    }
    let plain = matches!(
        u32::from(ch),
        0xA1..=0xAC | 0xAE..=0x2FF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2190..=0x2BFF
    );
    match ch.width() {
        Some(w @ 1..=2) if plain => Some(w as u16),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    fn key(cause: usize) -> RightKey {
        RightKey {
            shown: Shown::Cause {
                cause,
                hit: None,
                needle: String::new(),
                current: [None; 5],
            },
            width: 80,
            theme: Theme::COLOR,
            ascii: false,
            trimester: None,
            week: None,
            guidelines: true,
            local: false,
            causes: 40,
            tell_apart_key: None,
        }
    }

    /// Asks the cache for `key`'s text; returns whether it had to be built.
    fn built(cache: &FrameCache, key: RightKey) -> bool {
        let calls = Cell::new(false);
        let _text = cache.right(key, || {
            calls.set(true);
            RightText::default()
        });
        calls.get()
    }

    #[test]
    fn a_text_is_built_once_while_it_is_among_the_last_kept() {
        let cache = FrameCache::default();
        assert!(built(&cache, key(0)));
        assert!(built(&cache, key(1)));
        // Down, Up, Down…: both from the cache.
        for _ in 0..4 {
            assert!(!built(&cache, key(0)));
            assert!(!built(&cache, key(1)));
        }
        // RIGHT_KEPT − 1 others after cause 0 (cause 1 among them): it is still kept.
        for cause in 2..RIGHT_KEPT {
            assert!(built(&cache, key(cause)));
        }
        assert!(!built(&cache, key(0)));
    }

    #[test]
    fn the_text_shown_longest_ago_goes_first() {
        let cache = FrameCache::default();
        for cause in 0..=RIGHT_KEPT {
            assert!(built(&cache, key(cause)));
        }
        // RIGHT_KEPT others came after cause 0: it was dropped, and cause 1 was not.
        assert!(!built(&cache, key(1)));
        assert!(built(&cache, key(0)));
    }

    #[test]
    fn the_same_cause_at_another_width_is_another_text() {
        let cache = FrameCache::default();
        assert!(built(&cache, key(0)));
        let mut wider = key(0);
        wider.width = 81;
        assert!(built(&cache, wider.clone()));
        assert!(!built(&cache, wider));
        assert!(!built(&cache, key(0)));
    }

    #[test]
    fn clearing_forgets_everything() {
        let cache = FrameCache::default();
        assert!(built(&cache, key(0)));
        cache.clear();
        assert!(built(&cache, key(0)));
    }
}
