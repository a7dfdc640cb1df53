//! Lints: what is legal in a checked policy but probably not what the
//! teams meant. Each lint is one file that describes itself, in the manner
//! of ruff's rule files: its `LINT` holds its code, kebab-case name,
//! default severity, one-line summary and documentation (its section of
//! docs/lints.md: what, why, an example, how to fix), and what it checks.
//! The registry below declares each lint's module and lists its `LINT`
//! once; running, `qualify.toml` levels, `allow` comments, SARIF rules and
//! docs/lints.md all read that list. A new lint is a file, a line in the
//! registry and a case in tests/corpus/check/.

mod facts;
pub mod levels;
pub mod reference;

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::check::{Symbol, Usage};
use crate::diagnostic::{Code, Diagnostic, catalog};
use crate::ir::{Expr, ExprKind, Policy, Value};
use crate::span::Span;

/// A lint, as its file describes it.
pub struct Lint {
    /// What the lint reports under: `lint` is true, `docs` its section.
    pub code: Code,
    pub check: Check,
}

/// What a lint reads, which decides when it runs.
#[derive(Clone, Copy)]
pub enum Check {
    /// What the checker saw declared and used; runs even when the policy
    /// has errors.
    Usage(fn(&Declared, &Usage, &mut Vec<Diagnostic>)),
    /// The conditions of a policy without errors.
    Policy(fn(&Policy, &mut Vec<Diagnostic>)),
    /// The sign-offs against the content's digest and the file's name,
    /// which only `qualify check` knows: `crate::signoff` reports it.
    SignOff,
}

/// Every name the checker saw declared, with its name and where.
pub type Declared = HashMap<Symbol, (String, Span)>;

/// Declares each lint's module and lists its descriptor, so the list
/// cannot miss a lint file or name one twice.
macro_rules! registry {
    ($($visibility:vis $lint:ident,)*) => {
        $($visibility mod $lint;)*

        /// Every lint, in code order.
        pub const ALL: &[&Lint] = &[$(&$lint::LINT),*];
    };
}

registry! {
    reversed_between,
    one_of_spelling,
    padded_text,
    unreachable_stage,
    contradictory_criteria,
    owner_field_mismatch,
    constant_undesirable,
    unused_field,
    unused_list,
    unused_define,
    pub stale_signoff,
    example_depends_on_now,
}

/// Every code qualify reports, in code order: the catalog's errors and
/// the lints.
pub static CODES: LazyLock<Vec<&'static Code>> = LazyLock::new(|| {
    let lints = ALL.iter().map(|lint| &lint.code);
    let mut codes: Vec<&'static Code> = catalog::ERRORS.iter().copied().chain(lints).collect();
    codes.sort_by_key(|code| code.code);
    codes
});

/// A code by its `Q` number or its name.
pub fn find_code(code_or_name: &str) -> Option<&'static Code> {
    CODES
        .iter()
        .copied()
        .find(|code| code.code.eq_ignore_ascii_case(code_or_name) || code.name == code_or_name)
}

/// Runs every lint that reads what the checker found: the ones that read
/// conditions need a policy without errors.
pub fn run(policy: Option<&Policy>, declared: &Declared, usage: &Usage, out: &mut Vec<Diagnostic>) {
    for lint in ALL {
        match (lint.check, policy) {
            (Check::Usage(check), _) => check(declared, usage, out),
            (Check::Policy(check), Some(policy)) => check(policy, out),
            (Check::Policy(_), None) | (Check::SignOff, _) => {}
        }
    }
}

/// Reports each declaration `is_kind` picks out that nothing uses, in file
/// order: dead weight in the agreement, or a rule someone forgot to write.
fn report_unused(
    code: &'static Code,
    is_kind: fn(&Symbol) -> bool,
    help: &str,
    declared: &Declared,
    usage: &Usage,
    out: &mut Vec<Diagnostic>,
) {
    let mut unused: Vec<(&Symbol, &(String, Span))> = declared
        .iter()
        .filter(|(symbol, _)| is_kind(symbol) && !usage.symbols.contains(symbol))
        .collect();
    unused.sort_by_key(|(_, (_, span))| span.start);
    for (symbol, (name, span)) in unused {
        out.push(
            Diagnostic::new(
                code,
                *span,
                format!("{} `{name}` is never used", symbol.kind()),
            )
            .with_label("declared but never used")
            .with_help(help),
        );
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
