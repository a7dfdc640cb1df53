//! docs/lints.md, the reference of every code qualify reports, put
//! together from the codes themselves: the introduction here, then each
//! code's own documentation in code order. tests/lints_doc.rs keeps the
//! file in step and rewrites it on request.

use super::CODES;

/// The page above the codes: how to read them. Hand-written; the sections
/// that follow it are each code's `docs`.
const INTRODUCTION: &str = r#"
# Problems qualify reports

`qualify check` (see [cli.md](cli.md)) reports every problem it finds with
a **code** such as `Q0101` and a **name** such as `unknown-name`. This page
explains each one, in code order: what it means, why it matters for the
agreement, an example that causes it, and how to fix it.

How to read a severity:

- **Error** — qualify cannot use the policy as written. Errors `Q0001` to
  `Q0013` mean the text itself does not follow the language: the file does
  not parse, no other check runs, and `qualify check` exits with code 2.
  The other errors are found once the file parses; `qualify check` then
  exits with code 1. Errors cannot be switched off.
- **Warning (lint)** — the policy works, but something is probably not what
  the teams meant. A warning does not fail the check unless you use
  `--deny-warnings`. Lints can be made stricter or quieter in
  `qualify.toml` (`unused-field = "deny"`, `"warn"` or `"allow"`), or
  accepted once with a comment on the line before:
  `# qualify: allow(unused-field) — the reason`. See
  [cli.md](cli.md#qualifytoml).

The codes come in groups:

| codes | about |
|---|---|
| Q00xx | the text does not follow the language |
| Q01xx | names: unknown, duplicated or circular |
| Q02xx | kinds of values: numbers, texts, times, lists |
| Q03xx | stages |
| Q04xx | undesirables |
| Q05xx | calendars |
| Q06xx | service levels and targets |
| Q07xx | the policy as a whole |
| Q08xx | examples |
| Q09xx | `qualify.toml` and `# qualify: allow(…)` comments |

The examples below marked as wrong really produce the code of their
section. Many are complete small policies, starting with a one-line header
such as `policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }`;
the corrected versions check with no problems at all. A wrong example may
also show a warning that follows from the same mistake, such as
`unused-field` for the field whose name was misspelled. Examples of text
mistakes (`Q00xx`) show only the part of the file that matters.
"#;

/// Tells whoever opens the file where its text comes from.
const GENERATED: &str = "<!-- Generated from each code's `docs` (src/diagnostic/catalog/, src/lint/): \
edit them there, then run `QUALIFY_BLESS=1 cargo test --test lints_doc`. -->\n\n";

/// docs/lints.md as it should read.
pub fn markdown() -> String {
    let mut page = format!("{GENERATED}{}", INTRODUCTION.trim_start());
    for code in CODES.iter() {
        page.push_str(&format!(
            "\n## {} {}\n\n{}\n",
            code.code,
            code.name,
            code.docs.trim()
        ));
    }
    page
}
