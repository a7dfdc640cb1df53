//! padded-text: a text in a condition with spaces at either end
//! (`title is " vp "`). Texts are compared trimmed, so the spaces are
//! ignored; whoever wrote them probably meant something else.

use super::{every_expr, written_texts};
use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::Policy;

pub fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    for expr in every_expr(policy) {
        for text in written_texts(expr)
            .into_iter()
            .filter(|text| text.trim() != *text)
        {
            out.push(
                Diagnostic::new(
                    &catalog::PADDED_TEXT,
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
