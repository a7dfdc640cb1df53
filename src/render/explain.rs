//! Why one lead got its stage, for a sales or marketing manager: each
//! undesirable, each score rule with its points, each stage with every
//! criterion ✓/✗ and the values it read, and what the next stage needs.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::condition;
use super::results::{failed_criteria, stage_name};
use crate::eval::{Explanation, Outcome, Program};
use crate::ir::{Expr, Policy, Reads, ScoreRuleKind};
use crate::number::{digits, signed_digits};
use crate::records::{Cell, Record};
use crate::vocabulary::string;

pub fn explain(
    program: &Program,
    record: &Record,
    explanation: &Explanation,
    now: Timestamp,
) -> String {
    let policy = &program.policy;
    let mut out = String::new();
    heading(&mut out, policy, record, &explanation.outcome, now);
    undesirables(&mut out, policy, record, &explanation.outcome);
    scores(&mut out, policy, record, explanation);
    stages(&mut out, policy, record, explanation);
    service_levels(&mut out, policy, &explanation.outcome);
    next(&mut out, program, &explanation.outcome);
    out
}

/// A lead that could not be evaluated: which one, on which line of the
/// export, and each problem with it (`qualify explain`).
pub fn invalid(record: &Record) -> String {
    let mut out = format!("Lead {}: invalid (line {})\n", record.key(), record.line());
    problems(&mut out, record, "  ");
    out
}

/// Each problem that makes the lead invalid, a `✗` line each, after `indent`.
pub fn problems(out: &mut String, record: &Record, indent: &str) {
    for problem in record.problems() {
        let _ = writeln!(out, "{indent}✗ {problem}");
    }
}

/// The lead, the stage it got and the policy it was judged against.
fn heading(out: &mut String, policy: &Policy, record: &Record, outcome: &Outcome, now: Timestamp) {
    let stage = stage_name(policy, outcome.stage);
    let long = match outcome.stage {
        crate::eval::StageOutcome::Stage(id) => policy
            .stages
            .get(id.0)
            .map(|s| format!(" ({})", s.long_name))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let _ = writeln!(out, "Lead {}: {stage}{long}", record.key());
    let _ = writeln!(
        out,
        "against \"{}\" version {}, as of {now}",
        policy.title,
        policy.version.as_deref().unwrap_or("?")
    );
}

/// Each undesirable, whether it applies and what it then does.
fn undesirables(out: &mut String, policy: &Policy, record: &Record, outcome: &Outcome) {
    out.push_str("\nUndesirables\n");
    for (index, undesirable) in policy.undesirables.iter().enumerate() {
        let matched = outcome.undesirable.contains(&index);
        let effect = match (matched, undesirable.blocks.is_empty()) {
            (false, _) => String::new(),
            (true, true) => " — disqualifies the lead".to_string(),
            (true, false) => {
                let names: Vec<&str> = undesirable
                    .blocks
                    .iter()
                    .filter_map(|s| policy.stages.get(s.0))
                    .map(|s| s.name.as_str())
                    .collect();
                format!(" — blocks {}", names.join(", "))
            }
        };
        let verdict = if matched { "applies" } else { "does not apply" };
        let _ = writeln!(
            out,
            "  {} {}: {verdict}{effect}{}",
            mark(!matched),
            undesirable.reason,
            values(policy, record, &undesirable.condition)
        );
    }
}

/// Each score's total, then each rule with the points it gave.
fn scores(out: &mut String, policy: &Policy, record: &Record, explanation: &Explanation) {
    out.push_str("\nScores\n");
    for ((score, explained), value) in policy
        .scores
        .iter()
        .zip(&explanation.scores)
        .zip(&explanation.outcome.scores)
    {
        let _ = write!(out, "  {} = {}", score.name, digits(*value));
        if let Some(before) = explained.capped_from {
            let _ = write!(out, " (capped: the rules give {})", digits(before));
        }
        out.push('\n');
        for (rule, (points, limited)) in score.rules.iter().zip(&explained.rules) {
            let what = rule
                .description
                .clone()
                .unwrap_or_else(|| match &rule.kind {
                    ScoreRuleKind::If(condition_expr) => condition(policy, condition_expr),
                    ScoreRuleKind::Per { quantity, up_to } => {
                        let limit = up_to
                            .map(|most| format!(" up to {}", digits(most)))
                            .unwrap_or_default();
                        format!(
                            "{} per {}{limit}",
                            signed_digits(rule.points),
                            condition(policy, quantity)
                        )
                    }
                });
            let read = match &rule.kind {
                ScoreRuleKind::If(expr) | ScoreRuleKind::Per { quantity: expr, .. } => {
                    values(policy, record, expr)
                }
            };
            let limit = if *limited { " (up to its limit)" } else { "" };
            let _ = writeln!(
                out,
                "    {:>6}  {what}{limit}{read}",
                signed_digits(*points)
            );
        }
    }
}

/// Each stage ✓/✗, with what it comes after, what stopped it and each
/// criterion with the values it read.
fn stages(out: &mut String, policy: &Policy, record: &Record, explanation: &Explanation) {
    let outcome = &explanation.outcome;
    out.push_str("\nStages\n");
    for ((index, stage), explained) in policy.stages.iter().enumerate().zip(&explanation.stages) {
        let reached = outcome.reached.iter().any(|id| id.0 == index);
        let _ = writeln!(
            out,
            "  {} {} ({})",
            mark(reached),
            stage.name,
            stage.long_name
        );
        if !stage.after.is_empty() {
            let names: Vec<&str> = stage
                .after
                .iter()
                .filter_map(|s| policy.stages.get(s.0))
                .map(|s| s.name.as_str())
                .collect();
            let _ = writeln!(
                out,
                "      {} after {}",
                mark(explained.prerequisites_met),
                names.join(" or ")
            );
        }
        if matches!(outcome.stage, crate::eval::StageOutcome::Disqualified) {
            let _ = writeln!(out, "      ✗ the lead is disqualified");
        }
        if explained.blocked {
            let _ = writeln!(out, "      ✗ blocked by an undesirable");
        }
        for (criterion, held) in stage.criteria.iter().zip(&explained.criteria) {
            let what = criterion
                .description
                .clone()
                .unwrap_or_else(|| condition(policy, &criterion.condition));
            let _ = writeln!(
                out,
                "      {} {what}{}",
                mark(*held),
                values(policy, record, &criterion.condition)
            );
        }
    }
}

/// Each SLA's status, time taken and due time; nothing when there are none.
fn service_levels(out: &mut String, policy: &Policy, outcome: &Outcome) {
    if policy.slas.is_empty() {
        return;
    }
    out.push_str("\nService levels\n");
    for (sla, result) in policy.slas.iter().zip(&outcome.slas) {
        let status = crate::eval::examples::sla_status_name(result.status);
        let elapsed = result
            .elapsed
            .map(|elapsed| {
                let taken = super::results::elapsed_text(elapsed, sla.within.business);
                format!(", took {taken}")
            })
            .unwrap_or_default();
        let due = result
            .due
            .map(|due| format!(", due {due}"))
            .unwrap_or_default();
        let _ = writeln!(out, "  {}: {status}{elapsed}{due}", sla.name);
    }
}

/// What the next stage still needs, or why there is none.
fn next(out: &mut String, program: &Program, outcome: &Outcome) {
    match &outcome.next {
        Some(next) => {
            let name = program
                .policy
                .stages
                .get(next.stage.0)
                .map_or("?", |s| s.name.as_str());
            let _ = writeln!(out, "\nNext: {name} still needs");
            for failed in failed_criteria(program, next) {
                let _ = writeln!(out, "  ✗ {failed}");
            }
        }
        None if matches!(outcome.stage, crate::eval::StageOutcome::Disqualified) => {
            out.push_str("\nNext: none — a disqualified lead goes no further\n");
        }
        None => out.push_str("\nNext: none — no further stage follows\n"),
    }
}

fn mark(ok: bool) -> &'static str {
    if ok { "✓" } else { "✗" }
}

/// "  (title "vp marketing", employees 800)": the fields and scores a
/// condition reads, with this lead's values.
fn values(policy: &Policy, record: &Record, expr: &Expr) -> String {
    let Reads { fields, scores } = policy.reads(expr, false);
    let mut shown: Vec<String> = Vec::new();
    for field in fields {
        let Some(spec) = policy.fields.get(field.0) else {
            continue;
        };
        let value = match record.cell(field.0) {
            Cell::Missing => "missing".to_string(),
            Cell::Present => "present".to_string(),
            Cell::Number(n) => digits(n),
            Cell::Bool(b) => b.to_string(),
            Cell::Text(text) => string(record.written(field.0).unwrap_or(text)),
            Cell::List(entries) => format!("[{}]", entries.join(", ")),
            Cell::Date(date) => date.to_string(),
            Cell::Time(time) => time.to_string(),
        };
        shown.push(format!("{} {value}", spec.name));
    }
    for score in scores {
        if let Some(score) = policy.scores.get(score.0) {
            shown.push(format!("score {}", score.name));
        }
    }
    if shown.is_empty() {
        String::new()
    } else {
        format!("   ({})", shown.join(", "))
    }
}
