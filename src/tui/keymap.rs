//! Keys and mouse → [`Action`], by mode. One table drives both the mapping and the help
//! overlay, so the help cannot drift from what the keys do.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, TextEdit};
use super::app::Mode;

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
        }
    }

    pub const ALL: [Context; 8] = [
        Context::Global,
        Context::Browse,
        Context::Search,
        Context::Week,
        Context::Find,
        Context::Compare,
        Context::Overlay,
        Context::SideBySide,
    ];

    pub fn of(mode: Mode) -> Context {
        match mode {
            Mode::Browse => Context::Browse,
            Mode::Search => Context::Search,
            Mode::WeekEntry => Context::Week,
            Mode::Find => Context::Find,
            Mode::Compare => Context::Compare,
            Mode::Help | Mode::About => Context::Overlay,
            Mode::SideBySide => Context::SideBySide,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}
const fn c(ch: char) -> Key {
    k(KeyCode::Char(ch))
}
const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        mods: KeyModifiers::CONTROL,
    }
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn b(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Context::{Browse, Compare, Find, Global, Overlay, Search, SideBySide, Week};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// The key table, in the order the help shows it.
pub static BINDINGS: &[Binding] = &[
    b(Global, &[ctrl('c')], Action::Quit, "quit"),
    b(
        Global,
        &[ctrl('z')],
        Action::Suspend,
        "suspend to the shell (fg resumes)",
    ),
    b(Browse, &[c('q')], Action::Quit, "quit"),
    b(
        Browse,
        &[k(Up), c('k')],
        Action::Up,
        "move up / scroll pane up",
    ),
    b(
        Browse,
        &[k(Down), c('j')],
        Action::Down,
        "move down / scroll pane down",
    ),
    b(
        Browse,
        &[k(Left), c('h')],
        Action::Left,
        "collapse, go to parent; from a pane: back to tree",
    ),
    b(
        Browse,
        &[k(Right), c('l')],
        Action::Right,
        "expand, go into; from a cause: to its signs",
    ),
    b(Browse, &[k(PageUp)], Action::PageUp, "page up"),
    b(Browse, &[k(PageDown)], Action::PageDown, "page down"),
    b(
        Browse,
        &[k(Home), c('g')],
        Action::Home,
        "first row / top of pane",
    ),
    b(
        Browse,
        &[k(End), c('G')],
        Action::End,
        "last row / end of pane",
    ),
    b(
        Browse,
        &[k(Enter)],
        Action::Open,
        "open: expand a node, show a cause's signs",
    ),
    b(Browse, &[c(' ')], Action::Toggle, "expand / collapse"),
    b(Browse, &[k(Tab)], Action::FocusNext, "next pane"),
    b(Browse, &[k(BackTab)], Action::FocusPrev, "previous pane"),
    b(
        Browse,
        &[c('/')],
        Action::SearchStart,
        "search by symptom, name, test, drug…",
    ),
    b(
        Browse,
        &[k(Esc)],
        Action::ClearSearch,
        "clear search highlighting; focus tree",
    ),
    b(
        Browse,
        &[c('1')],
        Action::FilterTrimester(Some(1)),
        "show 1st trimester only",
    ),
    b(
        Browse,
        &[c('2')],
        Action::FilterTrimester(Some(2)),
        "show 2nd trimester only",
    ),
    b(
        Browse,
        &[c('3')],
        Action::FilterTrimester(Some(3)),
        "show 3rd trimester only",
    ),
    b(
        Browse,
        &[c('0')],
        Action::FilterTrimester(None),
        "show all stages (clear filter)",
    ),
    b(
        Browse,
        &[c('w')],
        Action::WeekStart,
        "gestation: 32, 32+4, 32/40, LMP YYYY-MM-DD or edd YYYY-MM-DD",
    ),
    b(
        Browse,
        &[c('f')],
        Action::FindStart,
        "find a word in the open cause",
    ),
    b(Browse, &[c('n')], Action::FindNext, "next find match"),
    b(Browse, &[c('N')], Action::FindPrev, "previous find match"),
    b(
        Browse,
        &[c('y')],
        Action::Copy,
        "copy the open cause as a cited note (OSC 52)",
    ),
    b(Browse, &[c('?')], Action::ToggleHelp, "this help"),
    b(
        Browse,
        &[c('i'), c('a')],
        Action::ToggleAbout,
        "about: KB version, sources, disclaimer",
    ),
    b(
        Browse,
        &[c('D')],
        Action::ToggleGuidelines,
        "show / hide the § GUIDELINE safety layer (documents only)",
    ),
    b(
        Browse,
        &[c('t')],
        Action::TellApart,
        "tell apart: pick a look-alike of this cause to jump to",
    ),
    b(
        Browse,
        &[k(Backspace), c('b')],
        Action::Back,
        "back to where you were before the last cause opened",
    ),
    b(
        Browse,
        &[c('B')],
        Action::Forward,
        "forward again (after b)",
    ),
    b(
        Browse,
        &[c('c')],
        Action::CompareMark,
        "compare: mark; c on a 2nd or 3rd cause shows them side by side",
    ),
    b(
        Search,
        &[k(Up), ctrl('p'), ctrl('k')],
        Action::Up,
        "previous result",
    ),
    b(
        Search,
        &[k(Down), ctrl('n'), ctrl('j')],
        Action::Down,
        "next result",
    ),
    b(Search, &[k(PageUp)], Action::PageUp, "results page up"),
    b(
        Search,
        &[k(PageDown)],
        Action::PageDown,
        "results page down",
    ),
    b(
        Search,
        &[k(Enter)],
        Action::SearchAccept,
        "open result in the tree (keeps highlighting)",
    ),
    b(
        Search,
        &[k(Esc)],
        Action::SearchCancel,
        "leave search, back to previous selection",
    ),
    b(
        Search,
        &[k(Backspace)],
        Action::SearchEdit(TextEdit::Backspace),
        "delete before cursor",
    ),
    b(
        Search,
        &[k(Delete)],
        Action::SearchEdit(TextEdit::Delete),
        "delete at cursor",
    ),
    b(
        Search,
        &[k(Left)],
        Action::SearchEdit(TextEdit::Left),
        "cursor left",
    ),
    b(
        Search,
        &[k(Right)],
        Action::SearchEdit(TextEdit::Right),
        "cursor right",
    ),
    b(
        Search,
        &[k(Home), ctrl('a')],
        Action::SearchEdit(TextEdit::Start),
        "cursor to start",
    ),
    b(
        Search,
        &[k(End), ctrl('e')],
        Action::SearchEdit(TextEdit::End),
        "cursor to end",
    ),
    b(
        Search,
        &[ctrl('w')],
        Action::SearchEdit(TextEdit::DeleteWord),
        "delete word",
    ),
    b(
        Search,
        &[ctrl('u')],
        Action::SearchEdit(TextEdit::Clear),
        "clear search line",
    ),
    b(
        Find,
        &[k(Enter)],
        Action::FindAccept,
        "close the line, keep matches",
    ),
    b(Find, &[k(Esc)], Action::FindCancel, "close and clear"),
    b(Find, &[k(Down), ctrl('n')], Action::FindNext, "next match"),
    b(
        Find,
        &[k(Up), ctrl('p')],
        Action::FindPrev,
        "previous match",
    ),
    b(
        Find,
        &[k(Backspace)],
        Action::FindEdit(TextEdit::Backspace),
        "delete before cursor",
    ),
    b(Week, &[k(Enter)], Action::WeekAccept, "apply week"),
    b(Week, &[k(Esc)], Action::WeekCancel, "cancel"),
    b(
        Week,
        &[k(Backspace)],
        Action::WeekBackspace,
        "delete a character",
    ),
    b(Compare, &[k(Up), c('k')], Action::Up, "previous look-alike"),
    b(Compare, &[k(Down), c('j')], Action::Down, "next look-alike"),
    b(
        Compare,
        &[k(Enter)],
        Action::Open,
        "jump to it (Backspace or b comes back)",
    ),
    b(
        Compare,
        &[c('c')],
        Action::CompareMark,
        "compare side by side with the highlighted look-alike",
    ),
    b(Compare, &[k(Esc), c('t')], Action::CloseOverlay, "close"),
    b(Compare, &[c('q')], Action::Quit, "quit"),
    b(
        Overlay,
        &[k(Esc), c('?'), c('i'), c('a'), k(Enter)],
        Action::CloseOverlay,
        "close",
    ),
    b(Overlay, &[c('q')], Action::Quit, "quit"),
    b(Overlay, &[k(Up), c('k')], Action::Up, "scroll up"),
    b(Overlay, &[k(Down), c('j')], Action::Down, "scroll down"),
    b(Overlay, &[k(PageUp)], Action::PageUp, "page up"),
    b(
        Overlay,
        &[k(PageDown), c(' ')],
        Action::PageDown,
        "page down",
    ),
    b(Overlay, &[k(Home), c('g')], Action::Home, "top"),
    b(Overlay, &[k(End), c('G')], Action::End, "end"),
    b(
        SideBySide,
        &[k(Esc), c('c')],
        Action::CloseOverlay,
        "close (the marks stay: c on another cause adds it, c on a marked one removes it)",
    ),
    b(
        SideBySide,
        &[c('y')],
        Action::Copy,
        "copy the comparison as a cited note",
    ),
    b(SideBySide, &[c('q')], Action::Quit, "quit"),
    b(SideBySide, &[k(Up), c('k')], Action::Up, "scroll up"),
    b(SideBySide, &[k(Down), c('j')], Action::Down, "scroll down"),
    b(SideBySide, &[k(PageUp)], Action::PageUp, "page up"),
    b(
        SideBySide,
        &[k(PageDown), c(' ')],
        Action::PageDown,
        "page down",
    ),
    b(SideBySide, &[k(Home), c('g')], Action::Home, "top"),
    b(SideBySide, &[k(End), c('G')], Action::End, "end"),
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
        "the gestation: 32, 32+4, 32/40, 2026-08-24, edd 2027-02-01",
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

/// The key table in use: [`BINDINGS`] with the config file's overrides, once installed.
static ACTIVE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();

/// The key table the browser, its help and its hints use.
pub fn table() -> &'static [Binding] {
    ACTIVE.get().map_or(BINDINGS, Vec::as_slice)
}

/// Makes `bindings` the table for the rest of the process (the first call wins; start-up only).
pub fn install(bindings: Vec<Binding>) {
    let _ = ACTIVE.set(bindings);
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
    *key == ctrl('c') || *key == ctrl('z')
}

/// Actions that carry what the event says (text, a position): no key can stand for them.
pub fn bindable(action: &Action) -> bool {
    !matches!(
        action,
        Action::Paste(_)
            | Action::Click { .. }
            | Action::ScrollUp { .. }
            | Action::ScrollDown { .. }
    )
}

/// `base` with `overrides` applied: the key is taken from whatever it did in that context (and
/// in `Global`, so it cannot be shadowed) and given to the action, whose help text is kept. The
/// few bytes of the new key lists are leaked once at start-up: the table is `'static`.
pub fn with_overrides(base: &[Binding], overrides: &[Override]) -> Vec<Binding> {
    let mut table: Vec<(Context, Vec<Key>, Action, &'static str)> = base
        .iter()
        .map(|b| (b.context, b.keys.to_vec(), b.action.clone(), b.help))
        .collect();
    for o in overrides {
        for (ctx, keys, _, _) in &mut table {
            if *ctx == o.context || *ctx == Context::Global || o.context == Context::Global {
                keys.retain(|k| *k != o.key);
            }
        }
        if let Some((_, keys, _, _)) = table
            .iter_mut()
            .find(|(ctx, _, a, _)| *ctx == o.context && *a == o.action)
        {
            keys.insert(0, o.key);
        } else {
            let help = base
                .iter()
                .find(|b| b.action == o.action)
                .map_or("(key from the config file)", |b| b.help);
            table.push((o.context, vec![o.key], o.action.clone(), help));
        }
    }
    table
        .into_iter()
        .filter(|(_, keys, _, _)| !keys.is_empty())
        .map(|(context, keys, action, help)| Binding {
            context,
            keys: Vec::leak(keys),
            action,
            help,
        })
        .collect()
}

/// Reads a key as the config file writes it: `x`, `G`, `?`, `ctrl-f`, `alt-x`, `enter`, `esc`,
/// `tab`, `shift-tab`, `backspace`, `delete`, `space`, `up`, `down`, `left`, `right`, `home`,
/// `end`, `pgup`, `pgdn`, `f1`–`f12`.
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
    Ok(Key { code, mods })
}

/// A key press → action, in the given mode. Releases and repeats-as-release are ignored.
pub fn map_key(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    map_key_in(table(), mode, ev)
}

/// [`map_key`] with a given table (tests, and the config's overridden one).
pub fn map_key_in(bindings: &[Binding], mode: Mode, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    let key = normalise(ev);
    let ctx = Context::of(mode);
    let found = bindings
        .iter()
        .filter(|b| b.context == ctx || b.context == Context::Global)
        .find(|b| b.keys.contains(&key))
        .map(|b| b.action.clone());
    if found.is_some() {
        return found;
    }
    let plain = !key
        .mods
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SUPER);
    match (ctx, key.code) {
        (Context::Browse, KeyCode::Char(ch)) if plain && ch.is_alphabetic() => {
            Some(Action::TypeToSearch(ch))
        }
        (Context::Search, KeyCode::Char(ch)) if plain => {
            Some(Action::SearchEdit(TextEdit::Insert(ch)))
        }
        (Context::Week, KeyCode::Char(ch)) if plain => Some(
            ch.to_digit(10)
                .map_or(Action::WeekChar(ch), |d| Action::WeekDigit(d as u8)),
        ),
        (Context::Find, KeyCode::Char(ch)) if plain => Some(Action::FindEdit(TextEdit::Insert(ch))),
        _ => None,
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

/// Any terminal event → action. Resizes and focus changes give none (the loop redraws anyway).
/// A bracketed paste is one action, whatever its length.
pub fn map_event(mode: Mode, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) => map_key(mode, k),
        Event::Mouse(m) => map_mouse(m),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// "Ctrl-C", "↑", "`PgUp`", "Shift-Tab", "Space", "q".
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
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

/// Rows of the help overlay: (context, keys, what they do).
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    let mut rows = Vec::new();
    for ctx in Context::ALL {
        for b in table().iter().filter(|b| b.context == ctx) {
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

/// The key tables of README.md's "Keys" section (everything but the mouse), in Markdown.
pub fn readme_key_tables() -> String {
    let mut out = String::new();
    let mut last: Option<Context> = None;
    for (ctx, keys, help) in help_rows() {
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

/// The first key bound to an action in a context, for status-line hints.
pub fn first_key(context: Context, action: Action) -> Option<String> {
    table()
        .iter()
        .find(|b| b.context == context && b.action == action)
        .and_then(|b| b.keys.first())
        .map(key_label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
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
            for b in BINDINGS
                .iter()
                .filter(|b| b.context == ctx || b.context == Context::Global)
            {
                for key in b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice in {ctx:?}");
                    seen.push(*key);
                }
            }
        }
    }

    #[test]
    fn help_lists_every_binding() {
        let rows = help_rows();
        assert_eq!(rows.len(), BINDINGS.len() + FALLBACK_HELP.len());
        assert!(rows.iter().any(|(_, k, _)| k == "Ctrl-C"));
    }

    #[test]
    fn readme_key_tables_match_the_help() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"));
        let tables = readme_key_tables();
        assert!(
            readme.contains(&tables),
            "README.md's Keys section is out of date; replace its tables with:\n{tables}"
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
            map_event(Mode::Browse, &paste),
            Some(Action::Paste("a\nb".into()))
        );
    }

    fn table_with(key: &str, action: Action, context: Context) -> Vec<Binding> {
        let key = parse_key(key).expect("a key");
        with_overrides(
            BINDINGS,
            &[Override {
                key,
                action,
                context,
            }],
        )
    }

    #[test]
    fn an_override_adds_a_key_and_keeps_the_action_s_other_keys() {
        let table = table_with("x", Action::Quit, Browse);
        let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map_key_in(&table, Mode::Browse, &x), Some(Action::Quit));
        assert_eq!(map_key_in(&table, Mode::Browse, &q), Some(Action::Quit));
        assert_eq!(
            map_key_in(BINDINGS, Mode::Browse, &x),
            map_key(Mode::Browse, &x)
        );
        // Only in its context: x is still text in the search box.
        assert_eq!(
            map_key_in(&table, Mode::Search, &x),
            Some(Action::SearchEdit(TextEdit::Insert('x')))
        );
    }

    #[test]
    fn an_override_takes_the_key_from_what_it_did_before() {
        // q opens the help instead of quitting; Ctrl-C still quits.
        let table = table_with("q", Action::ToggleHelp, Browse);
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            map_key_in(&table, Mode::Browse, &q),
            Some(Action::ToggleHelp)
        );
        let quit_keys: Vec<&Binding> = table
            .iter()
            .filter(|b| b.context == Browse && b.action == Action::Quit)
            .collect();
        assert!(quit_keys.is_empty(), "q no longer listed as quit");
        let cc = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map_key_in(&table, Mode::Browse, &cc), Some(Action::Quit));
        // The help table shows the new key with the action's own words.
        let help = table
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
        assert_eq!(parse_key("enter"), Ok(k(Enter)));
        assert_eq!(parse_key("shift-tab"), Ok(k(BackTab)));
        assert_eq!(parse_key("f5"), Ok(k(KeyCode::F(5))));
        assert_eq!(parse_key("space"), Ok(c(' ')));
        for bad in ["", "ab", "ctrl-", "f13", "f0", "\u{1b}", "hyper-x"] {
            assert!(parse_key(bad).is_err(), "{bad:?}");
        }
        assert!(reserved(&parse_key("ctrl-c").unwrap()));
        assert!(!reserved(&parse_key("x").unwrap()));
    }
}
