//! Text made safe for each language qualify writes: one escaper per output
//! language, so a name or message holding `<`, `"`, `|` or a control
//! character cannot break a report, a JUnit file, a results line or a CI
//! annotation. (A text in a policy's own quotes is written by
//! `crate::syntax::written::string`, below the formatter that needs it.)

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

/// Text for Markdown: characters that would start markup are escaped.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '|' | '<' | '[' | ']' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A JSON string, quotes included, appended to `out`.
pub fn json(text: &str, out: &mut String) {
    // serde_json's quoting: serialising a string cannot fail.
    out.push_str(&serde_json::Value::from(text).to_string());
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
    }

    #[test]
    fn json_strings_read_back_as_written() {
        let mut out = String::new();
        json(NASTY, &mut out);
        assert_eq!(
            serde_json::from_str::<String>(&out).ok().as_deref(),
            Some(NASTY)
        );
        assert!(!out.contains('\n') && !out.contains('\u{1}'), "{out}");
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
