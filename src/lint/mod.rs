//! Lints: what is legal in a checked policy but probably not what the
//! teams meant. Each lint lives in its own file with its code in
//! `diagnostic::catalog` and its documentation in docs/lints.md.

mod constant_undesirable;
mod contradictory_criteria;
mod example_depends_on_now;
mod facts;
pub mod levels;
mod owner_field_mismatch;
mod unreachable_stage;
mod unused;

use std::collections::HashMap;

use crate::check::{Symbol, Usage};
use crate::diagnostic::Diagnostic;
use crate::ir::Policy;
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
    }
}
