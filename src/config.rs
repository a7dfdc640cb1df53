//! `qualify.toml`: project settings shared by every command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file read from the working directory when present.
pub const FILE_NAME: &str = "qualify.toml";

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The policies commands work on when none is named.
    #[serde(default)]
    pub policies: Vec<PathBuf>,
    /// Lint levels by code (`Q0704`) or name (`unused-field`).
    #[serde(default)]
    pub lint: BTreeMap<String, Level>,
    /// The export's column for a field, when it is not the field's name
    /// (`title = "Job Title"`).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// How lead exports are read (docs/exports.md).
    #[serde(default)]
    pub export: Export,
    /// Settings for one field, by field name (`[fields.created_at]`).
    #[serde(default)]
    pub fields: BTreeMap<String, FieldSettings>,
}

/// `[export]`: how every lead export is read. Each setting may be left out.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    /// `utf-8` (the default), `windows-1252`, `latin-1` or `utf-16`; a
    /// byte-order mark at the start of the file always wins.
    pub encoding: Option<String>,
    /// `,`, `;` or `tab`; by default the one the header line uses.
    pub delimiter: Option<String>,
    /// The IANA zone of times written without one (`2026-03-08 09:00`).
    pub time_zone: Option<String>,
    /// The strftime-style format of every time and date field
    /// (`%d/%m/%Y %H:%M`); a field's own `format` wins.
    pub time_format: Option<String>,
    /// Values that mean "missing" in every field (`["N/A", "-", "Select"]`),
    /// compared ignoring case and the spaces around them.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// `[fields.NAME]`: how one field is read.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSettings {
    /// The export's column (as `[columns]` says it).
    pub column: Option<String>,
    /// The strftime-style format of this time or date field.
    pub format: Option<String>,
    /// The IANA zone of this field's times written without one.
    pub time_zone: Option<String>,
    /// Values that mean "missing" in this field, on top of `[export]`'s.
    #[serde(default)]
    pub missing: Vec<String>,
}

/// What to do with a lint's findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

impl Config {
    /// `qualify.toml` from `dir`, or the defaults when there is none.
    pub fn load(dir: &Path) -> Result<Config, String> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
        };
        toml::from_str(&text)
            .map_err(|error| format!("{}: {}", path.display(), error.to_string().trim_end()))
    }
}
