//! `qualify fmt`: rewrite policies in canonical form, or (`--check`) show
//! what would change.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::files::{named_or_configured, read_policy, read_policy_from};
use super::{Outcome, could_not_run};
use crate::diagnostic::{SourceFile, render};
use crate::formatter::{self, FormatError};
use crate::render::formatted::{diff, summary};

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Policy files or folders, or `-` to format standard input to standard
    /// output (default: `policies` in qualify.toml, or every `*.qual` under
    /// `policies/`).
    files: Vec<PathBuf>,
    /// Change nothing: print a unified diff of what would change and exit 1
    /// when anything would.
    #[arg(long)]
    check: bool,
}

pub fn run(args: &FmtArgs) -> Outcome {
    if args.files.len() == 1 && args.files[0] == Path::new("-") {
        return standard_input(args.check);
    }
    let paths = match named_or_configured(&args.files, &Default::default()) {
        Ok(paths) => paths,
        Err(message) => return could_not_run(&message),
    };
    let mut outcome = Outcome::Clean;
    let mut changed = 0;
    for path in &paths {
        let result = read_policy(path).and_then(|file| {
            let formatted = formatted(&file)?;
            if formatted == file.text {
                return Ok(false);
            }
            if args.check {
                print!("{}", diff(&file, &formatted));
            } else {
                std::fs::write(path, &formatted)
                    .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            }
            Ok(true)
        });
        match result {
            Ok(true) => changed += 1,
            Ok(false) => {}
            Err(message) => {
                eprintln!("error: {message}");
                outcome = Outcome::CouldNotRun;
            }
        }
    }
    eprintln!("{}", summary(changed, paths.len(), args.check));
    if args.check && changed > 0 && outcome == Outcome::Clean {
        eprintln!("run `qualify fmt` to apply");
        outcome = Outcome::Problems;
    }
    outcome
}

fn standard_input(check: bool) -> Outcome {
    let file = match read_policy_from(io::stdin(), "<stdin>") {
        Ok(file) => file,
        Err(message) => return could_not_run(&message),
    };
    let formatted = match formatted(&file) {
        Ok(formatted) => formatted,
        Err(message) => return could_not_run(&message),
    };
    let output = if check {
        diff(&file, &formatted)
    } else {
        formatted.clone()
    };
    if let Err(error) = io::stdout().write_all(output.as_bytes()) {
        return could_not_run(&format!("cannot write standard output: {error}"));
    }
    if check && formatted != file.text {
        Outcome::Problems
    } else {
        Outcome::Clean
    }
}

/// The canonical text, or why there is none (syntax errors are shown).
fn formatted(file: &SourceFile) -> Result<String, String> {
    match formatter::format(&file.text) {
        Ok(formatted) => Ok(formatted),
        Err(FormatError::Syntax(diagnostics)) => {
            let style = super::style(io::stderr().is_terminal());
            for diagnostic in &diagnostics {
                eprint!("{}", render(diagnostic, file, style));
            }
            Err(format!(
                "{} does not parse, so it was not formatted",
                file.name
            ))
        }
        Err(FormatError::Unsafe(reason)) => Err(format!(
            "internal error: formatting {} failed its safety check: {reason}; nothing was written. \
             Please report this, with the file, as a bug in qualify",
            file.name
        )),
    }
}
