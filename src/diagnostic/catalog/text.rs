//! Q00xx: the text does not follow the language.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const SYNTAX_ERROR: Code = error(
    "Q0001",
    "syntax-error",
    "the text does not follow the policy language at this point",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** the text does not follow the policy language at this point.

**Why it matters:** qualify cannot tell what the policy says, so it cannot
check, explain or apply any of it. The message says what qualify expected
to find, and where.

**Example:**

```qual-invalid
stage SAL "Sales accepted lead" {
  after MQL, PQL
  requires sales_can_contact
}
```

qualify reports: expected `}`, `owner`, `after`, `requires` or `or` in
stage `SAL`, found `,`.

**How to fix:** write what the message asks for. Here, separate the
prerequisite stages with `or`:

```qual
stage SAL "Sales accepted lead" {
  after MQL or PQL
  requires sales_can_contact
}
```
"#,
);

pub const UNTERMINATED_STRING: Code = error(
    "Q0002",
    "unterminated-string",
    "a text in quotes has no closing quote on its line",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a text in quotes has no closing quote on its line.

**Why it matters:** everything after the opening quote would be read as
part of the text, so the rest of the line (here, the condition) disappears
from the agreement.

**Example:**

```qual-invalid
undesirable "Competitor employee if company in competitors
```

**How to fix:** add the closing `"` where the text ends. A text must end on
the line where it starts; write `\n` if you need a line break inside it.

```qual
undesirable "Competitor employee" if company in competitors
```
"#,
);

pub const INVALID_ESCAPE: Code = error(
    "Q0003",
    "invalid-escape",
    "a backslash in a text is followed by something other than a known escape",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a backslash in a text is followed by something other than a
known escape.

**Why it matters:** inside quotes, a backslash has a special meaning (`\"`,
`\\`, `\n`, `\t`, `\u{…}`). This mostly happens in `matches` patterns,
where the pattern would silently mean something else.

**Example:**

```qual-invalid
define internal_test_lead "Test leads from our QA team" =
  email matches "^test\d+@acme\.example$"
```

**How to fix:** write every backslash of a pattern twice: `\\d` for `\d`,
`\\.` for `\.`.

```qual
define internal_test_lead "Test leads from our QA team" =
  email matches "^test\\d+@acme\\.example$"
```
"#,
);

pub const INVALID_DATE: Code = error(
    "Q0004",
    "invalid-date",
    "a date that is not on the calendar, such as 2026-02-30",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a date that is not on the calendar, such as 2026-02-30.

**Why it matters:** a date that does not exist cannot start an agreement,
mark a holiday or fill in an example.

**Example:**

```qual-invalid
policy "Northwind" {
  version "2026.1"
  effective 2026-02-30
  party marketing "Priya Natarajan"
  party sales "Tom Becker"
}
```

qualify reports: `2026-02-30` is not a date on the calendar (February 2026
has days 01 to 28).

**How to fix:** write a real date as `YYYY-MM-DD`.

```qual
policy "Northwind" {
  version "2026.1"
  effective 2026-03-01
  party marketing "Priya Natarajan"
  party sales "Tom Becker"
}
```
"#,
);

pub const INVALID_TIME: Code = error(
    "Q0005",
    "invalid-time",
    "an instant that is not a valid RFC 3339 time",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** an instant that is not a valid RFC 3339 time.

**Why it matters:** a time without a time zone could mean several different
moments, hours apart. That changes whether an SLA was met.

**Example:**

```qual-invalid
example "Demo request" {
  lead { id "L-1" demo_form true created_at 2026-03-02T09:00:00 }
  expect stage MQL
}
```

qualify reports: a time needs a zone: `Z` for UTC or an offset such as
`+03:00`.

**How to fix:** add the zone: `Z` for UTC, or the offset from UTC.

```qual
example "Demo request" {
  lead { id "L-1" demo_form true created_at 2026-03-02T09:00:00Z }
  expect stage MQL
}
```
"#,
);

pub const INVALID_NUMBER: Code = error(
    "Q0006",
    "invalid-number",
    "a number too large to be used",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a number too large to be used.

**Why it matters:** numbers this large cannot be computed exactly, so
comparisons with them would not mean what they say. It is usually a typing
mistake (extra zeros).

**Example:**

```qual-invalid
score fit {
  +10 if employees > 10000000000000000
}
```

**How to fix:** use a number below 1,000,000,000,000,000. Group digits with
`_` to make long numbers easy to read.

```qual
score fit {
  +10 if employees > 10_000
}
```
"#,
);

pub const NESTING_TOO_DEEP: Code = error(
    "Q0007",
    "nesting-too-deep",
    "brackets or parentheses nested more deeply than qualify reads",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** brackets or parentheses nested more deeply than qualify reads.

**Why it matters:** no person can check a condition nested this deeply, so
neither team could really agree to it. (qualify reads up to 48 levels of
brackets, and conditions up to 96 levels deep.)

**Example:**

```qual-invalid
define demo_requested =
  (((((((((((((((((((((((((((((((((((((((((((((((((demo_form)))))))))))))))))))))))))))))))))))))))))))))))))
```

**How to fix:** remove the extra parentheses, and split long conditions
into named `define`s that you combine.

```qual
define demo_requested = demo_form
```
"#,
);

pub const INVALID_CLOCK_TIME: Code = error(
    "Q0008",
    "invalid-clock-time",
    "an hour of the day outside 00:00 to 24:00 in a calendar",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** an hour of the day outside 00:00 to 24:00 in a calendar.

**Why it matters:** business hours count only the opening hours of a
calendar; a time that does not exist makes every business-hours SLA on that
calendar meaningless.

**Example:**

```qual-invalid
calendar office "Office hours" {
  timezone "Europe/Istanbul"
  hours mon-fri 09:00-18:60
}
```

**How to fix:** write `HH:MM` from `00:00` to `23:59`, or `24:00` for the
end of the day.

```qual
calendar office "Office hours" {
  timezone "Europe/Istanbul"
  hours mon-fri 09:00-18:30
}
```
"#,
);

pub const RESERVED_WORD: Code = error(
    "Q0009",
    "reserved-word",
    "a word of the language used where a name is expected",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a word of the language used where a name is expected.

**Why it matters:** words such as `key`, `missing` or `within` carry
meaning inside fields and conditions, so qualify cannot tell them apart
from a name. The reserved words are listed in
[language.md](language.md#names-and-reserved-words).

**Example:**

```qual-invalid
fields {
  id   text "CRM lead id" key
  key  text?
}
```

**How to fix:** choose another name, such as `account_key`.

```qual
fields {
  id           text "CRM lead id" key
  account_key  text?
}
```
"#,
);

pub const SINGLE_EQUALS: Code = error(
    "Q0010",
    "single-equals",
    "`=` used to compare two values",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** `=` used to compare two values.

**Why it matters:** a single `=` only names a `list` or a `define`. In a
condition qualify cannot guess whether you meant "equal", "at least" or "at
most". The same code covers `=>` and `=<` written for `>=` and `<=`.

**Example:**

```qual-invalid
stage PQL "Product qualified lead" {
  requires lead_source = "inbound"
}
```

**How to fix:** compare with `==` or `is` (or `>=`, `<=`).

```qual
stage PQL "Product qualified lead" {
  requires lead_source is "inbound"
}
```
"#,
);

pub const UNSIGNED_POINTS: Code = error(
    "Q0011",
    "unsigned-points",
    "a score rule whose points have no `+` or `-`",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a score rule whose points have no `+` or `-`.

**Why it matters:** the sign says whether a rule adds or takes away points,
and it is how qualify sees where a new rule starts.

**Example:**

```qual-invalid
score engagement {
  30 if demo_form
}
```

**How to fix:** start the rule with `+` to add points or `-` to subtract
them.

```qual
score engagement {
  +30 if demo_form
}
```
"#,
);

pub const UNCLOSED_BLOCK: Code = error(
    "Q0012",
    "unclosed-block",
    "a block opened with `{` that is never closed",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a block opened with `{` that is never closed.

**Why it matters:** without the `}`, everything after it would belong to
the open block: here the SAL stage would become part of MQL.

**Example:**

```qual-invalid
stage MQL "Marketing qualified lead" {
  requires profile_complete

stage SAL "Sales accepted lead" {
  after MQL
  requires sales_can_contact
}
```

qualify reports: expected `}` to close stage `MQL` (opened on line 1).

**How to fix:** add `}` where the block ends.

```qual
stage MQL "Marketing qualified lead" {
  requires profile_complete
}

stage SAL "Sales accepted lead" {
  after MQL
  requires sales_can_contact
}
```
"#,
);

pub const UNKNOWN_KEYWORD: Code = error(
    "Q0013",
    "unknown-keyword",
    "a misspelled or unknown keyword where an item or clause starts",
    r#"
**Severity:** error (the file does not parse; exit code 2).

**What:** a misspelled or unknown keyword where an item or clause starts.

**Why it matters:** qualify does not know what the line is meant to be. The
message suggests the keyword you most likely meant.

**Example:**

```qual-invalid
stage MQL "Marketing qualified lead" {
  requries profile_complete
}
```

qualify reports: unknown word `requries`; did you mean `requires`?

**How to fix:** spell the keyword as suggested.

```qual
stage MQL "Marketing qualified lead" {
  requires profile_complete
}
```
"#,
);
