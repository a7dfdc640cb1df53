//! How the language writes a value in its standard layout: the one
//! spelling of a number and of a duration, used by the formatter and by
//! messages that suggest what to write. (A text in quotes is
//! `vocabulary::string`, which the stages after checking use too.)

use crate::number::grouped;
use crate::syntax::ast::Duration;
use crate::vocabulary::DurationUnit;

/// A number as a policy writes it: its shortest exact form, the whole part
/// grouped by `_` in threes from five digits on (`10_000`, but `5000`).
/// Results and documents print numbers otherwise (`crate::number`).
pub fn policy_number(value: f64) -> String {
    // `+ 0.0` turns -0 into 0.
    grouped(&(value + 0.0).to_string(), '_', 5)
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
    format!("{} {business}{unit}", policy_number(duration.amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_from_five_digits() {
        for (value, written) in [
            (5000.0, "5000"),
            (10_000.0, "10_000"),
            (-1_234_567.5, "-1_234_567.5"),
            (0.25, "0.25"),
            (-0.0, "0"),
        ] {
            assert_eq!(policy_number(value), written);
        }
    }
}
