//! Q01xx: names: unknown, duplicated or circular.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const UNKNOWN_NAME: Code = error(
    "Q0101",
    "unknown-name",
    "a condition uses a name that is not declared",
    r#"
**Severity:** error.

**What:** a condition uses a name that is not declared.

**Why it matters:** usually a typing mistake. qualify cannot know which
field, list, define, score or stage you meant, so the rule could not be
applied to any lead.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires emplyees > 200
}
```

qualify reports: unknown name `emplyees`; did you mean `employees`?

**How to fix:** correct the spelling, or declare what the name stands for
(a field in `fields`, a `list`, a `define`, a `score` or a `stage`).

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

pub const UNKNOWN_STAGE: Code = error(
    "Q0102",
    "unknown-stage",
    "a stage is named that the policy does not declare",
    r#"
**Severity:** error.

**What:** a stage is named that the policy does not declare.

**Why it matters:** in `after`, `blocks` or an `expect` line, a misspelled
stage would leave the funnel without the step both teams agreed on.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
  sales_can_contact bool?
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}

stage SAL "Sales accepted lead" {
  after MLQ
  requires sales_can_contact
}
```

**How to fix:** use the name of a declared stage.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
  sales_can_contact bool?
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}

stage SAL "Sales accepted lead" {
  after MQL
  requires sales_can_contact
}
```
"#,
);

pub const UNKNOWN_CALENDAR: Code = error(
    "Q0103",
    "unknown-calendar",
    "a calendar is named that the policy does not declare",
    r#"
**Severity:** error.

**What:** a calendar is named that the policy does not declare.

**Why it matters:** business hours are counted on a calendar. Without it,
nobody can say when the SLA is due.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 business hours on ofice
}
```

**How to fix:** name a declared `calendar`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

calendar office "Office hours" {
  timezone "America/Chicago"
  hours mon-fri 08:00-17:00
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 business hours on office
}
```
"#,
);

pub const UNKNOWN_PARTY: Code = error(
    "Q0104",
    "unknown-party",
    "a party is named that the policy header does not declare",
    r#"
**Severity:** error.

**What:** a party is named that the policy header does not declare.

**Why it matters:** `owner`, `set by` and `signoff` say which team is
responsible. A team that is not a `party` in the header has not agreed to
the policy.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  owner marketing_ops
  requires demo_form
}
```

**How to fix:** use a party declared in the header, or add the party there.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  owner marketing
  requires demo_form
}
```
"#,
);

pub const UNKNOWN_SCORE: Code = error(
    "Q0105",
    "unknown-score",
    "a score is named that the policy does not declare",
    r#"
**Severity:** error.

**What:** a score is named that the policy does not declare.

**Why it matters:** an example that checks a score that does not exist
tests nothing.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

score engagement {
  +30 if demo_form
}

example "Demo request" {
  lead { lead_id "L-1" demo_form true }
  expect score engagment 30
}
```

**How to fix:** name a declared `score`.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

score engagement {
  +30 if demo_form
}

example "Demo request" {
  lead { lead_id "L-1" demo_form true }
  expect score engagement 30
}
```
"#,
);

pub const UNKNOWN_FIELD: Code = error(
    "Q0106",
    "unknown-field",
    "a field is named that `fields` does not declare",
    r#"
**Severity:** error.

**What:** a field is named that `fields` does not declare.

**Why it matters:** SLAs, targets and example leads read fields by name. A
field that is not declared is not in the lead record, so the SLA clock or
the example value would be lost.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touched_at
  within 4 hours
}
```

**How to fix:** use the name of a declared field, or declare the field.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  mql_at          time?
  first_touch_at  time?
}

sla "MQL follow-up" {
  owner sales
  from mql_at to first_touch_at
  within 4 hours
}
```
"#,
);

pub const UNKNOWN_FUNCTION: Code = error(
    "Q0107",
    "unknown-function",
    "a function that qualify does not have",
    r#"
**Severity:** error.

**What:** a function that qualify does not have.

**Why it matters:** qualify has five functions: `domain`, `lower`,
`length`, `days_since` and `count`. Any other name cannot be computed.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

undesirable "Personal e-mail address" if domian(email) in ["gmail.com", "yahoo.com"]
```

qualify reports: there is no function `domian`; did you mean `domain`?

**How to fix:** use one of the five functions.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

undesirable "Personal e-mail address" if domain(email) in ["gmail.com", "yahoo.com"]
```
"#,
);

pub const DUPLICATE_NAME: Code = error(
    "Q0108",
    "duplicate-name",
    "two things are declared with the same name",
    r#"
**Severity:** error.

**What:** two things are declared with the same name.

**Why it matters:** when a rule says `engagement`, it must be clear whether
it means the field or the score. Fields, lists, defines, scores and stages
share one set of names; calendars, SLAs, targets, examples and undesirable
reasons must each be unique within their kind.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id     text "CRM lead id" key
  engagement  number "Engagement score from the marketing tool"
}

score engagement {
  +1 per engagement up to 50
}
```

**How to fix:** rename one of them.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id         text "CRM lead id" key
  tool_engagement number "Engagement score from the marketing tool"
}

score engagement {
  +1 per tool_engagement up to 50
}
```
"#,
);

pub const CIRCULAR_DEFINITION: Code = error(
    "Q0109",
    "circular-definition",
    "a define, score or stage depends on itself",
    r#"
**Severity:** error.

**What:** a define, score or stage depends on itself (also an example that
is, through `like`, like itself).

**Why it matters:** a rule defined in terms of itself has no answer: no
lead could ever be evaluated.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id          text "CRM lead id" key
  demo_form        bool
  visited_pricing  bool
}

define hot_lead = warm_lead and demo_form
define warm_lead = hot_lead or visited_pricing

stage MQL "Marketing qualified lead" {
  requires hot_lead
}
```

qualify reports: `hot_lead` depends on itself: `hot_lead` → `warm_lead` →
`hot_lead`.

**How to fix:** break the circle: define one of them without the other.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id          text "CRM lead id" key
  demo_form        bool
  visited_pricing  bool
}

define warm_lead = demo_form or visited_pricing
define hot_lead = warm_lead and demo_form

stage MQL "Marketing qualified lead" {
  requires hot_lead
}
```
"#,
);

pub const UNKNOWN_EXAMPLE: Code = error(
    "Q0110",
    "unknown-example",
    "`like` names an example that does not exist",
    r#"
**Severity:** error.

**What:** `like` names an example that does not exist.

**Why it matters:** the example's lead is copied from the other example. If
that one cannot be found, the lead is incomplete and the example tests
nothing.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}

example "Demo request is an MQL" {
  lead { lead_id "L-1" demo_form true }
  expect stage MQL
}

example "No demo request, no MQL" like "Demo request" {
  lead { demo_form false }
  expect stage none
}
```

**How to fix:** write the other example's name exactly as it is declared.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}

example "Demo request is an MQL" {
  lead { lead_id "L-1" demo_form true }
  expect stage MQL
}

example "No demo request, no MQL" like "Demo request is an MQL" {
  lead { demo_form false }
  expect stage none
}
```
"#,
);

pub const UNKNOWN_REASON: Code = error(
    "Q0111",
    "unknown-reason",
    "an example expects an undesirable or SLA the policy does not declare",
    r#"
**Severity:** error.

**What:** an example expects an undesirable or SLA the policy does not
declare.

**Why it matters:** `expect disqualified`, `expect undesirable` and
`expect sla` name a reason or an SLA word for word. A slightly different
wording would never match, so the example could not pass.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

undesirable "Personal e-mail address" if domain(email) in ["gmail.com", "yahoo.com"]

example "Gmail address is disqualified" {
  lead { lead_id "L-1" email "ana@gmail.com" }
  expect disqualified "Personal email address"
}
```

**How to fix:** copy the reason (or the SLA's name) exactly.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

undesirable "Personal e-mail address" if domain(email) in ["gmail.com", "yahoo.com"]

example "Gmail address is disqualified" {
  lead { lead_id "L-1" email "ana@gmail.com" }
  expect disqualified "Personal e-mail address"
}
```
"#,
);
