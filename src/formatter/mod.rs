//! The canonical layout of a policy (`qualify fmt`), and the content a
//! sign-off approves.
//!
//! The formatter prints the syntax tree, not the text: spacing, numbers,
//! strings and durations come out one way whatever the author typed, while
//! the order of everything and every comment stay as written. Before its
//! output is used, it is parsed again and compared with the input (syntax
//! tree with spans ignored, and every comment's text): a formatter that
//! lost a comment or changed a meaning reports an error instead.

mod expr;
mod items;
mod writer;

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::PolicyFile;
use crate::syntax::{self, Comments};
use writer::Writer;

pub use expr::string as quoted;

/// Why a file was not formatted.
#[derive(Debug)]
pub enum FormatError {
    /// The file does not parse; nothing can be formatted.
    Syntax(Vec<Diagnostic>),
    /// The formatted text failed the safety net (a bug in qualify).
    Unsafe(String),
}

/// The canonical form of `source`, checked by the safety net.
pub fn format(source: &str) -> Result<String, FormatError> {
    let parsed = syntax::parse(source);
    if !parsed.is_ok() {
        return Err(FormatError::Syntax(parsed.diagnostics));
    }
    let formatted = layout(&parsed.file, &parsed.comments);
    verify(&parsed.file, &parsed.comments, &formatted).map_err(FormatError::Unsafe)?;
    Ok(formatted)
}

/// The policy without comments and `signoff` lines, in canonical layout:
/// the text a sign-off digest is computed over.
pub fn content(file: &PolicyFile) -> String {
    let mut w = Writer::new(&[], &[]);
    items::file(&mut w, file, false);
    w.finish()
}

fn layout(file: &PolicyFile, comments: &Comments) -> String {
    let mut w = Writer::new(&comments.comments, &comments.blank_lines);
    items::file(&mut w, file, true);
    w.finish()
}

/// The safety net: `formatted` must parse to the same syntax tree as the
/// original (spans ignored) and hold the same comments in the same order.
pub fn verify(file: &PolicyFile, comments: &Comments, formatted: &str) -> Result<(), String> {
    let again = syntax::parse(formatted);
    if let Some(first) = again.diagnostics.first() {
        return Err(format!(
            "the formatted text does not parse ({} at byte {})",
            first.message, first.span.start
        ));
    }
    if again.file != *file {
        let at = again
            .file
            .items
            .iter()
            .zip(&file.items)
            .position(|(new, old)| new != old)
            .unwrap_or(file.items.len().min(again.file.items.len()));
        return Err(format!(
            "the formatted text would mean something else (item {} differs)",
            at + 1
        ));
    }
    let texts = |comments: &Comments| -> Vec<String> {
        comments
            .comments
            .iter()
            .map(|comment| comment.text.trim_end().to_string())
            .collect()
    };
    let (before, after) = (texts(comments), texts(&again.comments));
    if before != after {
        let lost = before
            .iter()
            .zip(&after)
            .position(|(old, new)| old != new)
            .unwrap_or(before.len().min(after.len()));
        return Err(format!(
            "the formatted text would not keep comment {} (`#{}`)",
            lost + 1,
            before.get(lost).map_or("", String::as_str)
        ));
    }
    Ok(())
}
