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

/// A stale sign-off is not a fault in what the policy means: with the lint
/// set to `deny`, `check` fails, but `eval` and `diff` still run (a
/// proposed version is unsigned by nature; `--require-signoff` is how a
/// command asks for sign-offs).
#[test]
fn a_stale_signoff_stops_check_but_not_the_commands_that_use_the_policy() {
    let dir = TempDir::new("stale-signoff");
    let passing = POLICY.replace("expect stage BIG", "expect stage none");
    let stale = format!(
        "{passing}\nsignoff marketing \"M\" on 2026-01-28 digest \"sha256:{}\"\n",
        "0".repeat(64)
    );
    dir.write("policy.qual", &stale);
    dir.write("qualify.toml", "[lint]\nstale-signoff = \"deny\"\n");
    dir.write("leads.csv", "id,employees\nL-1,300\n");
    assert_eq!(
        dir.qualify(&["check", "policy.qual"]).status.code(),
        Some(1)
    );
    let as_of = ["--as-of", "2026-06-01T12:00:00Z"];
    for args in [
        [&["eval", "policy.qual", "leads.csv"][..], &as_of].concat(),
        [&["diff", "policy.qual", "policy.qual"][..], &as_of].concat(),
    ] {
        let output = dir.qualify(&args);
        let said = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {said}");
    }
}
