//! `qualify check`: parse each policy and report every problem.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::Outcome;
use super::files::{policy_paths, read_policy};
use crate::diagnostic::{Severity, Style, render};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Policy files or folders (default: every `*.qual` under `policies/`).
    files: Vec<PathBuf>,
}

pub fn run(args: &CheckArgs) -> Outcome {
    let paths = match policy_paths(&args.files) {
        Ok(paths) => paths,
        Err(message) => {
            eprintln!("error: {message}");
            return Outcome::CouldNotRun;
        }
    };
    let style = Style {
        colour: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    let mut outcome = Outcome::Clean;
    let mut errors = 0;
    let mut stdout = std::io::stdout().lock();
    for path in &paths {
        let file = match read_policy(path) {
            Ok(file) => file,
            Err(message) => {
                eprintln!("error: {message}");
                outcome = Outcome::CouldNotRun;
                continue;
            }
        };
        let parsed = crate::parse(&file.text);
        for diagnostic in &parsed.diagnostics {
            let _ = write!(stdout, "{}", render(diagnostic, &file, style));
            if diagnostic.severity == Severity::Error {
                errors += 1;
            }
        }
        if !parsed.is_ok() {
            outcome = Outcome::CouldNotRun;
        }
    }
    let files = paths.len();
    let plural = if files == 1 { "" } else { "s" };
    let _ = match errors {
        0 => writeln!(stdout, "checked {files} file{plural}: no problems"),
        1 => writeln!(stdout, "checked {files} file{plural}: 1 error"),
        _ => writeln!(stdout, "checked {files} file{plural}: {errors} errors"),
    };
    outcome
}
