//! Properties of the calculators: G15's reading depends on the ratio of the two hCG values
//! only (scaling both changes nothing), and the anti-D deadline is always after the event,
//! exactly 72 real hours on, in any zone and across any clock change.

use jiff::civil::date;
use jiff::tz::TimeZone;
use obddx::calc::anti_d::anti_d;
use obddx::calc::hcg::{Milli, hcg};
use proptest::prelude::*;

proptest! {
    #[test]
    fn the_hcg_reading_is_invariant_under_scaling_both_values(
        first in 1u64..2_000_000,
        second in 0u64..4_000_000,
        scale in 1u64..1000,
    ) {
        let at = |f: u64, s: u64| hcg(Milli(f), Milli(s), Milli::units(48)).unwrap();
        let plain = at(first, second);
        let scaled = at(first * scale, second * scale);
        prop_assert_eq!(plain.reading, scaled.reading);
        prop_assert_eq!(plain.change_percent, scaled.change_percent);
    }

    #[test]
    fn the_anti_d_deadline_is_always_after_the_event(
        day in 0i32..3650,
        minute in 0i32..(24 * 60),
        later in 0i64..(20 * 24 * 60),
        zone in prop::sample::select(vec![
            "UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
        ]),
    ) {
        let tz = TimeZone::get(zone).unwrap();
        let event = date(2020, 1, 1)
            .checked_add(jiff::Span::new().days(day))
            .unwrap()
            .at((minute / 60) as i8, (minute % 60) as i8, 0, 0);
        // A wall-clock time skipped by a clock change is moved on by jiff (compatible).
        let event_zoned = event.to_zoned_datetime(tz.clone()).unwrap();
        let now = event_zoned
            .checked_add(jiff::Span::new().minutes(later))
            .unwrap();
        let r = anti_d(event, &tz, &now, None).unwrap();
        prop_assert!(r.deadline_72_hours.timestamp() > r.event.timestamp());
        prop_assert!(r.outer_limit_10_days.timestamp() > r.deadline_72_hours.timestamp());
        let hours = r.deadline_72_hours.timestamp().as_second() - r.event.timestamp().as_second();
        prop_assert_eq!(hours, 72 * 3600);
        prop_assert_eq!(r.minutes_to_deadline, 72 * 60 - later);
    }
}
