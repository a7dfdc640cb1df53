//! A lexical pass before pest: it collects comments and blank lines for the
//! formatter, and catches the mistakes a grammar reports badly (a string
//! left open, brackets nested deeper than any policy needs, which would
//! otherwise exhaust the parser's stack).

use crate::diagnostic::{Diagnostic, catalog};
use crate::span::{Comment, Span};

/// Brackets, braces and parentheses nested deeper than this are refused.
pub const MAX_NESTING: usize = 48;

/// The side table of what the syntax tree does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comments {
    pub comments: Vec<Comment>,
    /// Byte offsets of the lines that hold only white space.
    pub blank_lines: Vec<usize>,
}

/// One piece of source as the lexical pass sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lexeme {
    Code(usize, char),
    /// A string from its opening quote; `closed` is false when the line ended first.
    Text {
        span: Span,
        closed: bool,
    },
    Comment(Span),
}

/// Walks `source` in order, telling code apart from strings and comments.
fn lexemes(source: &str) -> impl Iterator<Item = Lexeme> + '_ {
    let mut chars = source.char_indices().peekable();
    std::iter::from_fn(move || {
        let (at, c) = chars.next()?;
        match c {
            '"' => {
                let mut escaped = false;
                while let Some(&(pos, c)) = chars.peek() {
                    if c == '\n' {
                        return Some(Lexeme::Text {
                            span: Span::new(at, pos),
                            closed: false,
                        });
                    }
                    chars.next();
                    match c {
                        '"' if !escaped => {
                            return Some(Lexeme::Text {
                                span: Span::new(at, pos + 1),
                                closed: true,
                            });
                        }
                        '\\' => escaped = !escaped,
                        _ => escaped = false,
                    }
                }
                Some(Lexeme::Text {
                    span: Span::new(at, source.len()),
                    closed: false,
                })
            }
            '#' => {
                let mut end = source.len();
                while let Some(&(pos, c)) = chars.peek() {
                    if c == '\n' {
                        end = pos;
                        break;
                    }
                    chars.next();
                }
                Some(Lexeme::Comment(Span::new(at, end)))
            }
            _ => Some(Lexeme::Code(at, c)),
        }
    })
}

/// The lexical pass's findings.
pub(crate) struct Scan {
    pub comments: Comments,
    pub problems: Vec<Diagnostic>,
}

pub(crate) fn scan(source: &str) -> Scan {
    let mut comments = Comments::default();
    let mut problems = Vec::new();
    let mut depth = 0usize;
    let mut too_deep = false;
    for lexeme in lexemes(source) {
        match lexeme {
            Lexeme::Comment(span) => {
                let line_start = source[..span.start].rfind('\n').map_or(0, |at| at + 1);
                comments.comments.push(Comment {
                    span,
                    text: source[span.start + 1..span.end].trim_end_matches('\r').to_string(),
                    own_line: source[line_start..span.start].trim().is_empty(),
                });
            }
            Lexeme::Text { span, closed: false } => problems.push(
                Diagnostic::new(&catalog::UNTERMINATED_STRING, span, "this text has no closing `\"`")
                    .with_label("the text starts here and runs to the end of the line")
                    .with_help("add a `\"` where the text ends; a text must end on the line it starts (write `\\n` for a line break inside it)"),
            ),
            Lexeme::Text { .. } => {}
            Lexeme::Code(at, '(' | '[' | '{') => {
                depth += 1;
                if depth > MAX_NESTING && !too_deep {
                    too_deep = true;
                    problems.push(
                        Diagnostic::new(
                            &catalog::NESTING_TOO_DEEP,
                            Span::new(at, at + 1),
                            format!("brackets are nested more than {MAX_NESTING} levels deep here"),
                        )
                        .with_label("too deep")
                        .with_help("split the condition into named `define`s and combine those; no agreement needs this many levels"),
                    );
                }
            }
            Lexeme::Code(_, ')' | ']' | '}') => depth = depth.saturating_sub(1),
            Lexeme::Code(..) => {}
        }
    }
    let mut line_start = 0;
    for line in source.split_inclusive('\n') {
        if line.trim().is_empty() && line.ends_with('\n') {
            comments.blank_lines.push(line_start);
        }
        line_start += line.len();
    }
    Scan { comments, problems }
}

/// Offsets of the `{` still open at `upto`, outermost first.
pub(crate) fn open_blocks(source: &str, upto: usize) -> Vec<usize> {
    open_brackets(source, upto, '{', '}')
}

/// Offsets of the `open` brackets not yet closed at `upto`, outermost first.
pub(crate) fn open_brackets(source: &str, upto: usize, open: char, close: char) -> Vec<usize> {
    let mut opened = Vec::new();
    for lexeme in lexemes(source) {
        match lexeme {
            Lexeme::Code(at, _) if at >= upto => break,
            Lexeme::Code(at, c) if c == open => opened.push(at),
            Lexeme::Code(_, c) if c == close => {
                opened.pop();
            }
            _ => {}
        }
    }
    opened
}
