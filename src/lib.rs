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
pub mod ir;
pub mod lint;
pub mod records;
pub mod render;
pub mod span;
pub mod syntax;

pub use check::check;
pub use syntax::parse;

/// Everything `qualify check` reports for one policy: syntax errors, or
/// else the checker's and lints' findings and the examples that fail, with
/// lint levels and `allow` comments applied. The flag tells whether the
/// policy parsed.
pub fn diagnose(
    file: &diagnostic::SourceFile,
    levels: &lint::levels::Levels,
    now: jiff::Timestamp,
) -> (bool, Vec<diagnostic::Diagnostic>) {
    let parsed = parse(&file.text);
    if !parsed.is_ok() {
        return (false, parsed.diagnostics);
    }
    let checked = check(&parsed.file);
    let mut diagnostics = checked.diagnostics;
    // A checked policy's examples run too, so CI needs one command.
    if let Some(policy) = checked.policy {
        let program = eval::Program::compile(policy);
        diagnostics.extend(eval::examples::failing(&program, now));
    }
    (
        true,
        lint::levels::apply(diagnostics, levels, &parsed.comments.comments, file),
    )
}
