//! What the examples leave untested, in words: "policies/acme.qual:
//! coverage 96% (27 of 28)", then each rule not fully exercised.

use std::fmt::Write as _;

use crate::eval::coverage::{Coverage, Rule};
use crate::ir::{Policy, ScoreRuleKind};

/// The coverage line of one file and a line for each rule not covered.
pub fn report(file: &str, policy: &Policy, coverage: &Coverage) -> String {
    let covered = coverage.items.iter().filter(|item| item.covered()).count();
    let mut out = format!(
        "{file}: coverage {:.0}% ({covered} of {})\n",
        coverage.percent(),
        coverage.items.len()
    );
    for item in coverage.items.iter().filter(|item| !item.covered()) {
        let missing = match (item.yes, item.no) {
            (false, false) => "no example reaches it",
            (false, true) => "no example makes it apply",
            _ => "no example makes it not apply",
        };
        let _ = writeln!(out, "  {}: {missing}", name(policy, item.rule));
    }
    out
}

/// "score engagement: Visited the pricing page": the rule's description,
/// else its condition as written.
fn name(policy: &Policy, rule: Rule) -> String {
    let describe =
        |description: &Option<String>, written: String| description.clone().unwrap_or(written);
    match rule {
        Rule::Score { score, rule } => {
            let Some((score, rule)) =
                (policy.scores.get(score)).and_then(|score| Some((score, score.rules.get(rule)?)))
            else {
                return String::new();
            };
            let written = match &rule.kind {
                ScoreRuleKind::If(condition) => super::condition(policy, condition),
                ScoreRuleKind::Per { quantity, .. } => {
                    format!("per {}", super::condition(policy, quantity))
                }
            };
            format!(
                "score {}: {}",
                score.name,
                describe(&rule.description, written)
            )
        }
        Rule::Criterion { stage, criterion } => {
            let Some((stage, criterion)) = (policy.stages.get(stage))
                .and_then(|stage| Some((stage, stage.criteria.get(criterion)?)))
            else {
                return String::new();
            };
            let written = super::condition(policy, &criterion.condition);
            format!(
                "stage {}: {}",
                stage.name,
                describe(&criterion.description, written)
            )
        }
        Rule::Undesirable(index) => policy
            .undesirables
            .get(index)
            .map_or_else(String::new, |u| format!("undesirable \"{}\"", u.reason)),
        Rule::Sla(index) => policy
            .slas
            .get(index)
            .map_or_else(String::new, |sla| format!("SLA \"{}\"", sla.name)),
    }
}
