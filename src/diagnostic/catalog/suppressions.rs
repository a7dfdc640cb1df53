//! Q09xx: `qualify.toml` and `# qualify: allow(…)` comments.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const SUPPRESSION_WITHOUT_REASON: Code = error(
    "Q0901",
    "suppression-without-reason",
    "a `# qualify: allow(…)` comment gives no reason",
    r#"
**Severity:** error.

**What:** a `# qualify: allow(…)` comment gives no reason.

**Why it matters:** allowing a lint hides a finding from both teams. The
reason tells the other team why that is fine, so they can agree to it.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  # qualify: allow(unused-field)
  country  text?
}
```

**How to fix:** add the reason after the closing parenthesis, separated by
a dash.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  # qualify: allow(unused-field) — the regional dashboards read this column
  country  text?
}
```
"#,
);

pub const UNKNOWN_LINT: Code = error(
    "Q0902",
    "unknown-lint",
    "a suppression or `qualify.toml` names a lint that does not exist or cannot be changed",
    r#"
**Severity:** error.

**What:** a suppression or `qualify.toml` names a lint that does not exist
or cannot be changed.

**Why it matters:** a misspelled lint name allows nothing, so the finding
stays. Errors (anything that is not a warning on this page) cannot be
allowed at all: they mean the policy cannot be read as written. The comment
must also read exactly `# qualify: allow(NAME) — reason`.

In `qualify.toml`, the same mistake stops `qualify check` with exit code 2
(see [cli.md](cli.md#qualifytoml)). In a comment, it is reported like this:

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  # qualify: allow(unused-feild) — the regional dashboards read this column
  country  text?
}
```

qualify reports: `unused-feild` is not a lint; did you mean
`unused-field`?

**How to fix:** use the name (or code) of a lint from this page.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  # qualify: allow(unused-field) — the regional dashboards read this column
  country  text?
}
```
"#,
);
