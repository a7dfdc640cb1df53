//! The compliance report (`qualify report`) as text and as JSON; the HTML
//! page is in `report_html`.

use std::fmt::Write as _;

use jiff::Timestamp;
use serde_json::{Value, json};

use super::results::seconds_text;
use crate::eval::compliance::{Tallies, Tally};
use crate::ir::{Policy, TargetKind};
use crate::number::digits;

/// The report's sections, each with its heading: all leads, then one per
/// value of the field the leads are grouped by (`--by`), named `by`.
pub fn sections<'t>(tallies: &'t Tallies, by: Option<&str>) -> Vec<(String, &'t Tally)> {
    let mut sections = vec![("all leads".to_string(), &tallies.total)];
    sections.extend(
        (tallies.groups.values())
            .map(|(shown, tally)| (format!("{} = {shown}", by.unwrap_or_default()), tally)),
    );
    sections
}

/// The report as text for a terminal.
pub fn table(policy: &Policy, sections: &[(String, &Tally)], now: Timestamp) -> String {
    let mut out = format!(
        "Compliance report for \"{}\" version {} ({}), as of {now}\n",
        policy.title,
        policy.version.as_deref().unwrap_or("?"),
        policy.digest
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
                    format!(" (goal {}%: met)", digits(goal * 100.0))
                }
                (Some(goal), Some(_)) => format!(" (goal {}%: MISSED)", digits(goal * 100.0)),
                (Some(goal), None) => format!(" (goal {}%)", digits(goal * 100.0)),
                (None, _) => String::new(),
            };
            let times = match (counts.quantile(0.5), counts.quantile(0.9)) {
                (Some(median), Some(p90)) => format!(
                    "; response median {}, 90th percentile {}",
                    seconds_text(median, sla.within.business),
                    seconds_text(p90, sla.within.business)
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
        for (target, rows) in policy.targets.iter().zip(tally.targets(policy)) {
            let _ = writeln!(out, "  {}", target.name);
            if rows.is_empty() {
                out.push_str("    no leads to measure\n");
            }
            for (period, value, met) in rows {
                let verdict = if met { "met" } else { "MISSED" };
                let (shown, goal) = match &target.kind {
                    TargetKind::Volume { count, .. } => (digits(value), digits(*count)),
                    TargetKind::Conversion { share, .. } => (
                        format!("{:.1}%", value * 100.0),
                        format!("{}%", digits(share * 100.0)),
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

/// The report as JSON.
pub fn json(policy: &Policy, sections: &[(String, &Tally)], now: Timestamp) -> Value {
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
                .zip(tally.targets(policy))
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
    json!({"policy": policy.title, "version": policy.version, "digest": policy.digest, "as_of": now.to_string(), "groups": groups})
}
