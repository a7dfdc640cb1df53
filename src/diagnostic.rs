//! Problems found in a policy, with a stable code, a located label and help
//! for a non-programmer, rendered through miette.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SpanContents,
};

use crate::span::{LineIndex, Span};

pub mod catalog;

pub use catalog::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem in one policy file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub code: &'static Code,
    pub severity: Severity,
    /// One lowercase sentence; user input in backticks.
    pub message: String,
    pub span: Span,
    pub label: String,
    /// Other places that explain the problem (e.g. where a block was opened).
    pub notes: Vec<(Span, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: &'static Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity,
            message: message.into(),
            span,
            label: String::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, span: Span, note: impl Into<String>) -> Self {
        self.notes.push((span, note.into()));
        self
    }
}

/// The candidate closest to a misspelled `word`, if one is close enough to
/// suggest ("did you mean `requires`?").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if let Some(same) = candidates
        .iter()
        .find(|c| **c != word && c.eq_ignore_ascii_case(word))
    {
        return Some(same);
    }
    // Longer names tolerate more typing slips.
    let limit = match word.chars().count() {
        0..=3 => 1,
        4..=8 => 2,
        _ => 3,
    };
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, _)| *distance > 0 && *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// A policy's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
    lines: LineIndex,
}

impl SourceFile {
    /// A byte-order mark at the start (Windows Notepad saves one) is
    /// dropped: it is no part of the policy, and shown in a message it
    /// would be an invisible character.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        let lines = LineIndex::new(&text);
        SourceFile {
            name: name.into(),
            text,
            lines,
        }
    }

    /// The length in bytes of the line holding `offset`.
    pub fn line_len_at(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let start = self
            .text
            .get(..offset)
            .unwrap_or_default()
            .rfind('\n')
            .map_or(0, |at| at + 1);
        let end = self
            .text
            .get(offset..)
            .unwrap_or_default()
            .find('\n')
            .map_or(self.text.len(), |at| offset + at);
        end - start
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(&self.text, offset)
    }
}

/// A diagnostic joined to its source, as miette wants it.
struct Located<'a> {
    diagnostic: &'a Diagnostic,
    /// None when the lines are too long to draw.
    source: Option<&'a SourceFile>,
}

impl SourceCode for SourceFile {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.diagnostic.fmt(f)
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Located<'_> {}

impl miette::Diagnostic for Located<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let code = self.diagnostic.code;
        Some(Box::new(format!("{}({})", code.code, code.name)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_ref()?;
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.map(|source| source as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        let diagnostic = self.diagnostic;
        let label = (!diagnostic.label.is_empty()).then(|| diagnostic.label.clone());
        let primary = LabeledSpan::new_primary_with_span(label, diagnostic.span);
        let notes = diagnostic
            .notes
            .iter()
            .map(|(span, note)| LabeledSpan::new_with_span(Some(note.clone()), *span));
        Some(Box::new(std::iter::once(primary).chain(notes)))
    }
}

/// How diagnostics are drawn for people.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    pub width: usize,
}

impl Style {
    /// No colour at a fixed width: what tests snapshot.
    pub const PLAIN: Style = Style {
        colour: false,
        width: 80,
    };
}

/// Renders one diagnostic as miette's graphical report.
pub fn render(diagnostic: &Diagnostic, file: &SourceFile, style: Style) -> String {
    let theme = if style.colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let drawable = std::iter::once(diagnostic.span)
        .chain(diagnostic.notes.iter().map(|(span, _)| *span))
        .all(|span| {
            file.line_len_at(span.start) <= MAX_DRAWN_LINE
                && file.line_len_at(span.end) <= MAX_DRAWN_LINE
        });
    let located = Located {
        diagnostic,
        source: drawable.then_some(file),
    };
    let (line, column) = file.line_col(diagnostic.span.start);
    let mut out = String::new();
    if handler.render_report(&mut out, &located).is_err() {
        // Rendering only fails on a broken writer; fall back to one line.
        out = format!("{}:{line}:{column}: {}\n", file.name, diagnostic.message);
    } else if !drawable {
        out.push_str(&format!(
            "  at {}:{line}:{column} (the line is too long to show)\n",
            file.name
        ));
    }
    out
}

/// Lines longer than this are not drawn (the renderer cannot pad past them).
const MAX_DRAWN_LINE: usize = 1_000;
