//! unused-field, unused-list, unused-define: a declaration nothing uses is
//! either dead weight in the agreement or a rule someone forgot to write.

use std::collections::HashMap;

use crate::check::{Symbol, Usage};
use crate::diagnostic::{Diagnostic, catalog};
use crate::span::Span;

pub fn run(declared: &HashMap<Symbol, (String, Span)>, usage: &Usage, out: &mut Vec<Diagnostic>) {
    let mut unused: Vec<(&Symbol, &(String, Span))> = declared
        .iter()
        .filter(|(symbol, _)| !usage.symbols.contains(symbol))
        .collect();
    unused.sort_by_key(|(_, (_, span))| span.start);
    for (symbol, (name, span)) in unused {
        let (code, help) = match symbol {
            Symbol::Field(_) => (
                &catalog::UNUSED_FIELD,
                "use it in a rule, stage, SLA or target, or remove it from `fields` (columns the export has but the policy does not declare are ignored)",
            ),
            Symbol::List(_) => (
                &catalog::UNUSED_LIST,
                "use it with `in` or `any`, or remove it",
            ),
            Symbol::Define(_) => (
                &catalog::UNUSED_DEFINE,
                "use it in a rule or stage, or remove it",
            ),
            Symbol::Score(_) | Symbol::Stage(_) => continue,
        };
        out.push(
            Diagnostic::new(
                code,
                *span,
                format!("{} `{name}` is never used", symbol.kind()),
            )
            .with_label("declared but never used")
            .with_help(help),
        );
    }
}
