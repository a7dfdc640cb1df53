//! `qualify check`: parse and check each policy, report every problem.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::files::{Settings, policy_paths, read_policy};
use super::{Outcome, could_not_run};
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::lint::levels::Levels;
use crate::render::diagnostics::{self, Format};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Policy files or folders (default: `policies` in qualify.toml, or every `*.qual` under `policies/`).
    files: Vec<PathBuf>,
    /// How to write the problems found.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Fail (exit 1) unless every party's sign-off is of this exact content.
    #[arg(long)]
    require_signoff: bool,
    /// `now` for examples without `as of` (default: the current instant).
    #[arg(long, value_parser = super::parse_instant)]
    as_of: Option<jiff::Timestamp>,
    #[command(flatten)]
    settings: Settings,
}

pub fn run(args: &CheckArgs) -> Outcome {
    let config = match args.settings.project() {
        Ok(config) => config,
        Err(message) => return could_not_run(&message),
    };
    let levels = match Levels::from_config(&config.lint) {
        Ok(levels) => levels,
        Err(message) => return could_not_run(&message),
    };
    let paths = match policy_paths(&args.files, &config.policies) {
        Ok(paths) => paths,
        Err(message) => return could_not_run(&message),
    };
    let now = args.as_of.unwrap_or_else(jiff::Timestamp::now);
    let mut outcome = Outcome::Clean;
    let mut reports: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    for path in &paths {
        let file = match read_policy(path) {
            Ok(file) => file,
            Err(message) => {
                eprintln!("error: {message}");
                outcome = Outcome::CouldNotRun;
                continue;
            }
        };
        let (parsed, diagnostics) = crate::diagnose(&file, &levels, now, args.require_signoff);
        if !parsed {
            outcome = Outcome::CouldNotRun;
        }
        let failing = diagnostics.iter().any(|d| {
            d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning)
        });
        if failing && outcome == Outcome::Clean {
            outcome = Outcome::Problems;
        }
        outcome = worse(outcome, check_settings(args, path, &file));
        reports.push((file, diagnostics));
    }
    let style = super::style(std::io::stdout().is_terminal());
    let mut stdout = std::io::stdout().lock();
    if let Err(error) = diagnostics::write(&mut stdout, args.format, &reports, style) {
        return could_not_run(&format!("cannot write the report: {error}"));
    }
    let summary = diagnostics::summary(&reports, paths.len() - reports.len());
    if args.format == Format::Human {
        println!("{summary}");
    } else {
        eprintln!("{summary}");
    }
    outcome
}

/// Checks the settings that read this policy's exports (the first
/// qualify.toml from its folder up, or `--config`) against it. They are
/// told on standard error, whatever `--format`: they are not the policy's
/// problems and have no line of it to point at. An error (a format or a
/// zone that cannot be) exits 2, as any broken qualify.toml does; a warning
/// (a field the policy lacks: the file may serve other policies) fails
/// the check only with `--deny-warnings`.
fn check_settings(args: &CheckArgs, path: &Path, file: &SourceFile) -> Outcome {
    let config = match args.settings.for_policy(path) {
        Ok(config) => config,
        Err(message) => return could_not_run(&message),
    };
    // The encoding and separator, as the export commands read them.
    if let Err(message) = crate::records::ExportFormat::of(&config.export) {
        return could_not_run(&message);
    }
    let parsed = crate::syntax::parse(&file.text);
    let policy = (config.path.is_some() && parsed.is_ok())
        .then(|| crate::check::check(&parsed.file).policy)
        .flatten();
    let Some(policy) = policy else {
        return Outcome::Clean;
    };
    let mut outcome = Outcome::Clean;
    for finding in crate::records::settings::resolve(&policy, &config).1 {
        if finding.error {
            outcome = could_not_run(&finding.message);
        } else {
            eprintln!("warning: {}", finding.message);
            if args.deny_warnings {
                outcome = worse(outcome, Outcome::Problems);
            }
        }
    }
    outcome
}

fn worse(one: Outcome, other: Outcome) -> Outcome {
    match (one, other) {
        (Outcome::CouldNotRun, _) | (_, Outcome::CouldNotRun) => Outcome::CouldNotRun,
        (Outcome::Problems, _) | (_, Outcome::Problems) => Outcome::Problems,
        _ => Outcome::Clean,
    }
}
