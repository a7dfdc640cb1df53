//! What the end-to-end tests share: running the `qualify` binary, and a
//! folder of its own for a test's files. Each test file uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// `qualify ARGS` in the repository, without colour.
pub fn qualify(args: &[&str]) -> Output {
    qualify_in(Path::new("."), args)
}

/// `qualify ARGS` run in `dir`.
pub fn qualify_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run qualify")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The standard output of a command that must succeed (exit 0).
pub fn succeeded(output: &Output) -> String {
    exited(output, 0).0
}

/// Standard output and standard error of a command that must exit with `code`.
pub fn exited(output: &Output, code: i32) -> (String, String) {
    assert_eq!(output.status.code(), Some(code), "{}", stderr(output));
    (stdout(output), stderr(output))
}

/// A policy that does not parse, and where its first syntax error is.
pub const UNPARSABLE: &str = "tests/corpus/syntax/invalid/single_equals_in_requires.qual";
pub const UNPARSABLE_AT: &str = "single_equals_in_requires.qual:6:24";

/// A folder of its own under the system temp folder, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("qualify-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.0.join(name)).expect("read")
    }

    /// `qualify ARGS` run in this folder.
    pub fn qualify(&self, args: &[&str]) -> Output {
        qualify_in(&self.0, args)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `qualify ARGS` in `dir` with `input` on standard input.
pub fn with_input(dir: &TempDir, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .current_dir(&dir.0)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run qualify");
    // A command that refuses to run exits without reading its input: the
    // pipe may then be closed before everything is written.
    let written = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes());
    if let Err(error) = written {
        assert_eq!(
            error.kind(),
            std::io::ErrorKind::BrokenPipe,
            "write stdin: {error}"
        );
    }
    child.wait_with_output().expect("wait")
}
