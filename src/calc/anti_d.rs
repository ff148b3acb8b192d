//! Anti-D timing (G8, G64, G65; G19 and G66 before 12 weeks): the date and time of the
//! sensitising event, in the local time zone → the 72-hour deadline (72 real hours, so a clock
//! change moves the wall-clock time), the 10-day outer limit (calendar days), whether a test of
//! the fetomaternal haemorrhage is due (from 20 weeks), and, in early pregnancy, what NICE and
//! BSH each say. It states the rules; it does not choose between guidelines.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Span, ZonedDateTime};
use serde::Serialize;

use super::{Line, Report};
use crate::gestation::{Gestation, parse_date};

/// Hours within which anti-D is given (G8, G64).
pub const DEADLINE_HOURS: i64 = 72;
/// Days after the event up to which some protection may still come (G64).
pub const OUTER_LIMIT_DAYS: i64 = 10;

const FMH_FROM: Gestation = Gestation { weeks: 20, days: 0 };
const BSH_FROM: Gestation = Gestation { weeks: 12, days: 0 };
/// The guideline stage "early pregnancy: bleeding before 14 weeks" (G19's section).
const EARLY_UNTIL: Gestation = Gestation { weeks: 14, days: 0 };

/// Whether a fetomaternal-haemorrhage test is due (G8: from 20 weeks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FmhTest {
    Needed,
    BeforeTwentyWeeks,
    GestationNotGiven,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AntiD {
    #[serde(serialize_with = "as_text")]
    pub event: ZonedDateTime,
    #[serde(serialize_with = "as_text")]
    pub deadline_72_hours: ZonedDateTime,
    #[serde(serialize_with = "as_text")]
    pub outer_limit_10_days: ZonedDateTime,
    /// Minutes from now to the 72-hour deadline (negative once it has passed).
    pub minutes_to_deadline: i64,
    pub gestation: Option<String>,
    pub fmh_test: FmhTest,
    /// Before 12 weeks (or with no gestation given): NICE and BSH differ (G19, G66).
    pub guidelines_differ: bool,
    #[serde(skip)]
    gestation_value: Option<Gestation>,
    #[serde(skip)]
    past_outer_limit: bool,
}

fn as_text<S: serde::Serializer>(t: &ZonedDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// "2026-12-01 14:00", "2026-12-01T14:00", "01/12/2026 14:00" (24-hour clock).
pub fn parse_event(text: &str) -> Result<DateTime, String> {
    let t = text.trim();
    let (date, time) = t
        .split_once(|c: char| c.is_whitespace() || c == 'T')
        .ok_or_else(|| format!("give the event's date and time: `2026-12-01 14:00`, not `{t}`"))?;
    let date = parse_date(date)?;
    let bad = || format!("not a time: `{}` (24-hour HH:MM, e.g. 14:00)", time.trim());
    let (h, m) = time.trim().split_once(':').ok_or_else(bad)?;
    let h: i8 = h.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    let time = jiff::civil::Time::new(h, m, 0, 0).map_err(|_| bad())?;
    Ok(date.to_datetime(time))
}

/// The deadlines for an event at `event` (wall clock in `tz`), seen at `now`.
pub fn anti_d(
    event: DateTime,
    tz: &TimeZone,
    now: &ZonedDateTime,
    gestation: Option<Gestation>,
) -> Result<AntiD, String> {
    let event = event
        .to_zoned_datetime(tz.clone())
        .map_err(|e| format!("that time does not exist here: {e}"))?;
    if event.timestamp() > now.timestamp() {
        return Err(format!(
            "the event ({}) is after now ({}): check the date and time",
            wall(&event),
            wall(now)
        ));
    }
    let deadline = event
        .checked_add(Span::new().hours(DEADLINE_HOURS))
        .map_err(|e| e.to_string())?;
    let outer = event
        .checked_add(Span::new().days(OUTER_LIMIT_DAYS))
        .map_err(|e| e.to_string())?;
    let minutes_to_deadline =
        (deadline.timestamp().as_second() - now.timestamp().as_second()).div_euclid(60);
    Ok(AntiD {
        minutes_to_deadline,
        past_outer_limit: outer.timestamp() < now.timestamp(),
        event,
        deadline_72_hours: deadline,
        outer_limit_10_days: outer,
        gestation: gestation.map(|g| g.to_string()),
        fmh_test: match gestation {
            None => FmhTest::GestationNotGiven,
            Some(g) if g >= FMH_FROM => FmhTest::Needed,
            Some(_) => FmhTest::BeforeTwentyWeeks,
        },
        guidelines_differ: gestation.is_none_or(|g| g < BSH_FROM),
        gestation_value: gestation,
    })
}

/// "2026-12-04 14:00 GMT".
pub fn wall(t: &ZonedDateTime) -> String {
    t.strftime("%Y-%m-%d %H:%M %Z").to_string()
}

/// "47 h 12 min".
fn duration_text(minutes: i64) -> String {
    let m = minutes.abs();
    format!("{} h {:02} min", m / 60, m % 60)
}

impl AntiD {
    pub fn report(&self) -> Report {
        let deadline = wall(&self.deadline_72_hours);
        let outer = wall(&self.outer_limit_10_days);
        let status = if self.minutes_to_deadline >= 0 {
            format!("{} left", duration_text(self.minutes_to_deadline))
        } else {
            format!("passed {} ago", duration_text(self.minutes_to_deadline))
        };
        let mut lines = vec![
            Line::cited(
                "G8",
                "Check RhD status in every woman who bleeds. A non-sensitised RhD-negative woman needs anti-D immunoglobulin after a potentially sensitising event, as soon as possible and within 72 hours.",
            ),
            Line::plain(format!("Event: {}.", wall(&self.event))),
            Line::cited(
                "G64",
                format!(
                    "Give anti-D as soon as possible and always within 72 hours: by {deadline} ({status})."
                ),
            ),
        ];
        if self.minutes_to_deadline < 0 {
            let tail = if self.past_outer_limit {
                format!("That was {outer}: more than 10 days have passed since the event.")
            } else {
                format!(
                    "The 72 hours have passed: some protection may still come from giving it up to 10 days after the event, until {outer}."
                )
            };
            lines.push(Line::cited("G64", tail));
        } else {
            lines.push(Line::cited(
                "G64",
                format!("If the 72 hours are missed, some protection may still come from giving it up to 10 days after the event: until {outer}."),
            ));
        }
        lines.push(Line::cited("G8", match (self.fmh_test, &self.gestation) {
            (FmhTest::Needed, Some(g)) => format!("At {g} (from 20 weeks): a test of the size of the fetomaternal haemorrhage (e.g. Kleihauer) guides the dose."),
            (FmhTest::BeforeTwentyWeeks, Some(g)) => format!("At {g}: before 20 weeks; G8's fetomaternal-haemorrhage test (e.g. Kleihauer) to guide the dose is from 20 weeks."),
            _ => "Gestation not given: from 20 weeks a test of the size of the fetomaternal haemorrhage (e.g. Kleihauer) guides the dose.".to_string(),
        }));
        lines.push(Line::cited(
            "G65",
            "Continuing bleeding judged to be one event: at least 500 IU anti-D every 6 weeks, with a fetomaternal-haemorrhage test every 2 weeks from 20 weeks.",
        ));
        let early = self.gestation_value.is_none_or(|g| g < EARLY_UNTIL);
        if early {
            let at = match &self.gestation {
                Some(g) => format!("At {g} the guidelines differ"),
                None => "In early pregnancy the guidelines differ".into(),
            };
            lines.push(Line::plain(format!(
                "{at}; both are shown and neither is chosen here: follow the local protocol."
            )));
            lines.push(Line::cited(
                "G19",
                "NICE offers anti-D (250 IU, within 72 hours) to RhD-negative women having surgical management of an ectopic pregnancy or a miscarriage, and not for medical management only, threatened or complete miscarriage or a pregnancy of unknown location; BSH also gives it from 12 weeks in threatened and spontaneous miscarriage.",
            ));
        }
        if self.guidelines_differ {
            lines.push(Line::cited(
                "G66",
                "Under BSH, anti-D is not needed before 12 weeks for a complete miscarriage, mild painless bleeding, or a threatened miscarriage whose bleeding stops; BSH gives it for every ectopic pregnancy, however managed, unlike NICE.",
            ));
        }
        let headline =
            format!("within 72 hours: by {deadline} ({status}); up to 10 days: until {outer}");
        Report::new("anti-d", "Anti-D timing", headline, lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").unwrap()
    }

    fn at(tz: &TimeZone, y: i16, mo: i8, d: i8, h: i8, mi: i8) -> ZonedDateTime {
        date(y, mo, d)
            .at(h, mi, 0, 0)
            .to_zoned_datetime(tz.clone())
            .unwrap()
    }

    #[test]
    fn seventy_two_hours_is_72_real_hours_across_a_clock_change() {
        let tz = london();
        // Clocks go back at 02:00 BST on Sunday 2026-10-25: 72 hours after 14:00 BST on
        // Saturday 24th is 13:00 GMT on Tuesday 27th.
        let now = at(&tz, 2026, 10, 24, 15, 0);
        let r = anti_d(date(2026, 10, 24).at(14, 0, 0, 0), &tz, &now, None).unwrap();
        assert_eq!(wall(&r.deadline_72_hours), "2026-10-27 13:00 GMT");
        assert_eq!(r.minutes_to_deadline, 71 * 60);
        // The 10 days are calendar days: same wall-clock time.
        assert_eq!(wall(&r.outer_limit_10_days), "2026-11-03 14:00 GMT");
        // Spring forward (2026-03-29 01:00 GMT → 02:00 BST): 72 hours after 12:00 GMT on the
        // 28th is 13:00 BST on the 31st.
        let now = at(&tz, 2026, 3, 28, 12, 0);
        let r = anti_d(date(2026, 3, 28).at(12, 0, 0, 0), &tz, &now, None).unwrap();
        assert_eq!(wall(&r.deadline_72_hours), "2026-03-31 13:00 BST");
        assert_eq!(r.minutes_to_deadline, 72 * 60);
    }

    #[test]
    fn deadline_to_the_minute() {
        let tz = TimeZone::UTC;
        let event = date(2026, 12, 1).at(14, 0, 0, 0);
        for (now, minutes) in [
            (at(&tz, 2026, 12, 4, 13, 59), 1),
            (at(&tz, 2026, 12, 4, 14, 0), 0),
            (at(&tz, 2026, 12, 4, 14, 1), -1),
        ] {
            let r = anti_d(event, &tz, &now, None).unwrap();
            assert_eq!(r.minutes_to_deadline, minutes);
            let text = r.report().text();
            assert!(
                text.contains("2026-12-04 14:00") && text.contains("2026-12-11"),
                "{text}"
            );
        }
        let late = anti_d(event, &tz, &at(&tz, 2026, 12, 4, 14, 1), None)
            .unwrap()
            .report()
            .text();
        assert!(late.contains("The 72 hours have passed"), "{late}");
        let too_late = anti_d(event, &tz, &at(&tz, 2026, 12, 11, 14, 1), None)
            .unwrap()
            .report()
            .text();
        assert!(too_late.contains("more than 10 days"), "{too_late}");
    }

    #[test]
    fn an_event_in_the_future_is_refused() {
        let tz = TimeZone::UTC;
        let now = at(&tz, 2026, 12, 1, 13, 59);
        let err = anti_d(date(2026, 12, 1).at(14, 0, 0, 0), &tz, &now, None).unwrap_err();
        assert!(err.contains("after now"), "{err}");
    }

    #[test]
    fn fmh_test_from_20_weeks_and_guidelines_differ_before_12() {
        let tz = TimeZone::UTC;
        let now = at(&tz, 2026, 12, 2, 0, 0);
        let event = date(2026, 12, 1).at(14, 0, 0, 0);
        let g = |w, d| Some(Gestation { weeks: w, days: d });
        for (ga, fmh, differ) in [
            (g(11, 6), FmhTest::BeforeTwentyWeeks, true),
            (g(12, 0), FmhTest::BeforeTwentyWeeks, false),
            (g(19, 6), FmhTest::BeforeTwentyWeeks, false),
            (g(20, 0), FmhTest::Needed, false),
            (None, FmhTest::GestationNotGiven, true),
        ] {
            let r = anti_d(event, &tz, &now, ga).unwrap();
            assert_eq!((r.fmh_test, r.guidelines_differ), (fmh, differ), "{ga:?}");
            let text = r.report().text();
            assert_eq!(text.contains("G66 (B: UK clinical reference (or a UK guideline read second-hand)) [bsh-anti-d]"), differ, "{text}");
            if differ {
                assert!(
                    text.contains("neither is chosen")
                        && text.contains("G19 (A: UK guideline) [nice-ng126; bsh-anti-d]"),
                    "{text}"
                );
                assert!(text.contains("NICE revised"), "G19's caveat: {text}");
            }
        }
    }

    #[test]
    fn events_are_read_iso_or_day_first() {
        let want = date(2026, 12, 1).at(14, 0, 0, 0);
        for typed in [
            "2026-12-01 14:00",
            "2026-12-01T14:00",
            "01/12/2026 14:00",
            " 1/12/2026  14:00 ",
        ] {
            assert_eq!(parse_event(typed), Ok(want), "{typed}");
        }
        for typed in ["2026-12-01", "2026-12-01 25:00", "2026-12-01 2pm"] {
            assert!(parse_event(typed).is_err(), "{typed}");
        }
    }
}
