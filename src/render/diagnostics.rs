//! Diagnostics for people (miette), for programs (JSON Lines), for code
//! scanning (SARIF 2.1.0) and for GitHub Actions (workflow commands).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::escape::{uri_reference, workflow_message, workflow_property};
use crate::diagnostic::{Diagnostic, Severity, SourceFile, Style, render};
use crate::lint::CODES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Drawn with the source, for people.
    Human,
    /// One JSON object per line, per diagnostic.
    Json,
    /// One SARIF 2.1.0 log, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`).
    Github,
}

/// Where a diagnostic is, in the terms every format uses.
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn place(file: &SourceFile, diagnostic: &Diagnostic) -> Place {
    let (line, column) = file.line_col(diagnostic.span.start);
    let (end_line, end_column) = file.line_col(diagnostic.span.end.max(diagnostic.span.start));
    Place {
        line,
        column,
        end_line,
        end_column,
    }
}

/// Writes every file's diagnostics in one format.
pub fn write(
    out: &mut impl Write,
    format: Format,
    files: &[(SourceFile, Vec<Diagnostic>)],
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Human => {
            for (file, diagnostics) in files {
                for diagnostic in diagnostics {
                    write!(out, "{}", render(diagnostic, file, style))?;
                }
            }
            Ok(())
        }
        Format::Json => {
            for (file, diagnostics) in files {
                for diagnostic in diagnostics {
                    writeln!(out, "{}", json_object(file, diagnostic))?;
                }
            }
            Ok(())
        }
        Format::Sarif => {
            let log = sarif(files);
            serde_json::to_writer_pretty(&mut *out, &log)?;
            writeln!(out)
        }
        Format::Github => {
            for (file, diagnostics) in files {
                for diagnostic in diagnostics {
                    writeln!(out, "{}", github_command(file, diagnostic))?;
                }
            }
            Ok(())
        }
    }
}

/// The closing line of `qualify check`: "checked 2 files: 1 error, 3
/// warnings", and how many more could not be read.
pub fn summary(reports: &[(SourceFile, Vec<Diagnostic>)], unreadable: usize) -> String {
    let count = |severity| {
        reports
            .iter()
            .flat_map(|(_, ds)| ds)
            .filter(|d| d.severity == severity)
            .count()
    };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let found = match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (_, 0) => plural(errors, "error"),
        (0, _) => plural(warnings, "warning"),
        _ => format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    };
    let unread = match unreadable {
        0 => String::new(),
        1 => " (1 more could not be read)".to_string(),
        n => format!(" ({n} more could not be read)"),
    };
    format!("checked {}: {found}{unread}", plural(reports.len(), "file"))
}

pub fn json_object(file: &SourceFile, diagnostic: &Diagnostic) -> Value {
    let at = place(file, diagnostic);
    json!({
        "code": diagnostic.code.code,
        "name": diagnostic.code.name,
        "severity": diagnostic.severity.as_str(),
        "file": file.name,
        "line": at.line,
        "column": at.column,
        "end_line": at.end_line,
        "end_column": at.end_column,
        "message": diagnostic.message,
        "label": diagnostic.label,
        "help": diagnostic.help,
    })
}

fn sarif(files: &[(SourceFile, Vec<Diagnostic>)]) -> Value {
    let rules: Vec<Value> = CODES
        .iter()
        .map(|code| {
            json!({
                "id": code.code,
                "name": code.name,
                "shortDescription": { "text": code.summary },
                "defaultConfiguration": { "level": sarif_level(code.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = files
        .iter()
        .flat_map(|(file, diagnostics)| {
            diagnostics.iter().map(move |diagnostic| (file, diagnostic))
        })
        .map(|(file, diagnostic)| {
            let at = place(file, diagnostic);
            let rule_index = CODES
                .iter()
                .position(|code| code.code == diagnostic.code.code)
                .unwrap_or(0);
            let text = match &diagnostic.help {
                Some(help) => format!("{}\n{help}", diagnostic.message),
                None => diagnostic.message.clone(),
            };
            json!({
                "ruleId": diagnostic.code.code,
                "ruleIndex": rule_index,
                "level": sarif_level(diagnostic.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri_reference(&file.name) },
                        "region": {
                            "startLine": at.line,
                            "startColumn": at.column,
                            "endLine": at.end_line,
                            "endColumn": at.end_column,
                        }
                    }
                }],
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "qualify",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "results": results,
        }]
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
pub fn github_command(file: &SourceFile, diagnostic: &Diagnostic) -> String {
    let at = place(file, diagnostic);
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let title = format!("{} {}", diagnostic.code.code, diagnostic.code.name);
    let message = match &diagnostic.help {
        Some(help) => format!("{}\n{help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        workflow_property(&file.name),
        at.line,
        at.column,
        at.end_line,
        at.end_column,
        workflow_property(&title),
        workflow_message(&message)
    )
}
