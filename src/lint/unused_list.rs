//! unused-list: a list that nothing reads has no effect, though readers of
//! the agreement may think it does.

use super::{Check, Declared, Lint, report_unused};
use crate::check::{Symbol, Usage};
use crate::diagnostic::{Code, Diagnostic, Severity};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0705",
        name: "unused-list",
        severity: Severity::Warning,
        summary: "a list nothing uses",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a list nothing uses.

**Why it matters:** a list that no rule reads has no effect, though readers
of the agreement may think it does.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

list personal_domains "Free e-mail providers" = ["gmail.com", "yahoo.com"]

undesirable "Personal e-mail address" if domain(email) in ["gmail.com", "yahoo.com"]
```

**How to fix:** use the list with `in` or `any`, or remove it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  email    email?
}

list personal_domains "Free e-mail providers" = ["gmail.com", "yahoo.com"]

undesirable "Personal e-mail address" if domain(email) in personal_domains
```
"#,
    },
    check: Check::Usage(run),
};

fn run(declared: &Declared, usage: &Usage, out: &mut Vec<Diagnostic>) {
    report_unused(
        &LINT.code,
        |symbol| matches!(symbol, Symbol::List(_)),
        "use it with `in` or `any`, or remove it",
        declared,
        usage,
        out,
    );
}
