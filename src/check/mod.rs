//! Syntax tree → checked policy (`crate::ir`), reporting every mistake an
//! author can make before any lead is evaluated: unknown and duplicate
//! names, types, stage order, calendars, service levels. The lints in
//! `crate::lint` then look at the checked policy for what is legal but
//! probably wrong.

mod expr;
mod graph;
mod items;
mod scope;

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Severity};
use crate::ir::Policy;
use crate::span::Span;
use crate::syntax::ast::PolicyFile;

pub use scope::Symbol;

/// The outcome of checking one policy.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The checked policy, when nothing stops it from being evaluated. Its
    /// sign-off digest is left to the pipeline (`crate::pipeline`).
    pub policy: Option<Policy>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every name declared, with where: for the lints of unused names.
    pub declared: HashMap<Symbol, (String, Span)>,
    /// What the checker saw used.
    pub usage: Usage,
}

/// What the checker learned about use, for the lints that look for
/// unused declarations.
#[derive(Debug, Default, Clone)]
pub struct Usage {
    pub symbols: HashSet<Symbol>,
}

/// Checks a parsed policy: names, types, structure. Nothing else: the
/// lints and the sign-off digest are the pipeline's next steps.
pub fn check(file: &PolicyFile) -> Checked {
    let scope = scope::Scope::collect(file);
    let mut checker = Checker {
        diagnostics: scope.problems.clone(),
        scope: &scope,
        usage: Usage::default(),
        fields: Vec::new(),
        lists: Vec::new(),
        define_exprs: Vec::new(),
    };
    let policy = checker.policy();
    let mut diagnostics = checker.diagnostics;
    let failed = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error);
    diagnostics.sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code.code));
    Checked {
        policy: (!failed).then_some(policy),
        diagnostics,
        declared: scope.declared_spans(),
        usage: checker.usage,
    }
}

/// State while checking one file.
struct Checker<'s, 'a> {
    scope: &'s scope::Scope<'a>,
    diagnostics: Vec<Diagnostic>,
    usage: Usage,
    fields: Vec<crate::ir::Field>,
    /// Checked lists by id; `None` when the list is broken.
    lists: Vec<Option<crate::ir::List>>,
    /// Checked defines by id, filled in dependency order; `None` when the
    /// define is broken or circular.
    define_exprs: Vec<Option<crate::ir::Expr>>,
}

impl Checker<'_, '_> {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}
