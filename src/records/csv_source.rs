//! Lead records from CSV: a header row, then one record per row. Quoted
//! fields, embedded commas, quotes and line breaks and a UTF-8 BOM are the
//! csv crate's business.

use std::io::Read;

use csv::{ByteRecord, ReaderBuilder};

use super::{Cell, FieldProblem, Record, Schema};

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

    /// Reads up to `max` rows into `batch`, reusing its rows' memory;
    /// returns how many were read (0 at the end).
    pub fn next_batch(&mut self, batch: &mut Vec<CsvRow>, max: usize) -> Result<usize, String> {
        let mut count = 0;
        while count < max {
            if batch.len() == count {
                batch.push((0, ByteRecord::new()));
            }
            let Some((line, row)) = batch.get_mut(count) else {
                break;
            };
            match self.reader.read_byte_record(row) {
                Ok(true) => {
                    *line = row.position().map_or(0, |position| position.line());
                    count += 1;
                }
                Ok(false) => break,
                Err(error) => return Err(format!("cannot read the input: {error}")),
            }
        }
        Ok(count)
    }

    /// What typing needs to know about this input's columns.
    pub fn layout(&self, schema: &Schema) -> CsvLayout {
        CsvLayout {
            columns: self.columns.clone(),
            width: self.width,
            shortcuts: schema
                .fields
                .iter()
                .enumerate()
                .map(|(index, field)| Shortcut::for_field(schema, index, field))
                .collect(),
        }
    }
}

/// Where each field is in a row, shared by the threads that type rows.
#[derive(Debug, Clone)]
pub struct CsvLayout {
    columns: Vec<Option<usize>>,
    width: usize,
    /// Per field, a quicker way to type the common case.
    shortcuts: Vec<Shortcut>,
}

/// The common, well-formed values of a column are typed without the
/// general path; anything else (spaces, other spellings, errors) takes it,
/// so results and messages are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shortcut {
    /// An optional text column no condition reads: any value fits.
    Skip,
    /// Plain digits (`42`).
    Number,
    /// `true` or `false`.
    Bool,
    None,
}

impl Shortcut {
    fn for_field(schema: &Schema, index: usize, field: &super::FieldSpec) -> Shortcut {
        use crate::ir::FieldType;
        if schema.key == Some(index) {
            return Shortcut::None;
        }
        match (&field.ty, field.reading) {
            (FieldType::Text | FieldType::Email | FieldType::ListOfText, None)
                if field.optional =>
            {
                Shortcut::Skip
            }
            (FieldType::Number, _) => Shortcut::Number,
            (FieldType::Bool, _) => Shortcut::Bool,
            _ => Shortcut::None,
        }
    }
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
        // One UTF-8 check for the whole row; fields are then cut from it.
        let whole = std::str::from_utf8(row.as_slice()).ok();
        for (index, column) in self.columns.iter().enumerate() {
            let shortcut = self.shortcuts.get(index).copied().unwrap_or(Shortcut::None);
            if let (Some(column), true) = (*column, shortcut != Shortcut::None) {
                let bytes = row.get(column).unwrap_or_default();
                let cell = match (shortcut, bytes) {
                    (Shortcut::Skip, _) => continue,
                    // Byte patterns, not string equality: no call to memcmp.
                    (Shortcut::Bool, [b't', b'r', b'u', b'e']) => Some(Cell::Bool(true)),
                    (Shortcut::Bool, [b'f', b'a', b'l', b's', b'e']) => Some(Cell::Bool(false)),
                    (Shortcut::Number, digits)
                        if (1..16).contains(&digits.len())
                            && digits.iter().all(u8::is_ascii_digit) =>
                    {
                        Some(Cell::Number(
                            digits
                                .iter()
                                .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'))
                                as f64,
                        ))
                    }
                    _ => None,
                };
                if let (Some(cell), Some(slot)) = (cell, record.cells.get_mut(index)) {
                    *slot = cell;
                    continue;
                }
            }
            let Some(column) = *column else {
                record.set(schema, index, None);
                continue;
            };
            let text = match (whole, row.range(column)) {
                (Some(whole), Some(range)) => whole.get(range),
                (None, Some(_)) => row
                    .get(column)
                    .and_then(|field| std::str::from_utf8(field).ok()),
                (_, None) => {
                    record.set(schema, index, None);
                    continue;
                }
            };
            match text {
                Some(text) => record.set(schema, index, Some(text)),
                None => {
                    let name = schema.fields.get(index).map(|field| field.name.clone());
                    record.problems.push(FieldProblem {
                        field: name,
                        value: String::new(),
                        problem: "is not valid UTF-8 text".to_string(),
                    });
                }
            }
        }
    }
}
