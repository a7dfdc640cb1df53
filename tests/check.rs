//! The check corpus: each file under tests/corpus/check is a policy that
//! parses but has a mistake. A file named `<lint_name>[__case].qual` must
//! report that diagnostic; its findings are snapshotted as drawn for
//! people and as JSON. A file whose name ends in `__required.qual` is
//! checked as with `--require-signoff`. Every diagnostic qualify knows has
//! a case here or in the syntax corpus, and the shipped policies check
//! clean, sign-offs included.

use std::collections::BTreeSet;
use std::path::Path;

use qualify::diagnostic::{Diagnostic, SourceFile, Style, render};
use qualify::lint::{self, levels::Levels};

fn diagnostics(path: &Path) -> (String, SourceFile, Vec<Diagnostic>) {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let name = format!(
        "check/{}",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let file = SourceFile::new(name, source.clone());
    let now = jiff::Timestamp::UNIX_EPOCH;
    let require_signoff = path.to_string_lossy().ends_with("__required.qual");
    let (_, diagnostics) = qualify::diagnose(&file, &Levels::default(), now, require_signoff);
    (source, file, diagnostics)
}

/// `unknown_name__misspelled_field.qual` → `unknown-name`
fn expected_code(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    stem.split("__")
        .next()
        .unwrap_or_default()
        .replace('_', "-")
}

#[test]
fn each_mistake_is_reported_with_its_code() {
    insta::glob!("corpus/check/*.qual", |path| {
        let (source, file, diagnostics) = diagnostics(path);
        let expected = expected_code(path);
        assert!(
            lint::find_code(&expected).is_some(),
            "{}: no diagnostic is named `{expected}`",
            path.display()
        );
        assert!(
            diagnostics.iter().any(|d| d.code.name == expected),
            "{} should report {expected}; got {:?}",
            path.display(),
            diagnostics.iter().map(|d| d.code.name).collect::<Vec<_>>()
        );
        let drawn: String = diagnostics
            .iter()
            .map(|d| render(d, &file, Style::PLAIN))
            .collect();
        let json: Vec<String> = diagnostics
            .iter()
            .map(|d| qualify::render::diagnostics::json_object(&file, d).to_string())
            .collect();
        insta::assert_snapshot!(format!(
            "{source}\n── diagnostics ──\n{drawn}\n── json ──\n{}\n",
            json.join("\n")
        ));
    });
}

#[test]
fn every_diagnostic_has_a_case() {
    let mut seen = BTreeSet::new();
    for dir in ["tests/corpus/check", "tests/corpus/syntax/invalid"] {
        for entry in std::fs::read_dir(dir).expect("corpus folder") {
            let path = entry.expect("corpus entry").path();
            if path.extension().is_some_and(|ext| ext == "qual") {
                seen.extend(diagnostics(&path).2.iter().map(|d| d.code.code));
            }
        }
    }
    let missing: Vec<String> = lint::CODES
        .iter()
        .filter(|code| !seen.contains(code.code))
        .map(|code| format!("{} {}", code.code, code.name))
        .collect();
    assert!(missing.is_empty(), "no corpus file shows: {missing:?}");
}

#[test]
fn shipped_policies_check_clean() {
    for entry in std::fs::read_dir("policies").expect("policies/") {
        let path = entry.expect("policy").path();
        let file = SourceFile::new(
            path.display().to_string(),
            std::fs::read_to_string(&path).expect("read"),
        );
        let (_, diagnostics) =
            qualify::diagnose(&file, &Levels::default(), jiff::Timestamp::UNIX_EPOCH, true);
        let drawn: String = diagnostics
            .iter()
            .map(|d| render(d, &file, Style::PLAIN))
            .collect();
        assert!(
            diagnostics.is_empty(),
            "{} should check clean:\n{drawn}",
            path.display()
        );
    }
}
