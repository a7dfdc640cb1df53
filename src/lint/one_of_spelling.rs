//! one-of-spelling: a `one of` field compared with a value written in
//! another case than the field declares (`lead_source is "Inbound"` where
//! the field says `"inbound"`). Texts are compared ignoring case, so it
//! works; but the agreement then spells one value two ways, and a reader
//! (or a search) may think they are two values.

use super::{Check, Lint, every_expr, written_texts};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{Expr, ExprKind, FieldType, Policy};

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0213",
        name: "one-of-spelling",
        severity: Severity::Warning,
        summary: "a value of a `one of` field written in another case than declared",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a value of a `one of` field written in another case than the
field declares it (`lead_source is "inbound"` where the field lists
`"Inbound"`).

**Why it matters:** texts are compared ignoring case, so the condition
works. But the agreement then spells one value two ways, and a reader, or a
search through the file, may take them for two different values.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id      text "CRM lead id" key
  lead_source  one of ["Inbound", "Event", "Partner"]
}

score channel {
  +20 if lead_source is "inbound"
}
```

qualify reports: `lead_source` declares "Inbound", written here as
"inbound".

**How to fix:** write the value as the field declares it:
`lead_source is "Inbound"`.
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for expr in every_expr(policy) {
        let (field, other) = match &expr.kind {
            ExprKind::Compare(_, lhs, rhs) => (&**lhs, &**rhs),
            ExprKind::In { value, list, .. } => (&**value, &**list),
            _ => continue,
        };
        for (field, other) in [(field, other), (other, field)] {
            check(policy, field, other, out);
        }
    }
}

fn check(policy: &Policy, field: &Expr, other: &Expr, out: &mut Vec<Diagnostic>) {
    let ExprKind::Field(id) = field.kind else {
        return;
    };
    let Some(FieldType::OneOf(declared)) = policy.fields.get(id.0).map(|field| &field.ty) else {
        return;
    };
    for text in written_texts(other) {
        let text = text.trim();
        let spelled = declared.iter().find(|value| {
            value.trim() != text && value.trim().to_lowercase() == text.to_lowercase()
        });
        if let Some(spelled) = spelled {
            let name = &policy.field(id).name;
            out.push(
                Diagnostic::new(
                    &LINT.code,
                    other.span,
                    format!("`{name}` declares \"{}\", written here as \"{text}\"", spelled.trim()),
                )
                .with_label("another spelling of a declared value")
                .with_help(format!(
                    "write \"{}\" as `{name}` declares it (texts are compared ignoring case, so the meaning stays the same)",
                    spelled.trim()
                )),
            );
        }
    }
}
