//! unused-field: a field that no rule, stage, SLA or target uses is either
//! dead weight in the agreement or a rule someone forgot to write.

use super::{Check, Declared, Lint, report_unused};
use crate::check::{Symbol, Usage};
use crate::diagnostic::{Code, Diagnostic, Severity};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0704",
        name: "unused-field",
        severity: Severity::Warning,
        summary: "a field no rule, stage, SLA or target uses",
        lint: true,
        docs: r#"
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
    },
    check: Check::Usage(run),
};

fn run(declared: &Declared, usage: &Usage, out: &mut Vec<Diagnostic>) {
    report_unused(
        &LINT.code,
        |symbol| matches!(symbol, Symbol::Field(_)),
        "use it in a rule, stage, SLA or target, or remove it from `fields` (columns the export has but the policy does not declare are ignored)",
        declared,
        usage,
        out,
    );
}
