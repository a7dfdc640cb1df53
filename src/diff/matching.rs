//! How items of the two versions are paired, and how two conditions are
//! compared: by what they name and their shape, never by position.

use crate::ir::{Expr, ExprKind, Policy, ScoreRule, ScoreRuleKind, Value};

use super::{Aspect, Changes, Item, Kind, Pair, Side};

/// Items of both versions matched by a key: (removed, kept, added).
pub(super) type Matched<'a, T> = (Vec<&'a T>, Vec<(&'a T, &'a T)>, Vec<&'a T>);

pub(super) fn by_key<'a, T>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> &str,
) -> Matched<'a, T> {
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for item in old {
        match new.iter().find(|other| key(other) == key(item)) {
            Some(other) => kept.push((item, other)),
            None => removed.push(item),
        }
    }
    let added = new
        .iter()
        .filter(|item| !old.iter().any(|other| key(other) == key(item)))
        .collect();
    (removed, kept, added)
}

fn reads_score(expr: &Expr) -> bool {
    let mut found = matches!(expr.kind, ExprKind::Score(_));
    expr.kind
        .for_each_child(|child| found = found || reads_score(child));
    found
}

/// Whether two conditions are the same but for their numbers, which are
/// collected as (old, new) pairs where they differ. Names are compared by
/// name, so reordering declarations changes nothing.
pub(super) fn same_shape(
    pair: Pair,
    old: &Expr,
    new: &Expr,
    numbers: &mut Vec<(f64, f64)>,
) -> bool {
    let name = |policy: &Policy, kind: &ExprKind| -> Option<(u8, String)> {
        let named = |list: Option<&str>| list.unwrap_or("?").to_string();
        Some(match kind {
            ExprKind::Field(id) => (0, named(policy.fields.get(id.0).map(|f| f.name.as_str()))),
            ExprKind::List(id) => (1, named(policy.lists.get(id.0).map(|l| l.name.as_str()))),
            ExprKind::Define(id) => (2, named(policy.defines.get(id.0).map(|d| d.name.as_str()))),
            ExprKind::Score(id) => (3, named(policy.scores.get(id.0).map(|s| s.name.as_str()))),
            ExprKind::Stage(id) => (4, named(policy.stages.get(id.0).map(|s| s.name.as_str()))),
            _ => return None,
        })
    };
    if let (Some(a), Some(b)) = (name(pair.old, &old.kind), name(pair.new, &new.kind)) {
        return a == b;
    }
    let mut same = |a: &Expr, b: &Expr| same_shape(pair, a, b, numbers);
    match (&old.kind, &new.kind) {
        (ExprKind::Const(Value::Number(a)), ExprKind::Const(Value::Number(b))) => {
            if a != b {
                numbers.push((*a, *b));
            }
            true
        }
        (ExprKind::Const(a), ExprKind::Const(b)) => a == b,
        (ExprKind::Now, ExprKind::Now) => true,
        (ExprKind::Not(a), ExprKind::Not(b)) | (ExprKind::Negate(a), ExprKind::Negate(b)) => {
            same(a, b)
        }
        (ExprKind::And(a1, a2), ExprKind::And(b1, b2))
        | (ExprKind::Or(a1, a2), ExprKind::Or(b1, b2)) => same(a1, b1) && same(a2, b2),
        (ExprKind::Arith(op_a, a1, a2), ExprKind::Arith(op_b, b1, b2)) => {
            op_a == op_b && same(a1, b1) && same(a2, b2)
        }
        (ExprKind::Compare(op_a, a1, a2), ExprKind::Compare(op_b, b1, b2)) => {
            op_a == op_b && same(a1, b1) && same(a2, b2)
        }
        (
            ExprKind::Between {
                value: a,
                low: a_low,
                high: a_high,
            },
            ExprKind::Between {
                value: b,
                low: b_low,
                high: b_high,
            },
        ) => same(a, b) && same(a_low, b_low) && same(a_high, b_high),
        (
            ExprKind::In {
                value: a,
                list: a_list,
                negated: a_not,
            },
            ExprKind::In {
                value: b,
                list: b_list,
                negated: b_not,
            },
        ) => a_not == b_not && same(a, b) && same(a_list, b_list),
        (
            ExprKind::Presence {
                value: a,
                present: a_present,
            },
            ExprKind::Presence {
                value: b,
                present: b_present,
            },
        ) => a_present == b_present && same(a, b),
        (
            ExprKind::TextTest {
                op: a_op,
                value: a,
                pattern: a_pattern,
                any: a_any,
            },
            ExprKind::TextTest {
                op: b_op,
                value: b,
                pattern: b_pattern,
                any: b_any,
            },
        ) => a_op == b_op && a_any == b_any && same(a, b) && same(a_pattern, b_pattern),
        (
            ExprKind::Matches {
                value: a,
                pattern: a_pattern,
            },
            ExprKind::Matches {
                value: b,
                pattern: b_pattern,
            },
        ) => a_pattern == b_pattern && same(a, b),
        (
            ExprKind::Within {
                value: a,
                duration: a_duration,
            },
            ExprKind::Within {
                value: b,
                duration: b_duration,
            },
        ) => same(a, b) && same(a_duration, b_duration),
        (ExprKind::Call(a_fn, a_args), ExprKind::Call(b_fn, b_args)) => {
            a_fn == b_fn
                && a_args.len() == b_args.len()
                && a_args.iter().zip(b_args).all(|(a, b)| same(a, b))
        }
        _ => false,
    }
}

/// Whether two conditions mean the same.
pub(super) fn same_condition(pair: Pair, old: &Expr, new: &Expr) -> bool {
    let mut numbers = Vec::new();
    same_shape(pair, old, new, &mut numbers) && numbers.is_empty()
}

/// One way of pairing items, tried on every pair left.
type Pass<'f, T> = &'f dyn Fn(&T, &T) -> bool;

/// Rules or criteria matched across versions: by description, else by
/// an identical condition, else by a condition of the same shape.
pub(super) fn match_by<'a, T>(
    old: &'a [T],
    new: &'a [T],
    description: impl Fn(&T) -> Option<&str>,
    same: impl Fn(&T, &T, bool) -> bool,
) -> Matched<'a, T> {
    let mut old_left: Vec<&T> = old.iter().collect();
    let mut new_left: Vec<&T> = new.iter().collect();
    let mut kept = Vec::new();
    let passes: [Pass<T>; 3] = [
        &|a, b| description(a).is_some() && description(a) == description(b),
        &|a, b| same(a, b, true),
        &|a, b| same(a, b, false),
    ];
    for pass in passes {
        let mut index = 0;
        while index < old_left.len() {
            let Some(item) = old_left.get(index).copied() else {
                break;
            };
            match new_left.iter().position(|other| pass(item, other)) {
                Some(found) => {
                    kept.push((item, new_left.remove(found)));
                    old_left.remove(index);
                }
                None => index += 1,
            }
        }
    }
    (old_left, kept, new_left)
}

pub(super) fn rule_condition(rule: &ScoreRule) -> &Expr {
    match &rule.kind {
        ScoreRuleKind::If(condition)
        | ScoreRuleKind::Per {
            quantity: condition,
            ..
        } => condition,
    }
}

/// A condition that changed from `old` to `new`, if it did: as a
/// threshold when one number alone moved, else as the whole condition
/// before and after.
pub(super) fn condition_change<'p>(
    pair: Pair<'p>,
    out: &mut Changes<'p>,
    item: Item<'p>,
    old: &'p Expr,
    new: &'p Expr,
) {
    let mut numbers = Vec::new();
    let same = same_shape(pair, old, new, &mut numbers);
    if same && numbers.is_empty() {
        return;
    }
    let (aspect, before, after) = match numbers.as_slice() {
        [(before, after)] if same => (
            if reads_score(old) {
                Aspect::ScoreThreshold
            } else {
                Aspect::Threshold
            },
            Side::Number(Some(*before)),
            Side::Number(Some(*after)),
        ),
        _ => (
            Aspect::Condition,
            Side::Condition(old),
            Side::Condition(new),
        ),
    };
    out.push(item, Kind::Changed(aspect), Some(before), Some(after));
}
