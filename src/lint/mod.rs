//! Lints: what is legal in a checked policy but probably not what the
//! teams meant. Each lint lives in its own file with its code in
//! `diagnostic::catalog` and its documentation in docs/lints.md.

mod constant_undesirable;
mod contradictory_criteria;
mod example_depends_on_now;
mod facts;
pub mod levels;
mod one_of_spelling;
mod owner_field_mismatch;
mod padded_text;
pub mod reference;
mod reversed_between;
mod unreachable_stage;
mod unused;

use std::collections::HashMap;

use crate::check::{Symbol, Usage};
use crate::diagnostic::Diagnostic;
use crate::ir::{Expr, ExprKind, Policy, Value};
use crate::span::Span;

/// Runs every lint. The lints that read conditions need a policy without
/// errors; the unused-declaration lints work from what the checker saw.
pub fn run(
    policy: Option<&Policy>,
    declared: &HashMap<Symbol, (String, Span)>,
    usage: &Usage,
    out: &mut Vec<Diagnostic>,
) {
    unused::run(declared, usage, out);
    if let Some(policy) = policy {
        unreachable_stage::run(policy, out);
        contradictory_criteria::run(policy, out);
        owner_field_mismatch::run(policy, out);
        constant_undesirable::run(policy, out);
        example_depends_on_now::run(policy, out);
        reversed_between::run(policy, out);
        one_of_spelling::run(policy, out);
        padded_text::run(policy, out);
    }
}

/// Every expression of the policy's conditions, sub-expressions included,
/// each once (defines are visited where they are declared, not where they
/// are used). Walked with a stack of its own.
fn every_expr(policy: &Policy) -> Vec<&Expr> {
    let mut all = Vec::new();
    let mut stack: Vec<&Expr> = policy.conditions().collect();
    while let Some(expr) = stack.pop() {
        all.push(expr);
        expr.kind.for_each_child(|child| stack.push(child));
    }
    all.sort_by_key(|expr| expr.span.start);
    all
}

/// The texts a constant is written with: itself, or a written list's
/// texts; none for anything else.
fn written_texts(expr: &Expr) -> Vec<&str> {
    match &expr.kind {
        ExprKind::Const(Value::Text(text)) => vec![text],
        ExprKind::Const(Value::List(values)) => (values.iter())
            .filter_map(|value| match value {
                Value::Text(text) => Some(text.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
