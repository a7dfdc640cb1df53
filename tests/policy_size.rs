//! A policy over 10 MB is refused before it is parsed, by every command
//! that reads one, with a message that says what to check.

mod common;

use common::{TempDir, exited, with_input};

/// A valid start, then comment lines up to just over 10 MB.
fn oversized() -> String {
    let mut text = std::fs::read_to_string("policies/acme.qual").expect("policy");
    let line = format!("# {}\n", "x".repeat(98));
    while text.len() <= 10 * 1024 * 1024 {
        text.push_str(&line);
    }
    text
}

#[test]
fn a_policy_over_10_mb_is_refused_before_parsing() {
    let dir = TempDir::new("policy-size");
    let text = oversized();
    dir.write("big.qual", &text);
    dir.write("leads.csv", "id\n");
    let refused = "big.qual is larger than 10 MB, the most a policy may be";
    for args in [
        &["check", "big.qual"][..],
        &["eval", "big.qual", "leads.csv"],
        &["fmt", "--check", "big.qual"],
    ] {
        let (_, err) = exited(&dir.qualify(args), 2);
        assert!(err.contains(refused), "qualify {}: {err}", args.join(" "));
    }
    let (_, err) = exited(&with_input(&dir, &["fmt", "-"], &text), 2);
    assert!(err.contains("<stdin> is larger than 10 MB"), "{err}");
    // Just under the limit, the same text is read (and checked: the
    // comments change nothing, so no problems).
    let mut under = text;
    while under.len() > 10 * 1024 * 1024 {
        under.truncate(under.len() - 100);
    }
    dir.write("under.qual", &under);
    exited(&dir.qualify(&["check", "under.qual"]), 0);
}
