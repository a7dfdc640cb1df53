//! `qualify explain` on the sample leads: one snapshot per kind of outcome.
//! Each was read against policies/acme.qual by hand.

mod common;

use common::{qualify, succeeded};

fn explain(id: &str) -> String {
    succeeded(&qualify(&[
        "explain",
        "policies/acme.qual",
        "examples/leads.csv",
        "--as-of",
        "2026-06-01T12:00:00Z",
        "--id",
        id,
    ]))
}

#[test]
fn an_sql_lead() {
    insta::assert_snapshot!(explain("LD-1001"));
}

#[test]
fn a_disqualified_lead() {
    let text = explain("LD-1007");
    assert!(text.contains("disqualifies the lead"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn an_invalid_lead_lists_its_problems() {
    let text = explain("LD-1014");
    assert!(
        text.starts_with("Lead LD-1014: invalid (line 15)"),
        "{text}"
    );
    assert!(
        text.contains("employees: \"many\" is not a number"),
        "{text}"
    );
}

#[test]
fn an_unknown_id_is_reported() {
    let output = qualify(&[
        "explain",
        "policies/acme.qual",
        "examples/leads.csv",
        "--id",
        "NOPE-1",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no lead with id `NOPE-1`"));
}
