//! The files a command reads: which policies it works on, reading and
//! compiling them, and opening lead exports.

use std::collections::HashSet;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity, SourceFile, render};
use crate::eval::Program;
use crate::ir::Policy;
use crate::lint::levels::Levels;
use crate::records::columns::Note;
use crate::records::{ExportFormat, InputFormat, Schema};
use jiff::Timestamp;

/// Where policies live when no file is named.
const DEFAULT_DIR: &str = "policies";

/// The files named, with directories expanded to the `*.qual` files in
/// them; with none named, the `configured` ones (`policies` in
/// qualify.toml), else every `*.qual` under `policies/`.
pub fn policy_paths(named: &[PathBuf], configured: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let roots = match (named.is_empty(), configured.is_empty()) {
        (false, _) => named.to_vec(),
        (true, false) => configured.to_vec(),
        (true, true) => vec![PathBuf::from(DEFAULT_DIR)],
    };
    let mut paths = Vec::new();
    let mut links = Vec::new();
    for root in roots {
        if root.is_dir() {
            let before = paths.len();
            collect_policies(&root, &mut paths, &mut links)
                .map_err(|error| format!("cannot read the folder {}: {error}", root.display()))?;
            paths[before..].sort();
        } else {
            paths.push(root);
        }
    }
    links.sort();
    for link in links {
        eprintln!(
            "note: skipped {}: it is a link, and links inside a folder are not followed; \
             name the file it points to if it should be included",
            link.display()
        );
    }
    // A file named twice, or inside two folders named, is read once.
    let mut seen = HashSet::new();
    paths.retain(|path| seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone())));
    if paths.is_empty() {
        return Err(if named.is_empty() {
            format!("no policy files: name one, or put `*.qual` files in `{DEFAULT_DIR}/`")
        } else {
            "no `*.qual` files in the folders named".to_string()
        });
    }
    Ok(paths)
}

/// Adds the `*.qual` files under `dir` to `out`. Links inside it are not
/// followed but added to `links` (those to a folder or a `*.qual` file,
/// which would matter): a link to a folder can loop (`loop -> .`) or lead
/// out of the folder, and `fmt` would then rewrite files elsewhere, or the
/// same file many times. Without links every file is met once.
fn collect_policies(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    links: &mut Vec<PathBuf>,
) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            if path.is_dir() || is_policy(&path) {
                links.push(path);
            }
        } else if kind.is_dir() {
            collect_policies(&path, out, links)?;
        } else if is_policy(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_policy(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "qual")
}

/// The policy files a command works on: those named, else those the
/// project's `qualify.toml` lists, else every `*.qual` under `policies/`.
pub fn named_or_configured(named: &[PathBuf], settings: &Settings) -> Result<Vec<PathBuf>, String> {
    policy_paths(named, &settings.project()?.policies)
}

/// `--config FILE`: the settings file a command reads, instead of the
/// `qualify.toml` it would find.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Settings {
    /// The settings file to read (default: for reading exports, the first
    /// qualify.toml from the policy's folder up; for `policies` and
    /// `[lint]`, the one in the current folder).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

impl Settings {
    /// The project's settings (`policies`, `[lint]`): the file named, else
    /// `qualify.toml` in the current folder, as always.
    pub fn project(&self) -> Result<Config, String> {
        match &self.config {
            Some(path) => Config::named(path),
            None => Config::load(Path::new(".")),
        }
    }

    /// How the exports of the policy at `policy` are read: the file
    /// named, else the first `qualify.toml` from the policy's folder up.
    pub fn for_policy(&self, policy: &Path) -> Result<Config, String> {
        match &self.config {
            Some(path) => Config::named(path),
            None => Config::for_policy(policy),
        }
    }

    /// How the exports of the policy at `path` are encoded and separated.
    pub fn export(&self, path: &Path) -> Result<ExportFormat, String> {
        ExportFormat::of(&self.for_policy(path)?.export)
    }

    /// The schema exports of the policy at `path` are read with; the
    /// settings' warnings are told on standard error before any row.
    pub fn schema(&self, path: &Path, policy: &Policy) -> Result<Schema, String> {
        let (schema, warnings) = Schema::configured(policy, &self.for_policy(path)?)?;
        for warning in warnings {
            eprintln!("warning: {warning}");
        }
        Ok(schema)
    }
}

/// Tells a warning found reading an export's header (a mapped column it
/// lacks) on standard error, as soon as it is found (`Stream::telling`).
pub fn warn(note: &Note) {
    if note.is_warning() {
        eprintln!("warning: {note}");
    }
}

/// The largest policy read, 10 MB: a large real agreement is about 100 KB
/// (2,000 lines), so a bigger file is almost surely not a policy, and the
/// bound keeps checking it quick and its memory in bounds.
pub const MAX_POLICY_BYTES: usize = 10 * 1024 * 1024;

/// Reads a policy file, or says in words why it cannot be read.
pub fn read_policy(path: &Path) -> Result<SourceFile, String> {
    let file = std::fs::File::open(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
        _ => format!("cannot read {}: {error}", path.display()),
    })?;
    let size = file.metadata().map_or(0, |metadata| metadata.len());
    read_policy_sized(file, &path.display().to_string(), size)
}

/// Reads a policy from `input` (a file, or standard input), named `name`
/// in messages; one over `MAX_POLICY_BYTES` is refused before it is parsed,
/// and read no further.
pub fn read_policy_from(input: impl Read, name: &str) -> Result<SourceFile, String> {
    read_policy_sized(input, name, 0)
}

/// As [`read_policy_from`], with room made for `expected` bytes first (a
/// file's size), so a large policy is not held in a buffer twice its size.
fn read_policy_sized(input: impl Read, name: &str, expected: u64) -> Result<SourceFile, String> {
    let room = expected.min(MAX_POLICY_BYTES as u64 + 1) as usize;
    let mut bytes = Vec::with_capacity(room);
    input
        .take(MAX_POLICY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read {name}: {error}"))?;
    if bytes.len() > MAX_POLICY_BYTES {
        return Err(format!(
            "{name} is larger than 10 MB, the most a policy may be; \
             check that it is the policy (a `.qual` file) and not a lead export"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(error) => Err(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            error.utf8_error().valid_up_to()
        )),
    }
}

/// The policy, refused (its errors printed) unless `qualify check` with
/// the project's settings would accept it, examples run at `now`.
pub fn load_program(path: &Path, now: Timestamp, settings: &Settings) -> Result<Program, String> {
    let levels = Levels::from_config(&settings.project()?.lint)?;
    let file = read_policy(path)?;
    match crate::pipeline::accepted(&file, &levels, now) {
        Ok(program) => Ok(program),
        Err(errors) => Err(refused(path, &file, &errors)),
    }
}

/// The policy's text (for locating things in it) and its compiled
/// program, examples not run (`qualify test` runs them itself); the
/// errors, printed, when it has any.
pub fn load_policy(path: &Path) -> Result<(SourceFile, Program), String> {
    let file = read_policy(path)?;
    match crate::pipeline::program(&file) {
        Ok(program) => Ok((file, program)),
        Err(errors) => Err(refused(path, &file, &errors)),
    }
}

/// Prints a policy's errors; the message that stops the command.
fn refused(path: &Path, file: &SourceFile, diagnostics: &[Diagnostic]) -> String {
    let style = super::style(io::stderr().is_terminal());
    for diagnostic in (diagnostics.iter()).filter(|d| d.severity == Severity::Error) {
        eprint!("{}", render(diagnostic, file, style));
    }
    format!(
        "{} has errors; run `qualify check {}`",
        path.display(),
        path.display()
    )
}

/// The kind of a lead export: `given` (`--input`), else its extension.
pub fn input_format(path: &Path, given: Option<InputFormat>) -> Result<InputFormat, String> {
    if let Some(format) = given {
        return Ok(format);
    }
    match path
        .extension()
        .and_then(|ext| ext.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Ok(InputFormat::Csv),
        Some("jsonl" | "ndjson" | "json") => Ok(InputFormat::Jsonl),
        _ if path == Path::new("-") => {
            Err("reading standard input needs `--input csv` or `--input jsonl`".to_string())
        }
        _ => Err(format!(
            "{}: cannot tell the format from the name; add `--input csv` or `--input jsonl`",
            path.display()
        )),
    }
}

/// A lead export, or standard input for `-`.
pub fn open(path: &Path) -> Result<Box<dyn Read + Send>, String> {
    if path == Path::new("-") {
        return Ok(Box::new(io::stdin()));
    }
    std::fs::File::open(path)
        .map(|file| Box::new(file) as Box<dyn Read + Send>)
        .map_err(|error| match error.kind() {
            io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
            _ => format!("cannot read {}: {error}", path.display()),
        })
}
