//! docs/lints.md is generated from the documentation each code carries
//! (`qualify::lint::reference`). This test fails when the file is out of
//! step with the code, and rewrites it when `QUALIFY_BLESS=1` is set.

use qualify::diagnostic::{Severity, catalog};
use qualify::lint::{self, CODES};

const PAGE: &str = "docs/lints.md";
const REGENERATE: &str = "QUALIFY_BLESS=1 cargo test --test lints_doc";

#[test]
fn the_lint_reference_is_generated_from_the_codes() {
    let generated = qualify::lint::reference::markdown();
    if std::env::var_os("QUALIFY_BLESS").is_some_and(|bless| bless == "1") {
        std::fs::write(PAGE, &generated).expect("write docs/lints.md");
        return;
    }
    let written = std::fs::read_to_string(PAGE).expect("read docs/lints.md");
    if written != generated {
        let (line, (was, should)) = written
            .lines()
            .chain(std::iter::repeat(""))
            .zip(generated.lines().chain(std::iter::repeat("")))
            .enumerate()
            .find(|(_, (was, should))| was != should)
            .map(|(at, lines)| (at + 1, lines))
            .unwrap_or((0, ("", "")));
        panic!(
            "{PAGE} is out of date: it is generated from the codes' documentation in src/.\n\
             Regenerate it with:\n\n    {REGENERATE}\n\n\
             first difference, line {line}:\n  in the file: {was:?}\n  generated:   {should:?}"
        );
    }
}

/// Every code's documentation has the parts a reader looks for, in order,
/// and states the severity the code is reported with.
#[test]
fn every_code_documents_what_why_example_and_fix() {
    for code in CODES.iter() {
        let severity = match code.severity {
            Severity::Error => "**Severity:** error",
            Severity::Warning => "**Severity:** warning",
        };
        let docs = code.docs.trim();
        assert!(
            docs.starts_with(severity),
            "{} {}: its docs should start with `{severity}`",
            code.code,
            code.name
        );
        let mut rest = docs;
        for part in [
            "**What:**",
            "**Why it matters:**",
            "**Example",
            "**How to fix:**",
        ] {
            let Some(at) = rest.find(part) else {
                panic!(
                    "{} {}: its docs have no `{part}` after the parts before it",
                    code.code, code.name
                );
            };
            rest = &rest[at + part.len()..];
        }
    }
}

/// The registry holds the lints, in code order, and the catalog the
/// errors: `lint` tells which codes `qualify.toml` and `allow` comments
/// may change.
#[test]
fn lints_are_lints_and_errors_are_errors() {
    for lint in lint::ALL {
        assert!(lint.code.lint, "{} is in the lint registry", lint.code.code);
    }
    assert!(
        lint::ALL
            .windows(2)
            .all(|pair| pair[0].code.code < pair[1].code.code),
        "the lint registry is in code order"
    );
    for error in catalog::ERRORS {
        assert!(
            !error.lint && error.severity == Severity::Error,
            "{} is in the catalog of errors",
            error.code
        );
    }
}
