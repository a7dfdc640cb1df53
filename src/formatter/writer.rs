//! The output side of the formatter: text, line breaks and indentation, with
//! the source's comments woven back in where they were written.
//!
//! The printer walks the syntax tree in source order and tells the writer
//! where each piece came from. Before writing a piece, the writer emits
//! every comment that stood before it in the source: an end-of-line comment
//! stays at the end of the line it was on, an own-line comment gets a line
//! of its own above the piece, at the piece's indentation. Line breaks are
//! kept pending until the next piece, so a comment after `{` or at the end
//! of a rule still lands on that line.

use crate::syntax::Comment;

/// The widest line the formatter aims for; longer conditions are broken.
const WIDTH: usize = 100;

/// What separates the last piece written from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    /// A line break inside a construct (a long condition).
    Line,
    /// A line break between siblings in a block: one blank line is kept
    /// where the author left one.
    Sibling,
    /// Exactly one blank line: between items.
    Blank,
}

pub struct Writer<'a> {
    out: String,
    comments: &'a [Comment],
    /// Offsets of the source's whitespace-only lines.
    blank_lines: &'a [usize],
    next_comment: usize,
    indent: usize,
    /// Characters on the current output line.
    column: usize,
    gap: Gap,
    /// The indentation of the next line when it differs from `indent`
    /// (a description aligned in its column on a line of its own).
    next_line_indent: Option<usize>,
    /// The column the next piece is padded to on the current line.
    pad_to: Option<usize>,
    /// Where in the source the last piece written came from.
    last_at: usize,
    /// Nothing written yet since a `{`: no blank line there.
    block_start: bool,
    /// The current line ends in a comment: nothing more can follow on it.
    commented: bool,
    /// [`WIDTH`], or unlimited when measuring.
    width: usize,
}

impl<'a> Writer<'a> {
    /// A writer that weaves in `comments`.
    pub fn new(comments: &'a [Comment], blank_lines: &'a [usize]) -> Self {
        Writer {
            out: String::new(),
            comments,
            blank_lines,
            next_comment: 0,
            indent: 0,
            column: 0,
            gap: Gap::None,
            next_line_indent: None,
            pad_to: None,
            last_at: 0,
            block_start: false,
            commented: false,
            width: WIDTH,
        }
    }

    /// A writer without comments or line limit, to measure how wide a piece
    /// prints on one line.
    pub fn measuring() -> Writer<'static> {
        Writer {
            width: usize::MAX,
            ..Writer::new(&[], &[])
        }
    }

    /// The text, every remaining comment included, ending in one line break.
    pub fn finish(mut self) -> String {
        self.comments_before(usize::MAX);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// The text written so far, for measuring.
    pub fn text(&self) -> &str {
        &self.out
    }

    pub fn column(&self) -> usize {
        self.column
    }

    pub fn indent(&self) -> usize {
        self.indent
    }

    /// Whether `width` more characters fit on the line the next piece goes to.
    pub fn fits(&self, width: usize) -> bool {
        self.next_column().saturating_add(width) <= self.width
    }

    /// Writes `text`, which came from source offset `at`, after the comments
    /// that stood before it.
    pub fn piece(&mut self, at: usize, text: &str) {
        self.comments_before(at);
        self.write(at, text);
    }

    /// Writes punctuation or a keyword that belongs to the piece before it.
    pub fn glue(&mut self, text: &str) {
        let at = self.last_at;
        self.write(at, text);
    }

    /// A keyword after a space: ` like`, ` on`.
    pub fn word(&mut self, text: &str) {
        self.space();
        self.glue(text);
    }

    pub fn space(&mut self) {
        self.gap = self.gap.max(Gap::Space);
    }

    /// A line break inside a construct.
    pub fn line(&mut self) {
        self.gap = self.gap.max(Gap::Line);
    }

    /// A line break before the next clause, rule or field of a block.
    pub fn sibling(&mut self) {
        self.gap = self.gap.max(Gap::Sibling);
    }

    /// One blank line, before the next item.
    pub fn blank(&mut self) {
        self.gap = Gap::Blank;
    }

    /// Runs `body` with lines indented two more spaces.
    pub fn nested(&mut self, body: impl FnOnce(&mut Self)) {
        self.indent += 2;
        body(self);
        self.indent -= 2;
    }

    /// The column the next piece starts at.
    fn next_column(&self) -> usize {
        match self.gap {
            Gap::None => self.column,
            Gap::Space => self.column + 1,
            _ => self.next_line_indent.unwrap_or(self.indent),
        }
    }

    /// Runs `body` with continuation lines starting where the next piece
    /// does: the values of a list line up under the first one.
    pub fn hang(&mut self, body: impl FnOnce(&mut Self)) {
        let saved = self.indent;
        self.indent = self.next_column();
        body(self);
        self.indent = saved;
    }

    /// Moves to column `column` of the current line, or of the next line if
    /// the current one is already past it.
    pub fn align(&mut self, column: usize) {
        if self.column < column && self.gap <= Gap::Space {
            self.gap = Gap::None;
            self.pad_to = Some(column);
        } else {
            self.line();
            self.next_line_indent = Some(column);
        }
    }

    /// ` {` and the block's contents, indented, up to its `}` at `close`.
    pub fn block(&mut self, close: usize, body: impl FnOnce(&mut Self)) {
        self.space();
        self.glue("{");
        let opened = self.out.len();
        self.block_start = true;
        self.nested(|w| {
            body(w);
            w.comments_before(close);
        });
        if self.out.len() > opened {
            self.line();
        } else {
            self.gap = Gap::None;
        }
        self.write(close, "}");
    }

    /// Emits the comments that stood before source offset `at`.
    fn comments_before(&mut self, at: usize) {
        // Where the piece after the comments was to be aligned; the comments
        // themselves keep the block's indentation.
        let mut aligned = None;
        while let Some(comment) = self.comments.get(self.next_comment) {
            if comment.span.start >= at {
                break;
            }
            self.next_comment += 1;
            if aligned.is_none() {
                aligned = Some(self.pad_to.take().or(self.next_line_indent.take()));
            }
            let text = comment.text.trim_end();
            // Two comments never share a line: the second would become part
            // of the first.
            if !comment.own_line && self.column > 0 && !self.commented {
                // It ends the line it was on.
                self.out.push_str("  #");
                self.out.push_str(text);
                self.column += 3 + text.chars().count();
                self.gap = self.gap.max(Gap::Line);
                self.commented = true;
            } else {
                self.gap = self.gap.max(Gap::Sibling);
                self.write(comment.span.start, &format!("#{text}"));
                self.gap = Gap::Sibling;
                self.commented = true;
            }
            self.last_at = comment.span.end;
        }
        if let Some(Some(column)) = aligned {
            self.next_line_indent = Some(column);
        }
    }

    fn write(&mut self, at: usize, text: &str) {
        if !self.out.is_empty() {
            let breaks = match self.gap {
                Gap::None => 0,
                Gap::Space => {
                    self.out.push(' ');
                    self.column += 1;
                    0
                }
                Gap::Line => 1,
                Gap::Sibling if !self.block_start && self.blank_between(self.last_at, at) => 2,
                Gap::Sibling => 1,
                Gap::Blank => 2,
            };
            if breaks > 0 {
                self.commented = false;
                self.out.extend(std::iter::repeat_n('\n', breaks));
                let indent = self.next_line_indent.take().unwrap_or(self.indent);
                self.out.extend(std::iter::repeat_n(' ', indent));
                self.column = indent;
            } else if let Some(column) = self.pad_to.take() {
                self.out
                    .extend(std::iter::repeat_n(' ', column - self.column));
                self.column = column;
            }
        }
        self.gap = Gap::None;
        self.block_start = false;
        self.out.push_str(text);
        self.column += text.chars().count();
        self.last_at = self.last_at.max(at);
    }

    /// Whether the source has a blank line between offsets `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        let first = self.blank_lines.partition_point(|&line| line < from);
        self.blank_lines.get(first).is_some_and(|&line| line < to)
    }
}
