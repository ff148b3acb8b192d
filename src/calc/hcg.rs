//! Serial hCG (G15): two serum values 48 hours apart → the change in per cent and G15's
//! reading. Values are kept in thousandths of an IU/L, so the thresholds compare exactly (a rise
//! of exactly 63% is not "over 63%"). G15 speaks of samples 48 hours apart: for any other
//! interval the change is given as measured, not rescaled, and G15's reading is not applied.

use serde::Serialize;

use super::{Line, Report};

/// G15's interval between the two samples, in hours.
pub const HOURS_APART: u32 = 48;

/// What G15 says of the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// A rise over 63%: a developing intrauterine pregnancy is suggested (ectopic not excluded).
    RiseOver63,
    /// A fall over 50%: the pregnancy will probably not continue.
    FallOver50,
    /// Anything else: clinical review within 24 hours.
    ReviewWithin24Hours,
    /// The samples were not 48 hours apart: G15's reading is not applied.
    NotApplied,
}

/// A serum hCG value in thousandths of an IU/L (exact decimal arithmetic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Milli(pub u64);

impl Milli {
    /// From a whole number of IU/L.
    pub fn units(n: u64) -> Milli {
        Milli(n * 1000)
    }

    /// "1700", "12.5".
    pub fn text(self) -> String {
        let (whole, frac) = (self.0 / 1000, self.0 % 1000);
        if frac == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{frac:03}")
                .trim_end_matches('0')
                .to_string()
        }
    }

    fn as_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }
}

impl Serialize for Milli {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// A non-negative decimal with up to three places, as typed: "1700", "12.5". `what` names it
/// in the message ("the first hCG").
pub fn parse_milli(text: &str, what: &str) -> Result<Milli, String> {
    let t = text.trim();
    if t.starts_with('-') {
        return Err(format!("{what} cannot be negative: `{t}`"));
    }
    let bad = || format!("{what} is not a number: `{t}` (e.g. 1700 or 12.5)");
    let (whole, frac) = t.split_once('.').unwrap_or((t, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) || frac.len() > 3 || whole.len() > 12 {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let frac: u64 = format!("{frac:0<3}").parse().map_err(|_| bad())?;
    Ok(Milli(whole * 1000 + frac))
}

/// The result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hcg {
    pub first: Milli,
    pub second: Milli,
    pub hours: Milli,
    /// (second − first) / first × 100, rounded to one decimal.
    pub change_percent: f64,
    pub reading: Reading,
}

/// Serial hCG: `first` and `second` in IU/L, `hours` apart (48 when not known).
pub fn hcg(first: Milli, second: Milli, hours: Milli) -> Result<Hcg, String> {
    if first.0 == 0 {
        return Err("the first hCG is 0: a change in per cent needs a first value above 0".into());
    }
    if hours.0 == 0 {
        return Err("the samples are 0 hours apart: give the hours between them".into());
    }
    let (f, s) = (i128::from(first.0), i128::from(second.0));
    // Over 63%: 100·(s − f) > 63·f. Over 50% down: 100·(f − s) > 50·f.
    let reading = if hours != Milli::units(u64::from(HOURS_APART)) {
        Reading::NotApplied
    } else if 100 * (s - f) > 63 * f {
        Reading::RiseOver63
    } else if 100 * (f - s) > 50 * f {
        Reading::FallOver50
    } else {
        Reading::ReviewWithin24Hours
    };
    let tenths = rounded_div(1000 * (s - f), f);
    Ok(Hcg {
        first,
        second,
        hours,
        change_percent: tenths as f64 / 10.0,
        reading,
    })
}

/// `n / d` rounded half away from zero (`d` > 0).
fn rounded_div(n: i128, d: i128) -> i128 {
    let q = (2 * n.abs() + d) / (2 * d);
    if n < 0 { -q } else { q }
}

impl Hcg {
    /// "70% rise", "60% fall", "no change"; "just over 63%" where rounding would hide the side
    /// of a threshold the value is on.
    pub fn change_text(&self) -> String {
        let tenths = (self.change_percent * 10.0).round() as i64;
        if tenths == 0 && self.first != self.second {
            let way = if self.second > self.first {
                "rise"
            } else {
                "fall"
            };
            return format!("a {way} under 0.1%");
        }
        if tenths == 0 {
            return "no change".into();
        }
        let way = if tenths > 0 { "rise" } else { "fall" };
        let abs = tenths.unsigned_abs();
        let number = if abs.is_multiple_of(10) {
            format!("{}%", abs / 10)
        } else {
            format!("{}.{}%", abs / 10, abs % 10)
        };
        let (f, s) = (i128::from(self.first.0), i128::from(self.second.0));
        // The value shown equals a threshold but the exact value is not on it.
        let near = |threshold: u64, exact_side: i128| abs == threshold * 10 && exact_side != 0;
        let qualifier = if near(63, 100 * (s - f) - 63 * f) && tenths > 0 {
            if 100 * (s - f) > 63 * f {
                "just over "
            } else {
                "just under "
            }
        } else if near(50, 100 * (f - s) - 50 * f) && tenths < 0 {
            if 100 * (f - s) > 50 * f {
                "just over "
            } else {
                "just under "
            }
        } else {
            ""
        };
        format!("{qualifier}{number} {way}")
    }

    pub fn report(&self) -> Report {
        let hours = self.hours.text();
        let change = self.change_text();
        let values = format!(
            "{} → {} IU/L, {hours} hours apart: {change}",
            self.first.text(),
            self.second.text()
        );
        let mut lines = vec![Line::plain(values)];
        let headline = match self.reading {
            Reading::RiseOver63 => {
                lines.push(Line::cited(
                    "G15",
                    "A rise over 63% in 48 hours suggests a developing intrauterine pregnancy; ectopic pregnancy is not excluded: scan in 7–14 days, earlier if hCG is 1500 IU/L or more.",
                ));
                if self.second >= Milli::units(1500) {
                    lines.push(Line::cited(
                        "G15",
                        format!(
                            "The second value, {} IU/L, is 1500 IU/L or more: the scan comes earlier than 7–14 days.",
                            self.second.text()
                        ),
                    ));
                }
                format!("{change} in 48 hours: a rise over 63%")
            }
            Reading::FallOver50 => {
                lines.push(Line::cited(
                    "G15",
                    "A fall over 50% in 48 hours suggests the pregnancy will not continue: urine pregnancy test after 14 days.",
                ));
                format!("{change} in 48 hours: a fall over 50%")
            }
            Reading::ReviewWithin24Hours => {
                lines.push(Line::cited(
                    "G15",
                    "Neither a rise over 63% nor a fall over 50% in 48 hours: clinical review within 24 hours.",
                ));
                format!("{change} in 48 hours: clinical review within 24 hours")
            }
            Reading::NotApplied => {
                lines.push(Line::cited(
                    "G15",
                    format!(
                        "G15's thresholds are for two samples 48 hours apart. These were {hours} hours apart, so G15's reading is not applied and the change is not rescaled to 48 hours: repeat at 48 hours or follow the local protocol."
                    ),
                ));
                lines.push(Line::cited(
                    "G15",
                    "At 48 hours apart, G15 reads a rise over 63% as suggesting a developing intrauterine pregnancy (ectopic not excluded), a fall over 50% as suggesting the pregnancy will not continue, and anything else as needing clinical review within 24 hours.",
                ));
                format!("{change} over {hours} hours: not 48 hours apart, no G15 reading")
            }
        };
        lines.push(Line::cited("G15", "Symptoms outweigh hCG results."));
        lines.push(Line::cited(
            "G15",
            "For a pregnancy of unknown location; transvaginal ultrasound is the first-line test of location and viability.",
        ));
        Report::new("hcg", "Serial hCG", headline, lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(first: u64, second: u64) -> Reading {
        hcg(Milli::units(first), Milli::units(second), Milli::units(48))
            .unwrap()
            .reading
    }

    #[test]
    fn thresholds_are_strictly_over() {
        use Reading::*;
        for (first, second, want) in [
            (1000, 1630, ReviewWithin24Hours), // exactly 63%: not over
            (1000, 1631, RiseOver63),
            (1000, 1629, ReviewWithin24Hours),
            (1000, 500, ReviewWithin24Hours), // exactly 50% down: not over
            (1000, 499, FallOver50),
            (1000, 501, ReviewWithin24Hours),
            (1000, 1000, ReviewWithin24Hours),
            (1000, 0, FallOver50),
            (1000, 1700, RiseOver63),
            (1000, 400, FallOver50),
            (1000, 1200, ReviewWithin24Hours),
        ] {
            assert_eq!(reading(first, second), want, "{first} → {second}");
        }
    }

    #[test]
    fn decimals_compare_exactly_at_the_threshold() {
        let at = |f: &str, s: &str| {
            hcg(
                parse_milli(f, "a").unwrap(),
                parse_milli(s, "b").unwrap(),
                Milli::units(48),
            )
            .unwrap()
        };
        // 10 → 16.3 is exactly 63% (a float sum would make it just over).
        assert_eq!(at("10", "16.3").reading, Reading::ReviewWithin24Hours);
        assert_eq!(at("10", "16.301").reading, Reading::RiseOver63);
        assert_eq!(at("10", "16.301").change_text(), "just over 63% rise");
        assert_eq!(at("10", "16.299").change_text(), "just under 63% rise");
        assert_eq!(at("10", "4.999").change_text(), "just over 50% fall");
        assert_eq!(at("1000", "1700").change_text(), "70% rise");
        assert_eq!(at("1000", "400").change_text(), "60% fall");
        assert_eq!(at("3", "4").change_text(), "33.3% rise");
    }

    #[test]
    fn other_intervals_get_no_reading() {
        let r = hcg(Milli::units(1000), Milli::units(1700), Milli::units(36)).unwrap();
        assert_eq!(r.reading, Reading::NotApplied);
        assert_eq!(r.change_percent, 70.0);
        let text = r.report().text();
        assert!(text.contains("36 hours apart"), "{text}");
        assert!(text.contains("not rescaled"), "{text}");
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(
            parse_milli("-5", "the first hCG")
                .unwrap_err()
                .contains("negative")
        );
        assert!(
            parse_milli("abc", "x")
                .unwrap_err()
                .contains("not a number")
        );
        assert!(parse_milli("1.2345", "x").is_err());
        assert!(hcg(Milli(0), Milli::units(5), Milli::units(48)).is_err());
        assert!(hcg(Milli::units(5), Milli::units(5), Milli(0)).is_err());
    }
}
