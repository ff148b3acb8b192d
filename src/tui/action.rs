//! Everything the user can ask the TUI to do, as data.
//!
//! Keys and mouse events are turned into an [`Action`] by [`super::keymap`]; all state
//! changes happen in [`super::update::update`]. Actions are serde-serialisable so a
//! session can be recorded and replayed (and so tests can be written as data).

use serde::{Deserialize, Serialize};

/// The panes of the screen that can hold the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Pane {
    /// The differential tree (or, while searching, the result list).
    Tree,
    Signs,
    Diagnostics,
    Treatment,
    Sources,
}

impl Pane {
    /// All panes in Tab order.
    pub const ALL: [Pane; 5] = [
        Pane::Tree,
        Pane::Signs,
        Pane::Diagnostics,
        Pane::Treatment,
        Pane::Sources,
    ];

    /// The scrollable detail panes, in display order (index = scroll slot).
    pub const DETAIL: [Pane; 4] = [
        Pane::Signs,
        Pane::Diagnostics,
        Pane::Treatment,
        Pane::Sources,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Tree => "Differential",
            Pane::Signs => "Signs & risk factors",
            Pane::Diagnostics => "Diagnostics",
            Pane::Treatment => "Treatment",
            Pane::Sources => "Sources",
        }
    }

    /// The name where space is short (the title of a pane shown alone at 80 columns).
    pub fn short_title(self) -> &'static str {
        match self {
            Pane::Signs => "Signs",
            Pane::Diagnostics => "Tests",
            Pane::Tree | Pane::Treatment | Pane::Sources => self.title(),
        }
    }

    /// Index into the per-pane scroll array, for detail panes.
    pub fn detail_index(self) -> Option<usize> {
        Pane::DETAIL.iter().position(|p| *p == self)
    }

    #[must_use]
    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    #[must_use]
    pub fn prev(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + Pane::ALL.len() - 1) % Pane::ALL.len()]
    }
}

/// An edit of the search line (mirrors the subset of `tui_input::InputRequest` we use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TextEdit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    WordLeft,
    WordRight,
    Start,
    End,
    DeleteWord,
    Clear,
}

/// One user intention. Not `Copy`: a paste carries its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Quit,
    /// Ctrl-Z: give the terminal back to the shell and stop (`fg` resumes and repaints). The
    /// event loop does the suspending; `update` only records the request.
    Suspend,
    /// Text pasted in one piece (bracketed paste): inserted into the search line (a paste while
    /// browsing starts a search) or the find line, newlines and tabs as spaces, other control
    /// characters dropped, cut at the line's length limit.
    Paste(String),
    /// Move up one row (tree / results) or scroll the focused pane.
    Up,
    Down,
    /// Collapse / go to parent (tree); back to the tree from a pane.
    Left,
    /// Expand / go to first child (tree); from a cause, into its Signs pane.
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open a group, show a cause's details, accept a search or week, jump to the
    /// look-alike chosen in the picker.
    Open,
    /// Space: expand/collapse the selected tree node.
    Toggle,
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// `/`: start searching (the previous query selected: typing replaces it).
    SearchStart,
    /// A letter typed in the tree that no key is bound to: a search starts with it
    /// (type-to-search), so a word typed as if into a search box runs no commands after its
    /// first bound letter.
    TypeToSearch(char),
    SearchEdit(TextEdit),
    /// Enter in search: open the highlighted result in the tree.
    SearchAccept,
    /// Esc in search: leave search, keep the previous tree selection.
    SearchCancel,
    /// Esc in browse: drop the search text (and its highlighting).
    ClearSearch,
    /// `1` `2` `3` = that trimester, `0` (None) = all.
    FilterTrimester(Option<u8>),
    /// `w`: start typing a gestational week.
    WeekStart,
    WeekDigit(u8),
    /// Any other character of a gestation: `+`, `/`, `-`, `edd `.
    WeekChar(char),
    /// `f`: find a word inside the open cause.
    FindStart,
    FindEdit(TextEdit),
    /// Enter: close the find line, keep the matches (`n`/`N` still step).
    FindAccept,
    /// Esc: close the find line and drop the matches.
    FindCancel,
    FindNext,
    FindPrev,
    /// `y`: copy the open cause (or the comparison) as a cited plain-text note (OSC 52).
    Copy,
    /// `c`: add the open cause to the side-by-side comparison (removes it if already there);
    /// with two or more, the comparison opens. In the look-alike picker: compare the cause with
    /// the highlighted look-alike.
    CompareMark,
    WeekBackspace,
    WeekAccept,
    WeekCancel,
    /// `t`: open the picker of the shown cause's look-alikes ("tell apart from").
    TellApart,
    /// Backspace / `b`: back to where the user was before the last cause was opened (its
    /// filter too).
    Back,
    /// `B`: forward again, to where the last Back came from.
    Forward,
    /// `s`: star or unstar the open cause (the Favourites group leads the tree).
    ToggleFavourite,
    /// `X`: new patient — asks first (Enter confirms, Esc cancels).
    NewPatient,
    /// Enter on the new-patient line: clear the gestation, search, find, marks and history.
    ConfirmNewPatient,
    /// `H`: copy a handover note (SBAR) of the search and gestation (OSC 52).
    CopyHandover,
    ToggleHelp,
    ToggleAbout,
    /// `D`: show or hide the guideline safety layer (the `--documents-only` view). A capital,
    /// so that no lower-case word typed into the tree can switch it.
    ToggleGuidelines,
    /// `+`: show the open cause's whole header (summary, stage, aliases, look-alikes) over the
    /// right side; again: its next page, then back to the usual layout.
    HeaderMore,
    /// `-`: the header back in its usual place.
    HeaderLess,
    /// Ask next, while searching: answer question `question` (0-based, as listed) — `present`
    /// adds its finding to the query, else its opposite or absence; the search re-runs.
    AskAnswer {
        question: u8,
        present: bool,
    },
    /// `=`: open the calculators.
    CalcStart,
    /// A character typed into the calculator's field.
    CalcChar(char),
    CalcBackspace,
    /// Tab / ↓ and Shift-Tab / ↑: the next or previous field.
    CalcNextField,
    CalcPrevField,
    /// → and ←: the next or previous calculator.
    CalcNextCalculator,
    CalcPrevCalculator,
    /// Enter: calculate (the gestation calculator also sets the browser's gestation).
    CalcRun,
    /// Esc in an overlay (help, about, the look-alike picker): close it.
    CloseOverlay,
    /// Left mouse button at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
}
