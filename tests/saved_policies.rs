//! A policy saved by Windows Notepad (a byte-order mark, CRLF line ends)
//! is the same policy: `check`, `eval` and `doc` say exactly what they say
//! of the same text saved plainly, digest included.

mod common;

use common::{TempDir, stdout};

/// `qualify ARGS` with `{}` replaced by the policy's path, in a folder of
/// its own holding the policy as `saved` writes it.
fn run_on(name: &str, saved: &str, args: &[&str]) -> (String, String) {
    let dir = TempDir::new(name);
    dir.write("acme.qual", saved);
    let leads = std::fs::read_to_string("examples/leads.csv").expect("sample leads");
    dir.write("leads.csv", &leads);
    let output = dir.qualify(args);
    (
        stdout(&output),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_policy_with_a_byte_order_mark_and_crlf_reads_like_the_plain_one() {
    let plain = std::fs::read_to_string("policies/acme.qual").expect("sample policy");
    let notepad = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
    let commands: [&[&str]; 3] = [
        &["check", "acme.qual"],
        &[
            "eval",
            "acme.qual",
            "leads.csv",
            "--as-of",
            "2026-06-01T12:00:00Z",
            "--format",
            "csv",
        ],
        &["doc", "acme.qual", "--format", "md"],
    ];
    for args in commands {
        let (out, err) = run_on("plain", &plain, args);
        let (notepad_out, notepad_err) = run_on("notepad", &notepad, args);
        assert!(!out.is_empty() || !err.is_empty(), "{args:?} said nothing");
        assert_eq!(out, notepad_out, "{args:?}: standard output differs");
        // The summary's timing differs from run to run; the rest may not.
        let steady = |text: &str| {
            (text.lines())
                .filter(|line| !line.trim_start().starts_with("took "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(
            steady(&err),
            steady(&notepad_err),
            "{args:?}: messages differ"
        );
    }
}
