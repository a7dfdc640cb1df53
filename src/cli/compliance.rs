//! `qualify report POLICY LEADS`: SLA and target compliance, and the funnel.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::{Value, json};

use super::Outcome as Exit;
use super::eval::{input_format, load_program, open, parse_instant};
use crate::config::Config;
use crate::eval::compliance::{Tally, Window};
use crate::eval::{Program, Scratch, number_text};
use crate::ir::{Reading, TargetKind};
use crate::records::{self, Cell, InputFormat, Record, Schema};
use crate::render::results::duration_text;

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
    #[arg(long)]
    from: Option<Date>,
    /// Day after the last one counted.
    #[arg(long)]
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
        Err(message) => {
            eprintln!("error: {message}");
            Exit::CouldNotRun
        }
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
        ReportFormat::Table => table(&program, &sections, now),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&json_report(&program, &sections, now)).unwrap_or_default()
                + "\n"
        }
        ReportFormat::Html => crate::render::report_html::html(&program.policy, &sections, now),
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

fn table(program: &Program, sections: &[(String, &Tally)], now: Timestamp) -> String {
    let policy = &program.policy;
    let mut out = format!(
        "Compliance report for \"{}\" version {}, as of {now}\n",
        policy.title,
        policy.version.as_deref().unwrap_or("?")
    );
    for (name, tally) in sections {
        let _ = writeln!(
            out,
            "\n== {name}: {} leads ({} invalid)",
            tally.leads, tally.invalid
        );
        if !policy.slas.is_empty() {
            out.push_str("Service levels\n");
        }
        for (sla, counts) in policy.slas.iter().zip(&tally.slas) {
            let compliance = counts
                .compliance()
                .map_or("no lead decided yet".to_string(), |c| {
                    format!("{c:.1}% compliant")
                });
            let goal = match (sla.goal, counts.compliance()) {
                (Some(goal), Some(c)) if c >= goal * 100.0 => {
                    format!(" (goal {}%: met)", number_text(goal * 100.0))
                }
                (Some(goal), Some(_)) => format!(" (goal {}%: MISSED)", number_text(goal * 100.0)),
                (Some(goal), None) => format!(" (goal {}%)", number_text(goal * 100.0)),
                (None, _) => String::new(),
            };
            let times = match (counts.quantile(0.5), counts.quantile(0.9)) {
                (Some(median), Some(p90)) => format!(
                    "; response median {}, 90th percentile {}",
                    duration_text(median),
                    duration_text(p90)
                ),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}: met {}, breached {}, pending {}, n/a {}; {compliance}{goal}{times}",
                sla.name, counts.met, counts.breached, counts.pending, counts.not_applicable
            );
        }
        if !policy.targets.is_empty() {
            out.push_str("Targets\n");
        }
        for (target, rows) in policy.targets.iter().zip(tally.targets(&program.policy)) {
            let _ = writeln!(out, "  {}", target.name);
            if rows.is_empty() {
                out.push_str("    no leads to measure\n");
            }
            for (period, value, met) in rows {
                let verdict = if met { "met" } else { "MISSED" };
                let (shown, goal) = match &target.kind {
                    TargetKind::Volume { count, .. } => (number_text(value), number_text(*count)),
                    TargetKind::Conversion { share, .. } => (
                        format!("{:.1}%", value * 100.0),
                        format!("{}%", number_text(share * 100.0)),
                    ),
                };
                let _ = writeln!(
                    out,
                    "    {period:<10} {shown:>8} (at least {goal}) {verdict}"
                );
            }
        }
        out.push_str("Funnel\n");
        for (index, stage) in policy.stages.iter().enumerate() {
            let reached = tally.reached.get(index).copied().unwrap_or(0);
            let entered = tally.entered.get(index).copied().unwrap_or(0);
            let conversion = if stage.after.is_empty() || entered == 0 {
                String::new()
            } else {
                format!(
                    "  ({:.1}% of the {entered} that reached a prerequisite)",
                    reached as f64 * 100.0 / entered as f64
                )
            };
            let _ = writeln!(out, "  {:<6} {reached:>8}{conversion}", stage.name);
        }
    }
    out
}

fn json_report(program: &Program, sections: &[(String, &Tally)], now: Timestamp) -> Value {
    let policy = &program.policy;
    let groups: Vec<Value> = sections
        .iter()
        .map(|(name, tally)| {
            let slas: Vec<Value> = policy
                .slas
                .iter()
                .zip(&tally.slas)
                .map(|(sla, c)| {
                    json!({
                        "name": sla.name, "met": c.met, "breached": c.breached, "pending": c.pending,
                        "not_applicable": c.not_applicable, "compliance": c.compliance(),
                        "goal": sla.goal.map(|g| g * 100.0),
                        "median_seconds": c.quantile(0.5), "p90_seconds": c.quantile(0.9),
                    })
                })
                .collect();
            let targets: Vec<Value> = policy
                .targets
                .iter()
                .zip(tally.targets(&program.policy))
                .map(|(target, rows)| {
                    let periods: Vec<Value> = rows.iter().map(|(period, value, met)| json!({"period": period, "value": value, "met": met})).collect();
                    json!({"name": target.name, "periods": periods})
                })
                .collect();
            let funnel: Vec<Value> = policy
                .stages
                .iter()
                .enumerate()
                .map(|(i, stage)| json!({"stage": stage.name, "reached": tally.reached.get(i), "entered": tally.entered.get(i)}))
                .collect();
            json!({"group": name, "leads": tally.leads, "invalid": tally.invalid, "slas": slas, "targets": targets, "funnel": funnel})
        })
        .collect();
    json!({"policy": policy.title, "version": policy.version, "as_of": now.to_string(), "groups": groups})
}
