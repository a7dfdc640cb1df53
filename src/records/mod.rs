//! Lead records from CRM exports (CSV, JSON Lines), typed by the policy's
//! `fields`. A record that does not fit keeps every problem found, so it
//! can be reported as `invalid` with all of them; nothing is dropped.

pub mod columns;
mod csv_rows;
mod csv_source;
mod encoding;
mod export_format;
mod jsonl_source;
pub mod keys;
mod record;
pub mod settings;
pub mod value;

use std::collections::BTreeMap;

pub use csv_rows::{Row, RowBatch};
pub use csv_source::{CsvLayout, CsvLeads};
pub use encoding::Encoding;
pub use export_format::{Delimiter, ExportFormat};
pub use jsonl_source::{JsonLeads, JsonRow, fill as fill_json};
pub use record::{Cell, Entries, FieldProblem, Record};

use crate::config::Config;
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
    /// How its values are read, as qualify.toml says.
    pub rules: settings::Rules,
    /// Its texts are kept as exported too, for what people read
    /// (`Schema::show_as_exported`).
    pub as_exported: bool,
}

impl Schema {
    /// The policy's fields, each read from the column of its name (a
    /// policy's examples name fields, not an export's columns).
    pub fn of(policy: &Policy) -> Schema {
        let rules = vec![settings::Rules::default(); policy.fields.len()];
        Self::read(policy, &Config::default(), rules)
    }

    /// `columns` maps a field to the export's column name (`[columns]` in
    /// qualify.toml); other fields are read from the column of their name.
    /// A column for a field the policy lacks is an error here, where no
    /// one would see a warning.
    pub fn new(policy: &Policy, columns: &BTreeMap<String, String>) -> Result<Schema, String> {
        let config = Config {
            columns: columns.clone(),
            ..Config::default()
        };
        match Self::configured(policy, &config)? {
            (schema, warnings) if warnings.is_empty() => Ok(schema),
            (_, warnings) => Err(warnings.join("\n")),
        }
    }

    /// The policy's fields, read as qualify.toml says; beside them the
    /// warnings about the settings, to be told. An error in the settings
    /// (a format or a zone that cannot be) stops here, before any row.
    pub fn configured(policy: &Policy, config: &Config) -> Result<(Schema, Vec<String>), String> {
        let (rules, findings) = settings::resolve(policy, config);
        let (errors, warnings): (Vec<_>, Vec<_>) = findings.into_iter().partition(|f| f.error);
        if !errors.is_empty() {
            let messages: Vec<String> = errors.into_iter().map(|f| f.message).collect();
            return Err(messages.join("\nerror: "));
        }
        let warnings = warnings.into_iter().map(|f| f.message).collect();
        Ok((Self::read(policy, config, rules), warnings))
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

    /// Keeps every text as exported (trimmed) beside the form comparisons
    /// use, for explanations and reports that show values to people: they
    /// must read `VP Marketing`, not `vp marketing`. Costs a copy of each
    /// text, so `eval`'s results, which show no values, do without.
    pub fn show_as_exported(&mut self) {
        for field in &mut self.fields {
            field.as_exported = matches!(
                field.ty,
                FieldType::Text | FieldType::Email | FieldType::OneOf(_)
            );
        }
    }

    fn read(policy: &Policy, config: &Config, rules: Vec<settings::Rules>) -> Schema {
        let reads = policy.field_reads();
        let written = policy.fields_read_as_written();
        let fields = policy
            .fields
            .iter()
            .zip(rules)
            .enumerate()
            .map(|(index, (field, rules))| FieldSpec {
                reading: reads.get(&crate::ir::FieldId(index)).copied(),
                written: written.contains(&crate::ir::FieldId(index)),
                as_exported: false,
                name: field.name.clone(),
                column: settings::column(config, &field.name)
                    .unwrap_or(&field.name)
                    .to_string(),
                ty: field.ty.clone(),
                optional: field.optional,
                allowed: match &field.ty {
                    FieldType::OneOf(values) => values
                        .iter()
                        .map(|value| value.trim().to_lowercase())
                        .collect(),
                    _ => Vec::new(),
                },
                rules,
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
