//! A typed lead record. How it is laid out in memory (one lower-cased text
//! buffer that cells point into, lists joined by a separator) is this
//! file's business alone: the rest of qualify reads a field through
//! [`Record::cell`] and [`Record::written`], so every reader, CSV, JSON
//! Lines or a policy's example, fills and reads it the same way.

use jiff::Timestamp;
use jiff::civil::Date;

use super::Schema;
use super::value::{self, Slot};
use crate::ir::{FieldType, Reading};

/// Between the entries of a list in the record's buffer: a control
/// character no export's list entry keeps (entries are trimmed).
pub(super) const LIST_SEPARATOR: char = '\u{1f}';

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

/// A field's value in a record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'r> {
    Missing,
    /// Given, but not kept: no condition reads this field's value.
    Present,
    Number(f64),
    Bool(bool),
    /// Trimmed and lower-cased (every text comparison ignores case).
    Text(&'r str),
    Date(Date),
    Time(Timestamp),
    List(Entries<'r>),
}

/// The entries of a `list of text` value, each trimmed and lower-cased.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entries<'r>(&'r str);

impl<'r> Entries<'r> {
    pub fn iter(self) -> impl Iterator<Item = &'r str> {
        self.0
            .split(LIST_SEPARATOR)
            .filter(|entry| !entry.is_empty())
    }

    /// The entries joined by `between`, for people to read.
    pub fn join(self, between: &str) -> String {
        self.iter().collect::<Vec<_>>().join(between)
    }
}

/// A lead record, typed. Reused from row to row to avoid allocation.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// The line of the input the record starts on (from 1, header included).
    line: u64,
    slots: Vec<Slot>,
    /// Lower-cased texts the slots point into.
    text: String,
    /// The key as written (not lower-cased), for results.
    key: String,
    /// `(field, start, end)` in `text`: the value as written of a field
    /// read as written whose lower-cased text is not the same (non-ASCII).
    written: Vec<(usize, u32, u32)>,
    problems: Vec<FieldProblem>,
}

impl Record {
    /// The line of the input the record starts on (from 1, header
    /// included; 0 for a policy's example).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The value of the policy's `key` field as written, or "".
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Why the record is invalid; empty when it is valid.
    pub fn problems(&self) -> &[FieldProblem] {
        &self.problems
    }

    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }

    /// Field `index`'s value.
    #[inline(always)]
    pub fn cell(&self, index: usize) -> Cell<'_> {
        match self.slots.get(index).copied().unwrap_or(Slot::Missing) {
            Slot::Missing => Cell::Missing,
            Slot::Present => Cell::Present,
            Slot::Number(n) => Cell::Number(n),
            Slot::Bool(b) => Cell::Bool(b),
            Slot::Text(start, end) => Cell::Text(self.text_of(start, end)),
            Slot::Date(date) => Cell::Date(date),
            Slot::Time(time) => Cell::Time(time),
            Slot::List(start, end) => Cell::List(Entries(self.text_of(start, end))),
        }
    }

    /// Field `index`'s number, if it holds one: [`Record::cell`] for the
    /// evaluator's most frequent question, without building a `Cell`.
    #[inline(always)]
    pub fn number(&self, index: usize) -> Option<f64> {
        match self.slots.get(index) {
            Some(Slot::Number(n)) => Some(*n),
            _ => None,
        }
    }

    /// Field `index`'s text (lower-cased), if it holds one.
    #[inline(always)]
    pub fn text(&self, index: usize) -> Option<&str> {
        match self.slots.get(index) {
            Some(Slot::Text(start, end)) => Some(self.text_of(*start, *end)),
            _ => None,
        }
    }

    /// Whether field `index` was given at all.
    #[inline(always)]
    pub fn is_present(&self, index: usize) -> bool {
        !matches!(self.slots.get(index), None | Some(Slot::Missing))
    }

    /// Field `index`'s text as written: for `length` and `matches`, and for
    /// people to read when the schema keeps texts as exported
    /// (`Schema::show_as_exported`). The
    /// value kept beside its lower-cased form, else (ASCII, where it is
    /// the same length and matches the same patterns ignoring case) the
    /// lower-cased text.
    #[inline]
    pub fn written(&self, index: usize) -> Option<&str> {
        let Some(Slot::Text(start, end)) = self.slots.get(index).copied() else {
            return None;
        };
        Some(
            match self.written.iter().find(|(field, ..)| *field == index) {
                Some((_, start, end)) => self.text_of(*start, *end),
                None => self.text_of(start, end),
            },
        )
    }

    #[inline(always)]
    fn text_of(&self, start: u32, end: u32) -> &str {
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// Starts the record of line `line`, with every field missing.
    pub(super) fn clear(&mut self, line: u64, fields: usize) {
        self.line = line;
        self.slots.clear();
        self.slots.resize(fields, Slot::Missing);
        self.text.clear();
        self.key.clear();
        self.written.clear();
        self.problems.clear();
    }

    /// A record of `line` with every field missing, to be filled with
    /// [`Record::set`] and [`Record::set_entries`] (a policy's example).
    pub fn empty(schema: &Schema, line: u64) -> Record {
        let mut record = Record::default();
        record.clear(line, schema.fields.len());
        record
    }

    /// Notes a problem with the whole row.
    pub(super) fn refuse(&mut self, problem: String) {
        self.problems.push(FieldProblem {
            field: None,
            value: String::new(),
            problem,
        });
    }

    /// Notes a problem with field `index`'s value `raw`.
    pub(super) fn problem(&mut self, schema: &Schema, index: usize, raw: &str, problem: String) {
        self.problems.push(FieldProblem {
            field: schema.fields.get(index).map(|spec| spec.name.clone()),
            value: shorten(raw.trim()),
            problem,
        });
    }

    /// Puts a value typed by the reader's fast path into field `index`.
    #[inline]
    pub(super) fn put(&mut self, index: usize, slot: Slot) {
        if let Some(at) = self.slots.get_mut(index) {
            *at = slot;
        }
    }

    /// Appends the key as written (a fast path's plain ASCII text).
    pub(super) fn push_key(&mut self, text: &str) {
        self.key.push_str(text);
    }

    /// The buffer texts are lower-cased into (for the reader's fast path).
    pub(super) fn buffer(&mut self) -> &mut String {
        &mut self.text
    }

    /// Keeps `text`, field `index`'s trimmed value, as written beside its
    /// lower-cased form: `always` (to show people), or when lower-casing
    /// may have changed more than case (non-ASCII).
    fn keep_written(&mut self, index: usize, text: &str, always: bool) {
        if always || !text.is_ascii() {
            let start = self.text.len() as u32;
            self.text.push_str(text);
            self.written.push((index, start, self.text.len() as u32));
        }
    }

    /// Reads one raw value into field `index`: typed, or a problem noted.
    pub fn set(&mut self, schema: &Schema, index: usize, raw: Option<&str>) {
        let Some(spec) = schema.fields.get(index) else {
            return;
        };
        // A value declared to mean missing (`N/A`) is exactly an empty one,
        // as a key too (no lead is named `N/A`).
        let raw = raw.filter(|raw| !spec.rules.means_missing(raw));
        if schema.key == Some(index) {
            self.key.push_str(raw.unwrap_or_default().trim());
        }
        let slot = match (raw, spec.reading) {
            (None, _) => Ok(Slot::Missing),
            (Some(raw), Some(Reading::Value)) => {
                value::read(&spec.ty, &spec.allowed, &spec.rules, raw, &mut self.text)
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
            (Some(raw), _) => value::check(&spec.ty, &spec.allowed, &spec.rules, raw),
        };
        match slot {
            Ok(Slot::Missing) if !spec.optional => self.problems.push(FieldProblem {
                field: Some(spec.name.clone()),
                value: String::new(),
                problem: "is required but missing".to_string(),
            }),
            Ok(slot) => {
                self.put(index, slot);
                let kept = spec.written || spec.as_exported;
                if let (true, Slot::Text(..), Some(raw)) = (kept, slot, raw) {
                    self.keep_written(index, value::trim(raw), spec.as_exported);
                }
            }
            Err(problem) => self.problem(schema, index, raw.unwrap_or_default(), problem),
        }
    }

    /// Reads a value given as separate entries (a JSON array, a list in a
    /// policy's example) into field `index`. A list keeps the entries as
    /// they are, so an entry with a comma stays one entry; any other
    /// field reads them as one text, as an export would write them.
    pub fn set_entries(&mut self, schema: &Schema, index: usize, entries: &[&str]) {
        let Some(spec) = schema.fields.get(index) else {
            return;
        };
        if spec.ty != FieldType::ListOfText
            || spec.reading != Some(Reading::Value)
            || schema.key == Some(index)
        {
            return self.set(schema, index, Some(&entries.join(";")));
        }
        // An array with no entry left (`[]`, `["N/A"]`) is a missing list.
        match value::push_entries(entries.iter().copied(), &spec.rules, &mut self.text) {
            Slot::List(start, end) if start == end => self.set(schema, index, None),
            list => self.put(index, list),
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
