//! contradictory-criteria: a stage's criteria ask for a field to be, say,
//! above 100 and below 50 at once, so no lead can reach the stage.

use super::facts::{conjuncts, contradiction, describe};
use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::Policy;

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        let mut parts = Vec::new();
        for criterion in &stage.criteria {
            conjuncts(policy, &criterion.condition, &mut parts);
        }
        let Some((field, conflict, part)) = contradiction(&parts) else {
            continue;
        };
        let name = &policy.field(field).name;
        // The criterion holding the part that made the criteria impossible.
        let span = stage
            .criteria
            .iter()
            .find(|criterion| {
                criterion.span.start <= part.span.start && part.span.end <= criterion.span.end
            })
            .map_or(part.span, |criterion| criterion.span);
        out.push(
            Diagnostic::new(
                &catalog::CONTRADICTORY_CRITERIA,
                span,
                format!(
                    "no lead can reach {}: its criteria need `{name}` to be {}",
                    stage.name,
                    describe(&conflict)
                ),
            )
            .with_label("these criteria cannot all hold")
            .with_help(format!(
                "check the limits on `{name}`: every `requires` of a stage must hold at once"
            )),
        );
    }
}
