//! A unit's local protocol overlay (`local.ron`): the unit's own numbers, pathways and first
//! steps, shown beside the documents and the guideline layer and never mistaken for either.
//! Additive only: a local note adds a line to a cause; it never edits or hides anything.
//! [`super::validate_local`] checks a file with the KB's quality (`file:line:col`).

use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::error::KbError;
use super::model::{Cause, KnowledgeBase, WeekRange};

/// A local overlay is a page or two of text; a bigger file is refused unread.
pub const MAX_LOCAL_BYTES: u64 = 256 * 1024;
/// More notes than any unit writes; more is taken as a wrong file.
pub const MAX_LOCAL_NOTES: usize = 500;
/// One note is a line or two, not a protocol document.
pub const MAX_LOCAL_NOTE_CHARS: usize = 1000;

/// The whole overlay, as read from one RON file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalLayer {
    /// The unit's name, shown with every local line.
    pub site: String,
    /// The unit's version of this file.
    pub version: String,
    /// Who approved it (a role or a committee, never a patient).
    pub approved_by: String,
    /// `YYYY-MM-DD`: past it, every output says the file is past its review date.
    pub review_by: String,
    #[serde(default)]
    pub notes: Vec<LocalNote>,
}

/// One local line: what it concerns (exactly one of a cause, a trimester, a week range), its
/// text, and whether it is a first step (then it leads the cause's do-now lines).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalNote {
    #[serde(default, deserialize_with = "present")]
    pub cause: Option<String>,
    /// A trimester, 1–3.
    #[serde(default, deserialize_with = "present")]
    pub stage: Option<u8>,
    /// Completed weeks, inclusive: `weeks: (from: 24, to: 42)`.
    #[serde(default, deserialize_with = "present")]
    pub weeks: Option<WeekRange>,
    pub text: String,
    #[serde(default)]
    pub do_now: bool,
    /// A phone number or bleep, as text.
    #[serde(default, deserialize_with = "present")]
    pub contact: Option<String>,
    /// The name of the unit's pathway or protocol.
    #[serde(default, deserialize_with = "present")]
    pub pathway: Option<String>,
    /// Where the full protocol is (an intranet page, a folder): text only, never opened.
    #[serde(default, deserialize_with = "present")]
    pub link: Option<String>,
}

/// An optional field written plainly (`cause: "…"`, not `cause: Some("…")`): units write these
/// files by hand, and RON would otherwise demand `Some`.
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// What a local note concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalScope<'a> {
    Cause(&'a str),
    Trimester(u8),
    Weeks(WeekRange),
}

impl LocalNote {
    /// What the note concerns (validation makes it exactly one).
    pub fn scope(&self) -> Option<LocalScope<'_>> {
        match (&self.cause, self.stage, self.weeks) {
            (Some(c), None, None) => Some(LocalScope::Cause(c)),
            (None, Some(t), None) => Some(LocalScope::Trimester(t)),
            (None, None, Some(w)) => Some(LocalScope::Weeks(w)),
            _ => None,
        }
    }

    /// Whether the note belongs with a cause: named, or the cause can occur in its trimester or
    /// weeks (a cause of any time, or whose stage the documents do not give, at every stage).
    pub fn applies_to(&self, kb: &KnowledgeBase, cause: &Cause) -> bool {
        match self.scope() {
            Some(LocalScope::Cause(id)) => id == cause.id,
            Some(LocalScope::Trimester(t)) => cause.stage.trimesters().contains(&t),
            Some(LocalScope::Weeks(w)) => match cause.weeks {
                Some(own) => own.overlaps(&w),
                None => cause.stage.trimesters().iter().any(|&t| {
                    kb.trimesters
                        .iter()
                        .any(|x| x.number == t && x.weeks.overlaps(&w))
                }),
            },
            None => false,
        }
    }

    /// Whether the note belongs with a gestational week (cause notes: never).
    pub fn applies_to_week(&self, kb: &KnowledgeBase, week: u8) -> bool {
        match self.scope() {
            Some(LocalScope::Trimester(t)) => kb
                .trimesters
                .iter()
                .any(|x| x.number == t && x.weeks.contains(week)),
            Some(LocalScope::Weeks(w)) => w.contains(week),
            _ => false,
        }
    }

    /// The note's text with its contact, pathway and link, as one line.
    pub fn full_text(&self) -> String {
        let mut out = self.text.clone();
        for (label, value) in [
            ("contact", &self.contact),
            ("pathway", &self.pathway),
            ("see", &self.link),
        ] {
            if let Some(v) = value {
                out.push_str(&format!(" ({label}: {v})"));
            }
        }
        out
    }
}

impl LocalLayer {
    /// The notes that belong with a cause, in file order; `do_now` ones first.
    pub fn notes_for<'a>(&'a self, kb: &KnowledgeBase, cause: &Cause) -> Vec<&'a LocalNote> {
        let mut notes: Vec<&LocalNote> = self
            .notes
            .iter()
            .filter(|n| n.applies_to(kb, cause))
            .collect();
        notes.sort_by_key(|n| !n.do_now);
        notes
    }

    /// Every note with the causes (indices) it belongs with, for the search index.
    pub fn texts_by_cause(&self, kb: &KnowledgeBase) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (ci, cause) in kb.causes.iter().enumerate() {
            for n in self.notes_for(kb, cause) {
                out.push((ci, n.full_text()));
            }
        }
        out
    }

    /// Whether `today` (`YYYY-MM-DD`) is after the review date. ISO dates compare as text.
    pub fn past_review(&self, today: &str) -> bool {
        today > self.review_by.as_str()
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    iso_date(secs.div_euclid(86_400))
}

/// A day count since 1970-01-01 as `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`; hand
/// written: the only date arithmetic this module needs).
pub fn iso_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Reads a file for the overlay or the app's state: only a regular file (a FIFO or a device
/// would block or never end), at most `max` bytes. The one place such files are opened, so a
/// shared non-blocking reader can replace it.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, KbError> {
    use std::io::Read as _;
    let name = super::load::display_name(path);
    let io_err = |e: std::io::Error| KbError::Io {
        path: name.clone(),
        reason: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if !meta.is_file() {
        return Err(KbError::Io {
            path: name,
            reason: "it is not a regular file".into(),
        });
    }
    if meta.len() > max {
        return Err(KbError::TooLarge {
            path: name,
            size: meta.len(),
            max,
        });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io_err)?
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > max {
        return Err(KbError::TooLarge {
            path: name,
            size: bytes.len() as u64,
            max,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_from_day_counts() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(20_454), "2026-01-01");
        assert_eq!(iso_date(-1), "1969-12-31");
        assert_eq!(iso_date(11_016), "2000-02-29");
    }

    #[test]
    fn past_review_compares_dates() {
        let layer = LocalLayer {
            site: "s".into(),
            version: "1".into(),
            approved_by: "a".into(),
            review_by: "2026-06-30".into(),
            notes: Vec::new(),
        };
        assert!(!layer.past_review("2026-06-30"));
        assert!(layer.past_review("2026-07-01"));
        assert!(!layer.past_review("2025-12-31"));
    }
}
