//! The one road a policy takes, for every command and for programs that
//! embed qualify: text → parse → check → sign-off digest → lints →
//! sign-off state → compile → examples. Each stage lives in its own module
//! and knows nothing of the ones after it; this module strings them
//! together, so no command does it its own way.
//!
//! ```
//! use qualify::diagnostic::SourceFile;
//!
//! let text = r#"
//! policy "Tiny" { version "1" party marketing "M" party sales "S" }
//! fields {
//!   id        text "CRM lead id" key
//!   employees number?
//! }
//! stage MQL "Marketing qualified lead" {
//!   requires employees >= 200
//! }
//! "#;
//! let program = qualify::pipeline::program(&SourceFile::new("tiny.qual", text))
//!     .expect("the policy has no errors");
//! assert_eq!(program.policy.stages[0].name, "MQL");
//! ```

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::eval::{self, Program};
use crate::lint::{self, levels::Levels};
use crate::syntax::{self, ast::PolicyFile};
use crate::{check as checker, signoff};

/// A parsed policy checked, its sign-off digest worked out, and the lints
/// run over it: every finding in file order.
pub fn check(tree: &PolicyFile) -> Checked {
    let mut checked = checker::check(tree);
    if let Some(policy) = checked.policy.as_mut() {
        policy.digest = signoff::digest(tree);
    }
    lint::run(
        checked.policy.as_ref(),
        &checked.declared,
        &checked.usage,
        &mut checked.diagnostics,
    );
    (checked.diagnostics).sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code.code));
    checked
}

/// The policy text `source` with `party`'s approval `line` recorded
/// ([`signoff::with_signoff`]), once it reads back as that party's current
/// sign-off: `None` means the edit went wrong and the text must not be
/// written. `qualify sign` records an approval through this.
pub fn signed(source: &str, party: &str, line: &str) -> Option<String> {
    let text = signoff::with_signoff(source, party, line);
    let policy = check(&syntax::parse(&text).file).policy?;
    let current = signoff::standings(&policy)
        .iter()
        .any(|(declared, standing)| {
            declared.name == party && matches!(standing, signoff::Standing::Current(_))
        });
    current.then_some(text)
}

/// A policy every command may use: one `qualify check` accepts (no error,
/// failing examples and lints set to `deny` included, examples run at
/// `now`), compiled; or the errors that stop it, exactly as `check` says
/// them. A policy whose own examples fail does not mean what its authors
/// agreed, so no lead is evaluated against it. Sign-offs are left out:
/// a stale one does not change what the policy means, a proposed version
/// is unsigned by nature, and `--require-signoff` is how a command asks
/// for them.
pub fn accepted(
    file: &SourceFile,
    levels: &Levels,
    now: jiff::Timestamp,
) -> Result<Program, Vec<Diagnostic>> {
    let (_, diagnostics) = diagnose(file, levels, now, false);
    let stale = &lint::stale_signoff::LINT.code;
    let errors: Vec<Diagnostic> = (diagnostics.into_iter())
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .filter(|diagnostic| diagnostic.code != stale)
        .collect();
    if errors.is_empty() {
        program(file)
    } else {
        Err(errors)
    }
}

/// A policy ready to evaluate leads: parsed, checked and compiled, or the
/// errors that stop it (syntax errors, or the checker's). No lints and no
/// examples: for `qualify test`, which runs the examples to report them,
/// and `qualify sign`; other commands use [`accepted`].
pub fn program(file: &SourceFile) -> Result<Program, Vec<Diagnostic>> {
    let parsed = syntax::parse(&file.text);
    if !parsed.is_ok() {
        return Err(parsed.diagnostics);
    }
    let Checked {
        policy,
        diagnostics,
        ..
    } = checker::check(&parsed.file);
    match policy {
        Some(mut policy) => {
            policy.digest = signoff::digest(&parsed.file);
            Ok(Program::compile(policy))
        }
        None => Err(diagnostics
            .into_iter()
            .filter(|diagnostic| diagnostic.severity == Severity::Error)
            .collect()),
    }
}

/// Everything `qualify check` reports for one policy: syntax errors, or
/// else the checker's and lints' findings, stale sign-offs and the examples
/// that fail, with lint levels and `allow` comments applied. With
/// `require_signoff`, a party whose sign-off is stale or missing is an
/// error whatever the levels say. The flag tells whether the policy parsed.
pub fn diagnose(
    file: &SourceFile,
    levels: &Levels,
    now: jiff::Timestamp,
    require_signoff: bool,
) -> (bool, Vec<Diagnostic>) {
    let parsed = syntax::parse(&file.text);
    if !parsed.is_ok() {
        return (false, parsed.diagnostics);
    }
    let checked = check(&parsed.file);
    // The tree is not needed past checking: not holding it while the
    // examples are compiled halves what a large policy takes at most.
    let syntax::Parsed {
        file: tree,
        comments,
        ..
    } = parsed;
    drop(tree);
    let mut diagnostics = checked.diagnostics;
    let mut required = Vec::new();
    // A checked policy's examples run too, so CI needs one command.
    if let Some(policy) = checked.policy {
        if require_signoff {
            required = signoff::diagnostics(&policy, &file.name, true);
        } else {
            diagnostics.extend(signoff::diagnostics(&policy, &file.name, false));
        }
        if !policy.examples.is_empty() {
            let program = Program::compile(policy);
            diagnostics.extend(eval::examples::failing(&program, now));
        }
    }
    let mut diagnostics = lint::levels::apply(diagnostics, levels, &comments.comments, file);
    if !required.is_empty() {
        diagnostics.extend(required);
        diagnostics.sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code.code));
    }
    (true, diagnostics)
}
