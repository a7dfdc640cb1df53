//! owner-field-mismatch: a stage one team decides depends on a field the
//! other team fills in, usually later ("MQL depends on `buying_cycle`,
//! which sales fills in after contact").

use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::Policy;

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0304",
        name: "owner-field-mismatch",
        severity: Severity::Warning,
        summary: "a stage owned by one team depends on a field the other team fills in",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a stage owned by one team depends on a field the other team fills
in.

**Why it matters:** marketing cannot decide an MQL on a value that sales
only enters after the first call: the stage would wait for the other team,
or never be reached at hand-over time.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  buying_cycle  bool? "A legitimate buying cycle exists" set by sales
}

stage MQL "Marketing qualified lead" {
  owner marketing
  requires demo_form
  requires buying_cycle
}
```

qualify reports: MQL depends on `buying_cycle`, which sales fills in.

**How to fix:** move the criterion to a stage the other team owns (or
change who owns the stage or fills in the field).

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  buying_cycle  bool? "A legitimate buying cycle exists" set by sales
}

stage MQL "Marketing qualified lead" {
  owner marketing
  requires demo_form
}

stage SQL "Sales qualified lead" {
  owner sales
  after MQL
  requires buying_cycle
}
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        let Some(owner) = stage.owner else { continue };
        for criterion in &stage.criteria {
            let mut fields = policy.reads(&criterion.condition, true).fields;
            fields.sort();
            for field_id in fields {
                let field = policy.field(field_id);
                let Some(filler) = field.set_by.filter(|filler| *filler != owner) else {
                    continue;
                };
                let (owner_name, filler_name) = (
                    &policy.parties[owner.0].name,
                    &policy.parties[filler.0].name,
                );
                out.push(
                    Diagnostic::new(
                        &LINT.code,
                        criterion.span,
                        format!("{} depends on `{}`, which {filler_name} fills in", stage.name, field.name),
                    )
                    .with_label(format!("{owner_name} decides {}, but this needs a field {filler_name} fills in", stage.name))
                    .with_note(field.span, format!("`set by {filler_name}`"))
                    .with_help(format!("move this criterion to a stage {filler_name} owns, or make {owner_name} the owner of `{}`", field.name)),
                );
            }
        }
    }
}
