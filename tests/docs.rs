//! The docs are tested: every policy snippet in docs/ and README.md parses
//! (```qual) or has a problem `qualify check` reports (```qual-invalid),
//! each wrong example of docs/lints.md (generated from the codes' docs,
//! see tests/lints_doc.rs) reports the code of its section, codes are
//! unique, and the worked examples of SLA clocks in docs/language.md hold.

mod common;

use qualify::diagnostic::{SourceFile, Style, catalog, render};
use qualify::lint::CODES;

/// (file, line, info string, code) of every fenced block.
fn fenced_blocks() -> Vec<(String, usize, String, String)> {
    let mut paths = vec![std::path::PathBuf::from("README.md")];
    for entry in std::fs::read_dir("docs").expect("docs/") {
        let path = entry.expect("docs entry").path();
        if path.extension().is_some_and(|ext| ext == "md") {
            paths.push(path);
        }
    }
    let mut blocks = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("doc file");
        let mut open: Option<(usize, String, String)> = None;
        for (number, line) in text.lines().enumerate() {
            match (&mut open, line.trim_start().strip_prefix("```")) {
                (None, Some(info)) => {
                    open = Some((number + 1, info.trim().to_string(), String::new()))
                }
                (Some(_), Some(_)) => {
                    if let Some((start, info, code)) = open.take() {
                        blocks.push((path.display().to_string(), start, info, code));
                    }
                }
                (Some((_, _, code)), None) => {
                    code.push_str(line);
                    code.push('\n');
                }
                (None, None) => {}
            }
        }
    }
    blocks
}

#[test]
fn policy_snippets_in_the_docs_parse() {
    let mut checked = 0;
    for (file, line, info, code) in fenced_blocks() {
        let parsed = qualify::parse(&code);
        let source = SourceFile::new(format!("{file}:{line}"), code.clone());
        match info.as_str() {
            "qual" => {
                let problems: String = parsed
                    .diagnostics
                    .iter()
                    .map(|d| render(d, &source, Style::PLAIN))
                    .collect();
                assert!(
                    parsed.is_ok(),
                    "snippet at {file}:{line} should parse:\n{problems}"
                );
            }
            "qual-invalid" | "qual-invalid --require-signoff" => assert!(
                !codes_reported(&code, info.ends_with("--require-signoff")).is_empty(),
                "snippet at {file}:{line} is marked invalid but has no problem"
            ),
            _ => continue,
        }
        checked += 1;
    }
    assert!(
        checked > 20,
        "only {checked} policy snippets found in the docs"
    );
}

#[test]
fn codes_are_unique_and_well_formed() {
    for (i, code) in CODES.iter().enumerate() {
        assert!(
            code.code.len() == 5
                && code.code.starts_with('Q')
                && code.code[1..].chars().all(|c| c.is_ascii_digit())
        );
        assert!(
            code.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{} is not kebab-case",
            code.name
        );
        for other in &CODES[i + 1..] {
            assert_ne!(code.code, other.code);
            assert_ne!(code.name, other.name);
        }
    }
}

/// The codes `qualify check` reports for a policy text (with
/// `--require-signoff` when `require_signoff`).
fn codes_reported(code: &str, require_signoff: bool) -> Vec<&'static str> {
    let file = SourceFile::new("example.qual", code);
    let levels = qualify::lint::levels::Levels::default();
    let (_, diagnostics) =
        qualify::diagnose(&file, &levels, jiff::Timestamp::UNIX_EPOCH, require_signoff);
    diagnostics.iter().map(|d| d.code.code).collect()
}

/// Each invalid example in the lint reference triggers the code of its section.
#[test]
fn lint_reference_examples_trigger_their_code() {
    let reference = std::fs::read_to_string("docs/lints.md").expect("docs/lints.md");
    let mut section = None;
    let mut in_invalid = false;
    let mut require_signoff = false;
    let mut code = String::new();
    for line in reference.lines() {
        if let Some(heading) = line.strip_prefix("## ") {
            section = heading.split_whitespace().next().map(str::to_string);
        } else if let Some(info) = line.trim().strip_prefix("```qual-invalid") {
            in_invalid = true;
            require_signoff = info.trim() == "--require-signoff";
            code.clear();
        } else if in_invalid && line.trim() == "```" {
            in_invalid = false;
            let expected = section.clone().unwrap_or_default();
            let found = codes_reported(&code, require_signoff);
            assert!(
                found.contains(&expected.as_str()),
                "the example under {expected} reports {found:?}"
            );
        } else if in_invalid {
            code.push_str(line);
            code.push('\n');
        }
    }
}

/// A complete policy in the docs (a ```qual block that starts with its
/// `policy` header) runs its examples, so the behaviour a guide states in
/// an example is what qualify does.
#[test]
fn examples_in_complete_doc_policies_pass() {
    let mut ran = 0;
    for (file, line, info, code) in fenced_blocks() {
        let complete = code.trim_start().starts_with("policy ") && code.contains("\nexample ");
        if info != "qual" || !complete {
            continue;
        }
        let failing: Vec<&str> = codes_reported(&code, false)
            .into_iter()
            .filter(|code| *code == catalog::FAILING_EXAMPLE.code)
            .collect();
        assert!(
            failing.is_empty(),
            "an example of the policy at {file}:{line} fails"
        );
        ran += 1;
    }
    assert!(ran > 0, "no complete policy with examples in the docs");
}

/// The table of worked SLA examples in docs/language.md ("SLAs"), after
/// `<!-- sla-examples`: the ```qual block of calendars, then one row per
/// case (case, within, start, end, due, elapsed, status). All rows run in
/// one `qualify eval`, each as its own SLA on its own start and end fields;
/// the due (as an instant), the elapsed text and the status must match.
#[test]
fn sla_worked_examples_hold() {
    let guide = std::fs::read_to_string("docs/language.md").expect("docs/language.md");
    let (_, after) = guide
        .split_once("<!-- sla-examples")
        .expect("the SLA examples marker");
    let (_, block) = after.split_once("```qual\n").expect("the calendars");
    let (calendars, table) = block.split_once("```").expect("the end of the calendars");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2)
        .map(|line| line.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert!(rows.len() >= 12, "only {} worked examples", rows.len());
    // "2026-03-07T07:00+03:00 (Sat)" -> the instant as written.
    let instant = |cell: &str| {
        cell.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let mut policy = String::from(
        "policy \"Worked examples\" { version \"1\" party sales \"S\" }\n\nfields {\n  id text key\n",
    );
    let mut header = String::from("id");
    let mut values = String::from("X");
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 7, "row {i} has 7 columns: {row:?}");
        policy.push_str(&format!("  start_{i} time\n  end_{i} time?\n"));
        header.push_str(&format!(",start_{i},end_{i}"));
        values.push_str(&format!(",{},{}", instant(row[2]), instant(row[3])));
    }
    policy.push_str("}\n\n");
    policy.push_str(calendars);
    for (i, row) in rows.iter().enumerate() {
        policy.push_str(&format!(
            "\nsla \"{i}\" {{\n  owner sales\n  from start_{i} to end_{i}\n  within {}\n}}\n",
            row[1]
        ));
    }
    let dir = common::TempDir::new("sla-worked-examples");
    dir.write("examples.qual", &policy);
    dir.write("examples.csv", &format!("{header}\n{values}\n"));
    let output = dir.qualify(&["eval", "examples.qual", "examples.csv"]);
    let result: serde_json::Value =
        serde_json::from_str(common::succeeded(&output).trim()).expect("one JSON line");
    for (i, row) in rows.iter().enumerate() {
        let got = &result["sla"][i.to_string()];
        let case = format!("worked example \"{}\": {got}", row[0]);
        let due: jiff::Timestamp = got["due"].as_str().expect("due").parse().expect("due");
        let documented: jiff::Timestamp = instant(row[4]).parse().expect("documented due");
        assert_eq!(due, documented, "{case}");
        assert_eq!(got["elapsed"], row[5], "{case}");
        assert_eq!(got["status"], row[6], "{case}");
    }
}
