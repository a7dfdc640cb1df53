//! Lead records from CSV: a header row, then one record per row. Quoted
//! fields, embedded commas, quotes and line breaks and a UTF-8 BOM are the
//! csv crate's business.

use std::io::Read;

use csv::{ByteRecord, ReaderBuilder};

use super::{FieldProblem, Record, Schema};

pub struct CsvLeads<R: Read> {
    reader: csv::Reader<R>,
    /// For each field, the column it is read from (`None`: no such column).
    columns: Vec<Option<usize>>,
    width: usize,
}

/// A CSV row as read, before typing.
pub type CsvRow = (u64, ByteRecord);

impl<R: Read> CsvLeads<R> {
    /// Reads the header and finds each field's column. A required field
    /// with no column is an error before any row is read.
    pub fn new(input: R, schema: &Schema) -> Result<Self, String> {
        let mut reader = ReaderBuilder::new().flexible(true).from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|error| format!("cannot read the header row: {error}"))?
            .clone();
        let names: Vec<String> = header
            .iter()
            .map(|name| String::from_utf8_lossy(name).trim().to_string())
            .collect();
        let columns: Vec<Option<usize>> = schema
            .fields
            .iter()
            .map(|field| names.iter().position(|name| *name == field.column))
            .collect();
        let missing: Vec<String> = schema
            .fields
            .iter()
            .zip(&columns)
            .filter(|(field, column)| column.is_none() && !field.optional)
            .map(|(field, _)| {
                if field.column == field.name {
                    format!("`{}`", field.name)
                } else {
                    format!("`{}` (column \"{}\")", field.name, field.column)
                }
            })
            .collect();
        if !missing.is_empty() {
            return Err(format!(
                "the input has no column for the required field{} {}; rename the column, or map it in qualify.toml under [columns], as in `{} = \"Column In Export\"`",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                schema
                    .fields
                    .iter()
                    .zip(&columns)
                    .find(|(f, c)| c.is_none() && !f.optional)
                    .map_or("field", |(f, _)| f.name.as_str())
            ));
        }
        Ok(CsvLeads {
            reader,
            columns,
            width: names.len(),
        })
    }

    /// Reads up to `max` rows into `batch` (cleared first); `Ok(false)` at the end.
    pub fn next_batch(&mut self, batch: &mut Vec<CsvRow>, max: usize) -> Result<bool, String> {
        batch.clear();
        while batch.len() < max {
            let mut row = ByteRecord::new();
            match self.reader.read_byte_record(&mut row) {
                Ok(true) => {
                    let line = row.position().map_or(0, |position| position.line());
                    batch.push((line, row));
                }
                Ok(false) => return Ok(!batch.is_empty()),
                Err(error) => return Err(format!("cannot read the input: {error}")),
            }
        }
        Ok(true)
    }

    /// What typing needs to know about this input's columns.
    pub fn layout(&self) -> CsvLayout {
        CsvLayout {
            columns: self.columns.clone(),
            width: self.width,
        }
    }
}

/// Where each field is in a row, shared by the threads that type rows.
#[derive(Debug, Clone)]
pub struct CsvLayout {
    columns: Vec<Option<usize>>,
    width: usize,
}

impl CsvLayout {
    /// Types one row into `record`.
    pub fn fill(&self, schema: &Schema, (line, row): &CsvRow, record: &mut Record) {
        record.clear(*line, schema.fields.len());
        if row.len() != self.width {
            record.problems.push(FieldProblem {
                field: None,
                value: String::new(),
                problem: format!(
                    "the row has {} values but the header has {} columns",
                    row.len(),
                    self.width
                ),
            });
        }
        for (index, column) in self.columns.iter().enumerate() {
            let raw = column.and_then(|column| row.get(column));
            match raw.map(std::str::from_utf8) {
                Some(Err(_)) => {
                    let name = schema.fields.get(index).map(|field| field.name.clone());
                    record.problems.push(FieldProblem {
                        field: name,
                        value: String::new(),
                        problem: "is not valid UTF-8 text".to_string(),
                    });
                }
                Some(Ok(text)) => record.set(schema, index, Some(text)),
                None => record.set(schema, index, None),
            }
        }
    }
}
