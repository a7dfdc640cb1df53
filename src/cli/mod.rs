//! The `qualify` command line: arguments, files, output and exit codes.
//! Each subcommand is a thin client of the library.

mod check;
mod compliance;
mod diff;
mod doc;
mod eval;
mod explain;
mod files;
mod fmt;
mod init;
mod sign;
mod test;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// `qualify --version`: the program's version and the time zone database
/// it carries, which calendars' verdicts depend on.
static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{} (time zones: IANA {}, bundled)",
        env!("CARGO_PKG_VERSION"),
        crate::timezones::version()
    )
});

/// The lead-qualification agreement between marketing and sales, as code.
#[derive(Debug, Parser)]
#[command(name = "qualify", version = VERSION.as_str(), about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse policies and report every problem found.
    Check(check::CheckArgs),
    /// Evaluate lead records: each lead's stage, undesirables and scores.
    Eval(eval::EvalArgs),
    /// Explain one lead's outcome: every stage, criterion, score rule and undesirable.
    Explain(explain::ExplainArgs),
    /// Rewrite policies in canonical form (`--check`: show what would change).
    Fmt(fmt::FmtArgs),
    /// Run the `example` blocks of policies as tests.
    Test(test::TestArgs),
    /// Write a starter policy and a commented qualify.toml.
    Init(init::InitArgs),
    /// Record a party's sign-off of the policy as it is now.
    Sign(sign::SignArgs),
    /// SLA and target compliance over a set of leads, and the funnel.
    Report(compliance::ReportArgs),
    /// The agreement for people, as Markdown or HTML, in plain English.
    Doc(doc::DocArgs),
    /// What changed in meaning between two versions of a policy, and how leads move.
    Diff(diff::DiffArgs),
}

/// What a command concluded, as the process exit code (see docs/cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is fine.
    Clean,
    /// The command ran and found problems (lint errors, failing examples…).
    Problems,
    /// The command could not run: bad arguments, unreadable file, a policy
    /// that does not parse.
    CouldNotRun,
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        ExitCode::from(match outcome {
            Outcome::Clean => 0,
            Outcome::Problems => 1,
            Outcome::CouldNotRun => 2,
        })
    }
}

/// `--as-of`: an instant, read as a lead export's times are.
fn parse_instant(text: &str) -> Result<jiff::Timestamp, String> {
    crate::moment::instant(text.trim().as_bytes(), crate::moment::Layout::Data)
        .map(|instant| instant.timestamp)
        .map_err(|reason| {
            format!("`{text}` is not an RFC 3339 time such as 2026-03-02T09:00:00Z: {reason}")
        })
}

/// A day given on the command line (`--from`, `--to`, `--date`), read as
/// a policy and a lead record read a date (`crate::moment`).
fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    crate::moment::date(text.trim().as_bytes())
        .map_err(|reason| format!("`{text}` is not a date such as 2026-02-01: {reason}"))
}

/// How diagnostics are drawn on an output: in colour when it is a
/// terminal and `NO_COLOR` is not set.
fn style(terminal: bool) -> crate::diagnostic::Style {
    crate::diagnostic::Style {
        colour: terminal && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    }
}

/// Says why a command could not run; exit code 2.
fn could_not_run(message: &str) -> Outcome {
    eprintln!("error: {message}");
    Outcome::CouldNotRun
}

/// A reader that stops early (`qualify eval … | head -1`) ends the run
/// quietly, with the status of a process ended by SIGPIPE (141 in a
/// shell), as for other command-line tools. Rust ignores the signal, so
/// without this every command's next write to the closed pipe would fail
/// with an error ("Broken pipe") or a panic (`print!`).
#[cfg(unix)]
fn stop_quietly_on_a_closed_pipe() {
    // SAFETY: called first thing, before any thread is started; setting a
    // signal's action to its default has no other requirement.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

pub fn main() -> ExitCode {
    #[cfg(unix)]
    stop_quietly_on_a_closed_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() {
                Outcome::CouldNotRun.into()
            } else {
                Outcome::Clean.into()
            };
        }
    };
    match cli.command {
        Command::Check(args) => check::run(&args).into(),
        Command::Eval(args) => eval::run(&args).into(),
        Command::Explain(args) => explain::run(&args).into(),
        Command::Test(args) => test::run(&args).into(),
        Command::Fmt(args) => fmt::run(&args).into(),
        Command::Init(args) => init::run(&args).into(),
        Command::Report(args) => compliance::run(&args).into(),
        Command::Sign(args) => sign::run(&args).into(),
        Command::Doc(args) => doc::run(&args).into(),
        Command::Diff(args) => diff::run(&args).into(),
    }
}
