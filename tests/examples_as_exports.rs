//! An example's lead and the same lead in an export are read by the same
//! code and must get the same outcome. For every example of every policy
//! in the repository that checks, the lead is written as a JSON Lines
//! record (strings, numbers, booleans and arrays, as a CRM would write
//! them), evaluated through the library's stream as `qualify eval` does,
//! and compared with the outcome `qualify test` gives the example.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use qualify::eval::examples;
use qualify::eval::stream::Stream;
use qualify::eval::{Outcome, Program};
use qualify::ir::{Example, Policy, Value};
use qualify::records::{InputFormat, Schema};

/// The instant examples without an `as of` are evaluated at.
const NOW: &str = "2026-06-01T12:00:00Z";

fn policies(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("a folder of the repository") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            policies(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "qual") {
            found.push(path);
        }
    }
}

fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Text(text) => text.as_str().into(),
        Value::Number(n) => (*n).into(),
        Value::Bool(b) => (*b).into(),
        Value::Date(date) => date.to_string().into(),
        Value::Time(time) => time.to_string().into(),
        Value::List(items) => items.iter().map(json).collect(),
        Value::Duration(_) => serde_json::Value::Null,
    }
}

/// The example's lead as one line of JSON Lines, keyed by field name.
fn exported(policy: &Policy, example: &Example) -> String {
    let object: serde_json::Map<String, serde_json::Value> = (example.lead.iter())
        .filter_map(|(field, value)| {
            let name = policy.fields.get(field.0)?.name.clone();
            Some((name, value.as_ref().map_or(serde_json::Value::Null, json)))
        })
        .collect();
    serde_json::Value::Object(object).to_string() + "\n"
}

/// The outcome `qualify eval` gives the one lead of `line`.
fn evaluated(program: &Program, schema: &Schema, line: &str, now: Timestamp) -> Option<Outcome> {
    let mut outcomes = Vec::new();
    Stream::new(program, schema, now, Some(1))
        .expect("one thread")
        .run(
            line.as_bytes(),
            InputFormat::Jsonl,
            Vec::new,
            |record, evaluator, part| part.push(evaluator.outcome(record).cloned()),
            |part| {
                outcomes.extend(part);
                Ok(ControlFlow::Continue(()))
            },
        )
        .expect("a JSON line written by the test is readable");
    assert_eq!(outcomes.len(), 1, "one record in, one out");
    outcomes.pop().flatten()
}

#[test]
fn an_example_and_the_same_lead_exported_get_the_same_outcome() {
    let mut paths = Vec::new();
    for folder in ["policies", "tests/corpus", "examples"] {
        policies(Path::new(folder), &mut paths);
    }
    paths.sort();
    let now: Timestamp = NOW.parse().expect("an instant");
    let mut compared = 0;
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a policy");
        let parsed = qualify::parse(&text);
        if !parsed.is_ok() {
            continue;
        }
        let Some(policy) = qualify::check(&parsed.file).policy else {
            continue;
        };
        let program = Program::compile(policy);
        let schema = Schema::of(&program.policy);
        for example in &program.policy.examples {
            let run = examples::run(&program, &schema, example, now);
            let line = exported(&program.policy, example);
            let outcome = evaluated(&program, &schema, &line, examples::instant(example, now));
            assert_eq!(
                run.outcome,
                outcome,
                "{}: example \"{}\" and its lead exported as {line} differ",
                path.display(),
                example.name
            );
            compared += 1;
        }
    }
    // The repository's policies held 66 examples when this was written; a
    // much smaller count means the walk above stopped finding them.
    assert!(compared >= 50, "only {compared} examples compared");
}
