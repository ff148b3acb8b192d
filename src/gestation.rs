//! The one parser of gestation as clinicians write it, shared by the browser's gestation entry
//! (`w`), `obddx calc` and the CLI's week options:
//! - weeks: `32`, `7w`, `32 weeks`, `32+4`, `32w4d`, `32 weeks 4 days`, `32/40`;
//! - dates: an LMP (`2026-10-14`, `lmp 14/10/2026`: ISO or day-first), an EDD (`edd …`), or a
//!   dated scan (`scan 2026-10-01 12+3`: the gestation the scan gave on that day).
//!
//! Dates count whole calendar days: GA = today − LMP, EDD = LMP + 280 days. "Today" is passed
//! in (so tests can fix it); [`today_local`] reads it from the local calendar. The week limit
//! is the KB's ([`crate::kb::MAX_WEEK`]), the same one validation and search use.

use std::fmt;

use jiff::Span;
use jiff::civil::Date;

use crate::kb::MAX_WEEK;

/// Days from the LMP to the EDD.
pub const DAYS_TO_EDD: i64 = 280;

/// Completed weeks and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gestation {
    pub weeks: u8,
    pub days: u8,
}

impl fmt::Display for Gestation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.weeks, self.days)
    }
}

impl Gestation {
    /// `None` past [`MAX_WEEK`] or with more than 6 days.
    pub fn new(weeks: u8, days: u8) -> Option<Gestation> {
        Gestation::within_limits(i64::from(weeks), i64::from(days)).ok()
    }

    /// The one check of a gestation's limits (days 0–6, weeks up to [`MAX_WEEK`]), for every
    /// way one is entered; the error says which limit, the caller what to check.
    fn within_limits(weeks: i64, days: i64) -> Result<Gestation, String> {
        if !(0..=6).contains(&days) {
            return Err(format!("{days} days: the days after the weeks run 0–6"));
        }
        match u8::try_from(weeks) {
            Ok(w) if w <= MAX_WEEK => Ok(Gestation {
                weeks: w,
                days: days as u8,
            }),
            _ => Err(format!("{weeks}+{days} weeks is beyond {MAX_WEEK}")),
        }
    }

    /// Days since the LMP.
    pub fn total_days(self) -> i64 {
        i64::from(self.weeks) * 7 + i64::from(self.days)
    }

    /// The EDD for this gestation on `today`: today + (280 days − the days since the LMP).
    pub fn edd(self, today: Date) -> Date {
        add_days(today, DAYS_TO_EDD - self.total_days())
    }

    /// From days since the LMP; an error for a date in the future or past the week limit.
    pub fn from_days(days: i64) -> Result<Gestation, String> {
        if days < 0 {
            return Err("that dating puts the LMP in the future: no gestation yet".into());
        }
        Gestation::within_limits(days / 7, days % 7)
            .map_err(|why| format!("that dating gives {why}: check the date"))
    }
}

/// How a gestation was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dating {
    /// Weeks (and days) typed directly.
    Weeks,
    Lmp(Date),
    Edd(Date),
    /// A scan on this date gave this gestation.
    Scan(Date, Gestation),
}

/// A parsed gestation entry: the gestation today, its EDD and how it was dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub gestation: Gestation,
    pub edd: Date,
    pub dating: Dating,
}

/// What the entry accepts, for error messages and hints.
pub const FORMS: &str = "32, 32+4, 7w, 32 weeks, 32/40, an LMP date (2026-10-14 or 14/10/2026), edd DATE, scan DATE 12+3";

/// Today's date on the local calendar (the system time zone: `TZ`, else `/etc/localtime`;
/// UTC when neither can be read).
pub fn today_local() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// When a gestation was set, on the local clock: "14:05 GMT" (the zone's abbreviation, so a
/// reader sees which clock it is).
pub fn set_at_label(now: &jiff::ZonedDateTime) -> String {
    now.strftime("%H:%M %Z").to_string()
}

/// `date` moved by `days` (saturating at jiff's range, far beyond any pregnancy).
pub fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(Span::new().days(days)).unwrap_or(date)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until(to).map_or(0, |span| i64::from(span.get_days()))
}

/// Parses a gestation as typed. Errors are one-line messages that say what was wrong.
pub fn parse(input: &str, today: Date) -> Result<Entry, String> {
    let text = input.trim().to_lowercase();
    if text.is_empty() {
        return Err(format!("type a gestation: {FORMS}"));
    }
    let (word, rest) = split_word(&text);
    let rest = rest.trim_start_matches(':').trim();
    match word {
        "lmp" => lmp_entry(parse_date(rest)?, today),
        "edd" => edd_entry(parse_date(rest)?, today),
        "scan" => {
            let (date, at) = rest.split_once(char::is_whitespace).ok_or_else(|| {
                format!("a scan needs its date and the gestation it gave: scan 2026-10-01 12+3, not `{text}`")
            })?;
            let at = at.trim();
            let at = at.strip_prefix("at ").unwrap_or(at);
            scan_entry(parse_date(date)?, parse_weeks(at)?, today)
        }
        _ if looks_like_date(&text) => lmp_entry(parse_date(&text)?, today),
        _ => {
            let gestation = parse_weeks(&text)?;
            Ok(Entry {
                gestation,
                edd: gestation.edd(today),
                dating: Dating::Weeks,
            })
        }
    }
}

/// Gestation today from an LMP.
pub fn lmp_entry(lmp: Date, today: Date) -> Result<Entry, String> {
    if lmp > today {
        return Err(format!(
            "the LMP {lmp} is after today ({today}): check the date"
        ));
    }
    Ok(Entry {
        gestation: Gestation::from_days(days_between(lmp, today))?,
        edd: add_days(lmp, DAYS_TO_EDD),
        dating: Dating::Lmp(lmp),
    })
}

/// Gestation today from an EDD (its LMP is 280 days before).
pub fn edd_entry(edd: Date, today: Date) -> Result<Entry, String> {
    let lmp = add_days(edd, -DAYS_TO_EDD);
    if lmp > today {
        return Err(format!(
            "the EDD {edd} is more than 40 weeks away: check the date"
        ));
    }
    Ok(Entry {
        gestation: Gestation::from_days(days_between(lmp, today))?,
        edd,
        dating: Dating::Edd(edd),
    })
}

/// Gestation today from a scan on `date` that gave `at`.
pub fn scan_entry(date: Date, at: Gestation, today: Date) -> Result<Entry, String> {
    if date > today {
        return Err(format!(
            "the scan date {date} is after today ({today}): check the date"
        ));
    }
    let lmp = add_days(date, -at.total_days());
    Ok(Entry {
        gestation: Gestation::from_days(days_between(lmp, today))?,
        edd: add_days(lmp, DAYS_TO_EDD),
        dating: Dating::Scan(date, at),
    })
}

/// The first word (letters only) and what follows it.
fn split_word(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    (&text[..end], &text[end..])
}

/// Two separators of one kind (`-`, `/` or `.`) between digits: a date, not `32/40`.
fn looks_like_date(text: &str) -> bool {
    ['-', '/', '.']
        .iter()
        .any(|&sep| text.matches(sep).count() == 2)
}

/// A calendar date: ISO `2026-10-14` or day-first `14/10/2026` (also `14.10.2026`, `14-10-2026`).
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let bad = || format!("not a date: `{text}` (write 2026-10-14 or 14/10/2026)");
    let sep = ['-', '/', '.']
        .into_iter()
        .find(|&s| text.matches(s).count() == 2)
        .ok_or_else(bad)?;
    let parts: Vec<&str> = text.split(sep).map(str::trim).collect();
    let numbers: Vec<i64> = parts
        .iter()
        .map(|p| {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
                Err(bad())
            } else {
                p.parse::<i64>().map_err(|_| bad())
            }
        })
        .collect::<Result<_, _>>()?;
    let (y, m, d) = if parts[0].len() == 4 {
        (numbers[0], numbers[1], numbers[2])
    } else if parts[2].len() == 4 {
        (numbers[2], numbers[1], numbers[0])
    } else {
        return Err(format!(
            "`{text}`: write the year in full (2026-10-14 or 14/10/2026)"
        ));
    };
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(format!("no such date: `{text}`"));
    };
    Date::new(y, m, d).map_err(|_| format!("no such date: `{text}` (day-first: 14/10/2026)"))
}

/// A token of a typed gestation.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Number(&'a str),
    Word(&'a str),
    Symbol(char),
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(first) = rest.chars().next() {
        if first.is_whitespace() {
            rest = &rest[first.len_utf8()..];
            continue;
        }
        let run = |pred: fn(char) -> bool| rest.find(|c: char| !pred(c)).unwrap_or(rest.len());
        let (token, len) = if first.is_ascii_digit() {
            let len = run(|c| c.is_ascii_digit());
            (Token::Number(&rest[..len]), len)
        } else if first.is_alphabetic() {
            let len = run(char::is_alphabetic);
            (Token::Word(&rest[..len]), len)
        } else {
            (Token::Symbol(first), first.len_utf8())
        };
        out.push(token);
        rest = &rest[len..];
    }
    out
}

const WEEK_WORDS: [&str; 5] = ["w", "wk", "wks", "week", "weeks"];
const DAY_WORDS: [&str; 3] = ["d", "day", "days"];

/// Weeks and days: `32`, `7w`, `32 weeks`, `32+4`, `32+4d`, `32w4d`, `32 weeks 4 days`,
/// `32/40`, `32+4/40`.
pub fn parse_weeks(text: &str) -> Result<Gestation, String> {
    let text = text.trim().to_lowercase();
    let bad = || format!("not a gestation: `{text}` ({FORMS})");
    let toks = tokens(&text);
    let mut it = toks.iter().peekable();
    let number = |t: Option<&Token>| match t {
        Some(Token::Number(n)) => n.parse::<u32>().ok(),
        _ => None,
    };
    let weeks = number(it.next()).ok_or_else(bad)?;
    if matches!(it.peek(), Some(Token::Word(w)) if WEEK_WORDS.contains(w)) {
        it.next();
    }
    let mut days = 0;
    match it.peek() {
        Some(Token::Symbol('+')) => {
            it.next();
            days = number(it.next()).ok_or_else(bad)?;
            if matches!(it.peek(), Some(Token::Word(w)) if DAY_WORDS.contains(w)) {
                it.next();
            }
        }
        Some(Token::Number(_)) => {
            days = number(it.next()).ok_or_else(bad)?;
            match it.next() {
                Some(Token::Word(w)) if DAY_WORDS.contains(w) => {}
                _ => return Err(bad()),
            }
        }
        _ => {}
    }
    if matches!(it.peek(), Some(Token::Symbol('/'))) {
        it.next();
        if number(it.next()) != Some(40) {
            return Err(format!("not a gestation: `{text}` (out of 40: 32/40)"));
        }
    }
    if it.next().is_some() {
        return Err(bad());
    }
    Gestation::within_limits(i64::from(weeks), i64::from(days))
        .map_err(|why| format!("{why}: check the gestation"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 22);

    fn ga(text: &str) -> String {
        parse(text, TODAY).map_or_else(|e| format!("error: {e}"), |e| e.gestation.to_string())
    }

    #[test]
    fn every_written_form_of_weeks() {
        for (typed, want) in [
            ("32", "32+0"),
            ("7w", "7+0"),
            ("7 w", "7+0"),
            ("7wk", "7+0"),
            ("32 weeks", "32+0"),
            ("32 Weeks", "32+0"),
            ("1 week", "1+0"),
            ("32+4", "32+4"),
            ("32 + 4", "32+4"),
            ("32+4d", "32+4"),
            ("32w+4d", "32+4"),
            ("32w4d", "32+4"),
            ("32 weeks 4 days", "32+4"),
            ("32/40", "32+0"),
            ("32+4/40", "32+4"),
            ("0+0", "0+0"),
            ("45+6", "45+6"),
        ] {
            assert_eq!(ga(typed), want, "{typed}");
        }
    }

    #[test]
    fn weeks_out_of_range_or_malformed_are_refused_with_a_reason() {
        for (typed, says) in [
            ("32+7", "0–6"),
            ("46", "beyond 45"),
            ("80 weeks", "beyond 45"),
            ("32/38", "out of 40"),
            ("abc", "not a gestation"),
            ("32 days", "not a gestation"),
            ("32++4", "not a gestation"),
            ("+4", "not a gestation"),
            ("32 4", "not a gestation"),
        ] {
            let got = ga(typed);
            assert!(got.contains(says), "{typed}: {got}");
        }
    }

    #[test]
    fn dates_iso_and_day_first_with_or_without_lmp() {
        // 2026-08-24 → 2026-11-22 is 90 days: 12+6.
        for typed in [
            "2026-08-24",
            "lmp 2026-08-24",
            "LMP: 2026-08-24",
            "24/08/2026",
            "lmp 24/8/2026",
            "24.08.2026",
            "24-08-2026",
        ] {
            let entry = parse(typed, TODAY).unwrap();
            assert_eq!(entry.gestation.to_string(), "12+6", "{typed}");
            assert_eq!(entry.edd, date(2027, 5, 31), "{typed}");
        }
    }

    #[test]
    fn edd_and_scan_date_the_pregnancy() {
        // EDD in 56 days: 280 − 56 = 224 days = 32+0.
        let edd = add_days(TODAY, 56);
        for typed in [
            format!("edd {edd}"),
            format!("edd {}", edd.strftime("%d/%m/%Y")),
        ] {
            let entry = parse(&typed, TODAY).unwrap();
            assert_eq!(entry.gestation.to_string(), "32+0", "{typed}");
            assert_eq!(entry.edd, edd);
        }
        // A scan 14 days ago that gave 12+3 → 14+3 today.
        let scan = add_days(TODAY, -14);
        let entry = parse(&format!("scan {scan} 12+3"), TODAY).unwrap();
        assert_eq!(entry.gestation.to_string(), "14+3");
        assert_eq!(entry.edd, entry.gestation.edd(TODAY));
    }

    #[test]
    fn typed_weeks_carry_the_edd_they_imply() {
        let entry = parse("32+4", TODAY).unwrap();
        assert_eq!(days_between(TODAY, entry.edd), 280 - (32 * 7 + 4));
    }

    #[test]
    fn impossible_or_implausible_dates_are_refused() {
        for (typed, says) in [
            ("2026-12-01", "after today"),
            ("2020-01-01", "check the date"),
            ("2026-02-30", "no such date"),
            ("31/02/2026", "no such date"),
            ("14/10/26", "year in full"),
            ("edd 2028-01-01", "more than 40 weeks"),
            ("lmp soon", "not a date"),
            ("scan 2026-10-01", "scan needs"),
            ("scan 2026-12-01 12+3", "after today"),
        ] {
            let got = ga(typed);
            assert!(
                got.starts_with("error") && got.contains(says),
                "{typed}: {got}"
            );
        }
    }

    #[test]
    fn the_week_limit_is_the_kbs() {
        assert!(Gestation::new(MAX_WEEK, 6).is_some());
        assert!(Gestation::new(MAX_WEEK + 1, 0).is_none());
        assert!(parse_weeks(&format!("{}", MAX_WEEK + 1)).is_err());
        assert!(Gestation::from_days(i64::from(MAX_WEEK) * 7 + 6).is_ok());
        assert!(Gestation::from_days(i64::from(MAX_WEEK + 1) * 7).is_err());
    }
}
