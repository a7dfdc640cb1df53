//! Business-time arithmetic against a plain minute-by-minute reference on
//! random intervals, in time zones with daylight-saving changes, with
//! weekends, split opening hours and holidays.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday};
use proptest::prelude::*;
use qualify::eval::calendar::{business_due, business_seconds};
use qualify::ir::{Calendar, Holiday};
use qualify::syntax::ast::{ClockRange, ClockTime};

/// Mon–Fri 09:00–12:00 and 13:00–17:30, Saturday 10:00–14:00; two holidays.
fn calendar(zone: &str) -> Calendar {
    let range = |h1, m1, h2, m2| ClockRange {
        start: ClockTime {
            hour: h1,
            minute: m1,
        },
        end: ClockTime {
            hour: h2,
            minute: m2,
        },
    };
    let mut week: [Vec<ClockRange>; 7] = Default::default();
    for day in week.iter_mut().take(5) {
        *day = vec![range(9, 0, 12, 0), range(13, 0, 17, 30)];
    }
    week[5] = vec![range(10, 0, 14, 0)];
    Calendar {
        name: "office".into(),
        span: Default::default(),
        description: None,
        timezone: jiff::tz::TimeZone::get(zone).expect("zone"),
        timezone_name: zone.into(),
        week,
        holidays: [
            jiff::civil::date(2026, 3, 30),
            jiff::civil::date(2026, 11, 3),
        ]
        .into_iter()
        .map(|date| Holiday {
            date,
            description: None,
        })
        .collect(),
    }
}

/// Whether the minute starting at `instant` is open, read off the local clock.
fn open_minute(calendar: &Calendar, instant: Timestamp) -> bool {
    let local = calendar.timezone.to_datetime(instant);
    let date: Date = local.date();
    if calendar.holidays.iter().any(|holiday| holiday.date == date) {
        return false;
    }
    let day = match date.weekday() {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    };
    let minute = i32::from(local.hour()) * 60 + i32::from(local.minute());
    calendar.week[day].iter().any(|range| {
        let start = i32::from(range.start.hour) * 60 + i32::from(range.start.minute);
        let end = i32::from(range.end.hour) * 60 + i32::from(range.end.minute);
        (start..end).contains(&minute)
    })
}

const FIRST: &str = "2026-03-01T00:00:00Z";
const DAYS: i64 = 254;

/// Instants on whole minutes, from 2026-03-01 for 254 days, so the European
/// and the American spring and autumn changes fall inside.
fn minute_in_2026() -> impl Strategy<Value = Timestamp> {
    let start = FIRST.parse::<Timestamp>().expect("start").as_second();
    (0i64..(DAYS * 24 * 60))
        .prop_map(move |minutes| Timestamp::from_second(start + minutes * 60).expect("instant"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    #[test]
    fn elapsed_business_time_matches_counting_minutes(
        zone in prop::sample::select(vec!["Europe/Berlin", "America/New_York"]),
        from in minute_in_2026(),
        minutes in 0i64..(9 * 24 * 60),
    ) {
        let calendar = calendar(zone);
        let to = Timestamp::from_second(from.as_second() + minutes * 60).expect("to");
        let reference = (0..minutes)
            .filter(|m| open_minute(&calendar, Timestamp::from_second(from.as_second() + m * 60).expect("minute")))
            .count() as f64 * 60.0;
        prop_assert_eq!(business_seconds(&calendar, from, to), reference);
    }

    #[test]
    fn the_due_instant_matches_counting_minutes(
        zone in prop::sample::select(vec!["Europe/Berlin", "America/New_York"]),
        from in minute_in_2026(),
        limit_minutes in 1i64..(3 * 8 * 60),
    ) {
        let calendar = calendar(zone);
        // The reference: the end of the minute in which the limit is used up.
        let mut used = 0;
        let mut at = from.as_second();
        while used < limit_minutes {
            if open_minute(&calendar, Timestamp::from_second(at).expect("minute")) {
                used += 1;
            }
            at += 60;
        }
        let due = business_due(&calendar, from, limit_minutes as f64 * 60.0).expect("due");
        prop_assert_eq!(due.as_second(), at);
    }
}

#[test]
fn daylight_saving_changes_are_inside_the_sampled_range() {
    let first = FIRST.parse::<Timestamp>().expect("first").as_second();
    let last = first + DAYS * 86_400;
    for (zone, changes) in [
        (
            "Europe/Berlin",
            ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z"],
        ),
        (
            "America/New_York",
            ["2026-03-08T07:00:00Z", "2026-11-01T06:00:00Z"],
        ),
    ] {
        let tz = jiff::tz::TimeZone::get(zone).expect("zone");
        for change in changes {
            let at = change.parse::<Timestamp>().expect("change").as_second();
            assert!(
                (first..last).contains(&at),
                "{zone} {change} lies in the sampled range"
            );
            let offset =
                |second: i64| tz.to_offset(Timestamp::from_second(second).expect("instant"));
            assert_ne!(
                offset(at - 3600),
                offset(at + 3600),
                "{zone} changes clocks at {change}"
            );
        }
    }
}
