//! Syntax errors in words: what was expected, what was found, and what to
//! change — never grammar rule names.

use pest::error::{ErrorVariant, InputLocation};

use super::grammar::Rule;
use super::scan::{open_blocks, open_brackets};
use crate::diagnostic::{Code, Diagnostic, catalog, did_you_mean};
use crate::span::{LineIndex, Span};

/// How a grammar rule is named in an error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Words {
    /// A literal token the grammar wanted (`,`, `)`, `and`, …).
    Token(String),
    /// A keyword token, written as is; carries no content of its own.
    Keyword(&'static str),
    /// A rule that starts with this keyword (`owner …`, `requires …`).
    Clause(&'static str),
    /// A brace or `=` that only delimits.
    Punctuation(&'static str),
    /// Something the author writes, described in words.
    Thing(&'static str),
    /// A way to continue a condition (`and`, `==`, `+`, …): listed together.
    Continuation,
    /// An item of the policy (`stage`, `score`, …): listed together.
    Item(&'static str),
}

/// Names every grammar rule in words, family by family.
pub(crate) fn describe(rule: Rule) -> Words {
    policy_words(rule)
        .or_else(|| condition_words(rule))
        .or_else(|| keyword(rule).map(Words::Keyword))
        // Never shown: every rule is in one family (the test below).
        .unwrap_or(Words::Thing("something else"))
}

/// The file's layout, the items and their clauses.
fn policy_words(rule: Rule) -> Option<Words> {
    use Words::*;
    let words = match rule {
        Rule::EOI => Thing("the end of the file"),
        Rule::file | Rule::item => Thing("an item such as `stage` or `score`"),
        Rule::WHITESPACE => Thing("a space"),
        Rule::COMMENT => Thing("a comment"),
        Rule::block_open => Punctuation("{"),
        Rule::block_close => Punctuation("}"),
        Rule::description => Thing("a description in quotes"),
        Rule::policy_item => Item("policy"),
        Rule::header_entry => Thing("`version`, `effective`, `party` or `summary`"),
        Rule::version_entry => Clause("version"),
        Rule::effective_entry => Clause("effective"),
        Rule::party_entry => Clause("party"),
        Rule::summary_entry => Clause("summary"),
        Rule::fields_item => Item("fields"),
        Rule::field_decl => Thing("a field such as `employees number`"),
        Rule::field_type | Rule::simple_type | Rule::one_of_type | Rule::list_of_type => Thing(
            "a field type (`text`, `email`, `number`, `bool`, `date`, `time`, `one of [\"a\", \"b\"]` or `list of text`)",
        ),
        Rule::optional_mark => Thing("`?`"),
        Rule::key_modifier => Clause("key"),
        Rule::set_by_modifier => Clause("set by"),
        Rule::list_item => Item("list"),
        Rule::define_item => Item("define"),
        Rule::assign => Punctuation("="),
        Rule::undesirable_item => Item("undesirable"),
        Rule::blocks_clause => Clause("blocks"),
        Rule::score_item => Item("score"),
        Rule::score_cap => Thing("`up to` and a number"),
        Rule::score_rule | Rule::points => Thing("a score rule such as `+10 if demo_form`"),
        Rule::if_rule => Clause("if"),
        Rule::per_rule => Clause("per"),
        Rule::stage_item => Item("stage"),
        Rule::stage_long_name => {
            Thing("the stage's long name in quotes, such as \"Marketing qualified lead\"")
        }
        Rule::stage_clause => Thing("`owner`, `after` or `requires`"),
        Rule::owner_clause => Clause("owner"),
        Rule::after_clause => Clause("after"),
        Rule::requires_clause => Clause("requires"),
        Rule::calendar_item => Item("calendar"),
        Rule::calendar_clause => Thing("`timezone`, `hours` or `holiday`"),
        Rule::timezone_clause => Clause("timezone"),
        Rule::hours_clause => Clause("hours"),
        Rule::day_set | Rule::day_span | Rule::weekday => {
            Thing("days such as `mon-fri` or `sat,sun` (mon, tue, wed, thu, fri, sat, sun)")
        }
        Rule::clock_range | Rule::clock => Thing("opening hours such as `09:00-18:00`"),
        Rule::holiday_clause => Clause("holiday"),
        Rule::sla_item => Item("sla"),
        Rule::sla_clause => Thing("`owner`, `applies to`, `from`, `within` or `for at least`"),
        Rule::applies_clause => Clause("applies to"),
        Rule::from_clause => Clause("from"),
        Rule::within_clause => Clause("within"),
        Rule::goal_clause => Clause("for at least"),
        Rule::target_item => Item("target"),
        Rule::target_clause => Thing("`owner` or `at least`"),
        Rule::volume_clause | Rule::conversion_clause => Clause("at least"),
        Rule::period => Thing("`week`, `month` or `quarter`"),
        Rule::example_item => Item("example"),
        Rule::like_clause => Clause("like"),
        Rule::example_clause => Thing("`lead`, `as of` or `expect`"),
        Rule::lead_block => Clause("lead"),
        Rule::lead_value => Thing("a field and its value, such as `employees 800`"),
        Rule::missing_value => Clause("missing"),
        Rule::as_of_clause => Clause("as of"),
        Rule::expectation => Clause("expect"),
        Rule::expect_stage
        | Rule::expect_reached
        | Rule::expect_not_reached
        | Rule::expect_score
        | Rule::expect_disqualified
        | Rule::expect_undesirable
        | Rule::expect_sla
        | Rule::expect_invalid => Thing(
            "what to expect: `stage`, `reached`, `not reached`, `score`, `disqualified`, `undesirable`, `sla` or `invalid`",
        ),
        Rule::sla_status => Thing("`met`, `breached`, `pending` or `n/a`"),
        Rule::signoff_item => Item("signoff"),
        _ => return None,
    };
    Some(words)
}

/// Conditions, values and what they are written with.
fn condition_words(rule: Rule) -> Option<Words> {
    use Words::*;
    let words = match rule {
        Rule::condition | Rule::negation | Rule::predicate => {
            Thing("a condition such as `demo_form` or `employees > 200`")
        }
        Rule::arithmetic | Rule::signed_operand | Rule::atom | Rule::call => {
            Thing("a value: a field or other name, a number, a text in quotes, or `(`")
        }
        Rule::logic_op
        | Rule::op_or
        | Rule::op_and
        | Rule::predicate_tail
        | Rule::between_test
        | Rule::membership_test
        | Rule::presence_test
        | Rule::text_test
        | Rule::matches_test
        | Rule::within_test
        | Rule::comparison
        | Rule::compare_op
        | Rule::arith_op
        | Rule::op_add
        | Rule::op_sub
        | Rule::op_mul
        | Rule::op_div => Continuation,
        Rule::op_not => Clause("not"),
        Rule::op_neg => Thing("`-`"),
        Rule::presence => Thing("`present` or `missing`"),
        Rule::text_op => Thing("`contains`, `starts with` or `ends with`"),
        Rule::any_of => Clause("any"),
        Rule::list_ref => Thing("a list name or a list in brackets such as `[\"CTO\", \"CFO\"]`"),
        Rule::now => Clause("now"),
        Rule::literal | Rule::quantity => {
            Thing("a value such as `42`, `75%`, `\"text\"`, `true` or `2026-02-01`")
        }
        Rule::literal_list | Rule::list_entry => {
            Thing("a list in brackets such as `[\"a\", \"b\"]`")
        }
        Rule::value => Thing("a value such as `42`, `\"text\"`, `true` or `2026-02-01`"),
        Rule::negative_number | Rule::signed_number | Rule::number | Rule::number_text => {
            Thing("a number")
        }
        Rule::percentage => Thing("a percentage such as `40%`"),
        Rule::duration | Rule::duration_amount => {
            Thing("a duration such as `4 hours` or `2 business days`")
        }
        Rule::business => Clause("business"),
        Rule::duration_unit => Thing("a time unit: `minutes`, `hours`, `days` or `weeks`"),
        Rule::business_unit => Thing("`minutes`, `hours` or `days` (business time has no weeks)"),
        Rule::date => Thing("a date such as `2026-02-01`"),
        Rule::timestamp => Thing("a time such as `2026-03-02T09:00:00Z`"),
        Rule::boolean => Thing("`true` or `false`"),
        Rule::string | Rule::string_text => Thing("a text in quotes"),
        Rule::ident_char => Thing("a letter, digit or `_`"),
        Rule::name => Thing("a name"),
        Rule::reserved => Thing("a word of the language"),
        _ => return None,
    };
    Some(words)
}

/// A keyword rule's word, as written.
fn keyword(rule: Rule) -> Option<&'static str> {
    let word = match rule {
        Rule::kw_policy => "policy",
        Rule::kw_version => "version",
        Rule::kw_effective => "effective",
        Rule::kw_party => "party",
        Rule::kw_summary => "summary",
        Rule::kw_fields => "fields",
        Rule::kw_one => "one of",
        Rule::kw_of => "of",
        Rule::kw_list => "list",
        Rule::kw_text => "text",
        Rule::kw_key => "key",
        Rule::kw_set => "set by",
        Rule::kw_by => "by",
        Rule::kw_define => "define",
        Rule::kw_undesirable => "undesirable",
        Rule::kw_blocks => "blocks",
        Rule::kw_if => "if",
        Rule::kw_score => "score",
        Rule::kw_up => "up to",
        Rule::kw_to => "to",
        Rule::kw_per => "per",
        Rule::kw_stage => "stage",
        Rule::kw_owner => "owner",
        Rule::kw_after => "after",
        Rule::kw_requires => "requires",
        Rule::kw_calendar => "calendar",
        Rule::kw_timezone => "timezone",
        Rule::kw_hours => "hours",
        Rule::kw_holiday => "holiday",
        Rule::kw_sla => "sla",
        Rule::kw_applies => "applies to",
        Rule::kw_from => "from",
        Rule::kw_within => "within",
        Rule::kw_on => "on",
        Rule::kw_for => "for",
        Rule::kw_at => "at least",
        Rule::kw_least => "least",
        Rule::kw_leads => "leads",
        Rule::kw_target => "target",
        Rule::kw_reach => "reach",
        Rule::kw_example => "example",
        Rule::kw_like => "like",
        Rule::kw_lead => "lead",
        Rule::kw_as => "as of",
        Rule::kw_expect => "expect",
        Rule::kw_reached => "reached",
        Rule::kw_disqualified => "disqualified",
        Rule::kw_invalid => "invalid",
        Rule::kw_signoff => "signoff",
        Rule::kw_digest => "digest",
        Rule::kw_or => "or",
        Rule::kw_and => "and",
        Rule::kw_not => "not",
        Rule::kw_is => "is",
        Rule::kw_in => "in",
        Rule::kw_contains => "contains",
        Rule::kw_starts => "starts with",
        Rule::kw_ends => "ends with",
        Rule::kw_with => "with",
        Rule::kw_any => "any",
        Rule::kw_matches => "matches",
        Rule::kw_between => "between",
        Rule::kw_missing => "missing",
        Rule::kw_now => "now",
        _ => return None,
    };
    Some(word)
}

/// Words that can never be names (they mirror `reserved` in the grammar).
pub const RESERVED_WORDS: &[&str] = &[
    "and", "or", "not", "is", "in", "contains", "starts", "ends", "with", "matches", "any",
    "between", "present", "missing", "within", "true", "false", "now", "if", "per", "up", "to",
    "blocks", "requires", "after", "key", "set", "business",
];

/// The keywords that start an item, for spelling suggestions and resyncing.
pub const ITEM_KEYWORDS: &[&str] = &[
    "policy",
    "fields",
    "list",
    "define",
    "undesirable",
    "score",
    "stage",
    "calendar",
    "sla",
    "target",
    "example",
    "signoff",
];

/// What the parser met where it stopped.
struct Found<'s> {
    span: Span,
    text: &'s str,
}

impl Found<'_> {
    fn at(source: &str, pos: usize) -> Found<'_> {
        let rest = source.get(pos..).unwrap_or_default();
        let len = match rest.chars().next() {
            None => 0,
            Some('"') => rest[1..]
                .find(['"', '\n'])
                .map_or(rest.len(), |end| end + 2),
            Some(c) if c.is_alphanumeric() || c == '_' => rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len()),
            Some(c) if "=!<>".contains(c) => rest
                .find(|c: char| !"=!<>".contains(c))
                .unwrap_or(rest.len()),
            Some(c) => c.len_utf8(),
        };
        Found {
            span: Span::new(pos, pos + len),
            text: &rest[..len],
        }
    }

    fn is_word(&self) -> bool {
        self.text
            .starts_with(|c: char| c.is_alphabetic() || c == '_')
    }

    fn is_number(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
    }

    fn describe(&self) -> String {
        match self.text {
            "" => "the end of the file".to_string(),
            text if text.starts_with('"') => "a text in quotes".to_string(),
            text => format!("`{text}`"),
        }
    }
}

/// Turns a pest error on `source[offset..]` into a diagnostic about the whole file.
pub(crate) fn syntax_error(
    source: &str,
    offset: usize,
    error: &pest::error::Error<Rule>,
) -> Diagnostic {
    let local = match error.location {
        InputLocation::Pos(pos) => pos,
        InputLocation::Span((start, _)) => start,
    };
    let pos = offset + local;
    let positives = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let mut expected: Vec<Words> = positives.iter().map(|rule| describe(*rule)).collect();
    // pest names only rules; the tokens it tried (`,`, `)`) come from its
    // parse attempts, which may also reach further than the rules did.
    let mut at = pos;
    if let Some(attempts) = error.parse_attempts() {
        let tokens = attempts
            .expected_tokens()
            .into_iter()
            .map(|token| token.to_string())
            .filter(|token| is_token(token));
        let tokens: Vec<String> = tokens.collect();
        if offset + attempts.max_position > pos && !tokens.is_empty() {
            at = offset + attempts.max_position;
            expected = tokens.into_iter().map(Words::Token).collect();
        } else {
            let closers = tokens
                .into_iter()
                .filter(|token| matches!(token.as_str(), ")" | "]" | ","));
            expected.extend(closers.map(Words::Token));
        }
    }
    explain(source, &Found::at(source, at), &expected)
}

fn explain(source: &str, found: &Found<'_>, expected: &[Words]) -> Diagnostic {
    let expects_continuation = expected.contains(&Words::Continuation);
    let expects_close = expected.contains(&Words::Punctuation("}"));
    let block = open_blocks(source, found.span.start)
        .last()
        .map(|&brace| Block::at(source, brace));

    if found.text.starts_with('=') && found.text != "==" && expects_continuation {
        return single_equals(found);
    }
    if found.text == "%" {
        return Diagnostic::new(
            &catalog::SYNTAX_ERROR,
            found.span,
            "`%` must follow its number directly",
        )
        .with_label("remove the space before `%`")
        .with_help("write percentages without a space, as in `75%`");
    }
    if let Some(closer @ (")" | "]")) = Some(found.text)
        && unmatched(source, found.span.start, closer)
    {
        let opener = if closer == ")" { "(" } else { "[" };
        return Diagnostic::new(
            &catalog::SYNTAX_ERROR,
            found.span,
            format!("this `{closer}` has no matching `{opener}`"),
        )
        .with_label(format!("no `{opener}` is open here"))
        .with_help(format!(
            "remove this `{closer}`, or add the `{opener}` it was meant to close"
        ));
    }
    if found.is_number() && expected.contains(&describe(Rule::score_rule)) {
        return Diagnostic::new(&catalog::UNSIGNED_POINTS, found.span, "score points need a sign")
            .with_label(format!("write `+{0}` or `-{0}`", found.text))
            .with_help(format!(
                "start each score rule with `+` to add points or `-` to subtract them, as in `+{} if demo_form`",
                found.text
            ));
    }
    if let Some(block) = &block {
        let starts_item = found.is_word() && ITEM_KEYWORDS.contains(&found.text);
        if expects_close && (found.text.is_empty() || starts_item) {
            return block.unclosed(found);
        }
    }
    let wants_name = [Rule::name, Rule::condition, Rule::arithmetic]
        .iter()
        .any(|rule| expected.contains(&describe(*rule)));
    if found.is_word() && wants_name && RESERVED_WORDS.contains(&found.text) {
        return Diagnostic::new(
            &catalog::RESERVED_WORD,
            found.span,
            format!(
                "`{}` is a word of the language and cannot be a name",
                found.text
            ),
        )
        .with_label("used as a name here")
        .with_help(format!(
            "choose another name, such as `{}_value`; these words are reserved: {}",
            found.text,
            RESERVED_WORDS.join(", ")
        ));
    }
    let keywords: Vec<&str> = expected
        .iter()
        .filter_map(|words| match words {
            Words::Keyword(keyword) | Words::Clause(keyword) | Words::Item(keyword) => {
                Some(*keyword)
            }
            Words::Token(token) if token.starts_with(char::is_alphabetic) => Some(token.as_str()),
            _ => None,
        })
        .collect();
    if found.is_word()
        && let Some(suggestion) = did_you_mean(found.text, keywords.iter().copied())
    {
        return Diagnostic::new(
            &catalog::UNKNOWN_KEYWORD,
            found.span,
            format!(
                "unknown word `{}`; did you mean `{suggestion}`?",
                found.text
            ),
        )
        .with_label(format!("did you mean `{suggestion}`?"))
        .with_help(format!(
            "write `{suggestion}`{}",
            block
                .map(|b| format!(" (in {})", b.name))
                .unwrap_or_default()
        ));
    }
    generic(found, expected, block.as_ref())
}

fn single_equals(found: &Found<'_>) -> Diagnostic {
    let (message, label, help) = match found.text {
        "=>" => (
            "`=>` is not a comparison; write `>=`",
            "write `>=`",
            "`>=` means at least, `<=` at most",
        ),
        "=<" => (
            "`=<` is not a comparison; write `<=`",
            "write `<=`",
            "`>=` means at least, `<=` at most",
        ),
        _ => (
            "`=` compares nothing here; use `==` or `is`",
            "use `==` or `is`",
            "to compare two values write `==` or `is`, as in `lead_source is \"inbound\"`; `=` only names a list or define",
        ),
    };
    Diagnostic::new(&catalog::SINGLE_EQUALS, found.span, message)
        .with_label(label)
        .with_help(help)
}

fn generic(found: &Found<'_>, expected: &[Words], block: Option<&Block>) -> Diagnostic {
    let mut things: Vec<String> = Vec::new();
    // Between items any item may start: say so once instead of listing twelve keywords.
    let top_level = expected.contains(&Words::Thing("the end of the file"));
    let is_item = |words: &Words| match words {
        Words::Item(_) => true,
        Words::Keyword(keyword) => top_level && ITEM_KEYWORDS.contains(keyword),
        _ => false,
    };
    if expected.iter().any(is_item) {
        things.push("a new item such as `stage`, `score` or `define`".to_string());
    }
    for words in expected.iter().filter(|words| !is_item(words)) {
        let thing = match words {
            Words::Keyword(keyword) | Words::Clause(keyword) | Words::Punctuation(keyword) => {
                format!("`{keyword}`")
            }
            Words::Token(token) => format!("`{token}`"),
            Words::Thing(thing) => (*thing).to_string(),
            Words::Continuation | Words::Item(_) => continue,
        };
        if !things.contains(&thing) {
            things.push(thing);
        }
    }
    if expected.contains(&Words::Continuation) {
        things.push("more of the condition (`and`, `or`, `==`, `+`, …)".to_string());
    }
    let code: &'static Code = &catalog::SYNTAX_ERROR;
    let within = block
        .map(|block| format!(" in {}", block.name))
        .unwrap_or_default();
    let mut diagnostic = Diagnostic::new(
        code,
        found.span,
        format!(
            "expected {}{within}, found {}",
            or_list(&things),
            found.describe()
        ),
    )
    .with_label(format!("{} is not expected here", found.describe()));
    if found.text == "}" && block.is_none() {
        diagnostic = diagnostic
            .with_help("this `}` closes nothing; remove it, or add the `{` it was meant to close");
    } else if let Some(block) = block {
        diagnostic = diagnostic.with_note(block.header, format!("{} starts here", block.name));
    }
    diagnostic
}

/// Whether a `)` or `]` at `at` closes nothing.
fn unmatched(source: &str, at: usize, closer: &str) -> bool {
    let (open, close) = if closer == ")" {
        ('(', ')')
    } else {
        ('[', ']')
    };
    open_brackets(source, at, open, close).is_empty()
}

/// A token worth naming: punctuation or a lowercase word, not white space,
/// `#` or a character range.
fn is_token(token: &str) -> bool {
    matches!(
        token,
        "(" | ")" | "[" | "]" | "{" | "}" | "," | "=" | "-" | ":" | "?" | "%"
    ) || (!token.is_empty() && token.chars().all(|c| c.is_ascii_lowercase() || c == '/'))
}

/// "a, b or c"
fn or_list(things: &[String]) -> String {
    match things {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A `{ … }` block open where the parser stopped.
struct Block {
    /// "stage `MQL`", "the `fields` block", …
    name: String,
    header: Span,
    brace: Span,
    line: usize,
}

impl Block {
    fn at(source: &str, brace: usize) -> Block {
        let line_start = source[..brace].rfind('\n').map_or(0, |at| at + 1);
        let header_text = &source[line_start..brace];
        let indent = header_text.len() - header_text.trim_start().len();
        let mut words = header_text.split_whitespace();
        let name = match (words.next(), words.next()) {
            (Some("policy"), _) => "the policy header".to_string(),
            (Some("fields"), _) => "the `fields` block".to_string(),
            (Some("lead"), _) => "the example's `lead`".to_string(),
            (Some(kind), Some(name)) if name.starts_with('"') => {
                let quoted = header_text.split('"').nth(1).unwrap_or_default();
                format!("{kind} \"{quoted}\"")
            }
            (Some(kind), Some(name)) => format!("{kind} `{name}`"),
            (Some(kind), None) => format!("`{kind}`"),
            (None, _) => "this block".to_string(),
        };
        let (line, _) = LineIndex::new(source).line_col(source, brace);
        Block {
            name,
            header: Span::new(line_start + indent, brace + 1),
            brace: Span::new(brace, brace + 1),
            line,
        }
    }

    fn unclosed(&self, found: &Found<'_>) -> Diagnostic {
        let message = format!(
            "expected `}}` to close {} (opened on line {})",
            self.name, self.line
        );
        let label = if found.text.is_empty() {
            "the file ends here".to_string()
        } else {
            format!("{} starts here, inside {}", found.describe(), self.name)
        };
        Diagnostic::new(&catalog::UNCLOSED_BLOCK, found.span, message)
            .with_label(label)
            .with_note(self.brace, "opened here")
            .with_help(format!("add `}}` where {} ends", self.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `describe` is split by family, so the compiler no longer checks
    /// that a new grammar rule is named: this does, and that no rule is
    /// named twice.
    #[test]
    fn every_rule_is_named_by_one_family() {
        for &rule in Rule::all_rules() {
            let families = [
                policy_words(rule).is_some(),
                condition_words(rule).is_some(),
                keyword(rule).is_some(),
            ];
            let named = families.iter().filter(|named| **named).count();
            assert_eq!(named, 1, "{rule:?} is named by {named} families");
        }
    }
}
