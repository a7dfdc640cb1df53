//! padded-text: a text in a condition with spaces at either end
//! (`title is " vp "`). Texts are compared trimmed, so the spaces are
//! ignored; whoever wrote them probably meant something else.

use super::{Check, Lint, every_expr, written_texts};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::Policy;

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0214",
        name: "padded-text",
        severity: Severity::Warning,
        summary: "a text in a condition with spaces at an end, which are ignored",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** a text in a condition with spaces at its start or end
(`title contains " vp "`).

**Why it matters:** texts are compared without the spaces around them, on
both sides, so `" vp "` is the same as `"vp"` and also finds "VP of
Marketing" and "MVP". Whoever wrote the spaces probably wanted the word
on its own.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id  text "CRM lead id" key
  title    text?
}

score seniority {
  +20 if title contains " vp "
}
```

qualify reports: the spaces around " vp " are ignored: texts are compared
without them.

**How to fix:** write the text without the spaces; to find a whole word,
use `matches` with word boundaries:

```qual
score seniority {
  +20 if title matches "\\bvp\\b"
}
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for expr in every_expr(policy) {
        for text in written_texts(expr)
            .into_iter()
            .filter(|text| text.trim() != *text)
        {
            out.push(
                Diagnostic::new(
                    &LINT.code,
                    expr.span,
                    format!("the spaces around \"{text}\" are ignored: texts are compared without them"),
                )
                .with_label("spaces at an end")
                .with_help(format!(
                    "write \"{}\"; to ask for a separate word, use `matches` with a pattern such as \"\\\\bvp\\\\b\"",
                    text.trim()
                )),
            );
        }
    }
}
