//! Business time: how much of a calendar's open hours lies between two
//! instants, and when a limit in open hours falls due. Opening hours are
//! local clock times in the calendar's time zone, so a daylight-saving
//! change moves them in UTC; holidays are closed all day.

use jiff::Timestamp;
use jiff::civil::{Date, Weekday as CivilWeekday};

use crate::ir::Calendar;

/// The calendars of more than ten years are not searched for a due time.
const MAX_DAYS: i64 = 3_660;

/// The open intervals of one local date, as instants.
fn open_on(calendar: &Calendar, date: Date) -> Vec<(Timestamp, Timestamp)> {
    if calendar.holidays.iter().any(|holiday| holiday.date == date) {
        return Vec::new();
    }
    let day = match date.weekday() {
        CivilWeekday::Monday => 0,
        CivilWeekday::Tuesday => 1,
        CivilWeekday::Wednesday => 2,
        CivilWeekday::Thursday => 3,
        CivilWeekday::Friday => 4,
        CivilWeekday::Saturday => 5,
        CivilWeekday::Sunday => 6,
    };
    let instant = |hour: u8, minute: u8| -> Option<Timestamp> {
        let local = if hour == 24 {
            date.tomorrow().ok()?.at(0, 0, 0, 0)
        } else {
            date.at(hour as i8, minute as i8, 0, 0)
        };
        // A clock time skipped or repeated by a daylight-saving change is
        // read the usual way (jiff's "compatible" rule).
        calendar
            .timezone
            .to_ambiguous_timestamp(local)
            .compatible()
            .ok()
    };
    calendar.week[day]
        .iter()
        .filter_map(|range| {
            Some((
                instant(range.start.hour, range.start.minute)?,
                instant(range.end.hour, range.end.minute)?,
            ))
        })
        .filter(|(start, end)| start < end)
        .collect()
}

fn local_date(calendar: &Calendar, instant: Timestamp) -> Date {
    calendar.timezone.to_datetime(instant).date()
}

/// Seconds of open time between `from` and `to` (0 when `to` is earlier).
pub fn business_seconds(calendar: &Calendar, from: Timestamp, to: Timestamp) -> f64 {
    if to <= from {
        return 0.0;
    }
    let mut total = 0.0;
    let mut date = local_date(calendar, from);
    let last = local_date(calendar, to);
    let mut days = 0;
    while date <= last && days <= MAX_DAYS {
        for (open, close) in open_on(calendar, date) {
            let (start, end) = (open.max(from), close.min(to));
            if start < end {
                total += (end.as_nanosecond() - start.as_nanosecond()) as f64 / 1e9;
            }
        }
        match date.tomorrow() {
            Ok(next) => date = next,
            Err(_) => break,
        }
        days += 1;
    }
    total
}

/// The instant at which `limit` seconds of open time have passed since `from`.
pub fn business_due(calendar: &Calendar, from: Timestamp, limit: f64) -> Option<Timestamp> {
    let mut left = limit;
    let mut date = local_date(calendar, from);
    for _ in 0..=MAX_DAYS {
        for (open, close) in open_on(calendar, date) {
            let start = open.max(from);
            if start >= close {
                continue;
            }
            let available = (close.as_nanosecond() - start.as_nanosecond()) as f64 / 1e9;
            if available >= left {
                return Timestamp::from_nanosecond(start.as_nanosecond() + (left * 1e9) as i128)
                    .ok();
            }
            left -= available;
        }
        date = date.tomorrow().ok()?;
    }
    None
}

/// `N business days` after `from`: the same local clock time on the N-th
/// following day the calendar is open (a fraction of a day counts as a
/// share of that day's 24 hours).
pub fn business_days_due(calendar: &Calendar, from: Timestamp, days: f64) -> Option<Timestamp> {
    let local = calendar.timezone.to_datetime(from);
    let mut date = local.date();
    let mut left = days.floor() as i64;
    let mut tried = 0;
    while left > 0 && tried <= MAX_DAYS {
        date = date.tomorrow().ok()?;
        if !open_on(calendar, date).is_empty() {
            left -= 1;
        }
        tried += 1;
    }
    let due = calendar
        .timezone
        .to_ambiguous_timestamp(date.to_datetime(local.time()))
        .compatible()
        .ok()?;
    Timestamp::from_nanosecond(due.as_nanosecond() + (days.fract() * 86_400e9) as i128).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Holiday;
    use crate::syntax::ast::{ClockRange, ClockTime};

    /// Monday to Friday, `open` to `close` local time, in `zone`.
    fn office(zone: &str, open: u8, close: u8, holidays: &[Date]) -> Calendar {
        let range = ClockRange {
            start: ClockTime {
                hour: open,
                minute: 0,
            },
            end: ClockTime {
                hour: close,
                minute: 0,
            },
        };
        let mut week: [Vec<ClockRange>; 7] = Default::default();
        for day in week.iter_mut().take(5) {
            day.push(range);
        }
        Calendar {
            name: "office".into(),
            span: Default::default(),
            description: None,
            timezone: jiff::tz::TimeZone::get(zone).expect("zone"),
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

    fn at(text: &str) -> Timestamp {
        text.parse().expect("instant")
    }

    #[test]
    fn business_hours_skip_the_weekend() {
        // Friday 17:00 in Istanbul (UTC+3): one hour on Friday, three on Monday.
        let calendar = office("Europe/Istanbul", 9, 18, &[]);
        let due = business_due(&calendar, at("2026-04-17T14:00:00Z"), 4.0 * 3600.0);
        assert_eq!(due, Some(at("2026-04-20T09:00:00Z")));
        assert_eq!(
            business_seconds(
                &calendar,
                at("2026-04-17T14:00:00Z"),
                at("2026-04-20T09:00:00Z")
            ),
            4.0 * 3600.0
        );
    }

    #[test]
    fn business_hours_skip_holidays() {
        // Wednesday 16:00: two hours, Thursday 23 April is a holiday, two on Friday.
        let calendar = office("Europe/Istanbul", 9, 18, &[jiff::civil::date(2026, 4, 23)]);
        assert_eq!(
            business_due(&calendar, at("2026-04-22T13:00:00Z"), 4.0 * 3600.0),
            Some(at("2026-04-24T08:00:00Z"))
        );
    }

    #[test]
    fn opening_hours_follow_daylight_saving_time() {
        // Berlin moves to UTC+2 on Sunday 29 March 2026: Friday 16:00 CET is
        // 15:00Z; one hour Friday, one from 09:00 CEST (07:00Z) on Monday.
        let calendar = office("Europe/Berlin", 9, 17, &[]);
        let due = business_due(&calendar, at("2026-03-27T15:00:00Z"), 2.0 * 3600.0);
        assert_eq!(due, Some(at("2026-03-30T08:00:00Z")));
        assert_eq!(
            business_seconds(
                &calendar,
                at("2026-03-27T15:00:00Z"),
                at("2026-03-30T08:00:00Z")
            ),
            7200.0
        );
    }

    #[test]
    fn business_days_keep_the_clock_time() {
        // Friday 10:00 local plus one business day is Monday 10:00 local.
        let calendar = office("Europe/Istanbul", 9, 18, &[]);
        assert_eq!(
            business_days_due(&calendar, at("2026-04-17T07:00:00Z"), 1.0),
            Some(at("2026-04-20T07:00:00Z"))
        );
    }

    #[test]
    fn time_outside_opening_hours_does_not_count() {
        let calendar = office("Europe/Istanbul", 9, 18, &[]);
        // Saturday all day.
        assert_eq!(
            business_seconds(
                &calendar,
                at("2026-04-18T00:00:00Z"),
                at("2026-04-18T23:00:00Z")
            ),
            0.0
        );
        // An MQL at 20:00 on Monday is due four hours into Tuesday.
        assert_eq!(
            business_due(&calendar, at("2026-04-20T17:00:00Z"), 4.0 * 3600.0),
            Some(at("2026-04-21T10:00:00Z"))
        );
    }
}
