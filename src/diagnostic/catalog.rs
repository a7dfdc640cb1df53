//! What a code is, and every error qualify can report: the problems that
//! mean a policy cannot be read as written. The lints, whose level a team
//! may change, live in src/lint/, one file each with its code. Codes are
//! stable and never reused. Each carries its own documentation, its
//! section of docs/lints.md, which `lint::reference` generates.

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
    /// A lint: its level may be changed in `qualify.toml` or silenced by a
    /// `# qualify: allow(…)` comment. Other codes mean the policy cannot
    /// be read as written, so they are always errors.
    pub lint: bool,
    /// Its section of docs/lints.md in Markdown, from its severity to how
    /// to fix it: what it means, why it matters, an example that causes it.
    pub docs: &'static str,
}

const fn error(
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    docs: &'static str,
) -> Code {
    Code {
        code,
        name,
        severity: Severity::Error,
        summary,
        lint: false,
        docs,
    }
}

mod calendars;
mod examples;
mod kinds;
mod names;
mod policy;
mod service_levels;
mod stages;
mod suppressions;
mod text;

pub use calendars::*;
pub use examples::*;
pub use kinds::*;
pub use names::*;
pub use policy::*;
pub use service_levels::*;
pub use stages::*;
pub use suppressions::*;
pub use text::*;

/// Every error, in code order. The lints are in `crate::lint`, each
/// with its code.
pub const ERRORS: &[&Code] = &[
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
    &UNKNOWN_NAME,
    &UNKNOWN_STAGE,
    &UNKNOWN_CALENDAR,
    &UNKNOWN_PARTY,
    &UNKNOWN_SCORE,
    &UNKNOWN_FIELD,
    &UNKNOWN_FUNCTION,
    &DUPLICATE_NAME,
    &CIRCULAR_DEFINITION,
    &UNKNOWN_EXAMPLE,
    &UNKNOWN_REASON,
    &TYPE_MISMATCH,
    &NOT_A_CONDITION,
    &NOT_TEXT,
    &NOT_AN_EMAIL,
    &NOT_A_NUMBER,
    &NOT_A_TIME,
    &VALUE_NOT_ALLOWED,
    &WRONG_ARGUMENTS,
    &INVALID_REGEX,
    &NOT_A_LIST,
    &MIXED_LIST,
    &AFTER_LATER_STAGE,
    &DUPLICATE_CLAUSE,
    &UNKNOWN_TIMEZONE,
    &EMPTY_HOURS,
    &OVERLAPPING_HOURS,
    &BAD_DAY_RANGE,
    &INCOMPLETE_CALENDAR,
    &NOT_A_TIME_FIELD,
    &BUSINESS_TIME_WITHOUT_CALENDAR,
    &PERCENTAGE_OUT_OF_RANGE,
    &INCOMPLETE_SLA,
    &CALENDAR_WITHOUT_BUSINESS_TIME,
    &FRACTION_OF_A_BUSINESS_DAY,
    &MISSING_HEADER,
    &MISSING_VERSION,
    &MISSING_PARTIES,
    &MULTIPLE_KEYS,
    &MISSING_SIGNOFF,
    &EXAMPLE_VALUE,
    &FAILING_EXAMPLE,
    &SUPPRESSION_WITHOUT_REASON,
    &UNKNOWN_LINT,
];
