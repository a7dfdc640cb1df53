//! Conditions, values and literals in canonical form.

use jiff::tz::Offset;

use super::writer::Writer;
use crate::syntax::ast::{
    CompareOp, Expr, ExprKind, Instant, ListRef, Literal, LogicOp, Number, Spanned, TextPattern,
};
pub use crate::syntax::written::duration_text;
use crate::syntax::written::policy_number;
use crate::vocabulary::Binding;
pub use crate::vocabulary::string;

/// Where a construct stands in the shared precedence table.
fn binding(kind: &ExprKind) -> Binding {
    match kind {
        ExprKind::Logic { op, .. } if op.node == LogicOp::Or => Binding::Or,
        ExprKind::Logic { .. } => Binding::And,
        ExprKind::Not(_) => Binding::Not,
        ExprKind::Compare { .. }
        | ExprKind::Between { .. }
        | ExprKind::In { .. }
        | ExprKind::Presence { .. }
        | ExprKind::TextTest { .. }
        | ExprKind::Matches { .. }
        | ExprKind::Within { .. } => Binding::Predicate,
        ExprKind::Arith { op, .. } => op.node.binding(),
        ExprKind::Negate(_) => Binding::Negate,
        ExprKind::Literal(_)
        | ExprKind::List(_)
        | ExprKind::Name(_)
        | ExprKind::Now
        | ExprKind::Call { .. } => Binding::Atom,
    }
}

/// Operands of predicates are arithmetic.
const ARITHMETIC: Binding = Binding::Predicate.tighter();

/// A whole condition (or value), broken over lines when it is too long.
pub fn condition(w: &mut Writer, expr: &Expr) {
    operand(w, expr, Binding::Or);
}

/// How wide whatever `print` writes is on one line.
pub fn measure(print: impl FnOnce(&mut Writer)) -> usize {
    let mut w = Writer::measuring();
    print(&mut w);
    w.text().chars().count()
}

/// `expr` where the grammar needs at least binding `needed`: in
/// parentheses when it binds less tightly.
fn operand(w: &mut Writer, expr: &Expr, needed: Binding) {
    if binding(&expr.node) >= needed {
        node(w, expr);
    } else {
        w.piece(expr.span.start, "(");
        w.hang(|w| node(w, expr));
        w.glue(")");
    }
}

fn node(w: &mut Writer, expr: &Expr) {
    let at = expr.span.start;
    match &expr.node {
        ExprKind::Literal(value) => w.piece(at, &literal(value)),
        ExprKind::List(values) => list(w, at, values),
        ExprKind::Name(name) => w.piece(at, name),
        ExprKind::Now => w.piece(at, "now"),
        ExprKind::Call { function, args } => {
            w.piece(function.span.start, function);
            w.glue("(");
            for (index, arg) in args.iter().enumerate() {
                if index > 0 {
                    w.glue(",");
                    w.space();
                }
                operand(w, arg, Binding::Or);
            }
            w.glue(")");
        }
        ExprKind::Not(inner) => {
            w.piece(at, "not");
            w.space();
            operand(w, inner, Binding::Not);
        }
        ExprKind::Negate(inner) => {
            // `- -x`, not `--x`; and not `-(-x)` either, since a bracket
            // for each of many minus signs would nest past what the parser
            // reads back (found by fuzzing: fuzz/regressions/format/).
            w.piece(at, "-");
            if matches!(inner.node, ExprKind::Negate(_)) {
                w.space();
            }
            operand(w, inner, Binding::Negate);
        }
        ExprKind::Logic { op, .. } => chain(w, expr, op.node),
        ExprKind::Arith { op, lhs, rhs } => {
            let own = op.node.binding();
            operand(w, lhs, own);
            infix(w, rhs, op.node.symbol());
            operand(w, rhs, own.tighter());
        }
        ExprKind::Compare { op, lhs, rhs } => {
            operand(w, lhs, ARITHMETIC);
            infix(w, rhs, compare_op(op.node));
            operand(w, rhs, ARITHMETIC);
        }
        ExprKind::Between { value, low, high } => {
            operand(w, value, ARITHMETIC);
            infix(w, low, "between");
            operand(w, low, ARITHMETIC);
            infix(w, high, "and");
            operand(w, high, ARITHMETIC);
        }
        ExprKind::In {
            value,
            list: names,
            negated,
        } => {
            operand(w, value, ARITHMETIC);
            w.word(if *negated { "not in" } else { "in" });
            w.space();
            list_ref(w, names);
        }
        ExprKind::Presence { value, present } => {
            operand(w, value, ARITHMETIC);
            w.word(if *present { "is present" } else { "is missing" });
        }
        ExprKind::TextTest { op, value, pattern } => {
            operand(w, value, ARITHMETIC);
            w.word(op.node.words());
            w.space();
            match pattern {
                TextPattern::One(pattern) => operand(w, pattern, ARITHMETIC),
                TextPattern::Any(names) => {
                    w.glue("any");
                    w.space();
                    list_ref(w, names);
                }
            }
        }
        ExprKind::Matches { value, pattern } => {
            operand(w, value, ARITHMETIC);
            w.word("matches");
            w.space();
            w.piece(pattern.span.start, &string(pattern));
        }
        ExprKind::Within { value, duration } => {
            operand(w, value, ARITHMETIC);
            infix(w, duration, "within");
            operand(w, duration, ARITHMETIC);
        }
    }
}

/// ` op ` before `rhs`; comments written just before `rhs` come first.
fn infix(w: &mut Writer, rhs: &Expr, op: &str) {
    w.space();
    w.piece(rhs.span.start, op);
    w.space();
}

/// `a and b and c`: operands of one operator, filled onto lines with the
/// operator leading each continuation line.
fn chain(w: &mut Writer, expr: &Expr, op: LogicOp) {
    let mut operands = Vec::new();
    let mut rest = expr;
    // Left-nested: `(a and b) and c`. A right operand of the same operator
    // was written in parentheses and stays there.
    while let ExprKind::Logic {
        op: inner,
        lhs,
        rhs,
    } = &rest.node
    {
        if inner.node != op {
            break;
        }
        operands.push(rhs.as_ref());
        rest = lhs;
    }
    operands.push(rest);
    operands.reverse();
    let own = binding(&expr.node);
    let word = if op == LogicOp::Or { "or" } else { "and" };
    let mut operands = operands.into_iter();
    if let Some(first) = operands.next() {
        operand(w, first, own);
    }
    for next in operands {
        let needed = own.tighter();
        let wide = word.len() + 1 + measure(|m| operand(m, next, needed));
        if w.fits(wide) {
            w.space();
        } else {
            w.line();
        }
        w.piece(next.span.start, word);
        w.space();
        operand(w, next, needed);
    }
}

fn list_ref(w: &mut Writer, names: &ListRef) {
    match names {
        ListRef::Named(name) => w.piece(name.span.start, name),
        ListRef::Literal(values) => list(w, values.span.start, values),
    }
}

/// `["a", "b"]`, filled onto continuation lines when long.
pub fn list(w: &mut Writer, at: usize, values: &[Spanned<Literal>]) {
    w.piece(at, "[");
    w.hang(|w| {
        for (index, value) in values.iter().enumerate() {
            let text = literal(value);
            if index > 0 {
                w.glue(",");
                // Room for the `,` or `]` that follows.
                if w.fits(text.chars().count() + 2) {
                    w.space();
                } else {
                    w.line();
                }
            }
            w.piece(value.span.start, &text);
        }
    });
    w.glue("]");
}

fn compare_op(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Is => "is",
        CompareOp::IsNot => "is not",
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    }
}

pub fn literal(value: &Literal) -> String {
    match value {
        Literal::Number(number) => number_literal(number),
        Literal::Text(text) => string(text),
        Literal::Bool(value) => value.to_string(),
        Literal::Date(date) => date.to_string(),
        Literal::Time(instant) => instant_text(instant),
        Literal::Duration(duration) => duration_text(duration),
    }
}

/// `75%` or `1_500`.
pub fn number_literal(number: &Number) -> String {
    let text = policy_number(number.written);
    if number.percent {
        format!("{text}%")
    } else {
        text
    }
}

/// RFC 3339 in the offset it was written with: `Z` for UTC, seconds always,
/// fractions only when there are some.
pub fn instant_text(instant: &Instant) -> String {
    let local = instant.offset.to_datetime(instant.timestamp);
    let mut text = local.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    let nanos = local.subsec_nanosecond();
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    if instant.offset == Offset::UTC {
        text.push('Z');
    } else {
        let seconds = instant.offset.seconds();
        let sign = if seconds < 0 { '-' } else { '+' };
        let minutes = seconds.unsigned_abs() / 60;
        text.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    }
    text
}
