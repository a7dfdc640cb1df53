//! The syntax corpus: every file under tests/corpus/syntax/valid parses
//! cleanly and its tree is snapshotted; every file under
//! tests/corpus/syntax/invalid gives at least one located diagnostic,
//! snapshotted as rendered for people (no colour, 80 columns).

use qualify::diagnostic::{SourceFile, Style, render};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn display_name(path: &std::path::Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(
        "{}/{name}",
        path.parent()
            .and_then(|p| p.file_name())
            .unwrap_or_default()
            .to_string_lossy()
    )
}

#[test]
fn valid_policies_parse_to_their_trees() {
    insta::glob!("corpus/syntax/valid/*.qual", |path| {
        let source = read(path);
        let parsed = qualify::parse(&source);
        let file = SourceFile::new(display_name(path), source.clone());
        let problems: String = parsed
            .diagnostics
            .iter()
            .map(|d| render(d, &file, Style::PLAIN))
            .collect();
        assert!(
            problems.is_empty(),
            "{} should parse:\n{problems}",
            path.display()
        );
        insta::assert_snapshot!(format!(
            "{source}\n── syntax tree ──\n{:#?}\n── comments ──\n{:#?}",
            parsed.file, parsed.comments
        ));
    });
}

#[test]
fn invalid_policies_say_what_to_change() {
    insta::glob!("corpus/syntax/invalid/*.qual", |path| {
        let source = read(path);
        let parsed = qualify::parse(&source);
        let file = SourceFile::new(display_name(path), source.clone());
        assert!(
            !parsed.diagnostics.is_empty(),
            "{} should not parse",
            path.display()
        );
        let rendered: String = parsed
            .diagnostics
            .iter()
            .map(|d| render(d, &file, Style::PLAIN))
            .collect();
        for forbidden in ["Rule::", "EOI", "kw_", "_item", "_clause"] {
            assert!(
                !rendered.contains(forbidden),
                "{}: grammar names leak into the message:\n{rendered}",
                path.display()
            );
        }
        let shown = if source.len() > 2_000 {
            format!("{}… ({} bytes)", &source[..300], source.len())
        } else {
            source
        };
        insta::assert_snapshot!(format!("{shown}\n── diagnostics ──\n{rendered}"));
    });
}

/// A large policy is parsed a piece at a time (memory): the tree is the
/// one the whole file gives, spans point into the whole file, and an
/// error in a later piece is found where it is.
#[test]
fn a_large_policy_parses_in_pieces_to_the_same_tree() {
    let header = read(std::path::Path::new("policies/acme.qual"));
    let items_before = qualify::parse(&header).file.items.len();
    let mut big = header.clone();
    // About 1.2 MB: many pieces of 32 KB.
    for i in 0..20_000 {
        big.push_str(&format!("list l{i} \"List {i}\" = [\"a{i}\", \"b\"]\n"));
    }
    let parsed = qualify::parse(&big);
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics.first());
    assert_eq!(parsed.file.items.len(), items_before + 20_000);
    for (i, item) in parsed.file.items[items_before..].iter().enumerate() {
        let text = &big[item.span.start..item.span.end];
        assert_eq!(text, format!("list l{i} \"List {i}\" = [\"a{i}\", \"b\"]"));
    }
    // The first items are those of the header alone.
    let alone = qualify::parse(&header);
    assert_eq!(
        format!("{:?}", &parsed.file.items[..items_before]),
        format!("{:?}", alone.file.items)
    );
    // A mistake near the end (line 19,000 of the lists) is reported there.
    let bad_line = header.lines().count() + 19_000;
    let mut lines: Vec<&str> = big.lines().collect();
    lines[bad_line - 1] = "list broken = [\"a\" \"b\"]";
    let broken = lines.join("\n");
    let parsed = qualify::parse(&broken);
    assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
    let at = parsed.diagnostics[0].span.start;
    assert_eq!(broken[..at].lines().count(), bad_line);
}
