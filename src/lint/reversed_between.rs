//! reversed-between: `x between 10 and 5`. `between` takes the smaller
//! bound first, so reversed bounds hold for no value at all.

use super::every_expr;
use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::{CompareOp, ExprKind, Policy, Value};
use crate::number;

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
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
            let (low, high) = (number::text(*low), number::text(*high));
            out.push(
                Diagnostic::new(
                    &catalog::REVERSED_BETWEEN,
                    expr.span,
                    format!("`between {low} and {high}` holds for no value: the smaller bound comes first"),
                )
                .with_label("never true")
                .with_help(format!("write `between {high} and {low}`")),
            );
        }
    }
}
