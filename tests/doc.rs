//! `qualify doc` on every policy in policies/: the agreement as Markdown
//! and as HTML, snapshotted beside the policy it renders. A new policy is
//! covered by adding the file.

mod common;

use std::path::Path;

use common::{TempDir, UNPARSABLE, UNPARSABLE_AT, exited, qualify, succeeded};

fn doc(path: &Path, format: &str) -> String {
    let path = path.display().to_string();
    succeeded(&qualify(&["doc", "--format", format, &path]))
}

#[test]
fn each_policy_as_markdown() {
    insta::glob!("../policies", "*.qual", |path| {
        let source = std::fs::read_to_string(path).expect("policy");
        let text = doc(path, "md");
        // Plain English only: no policy syntax leaks into the document.
        for syntax in [" >= ", " <= ", " == ", " != ", "domain("] {
            assert!(!text.contains(syntax), "`{syntax}` in {text}");
        }
        insta::assert_snapshot!(format!("{source}\n── qualify doc --format md ──\n{text}"));
    });
}

#[test]
fn each_policy_as_html() {
    insta::glob!("../policies", "*.qual", |path| {
        let source = std::fs::read_to_string(path).expect("policy");
        let text = doc(path, "html");
        assert!(!text.contains("<script"), "no scripts");
        insta::assert_snapshot!(format!("{source}\n── qualify doc --format html ──\n{text}"));
    });
}

#[test]
fn each_partys_signoff_is_current_stale_or_missing() {
    let dir = TempDir::new("doc");
    let source = std::fs::read_to_string("policies/acme.qual").expect("policy");
    let unsigned: String = source
        .lines()
        .filter(|line| !line.starts_with("signoff sales"))
        .map(|line| format!("{line}\n"))
        .collect();
    let path = dir.write("unsigned.qual", &unsigned);
    let text = doc(&path, "md");
    assert!(
        text.contains("| sales | Raj Patel \\<raj@acme.example> | missing: not signed yet |"),
        "{text}"
    );
    assert!(
        text.contains("| current: signed by Dana Kim on 28 January 2026 |"),
        "the shipped policy is signed off as it stands:\n{text}"
    );
    let changed = dir
        .read("unsigned.qual")
        .replace("engagement + fit >= 60", "engagement + fit >= 65");
    dir.write("unsigned.qual", &changed);
    let text = doc(&path, "md");
    assert!(
        text.contains("| stale: signed by Dana Kim on 28 January 2026, but the agreement changed since; sign again |"),
        "{text}"
    );
}

#[test]
fn a_policy_with_errors_cannot_be_rendered() {
    let (output, errors) = exited(&qualify(&["doc", UNPARSABLE]), 2);
    assert!(errors.contains(UNPARSABLE_AT), "{errors}");
    assert!(output.is_empty());
}
