//! `qualify eval POLICY LEADS…`: every lead's stage, reasons and scores.
//! Streaming: records are read in batches, evaluated in parallel, and
//! written in input order, so memory stays flat and output is the same for
//! every `--jobs`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use jiff::Timestamp;
use rayon::prelude::*;

use super::files::read_policy;
use super::{Outcome as Exit, could_not_run};
use crate::config::Config;
use crate::diagnostic::{Style, render};
use crate::eval::{Program, Scratch, StageOutcome};
use crate::records::{
    CsvLayout, CsvLeads, InputFormat, JsonLeads, JsonRow, Record, RowBatch, Schema, fill_json,
};
use crate::render::results::{self, ResultFormat};

/// Bytes of CSV read at a time (about 16,000 leads of 40 columns); each
/// batch is shared out among the threads.
const BATCH_BYTES: usize = 4 << 20;
/// JSON lines read at a time.
const BATCH: usize = 16_384;
/// Rows one thread takes at a time.
const SLICE: usize = 512;
/// Invalid records listed in the summary.
const SHOWN_INVALID: usize = 5;

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

pub(super) fn parse_instant(text: &str) -> Result<Timestamp, String> {
    crate::records::value::time(text.trim().as_bytes())
        .ok_or_else(|| format!("`{text}` is not an RFC 3339 time such as 2026-03-02T09:00:00Z"))
}

pub fn run(args: &EvalArgs) -> Exit {
    match evaluate(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

/// Counts for the summary.
#[derive(Default)]
struct Tally {
    records: u64,
    per_stage: Vec<u64>,
    none: u64,
    disqualified: u64,
    invalid: u64,
    first_invalid: Vec<String>,
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|error| format!("cannot start {} threads: {error}", args.jobs.unwrap_or(0)))?;

    let mut out: Box<dyn Write + Send> = match &args.out {
        Some(path) => Box::new(io::BufWriter::with_capacity(
            1 << 20,
            File::create(path)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        )),
        None => Box::new(io::BufWriter::with_capacity(1 << 20, io::stdout())),
    };
    let mut head = String::new();
    results::header(&program.policy, args.format, &mut head);
    out.write_all(head.as_bytes()).map_err(write_error)?;

    let progress = (io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {human_pos} leads evaluated ({per_sec})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let mut tally = Tally {
        per_stage: vec![0; program.policy.stages.len()],
        ..Tally::default()
    };
    let job = Job {
        program: &program,
        schema: &schema,
        now,
        format: args.format,
    };
    for path in &args.leads {
        let format = input_format(path, args.input)?;
        let input = open(path)?;
        let source = path.display().to_string();
        let counted = pool.install(|| match format {
            InputFormat::Csv => job.csv(input, &mut out, &mut tally, progress.as_ref()),
            InputFormat::Jsonl => job.jsonl(
                BufReader::with_capacity(1 << 20, input),
                &mut out,
                &mut tally,
                progress.as_ref(),
            ),
        });
        counted.map_err(|message| format!("{source}: {message}"))?;
    }
    out.flush().map_err(write_error)?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    summary(
        &program,
        &tally,
        now,
        args.as_of.is_none(),
        started.elapsed().as_secs_f64(),
    );
    Ok(Exit::Clean)
}

fn write_error(error: io::Error) -> String {
    format!("cannot write the results: {error}")
}

/// Parses and checks the policy; any error stops the run (exit 2).
pub(super) fn load_program(path: &Path) -> Result<Program, String> {
    load_policy(path).map(|(_, program)| program)
}

/// The policy's text (for locating things in it) and its compiled program.
pub(super) fn load_policy(path: &Path) -> Result<(crate::diagnostic::SourceFile, Program), String> {
    let file = read_policy(path)?;
    let diagnostics = match crate::pipeline::program(&file) {
        Ok(program) => return Ok((file, program)),
        Err(diagnostics) => diagnostics,
    };
    let style = Style {
        colour: io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        width: 100,
    };
    for diagnostic in diagnostics
        .iter()
        .filter(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        eprint!("{}", render(diagnostic, &file, style));
    }
    Err(format!(
        "{} has errors; run `qualify check {}`",
        path.display(),
        path.display()
    ))
}

pub(super) fn input_format(path: &Path, given: Option<InputFormat>) -> Result<InputFormat, String> {
    if let Some(format) = given {
        return Ok(format);
    }
    match path
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Ok(InputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Ok(InputFormat::Jsonl),
        _ if path == Path::new("-") => {
            Err("reading standard input needs `--input csv` or `--input jsonl`".to_string())
        }
        _ => Err(format!(
            "{}: cannot tell the format from the name; add `--input csv` or `--input jsonl`",
            path.display()
        )),
    }
}

pub(super) fn open(path: &Path) -> Result<Box<dyn Read + Send>, String> {
    if path == Path::new("-") {
        return Ok(Box::new(io::stdin()));
    }
    File::open(path)
        .map(|file| Box::new(file) as Box<dyn Read + Send>)
        .map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
            _ => format!("cannot read {}: {error}", path.display()),
        })
}

/// What every thread needs to evaluate a slice of rows.
struct Job<'a> {
    program: &'a Program,
    schema: &'a Schema,
    now: Timestamp,
    format: ResultFormat,
}

impl Job<'_> {
    fn csv(
        &self,
        input: impl Read + Send,
        out: &mut (dyn Write + Send),
        tally: &mut Tally,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<(), String> {
        let mut leads = CsvLeads::new(input, self.schema)?;
        let layout: CsvLayout = leads.layout(self.schema);
        self.drive(
            |batch: &mut RowBatch| leads.next_batch(batch, BATCH_BYTES),
            |batch, index, record| {
                if let Some(row) = batch.row(index) {
                    layout.fill(self.schema, row, record);
                }
            },
            out,
            tally,
            progress,
        )
    }

    fn jsonl(
        &self,
        input: impl BufRead + Send,
        out: &mut (dyn Write + Send),
        tally: &mut Tally,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<(), String> {
        let mut leads = JsonLeads::new(input);
        self.drive(
            |batch: &mut Vec<JsonRow>| leads.next_batch(batch, BATCH),
            |batch, index, record| {
                if let Some(row) = batch.get(index) {
                    fill_json(self.schema, row, record);
                }
            },
            out,
            tally,
            progress,
        )
    }

    /// Reads batches with `next` until the input ends, evaluating each.
    fn drive<Batch: Default + Sync + Send>(
        &self,
        mut next: impl FnMut(&mut Batch) -> Result<usize, String> + Send,
        fill: impl Fn(&Batch, usize, &mut Record) + Sync,
        out: &mut (dyn Write + Send),
        tally: &mut Tally,
        progress: Option<&indicatif::ProgressBar>,
    ) -> Result<(), String> {
        let mut current = Batch::default();
        let mut spare = Batch::default();
        let mut count = next(&mut current)?;
        while count > 0 {
            // The next batch is read as one more task of the pool, beside
            // this batch's: with more than one thread, reading is not a
            // serial stage, and no thread is added to the pool's.
            let (evaluated, read) = rayon::join(
                || self.run_batch(&current, count, &fill, out, tally),
                || next(&mut spare),
            );
            evaluated?;
            let following = read?;
            if let Some(bar) = progress {
                bar.inc(count as u64);
            }
            std::mem::swap(&mut current, &mut spare);
            count = following;
        }
        Ok(())
    }

    /// Types, evaluates and renders the `count` rows of a batch in
    /// parallel, a slice of rows per task; writes them in order.
    fn run_batch<Batch: Sync>(
        &self,
        batch: &Batch,
        count: usize,
        fill: impl Fn(&Batch, usize, &mut Record) + Sync,
        out: &mut (dyn Write + Send),
        tally: &mut Tally,
    ) -> Result<(), String> {
        let rendered: Vec<(String, Vec<Counted>)> = (0..count.div_ceil(SLICE))
            .into_par_iter()
            .map_init(
                || {
                    (
                        Record::default(),
                        Scratch::default(),
                        crate::eval::Outcome::default(),
                    )
                },
                |(record, scratch, outcome), slice| {
                    let rows = slice * SLICE..count.min((slice + 1) * SLICE);
                    let mut text = String::with_capacity(rows.len() * 96);
                    let mut counted = Vec::with_capacity(rows.len());
                    for index in rows {
                        fill(batch, index, record);
                        if record.is_valid() {
                            self.program.evaluate_into(
                                record,
                                self.now,
                                scratch,
                                outcome,
                                self.format.shows_details(),
                            );
                            results::record(
                                self.program,
                                record,
                                Some(outcome),
                                self.format,
                                &mut text,
                            );
                            counted.push(Counted::Stage(outcome.stage));
                        } else {
                            results::record(self.program, record, None, self.format, &mut text);
                            let first = record
                                .problems
                                .first()
                                .map(ToString::to_string)
                                .unwrap_or_default();
                            counted.push(Counted::Invalid(format!(
                                "line {} ({}): {first}",
                                record.line, record.key
                            )));
                        }
                    }
                    (text, counted)
                },
            )
            .collect();
        for (text, counted) in rendered {
            out.write_all(text.as_bytes()).map_err(write_error)?;
            for count in counted {
                tally.records += 1;
                match count {
                    Counted::Stage(StageOutcome::Stage(id)) => {
                        if let Some(n) = tally.per_stage.get_mut(id.0) {
                            *n += 1;
                        }
                    }
                    Counted::Stage(StageOutcome::None) => tally.none += 1,
                    Counted::Stage(StageOutcome::Disqualified) => tally.disqualified += 1,
                    Counted::Invalid(first) => {
                        tally.invalid += 1;
                        if tally.first_invalid.len() < SHOWN_INVALID {
                            tally.first_invalid.push(first);
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

enum Counted {
    Stage(StageOutcome),
    Invalid(String),
}

fn summary(program: &Program, tally: &Tally, now: Timestamp, now_from_clock: bool, seconds: f64) {
    let policy = &program.policy;
    let mut text = format!(
        "evaluated {} leads against \"{}\" version {} as of {now}{}\n",
        tally.records,
        policy.title,
        policy.version.as_deref().unwrap_or("?"),
        if now_from_clock {
            " (now; pass --as-of to fix it)"
        } else {
            ""
        }
    );
    for (stage, count) in policy.stages.iter().zip(&tally.per_stage) {
        text.push_str(&format!("  {:<14} {count}\n", stage.name));
    }
    text.push_str(&format!(
        "  {:<14} {}\n  {:<14} {}\n  {:<14} {}\n",
        "none", tally.none, "disqualified", tally.disqualified, "invalid", tally.invalid
    ));
    for first in &tally.first_invalid {
        text.push_str(&format!("    invalid: {first}\n"));
    }
    if tally.invalid as usize > tally.first_invalid.len() {
        text.push_str(&format!(
            "    … and {} more invalid records (see `errors` in the results)\n",
            tally.invalid as usize - tally.first_invalid.len()
        ));
    }
    let unsigned = crate::signoff::not_current(policy);
    text.push_str(&format!(
        "  policy digest {} ({})\n",
        policy.digest,
        if unsigned.is_empty() {
            "signed off by every party".to_string()
        } else {
            format!("no current sign-off from {}", unsigned.join(", "))
        }
    ));
    let rate = if seconds > 0.0 {
        tally.records as f64 / seconds
    } else {
        0.0
    };
    text.push_str(&format!("  took {seconds:.2} s ({rate:.0} leads/s)\n"));
    eprint!("{text}");
}
