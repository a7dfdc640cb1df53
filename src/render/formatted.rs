//! What `qualify fmt` reports: how a policy's text differs from its
//! canonical form, and how many files were (or would be) rewritten.

use crate::diagnostic::SourceFile;

/// A unified diff from the file to its canonical form `formatted`.
pub fn diff(file: &SourceFile, formatted: &str) -> String {
    similar::TextDiff::from_lines(file.text.as_str(), formatted)
        .unified_diff()
        .context_radius(3)
        .header(&file.name, &format!("{} (formatted)", file.name))
        .to_string()
}

/// The closing line: "reformatted 1 of 3 files", or with `check`, "would
/// reformat…".
pub fn summary(changed: usize, files: usize, check: bool) -> String {
    let verb = if check {
        "would reformat"
    } else {
        "reformatted"
    };
    let noun = if files == 1 { "file" } else { "files" };
    format!("{verb} {changed} of {files} {noun}")
}
