//! Source text → typed syntax tree (+ comment side table) or located
//! syntax diagnostics. The only module that knows about pest.

pub mod ast;
mod expected;
mod grammar;
mod long_score;
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
        let end = piece_end(source, start);
        let read = match long_score::read(source, start, end, &parsed.comments.comments) {
            Some(score) => {
                parsed.file.items.extend(score.item);
                parsed.diagnostics.extend(score.problems);
                Ok(end)
            }
            None => read_items(source, start, end, &mut parsed),
        };
        match read {
            Ok(end) if end < source.len() => start = end,
            Ok(_) => break,
            Err(diagnostic) => {
                let resume = next_item_start(source, diagnostic.span.start.max(start + 1));
                parsed.diagnostics.push(*diagnostic);
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

/// Reads the items of `source[start..end]` into `parsed`, and says where
/// reading goes on; or the first syntax error, from where that piece starts.
fn read_items(
    source: &str,
    start: usize,
    mut end: usize,
    parsed: &mut Parsed,
) -> Result<usize, Box<Diagnostic>> {
    // A piece at a time: pest keeps two tokens of 40 bytes for every
    // rule it matches, about 30 times the size of the text, so parsing
    // a large file in one go took 40 times its size in memory.
    let mut result = parse_file(&source[start..end]);
    if result.is_err() && end < source.len() {
        // The cut was not between items after all (a line of a text in
        // quotes, say), or the piece has an error: the rest in one
        // piece, so errors are found and reported as they always were.
        end = source.len();
        result = parse_file(&source[start..]);
    }
    let mut pairs =
        result.map_err(|error| Box::new(expected::syntax_error(source, start, &error)))?;
    let lowerer = lower::Lowerer::new(start, &parsed.comments.comments);
    if let Some(file) = pairs.next() {
        parsed.file.items.extend(lowerer.file(file));
    }
    parsed.diagnostics.extend(lowerer.into_problems());
    Ok(end)
}

/// Runs `parse` under a lock: pest's detailed error tracking (which tokens
/// it tried: `,`, `)`) is a process-wide switch that costs half the parsing
/// time, so it is turned on only to re-parse a text that failed, and no
/// other parse may see the switch flip.
pub(crate) fn with_lock<T>(parse: impl FnOnce() -> T) -> T {
    static SWITCH: Mutex<()> = Mutex::new(());
    let _guard = SWITCH
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    parse()
}

/// Runs pest over `text`, with detailed error tracking if it fails.
fn parse_file(text: &str) -> Result<pest::iterators::Pairs<'_, Rule>, pest::error::Error<Rule>> {
    with_lock(|| {
        QualifyParser::parse(Rule::file, text).map_err(|first| {
            pest::set_error_detail(true);
            let detailed = QualifyParser::parse(Rule::file, text);
            pest::set_error_detail(false);
            detailed.err().unwrap_or(first)
        })
    })
}

/// Bytes of policy parsed at a time, at least (see `parse`).
pub(crate) const PIECE: usize = 32 * 1024;

/// Where the piece of `source` read from `start` ends: at the first item
/// that starts a line `PIECE` bytes on, else at the end; a long score is a
/// piece of its own, read a few rules at a time (see `long_score`).
fn piece_end(source: &str, start: usize) -> usize {
    let mut item = start;
    loop {
        let next = if item < source.len() {
            next_item_start(source, item + 1).unwrap_or(source.len())
        } else {
            source.len()
        };
        if long_score::is_long_score(&source[item..next]) {
            return if item > start { item } else { next };
        }
        if next - start >= PIECE || next >= source.len() {
            return next;
        }
        item = next;
    }
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
