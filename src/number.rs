//! How numbers behave, in one place: what `==`, `<` and the other
//! comparisons mean, and how a number is printed. The model is written out
//! in docs/language.md ("Numbers"), with its reasons; the SQL a policy
//! compiles to must follow the same rules.
//!
//! Numbers are IEEE-754 doubles, and arithmetic is plain double arithmetic:
//! no result is rounded on the way. Binary doubles cannot hold most
//! decimals exactly (`0.1 + 0.2` is 0.30000000000000004), so two numbers
//! count as equal when they differ by at most 5 × 10⁻¹⁶ of the larger — a
//! few units in a double's last binary digit, enough to absorb the
//! rounding of a few arithmetic steps — and are printed to 15 significant
//! digits, as a spreadsheet does. Two different numbers of at most 15
//! significant digits, as a policy writes them, are never equal: they
//! differ by at least 7.8 × 10⁻¹⁶ of the larger even after each is rounded
//! to a double.

use crate::vocabulary::CompareOp;

/// Significant digits numbers are compared and printed to.
pub const SIGNIFICANT_DIGITS: usize = 15;

/// Two numbers at most this far apart, relative to the larger, are the
/// same. Two different numbers of 15 significant digits differ by at least
/// one unit in their 15th digit: 10⁻¹⁵ of the larger at the top of a
/// decade (9.99999999999999 and 9.99999999999998), less the 2.2 × 10⁻¹⁶ by
/// which their doubles may be off, which is still more than this.
const TOLERANCE: f64 = 5e-16;

/// Whether `a` and `b` are the same number (see [`TOLERANCE`]).
#[inline]
pub fn same(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= TOLERANCE * a.abs().max(b.abs())
}

/// Whether `a OP b` holds: equality as [`same`], and the orderings
/// consistent with it (`a < b` when less and not the same).
#[inline]
pub fn holds(op: CompareOp, a: f64, b: f64) -> bool {
    match op {
        CompareOp::Eq => same(a, b),
        CompareOp::Ne => !same(a, b),
        CompareOp::Lt => a < b && !same(a, b),
        CompareOp::Le => a <= b || same(a, b),
        CompareOp::Gt => a > b && !same(a, b),
        CompareOp::Ge => a >= b || same(a, b),
    }
}

/// Whole numbers up to this are printed digit by digit.
const WHOLE_LIMIT: f64 = 1e15;

/// Decimal exponents past this are printed with `e` (`1.5e-30`): written
/// out, such a number would be a line of zeros.
const PLAIN_EXPONENT: i32 = 20;

/// A number as plain digits, for results, data and messages: to 15
/// significant digits, without grouping, trailing zeros or a `.0`, and
/// without an exponent unless the number is astronomically large or
/// small. (A policy writes numbers with `syntax::written::policy_number`,
/// `10_000`; a document for people with `render::plain::number`, `10,000`.)
pub fn digits(value: f64) -> String {
    let mut out = String::new();
    write_digits(value, &mut out);
    out
}

/// Points as plain digits with their sign (`+10`, `-10`, `0`), beside
/// totals written by [`digits`] (an explanation in a terminal). A document
/// for people writes them with `render::doc::signed` (`−10`, `+1,500`).
pub fn signed_digits(points: f64) -> String {
    if points > 0.0 {
        format!("+{}", digits(points))
    } else {
        digits(points)
    }
}

/// [`digits`], appended to `out`; whole numbers, nearly all of those a
/// result holds, without the formatting machinery.
pub fn write_digits(value: f64, out: &mut String) {
    if value.fract() == 0.0 && value.abs() < WHOLE_LIMIT {
        let whole = value as i64;
        if whole < 0 {
            out.push('-');
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = whole.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
        return;
    }
    if !value.is_finite() {
        // Never reached by evaluation (such results are missing); kept
        // readable for any other caller.
        out.push_str(&value.to_string());
        return;
    }
    // `d.dddddddddddddde±x`: the 15 significant digits and the exponent.
    let scientific = format!("{:.*e}", SIGNIFICANT_DIGITS - 1, value);
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    if digits == "0" {
        out.push('0');
        return;
    }
    out.push_str(sign);
    if exponent.abs() > PLAIN_EXPONENT {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push_str(&format!("e{exponent}"));
    } else if exponent < 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exponent - 1) as usize));
        out.push_str(digits);
    } else {
        let whole = exponent as usize + 1;
        if digits.len() <= whole {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', whole - digits.len()));
        } else {
            out.push_str(&digits[..whole]);
            out.push('.');
            out.push_str(&digits[whole..]);
        }
    }
}

/// A number's text (a sign, digits, a point) with the digits of its whole
/// part grouped in threes by `separator` once there are `from` of them or
/// more: the one grouping of a policy's `10_000` and a document's `5,000`.
/// Text that is not plain digits (`1.5e-30`) is left as it is.
pub fn grouped(text: &str, separator: char, from: usize) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = unsigned.split_at(unsigned.find('.').unwrap_or(unsigned.len()));
    if whole.len() < from || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    out.push_str(sign);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out.push_str(fraction);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected texts worked out by hand from each value's decimal digits.
    #[test]
    fn points_carry_their_sign_in_plain_digits() {
        assert_eq!(signed_digits(10.0), "+10");
        assert_eq!(signed_digits(-10.0), "-10");
        assert_eq!(signed_digits(1500.0), "+1500");
        assert_eq!(signed_digits(0.0), "0");
    }

    #[test]
    fn numbers_print_to_15_significant_digits_as_written() {
        let cases: [(f64, &str); 14] = [
            (0.1 + 0.2, "0.3"),
            (0.3 * 3.0, "0.9"),
            (1e20, "100000000000000000000"),
            (-1253.7000000000003, "-1253.7"),
            (42.0, "42"),
            (-0.0, "0"),
            (1e15, "1000000000000000"),
            (123456789012345678.0, "123456789012346000"),
            (0.000123, "0.000123"),
            (2.5e-30, "2.5e-30"),
            (-7.25, "-7.25"),
            (1.0 / 3.0, "0.333333333333333"),
            (2.0 / 3.0, "0.666666666666667"),
            (999999999999999.0, "999999999999999"),
        ];
        for (value, expected) in cases {
            assert_eq!(digits(value), expected, "{value:?}");
        }
    }

    #[test]
    fn grouping_starts_at_the_given_length() {
        for (text, separator, from, expected) in [
            ("5000", ',', 4, "5,000"),
            ("5000", '_', 5, "5000"),
            ("-1234567.125", '_', 5, "-1_234_567.125"),
            ("123", ',', 1, "123"),
            ("1.5e-30", ',', 1, "1.5e-30"),
            ("1e30", ',', 1, "1e30"),
        ] {
            assert_eq!(grouped(text, separator, from), expected, "{text}");
        }
    }

    #[test]
    fn equality_is_to_15_significant_digits() {
        assert!(same(0.1 + 0.2, 0.3));
        assert!(same(1.0 / (1.0 / 3.0), 3.0));
        assert!(same(1.0 / 3.0 * 3.0, 1.0));
        // Neighbouring numbers of 15 significant digits stay apart.
        assert!(!same(999_999_999_999_999.0, 999_999_999_999_998.0));
        assert!(!same(9.99999999999999, 9.99999999999998));
        assert!(!same(0.300000000000001, 0.3));
        assert!(holds(CompareOp::Le, 0.1 + 0.2, 0.3));
        assert!(!holds(CompareOp::Lt, 0.3, 0.1 + 0.2));
        assert!(holds(CompareOp::Ge, 0.3, 0.1 + 0.2));
        assert!(!holds(CompareOp::Gt, 0.1 + 0.2, 0.3));
        assert!(holds(CompareOp::Gt, 3.0, 2.0) && holds(CompareOp::Ne, 3.0, 2.0));
    }
}
