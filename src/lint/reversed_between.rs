//! reversed-between: `x between 10 and 5`. `between` takes the smaller
//! bound first, so reversed bounds hold for no value at all.

use super::{Check, Lint, every_expr};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{CompareOp, ExprKind, Policy, Value};
use crate::number;

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0212",
        name: "reversed-between",
        severity: Severity::Warning,
        summary: "`between` with the larger bound first, which holds for no value",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a `between` with the larger bound first.

**Why it matters:** `between` takes the smaller bound first and includes
both ends. With the bounds the wrong way round the test holds for no value
at all, so the criterion or rule never applies.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id    text "CRM lead id" key
  employees  number?
}

stage MQL "Marketing qualified lead" {
  requires employees between 5000 and 200 "Mid-market company"
}
```

qualify reports: `between 5000 and 200` holds for no value: the smaller
bound comes first.

**How to fix:** put the smaller bound first: `employees between 200 and
5000`.
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for expr in every_expr(policy) {
        let ExprKind::Between { low, high, .. } = &expr.kind else {
            continue;
        };
        let (ExprKind::Const(Value::Number(low)), ExprKind::Const(Value::Number(high))) =
            (&low.kind, &high.kind)
        else {
            continue;
        };
        if number::holds(CompareOp::Gt, *low, *high) {
            let (low, high) = (number::digits(*low), number::digits(*high));
            out.push(
                Diagnostic::new(
                    &LINT.code,
                    expr.span,
                    format!("`between {low} and {high}` holds for no value: the smaller bound comes first"),
                )
                .with_label("never true")
                .with_help(format!("write `between {high} and {low}`")),
            );
        }
    }
}
