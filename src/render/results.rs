//! Evaluation results as JSON Lines, CSV or a table (docs/cli.md,
//! "Evaluation output"), written into byte buffers so threads can render
//! their share of the records and the writer only copies.

use std::borrow::Cow;
use std::fmt::Write as _;

use jiff::SignedDuration;

use super::escape::{csv_field, csv_joined, json as json_string};
use crate::eval::counts::{Counts, InvalidLimit};
use crate::eval::{Outcome, Program, StageOutcome};
use crate::ir::Policy;
use crate::number::digits;
use crate::records::Record;
use crate::records::keys::Keys;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// One JSON object per lead.
    Jsonl,
    /// id,stage,reached,undesirable,<one column per score>,errors
    Csv,
    /// Aligned columns for reading in a terminal.
    Table,
}

impl ResultFormat {
    /// Whether results show the next stage and the SLAs.
    pub fn shows_details(self) -> bool {
        self == ResultFormat::Jsonl
    }
}

/// The first lines of the output, before any record.
pub fn header(policy: &Policy, format: ResultFormat, out: &mut String) {
    let scores = policy.scores.iter().map(|score| score.name.as_str());
    match format {
        ResultFormat::Jsonl => {}
        ResultFormat::Csv => {
            let columns: Vec<&str> = ["id", "stage", "reached", "undesirable"]
                .into_iter()
                .chain(scores)
                .chain(["errors"])
                .collect();
            let mut line = String::new();
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                csv_field(column, &mut line);
            }
            line.push('\n');
            out.push_str(&line);
        }
        ResultFormat::Table => {
            let mut line = format!("{:<16} {:<14}", "id", "stage");
            for score in scores {
                let _ = write!(line, " {score:>10}");
            }
            line.push_str("  undesirable / errors\n");
            out.push_str(&line);
        }
    }
}

/// The stage as results name it.
pub fn stage_name(policy: &Policy, stage: StageOutcome) -> &str {
    match stage {
        StageOutcome::Stage(id) => policy
            .stages
            .get(id.0)
            .map_or("?", |stage| stage.name.as_str()),
        StageOutcome::None => "none",
        StageOutcome::Disqualified => "disqualified",
    }
}

/// One record's line. `outcome` is `None` for an invalid record. Written
/// straight into `out`: no per-record allocation for a valid lead.
pub fn record(
    program: &Program,
    record: &Record,
    outcome: Option<&Outcome>,
    format: ResultFormat,
    out: &mut String,
) {
    let policy = &program.policy;
    let stage = outcome.map_or("invalid", |outcome| stage_name(policy, outcome.stage));
    match format {
        ResultFormat::Jsonl => jsonl_record(program, record, outcome, stage, out),
        ResultFormat::Csv => csv_record(policy, record, outcome, stage, out),
        ResultFormat::Table => table_record(policy, record, outcome, stage, out),
    }
}

/// The names of the stages the lead reached.
fn reached<'p>(
    policy: &'p Policy,
    outcome: Option<&'p Outcome>,
) -> impl Iterator<Item = &'p str> + Clone {
    outcome
        .into_iter()
        .flat_map(|o| o.reached.iter())
        .filter_map(|id| policy.stages.get(id.0))
        .map(|s| s.name.as_str())
}

/// The reasons of the undesirables that apply to the lead.
fn undesirable<'p>(
    policy: &'p Policy,
    outcome: Option<&'p Outcome>,
) -> impl Iterator<Item = &'p str> + Clone {
    outcome
        .into_iter()
        .flat_map(|o| o.undesirable.iter())
        .filter_map(|i| policy.undesirables.get(*i))
        .map(|u| u.reason.as_str())
}

fn scores(outcome: Option<&Outcome>) -> impl Iterator<Item = f64> {
    outcome.into_iter().flat_map(|o| o.scores.iter().copied())
}

/// Why the record is invalid, each problem with its line.
fn errors(record: &Record) -> impl Iterator<Item = String> {
    (record.problems().iter()).map(|problem| format!("line {}: {problem}", record.line()))
}

fn jsonl_record(
    program: &Program,
    record: &Record,
    outcome: Option<&Outcome>,
    stage: &str,
    out: &mut String,
) {
    let policy = &program.policy;
    out.push_str("{\"id\":");
    json_string(record.key(), out);
    out.push_str(",\"stage\":");
    json_string(stage, out);
    out.push_str(",\"reached\":");
    json_list(reached(policy, outcome), out);
    out.push_str(",\"undesirable\":");
    json_list(undesirable(policy, outcome), out);
    out.push_str(",\"scores\":{");
    for (i, (score, value)) in policy.scores.iter().zip(scores(outcome)).enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(&score.name, out);
        out.push(':');
        crate::number::write_digits(value, out);
    }
    out.push_str("},\"next\":");
    json_next(program, outcome, out);
    out.push_str(",\"sla\":{");
    if let Some(outcome) = outcome {
        json_slas(policy, outcome, out);
    }
    out.push_str("},\"errors\":");
    json_list(errors(record), out);
    // The exact agreement that produced this result.
    out.push_str(",\"policy\":{\"version\":");
    json_string(policy.version.as_deref().unwrap_or_default(), out);
    out.push_str(",\"digest\":");
    json_string(&policy.digest, out);
    out.push_str("}}\n");
}

/// The next stage and what it still needs, or `null`.
fn json_next(program: &Program, outcome: Option<&Outcome>, out: &mut String) {
    match outcome.and_then(|o| o.next.as_ref()) {
        Some(next) => {
            out.push_str("{\"stage\":");
            json_string(
                program
                    .policy
                    .stages
                    .get(next.stage.0)
                    .map_or("?", |s| s.name.as_str()),
                out,
            );
            out.push_str(",\"failed\":");
            json_list(failed_criteria(program, next), out);
            out.push('}');
        }
        None => out.push_str("null"),
    }
}

/// Each SLA's status, time taken and due time, as the members of an object.
fn json_slas(policy: &Policy, outcome: &Outcome, out: &mut String) {
    for (i, (sla, result)) in policy.slas.iter().zip(&outcome.slas).enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(&sla.name, out);
        out.push_str(":{\"status\":");
        json_string(crate::eval::examples::sla_status_name(result.status), out);
        if let Some(elapsed) = result.elapsed {
            out.push_str(",\"elapsed\":");
            json_string(&elapsed_text(elapsed, sla.within.business), out);
        }
        if let Some(due) = result.due {
            let _ = write!(out, ",\"due\":\"{due}\"");
        }
        out.push('}');
    }
}

fn csv_record(
    policy: &Policy,
    record: &Record,
    outcome: Option<&Outcome>,
    stage: &str,
    out: &mut String,
) {
    csv_field(record.key(), out);
    out.push(',');
    csv_field(stage, out);
    out.push(',');
    csv_joined(reached(policy, outcome), ";", out);
    out.push(',');
    csv_joined(undesirable(policy, outcome), ";", out);
    let mut values = scores(outcome);
    for _ in &policy.scores {
        out.push(',');
        if let Some(value) = values.next() {
            crate::number::write_digits(value, out);
        }
    }
    out.push(',');
    let errors: Vec<String> = errors(record).collect();
    csv_joined(errors.iter().map(String::as_str), ";", out);
    out.push('\n');
}

fn table_record(
    policy: &Policy,
    record: &Record,
    outcome: Option<&Outcome>,
    stage: &str,
    out: &mut String,
) {
    let _ = write!(out, "{:<16} {:<14}", record.key(), stage);
    let mut values = scores(outcome);
    for _ in &policy.scores {
        let value = values.next().map(digits).unwrap_or_default();
        let _ = write!(out, " {value:>10}");
    }
    out.push_str("  ");
    if record.problems().is_empty() {
        join_into(undesirable(policy, outcome), ", ", out);
    } else {
        let errors: Vec<String> = errors(record).collect();
        join_into(errors.iter().map(String::as_str), "; ", out);
    }
    out.push('\n');
}

/// What the next stage still needs, in the teams' words: each failing
/// criterion's description (or the criterion as written), then the
/// undesirables that block the stage.
pub fn failed_criteria<'p>(
    program: &'p Program,
    next: &'p crate::eval::NextStage,
) -> impl Iterator<Item = Cow<'p, str>> + 'p {
    let policy = &program.policy;
    let stage = policy.stages.get(next.stage.0);
    let criteria = next
        .failed
        .iter()
        .filter_map(move |index| stage.and_then(|stage| stage.criteria.get(*index)))
        .map(move |criterion| match &criterion.description {
            Some(description) => Cow::Borrowed(description.as_str()),
            None => Cow::Owned(crate::render::condition(policy, &criterion.condition)),
        });
    let blockers = next
        .blocked_by
        .iter()
        .filter_map(move |index| policy.undesirables.get(*index))
        .map(|undesirable| Cow::Owned(format!("blocked by \"{}\"", undesirable.reason)));
    criteria.chain(blockers)
}

fn join_into<'a>(items: impl Iterator<Item = &'a str>, separator: &str, out: &mut String) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item);
    }
}

/// How long a lead waited, as people read it: "1d 4h 1m" of calendar time,
/// or "28h 1m of office hours" of open time (`office`), never in days,
/// which would read as business days. Exact: a fraction of a second is
/// written out ("4h 0.3s"), so a reply a moment past a limit never reads
/// as the limit itself.
pub fn elapsed_text(elapsed: SignedDuration, office: bool) -> String {
    let elapsed = elapsed.max(SignedDuration::ZERO);
    let total = elapsed.as_secs().unsigned_abs();
    let (days, hours) = if office {
        (0, total / 3_600)
    } else {
        (total / 86_400, total % 86_400 / 3_600)
    };
    let (minutes, seconds, nanos) = (total % 3_600 / 60, total % 60, elapsed.subsec_nanos());
    let mut parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m")]
        .into_iter()
        .filter(|(amount, _)| *amount > 0)
        .map(|(amount, unit)| format!("{amount}{unit}"))
        .collect();
    if nanos > 0 {
        let fraction = format!("{nanos:09}");
        parts.push(format!("{seconds}.{}s", fraction.trim_end_matches('0')));
    } else if seconds > 0 || parts.is_empty() {
        parts.push(format!("{seconds}s"));
    }
    let text = parts.join(" ");
    if office {
        text + " of office hours"
    } else {
        text
    }
}

/// A statistic of waits (seconds, interpolated between leads), to the
/// nearest second, as `elapsed_text` writes it.
pub fn seconds_text(seconds: f64, office: bool) -> String {
    let rounded = SignedDuration::try_from_secs_f64(seconds.round()).unwrap_or_default();
    elapsed_text(rounded, office)
}

fn json_list<S: AsRef<str>>(items: impl Iterator<Item = S>, out: &mut String) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(item.as_ref(), out);
    }
    out.push(']');
}

/// The summary of an evaluation, for standard error: how many leads went
/// where, the first invalid records, the policy's digest and sign-off
/// state, and the speed. `now_from_clock`: `--as-of` was not given.
pub fn summary(
    policy: &Policy,
    counts: &Counts,
    keys: &Keys,
    now: jiff::Timestamp,
    now_from_clock: bool,
    seconds: f64,
) -> String {
    let mut text = format!(
        "evaluated {} leads against \"{}\" version {} as of {now}{}\n",
        counts.records,
        policy.title,
        policy.version.as_deref().unwrap_or("?"),
        if now_from_clock {
            " (now; pass --as-of to fix it)"
        } else {
            ""
        }
    );
    for (stage, count) in policy.stages.iter().zip(&counts.per_stage) {
        let _ = writeln!(text, "  {:<14} {count}", stage.name);
    }
    let _ = write!(
        text,
        "  {:<14} {}\n  {:<14} {}\n  {:<14} {}\n",
        "none", counts.none, "disqualified", counts.disqualified, "invalid", counts.invalid
    );
    for first in &counts.first_invalid {
        let _ = writeln!(text, "    invalid: {first}");
    }
    if counts.invalid as usize > counts.first_invalid.len() {
        let _ = writeln!(
            text,
            "    … and {} more invalid records (see `errors` in the results)",
            counts.invalid as usize - counts.first_invalid.len()
        );
    }
    if keys.duplicates > 0 {
        let _ = writeln!(
            text,
            "  duplicate keys {} (records whose key an earlier record has)",
            keys.duplicates
        );
        for shown in &keys.shown {
            let _ = writeln!(text, "    duplicate: {shown}");
        }
    }
    let unsigned = crate::signoff::not_current(policy);
    let _ = writeln!(
        text,
        "  policy digest {} ({})",
        policy.digest,
        if unsigned.is_empty() {
            "signed off by every party".to_string()
        } else {
            format!("no current sign-off from {}", unsigned.join(", "))
        }
    );
    let rate = if seconds > 0.0 {
        counts.records as f64 / seconds
    } else {
        0.0
    };
    let _ = writeln!(text, "  took {seconds:.2} s ({rate:.0} leads/s)");
    text
}

/// Why an evaluation fails although every record has its result: too many
/// invalid records (`--max-invalid`, or every one of them without it), or
/// duplicate keys with `--fail-on-duplicates`. Empty when it passes.
pub fn refusals(
    counts: &Counts,
    keys: &Keys,
    max_invalid: Option<InvalidLimit>,
    fail_on_duplicates: bool,
) -> Vec<String> {
    let mut refusals = Vec::new();
    if counts.too_many_invalid(max_invalid) {
        refusals.push(match max_invalid {
            None => format!(
                "all {} records are invalid: the export does not fit the policy's fields \
                 (the first reasons are listed above); fix the export or the settings \
                 (docs/exports.md)",
                counts.records
            ),
            Some(_) => format!(
                "{} of {} records are invalid, more than --max-invalid allows \
                 (the first reasons are listed above)",
                counts.invalid, counts.records
            ),
        });
    }
    if fail_on_duplicates && keys.duplicates > 0 {
        refusals.push(format!(
            "{} records repeat the key of an earlier record (--fail-on-duplicates)",
            keys.duplicates
        ));
    }
    refusals
}
