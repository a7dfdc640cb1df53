//! unused-define: a define that nothing uses is either dead weight in the
//! agreement or a rule someone forgot to write.

use super::{Check, Declared, Lint, report_unused};
use crate::check::{Symbol, Usage};
use crate::diagnostic::{Code, Diagnostic, Severity};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0706",
        name: "unused-define",
        severity: Severity::Warning,
        summary: "a define nothing uses",
        lint: true,
        docs: r#"
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
    },
    check: Check::Usage(run),
};

fn run(declared: &Declared, usage: &Usage, out: &mut Vec<Diagnostic>) {
    report_unused(
        &LINT.code,
        |symbol| matches!(symbol, Symbol::Define(_)),
        "use it in a rule or stage, or remove it",
        declared,
        usage,
        out,
    );
}
