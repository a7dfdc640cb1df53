//! The parser never panics and never exhausts the stack, whatever it is
//! given: random token soup, mutations of the corpus, and pathological
//! nesting all end in a result (usually diagnostics), never a crash.

use proptest::prelude::*;
use qualify::diagnostic::{SourceFile, Style, render};

/// Parses on a thread with a deliberately small stack, so unbounded
/// recursion anywhere in parsing or lowering shows up as a test failure.
fn parse_on_small_stack(source: String) -> qualify::syntax::Parsed {
    std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || qualify::parse(&source))
        .expect("spawn parser thread")
        .join()
        .expect("the parser must not panic or overflow its stack")
}

/// Every diagnostic points into the text and renders.
fn assert_well_formed(source: &str, parsed: &qualify::syntax::Parsed) {
    let file = SourceFile::new("input.qual", source);
    for diagnostic in &parsed.diagnostics {
        let span = diagnostic.span;
        assert!(
            span.start <= span.end && span.end <= source.len(),
            "span {span:?} outside the text"
        );
        assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        assert!(!render(diagnostic, &file, Style::PLAIN).is_empty());
    }
}

fn corpus() -> Vec<String> {
    let mut files = Vec::new();
    for dir in [
        "tests/corpus/syntax/valid",
        "tests/corpus/syntax/invalid",
        "policies",
    ] {
        for entry in std::fs::read_dir(dir).expect("corpus folder") {
            let path = entry.expect("corpus entry").path();
            if path.extension().is_some_and(|ext| ext == "qual") {
                let text = std::fs::read_to_string(&path).expect("corpus file");
                if text.len() < 20_000 {
                    files.push(text);
                }
            }
        }
    }
    files.sort();
    files
}

/// Words and pieces of the language, for random policies: every item
/// keyword and reserved word, plus punctuation and literals.
fn tokens() -> Vec<&'static str> {
    let pieces = [
        "stage",
        "score",
        "requires",
        "after",
        "owner",
        "hours",
        "days",
        "lead",
        "expect",
        "like",
        "as",
        "of",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        ",",
        "=",
        "==",
        "!=",
        ">=",
        "<",
        "+",
        "-",
        "*",
        "/",
        "%",
        "?",
        "\"MQL\"",
        "\"\\u{1F600}\"",
        "\"open",
        "42",
        "1_000",
        "75%",
        "+10",
        "-5",
        "2026-02-30",
        "2026-03-02T09:00:00Z",
        "09:00-18:00",
        "mon-fri",
        "MQL",
        "employees",
        "demo_form",
        "# note\n",
        "\n",
        "é",
        "\\",
    ];
    let words = qualify::syntax::ITEM_KEYWORDS
        .iter()
        .chain(qualify::syntax::RESERVED_WORDS);
    words.copied().chain(pieces).collect()
}

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(tokens()),
            prop::sample::select(&[" ", "\n", "", "  "][..]),
        ),
        0..120,
    )
    .prop_map(|parts| {
        parts
            .into_iter()
            .map(|(token, space)| format!("{token}{space}"))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_crashes(source in token_soup()) {
        let parsed = parse_on_small_stack(source.clone());
        assert_well_formed(&source, &parsed);
    }

    #[test]
    fn arbitrary_text_never_crashes(source in "\\PC{0,300}") {
        let parsed = parse_on_small_stack(source.clone());
        assert_well_formed(&source, &parsed);
    }

    #[test]
    fn mutated_corpus_never_crashes(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in prop::sample::select(tokens()),
    ) {
        let files = corpus();
        let original = &files[pick.index(files.len())];
        let mut at = cut.index(original.len().max(1));
        while !original.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len).min(original.len());
        while !original.is_char_boundary(end) {
            end += 1;
        }
        let source = format!("{}{insert}{}", &original[..at], &original[end..]);
        let parsed = parse_on_small_stack(source.clone());
        assert_well_formed(&source, &parsed);
    }
}

/// Pathological inputs each give a located error instead of a crash.
#[test]
fn deep_and_long_inputs_give_errors_not_crashes() {
    let n = 100_000;
    let cases = [
        (
            "nested parentheses",
            format!("define x = {}demo_form{}", "(".repeat(n), ")".repeat(n)),
        ),
        (
            "nested lists",
            format!("list x = {}{}", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "nested braces",
            format!("stage MQL \"M\" {}", "{".repeat(n)),
        ),
        (
            "repeated not",
            format!("define x = {}demo_form", "not ".repeat(n)),
        ),
        (
            "repeated minus",
            format!("define x = {}employees > 1", "-".repeat(n)),
        ),
        (
            "long chain of and",
            format!("define x = demo_form{}", " and demo_form".repeat(n)),
        ),
        ("long sum", format!("define x = 1{} > 2", " + 1".repeat(n))),
    ];
    for (what, source) in cases {
        let parsed = parse_on_small_stack(source.clone());
        assert!(!parsed.diagnostics.is_empty(), "{what}: expected an error");
        assert_well_formed(&source, &parsed);
        assert!(
            parsed
                .diagnostics
                .iter()
                .any(|d| d.code.name == "nesting-too-deep"),
            "{what}: expected nesting-too-deep, got {:?}",
            parsed
                .diagnostics
                .iter()
                .map(|d| d.code.name)
                .collect::<Vec<_>>()
        );
    }
}

/// Nesting within the limits still parses: the limits refuse only the absurd.
#[test]
fn realistic_nesting_parses() {
    let depth = qualify::syntax::MAX_NESTING - 2;
    let source = format!(
        "define x = {}demo_form{}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let parsed = parse_on_small_stack(source);
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);

    let chain = format!("define x = demo_form{}", " and demo_form".repeat(60));
    assert!(parse_on_small_stack(chain).is_ok());
}

/// Many items are fine: the limit is on depth, not size.
#[test]
fn a_large_policy_parses() {
    let rules: String = (0..5_000)
        .map(|i| format!("  +1 if page_views > {i} \"Rule {i}\"\n"))
        .collect();
    let source = format!("score volume {{\n{rules}}}\n");
    let parsed = parse_on_small_stack(source);
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics.first());
    assert_eq!(parsed.file.items.len(), 1);
}
