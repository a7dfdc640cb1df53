//! Q03xx: stages.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const AFTER_LATER_STAGE: Code = error(
    "Q0301",
    "after-later-stage",
    "a stage depends on itself or on a stage declared after it",
    r#"
**Severity:** error.

**What:** a stage depends on itself or on a stage declared after it.

**Why it matters:** stages are decided in the order they are written. A
stage cannot wait for one that is only decided later: the funnel would run
backwards.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id            text "CRM lead id" key
  demo_form          bool
  sales_can_contact  bool?
}

stage SAL "Sales accepted lead" {
  after MQL
  requires sales_can_contact
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```

qualify reports: stage `SAL` depends on `MQL`, which is decided after it.

**How to fix:** write the stages in funnel order: each stage below the
stages it depends on.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id            text "CRM lead id" key
  demo_form          bool
  sales_can_contact  bool?
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

pub const DUPLICATE_CLAUSE: Code = error(
    "Q0305",
    "duplicate-clause",
    "a clause that may appear once appears twice",
    r#"
**Severity:** error.

**What:** a clause that may appear once appears twice.

**Why it matters:** with two `owner` lines (or two `within` lines in an
SLA), the agreement says two different things, and nobody can tell which
one counts. Only `requires`, `hours` and `holiday` may repeat.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  owner marketing
  owner sales
  requires demo_form
}
```

**How to fix:** keep one of them: the one both teams agreed on.

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
