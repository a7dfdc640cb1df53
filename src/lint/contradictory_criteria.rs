//! contradictory-criteria: a stage's criteria ask for a field to be, say,
//! above 100 and below 50 at once, so no lead can reach the stage.

use super::facts::{conjuncts, contradiction, describe};
use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::Policy;

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0303",
        name: "contradictory-criteria",
        severity: Severity::Warning,
        summary: "a stage's criteria cannot all hold at once",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a stage's criteria cannot all hold at once.

**Why it matters:** every `requires` of a stage must hold. If one asks for
more than 1,000 employees and another for fewer than 200, no lead can reach
the stage.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > 1000     "Enterprise company"
  requires employees < 200      "Small business"
}
```

**How to fix:** check the limits. If either kind of company qualifies, say
so with `or` in one criterion.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees > 1000 or employees < 200  "Enterprise or small business"
}
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        let mut parts = Vec::new();
        for criterion in &stage.criteria {
            conjuncts(policy, &criterion.condition, &mut parts);
        }
        let Some((field, conflict, part)) = contradiction(&parts) else {
            continue;
        };
        let name = &policy.field(field).name;
        // The criterion holding the part that made the criteria impossible.
        let span = stage
            .criteria
            .iter()
            .find(|criterion| {
                criterion.span.start <= part.span.start && part.span.end <= criterion.span.end
            })
            .map_or(part.span, |criterion| criterion.span);
        out.push(
            Diagnostic::new(
                &LINT.code,
                span,
                format!(
                    "no lead can reach {}: its criteria need `{name}` to be {}",
                    stage.name,
                    describe(&conflict)
                ),
            )
            .with_label("these criteria cannot all hold")
            .with_help(format!(
                "check the limits on `{name}`: every `requires` of a stage must hold at once"
            )),
        );
    }
}
