//! unreachable-stage: a criterion asks for a score above the most the
//! score's rules and caps can give, so no lead can ever reach the stage.

use super::facts::{conjuncts, highest};
use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{CompareOp, ExprKind, Policy, Value};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0302",
        name: "unreachable-stage",
        severity: Severity::Warning,
        summary: "no lead can reach a stage: a score threshold is above the score's maximum",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** no lead can reach a stage: a score threshold is above the score's
maximum.

**Why it matters:** if the rules and caps of a score can never add up to
the threshold, no lead will ever become, say, an MQL. This often happens
after a rule is removed or a cap is lowered.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  email_clicks  number
}

score engagement {
  +30 if demo_form
  +2 per email_clicks up to 10
}

stage MQL "Marketing qualified lead" {
  requires engagement >= 60
}
```

qualify reports: no lead can reach MQL: this needs at least 60, but the
score can be at most 40.

**How to fix:** lower the threshold, or add or raise score rules and caps
so that the score can reach it.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id       text "CRM lead id" key
  demo_form     bool
  email_clicks  number
}

score engagement {
  +30 if demo_form
  +2 per email_clicks up to 10
}

stage MQL "Marketing qualified lead" {
  requires engagement >= 35
}
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        for criterion in &stage.criteria {
            let mut parts = Vec::new();
            conjuncts(policy, &criterion.condition, &mut parts);
            for part in parts {
                let ExprKind::Compare(op, lhs, rhs) = &part.kind else {
                    continue;
                };
                // `score >= N` or `N <= score`
                let (sum, threshold, strict) = match (op, &lhs.kind, &rhs.kind) {
                    (CompareOp::Ge | CompareOp::Gt, _, ExprKind::Const(Value::Number(n))) => {
                        (lhs, *n, *op == CompareOp::Gt)
                    }
                    (CompareOp::Le | CompareOp::Lt, ExprKind::Const(Value::Number(n)), _) => {
                        (rhs, *n, *op == CompareOp::Lt)
                    }
                    _ => continue,
                };
                let Some(most) = highest(policy, sum) else {
                    continue;
                };
                if !uses_score(&sum.kind) || most > threshold || (most == threshold && !strict) {
                    continue;
                }
                let needed = if strict {
                    format!("more than {threshold}")
                } else {
                    format!("at least {threshold}")
                };
                out.push(
                    Diagnostic::new(&LINT.code, part.span, format!("no lead can reach {}: this needs {needed}, but the score can be at most {most}", stage.name))
                        .with_label(format!("at most {most}"))
                        .with_help("lower the threshold, or add or raise score rules (and caps) so the score can reach it"),
                );
            }
        }
    }
}

fn uses_score(kind: &ExprKind) -> bool {
    match kind {
        ExprKind::Score(_) => true,
        ExprKind::Arith(_, lhs, rhs) => uses_score(&lhs.kind) || uses_score(&rhs.kind),
        _ => false,
    }
}
