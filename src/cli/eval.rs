//! `qualify eval POLICY LEADS…`: every lead's stage, reasons and scores,
//! written in input order as the library's stream hands them back
//! (`eval::stream`), and a summary on standard error.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use super::files::{input_format, load_program, open};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::config::Config;
use crate::eval::counts::Counts;
use crate::eval::stream::Stream;
use crate::records::{ExportFormat, InputFormat, Schema};
use crate::render::results::{self, ResultFormat};

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The policy to evaluate against.
    policy: PathBuf,
    /// Lead exports: `.csv`, `.jsonl` (or `.ndjson`), or `-` for standard input.
    #[arg(required = true)]
    leads: Vec<PathBuf>,
    /// How to write the results.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ResultFormat,
    /// Write the results to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The evaluation instant `now`, RFC 3339 (default: the current instant).
    #[arg(long, value_parser = parse_instant)]
    as_of: Option<Timestamp>,
    /// Threads to use (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// The format of standard input (`-`) or of a file with another extension.
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    /// Refuse to evaluate (exit 1) unless every party has signed off this
    /// exact content.
    #[arg(long)]
    require_signoff: bool,
}

pub fn run(args: &EvalArgs) -> Exit {
    match evaluate(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

fn evaluate(args: &EvalArgs) -> Result<Exit, String> {
    let started = Instant::now();
    let config = Config::load(Path::new("."))?;
    let program = load_program(&args.policy)?;
    let unsigned = crate::signoff::not_current(&program.policy);
    if args.require_signoff && !unsigned.is_empty() {
        eprintln!(
            "error: {} is not signed off as it stands: no current sign-off from {}; \
             nothing was evaluated (`qualify check {}` says more)",
            args.policy.display(),
            unsigned.join(", "),
            args.policy.display()
        );
        return Ok(Exit::Problems);
    }
    let schema = Schema::new(&program.policy, &config.columns)?;
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let stream = Stream::new(&program, &schema, now, args.jobs)?
        .details(args.format.shows_details())
        .export(ExportFormat::of(&config.export)?);
    let mut out = output(args.out.as_deref())?;
    let mut head = String::new();
    results::header(&program.policy, args.format, &mut head);
    out.write_all(head.as_bytes()).map_err(write_error)?;
    let progress = progress_bar();
    let mut counts = Counts::new(&program.policy);
    for path in &args.leads {
        let format = input_format(path, args.input)?;
        let written = stream.run(
            open(path)?,
            format,
            || (String::new(), Counts::new(&program.policy)),
            |record, evaluator, (text, counts)| {
                let outcome = evaluator.outcome(record);
                results::record(&program, record, outcome, args.format, text);
                counts.add(record, outcome);
            },
            |(text, part)| {
                out.write_all(text.as_bytes()).map_err(write_error)?;
                if let Some(bar) = &progress {
                    bar.inc(part.records);
                }
                counts.merge(part);
                Ok(ControlFlow::Continue(()))
            },
        );
        written.map_err(|message| format!("{}: {message}", path.display()))?;
    }
    out.flush().map_err(write_error)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let seconds = started.elapsed().as_secs_f64();
    eprint!(
        "{}",
        results::summary(&program.policy, &counts, now, args.as_of.is_none(), seconds)
    );
    Ok(Exit::Clean)
}

/// Where results go: `--out`, else standard output, buffered.
fn output(path: Option<&Path>) -> Result<Box<dyn Write + Send>, String> {
    Ok(match path {
        Some(path) => Box::new(io::BufWriter::with_capacity(
            1 << 20,
            File::create(path)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        )),
        None => Box::new(io::BufWriter::with_capacity(1 << 20, io::stdout())),
    })
}

/// A count of leads evaluated, when standard error is a terminal.
fn progress_bar() -> Option<indicatif::ProgressBar> {
    io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {human_pos} leads evaluated ({per_sec})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    })
}

fn write_error(error: io::Error) -> String {
    format!("cannot write the results: {error}")
}
