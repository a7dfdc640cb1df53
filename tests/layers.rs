//! The pipeline flows one way (docs/architecture.md): a module of `src/`
//! may name only the modules before it in `LAYERS`, never a later stage.
//! This test reads the `crate::…` paths in each file's code (comments
//! left out) and fails on any that points forward, naming file and line.

/// Earliest first. The shared ground (spans, the vocabulary, numbers, dates
/// and times, time zones, diagnostics, settings), then the stages in
/// pipeline order, then what strings them together and the command line.
const LAYERS: &[&str] = &[
    "span",
    "vocabulary",
    "number",
    "moment",
    "timezones",
    "diagnostic",
    "config",
    "syntax",
    "ir",
    "check",
    "lint",
    "records",
    "eval",
    "diff",
    "formatter",
    "signoff",
    "render",
    "pipeline",
    "cli",
];

/// Forward references not yet taken out, each with why it is still here.
/// Fixing one means deleting its line; a new one fails the test.
const KNOWN: &[(&str, &str, &str)] = &[(
    "diff",
    "render",
    "a diff is still worded with the document's phrases (issue \"One pipeline with clear seams\", point 7)",
)];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

#[test]
fn no_module_names_a_later_stage() {
    let mut found = Vec::new();
    let mut files = vec![std::path::PathBuf::from("src")];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("src folder") {
                files.push(entry.expect("entry").path());
            }
            continue;
        }
        let relative = path.strip_prefix("src").expect("under src");
        let top = relative
            .components()
            .next()
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default();
        if top == "lib" || top == "main" {
            continue;
        }
        let own = layer(&top).unwrap_or_else(|| panic!("src/{top} is not in LAYERS"));
        let text = std::fs::read_to_string(&path).expect("source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for (at, _) in code.match_indices("crate::") {
                let named: String = code[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if let Some(theirs) = layer(&named)
                    && theirs > own
                {
                    found.push((
                        top.clone(),
                        named,
                        format!("{}:{}", path.display(), number + 1),
                    ));
                }
            }
        }
    }
    let unexpected: Vec<&(String, String, String)> = found
        .iter()
        .filter(|(from, to, _)| !KNOWN.iter().any(|(f, t, _)| f == from && t == to))
        .collect();
    assert!(
        unexpected.is_empty(),
        "modules naming a later stage: {unexpected:#?}"
    );
    for (from, to, why) in KNOWN {
        assert!(
            found.iter().any(|(f, t, _)| f == from && t == to),
            "{from} no longer names {to} ({why}): take it out of KNOWN"
        );
    }
}
