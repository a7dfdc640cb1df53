//! Business time: how much of a calendar's open hours lies between two
//! instants, and when a limit in open hours or business days falls due
//! (the rules are in docs/language.md, "SLAs"). Opening hours are local
//! clock times in the calendar's time zone, so a daylight-saving change
//! moves them in UTC; holidays are closed all day.
//!
//! All arithmetic is exact (jiff's nanosecond `Timestamp` and
//! `SignedDuration`): a floating-point second would put a due a nanosecond
//! off, and a reply exactly on time on the wrong side of it.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::ir::Calendar;

/// The calendars of more than ten years are not searched for a due time,
/// nor counted for elapsed time.
const MAX_DAYS: usize = 3_660;

/// An open interval, `[opens, closes)`.
type Interval = (Timestamp, Timestamp);

/// The open intervals of one local date, as instants, in order.
fn open_on(calendar: &Calendar, date: Date) -> Vec<Interval> {
    if calendar.holidays.iter().any(|holiday| holiday.date == date) {
        return Vec::new();
    }
    // `Calendar::week` is indexed Monday first, as jiff counts from Monday.
    let day = date.weekday().to_monday_zero_offset() as usize;
    let instant = |hour: u8, minute: u8| -> Option<Timestamp> {
        let local = if hour == 24 {
            date.tomorrow().ok()?.at(0, 0, 0, 0)
        } else {
            date.at(hour as i8, minute as i8, 0, 0)
        };
        // A clock time skipped or repeated by a daylight-saving change is
        // read the usual way (jiff's "compatible" rule): a skipped time as
        // that long after the change, a repeated one at its first pass.
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
        .filter(|(opens, closes)| opens < closes)
        .collect()
}

/// Whether the calendar opens at all on `date`.
fn is_open_day(calendar: &Calendar, date: Date) -> bool {
    !open_on(calendar, date).is_empty()
}

/// The open intervals that end after `from`, in order and not overlapping
/// (a range that opens inside a daylight-saving gap can reach back into the
/// one before it: the time they share counts once). Intervals may touch:
/// a day open until 24:00 and the next open from 00:00.
fn open_after(calendar: &Calendar, from: Timestamp) -> impl Iterator<Item = Interval> + '_ {
    let local = calendar.timezone.to_datetime(from).date();
    // The day before too: the dates of instants near a change at midnight
    // can be the previous local date.
    let first = local.yesterday().unwrap_or(local);
    let mut counted = from;
    std::iter::successors(Some(first), |date| date.tomorrow().ok())
        .take(MAX_DAYS)
        .flat_map(move |date| open_on(calendar, date))
        .filter_map(move |(opens, closes)| {
            let opens = opens.max(counted);
            (opens < closes).then(|| {
                counted = closes;
                (opens, closes)
            })
        })
}

/// When the SLA clock starts: at `from` if the calendar is open then, else
/// at the next opening (`None` if it never opens again).
pub fn clock_start(calendar: &Calendar, from: Timestamp) -> Option<Timestamp> {
    open_after(calendar, from).next().map(|(opens, _)| opens)
}

/// Open time between `from` and `to` (zero when `to` is earlier).
pub fn business_time(calendar: &Calendar, from: Timestamp, to: Timestamp) -> SignedDuration {
    open_after(calendar, from)
        .take_while(|(opens, _)| *opens < to)
        .fold(SignedDuration::ZERO, |total, (opens, closes)| {
            total.saturating_add(closes.min(to).duration_since(opens))
        })
}

/// `limit` of open time after `from`: the last instant at which no more
/// than `limit` of open time has passed. Inside an open interval that is
/// the instant the limit is used up; when it is used up exactly at a
/// closing time, no more open time passes until the next opening, so the
/// due is that opening (a reply while the office is closed is in time).
pub fn business_due(
    calendar: &Calendar,
    from: Timestamp,
    limit: SignedDuration,
) -> Option<Timestamp> {
    let mut left = limit;
    for (opens, closes) in open_after(calendar, from) {
        let open_for = closes.duration_since(opens);
        if left < open_for {
            return opens.checked_add(left).ok();
        }
        left = left.saturating_sub(open_for);
    }
    None
}

/// `days` business days after `from`: the clock starts at `from` or the
/// next opening; the due is the same local clock time on the `days`-th
/// following day the calendar opens, or the next opening after it when
/// the office is closed then.
pub fn business_days_due(calendar: &Calendar, from: Timestamp, days: u32) -> Option<Timestamp> {
    let start = calendar.timezone.to_datetime(clock_start(calendar, from)?);
    let mut open_days = std::iter::successors(Some(start.date()), |date| date.tomorrow().ok())
        .skip(1)
        .take(MAX_DAYS)
        .filter(|date| is_open_day(calendar, *date));
    let date = match usize::try_from(days).ok()?.checked_sub(1) {
        None => start.date(),
        Some(nth) => open_days.nth(nth)?,
    };
    let due = calendar
        .timezone
        .to_ambiguous_timestamp(date.to_datetime(start.time()))
        .compatible()
        .ok()?;
    clock_start(calendar, due)
}

/// A limit written in seconds (as the policy's numbers are read) as an
/// exact duration, to the nearest nanosecond.
pub fn exact(seconds: f64) -> Option<SignedDuration> {
    SignedDuration::try_from_secs_f64(seconds).ok()
}
