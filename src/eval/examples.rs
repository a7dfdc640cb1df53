//! The `example` blocks of a policy run as tests: each example's lead is
//! typed like a record, evaluated, and its expectations compared with the
//! outcome.

use jiff::Timestamp;

use super::{Outcome, Program, Scratch, SlaStatus, StageOutcome};
use crate::diagnostic::SourceFile;
use crate::ir::{Example, Expectation, StageOutcome as Expected, Value};
use crate::records::{Record, Schema};
use crate::span::Span;

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Where the expectation is written.
    pub span: Span,
    pub expected: String,
    pub actual: String,
}

/// The result of running one example.
#[derive(Debug, Clone)]
pub struct ExampleRun {
    pub record: Record,
    /// `None` when the lead is invalid.
    pub outcome: Option<Outcome>,
    pub failures: Vec<Failure>,
}

/// A policy with its examples run: what `qualify test` reports on, as
/// text or JUnit XML (`render::examples`).
pub struct Suite {
    /// The policy's file, as the report names it.
    pub file: String,
    /// The policy text, to say on which line a failing example is.
    pub source: SourceFile,
    pub program: Program,
    /// One run per example, in the policy's order.
    pub runs: Vec<ExampleRun>,
}

impl Suite {
    /// Runs every example of `program`, those without `as of` at `now`.
    pub fn new(file: String, source: SourceFile, program: Program, now: Timestamp) -> Suite {
        // A failing example's explanation shows the lead's values as the
        // example writes them, as `qualify explain` shows an export's.
        let mut schema = Schema::of(&program.policy);
        schema.show_as_exported();
        let runs = (program.policy.examples.iter())
            .map(|example| run(&program, &schema, example, now))
            .collect();
        Suite {
            file,
            source,
            program,
            runs,
        }
    }

    /// How many examples have an expectation that does not hold.
    pub fn failed(&self) -> usize {
        (self.runs.iter())
            .filter(|run| !run.failures.is_empty())
            .count()
    }
}

/// The instant an example is evaluated at: its own `as of`, else `default`.
pub fn instant(example: &Example, default: Timestamp) -> Timestamp {
    example.as_of.unwrap_or(default)
}

/// Types an example's lead as a record of the policy's fields, through
/// the same reader as an export's records: each value is handed over as
/// an export would write it, so an example lead and an exported lead are
/// never read differently. `schema` is the policy's, with no `[columns]`.
pub fn record(schema: &Schema, example: &Example) -> Record {
    let mut record = Record::empty(schema, 0);
    for index in 0..schema.fields.len() {
        let given = example
            .lead
            .iter()
            .find(|(id, _)| id.0 == index)
            .and_then(|(_, value)| value.as_ref());
        match given {
            Some(Value::List(items)) => {
                let entries: Vec<&str> = (items.iter())
                    .filter_map(|item| match item {
                        Value::Text(text) => Some(text.as_str()),
                        _ => None,
                    })
                    .collect();
                record.set_entries(schema, index, &entries);
            }
            Some(value) => record.set(schema, index, as_exported(value).as_deref()),
            None => record.set(schema, index, None),
        }
    }
    record
}

/// A value of a policy as an export writes it: numbers in Rust's shortest
/// form that reads back to the same number, times in RFC 3339.
fn as_exported(value: &Value) -> Option<String> {
    match value {
        Value::Text(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Date(date) => Some(date.to_string()),
        Value::Time(time) => Some(time.to_string()),
        // No field holds a duration; lists are read entry by entry.
        Value::Duration(_) | Value::List(_) => None,
    }
}

/// Runs one example.
pub fn run(
    program: &Program,
    schema: &Schema,
    example: &Example,
    default_now: Timestamp,
) -> ExampleRun {
    let record = record(schema, example);
    let now = instant(example, default_now);
    let outcome = record
        .is_valid()
        .then(|| program.evaluate(&record, now, &mut Scratch::default()));
    let policy = &program.policy;
    let stage_name = |stage: Option<StageOutcome>| match stage {
        None => "invalid".to_string(),
        Some(StageOutcome::Stage(id)) => policy
            .stages
            .get(id.0)
            .map_or("?".to_string(), |s| s.name.clone()),
        Some(StageOutcome::None) => "none".to_string(),
        Some(StageOutcome::Disqualified) => "disqualified".to_string(),
    };
    let actual_stage = stage_name(outcome.as_ref().map(|o| o.stage));
    let reached = |id: usize| {
        outcome
            .as_ref()
            .is_some_and(|o| o.reached.iter().any(|s| s.0 == id))
    };
    let matched: Vec<&str> = outcome
        .as_ref()
        .map(|o| o.reasons(policy))
        .unwrap_or_default();
    let mut failures = Vec::new();
    for (expectation, span) in &example.expectations {
        let failure = match expectation {
            Expectation::Stage(expected) => {
                let wanted = match expected {
                    Expected::Stage(id) => stage_name(Some(StageOutcome::Stage(*id))),
                    Expected::None => "none".to_string(),
                    Expected::Disqualified => "disqualified".to_string(),
                    Expected::Invalid => "invalid".to_string(),
                };
                (wanted != actual_stage)
                    .then(|| (format!("stage {wanted}"), format!("stage {actual_stage}")))
            }
            Expectation::Reached(id) | Expectation::NotReached(id) => {
                let want = matches!(expectation, Expectation::Reached(_));
                let name = policy.stages.get(id.0).map_or("?", |s| s.name.as_str());
                let describe = |yes: bool| {
                    if yes {
                        format!("{name} reached")
                    } else {
                        format!("{name} not reached")
                    }
                };
                (reached(id.0) != want).then(|| (describe(want), describe(!want)))
            }
            Expectation::Score(id, value) => {
                let name = policy.scores.get(id.0).map_or("?", |s| s.name.as_str());
                let actual = outcome.as_ref().and_then(|o| o.scores.get(id.0).copied());
                let same = actual.is_some_and(|actual| crate::number::same(actual, *value));
                let shown = actual.map_or("no score (the lead is invalid)".to_string(), |a| {
                    format!("score {name} {}", crate::number::digits(a))
                });
                (!same).then(|| {
                    (
                        format!("score {name} {}", crate::number::digits(*value)),
                        shown,
                    )
                })
            }
            Expectation::Disqualified(reason) => {
                let holds = actual_stage == "disqualified" && matched.contains(&reason.as_str());
                (!holds).then(|| {
                    (
                        format!("disqualified by \"{reason}\""),
                        describe_outcome(&actual_stage, &matched),
                    )
                })
            }
            Expectation::Undesirable(reason) => {
                let holds = matched.contains(&reason.as_str());
                (!holds).then(|| {
                    (
                        format!("undesirable \"{reason}\""),
                        describe_outcome(&actual_stage, &matched),
                    )
                })
            }
            Expectation::Sla(index, wanted) => {
                let name = policy.slas.get(*index).map_or("?", |sla| sla.name.as_str());
                let actual = outcome
                    .as_ref()
                    .and_then(|o| o.slas.get(*index))
                    .map(|sla| sla.status);
                let shown = |status: Option<SlaStatus>| {
                    format!(
                        "SLA \"{name}\" {}",
                        status.map_or("not evaluated (the lead is invalid)", sla_status_name)
                    )
                };
                (actual != Some(*wanted)).then(|| (shown(Some(*wanted)), shown(actual)))
            }
            Expectation::Invalid => (actual_stage != "invalid")
                .then(|| ("invalid".to_string(), format!("stage {actual_stage}"))),
        };
        if let Some((expected, actual)) = failure {
            failures.push(Failure {
                span: *span,
                expected,
                actual,
            });
        }
    }
    ExampleRun {
        record,
        outcome,
        failures,
    }
}

fn describe_outcome(stage: &str, matched: &[&str]) -> String {
    if matched.is_empty() {
        format!("stage {stage}, no undesirable")
    } else {
        let reasons = crate::vocabulary::strings(matched);
        format!("stage {stage}, undesirable {reasons}")
    }
}

/// Runs every example of a policy; the diagnostics for those that fail
/// (`qualify check` reports them like any other problem).
pub fn failing(program: &Program, now: Timestamp) -> Vec<crate::diagnostic::Diagnostic> {
    let mut diagnostics = Vec::new();
    let schema = Schema::of(&program.policy);
    for example in &program.policy.examples {
        for failure in run(program, &schema, example, now).failures {
            diagnostics.push(
                crate::diagnostic::Diagnostic::new(
                    &crate::diagnostic::catalog::FAILING_EXAMPLE,
                    failure.span,
                    format!("example \"{}\" expects {}, but the lead gets {}", example.name, failure.expected, failure.actual),
                )
                .with_label("this expectation does not hold")
                .with_help("`qualify test` shows the whole explanation; change the policy or the example so both teams agree"),
            );
        }
    }
    diagnostics
}

/// `met`, `breached`, `pending` or `n/a`, as policies and results write it.
pub fn sla_status_name(status: SlaStatus) -> &'static str {
    match status {
        SlaStatus::Met => "met",
        SlaStatus::Breached => "breached",
        SlaStatus::Pending => "pending",
        SlaStatus::NotApplicable => "n/a",
    }
}
