//! The one reader of dates and instants: a policy's `2026-03-02` and
//! `2026-03-02T09:00:00Z`, a lead's date and time values, and `--as-of`
//! all go through it, so they accept the same forms and refuse the same
//! mistakes. The forms are written out in docs/language.md ("Dates and
//! times").
//!
//! It reads bytes without allocating, since a large export holds millions
//! of times; each source says which [`Layout`] it takes.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

/// How the date and the time of day are set apart in an instant. A later
/// source with a layout of its own (a CRM export's `08/03/2026`, say) is a
/// new variant here, so every way of reading a time stays in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// RFC 3339 as a policy writes it: `T` (or `t`) between date and time.
    /// A space cannot work there: it separates a policy's words.
    Policy,
    /// As data and the command line give it: RFC 3339, or a space instead
    /// of the `T`, as databases and spreadsheets export times.
    Data,
}

/// An exact moment and the offset it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instant {
    pub timestamp: Timestamp,
    pub offset: Offset,
}

/// Why a text is not a date or an instant; written as a sentence for a
/// diagnostic's label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not `YYYY-MM-DD…` with the separators and digits where they go.
    Shape,
    Year,
    Month(i32),
    /// The month has fewer days.
    Day {
        year: i32,
        month: i32,
    },
    Separator,
    Hour(i32),
    MinuteOrSecond,
    /// More digits after the point than nanoseconds hold.
    Fraction,
    Zone,
    OffsetShape,
    OffsetRange,
    /// In UTC the moment lies past what a timestamp holds (the last day
    /// of year 9999).
    Range,
    /// A date without a time of day, where a time is expected.
    DateOnly,
    /// Three numbers with the year last (`08/03/2026`): day and month could
    /// be either way round.
    Unordered,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Shape => write!(
                f,
                "write a date as YYYY-MM-DD and a time as YYYY-MM-DDTHH:MM:SS with a zone"
            ),
            Refusal::Year => write!(f, "the year must be from 0001 to 9999"),
            Refusal::Month(month) => {
                write!(f, "there is no month {month:02}; months run from 01 to 12")
            }
            Refusal::Day { year, month } => match Date::new(*year as i16, *month as i8, 1) {
                Ok(first) => write!(
                    f,
                    "{} has days 01 to {}",
                    first.strftime("%B %Y"),
                    first.days_in_month()
                ),
                Err(_) => write!(f, "there is no such day"),
            },
            Refusal::Separator => write!(f, "a time needs a `T` between date and time"),
            Refusal::Hour(hour) => write!(f, "there is no hour {hour}; hours run from 00 to 23"),
            Refusal::MinuteOrSecond => write!(f, "minutes and seconds run from 00 to 59"),
            Refusal::Fraction => write!(f, "a fraction of a second has at most 9 digits"),
            Refusal::Zone => write!(
                f,
                "a time needs a zone: `Z` for UTC or an offset such as `+03:00`"
            ),
            Refusal::OffsetShape => write!(f, "the offset must be written ±HH:MM"),
            Refusal::OffsetRange => write!(f, "the offset must lie between -23:59 and +23:59"),
            Refusal::Range => write!(f, "the moment lies past the end of year 9999"),
            Refusal::DateOnly => write!(
                f,
                "a time needs a time of day; declare the field a `date`, or declare its \
                 format (`format = \"%Y-%m-%d\"`) to read it as midnight"
            ),
            Refusal::Unordered => write!(
                f,
                "qualify does not guess whether the day or the month comes first; declare \
                 the column's format in qualify.toml, such as `format = \"%d/%m/%Y %H:%M\"`"
            ),
        }
    }
}

/// `YYYY-MM-DD`, a day on the calendar from year 0001 to 9999.
pub fn date(text: &[u8]) -> Result<Date, Refusal> {
    let (year, month, day) = calendar_day(text.try_into().map_err(|_| Refusal::Shape)?)?;
    Date::new(year as i16, month as i8, day as i8).map_err(|_| Refusal::Day { year, month })
}

/// `YYYY-MM-DD` as numbers checked against the calendar (without building
/// a date, which reading a time does not need).
fn calendar_day(bytes: [u8; 10]) -> Result<(i32, i32, i32), Refusal> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = bytes else {
        return Err(Refusal::Shape);
    };
    let year = digits([y0, y1, y2, y3])?;
    let (month, day) = (digits([m0, m1])?, digits([d0, d1])?);
    if year < 1 {
        return Err(Refusal::Year);
    }
    if !(1..=12).contains(&month) {
        return Err(Refusal::Month(month));
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err(Refusal::Day { year, month });
    }
    Ok((year, month, day))
}

/// `YYYY-MM-DD`, the separator `layout` allows, `HH:MM`, optionally `:SS`
/// and a fraction of up to 9 digits, then `Z` or an offset `±HH:MM`.
pub fn instant(text: &[u8], layout: Layout) -> Result<Instant, Refusal> {
    let (clock, rest) = clock(text, layout)?;
    clock.at(offset(rest)?)
}

/// A time as a CRM export writes it: with a zone, as [`instant`] reads
/// it in `Layout::Data`, or without one (`2026-03-08 09:00`), which only
/// the export's settings can place on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Exact(Instant),
    Local(jiff::civil::DateTime),
}

/// Reads a CRM export's time (see [`Written`]). A date alone, or one
/// written day and month first or month and day first (`08/03/2026`,
/// `01-02-2018`), is refused with its own reason: which one is meant
/// cannot be told from the text, so only a declared format reads it.
pub fn export_time(text: &[u8]) -> Result<Written, Refusal> {
    match clock(text, Layout::Data) {
        Ok((clock, [])) => clock.civil().map(Written::Local),
        Ok((clock, rest)) => clock.at(offset(rest)?).map(Written::Exact),
        Err(_) if text.len() == 10 && date(text).is_ok() => Err(Refusal::DateOnly),
        Err(_) if numeric_date_first(text) => Err(Refusal::Unordered),
        Err(refusal) => Err(refusal),
    }
}

/// Whether `text` starts with a date of three numbers, the year last,
/// set apart by `/`, `-` or `.` (`8/3/2026`, `01-02-2018`, `08.03.2026`).
fn numeric_date_first(text: &[u8]) -> bool {
    let end = text.iter().position(|b| *b == b' ').unwrap_or(text.len());
    let date = text.get(..end).unwrap_or_default();
    let Some(&separator) = date.iter().find(|b| !b.is_ascii_digit()) else {
        return false;
    };
    let parts: Vec<&[u8]> = date.split(|b| *b == separator).collect();
    matches!(separator, b'/' | b'-' | b'.')
        && matches!(parts.as_slice(), [day, month, year]
            if (1..=2).contains(&day.len()) && (1..=2).contains(&month.len())
                && matches!(year.len(), 2 | 4)
                && [day, month, year].iter().all(|part| part.iter().all(u8::is_ascii_digit)))
}

/// A date and time of day as written, before its zone is known.
struct Clock {
    year: i32,
    month: i32,
    day: i32,
    hour: i32,
    minute: i32,
    second: i32,
    nanos: i32,
}

impl Clock {
    /// The moment this clock reading shows at `offset`.
    fn at(&self, offset: Offset) -> Result<Instant, Refusal> {
        let seconds = days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour * 3600 + self.minute * 60 + self.second - offset.seconds());
        let timestamp = Timestamp::new(seconds, self.nanos).map_err(|_| Refusal::Range)?;
        Ok(Instant { timestamp, offset })
    }

    fn civil(&self) -> Result<jiff::civil::DateTime, Refusal> {
        jiff::civil::DateTime::new(
            self.year as i16,
            self.month as i8,
            self.day as i8,
            self.hour as i8,
            self.minute as i8,
            self.second as i8,
            self.nanos,
        )
        .map_err(|_| Refusal::Range)
    }
}

/// `YYYY-MM-DD`, the separator `layout` allows, `HH:MM`, optionally `:SS`
/// and a fraction of up to 9 digits; and what follows (the zone).
#[inline(always)]
fn clock(text: &[u8], layout: Layout) -> Result<(Clock, &[u8]), Refusal> {
    let (day, rest) = text.split_first_chunk::<10>().ok_or(Refusal::Shape)?;
    let (year, month, day) = calendar_day(*day)?;
    let (separator, rest) = rest.split_first().ok_or(Refusal::Separator)?;
    match (separator, layout) {
        (b'T' | b't', _) | (b' ', Layout::Data) => {}
        _ => return Err(Refusal::Separator),
    }
    let (&[h0, h1, b':', n0, n1], mut rest) =
        rest.split_first_chunk::<5>().ok_or(Refusal::Shape)?
    else {
        return Err(Refusal::Shape);
    };
    let (hour, minute) = (digits([h0, h1])?, digits([n0, n1])?);
    if hour > 23 {
        return Err(Refusal::Hour(hour));
    }
    let (mut second, mut nanos) = (0, 0);
    if let [b':', s0, s1, after @ ..] = rest {
        second = digits([*s0, *s1])?;
        rest = after;
        if let [b'.', after @ ..] = rest {
            let length = after.iter().take_while(|c| c.is_ascii_digit()).count();
            let (fraction, after) = after.split_at(length);
            if fraction.is_empty() {
                return Err(Refusal::Shape);
            }
            if fraction.len() > 9 {
                return Err(Refusal::Fraction);
            }
            let scaled = fraction
                .iter()
                .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
            nanos = scaled * 10i32.pow(9 - fraction.len() as u32);
            rest = after;
        }
    }
    if minute > 59 || second > 59 {
        return Err(Refusal::MinuteOrSecond);
    }
    let clock = Clock {
        year,
        month,
        day,
        hour,
        minute,
        second,
        nanos,
    };
    Ok((clock, rest))
}

/// `Z` (or `z`), or `±HH:MM`: the whole of what follows the time of day.
fn offset(text: &[u8]) -> Result<Offset, Refusal> {
    let (sign, hours, minutes) = match text {
        [b'Z' | b'z'] => return Ok(Offset::UTC),
        [] => return Err(Refusal::Zone),
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => (
            sign,
            digits([*h0, *h1]).map_err(|_| Refusal::OffsetShape)?,
            digits([*m0, *m1]).map_err(|_| Refusal::OffsetShape)?,
        ),
        [b'+' | b'-', ..] => return Err(Refusal::OffsetShape),
        _ => return Err(Refusal::Zone),
    };
    if hours > 23 || minutes > 59 {
        return Err(Refusal::OffsetRange);
    }
    let seconds = hours * 3600 + minutes * 60;
    Offset::from_seconds(if *sign == b'-' { -seconds } else { seconds })
        .map_err(|_| Refusal::OffsetRange)
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// `days_from_civil`), so reading a time needs no calendar library.
fn days_from_civil(year: i32, month: i32, day: i32) -> i64 {
    let year = i64::from(if month <= 2 { year - 1 } else { year });
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A few digits (part of a date or time), a fixed number of them: the
/// loop unrolls and needs no bounds checks.
fn digits<const N: usize>(bytes: [u8; N]) -> Result<i32, Refusal> {
    bytes.iter().try_fold(0i32, |n, b| {
        let digit = b.wrapping_sub(b'0');
        if digit <= 9 {
            Ok(n * 10 + i32::from(digit))
        } else {
            Err(Refusal::Shape)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> Timestamp {
        text.parse().expect("a valid reference time")
    }

    #[test]
    fn dates_are_days_on_the_calendar() {
        assert_eq!(date(b"2024-02-29"), Ok(jiff::civil::date(2024, 2, 29)));
        assert_eq!(date(b"9999-12-31"), Ok(jiff::civil::date(9999, 12, 31)));
        let cases: [(&str, Refusal); 8] = [
            ("0000-01-01", Refusal::Year),
            ("2026-13-01", Refusal::Month(13)),
            ("2026-00-01", Refusal::Month(0)),
            (
                "2026-02-29",
                Refusal::Day {
                    year: 2026,
                    month: 2,
                },
            ),
            (
                "2026-04-00",
                Refusal::Day {
                    year: 2026,
                    month: 4,
                },
            ),
            ("2026-4-01", Refusal::Shape),
            ("2026/04/01", Refusal::Shape),
            ("2026-04-01 ", Refusal::Shape),
        ];
        for (text, refusal) in cases {
            assert_eq!(date(text.as_bytes()), Err(refusal), "{text}");
        }
        assert_eq!(
            Refusal::Day {
                year: 2026,
                month: 2
            }
            .to_string(),
            "February 2026 has days 01 to 28"
        );
    }

    // The table of docs/language.md ("Dates and times"): what each layout
    // takes and refuses, and why.
    #[test]
    fn instants_read_the_forms_the_language_promises() {
        let nine = utc("2026-03-02T09:00:00Z");
        let accepted: [(&str, Layout, Timestamp, i32); 9] = [
            ("2026-03-02T09:00:00Z", Layout::Policy, nine, 0),
            ("2026-03-02t09:00:00z", Layout::Policy, nine, 0),
            ("2026-03-02T09:00Z", Layout::Policy, nine, 0),
            ("2026-03-02T12:00:00+03:00", Layout::Policy, nine, 3 * 3600),
            ("2026-03-02T04:00:00-05:00", Layout::Policy, nine, -5 * 3600),
            ("2026-03-02T09:00:00-00:00", Layout::Policy, nine, 0),
            (
                "2026-03-02T09:00:00.25Z",
                Layout::Policy,
                utc("2026-03-02T09:00:00.25Z"),
                0,
            ),
            (
                "2026-03-02T09:00:00.123456789Z",
                Layout::Data,
                utc("2026-03-02T09:00:00.123456789Z"),
                0,
            ),
            ("2026-03-02 09:00:00Z", Layout::Data, nine, 0),
        ];
        for (text, layout, timestamp, offset) in accepted {
            let read = instant(text.as_bytes(), layout).map(|i| (i.timestamp, i.offset.seconds()));
            assert_eq!(read, Ok((timestamp, offset)), "{text}");
        }
        let refused: [(&str, Layout, Refusal); 16] = [
            ("2026-03-02 09:00:00Z", Layout::Policy, Refusal::Separator),
            ("2026-03-02_09:00:00Z", Layout::Data, Refusal::Separator),
            ("2026-03-02", Layout::Data, Refusal::Separator),
            ("2026-03-02T09:00:00", Layout::Policy, Refusal::Zone),
            ("2026-03-02T09:00:00 Z", Layout::Data, Refusal::Zone),
            ("2026-03-02T24:00:00Z", Layout::Policy, Refusal::Hour(24)),
            ("2026-03-02T09:60Z", Layout::Policy, Refusal::MinuteOrSecond),
            (
                "2026-03-02T09:00:60Z",
                Layout::Data,
                Refusal::MinuteOrSecond,
            ),
            ("2026-03-02T09:00:00.Z", Layout::Data, Refusal::Shape),
            (
                "2026-03-02T09:00:00.1234567891Z",
                Layout::Data,
                Refusal::Fraction,
            ),
            (
                "2026-03-02T09:00:00+0300",
                Layout::Policy,
                Refusal::OffsetShape,
            ),
            (
                "2026-03-02T09:00:00+24:00",
                Layout::Policy,
                Refusal::OffsetRange,
            ),
            ("2026-03-02T9:00Z", Layout::Data, Refusal::Shape),
            (
                "2026-02-30T09:00:00Z",
                Layout::Data,
                Refusal::Day {
                    year: 2026,
                    month: 2,
                },
            ),
            ("0000-01-01T00:00:00Z", Layout::Data, Refusal::Year),
            ("yesterday", Layout::Data, Refusal::Shape),
        ];
        for (text, layout, refusal) in refused {
            assert_eq!(instant(text.as_bytes(), layout), Err(refusal), "{text}");
        }
    }

    // CRM exports' forms: zone-less times are read as the clock shows
    // them, dates alone and day/month orders are refused with a reason.
    #[test]
    fn export_times_keep_what_the_text_says() {
        let clock = |text: &str| text.parse::<jiff::civil::DateTime>().expect("civil");
        for (text, shown) in [
            ("2026-03-08 09:00", "2026-03-08T09:00"),
            ("2018-02-01 00:00:00", "2018-02-01T00:00"),
            ("2026-03-08T09:00:30.5", "2026-03-08T09:00:30.5"),
        ] {
            assert_eq!(
                export_time(text.as_bytes()),
                Ok(Written::Local(clock(shown))),
                "{text}"
            );
        }
        assert_eq!(
            export_time(b"2026-03-08 09:00Z").map(|written| matches!(written, Written::Exact(_))),
            Ok(true)
        );
        for (text, refusal) in [
            ("2026-03-08", Refusal::DateOnly),
            ("08/03/2026 09:00", Refusal::Unordered),
            ("01-02-2018", Refusal::Unordered),
            ("8.3.26", Refusal::Unordered),
            ("2026/03/08", Refusal::Shape),
            ("08/03", Refusal::Shape),
        ] {
            assert_eq!(export_time(text.as_bytes()), Err(refusal), "{text}");
        }
    }

    #[test]
    fn days_match_the_calendar() {
        let epoch = jiff::civil::date(1970, 1, 1);
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2026, 3, 2),
            (1969, 12, 31),
            (2100, 3, 1),
            (1600, 1, 1),
        ] {
            let expected = i64::from(
                jiff::civil::date(y as i16, m as i8, d as i8)
                    .since(epoch)
                    .expect("span")
                    .get_days(),
            );
            assert_eq!(days_from_civil(y, m, d), expected, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn the_extremes_of_the_calendar_read() {
        for text in [
            "0001-01-01T00:00:00-23:59",
            "9999-12-30T22:00:00.999999999Z",
        ] {
            assert!(instant(text.as_bytes(), Layout::Policy).is_ok(), "{text}");
        }
        assert_eq!(
            instant(b"9999-12-31T00:00:00Z", Layout::Policy),
            Err(Refusal::Range)
        );
    }
}
