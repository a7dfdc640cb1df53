//! `qualify eval` writes one result per record whatever the records hold,
//! but its exit code says whether the export can be trusted as a whole:
//! every record invalid, more invalid records than `--max-invalid` allows,
//! or (with `--fail-on-duplicates`) two records with one key fail with
//! exit 1 and say why. Duplicate keys are always listed in the summary.

mod common;

use common::{TempDir, exited};

const POLICY: &str = r#"
policy "Verdicts" { version "1" party marketing "M" party sales "S" }
fields {
  id        text    "CRM lead id" key
  employees number  "Company size"
}
stage BIG "A big company" {
  requires employees >= 200
}
"#;

/// `qualify eval` of `leads` (CSV) with `options`: exit code, results, summary.
fn eval(name: &str, leads: &str, options: &[&str]) -> (i32, String, String) {
    let dir = TempDir::new(name);
    dir.write("policy.qual", POLICY);
    dir.write("leads.csv", leads);
    let mut args = vec![
        "eval",
        "policy.qual",
        "leads.csv",
        "--as-of",
        "2026-06-01T12:00:00Z",
    ];
    args.extend(["--format", "csv"]);
    args.extend(options);
    let output = dir.qualify(&args);
    let code = output.status.code().unwrap_or(-1);
    let (out, err) = exited(&output, code);
    (code, out, err)
}

#[test]
fn an_export_whose_every_record_is_invalid_fails() {
    // Both sizes are words, not numbers: both records invalid.
    let (code, results, summary) = eval("all-invalid", "id,employees\nA,many\nB,few\n", &[]);
    assert_eq!(code, 1, "{summary}");
    assert_eq!(
        results.lines().count(),
        3,
        "a header and one result per record"
    );
    assert!(
        summary.contains("error: all 2 records are invalid"),
        "{summary}"
    );
    // One valid record of three is enough to pass without a limit.
    let (code, _, summary) = eval("some-invalid", "id,employees\nA,many\nB,few\nC,300\n", &[]);
    assert_eq!(code, 0, "{summary}");
}

#[test]
fn max_invalid_takes_a_count_or_a_share() {
    // Two invalid records of four.
    let leads = "id,employees\nA,many\nB,300\nC,few\nD,12\n";
    let code = |limit: &str| {
        eval(
            &format!("limit-{}", limit.replace('%', "pc")),
            leads,
            &["--max-invalid", limit],
        )
        .0
    };
    assert_eq!(code("2"), 0, "two allowed, two found");
    assert_eq!(code("1"), 1, "one allowed, two found");
    assert_eq!(code("50%"), 0, "half of four is two");
    assert_eq!(code("25%"), 1, "a quarter of four is one");
    let (code, _, message) = eval("bad-limit", leads, &["--max-invalid", "some"]);
    assert_eq!(code, 2, "a limit that is not one is refused");
    assert!(
        message.contains("is not a number of records (25) or a share (2%)"),
        "{message}"
    );
}

#[test]
fn duplicate_keys_are_listed_and_can_fail_the_run() {
    // A on lines 2 and 4 and again on 5; B once.
    let leads = "id,employees\nA,300\nB,12\nA,301\nA,5\n";
    let (code, results, summary) = eval("duplicates", leads, &[]);
    assert_eq!(code, 0, "duplicates alone are a warning");
    assert_eq!(results.lines().count(), 5, "every record keeps its result");
    assert!(summary.contains("duplicate keys 2"), "{summary}");
    assert!(
        summary.contains("duplicate: A on lines 2 and 4"),
        "{summary}"
    );
    assert!(
        summary.contains("duplicate: A on lines 2 and 5"),
        "{summary}"
    );
    let (code, _, summary) = eval("duplicates-fail", leads, &["--fail-on-duplicates"]);
    assert_eq!(code, 1, "{summary}");
    assert!(
        summary.contains("error: 2 records repeat the key of an earlier record"),
        "{summary}"
    );
}
