//! The TUI's whole state. Nothing here draws; [`super::update::update`] changes it and
//! [`super::ui::draw`] only reads it. What a frame measured comes back as a [`ViewLayout`]
//! and enters the state through [`super::update::apply_layout`].

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use tui_input::Input;

use super::action::Pane;
use super::find::Find;
use super::frame_cache::FrameCache;
use super::keymap::{Context, Keymap};
use super::theme::Theme;
use super::tree::{ANY_TIME, FAVOURITES, NodeId, RECENT, TreeLayout, TreeNode, TreeView};
use crate::gestation::Gestation;
use crate::kb::{
    GroupNode, GuidelineLayer, KnowledgeBase, LocalLayer, Reference, Section, build_tree,
};
use crate::search::{Hit, IndexedReference, Query, ResolvedStage, SearchIndex};
use jiff::civil::Date;

/// Which mode the app is in, without its state: what keys are mapped by
/// ([`super::keymap`]) and what tests compare. [`ModeState`] holds the state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Browse,
    Search,
    WeekEntry,
    /// The find line (`f`) is open.
    Find,
    Help,
    About,
    /// The look-alike picker ([`App::picker`]) is open.
    Compare,
    /// The side-by-side comparison of [`App::compared`] is open.
    SideBySide,
    /// The new-patient confirmation line (after `X`).
    Confirm,
    /// The calculators (`=`) are open.
    Calc,
}

impl Mode {
    /// The key table's context of this mode.
    pub fn context(self) -> Context {
        match self {
            Mode::Browse => Context::Browse,
            Mode::Search => Context::Search,
            Mode::WeekEntry => Context::Week,
            Mode::Find => Context::Find,
            Mode::Compare => Context::Compare,
            Mode::Help | Mode::About => Context::Overlay,
            Mode::SideBySide => Context::SideBySide,
            Mode::Confirm => Context::Confirm,
            Mode::Calc => Context::Calc,
        }
    }
}

/// The mode with the state only it has, so that state cannot outlive its mode (a picker
/// without the picker open, a half-typed week after Esc).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ModeState {
    #[default]
    Browse,
    /// The search line is open; `saved_selection` is the tree selection before `/`, restored
    /// by Esc. `query_selected`: the previous query is shown selected, so the first typed
    /// character replaces it (a new patient starts a new query) and an arrow key keeps it.
    Search {
        saved_selection: Vec<NodeId>,
        query_selected: bool,
    },
    /// The gestation being typed after `w`.
    WeekEntry {
        input: String,
    },
    Find,
    Help {
        scroll: u16,
    },
    About {
        scroll: u16,
    },
    /// The look-alike picker.
    Compare(Picker),
    /// The side-by-side comparison (of [`App::compared`]).
    SideBySide {
        scroll: u16,
    },
    /// "New patient? Enter clears …, Esc cancels".
    ConfirmNewPatient,
    /// The calculators' form.
    Calc(Box<super::calc_form::CalcForm>),
}

impl ModeState {
    pub fn mode(&self) -> Mode {
        match self {
            ModeState::Browse => Mode::Browse,
            ModeState::Search { .. } => Mode::Search,
            ModeState::WeekEntry { .. } => Mode::WeekEntry,
            ModeState::Find => Mode::Find,
            ModeState::Help { .. } => Mode::Help,
            ModeState::About { .. } => Mode::About,
            ModeState::Compare(_) => Mode::Compare,
            ModeState::SideBySide { .. } => Mode::SideBySide,
            ModeState::ConfirmNewPatient => Mode::Confirm,
            ModeState::Calc(_) => Mode::Calc,
        }
    }

    /// The scroll of the help, about or side-by-side box (`None` in other modes).
    pub fn overlay_scroll_mut(&mut self) -> Option<&mut u16> {
        match self {
            ModeState::Help { scroll }
            | ModeState::About { scroll }
            | ModeState::SideBySide { scroll } => Some(scroll),
            _ => None,
        }
    }
}

/// A place in the session's history: a tree selection and the filter that was on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub path: Vec<NodeId>,
    pub filter: Filter,
}

/// How many places [`App::history`] remembers.
pub const HISTORY_MAX: usize = 50;

/// The look-alike picker: the causes to tell the shown one apart from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The cause whose look-alikes are listed.
    pub from: usize,
    /// Look-alikes as indices into `kb.causes`, in KB order (never empty).
    pub items: Vec<usize>,
    pub sel: usize,
}

/// What the tree and the search are restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub trimester: Option<u8>,
    /// Gestational week typed with `w`; implies `trimester`.
    pub week: Option<u8>,
}

/// Where a frame put things, for mouse hit-testing and scroll limits: returned by
/// [`super::ui::draw`], stored by [`super::update::apply_layout`] (as [`App::view`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewLayout {
    /// The tree pane, border included (empty when the tree was not drawn).
    pub tree_area: Rect,
    /// Rows of the tree as drawn, and the offset used.
    pub tree: TreeLayout,
    pub results_area: Rect,
    pub results_offset: usize,
    /// The screen row of each result drawn, as (row, index into `App::results`).
    pub result_rows: Vec<(u16, usize)>,
    /// How many pages the shown cause's header takes when expanded ([`App::header_page`]).
    pub header_pages: u16,
    pub pane_areas: [Rect; 4],
    pub max_scroll: [u16; 4],
    pub overlay_area: Rect,
    pub overlay_max_scroll: u16,
    /// Where each row of the look-alike picker was drawn (by item; empty if not drawn).
    pub picker_rows: Vec<Rect>,
}

/// A view of the reference made when it is first shown: reading the other view's index (about
/// 0.2 ms) is work the first frame need not wait for, and most sessions never toggle.
pub type LaterView = Box<dyn FnOnce() -> IndexedReference + Send>;

pub struct App {
    pub kb: KnowledgeBase,
    /// The guideline layer when it is shown (its causes are already in `kb`): stage and cause
    /// notes, the notice. `None` with `--documents-only` or after `g` hides it.
    pub guidelines: Option<GuidelineLayer>,
    /// The other view of the same reference (with or without the guideline layer), swapped in by
    /// [`super::action::Action::ToggleGuidelines`]; `None` when there is no layer to toggle.
    pub alternate: Option<LaterView>,
    /// The unit's local protocol overlay, shown in both views; its notes are in `index`.
    pub local: Option<LocalLayer>,
    /// "Today" as `YYYY-MM-DD`, for the overlay's review date (injectable for tests).
    pub today_iso: String,
    pub index: SearchIndex,
    /// The KB's differential tree, all stages (built once: the KB does not change).
    pub sections: Vec<Section>,
    pub theme: Theme,
    /// Draw with ASCII only (a locale that is not UTF-8, `--ascii`, or the config's `ascii`):
    /// markers get ASCII forms and the finished frame is transliterated ([`super::ascii`]).
    pub ascii: bool,
    /// The mode and the state that lives only as long as it.
    pub mode_state: ModeState,
    pub focus: Pane,
    pub filter: Filter,
    /// The tree as shown (rebuilt when the filter changes).
    pub tree_items: Vec<TreeNode>,
    /// Selection, open nodes and scroll offset of the tree.
    pub tree: TreeView,
    /// The search text. It and its results stay after the search line closes: they highlight
    /// the opened cause and `/` reopens them.
    pub input: Input,
    /// Results of the current search text (empty when the text is empty).
    pub results: Vec<Hit>,
    /// How many of `results`, at its end, are pinned must-not-miss emergencies of the stated
    /// stage (not ranked by the query); [`App::pinned_why`] words each.
    pub pinned: usize,
    /// The questions whose answers would best separate the leading results (ask next), each a
    /// key away from joining the query.
    pub ask_next: Vec<crate::search::AskNext>,
    /// The stage the current search used, and where it came from.
    pub search_stage: ResolvedStage,
    pub result_sel: usize,
    /// The shown cause's header expanded over the right side (`+`), at a page: (cause, page).
    /// Only for that cause: another cause opens with its header in its usual place.
    pub header_page: Option<(usize, u16)>,
    /// Scroll of the detail panes, by `Pane::detail_index`.
    pub scroll: [u16; 4],
    /// Causes marked with `c` for the side-by-side comparison, in the order marked (at most
    /// [`super::compare::MAX_COMPARED`]). Kept when the comparison closes, so `c` adds to it.
    pub compared: Vec<usize>,
    /// Where the user was before each cause opened (Enter on a cause, a search result, a jump
    /// to a look-alike), most recent last: Backspace / `b` pops it.
    pub history: Vec<Visit>,
    /// Where Back came from, most recent last: `B` pops it. Cleared when a cause is opened.
    pub forward: Vec<Visit>,
    /// The cause opened last (where Back and a new open start from).
    pub opened: Option<Visit>,
    /// One-line notice for the status bar (e.g. a rejected week).
    pub message: Option<String>,
    pub should_quit: bool,
    /// Ctrl-Z was pressed: the event loop suspends the process (and clears this).
    pub suspend_requested: bool,
    /// The search text changed since `results` were ranked: [`super::update::settle`] re-ranks
    /// once, so a burst of typed or pasted characters costs one search, not one per character.
    pub search_stale: bool,
    /// A note waiting to be copied to the clipboard by the event loop (OSC 52).
    pub clipboard: Option<String>,
    /// Find inside the open cause. Kept when the find line closes: its matches stay marked
    /// and `n`/`N` go on from them.
    pub find: Find,
    /// "Today", for gestation from dates (injectable for tests).
    pub today: Date,
    /// The gestation given with `w`, shown in the header.
    pub gestation: Option<Gestation>,
    /// "Now" for the calculators (the anti-D deadline), in the local zone; `None` reads the
    /// clock (tests fix it).
    pub now: Option<jiff::ZonedDateTime>,
    /// The last frame's layout (set only by [`super::update::apply_layout`]).
    pub view: ViewLayout,
    /// When the gestation was set, on the local clock ("14:05 GMT"), shown beside it so a stale
    /// one is seen.
    pub gestation_set_at: Option<String>,
    /// Starred causes (ids, in the order starred): the Favourites group.
    pub favourites: Vec<String>,
    /// Causes opened, most recent first (ids, at most [`crate::state::RECENT_MAX`]).
    pub recent: Vec<String>,
    /// Favourites or recents changed since they were last written (the event loop writes them
    /// when the browser remembers, and clears this).
    pub state_dirty: bool,
    /// A fixed clock (seconds since 1970) for tests; `None`: the system clock.
    pub fixed_now: Option<i64>,
    /// The key table: the built-in one with the config file's overrides.
    pub keymap: Keymap,
    /// The right sides the last frames built ([`FrameCache`]): not state, a memo of drawing,
    /// which fills it.
    pub frame_cache: FrameCache,
}

impl App {
    /// Builds the search index and the tree; colours follow `NO_COLOR`.
    pub fn new(kb: KnowledgeBase) -> Self {
        Self::with_theme(kb, Theme::from_env())
    }

    /// The app on a reference given with its index (documents' KB with or without the
    /// guideline layer, and the unit's overlay); `alternate` is the same reference with the
    /// layer toggled, if the layer can be toggled. The app never builds or looks up an index.
    pub fn from_reference(shown: IndexedReference, alternate: Option<LaterView>) -> Self {
        let mut app = Self::from_indexed(shown, Theme::from_env());
        app.alternate = alternate;
        app
    }

    /// The local overlay's notes on a cause, `do_now` ones first (none without an overlay).
    pub fn local_notes(&self, cause: usize) -> Vec<&crate::kb::LocalNote> {
        self.local
            .iter()
            .flat_map(|l| l.notes_for(&self.kb, &self.kb.causes[cause]))
            .collect()
    }

    /// The overlay is past its review date.
    pub fn local_past_review(&self) -> bool {
        self.local
            .as_ref()
            .is_some_and(|l| l.past_review(&self.today_iso))
    }

    /// The app on a documents' KB alone, its index built here (tests, benchmarks, a KB that
    /// has no index yet).
    pub fn with_theme(kb: KnowledgeBase, theme: Theme) -> Self {
        Self::from_indexed(
            IndexedReference::build(Reference::documents_only(kb)),
            theme,
        )
    }

    /// The app on one view of a reference, with its index; no other view to toggle to.
    pub fn from_indexed(shown: IndexedReference, theme: Theme) -> Self {
        let IndexedReference {
            reference:
                Reference {
                    kb,
                    guidelines,
                    local,
                },
            index,
        } = shown;
        let sections = build_tree(&kb, None);
        let mut app = App {
            kb,
            guidelines,
            alternate: None,
            local,
            today_iso: crate::kb::today_iso(),
            index,
            sections,
            theme,
            ascii: false,
            mode_state: ModeState::Browse,
            focus: Pane::Tree,
            filter: Filter::default(),
            tree_items: Vec::new(),
            tree: TreeView::default(),
            input: Input::default(),
            results: Vec::new(),
            pinned: 0,
            ask_next: Vec::new(),
            header_page: None,
            search_stage: ResolvedStage::default(),
            result_sel: 0,
            scroll: [0; 4],
            compared: Vec::new(),
            forward: Vec::new(),
            opened: None,
            history: Vec::new(),
            message: None,
            should_quit: false,
            suspend_requested: false,
            search_stale: false,
            clipboard: None,
            find: Find::default(),
            today: crate::gestation::today_local(),
            gestation: None,
            now: None,
            view: ViewLayout::default(),
            gestation_set_at: None,
            favourites: Vec::new(),
            recent: Vec::new(),
            state_dirty: false,
            fixed_now: None,
            keymap: Keymap::default(),
            frame_cache: FrameCache::default(),
        };
        app.rebuild_tree();
        for stage in app.stage_nodes() {
            app.tree.open(vec![NodeId::Stage(stage)]);
        }
        if let Some(first) = app.tree_items.first() {
            app.tree.select(vec![*first.identifier()]);
        }
        app
    }

    /// Sets the palette and the ASCII mode, and rebuilds what was drawn with the old ones (the
    /// tree's labels are styled when built), so nothing shows in the previous look.
    pub fn set_look(&mut self, theme: Theme, ascii: bool) {
        self.theme = theme;
        self.ascii = ascii;
        self.rebuild_tree();
    }

    pub fn mode(&self) -> Mode {
        self.mode_state.mode()
    }

    /// The look-alike picker, while [`Mode::Compare`].
    pub fn picker(&self) -> Option<&Picker> {
        match &self.mode_state {
            ModeState::Compare(picker) => Some(picker),
            _ => None,
        }
    }

    /// The gestation typed so far, while [`Mode::WeekEntry`] (else empty).
    pub fn week_input(&self) -> &str {
        match &self.mode_state {
            ModeState::WeekEntry { input } => input,
            _ => "",
        }
    }

    /// The tree selection before `/`, while [`Mode::Search`] (else empty).
    pub fn saved_selection(&self) -> &[NodeId] {
        match &self.mode_state {
            ModeState::Search {
                saved_selection, ..
            } => saved_selection,
            _ => &[],
        }
    }

    /// Whether the search line shows its previous query selected (the next character replaces
    /// it).
    pub fn query_selected(&self) -> bool {
        matches!(
            self.mode_state,
            ModeState::Search {
                query_selected: true,
                ..
            }
        )
    }

    /// The scroll of the help, about or side-by-side box (0 in other modes).
    pub fn overlay_scroll(&self) -> u16 {
        match self.mode_state {
            ModeState::Help { scroll }
            | ModeState::About { scroll }
            | ModeState::SideBySide { scroll } => scroll,
            _ => 0,
        }
    }

    /// Stage nodes shown under the current filter, in display order.
    pub fn stage_nodes(&self) -> Vec<u8> {
        let mut v: Vec<u8> = self
            .kb
            .trimesters
            .iter()
            .map(|t| t.number)
            .filter(|n| self.filter.trimester.is_none_or(|f| f == *n))
            .collect();
        v.push(ANY_TIME);
        v
    }

    /// The tree's heading of a stage node ([`crate::labels::tree_stage_label`]).
    pub fn stage_label(&self, stage: u8) -> String {
        crate::labels::tree_stage_label(&self.kb, (stage != ANY_TIME).then_some(stage), self.ascii)
    }

    /// The reference as shown, for the renderers shared with the CLI.
    pub fn shown(&self) -> crate::note::Shown<'_> {
        crate::note::Shown {
            kb: &self.kb,
            guidelines: self.guidelines.as_ref(),
            week: self.filter.week,
            local: self.local.as_ref(),
        }
    }

    /// The guideline notes on a cause (none without the layer).
    pub fn cause_notes<'a>(&'a self, cause_id: &'a str) -> Vec<&'a crate::kb::CauseNote> {
        self.guidelines
            .iter()
            .flat_map(|g| g.notes_for(cause_id))
            .collect()
    }

    /// The guideline notes on a stage of pregnancy (none without the layer).
    pub fn stage_notes(&self, stage: crate::kb::GuidelineStage) -> Vec<&crate::kb::StageNote> {
        self.guidelines
            .iter()
            .flat_map(|g| g.stage_notes_for(stage))
            .collect()
    }

    /// Index into `kb.causes` of a cause id.
    pub fn cause_index(&self, id: &str) -> Option<usize> {
        self.kb.causes.iter().position(|c| c.id == id)
    }

    /// A cause's look-alikes that exist in the KB, as indices, in KB order.
    pub fn look_alikes(&self, c: usize) -> Vec<usize> {
        self.kb.causes[c]
            .look_alikes
            .iter()
            .filter_map(|id| self.cause_index(id))
            .filter(|&x| x != c)
            .collect()
    }

    pub fn group_name(&self, g: usize) -> &str {
        self.kb.groups.get(g).map_or("Other", |g| g.name.as_str())
    }

    /// Groups (in order) with the causes under one stage node: the KB's own tree.
    pub fn stage_contents(&self, stage: u8) -> &[GroupNode] {
        let trimester = (stage != ANY_TIME).then_some(stage);
        self.sections
            .iter()
            .find(|section| section.trimester == trimester)
            .map_or(&[], |section| section.groups.as_slice())
    }

    pub fn cause_line(&self, c: usize) -> Line<'static> {
        self.cause_line_within(c, usize::MAX)
    }

    /// [`Self::cause_line`] for a row `columns` wide: the name that fits
    /// ([`crate::labels::name_within`]).
    pub fn cause_line_within(&self, c: usize, columns: usize) -> Line<'static> {
        let cause = &self.kb.causes[c];
        let u = cause.urgency;
        let name_style = if u == crate::kb::Urgency::Emergency {
            self.theme.heading()
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::styled(format!("{:<2}", u.symbol()), self.theme.urgency(u)),
            Span::raw(" "),
        ];
        let basis = self.kb.cause_basis(cause);
        // In a row too narrow for the marker's words and the full name, the symbol alone.
        let full_width = Line::from(spans.clone()).width()
            + crate::labels::basis_prefix(basis).chars().count()
            + unicode_width::UnicodeWidthStr::width(cause.name.as_str());
        let prefix = if full_width > columns {
            crate::labels::basis_prefix_short(basis)
        } else {
            crate::labels::basis_prefix(basis)
        };
        if !prefix.is_empty() {
            spans.push(Span::styled(prefix, self.theme.warning()));
        }
        let room = columns.saturating_sub(Line::from(spans.clone()).width());
        spans.push(Span::styled(
            crate::labels::name_within(cause, room).to_string(),
            name_style,
        ));
        Line::from(spans)
    }

    /// Fixes the clock at `unix_seconds` (tests and traces): the times shown and copied, and
    /// "today" (the EDD, the overlay's review date) as that instant's UTC date, so a frame
    /// reads the same on any day and in any time zone.
    pub fn fix_clock(&mut self, unix_seconds: i64) {
        self.fixed_now = Some(unix_seconds);
        if let Ok(instant) = jiff::Timestamp::from_second(unix_seconds) {
            self.today = instant.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
            self.today_iso = self.today.to_string();
        }
    }

    /// Now, for the times the browser shows and copies.
    pub fn clock(&self) -> crate::handover::Clock {
        self.fixed_now
            .map_or_else(crate::handover::Clock::now, |s| crate::handover::Clock {
                unix_seconds: s,
            })
    }

    /// Now on the local clock (the system time zone): `now` when a test fixed it, else the fixed
    /// clock `fixed_now` read in the system zone, else the system clock.
    pub fn local_now(&self) -> jiff::ZonedDateTime {
        if let Some(now) = &self.now {
            return now.clone();
        }
        self.fixed_now
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .map_or_else(jiff::ZonedDateTime::now, |t| {
                t.to_zoned_datetime(jiff::tz::TimeZone::system())
            })
    }

    /// The shortcut groups that lead the tree (those with a cause in this KB).
    fn shortcut_nodes(&self) -> Vec<TreeNode> {
        let mut nodes = Vec::new();
        for (which, label, ids) in [
            (
                FAVOURITES,
                "Favourites (s stars or unstars)",
                &self.favourites,
            ),
            (RECENT, "Recent", &self.recent),
        ] {
            let leaves: Vec<TreeNode> = ids
                .iter()
                .filter_map(|id| self.cause_index(id))
                .map(|c| TreeNode::leaf(NodeId::Cause(c), self.cause_line(c)))
                .collect();
            if !leaves.is_empty() {
                let label = Line::styled(label.to_string(), self.theme.heading());
                nodes.push(TreeNode::new(NodeId::Shortcuts(which), label, leaves));
            }
        }
        nodes
    }

    /// Rebuilds the tree items for the current filter and repairs the selection.
    pub fn rebuild_tree(&mut self) {
        let mut items = self.shortcut_nodes();
        // A shortcut group opens when it first appears; after that it stays as the user left it.
        for node in &items {
            let id = *node.identifier();
            if !self.tree_items.iter().any(|i| *i.identifier() == id) {
                self.tree.open(vec![id]);
            }
        }
        for stage in self.stage_nodes() {
            let mut groups = Vec::new();
            for GroupNode { group: g, causes } in self.stage_contents(stage) {
                let g = *g;
                let leaves = causes
                    .iter()
                    .map(|&c| TreeNode::leaf(NodeId::Cause(c), self.cause_line(c)))
                    .collect();
                let label = Line::styled(self.group_name(g).to_string(), self.theme.label());
                // Identifiers are unique among siblings by construction.
                groups.push(TreeNode::new(NodeId::Group(g), label, leaves));
            }
            let label = Line::styled(self.stage_label(stage), self.theme.heading());
            items.push(TreeNode::new(NodeId::Stage(stage), label, groups));
        }
        self.tree_items = items;
        if !self.path_exists(self.tree.selected()) {
            let sel = self.tree.selected().to_vec();
            // Keep the same cause/stage if it is still shown elsewhere, else the first row.
            let repl = sel
                .last()
                .and_then(|n| match n {
                    NodeId::Cause(c) => self.path_to_cause(*c),
                    _ => None,
                })
                .or_else(|| self.tree_items.first().map(|i| vec![*i.identifier()]))
                .unwrap_or_default();
            for i in 1..repl.len() {
                self.tree.open(repl[..i].to_vec());
            }
            self.tree.select(repl);
        }
    }

    /// The item at a path, if the path exists in the current tree.
    pub fn item_at(&self, path: &[NodeId]) -> Option<&TreeNode> {
        let (first, rest) = path.split_first()?;
        let mut item = self.tree_items.iter().find(|i| i.identifier() == first)?;
        for id in rest {
            item = item.children().iter().find(|i| i.identifier() == id)?;
        }
        Some(item)
    }

    pub fn path_exists(&self, path: &[NodeId]) -> bool {
        self.item_at(path).is_some()
    }

    /// Where a cause is shown in the current tree (its first place), as the KB's tree places
    /// it.
    pub fn path_to_cause(&self, c: usize) -> Option<Vec<NodeId>> {
        self.stage_nodes()
            .into_iter()
            .find_map(|stage| {
                self.stage_contents(stage)
                    .iter()
                    .find(|node| node.causes.contains(&c))
                    .map(|node| {
                        vec![
                            NodeId::Stage(stage),
                            NodeId::Group(node.group),
                            NodeId::Cause(c),
                        ]
                    })
            })
            .filter(|p| self.path_exists(p))
    }

    /// Paths of the rows currently visible (open nodes expanded).
    pub fn visible_rows(&self) -> Vec<Vec<NodeId>> {
        self.tree.flatten(&self.tree_items).paths
    }

    pub fn selected_node(&self) -> Option<NodeId> {
        self.tree.selected().last().copied()
    }

    /// The cause whose details the right side shows, if any.
    pub fn current_cause(&self) -> Option<usize> {
        match self.mode() {
            Mode::Search => self.results.get(self.result_sel).map(|h| h.cause),
            _ => match self.selected_node()? {
                NodeId::Cause(c) => Some(c),
                _ => None,
            },
        }
    }

    /// The search hit for the shown cause, for highlighting (while search text is kept).
    /// Whether result `i` is a pinned must-not-miss row rather than a ranked hit.
    pub fn is_pinned(&self, i: usize) -> bool {
        i >= self.results.len().saturating_sub(self.pinned)
    }

    /// The one line that makes the `k`th pinned emergency dangerous (worded when shown: there
    /// may be thousands in a large KB, and a frame shows a few).
    pub fn pinned_why(&self, k: usize) -> String {
        let hit = &self.results[self.results.len() - self.pinned + k];
        crate::search::pin_reason_at(&self.kb.causes[hit.cause], &self.search_stage)
    }

    /// "32+4 w from the query", "3rd trimester from the filter", or "no stage stated".
    pub fn search_stage_label(&self) -> String {
        let st = &self.search_stage;
        let what = match (st.week, st.days, st.trimester) {
            (Some(w), Some(d), _) => format!("{w}+{d} w"),
            (Some(w), None, _) => format!("{w} w"),
            (None, _, Some(t)) => self.stage_label(t),
            _ => return "no stage stated".into(),
        };
        match st.from {
            Some(crate::search::StageFrom::Query) => format!("{what} (from the query)"),
            _ => format!("{what} (from the filter)"),
        }
    }

    /// The stage the search used, where room is short: "38 w (query)", "GA 32+4", "all stages".
    pub fn search_stage_short(&self) -> String {
        let st = &self.search_stage;
        let what = match (st.week, st.days, st.trimester) {
            (Some(w), Some(d), _) => format!("{w}+{d} w"),
            (Some(w), None, _) => format!("{w} w"),
            (None, _, Some(t)) => format!("T{t}"),
            _ => return "all stages".into(),
        };
        match st.from {
            Some(crate::search::StageFrom::Query) => format!("{what} (query)"),
            _ => what,
        }
    }

    /// Whether the search's stage comes from its own words (then the title bar shows it in
    /// place of the filter).
    pub fn stage_from_query(&self) -> bool {
        !self.input.value().trim().is_empty()
            && self.search_stage.from == Some(crate::search::StageFrom::Query)
    }

    /// The page of the shown cause's header while it is expanded (`+`).
    pub fn header_page_of(&self, cause: usize) -> Option<u16> {
        self.header_page
            .filter(|(c, _)| *c == cause)
            .map(|(_, page)| page)
    }

    pub fn current_hit(&self) -> Option<&Hit> {
        let c = self.current_cause()?;
        if self.input.value().trim().is_empty() {
            return None;
        }
        self.results.iter().find(|h| h.cause == c)
    }

    pub fn query(&self) -> Query {
        Query {
            text: self.input.value().to_string(),
            trimester: self.filter.trimester,
            week: self.filter.week,
        }
    }

    /// Re-runs the search for the current text and filter.
    pub fn refresh_results(&mut self) {
        if self.input.value().trim().is_empty() && self.mode() != Mode::Search {
            self.results.clear();
            self.pinned = 0;
            self.ask_next.clear();
        } else {
            let query = self.query();
            self.search_stage = self.index.stage_of(&self.kb, &query);
            self.results = self.index.search(&self.kb, &query);
            let pinned =
                self.index
                    .must_not_miss_causes(&self.kb, &self.search_stage, &self.results);
            // Questions once something is typed: an empty line has no differential to narrow.
            self.ask_next = if query.text.trim().is_empty() {
                Vec::new()
            } else {
                self.index.ask_next(&query, &self.results)
            };
            self.pinned = pinned.len();
            self.results.reserve(pinned.len());
            for (cause, _) in pinned {
                self.results.push(Hit {
                    cause,
                    score: 0.0,
                    confidence: crate::search::Confidence::Weak,
                    outside_weeks: false,
                    matches: Vec::new(),
                    findings: Vec::new(),
                });
            }
        }
        self.result_sel = self.result_sel.min(self.results.len().saturating_sub(1));
    }

    /// "all", "2nd trimester", "week 20 (2nd trimester)", "GA 32+4 (3rd trimester), EDD 2027-01-13".
    pub fn filter_label(&self) -> String {
        let tname = |t: u8| {
            self.kb
                .trimesters
                .iter()
                .find(|x| x.number == t)
                .map_or_else(|| format!("trimester {t}"), |x| x.name.clone())
        };
        match (self.filter.week, self.filter.trimester) {
            (Some(w), Some(t)) => match self.gestation {
                Some(g) => format!("GA {g} ({}), EDD {}", tname(t), g.edd(self.today)),
                None => format!("week {w} ({})", tname(t)),
            },
            (Some(w), None) => format!("week {w}"),
            (None, Some(t)) => tname(t),
            (None, None) => "all stages".to_string(),
        }
    }
}
