//! How an export's bytes are laid out: its text encoding and the
//! character between its values, from `[export]` in qualify.toml.

use super::encoding::Encoding;
use crate::config;

/// The `[export]` settings the readers follow.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportFormat {
    pub encoding: Encoding,
    /// `None`: the one the header line uses (see `Delimiter::sniff`).
    pub delimiter: Option<Delimiter>,
}

impl ExportFormat {
    /// The settings `[export]` gives, checked.
    pub fn of(export: &config::Export) -> Result<ExportFormat, String> {
        let encoding = export.encoding.as_deref().map(Encoding::named);
        let delimiter = export.delimiter.as_deref().map(Delimiter::named);
        Ok(ExportFormat {
            encoding: encoding.transpose()?.unwrap_or_default(),
            delimiter: delimiter.transpose()?,
        })
    }
}

/// The character between the values of a CSV row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    /// Excel's in countries that write a decimal comma (`1,5`).
    Semicolon,
    Tab,
}

impl Delimiter {
    const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    fn named(name: &str) -> Result<Delimiter, String> {
        match name {
            "," => Ok(Delimiter::Comma),
            ";" => Ok(Delimiter::Semicolon),
            "tab" | "\t" => Ok(Delimiter::Tab),
            _ => Err(format!(
                "qualify.toml: [export] delimiter = \"{}\" is not one qualify reads; \
                 use \",\", \";\" or \"tab\"",
                name.escape_default()
            )),
        }
    }

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// As qualify.toml writes it.
    pub fn setting(self) -> &'static str {
        match self {
            Delimiter::Comma => ",",
            Delimiter::Semicolon => ";",
            Delimiter::Tab => "tab",
        }
    }

    /// As a sentence names it.
    pub fn words(self) -> &'static str {
        match self {
            Delimiter::Comma => "commas",
            Delimiter::Semicolon => "semicolons",
            Delimiter::Tab => "tabs",
        }
    }

    /// The delimiter the header line (the start of `head`) uses: the one
    /// that splits it into the most names of `columns`; among equals, the
    /// one that splits it into the most values (a comma when none does).
    /// Delimiters inside quotes do not count.
    pub fn sniff(head: &[u8], columns: &[&str]) -> Delimiter {
        let mut lines = head.split(|&byte| matches!(byte, b'\n' | b'\r'));
        let line = lines.next().unwrap_or_default();
        let score = |delimiter: Delimiter| {
            let names = names(line, delimiter.byte());
            let known = (names.iter())
                .filter(|name| columns.contains(&name.as_str()))
                .count();
            (known, names.len())
        };
        // `max_by_key` keeps the last of equals: the list goes backwards so
        // that a comma wins a tie.
        (Delimiter::ALL.into_iter().rev())
            .max_by_key(|delimiter| score(*delimiter))
            .unwrap_or(Delimiter::Comma)
    }
}

/// The names of a header line split at `delimiter` outside quotes,
/// without their quotes and the spaces around them.
fn names(line: &[u8], delimiter: u8) -> Vec<String> {
    let mut names = Vec::new();
    let mut name = Vec::new();
    let mut quoted = false;
    for &byte in line {
        match byte {
            b'"' => quoted = !quoted,
            _ if byte == delimiter && !quoted => names.push(std::mem::take(&mut name)),
            _ => name.push(byte),
        }
    }
    names.push(name);
    (names.iter())
        .map(|name| String::from_utf8_lossy(name).trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_tells_the_delimiter() {
        let columns = ["id", "employees", "title"];
        let sniff = |head: &[u8]| Delimiter::sniff(head, &columns);
        assert_eq!(
            sniff(b"id;employees;title\r\n1;2,5;x"),
            Delimiter::Semicolon
        );
        assert_eq!(sniff(b"id\temployees\ttitle\n"), Delimiter::Tab);
        assert_eq!(sniff(b"id,employees,title"), Delimiter::Comma);
        // Names with a comma in them: the semicolons still win.
        assert_eq!(sniff(b"\"id, CRM\";employees;title"), Delimiter::Semicolon);
        // No known name: the most values; none: a comma.
        assert_eq!(sniff(b"a;b;c,d"), Delimiter::Semicolon);
        assert_eq!(sniff(b"id"), Delimiter::Comma);
        assert_eq!(sniff(b""), Delimiter::Comma);
    }

    #[test]
    fn settings_are_checked() {
        let export = |encoding: &str, delimiter: &str| config::Export {
            encoding: Some(encoding.to_string()),
            delimiter: Some(delimiter.to_string()),
            ..config::Export::default()
        };
        let format = ExportFormat::of(&export("windows-1252", "tab")).expect("valid");
        assert_eq!(format.encoding, Encoding::Windows1252);
        assert_eq!(format.delimiter, Some(Delimiter::Tab));
        assert!(ExportFormat::of(&export("utf-8", "|")).is_err());
        assert!(ExportFormat::of(&export("utf-7", ",")).is_err());
    }
}
