//! `qualify diff OLD NEW`: what changed in meaning, and with `--leads`,
//! how the leads move between stages.

use std::io::Read as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use super::files::{Settings, input_format, load_program, open, warn};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::diff::{LeadResult, Moves, compare};
use crate::eval::Program;
use crate::eval::stream::Stream;
use crate::records::{ExportFormat, InputFormat, Schema};
use crate::render::diff;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// For reading in a terminal.
    Text,
    /// For a pull-request comment.
    Md,
    /// For programs: each change with its kind and its before and after.
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The policy as it is.
    old: PathBuf,
    /// The policy as proposed.
    new: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// Evaluate these leads under both versions and show how they move.
    #[arg(long, value_name = "FILE")]
    leads: Option<PathBuf>,
    /// The evaluation instant `now` for `--leads` (default: the current instant).
    #[arg(long, value_parser = parse_instant)]
    as_of: Option<Timestamp>,
    /// The format of standard input (`-`) or of a file with another extension.
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &DiffArgs) -> Exit {
    match run_diff(args) {
        Ok(text) => {
            print!("{text}");
            Exit::Clean
        }
        Err(message) => could_not_run(&message),
    }
}

fn run_diff(args: &DiffArgs) -> Result<String, String> {
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let old = load_program(&args.old, now, &args.settings)?;
    let new = load_program(&args.new, now, &args.settings)?;
    let changes = compare(&old.policy, &new.policy);
    let moves = match &args.leads {
        Some(path) => Some(moves(args, path, [&old, &new], now)?),
        None => None,
    };
    let (old_name, new_name) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    Ok(match args.format {
        DiffFormat::Text => diff::text(&changes, moves.as_ref(), &old_name, &new_name),
        DiffFormat::Md => diff::markdown(&changes, moves.as_ref(), &old_name, &new_name),
        DiffFormat::Json => {
            let json = diff::json(&changes, moves.as_ref(), &old_name, &new_name);
            format!("{json:#}\n")
        }
    })
}

/// Evaluates every record under both versions. The file is read once
/// into memory, so standard input works too.
fn moves(
    args: &DiffArgs,
    path: &Path,
    [old, new]: [&Program; 2],
    now: Timestamp,
) -> Result<Moves, String> {
    let format = input_format(path, args.input)?;
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    // Each version reads the export as its own settings say.
    let read = |path: &Path, program: &Program| {
        let schema = args.settings.schema(path, &program.policy)?;
        let export = args.settings.export(path)?;
        results(program, &schema, export, (&bytes, format), now)
    };
    let before = read(&args.old, old)?;
    let after = read(&args.new, new)?;
    let mut moves = Moves::new(&old.policy, &new.policy);
    for ((key, old_result), (_, new_result)) in before.iter().zip(&after) {
        moves.add(key, old_result, new_result);
    }
    Ok(moves)
}

/// Each record's key and result, in input order.
fn results(
    program: &Program,
    schema: &Schema,
    export: ExportFormat,
    (bytes, format): (&[u8], InputFormat),
    now: Timestamp,
) -> Result<Vec<(String, LeadResult)>, String> {
    let mut results = Vec::new();
    let stream = Stream::new(program, schema, now, None)?.telling(&warn);
    let stream = stream.export(export);
    stream.run(
        bytes,
        format,
        Vec::new,
        |record, evaluator, part| {
            let outcome = evaluator.outcome(record);
            let result = LeadResult::new(&program.policy, outcome);
            part.push((record.key().to_string(), result));
        },
        |part| {
            results.extend(part);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    Ok(results)
}
