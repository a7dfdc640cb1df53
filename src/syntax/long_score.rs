//! A long score read a few rules at a time. pest holds about 40 bytes for
//! every grammar rule it matches until the text it parsed is lowered, some
//! 30 times the text; read in one go, a score of 660 rules alone took more
//! than 30 times the size of a 2,000-line policy.
//!
//! The score is cut before each line that starts with points (`+5`, `-2`):
//! such a line can only start a rule (a number followed by `if` or `per` is
//! never an operand), so the pieces read together as the whole would. When
//! any piece does not read, the caller reads the score in one go, which
//! reports its errors as always.

use pest::Parser;
use pest::iterators::Pair;

use super::ast::{Item, Spanned};
use super::grammar::{QualifyParser, Rule};
use super::lower::Lowerer;
use super::{PIECE, with_lock};
use crate::diagnostic::Diagnostic;
use crate::span::Comment;

/// What reading a long score found: the score (none when a value in it is
/// wrong) and the problems with its values.
pub(crate) struct Read {
    pub item: Option<Spanned<Item>>,
    pub problems: Vec<Diagnostic>,
}

/// Whether the item at the start of `text` is a score longer than a piece.
pub(crate) fn is_long_score(text: &str) -> bool {
    text.len() > PIECE
        && text
            .strip_prefix("score")
            .is_some_and(|rest| rest.starts_with(|c: char| !(c.is_alphanumeric() || c == '_')))
}

/// Reads `source[start..end]` as one score, its rules a piece at a time;
/// `None` when it is not one long score that reads without a syntax error.
pub(crate) fn read(source: &str, start: usize, end: usize, comments: &[Comment]) -> Option<Read> {
    if !is_long_score(&source[start..end]) {
        return None;
    }
    let mut cuts = rule_cuts(source, start, end).peekable();
    let head_end = cuts.next()?;
    let head = parse(Rule::score_start, &source[start..head_end])?;
    let lowerer = Lowerer::new(start, comments);
    let mut score = lowerer.score_start(head).ok();
    let mut problems = lowerer.into_problems();
    let mut piece_start = head_end;
    while let Some(piece_end) = cuts.next() {
        let pair = parse(Rule::score_rules, &source[piece_start..piece_end])?;
        let closed = pair
            .clone()
            .into_inner()
            .any(|part| part.as_rule() == Rule::block_close);
        if closed != cuts.peek().is_none() {
            // A `}` before the last piece (the score ended earlier), or
            // none at the end.
            return None;
        }
        // Past a wrong value, as when read in one go, the rules are only
        // read for their syntax.
        if let Some(Spanned { node, span }) = &mut score {
            let lowerer = Lowerer::new(piece_start, comments);
            match lowerer.score_rules_piece(pair) {
                Ok(rules) => {
                    node.rules.extend(rules.node);
                    // Up to the `}` once the last piece is read.
                    *span = span.to(rules.span);
                }
                Err(_) => score = None,
            }
            problems.extend(lowerer.into_problems());
        }
        piece_start = piece_end;
    }
    let item = score.map(|Spanned { mut node, span }| {
        // The rules were gathered piece by piece: no spare room held.
        node.rules.shrink_to_fit();
        Spanned::new(Item::Score(node), span)
    });
    Some(Read { item, problems })
}

/// The only `rule` pest finds at the start of `text`, if it reads.
fn parse(rule: Rule, text: &str) -> Option<Pair<'_, Rule>> {
    with_lock(|| QualifyParser::parse(rule, text)).ok()?.next()
}

/// Where the pieces of the score at `source[start..end]` end: before the
/// first line that starts with points (the end of the head), then every
/// `PIECE` bytes or so before such a line, and at `end`.
fn rule_cuts(source: &str, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let mut lines = source[start..end]
        .split_inclusive('\n')
        .scan(start, |at, line| {
            let line_start = *at;
            *at += line.len();
            Some((line_start, line))
        });
    let mut last = None;
    std::iter::from_fn(move || {
        for (line_start, line) in lines.by_ref() {
            let trimmed = line.trim_start();
            let starts_rule = trimmed.starts_with(['+', '-'])
                && trimmed[1..].starts_with(|c: char| c.is_ascii_digit());
            if starts_rule && last.is_none_or(|cut| line_start - cut >= PIECE / 4) {
                last = Some(line_start);
                return last;
            }
        }
        (last != Some(end)).then(|| {
            last = Some(end);
            end
        })
    })
}
