//! A condition written back in the policy's own words (`engagement + fit
//! >= 60`), for a criterion that has no description.

use crate::ir::{ArithOp, CompareOp, Duration, Expr, ExprKind, Function, Policy, TextOp, Value};

/// The condition as it would be written in the policy.
pub fn condition(policy: &Policy, expr: &Expr) -> String {
    let mut out = String::new();
    write(policy, expr, 0, &mut out);
    out
}

/// Binding strength, lowest first, as in docs/language.md.
fn strength(kind: &ExprKind) -> u8 {
    match kind {
        ExprKind::Or(..) => 1,
        ExprKind::And(..) => 2,
        ExprKind::Not(_) => 3,
        ExprKind::Compare(..)
        | ExprKind::Between { .. }
        | ExprKind::In { .. }
        | ExprKind::Presence { .. }
        | ExprKind::TextTest { .. }
        | ExprKind::Matches { .. }
        | ExprKind::Within { .. } => 4,
        ExprKind::Arith(ArithOp::Add | ArithOp::Sub, ..) => 5,
        ExprKind::Arith(..) => 6,
        ExprKind::Negate(_) => 7,
        _ => 8,
    }
}

fn write(policy: &Policy, expr: &Expr, outer: u8, out: &mut String) {
    let own = strength(&expr.kind);
    let parens = own < outer;
    if parens {
        out.push('(');
    }
    let name = |name: Option<&str>| name.unwrap_or("?").to_string();
    match &expr.kind {
        ExprKind::Const(value) => out.push_str(&constant(value)),
        ExprKind::Field(id) => {
            out.push_str(&name(policy.fields.get(id.0).map(|f| f.name.as_str())))
        }
        ExprKind::List(id) => out.push_str(&name(policy.lists.get(id.0).map(|l| l.name.as_str()))),
        ExprKind::Define(id) => {
            out.push_str(&name(policy.defines.get(id.0).map(|d| d.name.as_str())))
        }
        ExprKind::Score(id) => {
            out.push_str(&name(policy.scores.get(id.0).map(|s| s.name.as_str())))
        }
        ExprKind::Stage(id) => {
            out.push_str(&name(policy.stages.get(id.0).map(|s| s.name.as_str())))
        }
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
            let word = if matches!(expr.kind, ExprKind::And(..)) {
                " and "
            } else {
                " or "
            };
            write(policy, lhs, own, out);
            out.push_str(word);
            write(policy, rhs, own + 1, out);
        }
        ExprKind::Arith(op, lhs, rhs) => {
            let symbol = match op {
                ArithOp::Add => " + ",
                ArithOp::Sub => " - ",
                ArithOp::Mul => " * ",
                ArithOp::Div => " / ",
            };
            write(policy, lhs, own, out);
            out.push_str(symbol);
            write(policy, rhs, own + 1, out);
        }
        ExprKind::Compare(op, lhs, rhs) => {
            let symbol = match op {
                CompareOp::Eq => " == ",
                CompareOp::Ne => " != ",
                CompareOp::Lt => " < ",
                CompareOp::Le => " <= ",
                CompareOp::Gt => " > ",
                CompareOp::Ge => " >= ",
            };
            write(policy, lhs, own + 1, out);
            out.push_str(symbol);
            write(policy, rhs, own + 1, out);
        }
        ExprKind::Between { value, low, high } => {
            write(policy, value, own + 1, out);
            out.push_str(" between ");
            write(policy, low, own + 1, out);
            out.push_str(" and ");
            write(policy, high, own + 1, out);
        }
        ExprKind::In {
            value,
            list,
            negated,
        } => {
            write(policy, value, own + 1, out);
            out.push_str(if *negated { " not in " } else { " in " });
            write(policy, list, own + 1, out);
        }
        ExprKind::Presence { value, present } => {
            write(policy, value, own + 1, out);
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
            write(policy, value, own + 1, out);
            out.push_str(match op {
                TextOp::Contains => " contains ",
                TextOp::StartsWith => " starts with ",
                TextOp::EndsWith => " ends with ",
            });
            if *any {
                out.push_str("any ");
            }
            write(policy, pattern, own + 1, out);
        }
        ExprKind::Matches { value, pattern } => {
            write(policy, value, own + 1, out);
            out.push_str(" matches ");
            out.push_str(&constant(&Value::Text(pattern.clone())));
        }
        ExprKind::Within { value, duration } => {
            write(policy, value, own + 1, out);
            out.push_str(" within ");
            write(policy, duration, own + 1, out);
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
                write(policy, arg, 0, out);
            }
            out.push(')');
        }
    }
    if parens {
        out.push(')');
    }
}

fn constant(value: &Value) -> String {
    match value {
        Value::Number(n) => crate::number::text(*n),
        Value::Text(text) => format!("{text:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Date(date) => date.to_string(),
        Value::Time(time) => time.to_string(),
        Value::Duration(duration) => {
            let (amount, unit) = duration_unit(duration);
            let business = if duration.business { "business " } else { "" };
            format!("{} {business}{unit}s", crate::number::text(amount))
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
