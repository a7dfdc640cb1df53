//! Policies built deep on purpose (see `tests/generated/deep.rs`) are
//! checked, evaluated, explained and rendered with the right answers, in
//! time and memory linear in their size: nothing recurses as deep as the
//! policy is long, and nothing is copied into each of its users. How long
//! `check` takes on them is measured in `benches/check.rs`.

mod common;
#[path = "generated/deep.rs"]
mod deep;

use common::{TempDir, succeeded};

/// A large, a small and an unknown company.
const LEADS: &str = "id,employees\nA,10\nB,1\nC,\n";

/// Runs `check` and `eval` on `policy` (and with `every_command`, also
/// `explain` and `doc`), and returns each lead's stage as
/// `eval --format csv` gives it.
fn stages(name: &str, policy: &str, every_command: bool) -> Vec<String> {
    let dir = TempDir::new(name);
    dir.write("deep.qual", policy);
    dir.write("leads.csv", LEADS);
    let checked = succeeded(&dir.qualify(&["check", "deep.qual"]));
    assert!(checked.contains("no problems"), "{checked}");
    let as_of = "--as-of=2026-06-01T00:00:00Z";
    let results =
        succeeded(&dir.qualify(&["eval", "deep.qual", "leads.csv", "--format", "csv", as_of]));
    if every_command {
        let explained =
            succeeded(&dir.qualify(&["explain", "deep.qual", "leads.csv", "--id", "A", as_of]));
        assert!(explained.starts_with("Lead A: "), "{explained}");
        succeeded(&dir.qualify(&["doc", "deep.qual", "--out", "agreement.md"]));
        assert!(dir.read("agreement.md").contains("Stage"));
    }
    results
        .lines()
        .skip(1)
        .map(|line| line.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect()
}

// Expected answers worked out by hand from the generators' comments: only A
// has more than 5 employees.

#[test]
fn a_chain_of_100000_defines() {
    // d100000 means `employees > 5`. Checked and evaluated only: each
    // command reads 2 MB of policy, which takes seconds in a test build.
    assert_eq!(
        stages("define-chain", &deep::define_chain(100_000), false),
        ["A,MQL", "B,none", "C,none"]
    );
}

#[test]
fn a_chain_of_20000_defines_explained_and_rendered() {
    assert_eq!(
        stages("define-chain-explained", &deep::define_chain(20_000), true),
        ["A,MQL", "B,none", "C,none"]
    );
}

#[test]
fn sixty_defines_each_built_twice_on_the_last() {
    // d60 means `employees > 5`; B's size is known and small: disqualified;
    // C's is unknown, so the undesirable does not apply.
    assert_eq!(
        stages("doubling-defines", &deep::doubling_defines(60), true),
        ["A,MQL", "B,disqualified", "C,none"]
    );
}

#[test]
fn a_chain_of_10000_stages_asked_by_an_undesirable() {
    // A reaches every S and is kept out of Z; B and C reach only Z.
    assert_eq!(
        stages("stage-chain", &deep::stage_chain(10_000), true),
        ["A,S9999", "B,Z", "C,Z"]
    );
}

#[test]
fn a_chain_of_10000_scores_declared_backwards() {
    // Each score is 1 exactly when the next is positive, down to
    // `employees > 5`.
    assert_eq!(
        stages("score-chain", &deep::score_chain(10_000), true),
        ["A,MQL", "B,none", "C,none"]
    );
}
