//! Lead records from CRM exports (CSV, JSON Lines), typed by the policy's
//! `fields`. A record that does not fit keeps every problem found, so it
//! can be reported as `invalid` with all of them; nothing is dropped.

mod csv_rows;
mod csv_source;
mod encoding;
mod export_format;
mod jsonl_source;
mod record;
pub mod value;

use std::collections::BTreeMap;

pub use csv_rows::{Row, RowBatch};
pub use csv_source::{CsvLayout, CsvLeads};
pub use encoding::Encoding;
pub use export_format::{Delimiter, ExportFormat};
pub use jsonl_source::{JsonLeads, JsonRow, fill as fill_json};
pub use record::{Cell, Entries, FieldProblem, Record};

use crate::ir::{FieldType, Policy};

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
    /// The policy's fields, each read from the column of its name (a
    /// policy's examples name fields, not an export's columns).
    pub fn of(policy: &Policy) -> Schema {
        Self::read(policy, &BTreeMap::new())
    }

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
        Ok(Self::read(policy, columns))
    }

    /// The field called `name`; else what to say, with the nearest name.
    pub fn field(&self, name: &str) -> Result<usize, String> {
        (self.fields.iter().position(|field| field.name == name)).ok_or_else(|| {
            let names = self.fields.iter().map(|field| field.name.as_str());
            let hint = crate::diagnostic::did_you_mean(name, names)
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            format!("`{name}` is not a field of the policy{hint}")
        })
    }

    /// Keeps field `index`'s values whether or not a rule reads them (a
    /// report grouped by it needs them).
    pub fn keep(&mut self, index: usize) {
        if let Some(field) = self.fields.get_mut(index) {
            field.reading = Some(crate::ir::Reading::Value);
        }
    }

    fn read(policy: &Policy, columns: &BTreeMap<String, String>) -> Schema {
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
        Schema {
            fields,
            key: policy.key().map(|id| id.0),
        }
    }
}

/// The kind of export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Csv,
    Jsonl,
}
