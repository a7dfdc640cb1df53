//! Q02xx: kinds of values: numbers, texts, times, lists.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const TYPE_MISMATCH: Code = error(
    "Q0201",
    "type-mismatch",
    "two values of different kinds are compared or combined",
    r#"
**Severity:** error.

**What:** two values of different kinds are compared or combined.

**Why it matters:** a number is never equal to a text, and a text is never
"larger" than another in a way both teams would agree on. Such a rule is
always false, or means nothing.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > "200"
}
```

qualify reports: a number is compared with a text.

**How to fix:** compare like with like: numbers without quotes, texts in
quotes. `<`, `<=`, `>` and `>=` work on numbers, dates, times and
durations; compare texts with `is`, `is not` or `in`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > 200
}
```
"#,
);

pub const NOT_A_CONDITION: Code = error(
    "Q0202",
    "not-a-condition",
    "a value is used where a yes/no condition is needed",
    r#"
**Severity:** error.

**What:** a value is used where a yes/no condition is needed.

**Why it matters:** `requires`, `if` and `applies to` need something that
is true or false. "Requires employees" does not say how many.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees
}
```

**How to fix:** write a test: a comparison, or `is present`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 50
}
```
"#,
);

pub const NOT_TEXT: Code = error(
    "Q0203",
    "not-text",
    "a text test is applied to something that is not text",
    r#"
**Severity:** error.

**What:** a text test is applied to something that is not text.

**Why it matters:** `contains`, `starts with`, `ends with` and `matches`
look at letters. A number or a yes/no has none, so the test would never do
what was meant.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees contains "000"
}
```

**How to fix:** use text tests on text fields, and comparisons on numbers.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 1000
}
```
"#,
);

pub const NOT_AN_EMAIL: Code = error(
    "Q0204",
    "not-an-email",
    "`domain(…)` is applied to something that is not an e-mail field",
    r#"
**Severity:** error.

**What:** `domain(…)` is applied to something that is not an e-mail field.

**Why it matters:** only an e-mail address has a domain. Declaring the
field as `email` also tells both teams what the field holds.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  contact_mail  text?
}

undesirable "Personal e-mail address" if domain(contact_mail) in ["gmail.com", "yahoo.com"]
```

**How to fix:** declare the field with the type `email`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  contact_mail  email?
}

undesirable "Personal e-mail address" if domain(contact_mail) in ["gmail.com", "yahoo.com"]
```
"#,
);

pub const NOT_A_NUMBER: Code = error(
    "Q0205",
    "not-a-number",
    "arithmetic, `per` or `between` on something that is not a number",
    r#"
**Severity:** error.

**What:** arithmetic, `per` or `between` on something that is not a number.

**Why it matters:** points "per" something need a count. A yes/no field
cannot be counted, so the rule would give no points or make no sense.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

score engagement {
  +30 per demo_form
}
```

qualify reports: `per` counts a number, not a yes/no.

**How to fix:** use `per` with a number field; for a yes/no, use `if`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

score engagement {
  +30 if demo_form
}
```
"#,
);

pub const NOT_A_TIME: Code = error(
    "Q0206",
    "not-a-time",
    "`within` or `days_since` on something that is not a time",
    r#"
**Severity:** error.

**What:** `within` or `days_since` on something that is not a time.

**Why it matters:** "within 30 days" and "days since" only make sense for a
moment in time, such as a date or a timestamp field.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id        text "CRM lead id" key
  last_activity  text?  "Date of the last activity, as the CRM shows it"
}

score actions {
  -20 if days_since(last_activity) > 90
}
```

**How to fix:** declare the field as `time` (or `date`) and use it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id           text "CRM lead id" key
  last_activity_at  time?  "Most recent tracked activity"
}

score actions {
  -20 if days_since(last_activity_at) > 90
}
```
"#,
);

pub const VALUE_NOT_ALLOWED: Code = error(
    "Q0207",
    "value-not-allowed",
    "a `one of` field is compared with a value outside its list",
    r#"
**Severity:** error.

**What:** a `one of` field is compared with a value outside its list.

**Why it matters:** the field can only hold the values in its list, so the
comparison can never be true. It is almost always a typing mistake.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id      text "CRM lead id" key
  lead_source  one of ["inbound", "event", "outbound", "partner"]
}

score channel {
  +20 if lead_source is "inbund"
}
```

qualify reports: `lead_source` is never "inbund" (did you mean
`"inbound"`?).

**How to fix:** use one of the field's values, or add the value to the
field's `one of` list.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id      text "CRM lead id" key
  lead_source  one of ["inbound", "event", "outbound", "partner"]
}

score channel {
  +20 if lead_source is "inbound"
}
```
"#,
);

pub const WRONG_ARGUMENTS: Code = error(
    "Q0208",
    "wrong-arguments",
    "a function is given the wrong number or kind of arguments",
    r#"
**Severity:** error.

**What:** a function is given the wrong number or kind of values.

**Why it matters:** each function takes exactly one value of a certain
kind: `lower(TEXT)`, `length(TEXT or LIST)`, `count(LIST)`. Anything else
has no answer.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
  company  text?
}

undesirable "Test lead" if lower(title, company) == "test"
```

qualify reports: `lower` takes one value, not 2.

**How to fix:** give the function one value of the right kind.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
  company  text?
}

undesirable "Test lead" if lower(title) == "test" or lower(company) == "test"
```
"#,
);

pub const INVALID_REGEX: Code = error(
    "Q0209",
    "invalid-regex",
    "a `matches` pattern is not a valid regular expression",
    r#"
**Severity:** error.

**What:** a `matches` pattern is not a valid regular expression.

**Why it matters:** a broken pattern cannot match anything, so the rule
would silently never apply.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

define senior_title = title matches "^(VP|Director"

stage MQL "Marketing qualified lead" {
  requires senior_title
}
```

**How to fix:** close every bracket, and write `\\` before special
characters you mean literally (`\\.` for a dot).

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

define senior_title = title matches "^(VP|Director)"

stage MQL "Marketing qualified lead" {
  requires senior_title
}
```
"#,
);

pub const NOT_A_LIST: Code = error(
    "Q0210",
    "not-a-list",
    "`in` or `any` is followed by something that is not a list",
    r#"
**Severity:** error.

**What:** `in` or `any` is followed by something that is not a list.

**Why it matters:** "in" asks whether a value is one of several. A single
field or define is not a set of values to look in.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  country       text?
  home_country  text?
}

score fit {
  +5 if country in home_country
}
```

**How to fix:** name a `list`, write a list in brackets, or compare with
`is` if you meant one value.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  country       text?
  home_country  text?
}

score fit {
  +5 if country is home_country
}
```
"#,
);

pub const MIXED_LIST: Code = error(
    "Q0211",
    "mixed-list",
    "a list mixes kinds of values, such as texts and numbers",
    r#"
**Severity:** error.

**What:** a list mixes kinds of values, such as texts and numbers (the
values of `one of` must all be texts).

**Why it matters:** a list is compared with one kind of value. `"50"` in
quotes is a text, not the number 50, so it would never match a number.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

list company_sizes "Sizes in our price list" = [10, "50", 200]

score fit {
  +10 if employees in company_sizes
}
```

**How to fix:** keep one kind of value per list: numbers without quotes,
texts in quotes.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

list company_sizes "Sizes in our price list" = [10, 50, 200]

score fit {
  +10 if employees in company_sizes
}
```
"#,
);
