//! `qualify.toml`: project settings shared by every command.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings file's name: read from the working directory for the
/// project's settings (`policies`, `[lint]`), and looked for from a
/// policy's folder upwards for how its exports are read.
pub const FILE_NAME: &str = "qualify.toml";

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The file these settings were read from (`None`: the defaults), so
    /// that messages say which file to fix.
    #[serde(skip)]
    pub path: Option<PathBuf>,
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
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text, path),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(error) => Err(format!("cannot read {}: {error}", path.display())),
        }
    }

    /// The settings file `path` names (`--config`): it must exist.
    pub fn named(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path).map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
            _ => format!("cannot read {}: {error}", path.display()),
        })?;
        Self::parse(&text, path.to_path_buf())
    }

    /// The settings for the policy at `policy`: the first `qualify.toml`
    /// found from the policy's folder upwards, as cargo and ruff find
    /// theirs, so a policy and the settings for its exports live together
    /// whichever folder a command runs in; the defaults when there is none.
    pub fn for_policy(policy: &Path) -> Result<Config, String> {
        // `p.qual` has the parent "", which names no folder: the current one.
        let folder = policy
            .parent()
            .filter(|parent| !parent.as_os_str().is_empty());
        let folder = folder.unwrap_or(Path::new("."));
        // The real folder, `..` resolved, so its ancestors are the policy's.
        let folder = (folder.canonicalize())
            .or_else(|_| std::path::absolute(folder))
            .unwrap_or_else(|_| folder.to_path_buf());
        let here = std::env::current_dir().ok();
        for dir in folder.ancestors() {
            let path = dir.join(FILE_NAME);
            if path.is_file() {
                // Named from the working directory when under it, as the
                // policy was, so messages stay short.
                let shown = here
                    .as_deref()
                    .and_then(|here| path.strip_prefix(here).ok())
                    .map_or_else(|| path.clone(), Path::to_path_buf);
                return Self::load(shown.parent().unwrap_or(Path::new("")));
            }
        }
        Ok(Config::default())
    }

    fn parse(text: &str, path: PathBuf) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text)
            .map_err(|error| format!("{}: {}", path.display(), error.to_string().trim_end()))?;
        config.path = Some(path);
        Ok(config)
    }

    /// The settings file's name for messages.
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .map_or_else(|| FILE_NAME.to_string(), |path| path.display().to_string())
    }
}
