//! Evaluation results as JSON Lines, CSV or a table (docs/cli.md,
//! "Evaluation output"), written into byte buffers so threads can render
//! their share of the records and the writer only copies.

use std::fmt::Write as _;

use crate::eval::{Outcome, Program, StageOutcome, number_text};
use crate::ir::Policy;
use crate::records::Record;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ResultFormat {
    /// One JSON object per lead.
    Jsonl,
    /// id,stage,reached,undesirable,<one column per score>,errors
    Csv,
    /// Aligned columns for reading in a terminal.
    Table,
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

/// One record's line. `outcome` is `None` for an invalid record.
pub fn record(
    program: &Program,
    record: &Record,
    outcome: Option<&Outcome>,
    format: ResultFormat,
    out: &mut String,
) {
    let policy = &program.policy;
    let stage = outcome.map_or("invalid", |outcome| stage_name(policy, outcome.stage));
    let reached: Vec<&str> = outcome
        .map(|o| {
            o.reached
                .iter()
                .filter_map(|id| policy.stages.get(id.0))
                .map(|s| s.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    let undesirable: Vec<&str> = outcome.map(|o| o.reasons(policy)).unwrap_or_default();
    let errors: Vec<String> = record
        .problems
        .iter()
        .map(|problem| format!("line {}: {problem}", record.line))
        .collect();
    match format {
        ResultFormat::Jsonl => {
            out.push_str("{\"id\":");
            json_string(&record.key, out);
            out.push_str(",\"stage\":");
            json_string(stage, out);
            out.push_str(",\"reached\":");
            json_list(&reached, out);
            out.push_str(",\"undesirable\":");
            json_list(&undesirable, out);
            out.push_str(",\"scores\":{");
            if let Some(outcome) = outcome {
                for (i, (score, value)) in policy.scores.iter().zip(&outcome.scores).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(&score.name, out);
                    out.push(':');
                    out.push_str(&number_text(*value));
                }
            }
            out.push_str("},\"next\":");
            match outcome.and_then(|o| o.next.as_ref()) {
                Some(next) => {
                    out.push_str("{\"stage\":");
                    json_string(
                        policy
                            .stages
                            .get(next.stage.0)
                            .map_or("?", |s| s.name.as_str()),
                        out,
                    );
                    out.push_str(",\"failed\":");
                    let failed = failed_criteria(program, next);
                    json_list(&failed.iter().map(String::as_str).collect::<Vec<_>>(), out);
                    out.push('}');
                }
                None => out.push_str("null"),
            }
            out.push_str(",\"sla\":{");
            if let Some(outcome) = outcome {
                for (i, (sla, result)) in policy.slas.iter().zip(&outcome.slas).enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(&sla.name, out);
                    out.push_str(":{\"status\":");
                    json_string(crate::eval::examples::sla_status_name(result.status), out);
                    if let Some(elapsed) = result.elapsed {
                        out.push_str(",\"elapsed\":");
                        json_string(&duration_text(elapsed), out);
                    }
                    if let Some(due) = result.due {
                        out.push_str(",\"due\":");
                        json_string(&due.to_string(), out);
                    }
                    out.push('}');
                }
            }
            out.push_str("},\"errors\":");
            json_list(&errors.iter().map(String::as_str).collect::<Vec<_>>(), out);
            out.push_str("}\n");
        }
        ResultFormat::Csv => {
            csv_field(&record.key, out);
            out.push(',');
            csv_field(stage, out);
            out.push(',');
            csv_field(&reached.join(";"), out);
            out.push(',');
            csv_field(&undesirable.join(";"), out);
            for index in 0..policy.scores.len() {
                out.push(',');
                if let Some(value) = outcome.and_then(|o| o.scores.get(index)) {
                    out.push_str(&number_text(*value));
                }
            }
            out.push(',');
            csv_field(&errors.join(";"), out);
            out.push('\n');
        }
        ResultFormat::Table => {
            let _ = write!(out, "{:<16} {:<14}", record.key, stage);
            for index in 0..policy.scores.len() {
                let value = outcome
                    .and_then(|o| o.scores.get(index))
                    .map(|v| number_text(*v))
                    .unwrap_or_default();
                let _ = write!(out, " {value:>10}");
            }
            let notes = if errors.is_empty() {
                undesirable.join(", ")
            } else {
                errors.join("; ")
            };
            let _ = writeln!(out, "  {notes}");
        }
    }
}

/// What the next stage still needs, in the teams' words.
pub fn failed_criteria(program: &Program, next: &crate::eval::NextStage) -> Vec<String> {
    let Some(stage) = program.policy.stages.get(next.stage.0) else {
        return Vec::new();
    };
    let mut failed: Vec<String> =
        next.failed
            .iter()
            .filter_map(|index| stage.criteria.get(*index))
            .map(|criterion| {
                criterion.description.clone().unwrap_or_else(|| {
                    crate::render::condition(&program.policy, &criterion.condition)
                })
            })
            .collect();
    let blockers = next
        .blocked_by
        .iter()
        .filter_map(|index| program.policy.undesirables.get(*index));
    failed.extend(blockers.map(|undesirable| format!("blocked by \"{}\"", undesirable.reason)));
    failed
}

/// "1h 20m", "2d 3h", "45s": seconds as people read a wait.
pub fn duration_text(seconds: f64) -> String {
    let total = seconds.max(0.0).round() as u64;
    let (days, hours, minutes, secs) = (
        total / 86_400,
        total % 86_400 / 3_600,
        total % 3_600 / 60,
        total % 60,
    );
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m")]
        .into_iter()
        .filter(|(amount, _)| *amount > 0)
        .map(|(amount, unit)| format!("{amount}{unit}"))
        .collect();
    if parts.is_empty() {
        format!("{secs}s")
    } else {
        parts.join(" ")
    }
}

fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_list(items: &[&str], out: &mut String) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_string(item, out);
    }
    out.push(']');
}

/// A CSV field, quoted when it needs to be.
fn csv_field(text: &str, out: &mut String) {
    let needs_quotes =
        text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ');
    if !needs_quotes {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}
