//! Finds a gestational week or trimester written in the query text.
//!
//! Recognised (case- and accent-insensitive, on folded words):
//! - weeks: `7 weeks`, `7 wk`, `7wks`, `32w`, `at 10 weeks pregnant`, `6-7 weeks of
//!   pregnancy`, `10th week`, `week 10`, `six weeks`;
//! - trimesters: `first/1st/one/1 trimester`, `trimester 2`, `early pregnancy`,
//!   `early stages`, `first weeks/months`, `mid-pregnancy`, `middle of pregnancy`,
//!   `late pregnancy`, `last weeks`, `third trimester`;
//! - months: `5 months pregnant` (months 1–3 → 1st trimester, 4–6 → 2nd, 7+ → 3rd);
//! - clinicians' notation: `32/40`, `32+4`, `32+4/40` (weeks + days), `GA 32`, `GA 32+4`,
//!   `T1`/`T2`/`T3`, `first tri`, `3rd tri`.
//!
//! The words that make up a stage are reported so the caller can drop them before
//! matching.

use super::normalize::Word;

/// What the text says about the stage of pregnancy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageInText {
    pub week: Option<u8>,
    /// Days past the completed week, where written (`32+4`).
    pub days: Option<u8>,
    pub trimester: Option<u8>,
    /// Per word of the input: whether it belongs to a stage expression.
    pub consumed: Vec<bool>,
    /// Word ranges of the stage expressions found, in order.
    pub spans: Vec<std::ops::Range<usize>>,
}

/// Highest week number taken as a gestational week: the KB's limit, shared by validation, the
/// gestation entry and the CLI.
const MAX_WEEK: u32 = crate::kb::MAX_WEEK as u32;

fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    })
}

/// Splits `"32w"` into `(32, "w")`, `"32"` into `(32, "")`.
fn num_suffix(w: &str) -> Option<(u32, &str)> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let n = w[..digits].parse().ok()?;
    Some((n, &w[digits..]))
}

fn plain_number(w: &str) -> Option<u32> {
    match num_suffix(w) {
        Some((n, "")) => Some(n),
        _ => number_word(w),
    }
}

fn ordinal(w: &str) -> Option<u32> {
    match num_suffix(w) {
        Some((n, "st" | "nd" | "rd" | "th")) => Some(n),
        _ => ordinal_word(w),
    }
}

fn is_week_unit(w: &str) -> bool {
    matches!(w, "w" | "wk" | "wks" | "week" | "weeks" | "wkd")
}

fn is_month_unit(w: &str) -> bool {
    matches!(w, "month" | "months" | "mo" | "mos")
}

fn is_pregnancy_word(w: &str) -> bool {
    matches!(
        w,
        "pregnant" | "pregnancy" | "gestation" | "gestational" | "gestating"
    )
}

fn month_trimester(m: u32) -> Option<u8> {
    match m {
        1..=3 => Some(1),
        4..=6 => Some(2),
        7..=10 => Some(3),
        _ => None,
    }
}

/// What stands between word `i` and word `i + 1` of `text` ("" when they touch or at the end).
fn separator<'t>(text: &'t str, words: &[Word], i: usize) -> &'t str {
    match (words.get(i), words.get(i + 1)) {
        (Some(a), Some(b)) => text.get(a.range.end..b.range.start).unwrap_or("").trim(),
        _ => "",
    }
}

/// `32/40`, `32+4`, `32+4/40` starting at word `i`: (weeks, days, words used).
fn clinical_gestation(
    text: &str,
    words: &[Word],
    w: &[&str],
    i: usize,
) -> Option<(u32, Option<u32>, usize)> {
    let (weeks, "") = num_suffix(w.get(i)?)? else {
        return None;
    };
    let plain = |k: usize| {
        w.get(k)
            .and_then(|x| num_suffix(x))
            .filter(|(_, u)| u.is_empty())
            .map(|(n, _)| n)
    };
    match separator(text, words, i) {
        "/" if plain(i + 1) == Some(40) => Some((weeks, None, 2)),
        "+" => {
            let days = plain(i + 1).filter(|d| *d <= 6)?;
            if separator(text, words, i + 1) == "/" && plain(i + 2) == Some(40) {
                Some((weeks, Some(days), 3))
            } else {
                Some((weeks, Some(days), 2))
            }
        }
        _ => None,
    }
}

/// Scans folded words for a stage expression. `text` is the text the words came from (the
/// characters between words tell `32/40` and `32+4` apart from two numbers).
pub fn find(words: &[Word], text: &str) -> StageInText {
    let w: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
    let n = w.len();
    let mut out = StageInText {
        consumed: vec![false; n],
        ..StageInText::default()
    };
    let get = |i: usize| w.get(i).copied().unwrap_or("");
    let mut i = 0;
    while i < n {
        let mut week = None;
        let mut days = None;
        let mut tri = None;
        let mut len = 0;
        let cur = w[i];

        if cur == "ga" {
            // "GA 32", "GA 32+4", "GA 32/40"
            if let Some((wk, d, used)) = clinical_gestation(text, words, &w, i + 1) {
                week = Some(wk);
                days = d;
                len = 1 + used;
            } else if let Some(num) = plain_number(get(i + 1)) {
                week = Some(num);
                len = 2;
            }
        } else if let Some((wk, d, used)) = clinical_gestation(text, words, &w, i) {
            week = Some(wk);
            days = d;
            len = used;
        } else if let Some(t @ 1..=3) = cur
            .strip_prefix('t')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|_| cur.len() == 2)
        {
            // "T1", "T2", "T3"
            tri = Some(t);
            len = 1;
        } else if let Some((num, _)) = num_suffix(cur).filter(|(_, u)| is_week_unit(u)) {
            // "32w", "7wks"
            week = Some(num);
            len = 1;
        } else if let Some(num) = plain_number(cur) {
            if is_week_unit(get(i + 1)) {
                // "7 weeks"
                week = Some(num);
                len = 2;
            } else if plain_number(get(i + 1)).is_some() && is_week_unit(get(i + 2)) {
                // "6-7 weeks" (and "6 7 weeks")
                week = Some(num);
                len = 3;
            } else if get(i + 1) == "trimester" && (1..=3).contains(&num) {
                // "1 trimester"
                tri = Some(num as u8);
                len = 2;
            } else if is_month_unit(get(i + 1)) {
                tri = month_trimester(num);
                len = if tri.is_some() { 2 } else { 0 };
            }
        } else if let Some(num) = ordinal(cur) {
            match get(i + 1) {
                "week" => {
                    // "10th week"; "first week(s)" means early pregnancy
                    if ordinal_word(cur) == Some(1) {
                        tri = Some(1);
                    } else {
                        week = Some(num);
                    }
                    len = 2;
                }
                "weeks" | "months" if num == 1 => {
                    // "first weeks", "first months"
                    tri = Some(1);
                    len = 2;
                }
                "trimester" | "tri" if (1..=3).contains(&num) => {
                    tri = Some(num as u8);
                    len = 2;
                }
                "month" => {
                    tri = month_trimester(num);
                    len = if tri.is_some() { 2 } else { 0 };
                }
                _ => {}
            }
        } else if cur == "week" {
            if let Some(num) = plain_number(get(i + 1)) {
                // "week 10"
                week = Some(num);
                len = 2;
            }
        } else if cur == "trimester" {
            if let Some(num) = plain_number(get(i + 1)).or_else(|| ordinal(get(i + 1)))
                && (1..=3).contains(&num)
            {
                tri = Some(num as u8);
                len = 2;
            }
        } else if matches!(cur, "early" | "mid" | "middle" | "late" | "last") {
            let t = match cur {
                "early" => 1,
                "mid" | "middle" => 2,
                _ => 3,
            };
            let next = get(i + 1);
            let (next, skip) = if next == "of" {
                (get(i + 2), 1)
            } else {
                (next, 0)
            };
            let fits = match cur {
                "last" => matches!(next, "weeks" | "months" | "trimester"),
                "middle" => matches!(next, "pregnancy" | "trimester") && skip == 1,
                _ => {
                    is_pregnancy_word(next)
                        || matches!(next, "stage" | "stages" | "weeks" | "months" | "trimester")
                }
            };
            if fits {
                tri = Some(t);
                len = 2 + skip;
            }
        }

        if week.is_some_and(|wk| wk > MAX_WEEK) {
            week = None;
            days = None;
            len = 0;
        }
        if len == 0 || (week.is_none() && tri.is_none()) {
            i += 1;
            continue;
        }
        // Trailing "pregnant", "of pregnancy", "gestation".
        let mut end = i + len;
        if is_pregnancy_word(get(end)) {
            end += 1;
        } else if get(end) == "of" && is_pregnancy_word(get(end + 1)) {
            end += 2;
        }
        for c in &mut out.consumed[i..end] {
            *c = true;
        }
        out.spans.push(i..end);
        if out.week.is_none() {
            out.week = week.map(|w| w as u8);
            out.days = days.map(|d| d as u8);
        }
        if out.trimester.is_none() {
            out.trimester = tri;
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize::words;

    fn stage(text: &str) -> (Option<u8>, Option<u8>, String) {
        let ws = words(text);
        let s = find(&ws, text);
        let rest: Vec<&str> = ws
            .iter()
            .zip(&s.consumed)
            .filter(|(_, c)| !**c)
            .map(|(w, _)| w.folded.as_str())
            .collect();
        (s.week, s.trimester, rest.join(" "))
    }

    #[test]
    fn weeks() {
        assert_eq!(
            stage("bleeding at 7 weeks"),
            (Some(7), None, "bleeding at".into())
        );
        assert_eq!(stage("7 wk spotting"), (Some(7), None, "spotting".into()));
        assert_eq!(
            stage("scarlet bleeding 32w"),
            (Some(32), None, "scarlet bleeding".into())
        );
        assert_eq!(stage("32 W"), (Some(32), None, String::new()));
        assert_eq!(stage("at 10 weeks pregnant"), (Some(10), None, "at".into()));
        assert_eq!(
            stage("pain at 6-7 weeks of pregnancy"),
            (Some(6), None, "pain at".into())
        );
        assert_eq!(stage("10th week"), (Some(10), None, String::new()));
        assert_eq!(stage("week 10 pain"), (Some(10), None, "pain".into()));
        assert_eq!(stage("six weeks"), (Some(6), None, String::new()));
        assert_eq!(stage("32wks"), (Some(32), None, String::new()));
    }

    #[test]
    fn clinical_notation() {
        assert_eq!(stage("bleeding 32/40"), (Some(32), None, "bleeding".into()));
        assert_eq!(stage("32+4 pv bleed"), (Some(32), None, "pv bleed".into()));
        assert_eq!(stage("32+4/40"), (Some(32), None, String::new()));
        assert_eq!(stage("GA 32 bleeding"), (Some(32), None, "bleeding".into()));
        assert_eq!(stage("ga 12+6"), (Some(12), None, String::new()));
        assert_eq!(stage("T3 bleeding"), (None, Some(3), "bleeding".into()));
        assert_eq!(stage("t1"), (None, Some(1), String::new()));
        assert_eq!(
            stage("first tri spotting"),
            (None, Some(1), "spotting".into())
        );
        assert_eq!(stage("3rd tri"), (None, Some(3), String::new()));
        let ws = words("32+4");
        assert_eq!(find(&ws, "32+4").days, Some(4));
        // Not gestations: a plain fraction, days out of range, T4, two numbers.
        assert_eq!(stage("1/2 pad").0, None);
        assert_eq!(stage("32+9").0, None);
        assert_eq!(stage("t4").1, None);
        assert_eq!(stage("32 40").0, None);
    }

    #[test]
    fn trimesters() {
        assert_eq!(stage("first trimester"), (None, Some(1), String::new()));
        assert_eq!(
            stage("in the 2nd trimester"),
            (None, Some(2), "in the".into())
        );
        assert_eq!(stage("trimester 3"), (None, Some(3), String::new()));
        assert_eq!(
            stage("early pregnancy spotting"),
            (None, Some(1), "spotting".into())
        );
        assert_eq!(
            stage("in the early stages of pregnancy"),
            (None, Some(1), "in the".into())
        );
        assert_eq!(stage("mid-pregnancy"), (None, Some(2), String::new()));
        assert_eq!(stage("middle of pregnancy"), (None, Some(2), String::new()));
        assert_eq!(stage("late pregnancy"), (None, Some(3), String::new()));
        assert_eq!(stage("in the last weeks"), (None, Some(3), "in the".into()));
        assert_eq!(
            stage("the first weeks of pregnancy"),
            (None, Some(1), "the".into())
        );
        assert_eq!(stage("5 months pregnant"), (None, Some(2), String::new()));
    }

    #[test]
    fn not_stages() {
        assert_eq!(stage("6-12 days after conception").0, None);
        assert_eq!(
            stage("a week after conception"),
            (None, None, "a week after conception".into())
        );
        assert_eq!(stage("early detection").1, None);
        assert_eq!(stage("one-sided pain").1, None);
        assert_eq!(stage("80 weeks").0, None);
        assert_eq!(stage("999999999999w").0, None);
        assert_eq!(stage("last"), (None, None, "last".into()));
    }
}
