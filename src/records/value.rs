//! One raw value of a lead record, read as its field's type.
//!
//! Text is trimmed and kept lower-cased (every text comparison ignores
//! case), with an ASCII fast path. Times are RFC 3339, read without
//! allocation for the common forms.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::ir::FieldType;

/// A typed value as a record stores it. Texts point into the record's
/// text buffer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Slot {
    Missing,
    /// Given, but not kept: no condition reads the value.
    Present,
    Number(f64),
    Bool(bool),
    /// `start..end` of the lower-cased text in the record's buffer.
    Text(u32, u32),
    Date(Date),
    Time(Timestamp),
    /// Entries `start..end` in the record's buffer, separated by
    /// `record::LIST_SEPARATOR`.
    List(u32, u32),
}

/// Why a raw value does not fit its field.
pub type Problem = String;

/// `str::trim`, skipped when the value plainly has nothing to trim.
pub fn trim(raw: &str) -> &str {
    match (raw.as_bytes().first(), raw.as_bytes().last()) {
        (Some(first), Some(last))
            if (b'!'..0x80).contains(first) && (b'!'..0x80).contains(last) =>
        {
            raw
        }
        _ => raw.trim(),
    }
}

/// Reads `raw` as a value of `ty`, appending any text to `buffer`.
pub(super) fn read(
    ty: &FieldType,
    allowed: &[String],
    raw: &str,
    buffer: &mut String,
) -> Result<Slot, Problem> {
    let value = trim(raw);
    if value.is_empty() {
        return Ok(Slot::Missing);
    }
    match ty {
        FieldType::Text | FieldType::Email => Ok(push_lower(value, buffer)),
        FieldType::OneOf(_) => {
            let start = buffer.len();
            let cell = push_lower(value, buffer);
            if allowed.iter().any(|allowed| *allowed == buffer[start..]) {
                Ok(cell)
            } else {
                buffer.truncate(start);
                Err(format!(
                    "is not one of {}",
                    allowed
                        .iter()
                        .map(|a| format!("\"{a}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            }
        }
        FieldType::Number => number(value)
            .map(Slot::Number)
            .ok_or_else(|| "is not a number".to_string()),
        FieldType::Bool => boolean(value)
            .map(Slot::Bool)
            .ok_or_else(|| "is not true or false (or yes/no, 1/0)".to_string()),
        FieldType::Date => date(value)
            .map(Slot::Date)
            .ok_or_else(|| "is not a date like 2026-02-01".to_string()),
        FieldType::Time => time(value.as_bytes())
            .map(Slot::Time)
            .ok_or_else(|| "is not an RFC 3339 time like 2026-03-02T09:00:00Z".to_string()),
        FieldType::ListOfText => {
            let start = buffer.len();
            for (i, entry) in value
                .split([';', ','])
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .enumerate()
            {
                if i > 0 {
                    buffer.push(super::record::LIST_SEPARATOR);
                }
                push_lower(entry, buffer);
            }
            Ok(Slot::List(start as u32, buffer.len() as u32))
        }
    }
}

/// Checks `raw` against `ty` without keeping it (for fields no condition
/// reads): `Present` or `Missing`.
pub(super) fn check(ty: &FieldType, allowed: &[String], raw: &str) -> Result<Slot, Problem> {
    let value = trim(raw);
    match ty {
        _ if value.is_empty() => Ok(Slot::Missing),
        FieldType::Text | FieldType::Email | FieldType::ListOfText => Ok(Slot::Present),
        FieldType::OneOf(_)
            if value.is_ascii() && allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) =>
        {
            Ok(Slot::Present)
        }
        _ => read(ty, allowed, raw, &mut String::new()).map(|_| Slot::Present),
    }
}

/// Appends `text` lower-cased and returns where it is.
pub(super) fn push_lower(text: &str, buffer: &mut String) -> Slot {
    if text.is_ascii() {
        return push_ascii_lower(text, buffer);
    }
    let start = buffer.len();
    // Full Unicode lower-casing, final sigma included.
    buffer.push_str(&text.to_lowercase());
    Slot::Text(start as u32, buffer.len() as u32)
}

/// `push_lower` for text known to be ASCII.
pub(super) fn push_ascii_lower(text: &str, buffer: &mut String) -> Slot {
    let start = buffer.len();
    buffer.push_str(text);
    if let Some(added) = buffer.get_mut(start..) {
        added.make_ascii_lowercase();
    }
    Slot::Text(start as u32, buffer.len() as u32)
}

/// A value that is ASCII with nothing to trim; `None` for anything else
/// (empty, padded, non-ASCII), which needs the general path.
pub fn plain(text: &str) -> Option<&str> {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if *first > b' ' && *last > b' ' && text.is_ascii() => Some(text),
        _ => None,
    }
}

/// A finite number: digits with an optional sign, decimals and exponent.
pub fn number(text: &str) -> Option<f64> {
    // Integers, the common case, without the float parser.
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if let Some(value) = integer(digits.as_bytes()) {
        return Some(if negative { -value } else { value });
    }
    let looks_numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    text.parse::<f64>()
        .ok()
        .filter(|value| looks_numeric && value.is_finite())
}

pub fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" => return Some(true),
        "false" => return Some(false),
        _ => {}
    }
    const TRUE: [&str; 3] = ["true", "yes", "1"];
    const FALSE: [&str; 3] = ["false", "no", "0"];
    if TRUE.iter().any(|word| word.eq_ignore_ascii_case(text)) {
        Some(true)
    } else if FALSE.iter().any(|word| word.eq_ignore_ascii_case(text)) {
        Some(false)
    } else {
        None
    }
}

/// Plain digits, at most 15 (so the value is exact): the common number.
pub fn integer(digits: &[u8]) -> Option<f64> {
    if digits.is_empty() || digits.len() > 15 {
        return None;
    }
    let value = digits.iter().try_fold(0i64, |n, b| {
        let digit = b.wrapping_sub(b'0');
        (digit <= 9).then(|| n * 10 + i64::from(digit))
    })?;
    Some(value as f64)
}

/// A few digits (part of a date or time), a fixed number of them: the
/// loop unrolls and needs no bounds checks.
fn digits<const N: usize>(bytes: [u8; N]) -> Option<i32> {
    bytes.iter().try_fold(0i32, |n, b| {
        let digit = b.wrapping_sub(b'0');
        (digit <= 9).then(|| n * 10 + i32::from(digit))
    })
}

/// `YYYY-MM-DD`
pub fn date(text: &str) -> Option<Date> {
    let (year, month, day) = year_month_day(text.as_bytes().try_into().ok()?)?;
    Date::new(year as i16, month as i8, day as i8).ok()
}

/// `YYYY-MM-DD` as numbers, not yet checked against the calendar.
fn year_month_day(bytes: [u8; 10]) -> Option<(i32, i32, i32)> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = bytes else {
        return None;
    };
    Some((
        digits([y0, y1, y2, y3])?,
        digits([m0, m1])?,
        digits([d0, d1])?,
    ))
}

/// An RFC 3339 instant: `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM)`.
pub fn time(b: &[u8]) -> Option<Timestamp> {
    let (date, rest) = b.split_first_chunk::<10>()?;
    let (year, month, day) = year_month_day(*date)?;
    let (&[t, h0, h1, b':', n0, n1], rest) = rest.split_first_chunk::<6>()? else {
        return None;
    };
    let (hour, minute) = (digits([h0, h1])?, digits([n0, n1])?);
    if !matches!(t, b'T' | b't' | b' ')
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
    {
        return None;
    }
    let mut second = 0;
    let mut nanos = 0i32;
    let mut offset = rest;
    if let [b':', s0, s1, after @ ..] = rest {
        second = digits([*s0, *s1]).filter(|second| *second <= 59)?;
        offset = after;
        if let [b'.', after @ ..] = after {
            let length = after.iter().take_while(|c| c.is_ascii_digit()).count();
            let (fraction, after) = after.split_at_checked(length)?;
            if fraction.is_empty() {
                return None;
            }
            let scaled = fraction
                .iter()
                .take(9)
                .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
            nanos = scaled * 10i32.pow(9 - fraction.len().min(9) as u32);
            offset = after;
        }
    }
    let offset_seconds = match offset {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits([*h1, *h2])?, digits([*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds =
        days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - i64::from(offset_seconds);
    Timestamp::new(seconds, nanos).ok()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_rfc3339_instants() {
        let reference: Timestamp = "2026-03-02T09:00:00Z".parse().expect("jiff");
        assert_eq!(time(b"2026-03-02T09:00:00Z"), Some(reference));
        assert_eq!(time(b"2026-03-02T12:00:00+03:00"), Some(reference));
        assert_eq!(time(b"2026-03-02T04:00:00-05:00"), Some(reference));
        assert_eq!(time(b"2026-03-02T09:00Z"), Some(reference));
        assert_eq!(
            time(b"2026-03-02T09:00:00.5Z").map(|t| t.subsec_nanosecond()),
            Some(500_000_000)
        );
        for bad in [
            "2026-03-02T24:00:00Z",
            "2026-03-02T09:00:00",
            "2026-02-30T09:00:00Z",
            "2026-03-02T09:00:60Z",
            "yesterday",
        ] {
            assert_eq!(time(bad.as_bytes()), None, "{bad}");
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
    fn numbers_and_booleans() {
        assert_eq!(number("42"), Some(42.0));
        assert_eq!(number("-7"), Some(-7.0));
        assert_eq!(number("3.5"), Some(3.5));
        assert_eq!(number("1e3"), Some(1000.0));
        for bad in ["many", "NaN", "inf", "1,000", "0x10"] {
            assert_eq!(number(bad), None, "{bad}");
        }
        assert_eq!(boolean("YES"), Some(true));
        assert_eq!(boolean("0"), Some(false));
        assert_eq!(boolean("maybe"), None);
    }

    #[test]
    fn text_is_trimmed_and_lower_cased() {
        let mut buffer = String::new();
        let cell = read(&FieldType::Text, &[], "  Straße VP \t", &mut buffer).expect("text");
        assert_eq!(cell, Slot::Text(0, buffer.len() as u32));
        assert_eq!(buffer, "straße vp");
        assert_eq!(
            read(&FieldType::Text, &[], "   ", &mut buffer),
            Ok(Slot::Missing)
        );
        let allowed = vec!["inbound".to_string(), "event".to_string()];
        assert!(
            read(
                &FieldType::OneOf(allowed.clone()),
                &allowed,
                " Inbound ",
                &mut buffer
            )
            .is_ok()
        );
        assert!(
            read(
                &FieldType::OneOf(allowed.clone()),
                &allowed,
                "webinar",
                &mut buffer
            )
            .is_err()
        );
    }
}
