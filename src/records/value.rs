//! One raw value of a lead record, read as its field's type.
//!
//! Text is trimmed and kept lower-cased (every text comparison ignores
//! case), with an ASCII fast path. Times are RFC 3339, read without
//! allocation for the common forms; other forms, and dates, as the
//! field's settings say (`settings::Rules`).

use jiff::Timestamp;
use jiff::civil::Date;

use super::settings::Rules;
use crate::ir::FieldType;
use crate::moment::{self, Layout};

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

/// A list's entries, trimmed and lower-cased, into `buffer`: the ones
/// that are empty or mean missing (`N/A`) left out. (A CSV cell of only
/// separators is a present list with no entries, as docs/language.md says;
/// `Record::set_entries` decides for JSON's `[]`.)
pub(super) fn push_entries<'t>(
    entries: impl Iterator<Item = &'t str>,
    rules: &Rules,
    buffer: &mut String,
) -> Slot {
    let start = buffer.len();
    for entry in entries.map(str::trim) {
        if entry.is_empty() || rules.means_missing(entry) {
            continue;
        }
        if buffer.len() > start {
            buffer.push(super::record::LIST_SEPARATOR);
        }
        push_lower(entry, buffer);
    }
    Slot::List(start as u32, buffer.len() as u32)
}

/// Reads `raw` as a value of `ty`, appending any text to `buffer`; dates
/// and times as `rules` say they are written.
pub(super) fn read(
    ty: &FieldType,
    allowed: &[String],
    rules: &Rules,
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
                    crate::vocabulary::strings(allowed)
                ))
            }
        }
        FieldType::Number => number(value)
            .map(Slot::Number)
            .ok_or_else(|| "is not a number".to_string()),
        FieldType::Bool => boolean(value)
            .map(Slot::Bool)
            .ok_or_else(|| "is not true or false (or yes/no, 1/0)".to_string()),
        FieldType::Date => rules.date(value).map(Slot::Date),
        FieldType::Time => rules.time(value).map(Slot::Time),
        FieldType::ListOfText => Ok(push_entries(value.split([';', ',']), rules, buffer)),
    }
}

/// Checks `raw` against `ty` without keeping it (for fields no condition
/// reads): `Present` or `Missing`.
pub(super) fn check(
    ty: &FieldType,
    allowed: &[String],
    rules: &Rules,
    raw: &str,
) -> Result<Slot, Problem> {
    let value = trim(raw);
    match ty {
        _ if value.is_empty() => Ok(Slot::Missing),
        FieldType::Text | FieldType::Email | FieldType::ListOfText => Ok(Slot::Present),
        FieldType::OneOf(_)
            if value.is_ascii() && allowed.iter().any(|a| a.eq_ignore_ascii_case(value)) =>
        {
            Ok(Slot::Present)
        }
        _ => read(ty, allowed, rules, raw, &mut String::new()).map(|_| Slot::Present),
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

/// An instant as data gives it: RFC 3339, or a space for the `T`
/// (`crate::moment`, `Layout::Data`).
pub fn time(b: &[u8]) -> Option<Timestamp> {
    moment::instant(b, Layout::Data)
        .ok()
        .map(|instant| instant.timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let cell = read(
            &FieldType::Text,
            &[],
            &Rules::default(),
            "  Straße VP \t",
            &mut buffer,
        )
        .expect("text");
        assert_eq!(cell, Slot::Text(0, buffer.len() as u32));
        assert_eq!(buffer, "straße vp");
        assert_eq!(
            read(&FieldType::Text, &[], &Rules::default(), "   ", &mut buffer),
            Ok(Slot::Missing)
        );
        let allowed = vec!["inbound".to_string(), "event".to_string()];
        assert!(
            read(
                &FieldType::OneOf(allowed.clone()),
                &allowed,
                &Rules::default(),
                " Inbound ",
                &mut buffer
            )
            .is_ok()
        );
        assert!(
            read(
                &FieldType::OneOf(allowed.clone()),
                &allowed,
                &Rules::default(),
                "webinar",
                &mut buffer
            )
            .is_err()
        );
    }
}
