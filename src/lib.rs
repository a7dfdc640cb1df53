//! qualify: the lead-qualification agreement between marketing and sales,
//! as code. The library exposes each stage of the pipeline so other
//! programs can embed it; the `qualify` binary is a thin client.

// pest without `std` (see Cargo.toml) names `alloc` from the crate root.
extern crate alloc;

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod formatter;
pub mod ir;
pub mod lint;
pub mod number;
pub mod records;
pub mod render;
pub mod signoff;
pub mod span;
pub mod syntax;
pub mod timezones;

pub use check::check;
pub use syntax::parse;

/// Everything `qualify check` reports for one policy: syntax errors, or
/// else the checker's and lints' findings, stale sign-offs and the examples
/// that fail, with lint levels and `allow` comments applied. With
/// `require_signoff`, a party whose sign-off is stale or missing is an
/// error whatever the levels say. The flag tells whether the policy parsed.
pub fn diagnose(
    file: &diagnostic::SourceFile,
    levels: &lint::levels::Levels,
    now: jiff::Timestamp,
    require_signoff: bool,
) -> (bool, Vec<diagnostic::Diagnostic>) {
    let parsed = parse(&file.text);
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
            let program = eval::Program::compile(policy);
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
