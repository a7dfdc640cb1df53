//! unreachable-stage: a criterion asks for a score above the most the
//! score's rules and caps can give, so no lead can ever reach the stage.

use super::facts::{conjuncts, highest};
use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::{CompareOp, ExprKind, Policy, Value};

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
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
                    Diagnostic::new(&catalog::UNREACHABLE_STAGE, part.span, format!("no lead can reach {}: this needs {needed}, but the score can be at most {most}", stage.name))
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
