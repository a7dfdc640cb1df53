//! stale-signoff: a party's latest sign-off approved other content than the
//! policy now has, so that party has not agreed to what the file says.
//! Telling a current sign-off from a stale one is `crate::signoff`'s work
//! (against the content digest, which needs the formatter, a later stage),
//! the help names the file to sign, which lints never see, and with
//! `--require-signoff` the finding is an error whatever the levels say. So
//! `crate::signoff` finds the stale sign-offs and words each with
//! [`diagnostic`].

use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{Party, Signoff};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0708",
        name: "stale-signoff",
        severity: Severity::Warning,
        summary: "a party signed off an earlier version of the policy, not this one",
        lint: true,
        docs: r#"
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
    },
    check: Check::SignOff,
};

/// The warning for `party`'s latest sign-off, which approved an earlier
/// version; `sign` tells how to sign this one.
pub fn diagnostic(party: &Party, signoff: &Signoff, sign: &str) -> Diagnostic {
    Diagnostic::new(
        &LINT.code,
        signoff.span,
        format!(
            "{} ({}) approved an earlier version on {}; ask for a new sign-off",
            party.name, signoff.name, signoff.date
        ),
    )
    .with_label("this sign-off is for different content")
    .with_help(format!(
        "{sign}; comments and layout never need a new sign-off, only changes in meaning"
    ))
}
