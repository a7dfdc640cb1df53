//! Business-time arithmetic against a plain minute-by-minute reference on
//! random intervals, in time zones with daylight-saving changes, with
//! weekends, split opening hours and holidays; and `qualify eval` against
//! a simple reference on thousands of generated SLA cases (differential.rs).

use jiff::civil::{Date, Weekday};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use qualify::eval::calendar::{business_days_due, business_due, business_time};
use qualify::ir::{Calendar, Holiday};
use qualify::syntax::ast::{ClockRange, ClockTime};

mod common;
#[path = "business_time/differential.rs"]
mod differential;
#[path = "business_time/reference.rs"]
mod reference;

/// A calendar in `zone` open Monday to Friday in `weekday` ranges and on
/// Saturday in `saturday` ranges (hour, minute, hour, minute).
fn calendar_with(
    zone: &str,
    weekday: &[(u8, u8, u8, u8)],
    saturday: &[(u8, u8, u8, u8)],
    holidays: &[Date],
) -> Calendar {
    let ranges = |spans: &[(u8, u8, u8, u8)]| -> Vec<ClockRange> {
        spans
            .iter()
            .map(|&(h1, m1, h2, m2)| ClockRange {
                start: ClockTime {
                    hour: h1,
                    minute: m1,
                },
                end: ClockTime {
                    hour: h2,
                    minute: m2,
                },
            })
            .collect()
    };
    let mut week: [Vec<ClockRange>; 7] = Default::default();
    for day in week.iter_mut().take(5) {
        *day = ranges(weekday);
    }
    week[5] = ranges(saturday);
    Calendar {
        name: "office".into(),
        span: Default::default(),
        description: None,
        timezone: qualify::timezones::database().get(zone).expect("zone"),
        timezone_name: zone.into(),
        week,
        holidays: holidays
            .iter()
            .map(|date| Holiday {
                date: *date,
                description: None,
            })
            .collect(),
    }
}

/// Mon–Fri 09:00–12:00 and 13:00–17:30, Saturday 10:00–14:00; two holidays.
fn calendar(zone: &str) -> Calendar {
    let holidays = [
        jiff::civil::date(2026, 3, 30),
        jiff::civil::date(2026, 11, 3),
    ];
    calendar_with(
        zone,
        &[(9, 0, 12, 0), (13, 0, 17, 30)],
        &[(10, 0, 14, 0)],
        &holidays,
    )
}

/// Monday to Friday, `open` to `close` local time, in `zone`.
fn office(zone: &str, open: u8, close: u8, holidays: &[Date]) -> Calendar {
    calendar_with(zone, &[(open, 0, close, 0)], &[], holidays)
}

fn at(text: &str) -> Timestamp {
    text.parse().expect("instant")
}

fn hours(hours: i64) -> SignedDuration {
    SignedDuration::from_hours(hours)
}

// Hand-computed cases.

#[test]
fn business_hours_skip_the_weekend() {
    // Friday 17:00 in Istanbul (UTC+3): one hour on Friday, three on Monday.
    let calendar = office("Europe/Istanbul", 9, 18, &[]);
    let due = business_due(&calendar, at("2026-04-17T14:00:00Z"), hours(4));
    assert_eq!(due, Some(at("2026-04-20T09:00:00Z")));
    assert_eq!(
        business_time(
            &calendar,
            at("2026-04-17T14:00:00Z"),
            at("2026-04-20T09:00:00Z")
        ),
        hours(4)
    );
}

#[test]
fn business_hours_skip_holidays() {
    // Wednesday 16:00: two hours, Thursday 23 April is a holiday, two on Friday.
    let calendar = office("Europe/Istanbul", 9, 18, &[jiff::civil::date(2026, 4, 23)]);
    assert_eq!(
        business_due(&calendar, at("2026-04-22T13:00:00Z"), hours(4)),
        Some(at("2026-04-24T08:00:00Z"))
    );
}

#[test]
fn opening_hours_follow_daylight_saving_time() {
    // Berlin moves to UTC+2 on Sunday 29 March 2026: Friday 16:00 CET is
    // 15:00Z; one hour Friday, one from 09:00 CEST (07:00Z) on Monday.
    let calendar = office("Europe/Berlin", 9, 17, &[]);
    let due = business_due(&calendar, at("2026-03-27T15:00:00Z"), hours(2));
    assert_eq!(due, Some(at("2026-03-30T08:00:00Z")));
    assert_eq!(
        business_time(
            &calendar,
            at("2026-03-27T15:00:00Z"),
            at("2026-03-30T08:00:00Z")
        ),
        hours(2)
    );
}

#[test]
fn business_days_keep_the_clock_time() {
    // Friday 10:00 local plus one business day is Monday 10:00 local.
    let calendar = office("Europe/Istanbul", 9, 18, &[]);
    assert_eq!(
        business_days_due(&calendar, at("2026-04-17T07:00:00Z"), 1),
        Some(at("2026-04-20T07:00:00Z"))
    );
}

#[test]
fn time_outside_opening_hours_does_not_count() {
    let calendar = office("Europe/Istanbul", 9, 18, &[]);
    // Saturday all day.
    assert_eq!(
        business_time(
            &calendar,
            at("2026-04-18T00:00:00Z"),
            at("2026-04-18T23:00:00Z")
        ),
        SignedDuration::ZERO
    );
    // An MQL at 20:00 on Monday is due four hours into Tuesday.
    assert_eq!(
        business_due(&calendar, at("2026-04-20T17:00:00Z"), hours(4)),
        Some(at("2026-04-21T10:00:00Z"))
    );
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
            .count() as i64;
        prop_assert_eq!(business_time(&calendar, from, to), SignedDuration::from_mins(reference));
    }

    #[test]
    fn the_due_instant_matches_counting_minutes(
        zone in prop::sample::select(vec!["Europe/Berlin", "America/New_York"]),
        from in minute_in_2026(),
        limit_minutes in 1i64..(3 * 8 * 60),
    ) {
        let calendar = calendar(zone);
        // The reference: the end of the minute in which the limit is used
        // up, or the next opening when that minute was the last before a
        // closing (no open time passes in between).
        let open = |second: i64| open_minute(&calendar, Timestamp::from_second(second).expect("minute"));
        let mut used = 0;
        let mut at = from.as_second();
        while used < limit_minutes {
            if open(at) {
                used += 1;
            }
            at += 60;
        }
        while !open(at) {
            at += 60;
        }
        let due = business_due(&calendar, from, SignedDuration::from_mins(limit_minutes)).expect("due");
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
        let tz = qualify::timezones::database().get(zone).expect("zone");
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
