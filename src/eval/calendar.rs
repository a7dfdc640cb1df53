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
