//! CSV rows are typed by shortcuts, a kind of value at a time, and fall
//! back to the general path field by field; JSON Lines always take the
//! general path. The same values must give the same record either way:
//! the same cells, key and problems, in the same order.

use std::collections::BTreeMap;
use std::ops::ControlFlow;

use jiff::Timestamp;
use proptest::prelude::*;
use qualify::eval::Program;
use qualify::eval::stream::Stream;
use qualify::ir::{Policy, Reading};
use qualify::records::{Cell, InputFormat, Record, Schema};

/// A field of every kind the CSV reader has a shortcut for (kept or only
/// checked), and two it has none for (a date, a list).
const POLICY: &str = r#"
policy "Typing" {
  version "1"
  party marketing "M"
}

fields {
  id       text key
  name     text?
  note     text?
  title    text
  email    email?
  size     number
  revenue  number?
  active   bool
  partner  bool?
  source   one of ["Inbound", "Event", "Über"]
  channel  one of ["web", "phone"]?
  created  time
  touched  time?
  born     date?
  tags     list of text?
}

stage Lead "Lead" {
  requires title contains "vp" or email is present or name is present
  requires size > 10 or revenue is present or partner
  requires source is "event" or channel is present or touched is present
  requires created within 30 days or born is present or tags contains "x"
}
"#;

/// Values to write in each column: common ones, odd but valid ones, bad
/// ones and empty ones.
fn values(field: &str) -> &'static [&'static str] {
    match field {
        "id" => &["L1", "L2", " L3 ", "", "Lé"],
        "name" | "note" | "title" | "email" => &[
            "VP Sales",
            "ann@acme.com",
            "  padded ",
            "Straße",
            "",
            "a, \"quoted\" one",
            "ΣΑΣ",
        ],
        "size" | "revenue" => &[
            "42",
            "0",
            " 7 ",
            "3.5",
            "-2",
            "1e3",
            "many",
            "",
            "1234567890123456",
        ],
        "active" | "partner" => &["true", "false", "TRUE", "Yes", "0", "maybe", ""],
        "source" => &[
            "inbound", "Event", "EVENT", " event ", "Über", "über", "webinar", "",
        ],
        "channel" => &["web", "Phone", "fax", ""],
        "created" | "touched" => &[
            "2026-05-20T09:00:00Z",
            "2026-05-20T12:00:00+03:00",
            " 2026-05-20T09:00:00Z",
            "2026-02-30T09:00:00Z",
            "yesterday",
            "",
        ],
        "born" => &["1990-01-31", "1990-02-31", ""],
        "tags" => &["x;y", "Y, x", "", "z"],
        _ => &[""],
    }
}

fn policy() -> Policy {
    let parsed = qualify::parse(POLICY);
    qualify::check(&parsed.file)
        .policy
        .expect("the policy checks")
}

fn schema() -> Schema {
    Schema::new(&policy(), &BTreeMap::new()).expect("schema")
}

/// What a record says: its key, each cell (texts read out of the
/// buffer, where they lie depending on the order fields were typed in;
/// a value no condition reads only as present) and its problems.
type Described = (String, Vec<String>, Vec<String>);

fn described(schema: &Schema, record: &Record) -> Described {
    let cells = (schema.fields.iter().enumerate())
        .map(|(index, field)| match record.cell(index) {
            Cell::Missing => "missing".to_string(),
            // The CSV shortcuts keep a number or a bool no condition reads
            // (it costs nothing); the general path only notes it is there.
            Cell::Present => "present".to_string(),
            _ if field.reading != Some(Reading::Value) => "present".to_string(),
            Cell::Text(text) => format!("text {text}"),
            Cell::List(entries) => format!("list {}", entries.join("\u{1f}")),
            other => format!("{other:?}"),
        })
        .collect();
    let problems = record.problems().iter().map(ToString::to_string).collect();
    (record.key().to_string(), cells, problems)
}

fn read(input: &str, format: InputFormat, schema: &Schema) -> Vec<Described> {
    let mut all = Vec::new();
    let program = Program::compile(policy());
    Stream::new(&program, schema, Timestamp::UNIX_EPOCH, Some(2))
        .expect("two threads")
        .run(
            input.as_bytes(),
            format,
            Vec::new,
            |record, _, part| part.push(described(schema, record)),
            |part| {
                all.extend(part);
                Ok(ControlFlow::Continue(()))
            },
        )
        .expect("readable");
    all
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn json_string(value: &str) -> String {
    serde_json::to_string(value).expect("json")
}

/// Rows as indexes into each column's values; half of them pick the
/// first, a common value, so that whole rows of common values occur.
fn rows() -> impl Strategy<Value = Vec<Vec<usize>>> {
    let pick = prop_oneof![Just(0usize), 0usize..16];
    prop::collection::vec(prop::collection::vec(pick, 15), 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn csv_and_json_lines_type_the_same_values_alike(rows in rows()) {
        let schema = schema();
        let names: Vec<&str> = schema.fields.iter().map(|field| field.name.as_str()).collect();
        let mut csv = names.join(",");
        let mut jsonl = String::new();
        for row in &rows {
            let cells: Vec<&str> = names
                .iter()
                .zip(row)
                .map(|(name, pick)| values(name)[pick % values(name).len()])
                .collect();
            csv.push('\n');
            csv.push_str(&cells.iter().map(|value| csv_field(value)).collect::<Vec<_>>().join(","));
            let members: Vec<String> = names
                .iter()
                .zip(&cells)
                .map(|(name, value)| format!("{}:{}", json_string(name), json_string(value)))
                .collect();
            jsonl.push_str(&format!("{{{}}}\n", members.join(",")));
        }
        let from_csv = read(&csv, InputFormat::Csv, &schema);
        prop_assert_eq!(from_csv.len(), rows.len());
        prop_assert_eq!(from_csv, read(&jsonl, InputFormat::Jsonl, &schema));
    }
}

/// A row that is all common values is typed by the shortcuts alone; the
/// same row with one odd value in the middle is typed in field order, and
/// its problems still come in field order.
#[test]
fn problems_come_in_field_order() {
    let schema = schema();
    let header = "id,name,note,title,email,size,revenue,active,partner,source,channel,created,touched,born,tags";
    let input = format!(
        "{header}\n\
         L1,Ann,,VP Sales,ann@acme.com,42,,true,,inbound,web,2026-05-20T09:00:00Z,,,x\n\
         L2,Bo,,CTO,,many,,Yes,maybe,webinar,,yesterday,,1990-02-31,\n"
    );
    let read = read(&input, InputFormat::Csv, &schema);
    assert_eq!(read.len(), 2);
    let (key, cells, problems) = &read[0];
    assert_eq!(key, "L1");
    assert_eq!(cells[3], "text vp sales");
    assert_eq!(cells[5], "Number(42.0)");
    assert_eq!(cells[14], "list x");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        read[1].2,
        [
            "size: \"many\" is not a number",
            "partner: \"maybe\" is not true or false (or yes/no, 1/0)",
            "source: \"webinar\" is not one of \"inbound\", \"event\", \"über\"",
            "created: \"yesterday\" is not an RFC 3339 time like 2026-03-02T09:00:00Z",
            "born: \"1990-02-31\" is not a date like 2026-02-01",
        ]
    );
    // `Yes` fits a bool (through the general path): no problem.
    assert_eq!(read[1].1[7], "present");
}
