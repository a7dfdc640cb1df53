//! `qualify eval POLICY LEADS…`: every lead's stage, reasons and scores,
//! written in input order as the library's stream hands them back
//! (`eval::stream`), and a summary on standard error.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;

use super::files::{Settings, input_format, load_program, open, warn};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::eval::counts::{Counts, InvalidLimit};
use crate::eval::stream::Stream;
use crate::records::InputFormat;
use crate::records::columns::Note;
use crate::records::keys::{KeySlice, Keys};
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
    /// Fail (exit 1) when more records than this are invalid: a count
    /// (`25`) or a share (`2%`). Without it, only an export whose every
    /// record is invalid fails.
    #[arg(long, value_name = "N|P%")]
    max_invalid: Option<InvalidLimit>,
    /// Fail (exit 1) when two records have the same key.
    #[arg(long)]
    fail_on_duplicates: bool,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &EvalArgs) -> Exit {
    match evaluate(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

fn evaluate(args: &EvalArgs) -> Result<Exit, String> {
    let started = Instant::now();
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let program = load_program(&args.policy, now, &args.settings)?;
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
    let schema = args.settings.schema(&args.policy, &program.policy)?;
    let stream =
        Stream::new(&program, &schema, now, args.jobs)?.details(args.format.shows_details());
    let stream = (stream.telling(&warn)).export(args.settings.export(&args.policy)?);
    let mut out = output(args.out.as_deref())?;
    let mut head = String::new();
    results::header(&program.policy, args.format, &mut head);
    out.write_all(head.as_bytes()).map_err(write_error)?;
    let (counts, keys) = write_results(args, &stream, &mut out)?;
    let seconds = started.elapsed().as_secs_f64();
    let policy = &program.policy;
    let from_clock = args.as_of.is_none();
    eprint!(
        "{}",
        results::summary(policy, &counts, &keys, now, from_clock, seconds)
    );
    tell_notes(&stream.notes());
    let refusals = results::refusals(&counts, &keys, args.max_invalid, args.fail_on_duplicates);
    for refusal in &refusals {
        eprintln!("error: {refusal}");
    }
    Ok(if refusals.is_empty() {
        Exit::Clean
    } else {
        Exit::Problems
    })
}

/// Evaluates every export in turn, writing each lead's result in input
/// order; what the summary counts.
fn write_results(
    args: &EvalArgs,
    stream: &Stream<'_>,
    out: &mut Box<dyn Write + Send>,
) -> Result<(Counts, Keys), String> {
    let program = stream.program();
    let progress = progress_bar();
    let mut counts = Counts::new(&program.policy);
    let mut keys = Keys::default();
    for path in &args.leads {
        let written = stream.run(
            open(path)?,
            input_format(path, args.input)?,
            || {
                (
                    String::new(),
                    Counts::new(&program.policy),
                    KeySlice::default(),
                )
            },
            |record, evaluator, (text, counts, keys)| {
                let outcome = evaluator.outcome(record);
                results::record(program, record, outcome, args.format, text);
                counts.add(record, outcome);
                keys.add(record);
            },
            |(text, part, slice)| {
                out.write_all(text.as_bytes()).map_err(write_error)?;
                if let Some(bar) = &progress {
                    bar.inc(part.records);
                }
                counts.merge(part);
                keys.add(&slice);
                Ok(ControlFlow::Continue(()))
            },
        );
        written.map_err(|message| format!("{}: {message}", path.display()))?;
    }
    out.flush().map_err(write_error)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok((counts, keys))
}

/// Ends the summary with what reading the exports' headers found: each
/// field matched to a column ignoring case and punctuation, and (told
/// before the rows, and again here so it is not missed) each mapped
/// column the export lacks.
fn tell_notes(notes: &[Note]) {
    let mut told: Vec<&Note> = Vec::new();
    for note in notes {
        if !told.contains(&note) {
            told.push(note);
            let warning = if note.is_warning() { "warning: " } else { "" };
            eprintln!("  {warning}{note}");
        }
    }
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
