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

/// A reply half a second after a limit used up at a closing time: the
/// explanation shows the half second, never "took 4h" beside "breached"
/// (tests/corpus/eval/sla_limit_used_up_at_closing.qual works it out).
#[test]
fn a_breach_never_reads_as_the_limit_itself() {
    let text = succeeded(&qualify(&[
        "explain",
        "tests/corpus/eval/sla_limit_used_up_at_closing.qual",
        "tests/corpus/eval/sla_limit_used_up_at_closing.csv",
        "--id",
        "C-3",
    ]));
    assert!(
        text.contains(
            "MQL follow-up: breached, took 4h 0.5s of office hours, due 2026-04-20T06:00:00Z"
        ),
        "{text}"
    );
    let met = succeeded(&qualify(&[
        "explain",
        "tests/corpus/eval/sla_limit_used_up_at_closing.qual",
        "tests/corpus/eval/sla_limit_used_up_at_closing.csv",
        "--id",
        "C-1",
    ]));
    assert!(
        met.contains("MQL follow-up: met, took 4h of office hours, due 2026-04-20T06:00:00Z"),
        "{met}"
    );
}
