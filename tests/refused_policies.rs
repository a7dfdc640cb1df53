//! Every command that uses a policy refuses one that `qualify check`
//! rejects, with check's own diagnostics: here a policy whose example
//! fails (Q0802), which `eval` once evaluated without a word.

mod common;

use common::TempDir;

/// The example expects BIG for 50 employees, but BIG needs 200.
const POLICY: &str = r#"
policy "Failing example" { version "1" party marketing "M" party sales "S" }
fields {
  id        text    "CRM lead id" key
  employees number  "Company size"
}
stage BIG "A big company" {
  requires employees >= 200
}
example "A small company" {
  lead { id "E-1"  employees 50 }
  expect stage BIG
}
"#;

#[test]
fn a_policy_whose_example_fails_is_refused_by_every_command() {
    let dir = TempDir::new("refused");
    dir.write("policy.qual", POLICY);
    dir.write("leads.csv", "id,employees\nL-1,300\n");
    let check = dir.qualify(&["check", "policy.qual"]);
    assert_eq!(check.status.code(), Some(1));
    let reported = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(reported.contains("Q0802"), "{reported}");
    let as_of = ["--as-of", "2026-06-01T12:00:00Z"];
    let commands: [Vec<&str>; 5] = [
        [&["eval", "policy.qual", "leads.csv"][..], &as_of].concat(),
        [&["report", "policy.qual", "leads.csv"][..], &as_of].concat(),
        [
            &["explain", "policy.qual", "leads.csv", "--id", "L-1"][..],
            &as_of,
        ]
        .concat(),
        [&["diff", "policy.qual", "policy.qual"][..], &as_of].concat(),
        vec!["doc", "policy.qual"],
    ];
    for args in commands {
        let output = dir.qualify(&args);
        let said = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(2), "{args:?}: {said}");
        assert!(output.stdout.is_empty(), "{args:?} wrote results");
        assert!(said.contains("Q0802"), "{args:?} does not say why: {said}");
        assert!(
            said.contains("has errors; run `qualify check policy.qual`"),
            "{said}"
        );
    }
}
