//! The formatter (`qualify fmt`): it never changes a meaning, never loses a
//! comment, and formatting twice changes nothing.
//!
//! - every policy in the repository (the corpus and `policies/`) keeps its
//!   syntax tree and every comment, in order and in its place (on its own
//!   line, or at the end of a line), and is a fixed point once formatted;
//! - tests/corpus/format holds messy inputs, snapshotted beside their
//!   formatted output;
//! - a property test formats generated policies, written with random
//!   spacing, line breaks, parentheses and comments.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use qualify::formatter::{self, FormatError};
use qualify::syntax::{Comment, Parsed, parse};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Every `*.qual` file under `dir`, recursively.
fn policies_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            policies_under(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "qual") {
            out.push(path);
        }
    }
}

/// (text, own line) of every comment, in order.
fn comments(parsed: &Parsed) -> Vec<(String, bool)> {
    parsed
        .comments
        .comments
        .iter()
        .map(|Comment { text, own_line, .. }| (text.trim_end().to_string(), *own_line))
        .collect()
}

/// Formats `source` and checks what the formatter promises, independently
/// of its own safety net. Comments stay on their own line or at the end of
/// a line, as written; `in_place: false` allows one exception: an
/// end-of-line comment that would share a line with another moves to a
/// line of its own (only generated policies write two comments with no
/// word between them).
fn assert_formats_faithfully(name: &str, source: &str, in_place: bool) -> String {
    let original = parse(source);
    let formatted = match formatter::format(source) {
        Ok(formatted) => formatted,
        Err(FormatError::Syntax(_)) => panic!("{name} should parse"),
        Err(FormatError::Unsafe(reason)) => panic!("{name}: {reason}\n{source}"),
    };
    let again = parse(&formatted);
    assert!(
        again.is_ok(),
        "{name}: the output does not parse:\n{formatted}"
    );
    assert_eq!(
        again.file, original.file,
        "{name}: the meaning changed:\n{formatted}"
    );
    let (before, after) = (comments(&original), comments(&again));
    let texts =
        |comments: &[(String, bool)]| comments.iter().map(|c| c.0.clone()).collect::<Vec<_>>();
    assert_eq!(
        texts(&after),
        texts(&before),
        "{name}: a comment was lost or changed:\n{formatted}"
    );
    if in_place {
        assert_eq!(
            after, before,
            "{name}: a comment moved to another line:\n{formatted}"
        );
    }
    let twice = formatter::format(&formatted)
        .unwrap_or_else(|_| panic!("{name}: the output cannot be formatted again"));
    assert_eq!(twice, formatted, "{name}: formatting is not idempotent");
    for (number, line) in formatted.lines().enumerate() {
        assert_eq!(
            line,
            line.trim_end(),
            "{name}: trailing space on line {}",
            number + 1
        );
    }
    formatted
}

#[test]
fn every_policy_in_the_repository_keeps_its_meaning_and_comments() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    policies_under(&root.join("tests/corpus"), &mut paths);
    policies_under(&root.join("policies"), &mut paths);
    let mut formatted = 0;
    for path in paths {
        let source = read(&path);
        if !parse(&source).is_ok() {
            continue;
        }
        assert_formats_faithfully(&path.display().to_string(), &source, true);
        formatted += 1;
    }
    assert!(formatted > 100, "only {formatted} policies were formatted");
}

#[test]
fn messy_policies_come_out_in_canonical_form() {
    insta::glob!("corpus/format/*.qual", |path| {
        let source = read(path);
        let formatted = assert_formats_faithfully(&path.display().to_string(), &source, true);
        insta::assert_snapshot!(format!("{source}\n── formatted ──\n{formatted}"));
    });
}

// ── generated policies ──────────────────────────────────────────────────────

/// A condition as tokens, parenthesized where the grammar needs it (and
/// sometimes where it does not).
fn condition() -> impl Strategy<Value = Vec<String>> {
    let leaf = prop_oneof![
        Just(vec!["a"]),
        Just(vec!["b"]),
        Just(vec!["x", ">", "3"]),
        Just(vec!["t", "is", "present"]),
        Just(vec!["t", "is", "not", "missing"]),
        Just(vec!["t", "contains", "\"q\\\"\""]),
        Just(vec!["x", "between", "1_000", "and", "5.50"]),
        Just(vec!["t", "not", "in", "[", "\"p\"", ",", "\"q\"", ",", "]"]),
        Just(vec!["t", "starts", "with", "any", "names"]),
        Just(vec![
            "y", "+", "2", "*", "(", "z", "-", "1", ")", ">=", "10%"
        ]),
        Just(vec!["-", "-", "y", "<", "-", "x"]),
        Just(vec!["t", "matches", "\"a|b\""]),
        Just(vec!["domain", "(", "e", ")", "==", "\"x.example\""]),
        Just(vec!["created", "within", "2", "business", "hour"]),
        Just(vec!["created", ">", "2026-03-02T09:00:00+03:00"]),
    ]
    .prop_map(|tokens| tokens.into_iter().map(String::from).collect::<Vec<_>>());
    leaf.prop_recursive(4, 24, 2, |inner| {
        let wrap = |tokens: Vec<String>| {
            let mut wrapped = vec!["(".to_string()];
            wrapped.extend(tokens);
            wrapped.push(")".to_string());
            wrapped
        };
        prop_oneof![
            (inner.clone(), any::<bool>()).prop_map(move |(tokens, extra)| {
                let mut out = vec!["not".to_string()];
                out.extend(wrap(tokens));
                if extra { wrap(out) } else { out }
            }),
            (inner.clone(), prop_oneof![Just("and"), Just("or")], inner).prop_map(
                move |(lhs, op, rhs)| {
                    let mut out = wrap(lhs);
                    out.push(op.to_string());
                    out.extend(wrap(rhs));
                    out
                }
            ),
        ]
    })
}

/// An optional description.
fn description() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        Just(vec![]),
        Just(vec!["\"Filled in the demo form\"".to_string()]),
        Just(vec![
            "\"A much longer description that pushes the line past its width\"".to_string()
        ]),
    ]
}

/// `text` split at the spaces outside quotes.
fn tokens(text: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            ' ' if !quoted => out.push(String::new()),
            _ => {
                quoted ^= c == '"';
                out.last_mut().expect("one token at least").push(c);
            }
        }
    }
    out
}

/// One item (as tokens) of a policy that parses, whatever it means.
fn item() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        (condition(), description()).prop_map(move |(value, description)| {
            let mut out = tokens("define d");
            out.extend(description);
            out.push("=".into());
            out.extend(value);
            out
        }),
        condition().prop_map(move |value| {
            let mut out = tokens("undesirable \"Bad lead\" blocks MQL , SAL if");
            out.extend(value);
            out
        }),
        prop::collection::vec((condition(), description(), 0..3u8), 0..4).prop_map(move |rules| {
            let mut out = tokens("score s \"desc\" up to 100 {");
            for (condition, description, kind) in rules {
                match kind {
                    0 => out.extend(tokens("+15 if")),
                    1 => out.extend(tokens("-2.5 if")),
                    _ => {
                        out.extend(tokens("+2 per x up to 10"));
                        out.extend(description);
                        continue;
                    }
                }
                out.extend(condition);
                out.extend(description);
            }
            out.push("}".into());
            out
        }),
        prop::collection::vec((condition(), description()), 0..4).prop_map(move |criteria| {
            let mut out =
                tokens("stage MQL \"Marketing qualified lead\" { owner marketing after SAL or PQL");
            for (condition, description) in criteria {
                out.push("requires".into());
                out.extend(condition);
                out.extend(description);
            }
            out.push("}".into());
            out
        }),
        Just(tokens(
            "list names \"Names\" = [ \"VP\" , \"Director\" , \"Head of\" , \"Chief\" , \"President\" , \"Founder\" , \"Owner\" ]"
        )),
        Just(tokens(
            "example \"E\" like \"F\" { lead { t \"VP\" x 3 y -4 names [ \"a\" ] e missing } as of 2026-03-02T09:00:00Z expect score s -5 expect sla \"S\" n/a }"
        )),
        Just(tokens(
            "calendar office { timezone \"Europe/Berlin\" hours mon-fri , sat 09:00-12:00 , 13:00-17:00 holiday 2026-12-25 \"Christmas\" }"
        )),
        Just(tokens(
            "signoff sales \"Raj Patel\" on 2026-01-30 digest \"sha256:00\""
        )),
    ]
}

/// What separates two tokens: white space, line breaks and comments.
fn separator() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just(" "),
        1 => Just("  "),
        1 => Just("\t"),
        2 => Just("\n"),
        1 => Just("\n\n\n  "),
        1 => Just(" # why\n"),
        1 => Just("\n# a note on its own line\n"),
        1 => Just("\n\n# after a blank line\n\n"),
    ]
}

fn policy() -> impl Strategy<Value = String> {
    let head = "policy \"Generated\" { version \"1\" party marketing \"Dana\" party sales \"Raj\" } \
                fields { a bool b bool x number y number z number t text? e email? created time }";
    prop::collection::vec(item(), 1..6)
        .prop_flat_map(move |items| {
            let mut tokens = tokens(head);
            tokens.extend(items.into_iter().flatten());
            let count = tokens.len();
            (Just(tokens), prop::collection::vec(separator(), count))
        })
        .prop_map(|(tokens, separators)| {
            let mut text = String::new();
            for (token, separator) in tokens.iter().zip(separators) {
                text.push_str(token);
                text.push_str(separator);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_policies_keep_meaning_and_comments(source in policy()) {
        let parsed = parse(&source);
        prop_assert!(parsed.is_ok(), "the generator wrote a policy that does not parse:\n{source}");
        assert_formats_faithfully("generated policy", &source, false);
    }
}

#[test]
fn the_safety_net_refuses_output_that_changes_meaning_or_loses_a_comment() {
    let source = "policy \"P\" {\n  version \"1\"\n}\n\n# Agreed in May.\nstage MQL \"M\" {\n  requires x >= 200  # the threshold\n}\n";
    let parsed = parse(source);
    let verify = |output: &str| formatter::verify(&parsed.file, &parsed.comments, output);
    assert_eq!(verify(source), Ok(()));
    let changed = verify(&source.replace("200", "300")).expect_err("a changed number");
    assert!(
        changed.contains("would mean something else (item 2 differs)"),
        "{changed}"
    );
    let lost = verify(&source.replace("  # the threshold", "")).expect_err("a lost comment");
    assert!(
        lost.contains("would not keep comment 2 (`# the threshold`)"),
        "{lost}"
    );
    let edited = verify(&source.replace("May", "June")).expect_err("an edited comment");
    assert!(edited.contains("comment 1"), "{edited}");
    let broken = verify(&source.replace(">=", "=")).expect_err("output that does not parse");
    assert!(broken.contains("does not parse"), "{broken}");
}
