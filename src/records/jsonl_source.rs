//! Lead records from JSON Lines: one JSON object per line. A missing key or
//! `null` is a missing value. Lines are read as bytes, after the encoding
//! `[export]` sets is decoded (see `encoding`): a line that is not UTF-8
//! text is one invalid record, and the lines around it still count.

use std::io::BufRead;

use serde_json::Value;

use super::{Record, Schema};

pub struct JsonLeads<R: BufRead> {
    input: R,
    line: u64,
}

/// A line as read (its number and bytes), before typing.
pub type JsonRow = (u64, Vec<u8>);

impl<R: BufRead> JsonLeads<R> {
    pub fn new(input: R) -> Self {
        JsonLeads { input, line: 0 }
    }

    /// Reads up to `max` non-blank lines into `batch`, reusing its
    /// memory; returns how many were read (0 at the end).
    pub fn next_batch(&mut self, batch: &mut Vec<JsonRow>, max: usize) -> Result<usize, String> {
        let mut count = 0;
        while count < max {
            if batch.len() == count {
                batch.push((0, Vec::new()));
            }
            let Some((line, text)) = batch.get_mut(count) else {
                break;
            };
            text.clear();
            // Not `read_line`: it fails on the first byte that is not
            // UTF-8, and the whole run with it.
            let read = self
                .input
                .read_until(b'\n', text)
                .map_err(|error| format!("cannot read the input: {error}"))?;
            if read == 0 {
                break;
            }
            self.line += 1;
            let blank = std::str::from_utf8(text).is_ok_and(|text| text.trim().is_empty());
            if !blank {
                *line = self.line;
                count += 1;
            }
        }
        Ok(count)
    }
}

/// The longest line read as a record: a record's values are kept in one
/// text addressed by 32-bit offsets, which even lower-cased (some letters
/// grow by half) a line of 1 GiB cannot overrun.
const MAX_LINE_BYTES: usize = 1 << 30;

/// Types one JSON line into `record`.
pub fn fill(schema: &Schema, (line, text): &JsonRow, record: &mut Record) {
    record.clear(*line, schema.fields.len());
    if text.len() > MAX_LINE_BYTES {
        return record
            .refuse("the line is longer than 1 GB, the most one record may be".to_string());
    }
    let text = match std::str::from_utf8(text) {
        Ok(text) => text,
        Err(error) => {
            return record.refuse(format!(
                "the line is not UTF-8 text (byte {} of the line is not UTF-8): {}",
                error.valid_up_to() + 1,
                super::encoding::NOT_UTF8
            ));
        }
    };
    let object = match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Object(object)) => object,
        Ok(_) => return record.refuse("the line is not a JSON object".to_string()),
        Err(error) => {
            if let Some(key) = key_in_broken_line(schema, text) {
                record.push_key(key);
            }
            return record.refuse(not_json(&error));
        }
    };
    for (index, field) in schema.fields.iter().enumerate() {
        match object.get(&field.column) {
            None | Some(Value::Null) => record.set(schema, index, None),
            Some(Value::String(text)) => record.set(schema, index, Some(text)),
            Some(Value::Array(items)) => {
                let entries: Vec<std::borrow::Cow<'_, str>> = (items.iter())
                    .map(|item| match item {
                        Value::String(text) => text.as_str().into(),
                        other => other.to_string().into(),
                    })
                    .collect();
                let entries: Vec<&str> = entries.iter().map(AsRef::as_ref).collect();
                record.set_entries(schema, index, &entries);
            }
            Some(other) => record.set(schema, index, Some(&other.to_string())),
        }
    }
}

/// What is wrong with a line that is not JSON, in words: serde's own
/// messages ("expected ident") name parts of its parser, not of the line.
fn not_json(error: &serde_json::Error) -> String {
    if error.is_eof() {
        return "the line is not valid JSON: it ends before the JSON object does (a closing \
                `}` or `\"` is missing)"
            .to_string();
    }
    let detail = error.to_string();
    let what = if detail.starts_with("expected ident") {
        "a word that is not `true`, `false` or `null` (a text needs double quotes)"
    } else if detail.starts_with("expected value") {
        "a value is missing or is not JSON (a text needs double quotes)"
    } else if detail.starts_with("trailing comma") {
        "a comma stands right before `}` or `]`"
    } else if detail.starts_with("key must be a string") {
        "a key is not in double quotes"
    } else if detail.starts_with("expected `:`") {
        "a key is not followed by `:`"
    } else if detail.starts_with("expected `,` or `}`") || detail.starts_with("expected `,` or `]`")
    {
        "a comma is missing between two values"
    } else if detail.starts_with("trailing characters") {
        "something follows the end of the object"
    } else if detail.starts_with("control character") {
        "a text holds a line break or tab that is not written as `\\n` or `\\t`"
    } else if detail.starts_with("invalid escape") {
        "a backslash in a text is not followed by a JSON escape"
    } else {
        "it does not follow JSON's rules"
    };
    format!(
        "the line is not valid JSON: at character {}, {what}",
        error.column()
    )
}

/// The key of a line that is not JSON, when it can still be read: a
/// `"column": "value"` pair with a plain text value, for results to name
/// the lead.
fn key_in_broken_line<'t>(schema: &Schema, text: &'t str) -> Option<&'t str> {
    let column = &schema.fields.get(schema.key?)?.column;
    let quoted = format!("\"{column}\"");
    let after = &text[text.find(&quoted)? + quoted.len()..];
    let value = after
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let end = value.find(['"', '\\'])?;
    value[end..].starts_with('"').then(|| value[..end].trim())
}
