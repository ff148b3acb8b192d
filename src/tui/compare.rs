//! Side by side: two or three causes in columns, a row per thing that tells them apart.
//!
//! The rows are built from the KB as it is (no field the KB lacks is invented): urgency, stage
//! and weeks, basis, then the signs sorted into bleeding, pain, uterine tone and fetal state by
//! the words they use, the remaining key and red-flag signs, the diagnostics (those not shared by
//! every compared cause first) and the treatment classes, each item with its citation and claim
//! status. Columns are wrapped here, word by word, so each row lines up across causes at any
//! width: at 80 columns two causes get 37 columns each, three get 24.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::kb::{Cause, CauseNote, Cite, Claim, DoNowLine, GuidelineLayer, KnowledgeBase, Sign};
use crate::labels;
use crate::tui::app::App;

/// At most this many causes side by side.
pub const MAX_COMPARED: usize = 3;

/// One entry of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub text: String,
    pub red_flag: bool,
    pub key: bool,
}

/// A row: its label and one cell (a list of entries) per compared cause, or, `across`, one
/// cell that holds what every compared cause shares (drawn once across the columns).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: &'static str,
    pub cells: Vec<Vec<Entry>>,
    pub across: bool,
}

/// Which signs go in which row: the words that put a sign there (a sign may be in several).
const SIGN_ROWS: [(&str, &[&str]); 4] = [
    (
        "Bleeding (amount, colour)",
        &[
            "bleed",
            "blood",
            "spotting",
            "discharge",
            "haemorrh",
            "hemorrh",
            "clot",
            "loss",
        ],
    ),
    ("Pain", &["pain", "cramp", "ache", "tender", "colic"]),
    (
        "Uterine tone",
        &[
            "uterus",
            "uterine",
            "tone",
            "hard",
            "tense",
            "contraction",
            "rigid",
        ],
    ),
    (
        "Fetal state",
        &[
            "fetal",
            "fetus",
            "foetal",
            "baby",
            "movement",
            "heartbeat",
            "heart rate",
        ],
    ),
];

fn plain(text: String) -> Entry {
    Entry {
        text,
        red_flag: false,
        key: false,
    }
}

/// An item's text with its basis, claim status and citation, as everywhere else.
fn cited(kb: &KnowledgeBase, text: &str, sources: &[Cite], claim: &Claim) -> String {
    let basis = labels::basis_prefix(kb.basis_of(sources));
    let marker = labels::claim_marker(kb, claim, sources)
        .map(|m| format!("{m} · "))
        .unwrap_or_default();
    format!("{basis}{marker}{text} {}", labels::citation(kb, sources))
}

fn sign_entry(kb: &KnowledgeBase, s: &Sign) -> Entry {
    Entry {
        text: cited(kb, &s.text, &s.sources, &s.claim),
        red_flag: s.red_flag,
        key: s.distinguishing,
    }
}

fn mentions(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    words.iter().any(|w| lower.contains(w))
}

/// Whether a sign speaks of the cervix or the os (a word on its own: "os" inside "dose" or
/// "loss" does not count).
fn mentions_os(text: &str) -> bool {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "os" || w.starts_with("cervi"))
}

fn note_entry(layer: &GuidelineLayer, n: &CauseNote) -> Entry {
    plain(format!(
        "{}{} {}",
        labels::guideline_note_prefix(&n.fact, layer.strength_of(&n.fact), n.kind),
        n.text,
        labels::guideline_citation(&n.sources)
    ))
}

/// The rows comparing `causes` (indices into `kb.causes`), in the order that tells them apart:
/// the distinguishing rows (bleeding, pain, uterine tone, fetal state, os, stage), then what to
/// do first for each (the safety layer's clinician actions), then the layer's notes shared by
/// all of them once across the columns, then the rest.
pub fn rows(kb: &KnowledgeBase, guidelines: Option<&GuidelineLayer>, causes: &[usize]) -> Vec<Row> {
    let cs: Vec<&Cause> = causes.iter().filter_map(|&i| kb.causes.get(i)).collect();
    let per =
        |f: &dyn Fn(&Cause) -> Vec<Entry>| -> Vec<Vec<Entry>> { cs.iter().map(|c| f(c)).collect() };
    let columns = |label, cells| Row {
        label,
        cells,
        across: false,
    };
    let mut rows = Vec::new();
    for (label, words) in SIGN_ROWS {
        rows.push(columns(
            label,
            per(&|c| {
                c.signs
                    .iter()
                    .filter(|s| mentions(&s.text, words))
                    .map(|s| sign_entry(kb, s))
                    .collect()
            }),
        ));
    }
    rows.push(columns(
        "Cervix and os",
        per(&|c| {
            c.signs
                .iter()
                .filter(|s| mentions_os(&s.text))
                .map(|s| sign_entry(kb, s))
                .collect()
        }),
    ));
    rows.push(columns(
        "Stage and weeks",
        per(&|c| vec![plain(labels::stage_and_weeks(kb, c))]),
    ));
    if let Some(layer) = guidelines {
        // A note on every compared cause does not tell them apart: shown once, after the
        // notes that differ.
        let on_all = |n: &CauseNote| cs.len() > 1 && cs.iter().all(|c| n.causes.contains(&c.id));
        // What to do first for each (the safety layer's do-now lines); a line every compared
        // cause has goes once, across the columns, with the notes they all share.
        let do_now: Vec<Vec<DoNowLine>> = cs
            .iter()
            .map(|c| crate::kb::do_now_in(kb, Some(layer), c, None))
            .collect();
        let line_on_all = |l: &DoNowLine| {
            cs.len() > 1 && do_now.iter().all(|ls| ls.iter().any(|x| x.fact == l.fact))
        };
        rows.push(columns(
            "Do now (§ safety layer; local protocols govern)",
            do_now
                .iter()
                .map(|ls| {
                    ls.iter()
                        .filter(|l| !line_on_all(l))
                        .map(|l| plain(crate::note::do_now_line(l)))
                        .collect()
                })
                .collect(),
        ));
        let mut shared: Vec<Entry> = do_now
            .first()
            .map(|ls| {
                ls.iter()
                    .filter(|l| line_on_all(l))
                    .map(|l| plain(crate::note::do_now_line(l)))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(c) = cs.first() {
            shared.extend(
                layer
                    .notes_for(&c.id)
                    .filter(|n| on_all(n))
                    .map(|n| note_entry(layer, n)),
            );
        }
        if !shared.is_empty() {
            rows.push(Row {
                label: "§ Shared by all of them (once)",
                cells: vec![shared],
                across: true,
            });
        }
        rows.push(columns(
            "Other § GUIDELINE notes",
            per(&|c| {
                layer
                    .notes_for(&c.id)
                    .filter(|n| !on_all(n))
                    .map(|n| note_entry(layer, n))
                    .collect()
            }),
        ));
    }
    rows.push(columns(
        "Urgency",
        per(&|c| vec![plain(labels::urgency_tag(c.urgency))]),
    ));
    rows.push(columns(
        "Basis",
        per(&|c| vec![plain(labels::basis_tag(kb.cause_basis(c)).to_string())]),
    ));
    rows.push(columns(
        "Other key and red-flag signs",
        per(&|c| {
            c.signs
                .iter()
                .filter(|s| s.red_flag || s.distinguishing)
                .filter(|s| {
                    !SIGN_ROWS.iter().any(|(_, w)| mentions(&s.text, w)) && !mentions_os(&s.text)
                })
                .map(|s| sign_entry(kb, s))
                .collect()
        }),
    ));
    // A test every compared cause lists does not tell them apart: it goes last, marked.
    let shared = |test: &str| {
        cs.iter().all(|c| {
            c.diagnostics
                .iter()
                .any(|d| d.test.eq_ignore_ascii_case(test))
        })
    };
    rows.push(columns(
        "Diagnostics (tests shared by all last, =)",
        per(&|c| {
            let (common, own): (Vec<_>, Vec<_>) = c
                .diagnostics
                .iter()
                .partition(|d| cs.len() > 1 && shared(&d.test));
            own.into_iter()
                .map(|d| {
                    plain(cited(
                        kb,
                        &format!("{} — {}", d.test, d.finding),
                        &d.sources,
                        &d.claim,
                    ))
                })
                .chain(common.into_iter().map(|d| {
                    plain(format!(
                        "= {}",
                        cited(
                            kb,
                            &format!("{} — {}", d.test, d.finding),
                            &d.sources,
                            &d.claim
                        )
                    ))
                }))
                .collect()
        }),
    ));
    rows.push(columns(
        "Treatment classes",
        per(&|c| {
            if c.treatments.is_empty() {
                return vec![plain("The documents give no specific treatment.".into())];
            }
            c.treatments
                .iter()
                .map(|t| {
                    plain(cited(
                        kb,
                        &format!("{}: {}", t.kind.label(), t.class),
                        &t.sources,
                        &t.claim,
                    ))
                })
                .collect()
        }),
    ));
    rows
}

/// Greedy word wrap to `width` columns (display width); a word longer than a line is cut.
/// Hand-written: ratatui wraps only whole paragraphs into a buffer, and cells must be wrapped
/// separately to line up side by side.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in text.split_whitespace() {
        let ww = word.width();
        if line_w > 0 && line_w + 1 + ww <= width {
            line.push(' ');
            line.push_str(word);
            line_w += 1 + ww;
            continue;
        }
        if line_w > 0 {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        for ch in word.chars() {
            let cw = ch.width().unwrap_or(0);
            if line_w + cw > width && line_w > 0 {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push(ch);
            line_w += cw;
        }
    }
    if line_w > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Column width for `n` causes in `width` columns, with separators between them.
pub fn column_width(width: u16, n: usize) -> usize {
    let n = n.max(1);
    (width as usize).saturating_sub(3 * (n - 1)) / n
}

/// The comparison as lines for a box `width` columns wide: names on one row, then each row's
/// label and its cells side by side.
pub fn lines(app: &App, causes: &[usize], width: u16) -> Vec<Line<'static>> {
    let th = app.theme;
    let kb = &app.kb;
    let n = causes.len().max(1);
    let col = column_width(width, n);
    let sep = if app.ascii { " | " } else { " │ " };
    let (flag, key) = if app.ascii {
        ("&", "*")
    } else {
        ("⚑", "◆")
    };
    let mut out = Vec::new();
    out.push(Line::styled(
        format!(
            "{flag} red flag  {key} distinguishing  = test every compared cause lists  [¶n] citation"
        ),
        th.dim(),
    ));
    // Names, each with its urgency, in the columns.
    let names: Vec<Vec<(String, Style)>> = causes
        .iter()
        .filter_map(|&i| kb.causes.get(i))
        .map(|c| {
            let tag = labels::urgency_tag(c.urgency);
            // The name that fits the column on one row (the short name where the full one
            // would wrap).
            let room = col.saturating_sub(tag.chars().count() + 1);
            let name = format!("{tag} {}", labels::name_within(c, room));
            wrap(&name, col)
                .into_iter()
                .map(|l| (l, th.urgency(c.urgency)))
                .collect()
        })
        .collect();
    push_columns(&mut out, &names, col, sep, th.border());
    for row in rows(kb, app.guidelines.as_ref(), causes) {
        out.push(Line::raw(""));
        out.push(Line::styled(row.label, th.heading()));
        // What all share spans the columns.
        let col = if row.across { width as usize } else { col };
        let cells: Vec<Vec<(String, Style)>> = row
            .cells
            .iter()
            .map(|entries| {
                if entries.is_empty() {
                    return vec![("—".to_string(), th.dim())];
                }
                entries
                    .iter()
                    .flat_map(|e| {
                        let mark = match (e.red_flag, e.key) {
                            (true, _) => format!("{flag} "),
                            (false, true) => format!("{key} "),
                            _ => "• ".to_string(),
                        };
                        let style = if e.red_flag {
                            th.red_flag()
                        } else {
                            Style::new()
                        };
                        wrap(&format!("{mark}{}", e.text), col)
                            .into_iter()
                            .map(move |l| (l, style))
                    })
                    .collect()
            })
            .collect();
        push_columns(&mut out, &cells, col, sep, th.border());
    }
    out
}

/// The comparison as the text `y` copies: the rows as drawn side by side (columns of
/// [`NOTE_COLUMN`]), after the time of copying, then where it all comes from.
pub fn note(app: &App, causes: &[usize], context: &str) -> String {
    let n = causes.len().max(1);
    let width = NOTE_COLUMN * n + 3 * (n - 1);
    let mut out = format!("{context}\n\n");
    for line in lines(app, causes, width as u16) {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    let m = &app.kb.meta;
    out.push_str(&format!(
        "\n--\n{} · {}\n{}{}\n",
        m.title,
        crate::provenance::kb_version_line(&app.kb),
        crate::provenance::DISCLAIMER_PREFIX,
        m.disclaimer
    ));
    out
}

/// Width of one cause's column in a copied comparison (two fit in 80 columns).
pub const NOTE_COLUMN: usize = 38;

/// Lines of `cells` side by side, each padded to `col` columns.
fn push_columns(
    out: &mut Vec<Line<'static>>,
    cells: &[Vec<(String, Style)>],
    col: usize,
    sep: &'static str,
    sep_style: Style,
) {
    let height = cells.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..height {
        let mut spans = Vec::new();
        for (k, cell) in cells.iter().enumerate() {
            if k > 0 {
                spans.push(Span::styled(sep, sep_style));
            }
            let (text, style) = cell
                .get(i)
                .cloned()
                .unwrap_or_else(|| (String::new(), Style::new()));
            let pad = col.saturating_sub(text.width());
            spans.push(Span::styled(text, style));
            if k + 1 < cells.len() {
                spans.push(Span::raw(" ".repeat(pad)));
            }
        }
        out.push(Line::from(spans));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole_and_cuts_only_overlong_ones() {
        assert_eq!(
            wrap("scarlet bleeding without pain", 12),
            ["scarlet", "bleeding", "without pain"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        for l in wrap("Тяжёлое кровотечение — ¶127 ‼ 😀😀😀", 6) {
            assert!(l.width() <= 6, "{l}");
        }
    }

    #[test]
    fn columns_fit_80_columns() {
        assert_eq!(column_width(78, 2), 37);
        assert_eq!(column_width(78, 3), 24);
        assert_eq!(column_width(2, 3), 0);
    }
}
