//! The right side's text (the cause header and its four panes, or the overview of a stage or
//! group), built once for what it shows and measured once for its width, then borrowed by every
//! frame until one of those changes: a key that scrolls a pane, moves the focus or opens the
//! help draws from the cache instead of rebuilding and wrapping every pane again.
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

/// The last right side drawn, for the next frame.
///
/// Drawing only reads the app (`ui::draw` takes `&App`), yet the cache is filled while drawing,
/// since only the frame knows the width: hence a `RefCell`. It lives in the app so that it goes
/// with the KB it was built from. What it holds is a function of its key alone, so a frame drawn
/// from it is the frame drawn without it, and drawing changes nothing that a frame shows.
#[derive(Debug, Default)]
pub struct FrameCache {
    right: RefCell<(Option<RightKey>, RightText)>,
}

impl FrameCache {
    /// The text for `key`: the cached one if it was built for the same key, else `build`'s
    /// (then kept).
    pub fn right(&self, key: RightKey, build: impl FnOnce() -> RightText) -> Ref<'_, RightText> {
        let fresh = self.right.borrow().0.as_ref() == Some(&key);
        if !fresh {
            let text = build();
            *self.right.borrow_mut() = (Some(key), text);
        }
        Ref::map(self.right.borrow(), |(_, text)| text)
    }

    /// Forgets what was cached (the next frame builds everything again).
    pub fn clear(&self) {
        *self.right.borrow_mut() = (None, RightText::default());
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
        for line in &self.lines[first..] {
            if y >= area.height {
                break;
            }
            let room = Rect::new(area.x, area.y + y, area.width, area.height - y);
            let drawn = if let Some(rows) = simple_wrap(line, area.width) {
                let shown = rows
                    .iter()
                    .skip(usize::from(skip))
                    .take(usize::from(room.height));
                for (dy, row) in shown.enumerate() {
                    draw_row(buf, room, dy as u16, line, row);
                }
                (rows.len() as u16).saturating_sub(skip)
            } else {
                let paragraph = Paragraph::new(borrowed(line))
                    .wrap(Wrap { trim: false })
                    .scroll((skip, 0));
                ratatui::widgets::Widget::render(&paragraph, room, buf);
                line_rows(line, area.width).saturating_sub(skip)
            };
            y = y.saturating_add(drawn);
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

/// The rows of a plain line at `width` (see [`simple_rows`] for what is plain): each row its
/// characters with their widths and styles. ratatui's `WordWrapper` without `trim`, step for
/// step, on characters instead of graphemes; `tests/tui_frame_cache.rs` draws both.
fn simple_wrap(line: &Line<'_>, width: u16) -> Option<Vec<Vec<(char, u16, Style)>>> {
    use std::collections::VecDeque;
    let mut chars = Vec::new();
    for span in &line.spans {
        let style = Style::default().patch(line.style).patch(span.style);
        for ch in span.content.chars() {
            chars.push((ch, plain_width(ch)?, style));
        }
    }
    let mut rows = Vec::new();
    let mut row: Vec<(char, u16, Style)> = Vec::new();
    let mut word: Vec<(char, u16, Style)> = Vec::new();
    let mut spaces: VecDeque<(char, u16, Style)> = VecDeque::new();
    let (mut row_w, mut word_w, mut spaces_w) = (0u16, 0u16, 0u16);
    let mut after_word = false;
    for g in chars {
        let (ch, w, _) = g;
        let space = ch == ' ';
        if w > width {
            continue;
        }
        if (after_word && space) || (row.is_empty() && word_w + spaces_w + w > width) {
            row.extend(spaces.drain(..));
            row_w += spaces_w;
            row.append(&mut word);
            row_w += word_w;
            spaces_w = 0;
            word_w = 0;
        }
        if row_w >= width || row_w + spaces_w + word_w >= width {
            let mut remaining = width.saturating_sub(row_w);
            rows.push(std::mem::take(&mut row));
            row_w = 0;
            while let Some(&(_, sw, _)) = spaces.front() {
                if sw > remaining {
                    break;
                }
                spaces_w -= sw;
                remaining -= sw;
                spaces.pop_front();
            }
            if space && spaces.is_empty() {
                continue;
            }
        }
        if space {
            spaces_w += w;
            spaces.push_back(g);
        } else {
            word_w += w;
            word.push(g);
        }
        after_word = !space;
    }
    row.extend(spaces.drain(..));
    row.append(&mut word);
    if !row.is_empty() {
        rows.push(row);
    }
    if rows.is_empty() {
        rows.push(Vec::new());
    }
    Some(rows)
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

/// Rows `line` takes at `width` when each of its characters is a grapheme of its own, one or
/// two columns wide, and the space is its only whitespace (printable ASCII, Latin letters,
/// punctuation, arrows, symbols, box drawing: what the reference is written in); `None` for
/// anything else (control, combining, zero-width or joining characters, other spaces,
/// variation selectors, emoji sequences, other scripts), which ratatui's wrapper measures.
///
/// Hand-written because the wrapper segments every grapheme of every line, the larger part of
/// drawing a cause: this is `ratatui_widgets::reflow::WordWrapper` without `trim`, counting
/// widths instead of collecting graphemes (widths alone decide where it breaks when every
/// grapheme is one character). `tests/tui_frame_cache.rs` checks it against the wrapper.
fn simple_rows(line: &Line<'_>, width: u16) -> Option<u16> {
    let max = u32::from(width);
    let mut rows: u32 = 0;
    // Widths of the row being filled, the word being read and the spaces before it.
    let (mut row, mut word, mut spaces) = (0u32, 0u32, 0u32);
    let mut after_word = false;
    for ch in line.spans.iter().flat_map(|span| span.content.chars()) {
        let space = ch == ' ';
        let w = u32::from(plain_width(ch)?);
        if w > max {
            continue;
        }
        if (after_word && space) || (row == 0 && word + spaces + w > max) {
            row += spaces + word;
            spaces = 0;
            word = 0;
        }
        if row >= max || row + spaces + word >= max {
            // The spaces before the break end the row (they always fit in it: a row breaks
            // as soon as they fill it).
            spaces = 0;
            rows += 1;
            row = 0;
            if space && spaces == 0 {
                continue;
            }
        }
        if space {
            spaces += w;
        } else {
            word += w;
        }
        after_word = !space;
    }
    if row + spaces + word > 0 {
        rows += 1;
    }
    Some(rows.max(1).min(u32::from(u16::MAX)) as u16)
}

/// The width of a character of plain text (see [`simple_rows`]); `None` for any other.
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
