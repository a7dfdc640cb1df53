//! Lint levels from `qualify.toml` and `# qualify: allow(name) — reason`
//! comments. Only lints can be changed; the other diagnostics mean the
//! policy cannot be read as written.

use std::collections::{BTreeMap, HashMap};

use crate::config::Level;
use crate::diagnostic::{Code, Diagnostic, Severity, SourceFile, catalog, did_you_mean};
use crate::span::Comment;

/// Levels set in `qualify.toml`, by code.
#[derive(Debug, Default, Clone)]
pub struct Levels {
    by_code: HashMap<&'static str, Level>,
}

impl Levels {
    /// Checks the `[lint]` table: every key must name a lint.
    pub fn from_config(table: &BTreeMap<String, Level>) -> Result<Levels, String> {
        let mut by_code = HashMap::new();
        for (key, level) in table {
            let code = lint_named(key).map_err(|why| format!("qualify.toml: [lint] {why}"))?;
            by_code.insert(code.code, *level);
        }
        Ok(Levels { by_code })
    }
}

/// The lint a name or code denotes, or why it cannot be used.
fn lint_named(key: &str) -> Result<&'static Code, String> {
    match super::find_code(key) {
        Some(code) if code.lint => Ok(code),
        Some(code) => {
            let other = if key == code.name {
                code.code
            } else {
                code.name
            };
            Err(format!(
                "`{key}` ({other}) is always an error and cannot be allowed or changed"
            ))
        }
        None => {
            let lints = super::ALL.iter().map(|lint| lint.code.name);
            let hint = did_you_mean(key, lints)
                .map(|name| format!("; did you mean `{name}`?"))
                .unwrap_or_default();
            Err(format!("`{key}` is not a lint{hint} (see docs/lints.md)"))
        }
    }
}

/// A `# qualify: allow(…)` comment.
struct Suppression {
    codes: Vec<&'static str>,
    /// The line it applies to (the one after the comment), from 1.
    line: usize,
}

/// Applies levels and suppressions: allowed lints are dropped, the others
/// get the configured severity. Mistakes in suppression comments are
/// reported too.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    levels: &Levels,
    comments: &[Comment],
    file: &SourceFile,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let suppressions: Vec<Suppression> = comments
        .iter()
        .filter_map(|comment| suppression(comment, file, &mut problems))
        .collect();
    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            if !diagnostic.code.lint {
                return Some(diagnostic);
            }
            let (line, _) = file.line_col(diagnostic.span.start);
            if suppressions
                .iter()
                .any(|s| s.line == line && s.codes.contains(&diagnostic.code.code))
            {
                return None;
            }
            match levels.by_code.get(diagnostic.code.code) {
                Some(Level::Allow) => return None,
                Some(Level::Warn) => diagnostic.severity = Severity::Warning,
                Some(Level::Deny) => diagnostic.severity = Severity::Error,
                None => {}
            }
            Some(diagnostic)
        })
        .collect();
    kept.extend(problems);
    kept.sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.code.code));
    kept
}

/// Reads `qualify: allow(a, b) — reason` from a comment.
fn suppression(
    comment: &Comment,
    file: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Option<Suppression> {
    let text = comment.text.trim();
    let rest = text.strip_prefix("qualify:")?.trim_start();
    let span = comment.span;
    let Some(inside) = rest
        .strip_prefix("allow(")
        .and_then(|rest| rest.split_once(')'))
    else {
        problems.push(
            Diagnostic::new(
                &catalog::UNKNOWN_LINT,
                span,
                "a `qualify:` comment must read `qualify: allow(name) — reason`",
            )
            .with_label("not understood")
            .with_help("write `# qualify: allow(unused-field) — the export needs this column`"),
        );
        return None;
    };
    let (names, reason) = inside;
    let reason = reason
        .trim()
        .trim_start_matches(['—', '–', '-', ':'])
        .trim();
    let mut codes = Vec::new();
    for name in names.split(',').map(str::trim) {
        match lint_named(name) {
            Ok(code) => codes.push(code.code),
            Err(why) => problems.push(
                Diagnostic::new(&catalog::UNKNOWN_LINT, span, why)
                    .with_label(if super::find_code(name).is_some() { "cannot be allowed" } else { "not a lint" })
                    .with_help("only lints (warnings such as `unused-field`) can be allowed; docs/lints.md lists them"),
            ),
        }
    }
    if reason.is_empty() {
        problems.push(
            Diagnostic::new(&catalog::SUPPRESSION_WITHOUT_REASON, span, "this `allow` gives no reason")
                .with_label("why is this fine?")
                .with_help("say why, so the other team can agree: `# qualify: allow(unused-field) — kept for the export`"),
        );
        return None;
    }
    // On a line of its own it covers the next line; at the end of a line, that line.
    let (line, _) = file.line_col(span.start);
    Some(Suppression {
        codes,
        line: if comment.own_line { line + 1 } else { line },
    })
}
