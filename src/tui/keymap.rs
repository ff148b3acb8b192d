//! Keys and mouse → [`Action`], by mode. One table drives the mapping, the help overlay, the
//! status-line hints and the man page's KEYS, so none can drift from what the keys do.
//!
//! The table is a value, [`Keymap`]: the built-in one ([`Keymap::default`]) with the config
//! file's overrides applied ([`Keymap::with_overrides`]), handed to the app, which owns it.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Pane, TextEdit};

/// Which mode a binding applies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
pub enum Context {
    /// Every mode.
    Global,
    Browse,
    Search,
    Week,
    /// The find line (after `f`).
    Find,
    /// The look-alike picker (after `t`).
    Compare,
    /// Help and About overlays.
    Overlay,
    /// The side-by-side comparison (after `c` on two causes).
    SideBySide,
    /// The new-patient confirmation line (after `X`).
    Confirm,
    /// The calculators (after `=`).
    Calc,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Browse => "Browsing (tree and panes)",
            Context::Search => "Search line (after /)",
            Context::Week => "Gestation entry (after w)",
            Context::Find => "Find in the open cause (after f)",
            Context::Compare => "Look-alike picker (after t)",
            Context::Overlay => "Help / About",
            Context::SideBySide => "Side by side (c on two or three causes)",
            Context::Confirm => "New patient? (after X)",
            Context::Calc => "Calculators (after =)",
        }
    }

    pub const ALL: [Context; 10] = [
        Context::Global,
        Context::Browse,
        Context::Search,
        Context::Week,
        Context::Find,
        Context::Compare,
        Context::Overlay,
        Context::SideBySide,
        Context::Confirm,
        Context::Calc,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// One row of the key table: these keys do `action` in `context`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

use Context::{Browse, Calc, Compare, Confirm, Find, Global, Overlay, Search, SideBySide, Week};

/// The built-in key table, in the order the help shows it: one line per binding, its keys
/// written as the config file writes them (space-separated; [`parse_key`]).
// Kept unformatted so each binding stays one line and the table reads as a table.
#[rustfmt::skip]
const DEFAULT_TABLE: &[(Context, &str, Action, &str)] = &[
    (Global, "ctrl-c", Action::Quit, "quit"),
    (Global, "ctrl-z", Action::Suspend, "suspend to the shell (fg resumes)"),
    (Browse, "q", Action::Quit, "quit"),
    (Browse, "up k", Action::Up, "move up / scroll pane up"),
    (Browse, "down j", Action::Down, "move down / scroll pane down"),
    (Browse, "left h", Action::Left, "collapse, go to parent; from a pane: back to tree"),
    (Browse, "right l", Action::Right, "expand, go into; from a cause: to its signs"),
    (Browse, "pgup", Action::PageUp, "page up"),
    (Browse, "pgdn", Action::PageDown, "page down"),
    (Browse, "home g", Action::Home, "first row / top of pane"),
    (Browse, "end G", Action::End, "last row / end of pane"),
    (Browse, "enter", Action::Open, "open: expand a node, show a cause's signs"),
    (Browse, "space", Action::Toggle, "expand / collapse"),
    (Browse, "tab", Action::FocusNext, "next pane"),
    (Browse, "shift-tab", Action::FocusPrev, "previous pane"),
    (Browse, "/", Action::SearchStart, "search by symptom, name, test, drug…"),
    (Browse, "esc", Action::ClearSearch, "clear search highlighting; focus tree"),
    (Browse, "1", Action::FilterTrimester(Some(1)), "show 1st trimester only"),
    (Browse, "2", Action::FilterTrimester(Some(2)), "show 2nd trimester only"),
    (Browse, "3", Action::FilterTrimester(Some(3)), "show 3rd trimester only"),
    (Browse, "0", Action::FilterTrimester(None), "show all stages (clear filter)"),
    (Browse, "w", Action::WeekStart, "gestation: 32+4, 7w, 32/40, lmp/edd DATE (ISO or 14/10/2026)"),
    (Browse, "=", Action::CalcStart, "calculators (cited): GA/EDD, hCG, blood loss, anti-D, steroids"),
    (Browse, "f", Action::FindStart, "find a word in the open cause"),
    (Browse, "n", Action::FindNext, "next find match"),
    (Browse, "N", Action::FindPrev, "previous find match"),
    (Browse, "y", Action::Copy, "copy the open cause as a cited note (OSC 52)"),
    (Browse, "?", Action::ToggleHelp, "this help"),
    (Browse, "i a", Action::ToggleAbout, "about: KB version, sources, disclaimer"),
    (Browse, "D", Action::ToggleGuidelines, "show / hide the § GUIDELINE safety layer (documents only)"),
    (Browse, "t", Action::TellApart, "tell apart: pick a look-alike of this cause to jump to"),
    (Browse, "backspace b", Action::Back, "back to where you were before the last cause opened"),
    (Browse, "B", Action::Forward, "forward again (after b)"),
    (Browse, "c", Action::CompareMark, "compare: mark; c on a 2nd or 3rd cause shows them side by side"),
    (Browse, "s", Action::ToggleFavourite, "star / unstar the open cause (Favourites lead the tree)"),
    (Browse, "H", Action::CopyHandover, "copy a handover note (SBAR) of the search and gestation (OSC 52)"),
    (Browse, "+", Action::HeaderMore, "the whole cause header (summary, stage, aliases, look-alikes); again: next page, then back"),
    (Browse, "-", Action::HeaderLess, "the cause header back in its place"),
    (Browse, "X", Action::NewPatient, "new patient: clear gestation, search, find, marks and history (asks first)"),
    (Search, "up ctrl-p ctrl-k", Action::Up, "previous result"),
    (Search, "down ctrl-n ctrl-j", Action::Down, "next result"),
    (Search, "pgup", Action::PageUp, "results page up"),
    (Search, "pgdn", Action::PageDown, "results page down"),
    (Search, "alt-1", Action::AskAnswer { question: 0, present: true }, "ask next: yes to question 1 (adds the finding; the search re-runs)"),
    (Search, "alt-q", Action::AskAnswer { question: 0, present: false }, "ask next: no to question 1 (adds its opposite)"),
    (Search, "alt-2", Action::AskAnswer { question: 1, present: true }, "ask next: yes to question 2"),
    (Search, "alt-w", Action::AskAnswer { question: 1, present: false }, "ask next: no to question 2"),
    (Search, "alt-3", Action::AskAnswer { question: 2, present: true }, "ask next: yes to question 3"),
    (Search, "alt-e", Action::AskAnswer { question: 2, present: false }, "ask next: no to question 3"),
    (Search, "enter", Action::SearchAccept, "open result in the tree (keeps highlighting)"),
    (Search, "esc", Action::SearchCancel, "leave search, back to previous selection"),
    (Search, "backspace", Action::SearchEdit(TextEdit::Backspace), "delete before cursor"),
    (Search, "delete", Action::SearchEdit(TextEdit::Delete), "delete at cursor"),
    (Search, "left", Action::SearchEdit(TextEdit::Left), "cursor left"),
    (Search, "right", Action::SearchEdit(TextEdit::Right), "cursor right"),
    (Search, "home ctrl-a", Action::SearchEdit(TextEdit::Start), "cursor to start"),
    (Search, "end ctrl-e", Action::SearchEdit(TextEdit::End), "cursor to end"),
    (Search, "ctrl-w", Action::SearchEdit(TextEdit::DeleteWord), "delete word"),
    (Search, "ctrl-u", Action::SearchEdit(TextEdit::Clear), "clear search line"),
    (Find, "enter", Action::FindAccept, "close the line, keep matches"),
    (Find, "esc", Action::FindCancel, "close and clear"),
    (Find, "down ctrl-n", Action::FindNext, "next match"),
    (Find, "up ctrl-p", Action::FindPrev, "previous match"),
    (Find, "backspace", Action::FindEdit(TextEdit::Backspace), "delete before cursor"),
    (Week, "enter", Action::WeekAccept, "apply week"),
    (Week, "esc", Action::WeekCancel, "cancel"),
    (Week, "backspace", Action::WeekBackspace, "delete a character"),
    (Compare, "up k", Action::Up, "previous look-alike"),
    (Compare, "down j", Action::Down, "next look-alike"),
    (Compare, "enter", Action::Open, "jump to it (Backspace or b comes back)"),
    (Compare, "c", Action::CompareMark, "compare side by side with the highlighted look-alike"),
    (Compare, "esc t", Action::CloseOverlay, "close"),
    (Compare, "q", Action::Quit, "quit"),
    (Overlay, "esc ? i a enter", Action::CloseOverlay, "close"),
    (Overlay, "q", Action::Quit, "quit"),
    (Overlay, "up k", Action::Up, "scroll up"),
    (Overlay, "down j", Action::Down, "scroll down"),
    (Overlay, "pgup", Action::PageUp, "page up"),
    (Overlay, "pgdn space", Action::PageDown, "page down"),
    (Overlay, "home g", Action::Home, "top"),
    (Overlay, "end G", Action::End, "end"),
    (SideBySide, "esc c", Action::CloseOverlay, "close (the marks stay: c on another cause adds it, c on a marked one removes it)"),
    (SideBySide, "y", Action::Copy, "copy the comparison as a cited note"),
    (SideBySide, "q", Action::Quit, "quit"),
    (SideBySide, "up k", Action::Up, "scroll up"),
    (SideBySide, "down j", Action::Down, "scroll down"),
    (SideBySide, "pgup", Action::PageUp, "page up"),
    (SideBySide, "pgdn space", Action::PageDown, "page down"),
    (SideBySide, "home g", Action::Home, "top"),
    (SideBySide, "end G", Action::End, "end"),
    (Confirm, "enter", Action::ConfirmNewPatient, "yes: clear for the new patient"),
    (Confirm, "esc", Action::CloseOverlay, "no: keep everything"),
    (Calc, "enter", Action::CalcRun, "calculate (Gestation/EDD also sets the browser's gestation)"),
    (Calc, "right", Action::CalcNextCalculator, "next calculator"),
    (Calc, "left", Action::CalcPrevCalculator, "previous calculator"),
    (Calc, "tab down", Action::CalcNextField, "next field"),
    (Calc, "shift-tab up", Action::CalcPrevField, "previous field"),
    (Calc, "backspace", Action::CalcBackspace, "delete a character"),
    (Calc, "y", Action::Copy, "copy the result with its citations (once calculated; else y is text)"),
    (Calc, "pgdn", Action::PageDown, "scroll the result down"),
    (Calc, "pgup", Action::PageUp, "scroll the result up"),
    (Calc, "esc", Action::CloseOverlay, "close"),
];

/// Keys handled outside the table (typed text), for the help overlay.
pub static FALLBACK_HELP: &[(Context, &str, &str)] = &[
    (
        Browse,
        "other letters",
        "start a search with that letter (type-to-search)",
    ),
    (
        Search,
        "any character",
        "type the search (q, digits, / are text here)",
    ),
    (
        Week,
        "any character",
        "the gestation: 32+4, 7w, 32 weeks, 32/40, 2026-08-24, lmp 24/08/2026, edd 2027-02-01",
    ),
    (
        Calc,
        "any character",
        "the field: dates and gestations as after w; hCG in IU/L; loss in mL (add: shock)",
    ),
    (Find, "any character", "the word to find"),
];

/// Mouse, for the help overlay.
pub static MOUSE_HELP: &[(&str, &str)] = &[
    (
        "click",
        "select a tree row / result / look-alike; focus a pane",
    ),
    ("wheel", "scroll the pane under the pointer"),
];

/// Shift is implied by the character itself (`G`, `?`), and by `BackTab`.
fn normalise(ev: &KeyEvent) -> Key {
    let mut mods = ev.modifiers;
    if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: ev.code,
        mods,
    }
}

/// A user's key override: `key` does `action` in `context`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub key: Key,
    pub action: Action,
    pub context: Context,
}

/// Keys no override may take: Ctrl-C always quits and Ctrl-Z always suspends, so a config
/// file can never lock a clinician inside the browser.
pub fn reserved(key: &Key) -> bool {
    let ctrl = |ch| Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    };
    *key == ctrl('c') || *key == ctrl('z')
}

/// Why no key can stand for `action`, if none can: it carries what the event says (text, a
/// position), or a value out of range (a trimester other than 1–3, a digit above 9).
pub fn unbindable(action: &Action) -> Option<String> {
    match action {
        Action::Paste(_)
        | Action::Click { .. }
        | Action::ScrollUp { .. }
        | Action::ScrollDown { .. } => Some(format!(
            "{action:?} carries what the terminal sends and cannot be bound to a key"
        )),
        Action::FilterTrimester(Some(t)) if !(1..=3).contains(t) => Some(format!(
            "FilterTrimester(Some({t})) is not a trimester (Some(1), Some(2), Some(3) or None)"
        )),
        Action::WeekDigit(d) if *d > 9 => Some(format!("WeekDigit({d}) is not a digit (0-9)")),
        Action::AskAnswer { question, .. } if *question > 2 => Some(format!(
            "AskAnswer question {question} is not listed (ask next lists questions 0, 1 and 2)"
        )),
        _ => None,
    }
}

/// The actions a config file may bind, one example each, for `obddx config --actions`: every
/// action of the built-in table, then the few that have no key of their own.
pub fn bindable_actions() -> Vec<(Action, &'static str)> {
    let mut out: Vec<(Action, &'static str)> = Vec::new();
    let extra = [
        (
            Action::Focus(Pane::Tree),
            "focus a pane: Tree, Signs, Diagnostics, Treatment or Sources",
        ),
        (
            Action::FindEdit(TextEdit::Clear),
            "edit the find line (as SearchEdit)",
        ),
        (
            Action::SearchEdit(TextEdit::WordLeft),
            "cursor one word left (also WordRight)",
        ),
    ];
    for (action, help) in DEFAULT_TABLE
        .iter()
        .map(|(_, _, a, h)| (a.clone(), *h))
        .chain(extra)
    {
        if !out.iter().any(|(a, _)| *a == action) {
            out.push((action, help));
        }
    }
    out
}

/// The key table in use: the built-in one, or it with the config file's overrides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    /// The built-in table.
    fn default() -> Self {
        let bindings = DEFAULT_TABLE
            .iter()
            .map(|(context, keys, action, help)| Binding {
                context: *context,
                // The table's own keys all parse: `the_default_table_parses` checks each.
                keys: keys.split(' ').filter_map(|k| parse_key(k).ok()).collect(),
                action: action.clone(),
                help,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The built-in table with `overrides` applied: the key is taken from whatever it did in
    /// that context (and in `Global`, so it cannot be shadowed) and given to the action, whose
    /// help text is kept.
    #[must_use]
    pub fn with_overrides(overrides: &[Override]) -> Keymap {
        let mut table = Keymap::default().bindings;
        for o in overrides {
            for b in &mut table {
                if b.context == o.context || b.context == Global || o.context == Global {
                    b.keys.retain(|k| *k != o.key);
                }
            }
            if let Some(b) = table
                .iter_mut()
                .find(|b| b.context == o.context && b.action == o.action)
            {
                b.keys.insert(0, o.key);
            } else {
                let help = DEFAULT_TABLE
                    .iter()
                    .find(|(_, _, a, _)| *a == o.action)
                    .map_or("(key from the config file)", |(_, _, _, h)| h);
                table.push(Binding {
                    context: o.context,
                    keys: vec![o.key],
                    action: o.action.clone(),
                    help,
                });
            }
        }
        table.retain(|b| !b.keys.is_empty());
        Keymap { bindings: table }
    }

    /// A key press → action, in the mode of context `ctx`. Releases and repeats-as-release are
    /// ignored.
    pub fn map_key(&self, ctx: Context, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let key = normalise(ev);
        let found = self
            .bindings
            .iter()
            .filter(|b| b.context == ctx || b.context == Global)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone());
        if found.is_some() {
            return found;
        }
        let plain = !key
            .mods
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER);
        match (ctx, key.code) {
            // A letter no key is bound to starts a search with it: a word typed into the tree
            // runs no command after its first bound letter.
            (Browse, KeyCode::Char(ch)) if plain && ch.is_alphabetic() => {
                Some(Action::TypeToSearch(ch))
            }
            (Search, KeyCode::Char(ch)) if plain => Some(Action::SearchEdit(TextEdit::Insert(ch))),
            (Week, KeyCode::Char(ch)) if plain => Some(
                ch.to_digit(10)
                    .map_or(Action::WeekChar(ch), |d| Action::WeekDigit(d as u8)),
            ),
            (Find, KeyCode::Char(ch)) if plain => Some(Action::FindEdit(TextEdit::Insert(ch))),
            (Calc, KeyCode::Char(ch)) if plain => Some(Action::CalcChar(ch)),
            _ => None,
        }
    }

    /// Any terminal event → action. Resizes and focus changes give none (the loop redraws
    /// anyway). A bracketed paste is one action, whatever its length.
    pub fn map_event(&self, ctx: Context, ev: &Event) -> Option<Action> {
        match ev {
            Event::Key(k) => self.map_key(ctx, k),
            Event::Mouse(m) => map_mouse(m),
            Event::Paste(text) => Some(Action::Paste(text.clone())),
            _ => None,
        }
    }

    /// Rows of the help overlay (and the man page's KEYS): (context, keys, what they do).
    pub fn help_rows(&self) -> Vec<(Context, String, &'static str)> {
        let mut rows = Vec::new();
        for ctx in Context::ALL {
            for b in self.bindings.iter().filter(|b| b.context == ctx) {
                let keys: Vec<String> = b.keys.iter().map(key_label).collect();
                rows.push((ctx, keys.join(" "), b.help));
            }
            for (fc, keys, help) in FALLBACK_HELP {
                if *fc == ctx {
                    rows.push((ctx, (*keys).to_string(), *help));
                }
            }
        }
        rows
    }

    /// The keys bound to an action in a context, as labels, first (the preferred one) first.
    pub fn keys_of(&self, context: Context, action: &Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && b.action == *action)
            .flat_map(|b| b.keys.iter().map(key_label))
            .collect()
    }

    /// The first key bound to an action in a context, for status-line hints.
    pub fn first_key(&self, context: Context, action: Action) -> Option<String> {
        self.keys_of(context, &action).into_iter().next()
    }
}

/// The key tables of docs/keys.md (everything but the mouse), in Markdown.
pub fn markdown_key_tables(keymap: &Keymap) -> String {
    let mut out = String::new();
    let mut last: Option<Context> = None;
    for (ctx, keys, help) in keymap.help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "**{}**\n\n| Keys | Action |\n| --- | --- |\n",
                ctx.title()
            ));
            last = Some(ctx);
        }
        out.push_str(&format!("| `{keys}` | {help} |\n"));
    }
    out
}

/// Why a key cannot be bound, if no terminal (without the kitty keyboard protocol, which the
/// browser does not ask for) can send it as itself: Ctrl-Enter arrives as Enter, Ctrl-I as Tab,
/// Alt-Esc as Esc, Alt-[ starts an escape sequence.
fn unsendable(key: &Key) -> Option<&'static str> {
    use KeyCode::{BackTab, Backspace, Char, Enter, Esc, Tab};
    if key.mods == KeyModifiers::CONTROL {
        return match key.code {
            Char('i' | 'm') => Some("terminals send it as tab or enter"),
            Char(ch) if ch.is_ascii_lowercase() || ch == ' ' => None,
            Char(_) => Some("terminals send Ctrl only with a letter or space"),
            Enter | Tab | BackTab | Esc | Backspace => {
                Some("terminals send it as the key without Ctrl")
            }
            _ => None,
        };
    }
    if key.mods == KeyModifiers::ALT {
        return match key.code {
            Esc | BackTab => Some("terminals send it as esc"),
            Char('[' | 'O') => Some("terminals read it as the start of an escape sequence"),
            _ => None,
        };
    }
    None
}

/// Reads a key as the config file writes it: `x`, `G`, `?`, `ctrl-f`, `alt-x`, `enter`, `esc`,
/// `tab`, `shift-tab`, `backspace`, `delete`, `space`, `up`, `down`, `left`, `right`, `home`,
/// `end`, `pgup`, `pgdn`, `f1`–`f12`. A key no terminal can send as itself is refused.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let lower = text.to_ascii_lowercase();
    let (mods, rest) = if let Some(r) = lower.strip_prefix("ctrl-") {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = lower.strip_prefix("alt-") {
        (KeyModifiers::ALT, r)
    } else {
        (KeyModifiers::NONE, lower.as_str())
    };
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        f if f.len() > 1
            && f.starts_with('f')
            && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
        {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => {
            // One character, as typed (case kept: `G` is not `g`).
            let original = &text[text.len() - rest.len()..];
            let mut chars = original.chars();
            match (chars.next(), chars.next()) {
                // Terminals send Ctrl-F and Ctrl-f alike, as `f`.
                (Some(ch), None) if !ch.is_control() && mods == KeyModifiers::CONTROL => {
                    KeyCode::Char(ch.to_ascii_lowercase())
                }
                (Some(ch), None) if !ch.is_control() => KeyCode::Char(ch),
                _ => {
                    return Err(format!(
                        "unknown key \"{text}\" (a character, ctrl-x, alt-x, enter, esc, tab, \
                         shift-tab, backspace, delete, space, up, down, left, right, home, end, \
                         pgup, pgdn, f1-f12)"
                    ));
                }
            }
        }
    };
    let key = Key { code, mods };
    match unsendable(&key) {
        Some(why) => Err(format!("no terminal can send \"{text}\": {why}")),
        None => Ok(key),
    }
}

pub fn map_mouse(ev: &MouseEvent) -> Option<Action> {
    let (column, row) = (ev.column, ev.row);
    match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
        _ => None,
    }
}

/// "Ctrl-C", "Alt-X", "F5", "↑", "`PgUp`", "Shift-Tab", "Space", "q".
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Mode;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn map_key(mode: Mode, ev: &KeyEvent) -> Option<Action> {
        Keymap::default().map_key(mode.context(), ev)
    }

    fn k(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    fn c(ch: char) -> Key {
        k(KeyCode::Char(ch))
    }

    fn ctrl(ch: char) -> Key {
        Key {
            code: KeyCode::Char(ch),
            mods: KeyModifiers::CONTROL,
        }
    }

    #[test]
    fn the_default_table_parses() {
        for (_, keys, action, _) in DEFAULT_TABLE {
            for key in keys.split(' ') {
                assert!(parse_key(key).is_ok(), "{key:?} of {action:?}");
            }
            assert_eq!(unbindable(action), None, "{action:?}");
        }
        let keymap = Keymap::default();
        assert_eq!(keymap.bindings().len(), DEFAULT_TABLE.len());
        assert!(keymap.bindings().iter().all(|b| !b.keys.is_empty()));
    }

    #[test]
    fn q_quits_in_browse_but_is_text_in_search() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map_key(Mode::Browse, &q), Some(Action::Quit));
        assert_eq!(
            map_key(Mode::Search, &q),
            Some(Action::SearchEdit(TextEdit::Insert('q')))
        );
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for m in [
            Mode::Browse,
            Mode::Search,
            Mode::WeekEntry,
            Mode::Find,
            Mode::Help,
            Mode::About,
            Mode::Compare,
        ] {
            assert_eq!(map_key(m, &cc), Some(Action::Quit), "{m:?}");
        }
    }

    #[test]
    fn only_presses_count() {
        let mut ev = press(KeyCode::Char('j'), KeyModifiers::NONE);
        ev.kind = KeyEventKind::Release;
        assert_eq!(map_key(Mode::Browse, &ev), None);
        ev.kind = KeyEventKind::Repeat;
        assert_eq!(map_key(Mode::Browse, &ev), None);
        ev.kind = KeyEventKind::Press;
        ev.state = KeyEventState::NONE;
        assert_eq!(map_key(Mode::Browse, &ev), Some(Action::Down));
    }

    #[test]
    fn shifted_chars_and_backtab() {
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map_key(Mode::Browse, &g), Some(Action::End));
        let bt = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(map_key(Mode::Browse, &bt), Some(Action::FocusPrev));
        let big_q = press(KeyCode::Char('Q'), KeyModifiers::SHIFT);
        assert_eq!(
            map_key(Mode::Search, &big_q),
            Some(Action::SearchEdit(TextEdit::Insert('Q')))
        );
    }

    #[test]
    fn week_mode_takes_digits_only() {
        let d = press(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(map_key(Mode::WeekEntry, &d), Some(Action::WeekDigit(7)));
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(map_key(Mode::WeekEntry, &x), Some(Action::WeekChar('x')));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in Context::ALL {
            let mut seen = Vec::new();
            for b in Keymap::default()
                .bindings()
                .iter()
                .filter(|b| b.context == ctx || b.context == Context::Global)
            {
                for key in &b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice in {ctx:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = Keymap::default().help_rows();
        assert_eq!(rows.len(), DEFAULT_TABLE.len() + FALLBACK_HELP.len());
        assert!(rows.iter().any(|(_, k, _)| k == "Ctrl-C"));
    }

    #[test]
    fn the_documented_key_tables_match_the_help() {
        let doc = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md"));
        let tables = markdown_key_tables(&Keymap::default());
        assert!(
            doc.contains(&tables),
            "docs/keys.md is out of date; replace its tables with:\n{tables}"
        );
    }

    #[test]
    fn tell_apart_and_back_keys() {
        let t = press(KeyCode::Char('t'), KeyModifiers::NONE);
        assert_eq!(map_key(Mode::Browse, &t), Some(Action::TellApart));
        assert_eq!(map_key(Mode::Compare, &t), Some(Action::CloseOverlay));
        let bs = press(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(map_key(Mode::Browse, &bs), Some(Action::Back));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(map_key(Mode::Compare, &enter), Some(Action::Open));
    }

    #[test]
    fn ctrl_z_suspends_everywhere_and_a_paste_is_one_action() {
        let z = press(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for m in [Mode::Browse, Mode::Search, Mode::Find, Mode::Help] {
            assert_eq!(map_key(m, &z), Some(Action::Suspend), "{m:?}");
        }
        let paste = Event::Paste("a\nb".into());
        assert_eq!(
            Keymap::default().map_event(Browse, &paste),
            Some(Action::Paste("a\nb".into()))
        );
    }

    fn table_with(key: &str, action: Action, context: Context) -> Keymap {
        let key = parse_key(key).expect("a key");
        Keymap::with_overrides(&[Override {
            key,
            action,
            context,
        }])
    }

    #[test]
    fn an_override_adds_a_key_and_keeps_the_action_s_other_keys() {
        let table = table_with("x", Action::Quit, Browse);
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(table.map_key(Browse, &x), Some(Action::Quit));
        assert_eq!(table.map_key(Browse, &q), Some(Action::Quit));
        // Without the override, x (bound to nothing) starts a search with itself.
        assert_eq!(map_key(Mode::Browse, &x), Some(Action::TypeToSearch('x')));
        // Only in its context: x is still text in the search box.
        assert_eq!(
            table.map_key(Search, &x),
            Some(Action::SearchEdit(TextEdit::Insert('x')))
        );
    }

    #[test]
    fn an_override_takes_the_key_from_what_it_did_before() {
        // q opens the help instead of quitting; Ctrl-C still quits.
        let table = table_with("q", Action::ToggleHelp, Browse);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(table.map_key(Browse, &q), Some(Action::ToggleHelp));
        let quit_keys: Vec<&Binding> = table
            .bindings()
            .iter()
            .filter(|b| b.context == Browse && b.action == Action::Quit)
            .collect();
        assert!(quit_keys.is_empty(), "q no longer listed as quit");
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(table.map_key(Browse, &cc), Some(Action::Quit));
        // The help table shows the new key with the action's own words.
        let help = table
            .bindings()
            .iter()
            .find(|b| b.context == Browse && b.action == Action::ToggleHelp)
            .expect("help binding");
        assert_eq!(help.keys.first(), Some(&c('q')));
    }

    #[test]
    fn keys_are_read_as_the_config_file_writes_them() {
        assert_eq!(parse_key("x"), Ok(c('x')));
        assert_eq!(parse_key("G"), Ok(c('G')));
        assert_eq!(parse_key("?"), Ok(c('?')));
        assert_eq!(parse_key("ctrl-f"), Ok(ctrl('f')));
        assert_eq!(parse_key("Ctrl-F"), Ok(ctrl('f')));
        assert_eq!(parse_key("enter"), Ok(k(KeyCode::Enter)));
        assert_eq!(parse_key("shift-tab"), Ok(k(KeyCode::BackTab)));
        assert_eq!(parse_key("f5"), Ok(k(KeyCode::F(5))));
        assert_eq!(parse_key("space"), Ok(c(' ')));
        for bad in ["", "ab", "ctrl-", "f13", "f0", "\u{1b}", "hyper-x"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
        // Keys no terminal sends as themselves.
        for unsendable in [
            "ctrl-enter",
            "alt-esc",
            "ctrl-tab",
            "ctrl-i",
            "ctrl-1",
            "alt-[",
        ] {
            let e = parse_key(unsendable).unwrap_err();
            assert!(e.starts_with("no terminal can send"), "{unsendable}: {e}");
        }
        for sendable in ["ctrl-up", "alt-enter", "alt-x", "ctrl-space", "ctrl-f5"] {
            assert!(parse_key(sendable).is_ok(), "{sendable}");
        }
        assert!(reserved(&parse_key("ctrl-c").unwrap()));
        assert!(!reserved(&parse_key("x").unwrap()));
    }

    #[test]
    fn labels_name_function_keys_and_modifiers_as_keyboards_do() {
        let label = |text| key_label(&parse_key(text).unwrap());
        assert_eq!(label("f5"), "F5");
        assert_eq!(label("ctrl-f"), "Ctrl-F");
        assert_eq!(label("alt-x"), "Alt-x");
        assert_eq!(label("alt-enter"), "Alt-Enter");
        assert_eq!(label("space"), "Space");
    }

    #[test]
    fn out_of_range_and_positional_actions_cannot_be_bound() {
        assert!(unbindable(&Action::FilterTrimester(Some(9))).is_some());
        assert!(unbindable(&Action::FilterTrimester(Some(0))).is_some());
        assert!(unbindable(&Action::WeekDigit(10)).is_some());
        assert!(unbindable(&Action::Paste("x".into())).is_some());
        assert!(unbindable(&Action::FilterTrimester(Some(3))).is_none());
        assert!(unbindable(&Action::FilterTrimester(None)).is_none());
    }

    #[test]
    fn keys_of_follows_an_override() {
        let keymap = Keymap::with_overrides(&[Override {
            key: parse_key("x").unwrap(),
            action: Action::FilterTrimester(Some(1)),
            context: Context::Browse,
        }]);
        assert_eq!(
            keymap.keys_of(Context::Browse, &Action::FilterTrimester(Some(1))),
            ["x", "1"]
        );
    }
}
