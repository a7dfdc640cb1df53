//! `qualify report POLICY LEADS`: SLA and target compliance, and the funnel.

use std::ops::ControlFlow;
use std::path::PathBuf;

use jiff::Timestamp;
use jiff::civil::Date;

use super::files::{Settings, input_format, load_program, open, warn};
use super::parse_instant;
use super::{Outcome as Exit, could_not_run};
use crate::eval::compliance::{Tallies, Window};
use crate::eval::stream::Stream;
use crate::ir::FieldId;
use crate::records::InputFormat;
use crate::render::{report, report_html};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    /// One self-contained page with charts, to print or share.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    policy: PathBuf,
    leads: PathBuf,
    /// The instant `now` for pending SLAs (default: the current instant).
    #[arg(long, value_parser = parse_instant)]
    as_of: Option<Timestamp>,
    /// First day counted (SLAs by their start, volume targets by period).
    #[arg(long, value_parser = super::parse_date)]
    from: Option<Date>,
    /// Day after the last one counted.
    #[arg(long, value_parser = super::parse_date)]
    to: Option<Date>,
    /// Report separately for each value of this field (per rep, segment, source).
    #[arg(long, value_name = "FIELD")]
    by: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    /// Write the report to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Exit 1 when a target or an SLA goal is missed.
    #[arg(long)]
    fail_on_breach: bool,
    #[arg(long, value_enum)]
    input: Option<InputFormat>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &ReportArgs) -> Exit {
    match report(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

fn report(args: &ReportArgs) -> Result<Exit, String> {
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let program = load_program(&args.policy, now, &args.settings)?;
    let policy = &program.policy;
    let mut schema = args.settings.schema(&args.policy, policy)?;
    let by = (args.by.as_deref())
        .map(|name| {
            schema
                .field(name)
                .map_err(|message| format!("--by {message}"))
        })
        .transpose()?;
    if let Some(index) = by {
        schema.keep(index);
        schema.show_as_exported();
    }
    let window = Window {
        from: args.from,
        to: args.to,
    };
    let by = by.map(FieldId);
    let mut tallies = Tallies::new(policy, by);
    let stream = Stream::new(&program, &schema, now, None)?.telling(&warn);
    let stream = stream.export(args.settings.export(&args.policy)?);
    stream.run(
        open(&args.leads)?,
        input_format(&args.leads, args.input)?,
        || Tallies::new(policy, by),
        |record, evaluator, part| part.add(policy, record, evaluator.outcome(record), window),
        |part| {
            tallies.merge(part);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    let sections = report::sections(&tallies, args.by.as_deref());
    let text = match args.format {
        ReportFormat::Table => report::table(policy, &sections, now),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report::json(policy, &sections, now)).unwrap_or_default()
                + "\n"
        }
        ReportFormat::Html => report_html::html(policy, &sections, now),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        None => print!("{text}"),
    }
    let missed = tallies.total.missed(policy);
    Ok(if args.fail_on_breach && missed {
        Exit::Problems
    } else {
        Exit::Clean
    })
}
