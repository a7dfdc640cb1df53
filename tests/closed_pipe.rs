//! A reader that stops early (`qualify eval … | head -1`) ends every
//! command that writes to standard output quietly: no "Broken pipe"
//! error, no panic, and the status of a process ended by SIGPIPE (141 in
//! a shell), as for other command-line tools.
#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

/// Runs `qualify ARGS` with standard output a pipe whose reading end is
/// closed before the command writes anything; its exit status and
/// standard error.
fn with_stdout_closed(args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run qualify");
    // The only reading end: once dropped, the child's first write fails.
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_command_that_writes_results_stops_quietly() {
    let as_of = ["--as-of", "2026-06-01T12:00:00Z"];
    let policy = "policies/acme.qual";
    let leads = "examples/leads.csv";
    let commands: Vec<Vec<&str>> = vec![
        [&["eval", policy, leads][..], &as_of].concat(),
        [&["explain", policy, leads, "--id", "LD-1007"][..], &as_of].concat(),
        [&["report", policy, leads][..], &as_of].concat(),
        vec!["doc", policy],
        vec!["diff", policy, "examples/acme-proposed.qual"],
        [&["test", policy][..], &as_of].concat(),
        vec!["check", policy],
    ];
    for args in commands {
        let (status, stderr) = with_stdout_closed(&args);
        // Before the fix: exit 2 with "cannot write the results: Broken
        // pipe" (eval), or exit 101 with a panic (commands using `print!`).
        assert_eq!(
            status.signal(),
            Some(libc::SIGPIPE),
            "qualify {}: {status:?}, stderr: {stderr}",
            args.join(" ")
        );
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "qualify {}: {stderr}",
            args.join(" ")
        );
    }
}
