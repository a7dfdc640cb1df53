//! `qualify test [FILES]`: run the `example` blocks of each policy.

use std::path::PathBuf;

use jiff::Timestamp;

use super::files::load_policy;
use super::files::{Settings, named_or_configured};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::eval::examples::Suite;
use crate::render::examples::{human, junit, summary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    /// A line per example; failures with their explanation.
    Human,
    /// JUnit XML, for CI test reports.
    Junit,
}

#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Policy files or folders (default: as for `qualify check`).
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    format: TestFormat,
    /// `now` for examples without `as of` (default: the current instant).
    #[arg(long, value_parser = parse_instant)]
    as_of: Option<Timestamp>,
    /// List the score rules, criteria and undesirables no example exercises.
    #[arg(long)]
    coverage: bool,
    /// Fail (exit 1) when coverage is below this percentage (implies --coverage).
    #[arg(long, value_name = "PERCENT")]
    min_coverage: Option<f64>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &TestArgs) -> Exit {
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let suites = match named_or_configured(&args.files, &args.settings)
        .and_then(|paths| suites(&paths, now))
    {
        Ok(suites) => suites,
        Err(message) => return could_not_run(&message),
    };
    let text = match args.format {
        TestFormat::Human => human(&suites, now),
        TestFormat::Junit => junit(&suites),
    };
    print!("{text}");
    let below_minimum = (args.coverage || args.min_coverage.is_some())
        && coverage_below(&suites, args.min_coverage, now);
    let summary = summary(&suites);
    if args.format == TestFormat::Human {
        println!("{summary}");
    } else {
        eprintln!("{summary}");
    }
    let failed = suites.iter().any(|suite| suite.failed() > 0);
    if failed || below_minimum {
        Exit::Problems
    } else {
        Exit::Clean
    }
}

/// Each policy with its examples run.
fn suites(paths: &[PathBuf], now: Timestamp) -> Result<Vec<Suite>, String> {
    let mut suites = Vec::new();
    for path in paths {
        let (source, program) = load_policy(path)?;
        suites.push(Suite::new(path.display().to_string(), source, program, now));
    }
    Ok(suites)
}

/// Prints each policy's coverage; whether one is below `minimum`.
fn coverage_below(suites: &[Suite], minimum: Option<f64>, now: Timestamp) -> bool {
    let mut below = false;
    for suite in suites {
        let coverage = crate::eval::coverage::measure(&suite.program, now);
        eprint!(
            "{}",
            crate::render::coverage::report(&suite.file, &suite.program.policy, &coverage)
        );
        if let Some(minimum) = minimum.filter(|minimum| coverage.percent() < *minimum) {
            below = true;
            eprintln!(
                "error: {} is below the minimum coverage of {minimum}%",
                suite.file
            );
        }
    }
    below
}
