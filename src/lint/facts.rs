//! What can be known about conditions without a lead: the parts of an
//! `and`, the range a score can take, and whether bounds on a field can all
//! hold at once. Shared by the lints that reason about reachability.

use std::collections::{HashMap, HashSet};

use crate::ir::{CompareOp, Expr, ExprKind, FieldId, Policy, ScoreId, ScoreRuleKind, Value};

/// How far the lints look into one condition: at most this many steps
/// (parts, `and`s and defines opened). Past that they stay silent about
/// the rest: a lint may then miss a problem, but never reports one that is
/// not there (a contradiction among some parts is one of the whole), and a
/// huge generated condition is checked in bounded time.
const MAX_STEPS: usize = 256;

/// The parts that must all hold: `a and (b and c)` gives a, b, c; a define
/// that is such a conjunction is opened up (each define once: `d and d`
/// asks nothing more than `d`). Walked without recursion.
pub fn conjuncts<'p>(policy: &'p Policy, expr: &'p Expr, out: &mut Vec<&'p Expr>) {
    let mut opened = HashSet::new();
    let mut stack = vec![expr];
    for _ in 0..MAX_STEPS {
        let Some(expr) = stack.pop() else { break };
        match &expr.kind {
            ExprKind::And(lhs, rhs) => {
                stack.push(rhs);
                stack.push(lhs);
            }
            ExprKind::Define(id) => match policy.defines.get(id.0) {
                Some(define) => {
                    if opened.insert(*id) {
                        stack.push(&define.value);
                    }
                }
                None => out.push(expr),
            },
            _ => out.push(expr),
        }
    }
}

/// The lowest and highest value a score can take.
pub fn score_range(policy: &Policy, score: ScoreId) -> (f64, f64) {
    let Some(score) = policy.scores.get(score.0) else {
        return (f64::NEG_INFINITY, f64::INFINITY);
    };
    let (mut low, mut high) = (0.0, 0.0);
    for rule in &score.rules {
        let (rule_low, rule_high) = match &rule.kind {
            ScoreRuleKind::If(_) => (rule.points.min(0.0), rule.points.max(0.0)),
            ScoreRuleKind::Per { up_to, .. } => {
                let most = up_to.map_or(f64::INFINITY, f64::abs);
                if rule.points >= 0.0 {
                    (0.0, most)
                } else {
                    (-most, 0.0)
                }
            }
        };
        low += rule_low;
        high += rule_high;
    }
    match score.cap {
        Some(cap) => (low.min(cap), high.min(cap)),
        None => (low, high),
    }
}

/// The highest value a sum of scores and constants can take, or `None`
/// when it involves anything else.
pub fn highest(policy: &Policy, expr: &Expr) -> Option<f64> {
    match &expr.kind {
        ExprKind::Score(id) => Some(score_range(policy, *id).1),
        ExprKind::Const(Value::Number(n)) => Some(*n),
        ExprKind::Arith(crate::ir::ArithOp::Add, lhs, rhs) => {
            Some(highest(policy, lhs)? + highest(policy, rhs)?)
        }
        _ => None,
    }
}

/// Where a number field must lie for some conditions to hold.
#[derive(Debug, Clone, Copy)]
pub struct Interval {
    pub low: f64,
    pub low_inclusive: bool,
    pub high: f64,
    pub high_inclusive: bool,
}

impl Interval {
    const ANY: Interval = Interval {
        low: f64::NEG_INFINITY,
        low_inclusive: false,
        high: f64::INFINITY,
        high_inclusive: false,
    };

    fn raise_low(&mut self, value: f64, inclusive: bool) {
        if value > self.low || (value == self.low && !inclusive) {
            self.low = value;
            self.low_inclusive = inclusive;
        }
    }

    fn lower_high(&mut self, value: f64, inclusive: bool) {
        if value < self.high || (value == self.high && !inclusive) {
            self.high = value;
            self.high_inclusive = inclusive;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.low > self.high
            || (self.low == self.high && !(self.low_inclusive && self.high_inclusive))
    }
}

/// Why no value of a field satisfies all the parts.
#[derive(Debug, Clone)]
pub enum Conflict {
    /// The number must lie in an empty range.
    Range(Interval),
    /// The text must equal two different values.
    Values(String, String),
}

/// A field the parts constrain so that no value satisfies them all, why,
/// and the part that closed the door.
pub fn contradiction<'e>(parts: &[&'e Expr]) -> Option<(FieldId, Conflict, &'e Expr)> {
    let mut bounds: HashMap<FieldId, Interval> = HashMap::new();
    let mut texts: HashMap<FieldId, String> = HashMap::new();
    for part in parts.iter().copied() {
        match &part.kind {
            ExprKind::Compare(op, lhs, rhs) => {
                if let Some((field, op, value)) = field_vs_number(*op, lhs, rhs) {
                    let bound = bounds.entry(field).or_insert(Interval::ANY);
                    match op {
                        CompareOp::Gt => bound.raise_low(value, false),
                        CompareOp::Ge => bound.raise_low(value, true),
                        CompareOp::Lt => bound.lower_high(value, false),
                        CompareOp::Le => bound.lower_high(value, true),
                        CompareOp::Eq => {
                            bound.raise_low(value, true);
                            bound.lower_high(value, true);
                        }
                        CompareOp::Ne => {}
                    }
                    if bound.is_empty() {
                        return Some((field, Conflict::Range(*bound), part));
                    }
                } else if let (
                    CompareOp::Eq,
                    ExprKind::Field(field),
                    ExprKind::Const(Value::Text(text)),
                ) = (op, &lhs.kind, &rhs.kind)
                {
                    let text = text.trim().to_lowercase();
                    if let Some(earlier) = texts.get(field).filter(|earlier| **earlier != text) {
                        return Some((*field, Conflict::Values(earlier.clone(), text), part));
                    }
                    texts.insert(*field, text);
                }
            }
            ExprKind::Between { value, low, high } => {
                if let (
                    ExprKind::Field(field),
                    ExprKind::Const(Value::Number(low)),
                    ExprKind::Const(Value::Number(high)),
                ) = (&value.kind, &low.kind, &high.kind)
                {
                    let bound = bounds.entry(*field).or_insert(Interval::ANY);
                    bound.raise_low(*low, true);
                    bound.lower_high(*high, true);
                    if bound.is_empty() {
                        return Some((*field, Conflict::Range(*bound), part));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// `field OP number` (either way round), turned so the field is on the left.
fn field_vs_number(op: CompareOp, lhs: &Expr, rhs: &Expr) -> Option<(FieldId, CompareOp, f64)> {
    match (&lhs.kind, &rhs.kind) {
        (ExprKind::Field(field), ExprKind::Const(Value::Number(n))) => Some((*field, op, *n)),
        (ExprKind::Const(Value::Number(n)), ExprKind::Field(field)) => {
            let flipped = match op {
                CompareOp::Lt => CompareOp::Gt,
                CompareOp::Le => CompareOp::Ge,
                CompareOp::Gt => CompareOp::Lt,
                CompareOp::Ge => CompareOp::Le,
                other => other,
            };
            Some((*field, flipped, *n))
        }
        _ => None,
    }
}

/// "above 100 and below 50", in words, for a message.
pub fn describe(conflict: &Conflict) -> String {
    let interval = match conflict {
        Conflict::Values(a, b) => return format!("both \"{a}\" and \"{b}\""),
        Conflict::Range(interval) => interval,
    };
    let low = match (interval.low.is_finite(), interval.low_inclusive) {
        (false, _) => None,
        (true, true) => Some(format!("at least {}", interval.low)),
        (true, false) => Some(format!("above {}", interval.low)),
    };
    let high = match (interval.high.is_finite(), interval.high_inclusive) {
        (false, _) => None,
        (true, true) => Some(format!("at most {}", interval.high)),
        (true, false) => Some(format!("below {}", interval.high)),
    };
    match (low, high) {
        (Some(low), Some(high)) => format!("{low} and {high}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "two different values".to_string(),
    }
}
