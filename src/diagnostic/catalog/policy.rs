//! Q07xx: the policy as a whole.
//!
//! Each code carries its section of docs/lints.md, from its severity to
//! how to fix it.

use super::{Code, error};

pub const MISSING_HEADER: Code = error(
    "Q0701",
    "missing-header",
    "the file has no `policy` header or no `fields`, or has two",
    r#"
**Severity:** error.

**What:** the file has no `policy` header or no `fields`, or has two.

**Why it matters:** the header says what the agreement is and who signs it;
the `fields` block says what a lead record holds. With none, or two that
might disagree, the policy cannot be read as one agreement.

**Example:**

```qual-invalid
fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```

qualify reports: this policy has no `policy` header.

**How to fix:** start the file with one `policy` header, and keep all
fields in one `fields` block.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  demo_form  bool
}

stage MQL "Marketing qualified lead" {
  requires demo_form
}
```
"#,
);

pub const MISSING_VERSION: Code = error(
    "Q0702",
    "missing-version",
    "the policy header has no `version`",
    r#"
**Severity:** error.

**What:** the policy header has no `version`.

**Why it matters:** both teams sign a particular version. Without one,
nobody can tell which agreement a result or a sign-off refers to.

**Example:**

```qual-invalid
policy "Northwind" {
  party marketing "Priya Natarajan"
  party sales "Tom Becker"
}

fields {
  lead_id  text "CRM lead id" key
}
```

**How to fix:** add a `version` line, and change it with each agreed
revision.

```qual
policy "Northwind" {
  version "2026.1"
  party marketing "Priya Natarajan"
  party sales "Tom Becker"
}

fields {
  lead_id  text "CRM lead id" key
}
```
"#,
);

pub const MISSING_PARTIES: Code = error(
    "Q0703",
    "missing-parties",
    "the policy header names no `party`",
    r#"
**Severity:** error.

**What:** the policy header names no `party`.

**Why it matters:** an agreement needs the teams that agree to it. Owners,
`set by` and sign-offs all refer to parties.

**Example:**

```qual-invalid
policy "Northwind" {
  version "2026.1"
}

fields {
  lead_id  text "CRM lead id" key
}
```

**How to fix:** name each team that signs, with who speaks for it.

```qual
policy "Northwind" {
  version "2026.1"
  party marketing "Priya Natarajan"
  party sales "Tom Becker"
}

fields {
  lead_id  text "CRM lead id" key
}
```
"#,
);

pub const MULTIPLE_KEYS: Code = error(
    "Q0707",
    "multiple-keys",
    "more than one field is marked `key`",
    r#"
**Severity:** error.

**What:** more than one field is marked `key`.

**Why it matters:** results are reported by the key. With two keys, nobody
knows which id to look up in the CRM.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id     text "CRM lead id" key
  contact_id  text "CRM contact id" key
}
```

**How to fix:** keep `key` on one field.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
}
```
"#,
);

pub const MISSING_SIGNOFF: Code = error(
    "Q0709",
    "missing-signoff",
    "with `--require-signoff`: a party has not signed off the policy",
    r#"
**Severity:** error, reported only by `qualify check --require-signoff`.

**What:** a party declared in the policy header has no `signoff` line.

**Why it matters:** on the main branch, the policy in force must be the one
both teams approved. `--require-signoff` in CI makes sure nobody merges an
agreement one side never saw.

**Example** (checked with `--require-signoff`):

```qual-invalid --require-signoff
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  id        text key
  employees number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 200
}
```

**How to fix:** each party runs `qualify sign FILE --party PARTY --name
"Their Name"` once they agree; the lines are part of the pull request.
"#,
);
