//! Every diagnostic qualify can report. Codes are stable and never reused;
//! docs/lints.md documents each one (a test keeps the two in step).

use super::Severity;

/// The identity of a kind of problem.
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    /// `Q` and four digits.
    pub code: &'static str,
    /// kebab-case, usable in `qualify.toml` and suppression comments.
    pub name: &'static str,
    pub severity: Severity,
    /// What the problem is, in one line.
    pub summary: &'static str,
}

const fn error(code: &'static str, name: &'static str, summary: &'static str) -> Code {
    Code {
        code,
        name,
        severity: Severity::Error,
        summary,
    }
}

// Q00xx: the text does not follow the language.
pub const SYNTAX_ERROR: Code = error(
    "Q0001",
    "syntax-error",
    "the text does not follow the policy language at this point",
);
pub const UNTERMINATED_STRING: Code = error(
    "Q0002",
    "unterminated-string",
    "a text in quotes has no closing quote on its line",
);
pub const INVALID_ESCAPE: Code = error(
    "Q0003",
    "invalid-escape",
    "a backslash in a text is followed by something other than a known escape",
);
pub const INVALID_DATE: Code = error(
    "Q0004",
    "invalid-date",
    "a date that is not on the calendar, such as 2026-02-30",
);
pub const INVALID_TIME: Code = error(
    "Q0005",
    "invalid-time",
    "an instant that is not a valid RFC 3339 time",
);
pub const INVALID_NUMBER: Code = error("Q0006", "invalid-number", "a number too large to be used");
pub const NESTING_TOO_DEEP: Code = error(
    "Q0007",
    "nesting-too-deep",
    "brackets or parentheses nested more deeply than qualify reads",
);
pub const INVALID_CLOCK_TIME: Code = error(
    "Q0008",
    "invalid-clock-time",
    "an hour of the day outside 00:00 to 24:00 in a calendar",
);
pub const RESERVED_WORD: Code = error(
    "Q0009",
    "reserved-word",
    "a word of the language used where a name is expected",
);
pub const SINGLE_EQUALS: Code = error("Q0010", "single-equals", "`=` used to compare two values");
pub const UNSIGNED_POINTS: Code = error(
    "Q0011",
    "unsigned-points",
    "a score rule whose points have no `+` or `-`",
);
pub const UNCLOSED_BLOCK: Code = error(
    "Q0012",
    "unclosed-block",
    "a block opened with `{` that is never closed",
);
pub const UNKNOWN_KEYWORD: Code = error(
    "Q0013",
    "unknown-keyword",
    "a misspelled or unknown keyword where an item or clause starts",
);

/// Every code, in order.
pub const ALL: &[&Code] = &[
    &SYNTAX_ERROR,
    &UNTERMINATED_STRING,
    &INVALID_ESCAPE,
    &INVALID_DATE,
    &INVALID_TIME,
    &INVALID_NUMBER,
    &NESTING_TOO_DEEP,
    &INVALID_CLOCK_TIME,
    &RESERVED_WORD,
    &SINGLE_EQUALS,
    &UNSIGNED_POINTS,
    &UNCLOSED_BLOCK,
    &UNKNOWN_KEYWORD,
];
