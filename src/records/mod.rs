//! Lead records from CRM exports (CSV, JSON Lines), typed by the policy's
//! `fields`. A record that does not fit keeps every problem found, so it
//! can be reported as `invalid` with all of them; nothing is dropped.

mod csv_rows;
mod csv_source;
mod jsonl_source;
pub mod value;

use std::collections::BTreeMap;

pub use csv_rows::{Row, RowBatch};
pub use csv_source::{CsvLayout, CsvLeads};
pub use jsonl_source::{JsonLeads, JsonRow, fill as fill_json};
pub use value::Cell;

use crate::ir::{FieldType, Policy, Reading};

/// The fields of a policy as records are read against them.
#[derive(Debug, Clone)]
pub struct Schema {
    pub fields: Vec<FieldSpec>,
    /// The field results are reported by.
    pub key: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub name: String,
    /// The column (CSV header or JSON key) the field is read from.
    pub column: String,
    pub ty: FieldType,
    pub optional: bool,
    /// For `one of`: the values, lower-cased.
    pub allowed: Vec<String>,
    /// How evaluation reads the field (`None`: it does not).
    pub reading: Option<crate::ir::Reading>,
    /// `length` or `matches` reads the text as written, which lower-casing
    /// may change (`İ` becomes two characters): kept beside the
    /// lower-cased text when it differs.
    pub written: bool,
}

impl Schema {
    /// `columns` maps a field to the export's column name (`[columns]` in
    /// qualify.toml); other fields are read from the column of their name.
    pub fn new(policy: &Policy, columns: &BTreeMap<String, String>) -> Result<Schema, String> {
        if let Some(unknown) = columns
            .keys()
            .find(|name| !policy.fields.iter().any(|field| field.name == **name))
        {
            let names: Vec<&str> = policy
                .fields
                .iter()
                .map(|field| field.name.as_str())
                .collect();
            let hint = crate::diagnostic::did_you_mean(unknown, names.iter().copied())
                .map(|name| format!("; did you mean `{name}`?"))
                .unwrap_or_default();
            return Err(format!(
                "qualify.toml: [columns] names `{unknown}`, which is not a field of the policy{hint}"
            ));
        }
        let reads = policy.field_reads();
        let written = policy.fields_read_as_written();
        let fields = policy
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| FieldSpec {
                reading: reads.get(&crate::ir::FieldId(index)).copied(),
                written: written.contains(&crate::ir::FieldId(index)),
                name: field.name.clone(),
                column: columns
                    .get(&field.name)
                    .cloned()
                    .unwrap_or_else(|| field.name.clone()),
                ty: field.ty.clone(),
                optional: field.optional,
                allowed: match &field.ty {
                    FieldType::OneOf(values) => values
                        .iter()
                        .map(|value| value.trim().to_lowercase())
                        .collect(),
                    _ => Vec::new(),
                },
            })
            .collect();
        Ok(Schema {
            fields,
            key: policy.key().map(|id| id.0),
        })
    }
}

/// One problem of an invalid record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// The field, or `None` for a problem with the whole row.
    pub field: Option<String>,
    /// The value as written (cut short when long).
    pub value: String,
    pub problem: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) if self.value.is_empty() => write!(f, "{field} {}", self.problem),
            Some(field) => write!(f, "{field}: \"{}\" {}", self.value, self.problem),
            None => f.write_str(&self.problem),
        }
    }
}

/// A lead record, typed. Reused from row to row to avoid allocation.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The line of the input the record starts on (from 1, header included).
    pub line: u64,
    pub cells: Vec<Cell>,
    /// Lower-cased texts the cells point into.
    pub text: String,
    /// The key as written (not lower-cased), for results.
    pub key: String,
    /// `(field, start, end)` in `text`: the value as written of a field
    /// read as written whose lower-cased text is not the same (non-ASCII).
    pub written: Vec<(usize, u32, u32)>,
    pub problems: Vec<FieldProblem>,
}

impl Record {
    pub fn clear(&mut self, line: u64, fields: usize) {
        self.line = line;
        self.cells.clear();
        self.cells.resize(fields, Cell::Missing);
        self.text.clear();
        self.key.clear();
        self.written.clear();
        self.problems.clear();
    }

    /// Keeps `text`, field `index`'s trimmed value, as written beside its
    /// lower-cased form, when lower-casing may have changed it (non-ASCII).
    pub fn keep_written(&mut self, index: usize, text: &str) {
        if !text.is_ascii() {
            let start = self.text.len() as u32;
            self.text.push_str(text);
            self.written.push((index, start, self.text.len() as u32));
        }
    }

    /// The text of field `index` as written: the value kept for `length`
    /// and `matches`, else (ASCII, where it is the same length and matches
    /// the same patterns ignoring case) the lower-cased text.
    pub fn written_text(&self, index: usize, start: u32, end: u32) -> &str {
        match self.written.iter().find(|(field, ..)| *field == index) {
            Some((_, start, end)) => self.text_of(*start, *end),
            None => self.text_of(start, end),
        }
    }

    /// The text of a `Text` or `List` cell.
    pub fn text_of(&self, start: u32, end: u32) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// Reads one raw value into field `index`: typed, or a problem noted.
    pub fn set(&mut self, schema: &Schema, index: usize, raw: Option<&str>) {
        let Some(spec) = schema.fields.get(index) else {
            return;
        };
        if schema.key == Some(index) {
            self.key.push_str(raw.unwrap_or_default().trim());
        }
        let cell = match (raw, spec.reading) {
            (None, _) => Ok(Cell::Missing),
            (Some(raw), Some(Reading::Value)) => {
                value::read(&spec.ty, &spec.allowed, raw, &mut self.text)
            }
            // Any text fits an optional text field nobody reads: nothing to do.
            (Some(_), None)
                if spec.optional
                    && matches!(
                        spec.ty,
                        FieldType::Text | FieldType::Email | FieldType::ListOfText
                    ) =>
            {
                return;
            }
            (Some(raw), _) => value::check(&spec.ty, &spec.allowed, raw),
        };
        match cell {
            Ok(Cell::Missing) if !spec.optional => self.problems.push(FieldProblem {
                field: Some(spec.name.clone()),
                value: String::new(),
                problem: "is required but missing".to_string(),
            }),
            Ok(cell) => {
                if let Some(slot) = self.cells.get_mut(index) {
                    *slot = cell;
                }
                if let (true, Cell::Text(..), Some(raw)) = (spec.written, cell, raw) {
                    self.keep_written(index, value::trim(raw));
                }
            }
            Err(problem) => self.problems.push(FieldProblem {
                field: Some(spec.name.clone()),
                value: shorten(raw.unwrap_or_default().trim()),
                problem,
            }),
        }
    }
}

/// A value as quoted in a problem: at most 60 characters.
fn shorten(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_string(),
    }
}

/// The kind of export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
}

/// Reads every record of `input` in order, typed by `schema`, until
/// `visit` says to stop (for the commands that look at records one by one).
pub fn each(
    input: impl std::io::Read,
    format: InputFormat,
    schema: &Schema,
    visit: impl FnMut(&Record) -> std::ops::ControlFlow<()>,
) -> Result<(), String> {
    match format {
        InputFormat::Csv => {
            let mut leads = CsvLeads::new(input, schema)?;
            let layout = leads.layout(schema);
            drain(
                |batch: &mut RowBatch| leads.next_batch(batch, 1 << 16),
                |batch, index, record| {
                    if let Some(row) = batch.row(index) {
                        layout.fill(schema, row, record);
                    }
                },
                visit,
            )
        }
        InputFormat::Jsonl => {
            let mut leads = JsonLeads::new(std::io::BufReader::new(input));
            drain(
                |batch: &mut Vec<JsonRow>| leads.next_batch(batch, 1024),
                |batch, index, record| {
                    if let Some(row) = batch.get(index) {
                        fill_json(schema, row, record);
                    }
                },
                visit,
            )
        }
    }
}

fn drain<Batch: Default>(
    mut next: impl FnMut(&mut Batch) -> Result<usize, String>,
    fill: impl Fn(&Batch, usize, &mut Record),
    mut visit: impl FnMut(&Record) -> std::ops::ControlFlow<()>,
) -> Result<(), String> {
    let mut batch = Batch::default();
    let mut record = Record::default();
    loop {
        let read = next(&mut batch)?;
        if read == 0 {
            return Ok(());
        }
        for index in 0..read {
            fill(&batch, index, &mut record);
            if visit(&record).is_break() {
                return Ok(());
            }
        }
    }
}
