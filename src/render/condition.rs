//! A condition written back in the policy's own words (`engagement + fit
//! >= 60`), for a criterion that has no description.

use crate::ir::{Duration, Expr, ExprKind, Function, Policy, Value};
use crate::vocabulary::Binding;
use crate::vocabulary::string;

/// The condition as it would be written in the policy.
pub fn condition(policy: &Policy, expr: &Expr) -> String {
    let mut out = String::new();
    write(policy, expr, Binding::Or, &mut out);
    out
}

/// Where a construct stands in the shared precedence table.
fn binding(kind: &ExprKind) -> Binding {
    match kind {
        ExprKind::Or(..) => Binding::Or,
        ExprKind::And(..) => Binding::And,
        ExprKind::Not(_) => Binding::Not,
        ExprKind::Compare(..)
        | ExprKind::Between { .. }
        | ExprKind::In { .. }
        | ExprKind::Presence { .. }
        | ExprKind::TextTest { .. }
        | ExprKind::Matches { .. }
        | ExprKind::Within { .. } => Binding::Predicate,
        ExprKind::Arith(op, ..) => op.binding(),
        ExprKind::Negate(_) => Binding::Negate,
        ExprKind::Const(_)
        | ExprKind::Field(_)
        | ExprKind::List(_)
        | ExprKind::Define(_)
        | ExprKind::Score(_)
        | ExprKind::Stage(_)
        | ExprKind::Now
        | ExprKind::Call(..) => Binding::Atom,
    }
}

/// `expr` where the grammar needs at least binding `needed`: in
/// parentheses when it binds less tightly.
fn write(policy: &Policy, expr: &Expr, needed: Binding, out: &mut String) {
    let parens = binding(&expr.kind) < needed;
    if parens {
        out.push('(');
    }
    node(policy, expr, out);
    if parens {
        out.push(')');
    }
}

/// The name of what a field, list, define, score or stage node names, or
/// `?` for an id the policy lacks.
fn name<'p>(policy: &'p Policy, kind: &ExprKind) -> &'p str {
    let name = match kind {
        ExprKind::Field(id) => policy.fields.get(id.0).map(|f| f.name.as_str()),
        ExprKind::List(id) => policy.lists.get(id.0).map(|l| l.name.as_str()),
        ExprKind::Define(id) => policy.defines.get(id.0).map(|d| d.name.as_str()),
        ExprKind::Score(id) => policy.scores.get(id.0).map(|s| s.name.as_str()),
        ExprKind::Stage(id) => policy.stages.get(id.0).map(|s| s.name.as_str()),
        _ => None,
    };
    name.unwrap_or("?")
}

fn node(policy: &Policy, expr: &Expr, out: &mut String) {
    let own = binding(&expr.kind);
    // Operands of a predicate, and right operands of a left-associative
    // operator, need a tighter binding than the operator's own.
    let operand = |expr: &Expr, out: &mut String| write(policy, expr, own.tighter(), out);
    match &expr.kind {
        ExprKind::Field(_)
        | ExprKind::List(_)
        | ExprKind::Define(_)
        | ExprKind::Score(_)
        | ExprKind::Stage(_) => out.push_str(name(policy, &expr.kind)),
        ExprKind::Const(value) => out.push_str(&constant(value)),
        ExprKind::Now => out.push_str("now"),
        ExprKind::Not(inner) => {
            out.push_str("not ");
            write(policy, inner, own, out);
        }
        ExprKind::Negate(inner) => {
            out.push('-');
            write(policy, inner, own, out);
        }
        ExprKind::And(lhs, rhs) | ExprKind::Or(lhs, rhs) => {
            write(policy, lhs, own, out);
            out.push_str(if own == Binding::And { " and " } else { " or " });
            operand(rhs, out);
        }
        ExprKind::Arith(op, lhs, rhs) => {
            write(policy, lhs, own, out);
            out.push_str(&format!(" {} ", op.symbol()));
            operand(rhs, out);
        }
        ExprKind::Compare(op, lhs, rhs) => {
            operand(lhs, out);
            out.push_str(&format!(" {} ", op.symbol()));
            operand(rhs, out);
        }
        ExprKind::Between { value, low, high } => {
            operand(value, out);
            out.push_str(" between ");
            operand(low, out);
            out.push_str(" and ");
            operand(high, out);
        }
        ExprKind::In {
            value,
            list,
            negated,
        } => {
            operand(value, out);
            out.push_str(if *negated { " not in " } else { " in " });
            operand(list, out);
        }
        ExprKind::Presence { value, present } => {
            operand(value, out);
            out.push_str(if *present {
                " is present"
            } else {
                " is missing"
            });
        }
        ExprKind::TextTest {
            op,
            value,
            pattern,
            any,
        } => {
            operand(value, out);
            out.push_str(&format!(" {} ", op.words()));
            if *any {
                out.push_str("any ");
            }
            operand(pattern, out);
        }
        ExprKind::Matches { value, pattern } => {
            operand(value, out);
            out.push_str(" matches ");
            out.push_str(&string(pattern));
        }
        ExprKind::Within { value, duration } => {
            operand(value, out);
            out.push_str(" within ");
            operand(duration, out);
        }
        ExprKind::Call(function, args) => {
            let name = Function::ALL
                .iter()
                .find(|(_, f)| f == function)
                .map_or("?", |(name, _)| *name);
            out.push_str(name);
            out.push('(');
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(policy, arg, Binding::Or, out);
            }
            out.push(')');
        }
    }
}

fn constant(value: &Value) -> String {
    match value {
        Value::Number(n) => crate::number::digits(*n),
        Value::Text(text) => string(text),
        Value::Bool(b) => b.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Time(time) => time.to_string(),
        Value::Duration(duration) => {
            let (amount, unit) = duration_unit(duration);
            let business = if duration.business { "business " } else { "" };
            format!("{} {business}{unit}s", crate::number::digits(amount))
        }
        Value::List(values) => format!(
            "[{}]",
            values.iter().map(constant).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// A duration as an amount of its largest whole unit (singular unit name):
/// `(4.0, "hour")`. Business time is never counted in weeks.
pub(super) fn duration_unit(duration: &Duration) -> (f64, &'static str) {
    let seconds = duration.seconds;
    if seconds % 604_800.0 == 0.0 && !duration.business {
        (seconds / 604_800.0, "week")
    } else if seconds % 86_400.0 == 0.0 {
        (seconds / 86_400.0, "day")
    } else if seconds % 3_600.0 == 0.0 {
        (seconds / 3_600.0, "hour")
    } else {
        (seconds / 60.0, "minute")
    }
}
