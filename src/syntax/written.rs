//! How the language writes a value in its standard layout: the one
//! spelling of a number and of a duration, used by the formatter and by
//! messages that suggest what to write.

use crate::syntax::ast::Duration;
use crate::vocabulary::DurationUnit;

/// A number in its shortest exact form, the whole part grouped by `_` in
/// threes from five digits on (`10_000`, but `5000`).
pub fn number_text(value: f64) -> String {
    let plain = (value + 0.0).to_string();
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (index, digit) in whole.chars().enumerate() {
        if whole.len() >= 5 && index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push('_');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `4 business hours`, `1 day`.
pub fn duration_text(duration: &Duration) -> String {
    let singular = duration.amount == 1.0;
    let unit = match (duration.unit, singular) {
        (DurationUnit::Minutes, true) => "minute",
        (DurationUnit::Minutes, false) => "minutes",
        (DurationUnit::Hours, true) => "hour",
        (DurationUnit::Hours, false) => "hours",
        (DurationUnit::Days, true) => "day",
        (DurationUnit::Days, false) => "days",
        (DurationUnit::Weeks, true) => "week",
        (DurationUnit::Weeks, false) => "weeks",
    };
    let business = if duration.business { "business " } else { "" };
    format!("{} {business}{unit}", number_text(duration.amount))
}
