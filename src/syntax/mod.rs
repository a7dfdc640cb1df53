//! Source text → typed syntax tree (+ comment side table) or located
//! syntax diagnostics. The only module that knows about pest.

pub mod ast;
mod expected;
mod grammar;
mod lower;
mod scan;
pub mod written;

use std::sync::Mutex;

use pest::Parser;

pub use crate::span::Comment;
pub use expected::{ITEM_KEYWORDS, RESERVED_WORDS};
pub use lower::MAX_EXPRESSION_DEPTH;
pub use scan::{Comments, MAX_NESTING};

use crate::diagnostic::Diagnostic;
use ast::PolicyFile;
use grammar::{QualifyParser, Rule};

/// A file stops being read after this many syntax errors; the rest are
/// usually echoes of the first ones.
const MAX_SYNTAX_ERRORS: usize = 20;

/// The result of parsing one file.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// Every item that could be read (all of them when `diagnostics` is empty).
    pub file: PolicyFile,
    pub comments: Comments,
    /// Syntax errors, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    pub fn is_ok(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

/// Parses a policy. Every syntax error of the file is reported: after one,
/// reading resumes at the next item that starts a line.
pub fn parse(source: &str) -> Parsed {
    let scan = scan::scan(source);
    let mut parsed = Parsed {
        file: PolicyFile::default(),
        comments: scan.comments,
        diagnostics: scan.problems,
    };
    if !parsed.diagnostics.is_empty() {
        // An open string or runaway nesting would only produce echoes.
        return parsed;
    }
    let mut start = 0;
    loop {
        // A piece at a time: pest keeps two tokens of 40 bytes for every
        // rule it matches, about 30 times the size of the text, so parsing
        // a large file in one go took 40 times its size in memory.
        let mut end = piece_end(source, start);
        let mut result = parse_file(&source[start..end]);
        if result.is_err() && end < source.len() {
            // The cut was not between items after all (a line of a text in
            // quotes, say), or the piece has an error: the rest in one
            // piece, so errors are found and reported as they always were.
            end = source.len();
            result = parse_file(&source[start..]);
        }
        let lowerer = lower::Lowerer::new(start, &parsed.comments.comments);
        match result {
            Ok(mut pairs) => {
                if let Some(file) = pairs.next() {
                    parsed.file.items.extend(lowerer.file(file));
                }
                parsed.diagnostics.extend(lowerer.into_problems());
                if end >= source.len() {
                    break;
                }
                start = end;
            }
            Err(error) => {
                let diagnostic = expected::syntax_error(source, start, &error);
                let resume = next_item_start(source, diagnostic.span.start.max(start + 1));
                parsed.diagnostics.push(diagnostic);
                match resume {
                    Some(next) if parsed.diagnostics.len() < MAX_SYNTAX_ERRORS => start = next,
                    _ => break,
                }
            }
        }
    }
    // The items were gathered piece by piece; room left over for more
    // would be held as long as the tree.
    parsed.file.items.shrink_to_fit();
    parsed
        .diagnostics
        .sort_by_key(|diagnostic| diagnostic.span.start);
    parsed
}

/// Runs pest over `text`. pest's detailed error tracking (which tokens it
/// tried: `,`, `)`) is a process-wide switch that costs half the parsing
/// time, so it is turned on only to re-parse a text that failed, under a
/// lock so no other parse sees the switch flip.
fn parse_file(text: &str) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    static SWITCH: Mutex<()> = Mutex::new(());
    let _guard = SWITCH
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    QualifyParser::parse(Rule::file, text).map_err(|first| {
        pest::set_error_detail(true);
        let detailed = QualifyParser::parse(Rule::file, text);
        pest::set_error_detail(false);
        detailed.err().unwrap_or(first)
    })
}

/// Bytes of policy parsed at a time, at least (see `parse`).
const PIECE: usize = 32 * 1024;

/// Where the piece of `source` parsed from `start` ends: at the first item
/// that starts a line `PIECE` bytes on, else at the end.
fn piece_end(source: &str, start: usize) -> usize {
    if source.len() - start <= PIECE {
        return source.len();
    }
    next_item_start(source, start + PIECE).unwrap_or(source.len())
}

/// The first line at or after `from` that starts (in column 1) with an item keyword.
fn next_item_start(source: &str, mut from: usize) -> Option<usize> {
    while !source.is_char_boundary(from) {
        from += 1;
    }
    let mut line_start = source[..from.min(source.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    if line_start < from {
        line_start = from + source.get(from..)?.find('\n')? + 1;
    }
    while line_start < source.len() {
        let line = &source[line_start..];
        let word = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or_default();
        if ITEM_KEYWORDS.contains(&word) {
            return Some(line_start);
        }
        line_start += line.find('\n')? + 1;
    }
    None
}
