//! `qualify explain POLICY LEADS --id ID`: why one lead got its stage.

use std::ops::ControlFlow;
use std::path::PathBuf;

use jiff::Timestamp;

use super::files::{Settings, input_format, load_program, open, warn};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::eval::Program;
use crate::eval::stream::Stream;
use crate::records::{ExportFormat, InputFormat, Record, Schema};
use crate::render::explain;

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The policy to evaluate against.
    policy: PathBuf,
    /// The lead export holding the lead (`-` for standard input).
    leads: PathBuf,
    /// The lead's key (the policy's `key` field).
    #[arg(long)]
    id: String,
    /// The evaluation instant `now`, RFC 3339 (default: the current instant).
    #[arg(long, value_parser = parse_instant)]
    as_of: Option<Timestamp>,
    /// The format of standard input or of a file with another extension.
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &ExplainArgs) -> Exit {
    match explain(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

fn explain(args: &ExplainArgs) -> Result<Exit, String> {
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let program = load_program(&args.policy, now, &args.settings)?;
    let mut schema = args.settings.schema(&args.policy, &program.policy)?;
    schema.show_as_exported();
    if schema.key.is_none() {
        return Err(format!(
            "{} marks no field as `key`, so leads cannot be found by id",
            args.policy.display()
        ));
    }
    let export = args.settings.export(&args.policy)?;
    let Some(record) = find(args, &program, &schema, export, now)? else {
        eprintln!(
            "error: no lead with id `{}` in {}",
            args.id,
            args.leads.display()
        );
        return Ok(Exit::Problems);
    };
    if !record.is_valid() {
        print!("{}", explain::invalid(&record));
        return Ok(Exit::Clean);
    }
    let explanation = program.explain(&record, now);
    print!("{}", explain::explain(&program, &record, &explanation, now));
    Ok(Exit::Clean)
}

/// The first record whose key is `args.id`.
fn find(
    args: &ExplainArgs,
    program: &Program,
    schema: &Schema,
    export: ExportFormat,
    now: Timestamp,
) -> Result<Option<Record>, String> {
    let wanted = args.id.trim();
    let mut found = None;
    let stream = Stream::new(program, schema, now, None)?.telling(&warn);
    let stream = stream.export(export);
    stream.run(
        open(&args.leads)?,
        input_format(&args.leads, args.input)?,
        || None,
        |record, _, part| {
            if part.is_none() && record.key() == wanted {
                *part = Some(record.clone());
            }
        },
        |part| {
            found = part;
            Ok(match found {
                Some(_) => ControlFlow::Break(()),
                None => ControlFlow::Continue(()),
            })
        },
    )?;
    Ok(found)
}
