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
const KNOWN: &[(&str, &str, &str)] = &[];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

/// Every source file under `src/`.
fn source_files() -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![std::path::PathBuf::from("src")];
    while let Some(path) = folders.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("src folder") {
                folders.push(entry.expect("entry").path());
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn no_module_names_a_later_stage() {
    let mut found = Vec::new();
    for path in source_files() {
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

/// A function of this many lines or more no longer reads at a glance
/// (issue #15): split it along the domain's lines. Counted from the `fn`
/// line to the closing brace.
const LONGEST_FUNCTION: usize = 120;

/// The most lines a function of `src/cli/` may have: the command line only
/// strings the stages together, so its functions stay shorter still.
const LONGEST_CLI_FUNCTION: usize = 60;

/// The text with comments, strings and character literals blanked out
/// (newlines kept), so the braces and `fn`s left are code.
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let blank = |code: &mut String, from: &[char]| {
        code.extend(from.iter().map(|c| if *c == '\n' { '\n' } else { ' ' }));
    };
    let mut at = 0;
    while at < chars.len() {
        let rest = &chars[at..];
        let end = if rest.starts_with(&['/', '/']) {
            rest.iter().position(|c| *c == '\n').unwrap_or(rest.len())
        } else if rest.starts_with(&['/', '*']) {
            block_comment_len(rest)
        } else if rest[0] == '"' || raw_string_start(rest).is_some() {
            string_len(rest)
        } else if rest[0] == '\'' {
            char_literal_len(rest)
        } else {
            0
        };
        if end == 0 {
            code.push(rest[0]);
            at += 1;
        } else {
            blank(&mut code, &rest[..end]);
            at += end;
        }
    }
    code
}

/// `/* … */`, nested as Rust allows.
fn block_comment_len(rest: &[char]) -> usize {
    let (mut depth, mut at) = (0, 0);
    while at < rest.len() {
        if rest[at..].starts_with(&['/', '*']) {
            depth += 1;
            at += 2;
        } else if rest[at..].starts_with(&['*', '/']) {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return at;
            }
        } else {
            at += 1;
        }
    }
    rest.len()
}

/// The number of `#` of a raw string starting here (`r"`, `r#"`, `br"`).
fn raw_string_start(rest: &[char]) -> Option<usize> {
    let after_b = if rest.first() == Some(&'b') { 1 } else { 0 };
    if rest.get(after_b) != Some(&'r') {
        return None;
    }
    let hashes = rest[after_b + 1..]
        .iter()
        .take_while(|c| **c == '#')
        .count();
    (rest.get(after_b + 1 + hashes) == Some(&'"')).then_some(hashes)
}

/// A string literal, plain (with escapes) or raw (closed by `"` and its
/// hashes).
fn string_len(rest: &[char]) -> usize {
    if let Some(hashes) = raw_string_start(rest) {
        let open = rest.iter().position(|c| *c == '"').unwrap_or(0) + 1;
        let close: Vec<char> = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        return (open..rest.len())
            .find(|at| rest[*at..].starts_with(&close))
            .map_or(rest.len(), |at| at + close.len());
    }
    let mut at = 1;
    while at < rest.len() {
        match rest[at] {
            '\\' => at += 2,
            '"' => return at + 1,
            _ => at += 1,
        }
    }
    rest.len()
}

/// A character literal (`'{'`, `'\n'`, `'\''`), or 0 for a lifetime
/// (`'a`), which is code.
fn char_literal_len(rest: &[char]) -> usize {
    if rest.get(1) == Some(&'\\') {
        return (3..rest.len())
            .find(|at| rest[*at] == '\'')
            .map_or(rest.len(), |at| at + 1);
    }
    if rest.get(2) == Some(&'\'') { 3 } else { 0 }
}

/// The name of the function a line of code declares, if it does: `fn`
/// after any of `pub`, `pub(…)`, `const`, `async`, `unsafe`.
fn declared_function(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("fn ") {
            let name = after.trim_start();
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            return Some(&name[..end]);
        }
        let word = ["pub(", "pub ", "const ", "async ", "unsafe "]
            .iter()
            .find(|word| rest.starts_with(**word))?;
        rest = &rest[word.len()..];
        if *word == "pub(" {
            rest = &rest[rest.find(')')? + 1..];
        }
        rest = rest.trim_start();
    }
}

/// Every function with a body in `code` as (line, name, length in lines
/// from its `fn` line to its closing brace).
fn functions(code: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (start, line) in lines.iter().enumerate() {
        let Some(name) = declared_function(line) else {
            continue;
        };
        let mut depth = 0;
        let mut opened = false;
        'lines: for (number, text) in lines.iter().enumerate().skip(start) {
            for c in text.chars() {
                match c {
                    // A declaration without a body, as in a trait.
                    ';' if !opened => break 'lines,
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => continue,
                }
                if opened && depth == 0 {
                    found.push((start + 1, name.to_string(), number - start + 1));
                    break 'lines;
                }
            }
        }
    }
    found
}

/// Whether a function of `length` lines in `file` is over its limit.
fn too_long(file: &str, length: usize) -> bool {
    if file.starts_with("src/cli/") {
        length > LONGEST_CLI_FUNCTION
    } else {
        length >= LONGEST_FUNCTION
    }
}

#[test]
fn no_function_is_too_long() {
    let mut unexpected = Vec::new();
    for path in source_files() {
        let file = path.display().to_string().replace('\\', "/");
        let code = code_only(&std::fs::read_to_string(&path).expect("source file"));
        for (line, name, length) in functions(&code) {
            if too_long(&file, length) {
                unexpected.push(format!("{file}:{line}: `{name}` is {length} lines"));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "functions too long (under {LONGEST_FUNCTION} lines; in src/cli/ at most \
         {LONGEST_CLI_FUNCTION}): split them along the domain's lines\n{}",
        unexpected.join("\n")
    );
}

/// The ruler itself, on the shapes it must not be fooled by.
#[test]
fn function_lengths_skip_braces_in_comments_strings_and_chars() {
    let source = r##"
pub(crate) fn outer<'a>(x: &'a str) -> usize {
    // a { in a comment
    /* and } in /* a nested */ block */
    let s = "a { in \" a string";
    let r = r#"raw } "with" quotes"#;
    let c = '{';
    let e = '\'';
    fn inner() {}
    c.len_utf8() + s.len() + r.len() + e.len_utf8()
}
trait T { fn declared(&self); }
"##;
    let found = functions(&code_only(source));
    assert_eq!(
        found,
        vec![(2, "outer".to_string(), 10), (9, "inner".to_string(), 1),]
    );
}

/// The stages after checking work from the checked policy, never from the
/// syntax tree: what they share with the language (operators, how a text
/// is quoted, comments) lives below both, in `vocabulary` and `span`.
#[test]
fn later_stages_never_name_the_syntax_tree() {
    const AFTER_CHECKING: &[&str] = &["ir", "lint", "records", "eval", "diff", "render"];
    let mut found = Vec::new();
    for path in source_files() {
        let file = path.display().to_string().replace('\\', "/");
        let Some(top) = file
            .strip_prefix("src/")
            .and_then(|rest| rest.split(['/', '.']).next())
        else {
            continue;
        };
        if !AFTER_CHECKING.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if code.contains("crate::syntax") {
                found.push(format!("{file}:{}", number + 1));
            }
        }
    }
    assert!(found.is_empty(), "later stages naming syntax: {found:#?}");
}
