//! The `qualify` binary end to end: output and exit codes (docs/cli.md).

use std::process::{Command, Output};

fn qualify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run qualify")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn check_passes_the_shipped_policies() {
    let output = qualify(&["check", "policies"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("no problems"));
}

#[test]
fn check_without_files_reads_the_policies_folder() {
    let output = qualify(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let files = std::fs::read_dir("policies").expect("policies/").count();
    assert!(stdout(&output).contains(&format!("checked {files} files")), "{}", stdout(&output));
}

#[test]
fn a_policy_that_does_not_parse_exits_2_with_a_located_message() {
    let output = qualify(&["check", "tests/corpus/syntax/invalid/single_equals_in_requires.qual"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("single_equals_in_requires.qual:6:24"), "{text}");
    assert!(text.contains("`=` compares nothing here; use `==` or `is`"), "{text}");
    assert!(text.contains("1 error"), "{text}");
}

#[test]
fn every_file_is_checked_even_after_a_bad_one() {
    let output = qualify(&[
        "check",
        "tests/corpus/syntax/invalid/misspelled_requries.qual",
        "tests/corpus/syntax/invalid/score_points_without_sign.qual",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("did you mean `requires`?"), "{text}");
    assert!(text.contains("score points need a sign"), "{text}");
    assert!(text.contains("checked 2 files: 2 errors"), "{text}");
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let output = qualify(&["check", "no/such/policy.qual"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no/such/policy.qual: no such file"), "{stderr}");
}

#[test]
fn a_file_that_is_not_text_exits_2() {
    let dir = std::env::temp_dir().join(format!("qualify-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("binary.qual");
    std::fs::write(&path, [0x66, 0x6f, 0xff, 0xfe]).expect("write");
    let output = qualify(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not UTF-8 text (invalid byte at offset 2)"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unknown_arguments_exit_2() {
    assert_eq!(qualify(&["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(qualify(&["frobnicate"]).status.code(), Some(2));
}
