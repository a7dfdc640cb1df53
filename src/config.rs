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
