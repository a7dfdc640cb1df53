//! Text made safe for each language qualify writes: one escaper per output
//! language (HTML, XML, Markdown, JSON, CSV, URI references, CI workflow
//! commands), so a name or message holding `<`, `"`, `|`, `,` or a control
//! character cannot break a report, a JUnit file, a results line or a CI
//! annotation. (A text in a policy's own quotes is written by
//! `crate::vocabulary::string`, below the formatter that needs it.)

use std::fmt::Write as _;

/// Text for HTML, in an element or a double-quoted attribute.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Text for XML 1.0, in an element or a double-quoted attribute. A
/// character XML 1.0 cannot hold at all, even as a reference (most control
/// characters), becomes U+FFFD, so the file stays well-formed; a carriage
/// return is written as a reference, which line-end handling keeps.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' | '\t' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Text for Markdown: characters that would start markup are escaped, and
/// a line break (a policy's text may hold one) becomes a space, so a text
/// cannot start a heading or a quote of its own.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\n' | '\r') {
            out.push(' ');
            continue;
        }
        if matches!(c, '\\' | '*' | '|' | '<' | '[' | ']' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A JSON string, quotes included, appended to `out` as serde_json writes
/// it. Written here, not through serde_json, so that results, which call
/// it a dozen times a lead, allocate nothing.
pub fn json(text: &str, out: &mut String) {
    out.push('"');
    let mut plain = 0;
    for (at, c) in text.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\u{8}' => "\\b",
            '\u{c}' => "\\f",
            '\u{0}'..='\u{1f}' => "",
            _ => continue,
        };
        out.push_str(&text[plain..at]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push_str(escaped);
        }
        plain = at + c.len_utf8();
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

/// A message of a GitHub Actions workflow command (`::error …::message`):
/// a line break would end the command early.
pub fn workflow_message(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property of a workflow command (`file=…,title=…`): also without the
/// `:` and `,` that separate properties.
pub fn workflow_property(text: &str) -> String {
    workflow_message(text)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Items joined by `separator` as one CSV field, quoted when it needs to be.
pub fn csv_joined<'a>(
    items: impl Iterator<Item = &'a str> + Clone,
    separator: &str,
    out: &mut String,
) {
    let count = items.clone().count();
    let needs_quotes = items.clone().enumerate().any(|(i, item)| {
        needs_quoting(item)
            || (i == 0 && item.starts_with(' '))
            || (i + 1 == count && item.ends_with(' '))
    });
    if needs_quotes {
        out.push('"');
    }
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        if needs_quotes {
            out.push_str(&item.replace('"', "\"\""));
        } else {
            out.push_str(item);
        }
    }
    if needs_quotes {
        out.push('"');
    }
}

/// A CSV field, quoted when it needs to be.
pub fn csv_field(text: &str, out: &mut String) {
    let needs_quotes = needs_quoting(text) || text.starts_with(' ') || text.ends_with(' ');
    if !needs_quotes {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Whether text holds a character that CSV must quote (looked for byte by
/// byte: all four are ASCII).
fn needs_quoting(text: &str) -> bool {
    text.bytes()
        .any(|byte| matches!(byte, b',' | b'"' | b'\n' | b'\r'))
}

/// A relative path as a URI reference: forward slashes, spaces escaped.
pub fn uri_reference(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NASTY: &str = "<a href=\"x\">Tom & \"Jerry\"</a>\r\n\t\u{1}\u{7f}|*`[x]\\ é % : ,";

    #[test]
    fn html_leaves_no_markup() {
        assert_eq!(
            html(NASTY),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;\r\n\t\u{1}\u{7f}|*`[x]\\ é % : ,"
        );
    }

    #[test]
    fn xml_stays_well_formed() {
        assert_eq!(
            xml(NASTY),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &quot;Jerry&quot;&lt;/a&gt;&#13;\n\t\u{fffd}\u{7f}|*`[x]\\ é % : ,"
        );
        assert_eq!(
            xml("\u{fffe}\u{ffff}\u{10000}"),
            "\u{fffd}\u{fffd}\u{10000}"
        );
    }

    #[test]
    fn markdown_escapes_what_starts_markup() {
        assert_eq!(
            markdown("a|b *c* `d` [e](f) <g> \\"),
            "a\\|b \\*c\\* \\`d\\` \\[e\\](f) \\<g> \\\\"
        );
        // A line break cannot start a heading in a list item.
        assert_eq!(markdown("x\n# Heading\r\n> q"), "x # Heading  > q");
    }

    #[test]
    fn json_strings_read_back_as_written() {
        let mut out = String::new();
        json("a\nb\u{1}\"\\é\u{8}", &mut out);
        // Worked out by hand from RFC 8259's escapes.
        assert_eq!(out, r#""a\nb\u0001\"\\é\b""#);
        for text in [NASTY, "", "plain", "\u{1f}\u{7f}\u{2028}"] {
            out.clear();
            json(text, &mut out);
            let serde = serde_json::Value::from(text).to_string();
            assert_eq!(out, serde, "written as serde_json writes it");
        }
        out.clear();
        json(NASTY, &mut out);
        assert_eq!(
            serde_json::from_str::<String>(&out).ok().as_deref(),
            Some(NASTY)
        );
        assert!(!out.contains('\n') && !out.contains('\u{1}'), "{out}");
    }

    #[test]
    fn csv_fields_are_quoted_when_they_must_be() {
        let field = |text: &str| {
            let mut out = String::new();
            csv_field(text, &mut out);
            out
        };
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(field(" padded"), "\" padded\"");
        let mut joined = String::new();
        csv_joined(["a", "b\"c", "d "].into_iter(), ";", &mut joined);
        assert_eq!(joined, "\"a;b\"\"c;d \"");
    }

    #[test]
    fn uri_references_have_no_spaces_or_backslashes() {
        assert_eq!(
            uri_reference("policies\\my policy 100%.qual"),
            "policies/my%20policy%20100%25.qual"
        );
    }

    #[test]
    fn workflow_commands_keep_to_one_line() {
        assert_eq!(
            workflow_message("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(workflow_property("a:b,c\n%"), "a%3Ab%2Cc%0A%25");
    }
}
