//! owner-field-mismatch: a stage one team decides depends on a field the
//! other team fills in, usually later ("MQL depends on `buying_cycle`,
//! which sales fills in after contact").

use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::Policy;

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for stage in &policy.stages {
        let Some(owner) = stage.owner else { continue };
        for criterion in &stage.criteria {
            let mut fields = policy.reads(&criterion.condition, true).fields;
            fields.sort();
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
