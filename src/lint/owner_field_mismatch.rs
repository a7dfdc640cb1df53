//! owner-field-mismatch: a stage one team decides depends on a field the
//! other team fills in, usually later ("MQL depends on `buying_cycle`,
//! which sales fills in after contact").

use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::{Expr, ExprKind, FieldId, Policy, ScoreRuleKind};

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        let Some(owner) = stage.owner else { continue };
        for criterion in &stage.criteria {
            let mut fields = Vec::new();
            fields_used(policy, &criterion.condition, &mut fields, 0);
            fields.sort();
            fields.dedup();
            for field_id in fields {
                let field = policy.field(field_id);
                let Some(filler) = field.set_by.filter(|filler| *filler != owner) else {
                    continue;
                };
                let (owner_name, filler_name) = (
                    &policy.parties[owner.0].name,
                    &policy.parties[filler.0].name,
                );
                out.push(
                    Diagnostic::new(
                        &catalog::OWNER_FIELD_MISMATCH,
                        criterion.span,
                        format!("{} depends on `{}`, which {filler_name} fills in", stage.name, field.name),
                    )
                    .with_label(format!("{owner_name} decides {}, but this needs a field {filler_name} fills in", stage.name))
                    .with_note(field.span, format!("`set by {filler_name}`"))
                    .with_help(format!("move this criterion to a stage {filler_name} owns, or make {owner_name} the owner of `{}`", field.name)),
                );
            }
        }
    }
}

/// The fields a condition reads, through defines and scores.
fn fields_used(policy: &Policy, expr: &Expr, out: &mut Vec<FieldId>, depth: usize) {
    // Defines and scores cannot be circular in a checked policy; the depth
    // bound only keeps the walk finite should that ever change.
    if depth > 64 {
        return;
    }
    match &expr.kind {
        ExprKind::Field(id) => out.push(*id),
        ExprKind::Define(id) => {
            if let Some(define) = policy.defines.get(id.0) {
                fields_used(policy, &define.value, out, depth + 1);
            }
        }
        ExprKind::Score(id) => {
            for rule in policy
                .scores
                .get(id.0)
                .map(|score| score.rules.as_slice())
                .unwrap_or_default()
            {
                let inner = match &rule.kind {
                    ScoreRuleKind::If(condition) => condition,
                    ScoreRuleKind::Per { quantity, .. } => quantity,
                };
                fields_used(policy, inner, out, depth + 1);
            }
        }
        _ => expr
            .kind
            .for_each_child(|child| fields_used(policy, child, out, depth)),
    }
}
