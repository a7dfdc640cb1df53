//! Policies built deep on purpose: long chains and doublings of defines,
//! stages and scores. Shared by `tests/deep_policies.rs` (right answers,
//! no crash) and `benches/check.rs` (how long `check` takes on them).

use std::fmt::Write;

/// The head every generated policy shares: two parties, a key and one
/// optional number.
const HEAD: &str = "policy \"Deep\" {\n  version \"1\"\n  effective 2026-01-01\n  party marketing \"M <m@example.com>\"\n  party sales \"S <s@example.com>\"\n}\n\nfields {\n  id text key\n  employees number?\n}\n\n";

/// The stage every define-based policy ends in.
fn mql_requires(condition: &str) -> String {
    format!(
        "stage MQL \"Marketing qualified lead\" {{\n  owner marketing\n  requires {condition}\n}}\n"
    )
}

/// `define d0 = employees > 5`, then `define dN = dN-1` up to `length`:
/// MQL requires the last one, so it means `employees > 5`.
pub fn define_chain(length: usize) -> String {
    let mut policy = String::from(HEAD);
    policy.push_str("define d0 = employees > 5\n");
    for i in 1..=length {
        let _ = writeln!(policy, "define d{i} = d{}", i - 1);
    }
    policy + &mql_requires(&format!("d{length}"))
}

/// `define dN = dN-1 and dN-1` up to `depth` (copied into its users, the
/// last would stand for 2^depth copies of `employees > 5`), required by MQL
/// and, negated, an undesirable for leads whose size is known.
pub fn doubling_defines(depth: usize) -> String {
    let mut policy = String::from(HEAD);
    policy.push_str("define d0 = employees > 5\n");
    for i in 1..=depth {
        let _ = writeln!(policy, "define d{i} = d{} and d{}", i - 1, i - 1);
    }
    let _ = writeln!(
        policy,
        "undesirable \"Too small\" if employees is present and not d{depth}"
    );
    policy + &mql_requires(&format!("d{depth}"))
}

/// Stages S0 … S(length-1), each after the one before; S0 requires
/// `employees > 5`. Stage Z has no prerequisite and is blocked for a lead
/// that reached the last S.
pub fn stage_chain(length: usize) -> String {
    let mut policy = String::from(HEAD);
    policy.push_str("stage S0 \"Stage 0\" {\n  owner marketing\n  requires employees > 5\n}\n");
    for i in 1..length {
        let _ = writeln!(
            policy,
            "stage S{i} \"Stage {i}\" {{\n  owner marketing\n  after S{}\n}}",
            i - 1
        );
    }
    policy.push_str("stage Z \"Stage Z\" {\n  owner sales\n}\n");
    let _ = writeln!(
        policy,
        "undesirable \"Went the long way\" blocks Z if S{}",
        length - 1
    );
    policy
}

/// Scores declared in the reverse of the order they depend on each other:
/// s0 gives a point when s1 is positive, …, and the last when
/// `employees > 5`. MQL requires `s0 > 0`.
pub fn score_chain(length: usize) -> String {
    let mut policy = String::from(HEAD);
    for i in 0..length - 1 {
        let _ = writeln!(policy, "score s{i} {{\n  +1 if s{} > 0\n}}", i + 1);
    }
    let _ = writeln!(
        policy,
        "score s{} {{\n  +1 if employees > 5\n}}",
        length - 1
    );
    policy + &mql_requires("s0 > 0")
}
