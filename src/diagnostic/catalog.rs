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
    /// A lint: its level may be changed in `qualify.toml` or silenced by a
    /// `# qualify: allow(…)` comment. Other codes mean the policy cannot
    /// be read as written, so they are always errors.
    pub lint: bool,
}

const fn error(code: &'static str, name: &'static str, summary: &'static str) -> Code {
    Code {
        code,
        name,
        severity: Severity::Error,
        summary,
        lint: false,
    }
}

const fn warning(code: &'static str, name: &'static str, summary: &'static str) -> Code {
    Code {
        code,
        name,
        severity: Severity::Warning,
        summary,
        lint: true,
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

// Q01xx: names.
pub const UNKNOWN_NAME: Code = error(
    "Q0101",
    "unknown-name",
    "a condition uses a name that is not declared",
);
pub const UNKNOWN_STAGE: Code = error(
    "Q0102",
    "unknown-stage",
    "a stage is named that the policy does not declare",
);
pub const UNKNOWN_CALENDAR: Code = error(
    "Q0103",
    "unknown-calendar",
    "a calendar is named that the policy does not declare",
);
pub const UNKNOWN_PARTY: Code = error(
    "Q0104",
    "unknown-party",
    "a party is named that the policy header does not declare",
);
pub const UNKNOWN_SCORE: Code = error(
    "Q0105",
    "unknown-score",
    "a score is named that the policy does not declare",
);
pub const UNKNOWN_FIELD: Code = error(
    "Q0106",
    "unknown-field",
    "a field is named that `fields` does not declare",
);
pub const UNKNOWN_FUNCTION: Code = error(
    "Q0107",
    "unknown-function",
    "a function that qualify does not have",
);
pub const DUPLICATE_NAME: Code = error(
    "Q0108",
    "duplicate-name",
    "two things are declared with the same name",
);
pub const CIRCULAR_DEFINITION: Code = error(
    "Q0109",
    "circular-definition",
    "a define, score or stage depends on itself",
);
pub const UNKNOWN_EXAMPLE: Code = error(
    "Q0110",
    "unknown-example",
    "`like` names an example that does not exist",
);
pub const UNKNOWN_REASON: Code = error(
    "Q0111",
    "unknown-reason",
    "an example expects an undesirable or SLA the policy does not declare",
);

// Q02xx: types.
pub const TYPE_MISMATCH: Code = error(
    "Q0201",
    "type-mismatch",
    "two values of different kinds are compared or combined",
);
pub const NOT_A_CONDITION: Code = error(
    "Q0202",
    "not-a-condition",
    "a value is used where a yes/no condition is needed",
);
pub const NOT_TEXT: Code = error(
    "Q0203",
    "not-text",
    "a text test is applied to something that is not text",
);
pub const NOT_AN_EMAIL: Code = error(
    "Q0204",
    "not-an-email",
    "`domain(…)` is applied to something that is not an e-mail field",
);
pub const NOT_A_NUMBER: Code = error(
    "Q0205",
    "not-a-number",
    "arithmetic, `per` or `between` on something that is not a number",
);
pub const NOT_A_TIME: Code = error(
    "Q0206",
    "not-a-time",
    "`within` or `days_since` on something that is not a time",
);
pub const VALUE_NOT_ALLOWED: Code = error(
    "Q0207",
    "value-not-allowed",
    "a `one of` field is compared with a value outside its list",
);
pub const WRONG_ARGUMENTS: Code = error(
    "Q0208",
    "wrong-arguments",
    "a function is given the wrong number or kind of arguments",
);
pub const INVALID_REGEX: Code = error(
    "Q0209",
    "invalid-regex",
    "a `matches` pattern is not a valid regular expression",
);
pub const NOT_A_LIST: Code = error(
    "Q0210",
    "not-a-list",
    "`in` or `any` is followed by something that is not a list",
);
pub const MIXED_LIST: Code = error(
    "Q0211",
    "mixed-list",
    "a list mixes kinds of values, such as texts and numbers",
);

pub const REVERSED_BETWEEN: Code = warning(
    "Q0212",
    "reversed-between",
    "`between` with the larger bound first, which holds for no value",
);
pub const ONE_OF_SPELLING: Code = warning(
    "Q0213",
    "one-of-spelling",
    "a value of a `one of` field written in another case than declared",
);
pub const PADDED_TEXT: Code = warning(
    "Q0214",
    "padded-text",
    "a text in a condition with spaces at an end, which are ignored",
);

// Q03xx: stages.
pub const AFTER_LATER_STAGE: Code = error(
    "Q0301",
    "after-later-stage",
    "a stage depends on itself or on a stage declared after it",
);
pub const UNREACHABLE_STAGE: Code = warning(
    "Q0302",
    "unreachable-stage",
    "no lead can reach a stage: a score threshold is above the score's maximum",
);
pub const CONTRADICTORY_CRITERIA: Code = warning(
    "Q0303",
    "contradictory-criteria",
    "a stage's criteria cannot all hold at once",
);
pub const OWNER_FIELD_MISMATCH: Code = warning(
    "Q0304",
    "owner-field-mismatch",
    "a stage owned by one team depends on a field the other team fills in",
);
pub const DUPLICATE_CLAUSE: Code = error(
    "Q0305",
    "duplicate-clause",
    "a clause that may appear once appears twice",
);

// Q04xx: undesirables.
pub const CONSTANT_UNDESIRABLE: Code = warning(
    "Q0401",
    "constant-undesirable",
    "an undesirable's condition is always true or always false",
);

// Q05xx: calendars.
pub const UNKNOWN_TIMEZONE: Code = error(
    "Q0501",
    "unknown-timezone",
    "a calendar names a time zone that does not exist",
);
pub const EMPTY_HOURS: Code = error(
    "Q0502",
    "empty-hours",
    "opening hours that end before they start",
);
pub const OVERLAPPING_HOURS: Code = error(
    "Q0503",
    "overlapping-hours",
    "two opening-hour ranges of the same day overlap",
);
pub const BAD_DAY_RANGE: Code = error(
    "Q0504",
    "bad-day-range",
    "a day range that runs backwards or names a day twice",
);
pub const INCOMPLETE_CALENDAR: Code = error(
    "Q0505",
    "incomplete-calendar",
    "a calendar without a time zone or without opening hours",
);

// Q06xx: service levels and targets.
pub const NOT_A_TIME_FIELD: Code = error(
    "Q0601",
    "not-a-time-field",
    "an SLA or target measures from a field that is not a time",
);
pub const BUSINESS_TIME_WITHOUT_CALENDAR: Code = error(
    "Q0602",
    "business-time-without-calendar",
    "business hours or days are used without a calendar",
);
pub const PERCENTAGE_OUT_OF_RANGE: Code = error(
    "Q0603",
    "percentage-out-of-range",
    "a share outside 0% to 100%",
);
pub const INCOMPLETE_SLA: Code = error(
    "Q0604",
    "incomplete-sla",
    "an SLA or target is missing a clause it needs",
);
pub const CALENDAR_WITHOUT_BUSINESS_TIME: Code = error(
    "Q0605",
    "calendar-without-business-time",
    "an SLA names a calendar but its limit is not in business time",
);
pub const FRACTION_OF_A_BUSINESS_DAY: Code = error(
    "Q0606",
    "fraction-of-a-business-day",
    "a limit in business days that is not a whole number of days",
);

// Q07xx: the policy as a whole.
pub const MISSING_HEADER: Code = error(
    "Q0701",
    "missing-header",
    "the file has no `policy` header or no `fields`, or has two",
);
pub const MISSING_VERSION: Code = error(
    "Q0702",
    "missing-version",
    "the policy header has no `version`",
);
pub const MISSING_PARTIES: Code = error(
    "Q0703",
    "missing-parties",
    "the policy header names no `party`",
);
pub const UNUSED_FIELD: Code = warning(
    "Q0704",
    "unused-field",
    "a field no rule, stage, SLA or target uses",
);
pub const UNUSED_LIST: Code = warning("Q0705", "unused-list", "a list nothing uses");
pub const UNUSED_DEFINE: Code = warning("Q0706", "unused-define", "a define nothing uses");
pub const MULTIPLE_KEYS: Code = error(
    "Q0707",
    "multiple-keys",
    "more than one field is marked `key`",
);
pub const STALE_SIGNOFF: Code = warning(
    "Q0708",
    "stale-signoff",
    "a party signed off an earlier version of the policy, not this one",
);
pub const MISSING_SIGNOFF: Code = error(
    "Q0709",
    "missing-signoff",
    "with `--require-signoff`: a party has not signed off the policy",
);

// Q08xx: examples.
pub const EXAMPLE_VALUE: Code = error(
    "Q0801",
    "example-value",
    "an example lead gives a field a value of the wrong kind",
);
pub const FAILING_EXAMPLE: Code = error(
    "Q0802",
    "failing-example",
    "an example's expectation does not hold for its lead",
);
pub const EXAMPLE_DEPENDS_ON_NOW: Code = warning(
    "Q0803",
    "example-depends-on-now",
    "an example without `as of` expects something that depends on the current time",
);

// Q09xx: configuration and suppressions.
pub const SUPPRESSION_WITHOUT_REASON: Code = error(
    "Q0901",
    "suppression-without-reason",
    "a `# qualify: allow(…)` comment gives no reason",
);
pub const UNKNOWN_LINT: Code = error(
    "Q0902",
    "unknown-lint",
    "a suppression or `qualify.toml` names a lint that does not exist or cannot be changed",
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
    &REVERSED_BETWEEN,
    &ONE_OF_SPELLING,
    &PADDED_TEXT,
    &AFTER_LATER_STAGE,
    &UNREACHABLE_STAGE,
    &CONTRADICTORY_CRITERIA,
    &OWNER_FIELD_MISMATCH,
    &DUPLICATE_CLAUSE,
    &CONSTANT_UNDESIRABLE,
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
    &UNUSED_FIELD,
    &UNUSED_LIST,
    &UNUSED_DEFINE,
    &MULTIPLE_KEYS,
    &STALE_SIGNOFF,
    &MISSING_SIGNOFF,
    &EXAMPLE_VALUE,
    &FAILING_EXAMPLE,
    &EXAMPLE_DEPENDS_ON_NOW,
    &SUPPRESSION_WITHOUT_REASON,
    &UNKNOWN_LINT,
];

/// A code by its `Q` number or its name.
pub fn find(code_or_name: &str) -> Option<&'static Code> {
    ALL.iter()
        .copied()
        .find(|code| code.code.eq_ignore_ascii_case(code_or_name) || code.name == code_or_name)
}
