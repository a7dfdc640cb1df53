//! `qualify test [FILES]`: run the `example` blocks of each policy.

use std::fmt::Write as _;
use std::path::PathBuf;

use jiff::Timestamp;

use super::files::load_policy;
use super::files::{Settings, named_or_configured};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::eval::Program;
use crate::eval::examples::{self, ExampleRun};
use crate::records::Schema;
use crate::render::escape::xml;

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

struct Suite {
    file: String,
    /// The policy text, to say on which line a failing example is.
    source: crate::diagnostic::SourceFile,
    program: Program,
    runs: Vec<ExampleRun>,
}

pub fn run(args: &TestArgs) -> Exit {
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let suites = match named_or_configured(&args.files, &args.settings)
        .and_then(|paths| suites(&paths, now))
    {
        Ok(suites) => suites,
        Err(message) => return could_not_run(&message),
    };
    let runs = || suites.iter().flat_map(|suite| &suite.runs);
    let failed = runs().filter(|run| !run.failures.is_empty()).count();
    let passed = runs().count() - failed;
    let text = match args.format {
        TestFormat::Human => human(&suites, now),
        TestFormat::Junit => junit(&suites),
    };
    print!("{text}");
    let below_minimum = (args.coverage || args.min_coverage.is_some())
        && coverage_below(&suites, args.min_coverage, now);
    let summary = format!("{passed} passed, {failed} failed");
    if args.format == TestFormat::Human {
        println!("{summary}");
    } else {
        eprintln!("{summary}");
    }
    if failed > 0 || below_minimum {
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
        let schema = Schema::of(&program.policy);
        let runs = (program.policy.examples.iter())
            .map(|example| examples::run(&program, &schema, example, now))
            .collect();
        suites.push(Suite {
            source,
            file: path.display().to_string(),
            program,
            runs,
        });
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

fn human(suites: &[Suite], now: Timestamp) -> String {
    let mut out = String::new();
    for suite in suites {
        let _ = writeln!(out, "{}", suite.file);
        for (example, run) in suite.program.policy.examples.iter().zip(&suite.runs) {
            if run.failures.is_empty() {
                let _ = writeln!(out, "  ok      {}", example.name);
                continue;
            }
            let (line, _) = suite.source.line_col(example.span.start);
            let _ = writeln!(out, "  FAILED  {} ({}:{line})", example.name, suite.file);
            for failure in &run.failures {
                let _ = writeln!(out, "          expected {}", failure.expected);
                let _ = writeln!(out, "          got      {}", failure.actual);
            }
            let at = examples::instant(example, now);
            let explanation = match &run.outcome {
                Some(_) => {
                    let explained = suite.program.explain(&run.record, at);
                    crate::render::explain::explain(&suite.program, &run.record, &explained, at)
                }
                None => (run.record.problems().iter())
                    .map(|p| format!("✗ {p}\n"))
                    .collect(),
            };
            for line in explanation.lines() {
                let _ = writeln!(out, "          │ {line}");
            }
        }
    }
    out
}

fn junit(suites: &[Suite]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"qualify examples\">\n",
    );
    for suite in suites {
        let failures = suite
            .runs
            .iter()
            .filter(|run| !run.failures.is_empty())
            .count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">",
            xml(&suite.file),
            suite.runs.len()
        );
        for (example, run) in suite.program.policy.examples.iter().zip(&suite.runs) {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\"",
                xml(&example.name),
                xml(&suite.program.policy.title)
            );
            if run.failures.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            let message: Vec<String> = run
                .failures
                .iter()
                .map(|f| format!("expected {}, got {}", f.expected, f.actual))
                .collect();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\">{}</failure>",
                xml(&message.join("; ")),
                xml(&message.join("\n"))
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
