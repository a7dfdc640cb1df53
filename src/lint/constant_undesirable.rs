//! constant-undesirable: an undesirable whose condition is always true
//! (every lead is disqualified) or always false (it never applies).

use super::facts::{conjuncts, contradiction};
use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{CompareOp, Expr, ExprKind, Item, Policy, Value};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0401",
        name: "constant-undesirable",
        severity: Severity::Warning,
        summary: "an undesirable's condition is always true or always false",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** an undesirable's condition is always true or always false.

**Why it matters:** an undesirable that is always true disqualifies every
lead; one that is never true does nothing while the agreement says it
does.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

undesirable "No job title" if title is present or title is missing
```

qualify reports: the condition of undesirable "No job title" is true for
every lead.

**How to fix:** write the condition you meant.

```qual
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

undesirable "No job title" if title is missing
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    if policy.undesirables.is_empty() {
        return;
    }
    let truths = Truths::of_defines(policy);
    for undesirable in &policy.undesirables {
        let Some(always) = truths.of(&undesirable.condition) else {
            continue;
        };
        let (message, help) = if always {
            (
                "is true for every lead",
                "as written it disqualifies every lead; check the condition",
            )
        } else {
            (
                "is never true",
                "as written it never applies; check the condition, or remove the undesirable",
            )
        };
        out.push(
            Diagnostic::new(
                &LINT.code,
                undesirable.condition.span,
                format!(
                    "the condition of undesirable \"{}\" {message}",
                    undesirable.reason
                ),
            )
            .with_label(if always {
                "always true"
            } else {
                "always false"
            })
            .with_help(help),
        );
    }
}

/// What is known of each define's truth, worked out once per define in
/// dependency order (so a define used twice is not looked into twice, and
/// a long chain of defines is no deeper to look into than one).
struct Truths<'p> {
    policy: &'p Policy,
    defines: Vec<Option<bool>>,
}

impl<'p> Truths<'p> {
    fn of_defines(policy: &'p Policy) -> Truths<'p> {
        let mut truths = Truths {
            policy,
            defines: vec![None; policy.defines.len()],
        };
        for item in policy.in_dependency_order() {
            if let Item::Define(id) = item
                && let Some(define) = policy.defines.get(id.0)
            {
                truths.defines[id.0] = truths.of(&define.value);
            }
        }
        truths
    }

    /// Whether a condition has the same truth for every lead, when that can be seen.
    fn of(&self, expr: &Expr) -> Option<bool> {
        let policy = self.policy;
        match &expr.kind {
            ExprKind::Const(Value::Bool(value)) => Some(*value),
            ExprKind::Not(inner) => self.of(inner).map(|value| !value),
            ExprKind::Define(id) => self.defines.get(id.0).copied().flatten(),
            ExprKind::And(lhs, rhs) => {
                let mut parts = Vec::new();
                conjuncts(policy, expr, &mut parts);
                if contradiction(&parts).is_some() {
                    return Some(false);
                }
                match (self.of(lhs), self.of(rhs)) {
                    (Some(false), _) | (_, Some(false)) => Some(false),
                    (Some(true), Some(true)) => Some(true),
                    _ => None,
                }
            }
            ExprKind::Or(lhs, rhs) => {
                // `x is present or x is missing`
                if let (
                    ExprKind::Presence {
                        value: a,
                        present: p,
                    },
                    ExprKind::Presence {
                        value: b,
                        present: q,
                    },
                ) = (&lhs.kind, &rhs.kind)
                    && p != q
                    && a.kind == b.kind
                {
                    return Some(true);
                }
                match (self.of(lhs), self.of(rhs)) {
                    (Some(true), _) | (_, Some(true)) => Some(true),
                    (Some(false), Some(false)) => Some(false),
                    _ => None,
                }
            }
            ExprKind::Compare(op, lhs, rhs) => match (&lhs.kind, &rhs.kind) {
                (ExprKind::Const(Value::Number(a)), ExprKind::Const(Value::Number(b))) => {
                    Some(op.holds(a, b))
                }
                (ExprKind::Const(Value::Text(a)), ExprKind::Const(Value::Text(b))) => match op {
                    CompareOp::Eq => Some(a.trim().eq_ignore_ascii_case(b.trim())),
                    CompareOp::Ne => Some(!a.trim().eq_ignore_ascii_case(b.trim())),
                    _ => None,
                },
                _ => None,
            },
            ExprKind::Presence { value, present } => match value.kind {
                ExprKind::Const(_) => Some(*present),
                _ => None,
            },
            _ => None,
        }
    }
}
