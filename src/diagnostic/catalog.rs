//! Every diagnostic qualify can report. Codes are stable and never reused.
//! Each code carries its own documentation, the section of docs/lints.md
//! that `lint::reference` generates from it.

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

const fn warning(
    code: &'static str,
    name: &'static str,
    summary: &'static str,
    docs: &'static str,
) -> Code {
    Code {
        code,
        name,
        severity: Severity::Warning,
        summary,
        lint: true,
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

pub const REVERSED_BETWEEN: Code = warning(
    "Q0212",
    "reversed-between",
    "`between` with the larger bound first, which holds for no value",
    r#"
**Severity:** warning (a lint).

**What:** a `between` with the larger bound first.

**Why it matters:** `between` takes the smaller bound first and includes
both ends. With the bounds the wrong way round the test holds for no value
at all, so the criterion or rule never applies.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees between 5000 and 200 "Mid-market company"
}
```

qualify reports: `between 5000 and 200` holds for no value: the smaller
bound comes first.

**How to fix:** put the smaller bound first: `employees between 200 and
5000`.
"#,
);

pub const ONE_OF_SPELLING: Code = warning(
    "Q0213",
    "one-of-spelling",
    "a value of a `one of` field written in another case than declared",
    r#"
**Severity:** warning (a lint).

**What:** a value of a `one of` field written in another case than the
field declares it (`lead_source is "inbound"` where the field lists
`"Inbound"`).

**Why it matters:** texts are compared ignoring case, so the condition
works. But the agreement then spells one value two ways, and a reader, or a
search through the file, may take them for two different values.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id      text "CRM lead id" key
  lead_source  one of ["Inbound", "Event", "Partner"]
}

score channel {
  +20 if lead_source is "inbound"
}
```

qualify reports: `lead_source` declares "Inbound", written here as
"inbound".

**How to fix:** write the value as the field declares it:
`lead_source is "Inbound"`.
"#,
);

pub const PADDED_TEXT: Code = warning(
    "Q0214",
    "padded-text",
    "a text in a condition with spaces at an end, which are ignored",
    r#"
**Severity:** warning (a lint).

**What:** a text in a condition with spaces at its start or end
(`title contains " vp "`).

**Why it matters:** texts are compared without the spaces around them, on
both sides, so `" vp "` is the same as `"vp"` and also finds "VP of
Marketing" and "MVP". Whoever wrote the spaces probably wanted the word
on its own.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

score seniority {
  +20 if title contains " vp "
}
```

qualify reports: the spaces around " vp " are ignored: texts are compared
without them.

**How to fix:** write the text without the spaces; to find a whole word,
use `matches` with word boundaries:

```qual
score seniority {
  +20 if title matches "\\bvp\\b"
}
```
"#,
);

pub const UNREACHABLE_STAGE: Code = warning(
    "Q0302",
    "unreachable-stage",
    "no lead can reach a stage: a score threshold is above the score's maximum",
    r#"
**Severity:** warning (a lint).

**What:** no lead can reach a stage: a score threshold is above the score's
maximum.

**Why it matters:** if the rules and caps of a score can never add up to
the threshold, no lead will ever become, say, an MQL. This often happens
after a rule is removed or a cap is lowered.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  email_clicks  number
}

score engagement {
  +30 if demo_form
  +2 per email_clicks up to 10
}

stage MQL "Marketing qualified lead" {
  requires engagement >= 60
}
```

qualify reports: no lead can reach MQL: this needs at least 60, but the
score can be at most 40.

**How to fix:** lower the threshold, or add or raise score rules and caps
so that the score can reach it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  email_clicks  number
}

score engagement {
  +30 if demo_form
  +2 per email_clicks up to 10
}

stage MQL "Marketing qualified lead" {
  requires engagement >= 35
}
```
"#,
);

pub const CONTRADICTORY_CRITERIA: Code = warning(
    "Q0303",
    "contradictory-criteria",
    "a stage's criteria cannot all hold at once",
    r#"
**Severity:** warning (a lint).

**What:** a stage's criteria cannot all hold at once.

**Why it matters:** every `requires` of a stage must hold. If one asks for
more than 1,000 employees and another for fewer than 200, no lead can reach
the stage.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > 1000     "Enterprise company"
  requires employees < 200      "Small business"
}
```

**How to fix:** check the limits. If either kind of company qualifies, say
so with `or` in one criterion.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > 1000 or employees < 200  "Enterprise or small business"
}
```
"#,
);

pub const OWNER_FIELD_MISMATCH: Code = warning(
    "Q0304",
    "owner-field-mismatch",
    "a stage owned by one team depends on a field the other team fills in",
    r#"
**Severity:** warning (a lint).

**What:** a stage owned by one team depends on a field the other team fills
in.

**Why it matters:** marketing cannot decide an MQL on a value that sales
only enters after the first call: the stage would wait for the other team,
or never be reached at hand-over time.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  buying_cycle  bool? "A legitimate buying cycle exists" set by sales
}

stage MQL "Marketing qualified lead" {
  owner marketing
  requires demo_form
  requires buying_cycle
}
```

qualify reports: MQL depends on `buying_cycle`, which sales fills in.

**How to fix:** move the criterion to a stage the other team owns (or
change who owns the stage or fills in the field).

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  buying_cycle  bool? "A legitimate buying cycle exists" set by sales
}

stage MQL "Marketing qualified lead" {
  owner marketing
  requires demo_form
}

stage SQL "Sales qualified lead" {
  owner sales
  after MQL
  requires buying_cycle
}
```
"#,
);

pub const CONSTANT_UNDESIRABLE: Code = warning(
    "Q0401",
    "constant-undesirable",
    "an undesirable's condition is always true or always false",
    r#"
**Severity:** warning (a lint).

**What:** an undesirable's condition is always true or always false.

**Why it matters:** an undesirable that is always true disqualifies every
lead; one that is never true does nothing while the agreement says it
does.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

undesirable "No job title" if title is present or title is missing
```

qualify reports: the condition of undesirable "No job title" is true for
every lead.

**How to fix:** write the condition you meant.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

undesirable "No job title" if title is missing
```
"#,
);

pub const UNUSED_FIELD: Code = warning(
    "Q0704",
    "unused-field",
    "a field no rule, stage, SLA or target uses",
    r#"
**Severity:** warning (a lint).

**What:** a field no rule, stage, SLA or target uses.

**Why it matters:** either the field is dead weight in the agreement, or a
rule that should use it was forgotten (or misspelled). Columns of the CRM
export that the policy does not declare are simply ignored, so you do not
need to declare fields you do not use.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
  country    text?  "ISO 3166 two-letter code"
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```

**How to fix:** use the field in a rule, or remove it. If you keep it on
purpose, say why in a comment that allows the lint:

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
  # qualify: allow(unused-field) — the regional dashboards read this column
  country    text?  "ISO 3166 two-letter code"
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```
"#,
);

pub const UNUSED_LIST: Code = warning(
    "Q0705",
    "unused-list",
    "a list nothing uses",
    r#"
**Severity:** warning (a lint).

**What:** a list nothing uses.

**Why it matters:** a list that no rule reads has no effect, though readers
of the agreement may think it does.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

list personal_domains "Free e-mail providers" = ["gmail.com", "yahoo.com"]

undesirable "Personal e-mail address" if domain(email) in ["gmail.com", "yahoo.com"]
```

**How to fix:** use the list with `in` or `any`, or remove it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

list personal_domains "Free e-mail providers" = ["gmail.com", "yahoo.com"]

undesirable "Personal e-mail address" if domain(email) in personal_domains
```
"#,
);

pub const UNUSED_DEFINE: Code = warning(
    "Q0706",
    "unused-define",
    "a define nothing uses",
    r#"
**Severity:** warning (a lint).

**What:** a define nothing uses.

**Why it matters:** a named condition that no rule or stage uses has no
effect. Often it was meant to be a criterion of a stage.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  title      text?
  demo_form  bool
}

define senior_title "Director level or above" =
  title starts with any ["VP", "Director", "Head of", "Chief"]

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```

**How to fix:** use the define in a rule or stage, or remove it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  title      text?
  demo_form  bool
}

define senior_title "Director level or above" =
  title starts with any ["VP", "Director", "Head of", "Chief"]

stage MQL "Marketing qualified lead" {
  requires demo_form
  requires senior_title
}
```
"#,
);

pub const STALE_SIGNOFF: Code = warning(
    "Q0708",
    "stale-signoff",
    "a party signed off an earlier version of the policy, not this one",
    r#"
**Severity:** warning (an error with `--require-signoff`).

**What:** a party signed off an earlier version of the policy, not this
one.

**Why it matters:** a sign-off is an approval of exact content. Once a
threshold, a condition or even a description's words change, the other
team has not agreed to what the file now says. Comments and layout do not
count: `qualify fmt` and a new comment keep every sign-off current.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  id        text key
  employees number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 200
}

signoff sales "Tom" on 2026-01-30 digest "sha256:1111111111111111111111111111111111111111111111111111111111111111"
```

**How to fix:** once the party agrees with the policy as it stands, run
`qualify sign FILE --party sales --name "Tom"`. It replaces the line with
one for the current content and today's date.
"#,
);

pub const EXAMPLE_DEPENDS_ON_NOW: Code = warning(
    "Q0803",
    "example-depends-on-now",
    "an example without `as of` expects something that depends on the current time",
    r#"
**Severity:** warning (a lint).

**What:** an example without `as of` expects something that depends on the
current time: a condition with `now`, `within` or `days_since`, read
directly or through a define, score or stage, or an SLA the lead has
started but not ended (pending today, breached tomorrow).

**Why it matters:** such an example passes the day it is written and fails
some later day with no change to the policy, so CI breaks for no reason
and both teams learn to ignore failing examples. A reading of the time that
the example's lead makes missing anyway (`days_since(last_activity_at)` for
a lead with no `last_activity_at`) is not reported.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id     text "CRM lead id" key
  created_at  time
}

stage MQL "Marketing qualified lead" {
  requires created_at within 30 days "A fresh lead"
}

example "A lead from this month is an MQL" {
  lead { lead_id "N-1" created_at 2026-03-02T09:00:00Z }
  expect stage MQL
}
```

qualify reports: example "A lead from this month is an MQL" has no `as of`,
but this expectation depends on the current time, and points at the
`within` it depends on.

**How to fix:** give the example the moment it describes with `as of`.
`qualify check --as-of` and `qualify test --as-of` set "now" for examples
without one, which helps to try a date out, but the example itself should
say it.

```qual
example "A lead from this month is an MQL" {
  lead { lead_id "N-1" created_at 2026-03-02T09:00:00Z }
  as of 2026-03-10T12:00:00Z
  expect stage MQL
}
```
"#,
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
