//! Q08xx: examples.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const EXAMPLE_VALUE: Code = error(
    "Q0801",
    "example-value",
    "an example lead gives a field a value of the wrong kind",
    r#"
**Severity:** error.

**What:** an example lead gives a field a value of the wrong kind.

**Why it matters:** a real lead record could never hold that value, so the
example would not show how the policy treats real leads. A number in
quotes, for example, is a text.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 200
}

example "Mid-size company is an MQL" {
  lead { lead_id "L-1" employees "800" }
  expect stage MQL
}
```

qualify reports: `employees` takes a number.

**How to fix:** give a value like the ones the CRM export holds for this
field: numbers without quotes, texts in quotes, `true`/`false`, dates,
times with a zone, or one of a `one of` field's values.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 200
}

example "Mid-size company is an MQL" {
  lead { lead_id "L-1" employees 800 }
  expect stage MQL
}
```
"#,
);

pub const FAILING_EXAMPLE: Code = error(
    "Q0802",
    "failing-example",
    "an example's expectation does not hold for its lead",
    r#"
**Severity:** error.

**What:** an example's expectation does not hold for its lead.

**Why it matters:** examples are how both teams write down what they agreed
a lead should get. When one fails, either the policy does not do what the
teams meant, or the example is out of date. `qualify check` runs every
example, so a pull request that breaks one fails in CI. `qualify test`
shows the failing lead's whole explanation.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id          text "CRM lead id" key
  demo_form        bool
  visited_pricing  bool
}

score engagement "How strongly the lead engaged with us" {
  +30 if demo_form        "Filled in the demo form"
  +15 if visited_pricing  "Visited the pricing page"
}

stage MQL "Marketing qualified lead" {
  requires engagement >= 40 "Engaged enough to hand over"
}

example "Demo request with pricing visit" {
  lead { lead_id "N-1" demo_form true visited_pricing true }
  expect stage MQL
  expect score engagement 50
}
```

**How to fix:** 30 + 15 is 45. Correct the example (or the rule, if 50 was
what the teams agreed):

```qual
example "Demo request with pricing visit" {
  lead { lead_id "N-1" demo_form true visited_pricing true }
  expect stage MQL
  expect score engagement 45
}
```
"#,
);
