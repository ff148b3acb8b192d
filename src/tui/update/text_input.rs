//! The typed lines (search, find, gestation): their length limits, pasted text made one line,
//! and key edits turned into `tui-input` requests.

use crate::tui::action::TextEdit;
use crate::tui::app::App;
use tui_input::InputRequest;

/// Longest gestation text accepted after `w` ("edd 2027-02-01" is 14).
pub(super) const WEEK_INPUT_MAX: usize = 20;

/// Longest search line, in characters: typing stops there and a paste is cut (the status line
/// says so). Long enough for any clinical query, short enough that a runaway paste cannot make
/// every keystroke slow.
pub const SEARCH_INPUT_MAX: usize = 256;

/// Longest find line, in characters (same reasoning as [`SEARCH_INPUT_MAX`]).
pub const FIND_INPUT_MAX: usize = 256;

/// Pasted text as one line: CR LF, LF, CR and tab become a space, other control characters are
/// dropped.
pub fn paste_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(4 * SEARCH_INPUT_MAX));
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Inserts `text` at the cursor of `input`, up to `max` characters in all; returns how many
/// characters did not fit.
pub(super) fn insert_capped(input: &mut tui_input::Input, text: &str, max: usize) -> usize {
    let room = max.saturating_sub(input.value().chars().count());
    let mut cut = 0;
    for (i, ch) in text.chars().enumerate() {
        if i < room {
            input.handle(InputRequest::InsertChar(ch));
        } else {
            cut += 1;
        }
    }
    cut
}

pub(super) fn request(edit: TextEdit) -> InputRequest {
    match edit {
        TextEdit::Insert(c) => InputRequest::InsertChar(c),
        TextEdit::Backspace => InputRequest::DeletePrevChar,
        TextEdit::Delete => InputRequest::DeleteNextChar,
        TextEdit::Left => InputRequest::GoToPrevChar,
        TextEdit::Right => InputRequest::GoToNextChar,
        TextEdit::WordLeft => InputRequest::GoToPrevWord,
        TextEdit::WordRight => InputRequest::GoToNextWord,
        TextEdit::Start => InputRequest::GoToStart,
        TextEdit::End => InputRequest::GoToEnd,
        TextEdit::DeleteWord => InputRequest::DeletePrevWord,
        TextEdit::Clear => InputRequest::DeleteLine,
    }
}

pub(super) fn say_paste_cut(app: &mut App, cut: usize, line: &str, max: usize) {
    if cut > 0 {
        app.message = Some(format!(
            "Paste cut: the {line} line holds {max} characters ({cut} left out)"
        ));
    }
}
