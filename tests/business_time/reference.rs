//! A deliberately simple reference for business time, written from
//! docs/language.md ("SLAs"), sharing no code with qualify: every open
//! interval of a span of dates is listed up front, overlapping or touching
//! intervals are joined, and each question is answered by walking the
//! whole list. Instants are i128 nanoseconds since 1970.

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// An opening time range: (hour, minute, hour, minute).
pub type Range = (u8, u8, u8, u8);

/// A calendar as its policy text writes it.
pub struct Office {
    pub name: &'static str,
    pub zone: &'static str,
    /// `(days, ranges)` as on one `hours` line, days Monday = 0.
    pub hours: Vec<(Vec<usize>, Vec<Range>)>,
    pub holidays: Vec<Date>,
}

pub fn nanos(at: Timestamp) -> i128 {
    at.as_nanosecond()
}

pub fn instant(nanos: i128) -> Timestamp {
    Timestamp::from_nanosecond(nanos).expect("instant in range")
}

pub struct Reference<'o> {
    office: &'o Office,
    zone: TimeZone,
    /// Open intervals `[opens, closes)`, sorted, apart from each other.
    open: Vec<(i128, i128)>,
}

fn weekday(date: Date) -> usize {
    match date.weekday() {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

impl<'o> Reference<'o> {
    /// Every open interval from `first` to `last` (local dates).
    pub fn new(office: &'o Office, first: Date, last: Date) -> Reference<'o> {
        let zone = qualify::timezones::database()
            .get(office.zone)
            .expect("zone");
        // The documented reading of a local clock time: jiff's compatible
        // rule (a skipped time as that long after the change, a repeated
        // one at its first pass), which `to_zoned` applies.
        let at = |date: Date, hour: u8, minute: u8| -> i128 {
            let (date, hour) = if hour == 24 {
                (date.tomorrow().expect("date"), 0)
            } else {
                (date, hour)
            };
            let zoned = date
                .at(hour as i8, minute as i8, 0, 0)
                .to_zoned_datetime(zone.clone())
                .expect("local time");
            nanos(zoned.timestamp())
        };
        let mut all = Vec::new();
        let mut date = first;
        while date <= last {
            if !office.holidays.contains(&date) {
                for (days, ranges) in &office.hours {
                    if days.contains(&weekday(date)) {
                        for &(h1, m1, h2, m2) in ranges {
                            all.push((at(date, h1, m1), at(date, h2, m2)));
                        }
                    }
                }
            }
            date = date.tomorrow().expect("date");
        }
        all.retain(|(opens, closes)| opens < closes);
        all.sort();
        let mut open: Vec<(i128, i128)> = Vec::new();
        for (opens, closes) in all {
            match open.last_mut() {
                Some(last) if opens <= last.1 => last.1 = last.1.max(closes),
                _ => open.push((opens, closes)),
            }
        }
        Reference { office, zone, open }
    }

    pub fn intervals(&self) -> &[(i128, i128)] {
        &self.open
    }

    pub fn is_open(&self, at: i128) -> bool {
        self.open
            .iter()
            .any(|&(opens, closes)| opens <= at && at < closes)
    }

    /// `at` if the office is open then, else the next opening.
    pub fn clock_start(&self, at: i128) -> i128 {
        self.open
            .iter()
            .find(|&&(_, closes)| closes > at)
            .map(|&(opens, _)| opens.max(at))
            .expect("an opening after the start")
    }

    /// Open time between `from` and `to`.
    pub fn office_time(&self, from: i128, to: i128) -> i128 {
        self.open
            .iter()
            .map(|&(opens, closes)| (closes.min(to) - opens.max(from)).max(0))
            .sum()
    }

    /// `limit` of open time from `from`: the last instant at which no
    /// more than `limit` has passed.
    pub fn due_after(&self, from: i128, limit: i128) -> i128 {
        let mut left = limit;
        for &(opens, closes) in &self.open {
            if closes <= from {
                continue;
            }
            let opens = opens.max(from);
            if left < closes - opens {
                return opens + left;
            }
            left -= closes - opens;
        }
        panic!("the reference's dates end before the due")
    }

    /// `days` business days: the clock's start, the same local time on the
    /// `days`-th following open day, or the next opening after that.
    pub fn due_in_days(&self, from: i128, days: u32) -> i128 {
        let start = instant(self.clock_start(from)).to_zoned_datetime(self.zone.clone());
        let mut date = start.date();
        let mut left = days;
        while left > 0 {
            date = date.tomorrow().expect("date");
            let opens = !self.office.holidays.contains(&date)
                && self
                    .office
                    .hours
                    .iter()
                    .any(|(days, _)| days.contains(&weekday(date)));
            if opens {
                left -= 1;
            }
        }
        let same_time = date
            .to_datetime(start.time())
            .to_zoned_datetime(self.zone.clone())
            .expect("local time");
        self.clock_start(nanos(same_time.timestamp()))
    }

    /// A local date and time in the office's zone.
    pub fn local(&self, date: Date, hour: i8, minute: i8) -> i128 {
        nanos(
            date.at(hour, minute, 0, 0)
                .to_zoned_datetime(self.zone.clone())
                .expect("local time")
                .timestamp(),
        )
    }

    /// The instants where the zone's offset changes between two dates.
    pub fn changes(&self, first: Date, last: Date) -> Vec<i128> {
        let mut changes = Vec::new();
        let mut at = first.to_zoned_datetime(self.zone.clone()).expect("first");
        let end = last.to_zoned_datetime(self.zone.clone()).expect("last");
        while at < end {
            let next = at.checked_add(1.hour()).expect("hour");
            if next.offset() != at.offset() {
                changes.push(nanos(next.timestamp()));
            }
            at = next;
        }
        changes
    }
}
