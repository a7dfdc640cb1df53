//! `qualify eval` against the reference model (tests/model/): random
//! well-typed policies and leads, each lead's stage, stages reached,
//! undesirables and scores compared. A mismatch is shrunk to a minimal
//! policy and lead and printed with both answers and the area of the
//! documented rules it falls in.
//!
//! The longer run:
//!
//! ```text
//! QUALIFY_MODEL_CASES=20000 cargo test --release --test model -- --ignored --nocapture
//! ```
//!
//! `QUALIFY_MODEL_SEED` starts either run from another seed;
//! `QUALIFY_MODEL_SHRINK` bounds how many mismatches the long run shrinks
//! (2000 by default; the rest are counted by the parts that differ).

#[path = "model/mod.rs"]
mod model;

use model::generate::{self, Rng};

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {value:?}")),
        Err(_) => default,
    }
}

/// Runs `pairs` pairs; fails with the report when any differ.
fn compare(pairs: u64, shrink: usize) {
    let seed = env_number("QUALIFY_MODEL_SEED", 1);
    let summary = model::run(pairs as usize, seed, shrink);
    println!("{}", summary.headline());
    assert!(
        summary.with_blocking * 10 >= summary.policies,
        "fewer than 10% of policies have an undesirable that blocks stages"
    );
    assert_eq!(
        summary.mismatches,
        0,
        "the product and the model disagree (seed {seed}; {} class(es) outside the areas being changed):\n{summary}",
        summary.real_bugs()
    );
}

#[test]
fn the_product_means_what_the_guide_says() {
    compare(1_200, 16);
}

#[test]
#[ignore = "a long run: QUALIFY_MODEL_CASES=20000 cargo test --release --test model -- --ignored"]
fn the_product_means_what_the_guide_says_long_run() {
    let shrink = env_number("QUALIFY_MODEL_SHRINK", 2_000) as usize;
    compare(env_number("QUALIFY_MODEL_CASES", 20_000), shrink);
}

/// The generator is only as good as what it writes: over a couple of
/// hundred policies, every construct evaluation touches appears.
#[test]
fn generated_policies_use_every_construct() {
    let texts: Vec<String> = (0..200)
        .map(|seed| generate::policy(&mut Rng::new(seed)).render())
        .collect();
    let constructs = [
        " text",
        " email",
        " number",
        " bool",
        " date",
        " time",
        "one of [",
        "list of text",
        "?",
        "list l",
        "define d",
        "= d",
        "score sc",
        "up to",
        " per ",
        " if ",
        "stage S",
        "after S",
        "requires",
        "undesirable",
        "blocks S",
        "==",
        "!=",
        " < ",
        " <= ",
        " > ",
        " >= ",
        " is ",
        " is not ",
        "between",
        " in ",
        " not in ",
        "contains",
        "contains any",
        "starts with",
        "ends with",
        "any [",
        "matches",
        "is present",
        "is missing",
        "not (",
        " and ",
        " or ",
        " + ",
        " - ",
        " * ",
        " / ",
        "length(",
        "lower(",
        "domain(",
        "count(",
        "days_since(",
        "within",
        "now",
        "%",
        "requires S",
        "requires sc",
        "requires d",
        "per sc",
    ];
    let missing: Vec<&str> = constructs
        .into_iter()
        .filter(|construct| !texts.iter().any(|text| text.contains(construct)))
        .collect();
    assert!(missing.is_empty(), "never generated: {missing:?}");
}
