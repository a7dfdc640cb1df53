//! The oracles the fuzz targets share: what must hold for a policy text
//! (`check_text`, `format_round_trip`) and for a lead export read against
//! a policy (`records`). Each panics with a message when it does not, which
//! libFuzzer reports as a crash.

use std::io::{BufReader, Read};
use std::ops::ControlFlow;

use jiff::Timestamp;
use qualify::diagnostic::{SourceFile, Style, render};
use qualify::eval::stream::Stream;
use qualify::eval::{Outcome, Program, Scratch};
use qualify::records::{
    self, CsvLeads, Delimiter, Encoding, ExportFormat, InputFormat, JsonLeads, Record, RowBatch,
    Schema,
};
use qualify::render::results::ResultFormat;

/// The instant every evaluation runs at, so a crash reproduces on any day.
pub fn now() -> Timestamp {
    Timestamp::from_second(1_772_442_000).expect("2026-03-02T09:00:00Z is a valid instant")
}

/// What `qualify check` does with a policy (parse, check, lints, sign-offs,
/// examples): every diagnostic must point into the text, at character
/// boundaries, and render. Returns whether the policy parsed and whether it
/// has no error.
pub fn check_text(text: &str, require_signoff: bool) -> (bool, bool) {
    let file = SourceFile::new("fuzz.qual", text);
    let levels = qualify::lint::levels::Levels::default();
    let (parsed, diagnostics) = qualify::diagnose(&file, &levels, now(), require_signoff);
    for diagnostic in &diagnostics {
        let spans = std::iter::once(diagnostic.span).chain(diagnostic.notes.iter().map(|n| n.0));
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{}: span {span:?} lies outside the text ({} bytes)",
                diagnostic.code.code,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{}: span {span:?} cuts a character",
                diagnostic.code.code
            );
        }
        assert!(!render(diagnostic, &file, Style::PLAIN).is_empty());
    }
    let clean = !diagnostics
        .iter()
        .any(|d| d.severity == qualify::diagnostic::Severity::Error);
    (parsed, clean)
}

/// The policy compiled for evaluation, when it parses and checks.
pub fn compile(text: &str) -> Option<Program> {
    let parsed = qualify::parse(text);
    if !parsed.is_ok() {
        return None;
    }
    qualify::check(&parsed.file).policy.map(Program::compile)
}

/// The formatter's promises, checked independently of its own safety net:
/// for a text that parses, the formatted text parses to the same syntax
/// tree, keeps every comment's text in order, signs off as the same
/// content, has no trailing spaces, and is its own formatted form.
pub fn format_round_trip(text: &str) {
    let original = qualify::parse(text);
    if !original.is_ok() {
        return;
    }
    let formatted = match qualify::formatter::format(text) {
        Ok(formatted) => formatted,
        Err(error) => panic!("a policy that parses was not formatted: {error:?}"),
    };
    let again = qualify::parse(&formatted);
    assert!(
        again.is_ok(),
        "the formatted text does not parse: {:?}\n{formatted}",
        again.diagnostics.first().map(|d| &d.message)
    );
    assert!(
        again.file == original.file,
        "formatting changed the syntax tree:\n{formatted}"
    );
    let texts = |parsed: &qualify::syntax::Parsed| -> Vec<String> {
        (parsed.comments.comments.iter())
            .map(|comment| comment.text.trim_end().to_string())
            .collect()
    };
    assert_eq!(
        texts(&again),
        texts(&original),
        "formatting lost or changed a comment:\n{formatted}"
    );
    assert_eq!(
        qualify::formatter::content(&again.file),
        qualify::formatter::content(&original.file),
        "formatting changed the content a sign-off approves"
    );
    for (number, line) in formatted.lines().enumerate() {
        assert_eq!(
            line,
            line.trim_end(),
            "trailing space on line {}",
            number + 1
        );
    }
    let twice = qualify::formatter::format(&formatted)
        .unwrap_or_else(|error| panic!("the formatted text cannot be formatted: {error:?}"));
    assert_eq!(twice, formatted, "formatting is not idempotent");
}

/// How inputs are read: UTF-8, and CSV separated by commas (as the
/// reference reading is; finding the delimiter has unit tests).
const EXPORT: ExportFormat = ExportFormat {
    encoding: Encoding::Utf8,
    delimiter: Some(Delimiter::Comma),
};

/// Reads `input` against `program` twice: as `qualify explain` does (large
/// batches) and in batches of `batch` (1 to 256: bytes of CSV, lines of
/// JSON Lines), which puts batch boundaries everywhere; both must give the
/// same records. Then checks the count and line of each record against an
/// independent reading (see `expected_lines`), and evaluates, renders and
/// explains every record. Returns the records read and the outcomes of the
/// valid ones, or `None` when the input could not be read at all.
pub fn records(
    program: &Program,
    format: InputFormat,
    input: &[u8],
    batch: usize,
) -> Option<(Vec<Record>, Vec<Option<Outcome>>)> {
    let schema = Schema::new(&program.policy, &Default::default()).expect("no [columns] given");
    let mut read = Vec::new();
    // One thread: the stream's order does not depend on it, and a
    // fuzzing run starts many streams.
    let whole = Stream::new(program, &schema, now(), Some(1)).and_then(|stream| {
        stream.export(EXPORT).run(
            input,
            format,
            Vec::new,
            |record, _, part| part.push(record.clone()),
            |part| {
                read.extend(part);
                Ok(ControlFlow::Continue(()))
            },
        )
    });
    let small = in_small_batches(&schema, format, input, batch);
    assert_eq!(
        whole.is_ok(),
        small.is_ok(),
        "batch size changed the outcome: {whole:?} vs {:?}",
        small.as_ref().err()
    );
    if let (Ok(()), Ok(small)) = (&whole, &small) {
        assert_eq!(
            read.len(),
            small.len(),
            "batch size changed the record count"
        );
        for (a, b) in read.iter().zip(small) {
            assert_eq!(
                format!("{a:?}"),
                format!("{b:?}"),
                "batch size changed a record"
            );
        }
    }

    // JSON Lines are counted by line feeds; CSV lines as an editor counts
    // them, a lone carriage return too.
    let lines = 1 + match format {
        InputFormat::Csv => line_breaks(input),
        InputFormat::Jsonl => input.iter().filter(|&&b| b == b'\n').count() as u64,
    };
    let mut previous = 0;
    for record in &read {
        assert!(
            previous < record.line() && record.line() <= lines,
            "record on line {} after one on line {previous}, in {lines} lines",
            record.line()
        );
        previous = record.line();
    }
    match (expected_lines(&schema, format, input), &whole) {
        (Expected::Lines(lines), Ok(())) => {
            let got: Vec<u64> = read.iter().map(|record| record.line()).collect();
            assert_eq!(
                got, lines,
                "records (by line) differ from the reference reading"
            );
        }
        (Expected::Lines(_), Err(error)) => panic!("a readable input was refused: {error}"),
        (Expected::Refused, Ok(())) => panic!("an input with a required column missing was read"),
        (Expected::Refused | Expected::Unknown, _) => {}
    }
    whole.ok()?;
    let outcomes = evaluate_all(program, &read);
    Some((read, outcomes))
}

fn in_small_batches(
    schema: &Schema,
    format: InputFormat,
    input: &[u8],
    batch: usize,
) -> Result<Vec<Record>, String> {
    let mut out = Vec::new();
    let mut record = Record::default();
    match format {
        InputFormat::Csv => {
            let mut leads = CsvLeads::new(input, schema, &EXPORT)?;
            let layout = leads.layout(schema);
            let mut rows = RowBatch::default();
            while leads.next_batch(&mut rows, batch)? > 0 {
                let mut index = 0;
                while let Some(row) = rows.row(index) {
                    layout.fill(schema, row, &mut record);
                    out.push(record.clone());
                    index += 1;
                }
            }
        }
        InputFormat::Jsonl => {
            let (source, head) = EXPORT.encoding.open(input)?;
            let mut leads =
                JsonLeads::new(BufReader::new(std::io::Cursor::new(head).chain(source)));
            let mut rows = Vec::new();
            loop {
                let count = leads.next_batch(&mut rows, batch)?;
                if count == 0 {
                    break;
                }
                for row in &rows[..count] {
                    records::fill_json(schema, row, &mut record);
                    out.push(record.clone());
                }
            }
        }
    }
    Ok(out)
}

/// What a reading independent of qualify's says the input holds.
enum Expected {
    /// A record starting on each of these lines.
    Lines(Vec<u64>),
    /// The CSV header lacks a required field's column.
    Refused,
    /// No reference for this input (see `expected_lines`).
    Unknown,
}

/// JSON Lines: one record per non-blank line. CSV: the csv crate's records,
/// each on the line of its first value (see `csv_line`), unless the input
/// ends inside a quoted field (such a quote is reported on its line, and
/// the lines after it read again) or holds a value spanning lines (which
/// may be a stray quote's, read the same way). JSON Lines that is not
/// UTF-8 has no reference either, nor does input starting with a UTF-16
/// byte order mark (it is decoded first).
fn expected_lines(schema: &Schema, format: InputFormat, input: &[u8]) -> Expected {
    if input.starts_with(b"\xff\xfe") || input.starts_with(b"\xfe\xff") {
        return Expected::Unknown;
    }
    match format {
        InputFormat::Jsonl => match std::str::from_utf8(input) {
            Ok(text) => Expected::Lines(
                (text.split('\n').enumerate())
                    .filter(|(_, line)| !line.trim().is_empty())
                    .map(|(index, _)| index as u64 + 1)
                    .collect(),
            ),
            Err(_) => Expected::Unknown,
        },
        InputFormat::Csv if ends_inside_quotes(input) => Expected::Unknown,
        // A header whose quoted name runs past its line: the csv crate
        // reads on, qualify refuses a quote it cannot see closed as a
        // quote should be (docs/exports.md, "broken rows"): no claim.
        InputFormat::Csv
            if (input.split(|byte| *byte == b'\n').next()).is_some_and(|first| {
                first.iter().filter(|byte| **byte == b'"').count() % 2 == 1
            }) =>
        {
            Expected::Unknown
        }
        InputFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
            let header: Vec<String> = match reader.byte_headers() {
                Ok(header) => header
                    .iter()
                    .map(|name| String::from_utf8_lossy(name).trim().to_string())
                    .collect(),
                Err(_) => return Expected::Unknown,
            };
            // An empty input has no header: it is refused; so is one with
            // no column alike to a required field's (alike: the same
            // letters and digits, case aside). A column alike but not the
            // same may be taken, or refused as one of two alike: no claim.
            let alike = |a: &str, b: &str| {
                let letters = |text: &str| -> String {
                    (text.chars().filter(|c| c.is_alphanumeric()))
                        .flat_map(char::to_lowercase)
                        .collect()
                };
                letters(a) == letters(b)
            };
            let required = schema.fields.iter().filter(|field| !field.optional);
            if header.is_empty()
                || required
                    .clone()
                    .any(|field| !header.iter().any(|name| alike(name, &field.column)))
            {
                return Expected::Refused;
            }
            if required
                .clone()
                .any(|field| !header.contains(&field.column))
            {
                return Expected::Unknown;
            }
            let mut lines = Vec::new();
            for record in reader.byte_records() {
                match record {
                    Ok(record) if record.iter().flatten().any(|b| matches!(b, b'\r' | b'\n')) => {
                        return Expected::Unknown;
                    }
                    Ok(record) => lines.push(csv_line(input, record.position())),
                    Err(_) => return Expected::Unknown,
                }
            }
            Expected::Lines(lines)
        }
    }
}

/// The line of a record the csv crate read from `position`: the line of
/// its first value, after the line breaks the csv crate skips there (its
/// `Position::line` counts before them, and counts only line feeds).
fn csv_line(input: &[u8], position: Option<&csv::Position>) -> u64 {
    let from = position.map_or(0, |p| p.byte() as usize);
    let rest = input.get(from..).unwrap_or_default();
    let skipped = rest
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    1 + line_breaks(input.get(..from + skipped).unwrap_or_default())
}

/// Line breaks as an editor counts them: a CRLF is one.
fn line_breaks(bytes: &[u8]) -> u64 {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    text.matches(['\r', '\n']).count() as u64
}

/// Whether CSV input ends inside a quoted field: a quote at the start of a
/// field opens one, two quotes inside it are one, a lone quote closes it.
fn ends_inside_quotes(input: &[u8]) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut bytes = input.iter().peekable();
    while let Some(&byte) = bytes.next() {
        match (quoted, byte) {
            (true, b'"') if bytes.peek() == Some(&&b'"') => {
                bytes.next();
            }
            (true, b'"') => quoted = false,
            (true, _) => {}
            (false, b'"') if field_start => quoted = true,
            (false, b',' | b'\n' | b'\r') => {
                field_start = true;
                continue;
            }
            (false, _) => {}
        }
        field_start = false;
    }
    quoted
}

/// Evaluates every valid record as `qualify eval` does, renders every
/// record in each result format, and explains every valid one as
/// `qualify explain` does: the explanation's outcome must be the outcome.
pub fn evaluate_all(program: &Program, read: &[Record]) -> Vec<Option<Outcome>> {
    let mut scratch = Scratch::default();
    let mut text = String::new();
    let mut outcomes = Vec::new();
    for record in read {
        let outcome = record.is_valid().then(|| {
            let mut outcome = Outcome::default();
            program.evaluate_into(record, now(), &mut scratch, &mut outcome, true);
            let explanation = program.explain(record, now());
            assert_eq!(
                explanation.outcome,
                outcome,
                "explain and eval disagree on line {}",
                record.line()
            );
            let explained = qualify::render::explain::explain(program, record, &explanation, now());
            assert!(!explained.is_empty());
            outcome
        });
        for format in [ResultFormat::Jsonl, ResultFormat::Csv, ResultFormat::Table] {
            text.clear();
            qualify::render::results::record(program, record, outcome.as_ref(), format, &mut text);
        }
        outcomes.push(outcome);
    }
    outcomes
}
