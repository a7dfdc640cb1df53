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
