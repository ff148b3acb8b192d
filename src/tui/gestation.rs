//! Gestational age from what a clinician types after `w`: `32`, `32+4`, `32/40`, an LMP date
//! `YYYY-MM-DD` (GA = today − LMP) or `edd YYYY-MM-DD` (GA = 280 days − (EDD − today)).
//! "Today" is passed in, so tests can fix it.

use std::fmt;

/// Days since 1970-01-01 (proleptic Gregorian), for date arithmetic without a date crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64);

impl Day {
    /// From a calendar date; `None` if the date does not exist.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Day> {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days_in = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if !(1..=12).contains(&m) || d == 0 || d > days_in[m as usize - 1] {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Day> {
        let mut it = s.trim().splitn(3, '-');
        let y = it.next()?.parse::<i64>().ok()?;
        let m = it.next()?.parse::<u32>().ok()?;
        let d = it.next()?.parse::<u32>().ok()?;
        Day::from_ymd(y, m, d)
    }

    /// Today in UTC, from the system clock.
    pub fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Day(secs.div_euclid(86_400))
    }
}

/// Completed weeks and days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gestation {
    pub weeks: u8,
    pub days: u8,
}

impl fmt::Display for Gestation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}+{}", self.weeks, self.days)
    }
}

/// Longest gestation accepted, in weeks (older dates are taken as typing mistakes): the KB's
/// limit, so the browser accepts the weeks `obddx search --week` does.
pub const MAX_WEEKS: i64 = crate::kb::MAX_WEEK as i64;

fn from_days(days: i64) -> Result<Gestation, String> {
    if days < 0 {
        return Err("that date is in the future: no gestation yet".into());
    }
    if days > MAX_WEEKS * 7 {
        return Err(format!(
            "that is {}+{} weeks ago: more than {MAX_WEEKS} weeks, check the date",
            days / 7,
            days % 7
        ));
    }
    Ok(Gestation {
        weeks: (days / 7) as u8,
        days: (days % 7) as u8,
    })
}

/// Parses what was typed after `w`. Errors are messages for the status line.
pub fn parse(input: &str, today: Day) -> Result<Gestation, String> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Err("type a week (32, 32+4, 32/40), an LMP date or edd YYYY-MM-DD".into());
    }
    if let Some(rest) = s.strip_prefix("edd") {
        let edd =
            Day::parse(rest).ok_or_else(|| format!("not a date: {} (YYYY-MM-DD)", rest.trim()))?;
        let to_go = edd.0 - today.0;
        if to_go > 280 {
            return Err("that EDD is more than 40 weeks away: check the date".into());
        }
        return from_days(280 - to_go);
    }
    if s.matches('-').count() == 2 {
        let lmp = Day::parse(&s).ok_or_else(|| format!("not a date: {s} (YYYY-MM-DD)"))?;
        return from_days(today.0 - lmp.0);
    }
    let (weeks, days) = if let Some((w, d)) = s.split_once('+') {
        (w, d)
    } else if let Some((w, forty)) = s.split_once('/') {
        if forty.trim() != "40" {
            return Err(format!("not a gestation: {s} (try 32/40)"));
        }
        (w, "0")
    } else {
        (s.as_str(), "0")
    };
    let bad = || format!("not a gestation: {s} (32, 32+4, 32/40, YYYY-MM-DD, edd YYYY-MM-DD)");
    let w: u8 = weeks.trim().parse().map_err(|_| bad())?;
    let d: u8 = days.trim().parse().map_err(|_| bad())?;
    if d > 6 {
        return Err(format!("{d} days: the days after + run 0–6"));
    }
    if i64::from(w) > MAX_WEEKS {
        return Err(format!("week {w} is beyond {MAX_WEEKS}"));
    }
    Ok(Gestation { weeks: w, days: d })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(day("1970-01-01"), Day(0));
        assert_eq!(day("2024-03-01").0 - day("2024-02-28").0, 2);
        assert!(Day::parse("2023-02-29").is_none());
    }

    #[test]
    fn weeks_and_days() {
        let t = day("2026-11-22");
        assert_eq!(parse("32+4", t).unwrap().to_string(), "32+4");
        assert_eq!(parse("32/40", t).unwrap().to_string(), "32+0");
        assert_eq!(parse("7", t).unwrap().to_string(), "7+0");
        assert!(parse("32+9", t).is_err());
        assert!(parse("abc", t).is_err());
    }

    #[test]
    fn lmp_90_days_ago_is_12_6() {
        let t = day("2026-11-22");
        let lmp = Day(t.0 - 90);
        let (y, m, d) = civil(lmp);
        let typed = format!("{y:04}-{m:02}-{d:02}");
        assert_eq!(parse(&typed, t).unwrap().to_string(), "12+6");
    }

    #[test]
    fn edd_and_bad_dates() {
        let t = day("2026-11-22");
        // EDD in 56 days: 280 − 56 = 224 days = 32+0.
        let edd = Day(t.0 + 56);
        let (y, m, d) = civil(edd);
        assert_eq!(
            parse(&format!("edd {y:04}-{m:02}-{d:02}"), t)
                .unwrap()
                .to_string(),
            "32+0"
        );
        assert!(parse("2026-12-01", t).unwrap_err().contains("future"));
        assert!(
            parse("2020-01-01", t)
                .unwrap_err()
                .contains("check the date")
        );
    }

    /// Inverse of `from_ymd` (`civil_from_days`), for building test input.
    fn civil(day: Day) -> (i64, u32, u32) {
        let z = day.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }
}
