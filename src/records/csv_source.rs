//! Lead records from CSV: a header row, then one record per row. Quoted
//! fields, embedded delimiters, quotes and line breaks and a UTF-8 BOM are
//! read as the csv crate reads them (see `csv_rows`), in the encoding and
//! with the delimiter `[export]` sets (see `export_format`).

use std::io::Read;

use super::columns::Note;
use super::csv_rows::{BrokenQuote, CsvRows, Row, RowBatch};
use super::encoding;
use super::export_format::{Delimiter, ExportFormat};
use super::value::{self, Slot};
use super::{Record, Schema};

pub struct CsvLeads<R: Read> {
    rows: CsvRows<R>,
    /// For each field, the column it is read from (`None`: no such column).
    columns: Vec<Option<usize>>,
    /// What finding the columns told (`records::columns`).
    notes: Vec<Note>,
    width: usize,
}

impl<R: Read> CsvLeads<R> {
    /// Reads the header and finds each field's column. A required field
    /// with no column is an error before any row is read, and so is an
    /// empty input.
    pub fn new(input: R, schema: &Schema, format: &ExportFormat) -> Result<Self, String> {
        let (input, head) = format.encoding.open(input)?;
        let mut rows = CsvRows::new(input, head);
        let mut header = RowBatch::default();
        let mut sniffed = Delimiter::Comma;
        let found = rows
            .first(&mut header, |head| {
                let columns: Vec<&str> = (schema.fields.iter())
                    .map(|field| field.column.as_str())
                    .collect();
                sniffed = Delimiter::sniff(head, &columns);
                format.delimiter.unwrap_or(sniffed).byte()
            })
            .map_err(|error| format!("cannot read the header row: {error}"))?;
        if !found {
            return Err("the file is empty: no header and no leads; check that the \
                        export finished, and export again"
                .to_string());
        }
        let names: Vec<String> = header
            .row(0)
            .map(|row| {
                (0..row.len())
                    .map(|column| {
                        String::from_utf8_lossy(row.get(column).unwrap_or_default())
                            .trim()
                            .to_string()
                    })
                    .collect()
            })
            .unwrap_or_default();
        // A required field with no column: perhaps the wrong separator.
        let found = super::columns::find(&names, schema)
            .map_err(|error| error + &other_delimiter(format, sniffed))?;
        Ok(CsvLeads {
            rows,
            columns: found.columns,
            notes: found.notes,
            width: names.len(),
        })
    }

    /// What finding the columns told: fields matched ignoring case and
    /// punctuation, mapped columns the header lacks.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Reads the rows of about `size` bytes of input into `batch`, reusing
    /// its memory; returns how many were read (0 at the end).
    pub fn next_batch(&mut self, batch: &mut RowBatch, size: usize) -> Result<usize, String> {
        self.rows.next_batch(batch, size)
    }

    /// What typing needs to know about this input's columns.
    pub fn layout(&self, schema: &Schema) -> CsvLayout {
        let steps: Vec<Step> = schema
            .fields
            .iter()
            .enumerate()
            .zip(&self.columns)
            // An optional field with no column stays missing; a required
            // one stopped the run in `new`.
            .filter_map(|((index, field), column)| {
                column.map(|column| Step {
                    field: index,
                    column,
                    shortcut: Shortcut::for_field(schema, index, field),
                    // A key is copied even when empty.
                    empty_is_missing: field.optional && schema.key != Some(index),
                })
            })
            .collect();
        let mut groups: Vec<(Shortcut, Vec<Step>)> = Vec::new();
        for step in &steps {
            match groups.iter_mut().find(|(kind, _)| *kind == step.shortcut) {
                Some((_, group)) => group.push(*step),
                None => groups.push((step.shortcut, vec![*step])),
            }
        }
        CsvLayout {
            steps,
            groups,
            width: self.width,
        }
    }
}

/// When `[export]` sets a delimiter and the header looks separated by
/// another: saying so.
fn other_delimiter(format: &ExportFormat, sniffed: Delimiter) -> String {
    match format.delimiter {
        Some(set) if set != sniffed => format!(
            ". The header looks separated by {}, but qualify.toml sets `delimiter = \"{}\"` \
             under [export]: set `delimiter = \"{}\"`, or leave it out to have it found",
            sniffed.words(),
            set.setting(),
            sniffed.setting()
        ),
        _ => String::new(),
    }
}

/// Where each field is in a row, shared by the threads that type rows.
#[derive(Debug, Clone)]
pub struct CsvLayout {
    /// The fields that have a column, in field order.
    steps: Vec<Step>,
    /// The same fields grouped by shortcut, for the quick pass: one loop
    /// per kind of value, not a choice per field.
    groups: Vec<(Shortcut, Vec<Step>)>,
    width: usize,
}

#[derive(Debug, Clone, Copy)]
struct Step {
    field: usize,
    column: usize,
    /// A quicker way to type the column's common values.
    shortcut: Shortcut,
    /// An empty value leaves the cell missing (as cells start), with
    /// nothing else to do.
    empty_is_missing: bool,
}

/// The common, well-formed values of a column are typed straight from the
/// row's bytes, chosen once per file; anything else (spaces, non-ASCII
/// text, other spellings, errors) takes the general path, so results and
/// messages are the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shortcut {
    /// An optional text column no condition reads: any value fits.
    Skip,
    /// Plain digits (`42`).
    Number,
    /// `true` or `false`.
    Bool,
    /// An RFC 3339 time; `keep`: a condition reads its value.
    Time {
        keep: bool,
    },
    /// Text with nothing to trim; `keep`: a condition reads its value,
    /// `key`: results are reported by it.
    Text {
        keep: bool,
        key: bool,
    },
    /// One of the allowed values, in any case.
    OneOf {
        keep: bool,
    },
    None,
}

impl Shortcut {
    fn for_field(schema: &Schema, index: usize, field: &super::FieldSpec) -> Shortcut {
        use crate::ir::FieldType;
        let keep = field.reading == Some(crate::ir::Reading::Value);
        let key = schema.key == Some(index);
        match &field.ty {
            FieldType::Text | FieldType::Email | FieldType::ListOfText
                if field.optional && field.reading.is_none() && !key =>
            {
                Shortcut::Skip
            }
            // A field whose settings say how its values are written (a
            // format, values that mean missing), or whose texts are kept
            // as exported, takes the general path.
            _ if !field.rules.plain() || field.as_exported => Shortcut::None,
            // An optional key nobody reads keeps no cell: the general path.
            FieldType::Text | FieldType::Email
                if !(key && field.optional && field.reading.is_none()) =>
            {
                Shortcut::Text { keep, key }
            }
            FieldType::Number if !key => Shortcut::Number,
            FieldType::Bool if !key => Shortcut::Bool,
            FieldType::Time if !key => Shortcut::Time { keep },
            FieldType::OneOf(_) if !key => Shortcut::OneOf { keep },
            _ => Shortcut::None,
        }
    }

    /// Types a common value into cell `slot` of `record` (a key or a kept
    /// text into its buffers too); `None` when the general path must type
    /// it. `text` gives the value as text when the row is valid UTF-8.
    /// Each kind writes its cell itself: no cell is passed back by value.
    #[inline(always)]
    fn apply<'r>(
        self,
        schema: &Schema,
        bytes: &[u8],
        text: impl FnOnce() -> Option<&'r str>,
        record: &mut Record,
        slot: usize,
    ) -> Option<()> {
        match self {
            Shortcut::Skip => Some(()),
            // Worked out without a branch on which it is: exports hold
            // both about as often, and a wrong guess costs more than this.
            Shortcut::Bool => {
                let head = u32::from_le_bytes(*bytes.first_chunk::<4>()?);
                let is_true = (bytes.len() == 4) & (head == u32::from_le_bytes(*b"true"));
                let is_false = (bytes.len() == 5)
                    & (head == u32::from_le_bytes(*b"fals"))
                    & (bytes.last() == Some(&b'e'));
                if !(is_true | is_false) {
                    return None;
                }
                put(record, slot, Slot::Bool(is_true))
            }
            Shortcut::Number => put(record, slot, Slot::Number(value::integer(bytes)?)),
            // A time that reads is plain ASCII: no text needed.
            Shortcut::Time { keep } => {
                let time = value::time(bytes)?;
                put(
                    record,
                    slot,
                    if keep {
                        Slot::Time(time)
                    } else {
                        Slot::Present
                    },
                )
            }
            Shortcut::Text { keep, key } => {
                let text = value::plain(text()?)?;
                if key {
                    record.push_key(text);
                }
                let cell = if keep {
                    value::push_ascii_lower(text, record.buffer())
                } else {
                    Slot::Present
                };
                put(record, slot, cell)
            }
            // ASCII equal, ignoring case, to an allowed value (which is
            // trimmed and lower-cased): the value is that one.
            Shortcut::OneOf { keep } => {
                let spec = schema.fields.get(slot)?;
                let allowed = (spec.allowed.iter())
                    .find(|allowed| allowed.as_bytes().eq_ignore_ascii_case(bytes))
                    .filter(|_| bytes.is_ascii())?;
                let cell = if keep {
                    value::push_ascii_lower(allowed, record.buffer())
                } else {
                    Slot::Present
                };
                put(record, slot, cell)
            }
            Shortcut::None => None,
        }
    }
}

/// Types the fields of `steps`, all of kind `shortcut`, through it; `None`
/// as soon as one needs the general path.
#[inline(always)]
fn each(
    shortcut: Shortcut,
    steps: &[Step],
    schema: &Schema,
    row: Row<'_>,
    whole: &str,
    record: &mut Record,
) -> Option<()> {
    for step in steps {
        let bytes = row.get(step.column)?;
        if bytes.is_empty() && step.empty_is_missing {
            continue;
        }
        let text = || whole.get(row.range(step.column)?);
        shortcut.apply(schema, bytes, text, record, step.field)?;
    }
    Some(())
}

fn put(record: &mut Record, slot: usize, cell: Slot) -> Option<()> {
    record.put(slot, cell);
    Some(())
}

impl CsvLayout {
    /// Types one row into `record`.
    pub fn fill(&self, schema: &Schema, row: Row<'_>, record: &mut Record) {
        record.clear(row.line, schema.fields.len());
        match row.broken_quote {
            Some(BrokenQuote::NeverClosed) => {
                return record.refuse(format!(
                    "a quote (\") opened on this line is never closed (not by the end of the \
                     file, nor within {} lines or {} MB); close it, and write a quote inside \
                     a quoted value twice (\"\")",
                    super::csv_rows::MAX_QUOTED_LINES,
                    super::csv_rows::MAX_QUOTED_BYTES >> 20
                ));
            }
            Some(BrokenQuote::Stray) => {
                return record.refuse(
                    "a quote (\") opened on this line is closed only on a later line, and \
                     not as a value ends there (more text follows it, or the row would not \
                     have the header's number of values): the lines after this one are read \
                     as rows; close the quote on this line, or remove it, and write a quote \
                     inside a quoted value twice (\"\")"
                        .to_string(),
                );
            }
            None => {}
        }
        // One UTF-8 check for the whole row; fields are then cut from it.
        let whole = std::str::from_utf8(row.span()).ok();
        if row.len() == self.width
            && let Some(whole) = whole
        {
            if self.quick(schema, row, whole, record).is_some() {
                return;
            }
            record.clear(row.line, schema.fields.len());
        }
        self.in_order(schema, row, whole, record);
    }

    /// The quick pass over a row of the expected width and valid UTF-8:
    /// every field through its shortcut, a kind at a time. `None` as soon
    /// as a value needs the general path: the row is then typed again in
    /// field order, so its problems are listed as they always are.
    fn quick(&self, schema: &Schema, row: Row<'_>, whole: &str, record: &mut Record) -> Option<()> {
        for (shortcut, steps) in &self.groups {
            // Each arm names its kind, so that `each`, inlined, becomes a
            // loop that knows which kind it types.
            match *shortcut {
                Shortcut::Skip => {}
                Shortcut::Number => each(Shortcut::Number, steps, schema, row, whole, record)?,
                Shortcut::Bool => each(Shortcut::Bool, steps, schema, row, whole, record)?,
                Shortcut::Time { keep } => {
                    each(Shortcut::Time { keep }, steps, schema, row, whole, record)?;
                }
                Shortcut::Text { keep, key } => {
                    let kind = Shortcut::Text { keep, key };
                    each(kind, steps, schema, row, whole, record)?;
                }
                Shortcut::OneOf { keep } => {
                    each(Shortcut::OneOf { keep }, steps, schema, row, whole, record)?;
                }
                Shortcut::None => {
                    for step in steps {
                        record.set(schema, step.field, whole.get(row.range(step.column)?));
                    }
                    if !record.is_valid() {
                        return None;
                    }
                }
            }
        }
        Some(())
    }

    /// Types a row field by field, in field order: through its shortcut
    /// when it can, the general path when not.
    fn in_order(&self, schema: &Schema, row: Row<'_>, whole: Option<&str>, record: &mut Record) {
        if row.len() != self.width {
            record.refuse(format!(
                "the row has {} values but the header has {} columns",
                row.len(),
                self.width
            ));
        }
        for step in &self.steps {
            let Some(bytes) = row.get(step.column) else {
                record.set(schema, step.field, None);
                continue;
            };
            let text = || {
                whole
                    .zip(row.range(step.column))
                    .and_then(|(w, r)| w.get(r))
            };
            if bytes.is_empty() && step.empty_is_missing {
                continue;
            }
            if let Some(()) = step.shortcut.apply(schema, bytes, text, record, step.field) {
                continue;
            }
            match text().or_else(|| std::str::from_utf8(bytes).ok()) {
                Some(text) => record.set(schema, step.field, Some(text)),
                None => record.problem(
                    schema,
                    step.field,
                    "",
                    format!("is not UTF-8 text: {}", encoding::NOT_UTF8),
                ),
            }
        }
    }
}
