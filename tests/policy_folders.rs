//! A folder of policies is walked without following the links inside it:
//! each real file is read once, nothing outside the folder is read or
//! rewritten, a link loop cannot hang the walk, and each link skipped is
//! named on standard error.
#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;

use common::{TempDir, exited, succeeded};

/// `policies/` holding one policy, two links to folders that loop (the
/// folder itself and its parent, which holds `policies/` again) and a link
/// to a policy outside the folder, which is not formatted.
fn folder_with_links(dir: &TempDir) {
    let policy = std::fs::read_to_string("policies/acme.qual").expect("policy");
    std::fs::create_dir_all(dir.0.join("policies")).expect("folder");
    dir.write("policies/acme.qual", &policy);
    // Same policy, not in canonical form: `fmt` would change it.
    dir.write("outside.qual", &policy.replacen("policy ", "policy   ", 1));
    symlink(".", dir.0.join("policies/loop")).expect("link");
    symlink("..", dir.0.join("policies/up")).expect("link");
    symlink("../outside.qual", dir.0.join("policies/outside.qual")).expect("link");
}

#[test]
fn check_reads_each_real_file_once_and_names_the_links_skipped() {
    let dir = TempDir::new("folder-links-check");
    folder_with_links(&dir);
    // Before: the same file 41 times with one loop, a hang with two.
    let (out, err) = exited(&dir.qualify(&["check", "policies"]), 0);
    assert!(out.contains("checked 1 file"), "{out}");
    for link in ["policies/loop", "policies/up", "policies/outside.qual"] {
        assert!(
            err.contains(&format!("note: skipped {link}: it is a link")),
            "{link} not named: {err}"
        );
    }
}

#[test]
fn fmt_never_leaves_the_folder_through_a_link() {
    let dir = TempDir::new("folder-links-fmt");
    folder_with_links(&dir);
    let outside = dir.read("outside.qual");
    // Named itself, the file would be rewritten (`--check` exits 1).
    exited(&dir.qualify(&["fmt", "--check", "outside.qual"]), 1);
    succeeded(&dir.qualify(&["fmt", "policies"]));
    assert_eq!(
        dir.read("outside.qual"),
        outside,
        "a file outside was rewritten"
    );
}

#[test]
fn a_file_named_twice_is_read_once() {
    let (out, _) = exited(
        &common::qualify(&[
            "check",
            "policies/acme.qual",
            "policies",
            "./policies/acme.qual",
        ]),
        0,
    );
    // acme.qual and framework.qual: each once.
    assert!(out.contains("checked 2 files"), "{out}");
}
