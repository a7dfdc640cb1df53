//! `qualify report POLICY LEADS`: SLA and target compliance, and the funnel.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;

use super::eval::{input_format, load_program, open, parse_instant};
use super::{Outcome as Exit, could_not_run};
use crate::config::Config;
use crate::eval::Scratch;
use crate::eval::compliance::{Tally, Window};
use crate::ir::Reading;
use crate::number::text as number_text;
use crate::records::{self, Cell, InputFormat, Record, Schema};
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
}

pub fn run(args: &ReportArgs) -> Exit {
    match report(args) {
        Ok(exit) => exit,
        Err(message) => could_not_run(&message),
    }
}

fn report(args: &ReportArgs) -> Result<Exit, String> {
    let config = Config::load(Path::new("."))?;
    let program = load_program(&args.policy)?;
    let mut schema = Schema::new(&program.policy, &config.columns)?;
    let by = match &args.by {
        None => None,
        Some(name) => {
            let index = schema
                .fields
                .iter()
                .position(|field| field.name == *name)
                .ok_or_else(|| {
                    let names = schema.fields.iter().map(|field| field.name.as_str());
                    let hint = crate::diagnostic::did_you_mean(name, names)
                        .map(|n| format!("; did you mean `{n}`?"))
                        .unwrap_or_default();
                    format!("--by `{name}` is not a field of the policy{hint}")
                })?;
            // Its values are needed to group by, whether or not a rule reads it.
            if let Some(field) = schema.fields.get_mut(index) {
                field.reading = Some(Reading::Value);
            }
            Some(index)
        }
    };
    let now = args.as_of.unwrap_or_else(Timestamp::now);
    let window = Window {
        from: args.from,
        to: args.to,
    };
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::new(&program.policy);
    let mut scratch = Scratch::default();
    let mut count = |record: &Record| {
        let outcome = record
            .is_valid()
            .then(|| program.evaluate(record, now, &mut scratch));
        total.add(&program.policy, record, outcome.as_ref(), window);
        if let Some(index) = by {
            let key = group_key(record, index);
            let group = groups
                .entry(key)
                .or_insert_with(|| Tally::new(&program.policy));
            group.add(&program.policy, record, outcome.as_ref(), window);
        }
    };
    let input = open(&args.leads)?;
    records::each(
        input,
        input_format(&args.leads, args.input)?,
        &schema,
        |record| {
            count(record);
            ControlFlow::Continue(())
        },
    )?;
    let mut sections: Vec<(String, &Tally)> = vec![("all leads".to_string(), &total)];
    sections.extend(groups.iter().map(|(key, tally)| {
        (
            format!("{} = {key}", args.by.as_deref().unwrap_or("")),
            tally,
        )
    }));
    let missed = total.missed(&program.policy);
    let text = match args.format {
        ReportFormat::Table => report::table(&program.policy, &sections, now),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report::json(&program.policy, &sections, now))
                .unwrap_or_default()
                + "\n"
        }
        ReportFormat::Html => report_html::html(&program.policy, &sections, now),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(if args.fail_on_breach && missed {
        Exit::Problems
    } else {
        Exit::Clean
    })
}

fn group_key(record: &Record, index: usize) -> String {
    match record.cells.get(index).copied().unwrap_or(Cell::Missing) {
        Cell::Text(start, end) => record.text_of(start, end).to_string(),
        Cell::Number(n) => number_text(n),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(date) => date.to_string(),
        Cell::Time(time) => time.to_string(),
        Cell::List(start, end) => record.text_of(start, end).replace('\u{1f}', ";"),
        Cell::Missing => "(missing)".to_string(),
    }
}
