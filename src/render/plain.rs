//! Conditions in plain English, for people who never read the policy
//! syntax: "Company size (employees) is between 200 and 5,000". The rules
//! are documented in docs/agreement.md; in short:
//! - a field is named by its description, else by its name in words;
//!   a list by its description and its first values; a define by its
//!   description in quotes; a score as "the engagement score";
//! - `and`, `or` and `not` are words; a group of two simple conditions
//!   reads as English ("either A or B", "neither A nor B"), a longer or
//!   nested group becomes an "all of:" / "any of:" list, so the grouping
//!   is never ambiguous;
//! - `not` of a test says "is not …" / "does not …", which, like the
//!   policy, also holds when the value is not known.

use super::condition::duration_unit;
use crate::ir::{
    ArithOp, CompareOp, Define, Duration, Expr, ExprKind, Field, FieldType, Function, List, Policy,
    TextOp, Type, Value,
};

/// List values shown where a list is named, before "…".
const SHOWN_VALUES: usize = 3;

/// A condition in words: one sentence, or a group of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Phrase {
    Words(String),
    Group(Group, Vec<Phrase>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Every item holds.
    All,
    /// At least one item holds.
    Any,
    /// No item holds.
    NoneOf,
    /// Not every item holds.
    NotAll,
}

impl Group {
    fn heading(self) -> &'static str {
        match self {
            Group::All => "all of:",
            Group::Any => "any of:",
            Group::NoneOf => "none of:",
            Group::NotAll => "not all of:",
        }
    }
}

impl Phrase {
    /// Two plain sentences joined as English; `None` for anything longer.
    fn short(&self) -> Option<String> {
        match self {
            Phrase::Words(words) => Some(words.clone()),
            Phrase::Group(group, items) => match items.as_slice() {
                [Phrase::Words(a), Phrase::Words(b)] => Some(match group {
                    Group::All => format!("{a} and {b}"),
                    Group::Any => format!("either {a} or {b}"),
                    Group::NoneOf => format!("neither {a} nor {b}"),
                    Group::NotAll => format!("not both {a} and {b}"),
                }),
                _ => None,
            },
        }
    }

    /// On one line (table cells, diff lines): a long group as
    /// "all of: A; B; C", a long group inside it in parentheses.
    pub fn line(&self) -> String {
        if let Some(short) = self.short() {
            return short;
        }
        match self {
            Phrase::Words(words) => words.clone(),
            Phrase::Group(group, items) => {
                let parts: Vec<String> = items
                    .iter()
                    .map(|item| match item.short() {
                        Some(short) => short,
                        None => format!("({})", item.line()),
                    })
                    .collect();
                format!("{} {}", group.heading(), parts.join("; "))
            }
        }
    }

    /// As an outline of `(depth, text)` lines for nested bullet lists: a
    /// short phrase is one line, a long group its heading and its items.
    pub fn outline(&self) -> Vec<(usize, String)> {
        let mut lines = Vec::new();
        self.outline_into(0, &mut lines);
        lines
    }

    fn outline_into(&self, depth: usize, lines: &mut Vec<(usize, String)>) {
        match (self.short(), self) {
            (Some(short), _) => lines.push((depth, short)),
            (None, Phrase::Group(group, items)) => {
                lines.push((depth, group.heading().to_string()));
                for item in items {
                    item.outline_into(depth + 1, lines);
                }
            }
            (None, Phrase::Words(words)) => lines.push((depth, words.clone())),
        }
    }
}

/// A condition in words, on one line.
pub fn condition(policy: &Policy, expr: &Expr) -> String {
    phrase(policy, expr).line()
}

/// A condition in words, with its and/or/not structure.
pub fn phrase(policy: &Policy, expr: &Expr) -> Phrase {
    match &expr.kind {
        ExprKind::And(..) => group(policy, Group::All, expr),
        ExprKind::Or(..) => group(policy, Group::Any, expr),
        ExprKind::Not(inner) => match &inner.kind {
            ExprKind::And(..) => group(policy, Group::NotAll, inner),
            ExprKind::Or(..) => group(policy, Group::NoneOf, inner),
            ExprKind::Not(twice) => phrase(policy, twice),
            _ => Phrase::Words(test(policy, inner, true)),
        },
        _ => Phrase::Words(test(policy, expr, false)),
    }
}

/// The items of an `and` (or `or`) chain, flattened.
fn group(policy: &Policy, kind: Group, expr: &Expr) -> Phrase {
    fn collect<'e>(expr: &'e Expr, and: bool, out: &mut Vec<&'e Expr>) {
        match &expr.kind {
            ExprKind::And(lhs, rhs) if and => {
                collect(lhs, and, out);
                collect(rhs, and, out);
            }
            ExprKind::Or(lhs, rhs) if !and => {
                collect(lhs, and, out);
                collect(rhs, and, out);
            }
            _ => out.push(expr),
        }
    }
    let mut items = Vec::new();
    collect(expr, matches!(expr.kind, ExprKind::And(..)), &mut items);
    Phrase::Group(
        kind,
        items.into_iter().map(|item| phrase(policy, item)).collect(),
    )
}

/// One test (a comparison, a predicate, a yes/no value), or its negation.
fn test(policy: &Policy, expr: &Expr, negated: bool) -> String {
    let not = |yes: &str, no: &str| if negated { no } else { yes }.to_string();
    match &expr.kind {
        ExprKind::Const(Value::Bool(value)) => not(
            if *value { "always" } else { "never" },
            if *value { "never" } else { "always" },
        ),
        ExprKind::Field(id) => {
            let optional = policy.fields.get(id.0).is_some_and(|field| field.optional);
            let no = if optional { "is not yes" } else { "is no" };
            format!("{} {}", value(policy, expr), not("is yes", no))
        }
        ExprKind::Define(_) => format!("{}{}", not("", "not "), value(policy, expr)),
        ExprKind::Stage(id) => {
            let name = policy.stages.get(id.0).map_or("?", |stage| &stage.name);
            format!("the lead {} {name}", not("reached", "did not reach"))
        }
        ExprKind::Compare(op, lhs, rhs) => compare(policy, *op, lhs, rhs, negated),
        ExprKind::Between {
            value: v,
            low,
            high,
        } => format!(
            "{} {} {} and {}",
            subject(policy, v),
            not("is between", "is not between"),
            value(policy, low),
            value(policy, high)
        ),
        ExprKind::In {
            value: v,
            list,
            negated: not_in,
        } => {
            let (verb, unknown) = match (*not_in, negated) {
                (false, false) => ("is one of", ""),
                (true, false) | (false, true) => ("is not one of", ""),
                // `not (x not in L)` also holds when x is not known.
                (true, true) => ("is one of", ", or is not known"),
            };
            format!(
                "{} {verb} {}{unknown}",
                value(policy, v),
                value(policy, list)
            )
        }
        ExprKind::Presence { value: v, present } => format!(
            "{} {}",
            value(policy, v),
            if *present != negated {
                "is known"
            } else {
                "is not known"
            }
        ),
        ExprKind::TextTest {
            op,
            value: v,
            pattern,
            any,
        } => {
            let verb = match op {
                TextOp::Contains => not("contains", "does not contain"),
                TextOp::StartsWith => not("starts with", "does not start with"),
                TextOp::EndsWith => not("ends with", "does not end with"),
            };
            let one_of = if *any { "one of " } else { "" };
            format!(
                "{} {verb} {one_of}{}",
                value(policy, v),
                value(policy, pattern)
            )
        }
        ExprKind::Matches { value: v, pattern } => format!(
            "{} {} “{pattern}”",
            value(policy, v),
            not("matches the pattern", "does not match the pattern")
        ),
        ExprKind::Within { value: v, duration } => format!(
            "{} {} {}",
            value(policy, v),
            not("is within the last", "is not within the last"),
            value(policy, duration)
        ),
        ExprKind::And(..) | ExprKind::Or(..) | ExprKind::Not(_) => {
            let words = phrase(policy, expr).line();
            if negated {
                format!("not ({words})")
            } else {
                words
            }
        }
        _ => format!("{}{}", not("", "not "), value(policy, expr)),
    }
}

fn compare(policy: &Policy, op: CompareOp, lhs: &Expr, rhs: &Expr, negated: bool) -> String {
    // Scores are always numbers, so "not at least 60" is "less than 60".
    if let (Some(scores), ExprKind::Const(Value::Number(n))) = (score_sum(policy, lhs), &rhs.kind) {
        let op = if negated { opposite(op) } else { op };
        return format!("{scores} of {} {}", amount_words(op), number(*n));
    }
    // `demo_form == true` reads like `demo_form`.
    if let (ExprKind::Const(Value::Bool(value)), Type::Bool) = (&rhs.kind, lhs.ty) {
        let holds = *value == (op == CompareOp::Eq);
        return test(policy, lhs, holds == negated);
    }
    let relation = match (lhs.ty, op) {
        (_, CompareOp::Eq) => String::new(),
        (_, CompareOp::Ne) => "not ".to_string(),
        (Type::Date | Type::Time, CompareOp::Lt) => "before ".to_string(),
        (Type::Date | Type::Time, CompareOp::Le) => "on or before ".to_string(),
        (Type::Date | Type::Time, CompareOp::Gt) => "after ".to_string(),
        (Type::Date | Type::Time, CompareOp::Ge) => "on or after ".to_string(),
        (_, op) => format!("{} ", amount_words(op)),
    };
    let subject = subject(policy, lhs);
    let value = value(policy, rhs);
    match (negated, op) {
        (false, _) => format!("{subject} is {relation}{value}"),
        // `not (x != 5)` also holds when x is not known.
        (true, CompareOp::Ne) => format!("{subject} is {value}, or is not known"),
        (true, _) => format!("{subject} is not {relation}{value}"),
    }
}

fn amount_words(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "exactly",
        CompareOp::Ne => "other than",
        CompareOp::Lt => "less than",
        CompareOp::Le => "at most",
        CompareOp::Gt => "more than",
        CompareOp::Ge => "at least",
    }
}

fn opposite(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Eq => CompareOp::Ne,
        CompareOp::Ne => CompareOp::Eq,
        CompareOp::Lt => CompareOp::Ge,
        CompareOp::Le => CompareOp::Gt,
        CompareOp::Gt => CompareOp::Le,
        CompareOp::Ge => CompareOp::Lt,
    }
}

/// "engagement score", "combined engagement and fit score": a score or a
/// sum of scores, which read better as one noun.
fn score_sum(policy: &Policy, expr: &Expr) -> Option<String> {
    fn names<'p>(policy: &'p Policy, expr: &Expr, out: &mut Vec<&'p str>) -> bool {
        match &expr.kind {
            ExprKind::Score(id) => policy.scores.get(id.0).is_some_and(|score| {
                out.push(&score.name);
                true
            }),
            ExprKind::Arith(ArithOp::Add, lhs, rhs) => {
                names(policy, lhs, out) && names(policy, rhs, out)
            }
            _ => false,
        }
    }
    let mut found = Vec::new();
    if !names(policy, expr, &mut found) {
        return None;
    }
    Some(match found.as_slice() {
        [one] => format!("{one} score"),
        many => format!("combined {} score", series(many, "and")),
    })
}

/// "a, b and c"
pub fn series<S: AsRef<str>>(items: &[S], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., end] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {last} {}", init.join(", "), end.as_ref())
        }
    }
}

/// The subject of a comparison: a sum of scores reads "the combined … score".
fn subject(policy: &Policy, expr: &Expr) -> String {
    match score_sum(policy, expr) {
        Some(scores) => format!("the {scores}"),
        None => value(policy, expr),
    }
}

/// A value in words: a field, a list, a number, a computation.
pub fn value(policy: &Policy, expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Const(constant) => constant_words(constant),
        ExprKind::Field(id) => policy.fields.get(id.0).map_or("?".into(), field_noun),
        ExprKind::List(id) => policy.lists.get(id.0).map_or("?".into(), list_noun),
        ExprKind::Define(id) => policy.defines.get(id.0).map_or("?".into(), term),
        ExprKind::Score(id) => policy
            .scores
            .get(id.0)
            .map_or("?".into(), |score| format!("the {} score", score.name)),
        ExprKind::Stage(id) => policy
            .stages
            .get(id.0)
            .map_or("?".into(), |stage| format!("reached {}", stage.name)),
        ExprKind::Now => "now".to_string(),
        ExprKind::Negate(inner) => format!("minus {}", operand(policy, inner)),
        ExprKind::Arith(op, lhs, rhs) => match score_sum(policy, expr) {
            Some(scores) => format!("the {scores}"),
            None => arithmetic(policy, *op, lhs, rhs),
        },
        ExprKind::Call(function, args) => {
            let arg = |i: usize| args.get(i).map_or("?".into(), |arg| value(policy, arg));
            match function {
                Function::Domain => format!("the domain of {}", arg(0)),
                // Text comparisons ignore case anyway.
                Function::Lower => arg(0),
                Function::Length => format!("the length of {}", arg(0)),
                Function::DaysSince => format!("the number of days since {}", arg(0)),
                Function::Count => format!("the number of entries in {}", arg(0)),
            }
        }
        _ => phrase(policy, expr).line(),
    }
}

fn arithmetic(policy: &Policy, op: ArithOp, lhs: &Expr, rhs: &Expr) -> String {
    // `75% * length` is how a share is written.
    let share = |expr: &Expr| match expr.kind {
        ExprKind::Const(Value::Number(n)) if n > 0.0 && n < 1.0 => Some(n),
        _ => None,
    };
    match op {
        ArithOp::Mul => match (share(lhs), share(rhs)) {
            (Some(n), _) => format!("{} of {}", percent(n), operand(policy, rhs)),
            (_, Some(n)) => format!("{} of {}", percent(n), operand(policy, lhs)),
            _ => format!("{} times {}", operand(policy, lhs), operand(policy, rhs)),
        },
        ArithOp::Sub if lhs.ty == Type::Time => format!(
            "the time from {} to {}",
            operand(policy, rhs),
            operand(policy, lhs)
        ),
        ArithOp::Add => format!("{} plus {}", operand(policy, lhs), operand(policy, rhs)),
        ArithOp::Sub => format!("{} minus {}", operand(policy, lhs), operand(policy, rhs)),
        ArithOp::Div => format!(
            "{} divided by {}",
            operand(policy, lhs),
            operand(policy, rhs)
        ),
    }
}

/// A value inside arithmetic: nested arithmetic in parentheses, so
/// "(a plus b) times c" is not read as "a plus (b times c)".
fn operand(policy: &Policy, expr: &Expr) -> String {
    let words = value(policy, expr);
    if matches!(expr.kind, ExprKind::Arith(..)) && !words.starts_with("the ") {
        format!("({words})")
    } else {
        words
    }
}

/// How the agreement names a field, list, term or calendar: its
/// description, else its name in words.
pub fn named(description: &Option<String>, name: &str) -> String {
    description.clone().unwrap_or_else(|| words(name))
}

/// How a field is named: its description, else its name in words.
pub fn field_noun(field: &Field) -> String {
    named(&field.description, &field.name)
}

/// "the Free e-mail providers (gmail.com, yahoo.com, hotmail.com, …)"
/// A define as a term of the agreement: its description (else its name in
/// words), in quotes.
pub fn term(define: &Define) -> String {
    format!("“{}”", named(&define.description, &define.name))
}

pub fn list_noun(list: &List) -> String {
    let name = named(&list.description, &list.name);
    let mut shown: Vec<String> = list
        .values
        .iter()
        .take(SHOWN_VALUES)
        .map(list_value)
        .collect();
    if list.values.len() > SHOWN_VALUES {
        shown.push("…".to_string());
    }
    format!("the {name} ({})", shown.join(", "))
}

/// A list entry as shown in a list of values: texts without quotes.
pub fn list_value(value: &Value) -> String {
    match value {
        Value::Text(text) => text.clone(),
        other => constant_words(other),
    }
}

/// A name as words: `visited_pricing` → "visited pricing".
pub fn words(name: &str) -> String {
    name.replace('_', " ")
}

fn constant_words(value: &Value) -> String {
    match value {
        Value::Number(n) => number(*n),
        Value::Text(text) => format!("“{text}”"),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::Date(date) => date_words(*date),
        Value::Time(time) => time.to_string(),
        Value::Duration(duration) => duration_words(duration),
        Value::List(values) => {
            let shown: Vec<String> = values.iter().map(constant_words).collect();
            shown.join(", ")
        }
    }
}

/// "5,000", "1,234.5", "-10".
pub fn number(value: f64) -> String {
    crate::number::grouped(&crate::number::digits(value), ',', 4)
}

/// A share from 0 to 1 as "75%".
pub fn percent(share: f64) -> String {
    format!("{}%", number(share * 100.0))
}

/// "4 business hours", "1 day", "2 weeks".
pub fn duration_words(duration: &Duration) -> String {
    let (amount, unit) = duration_unit(duration);
    let business = if duration.business { "business " } else { "" };
    let plural = if amount == 1.0 { "" } else { "s" };
    format!("{} {business}{unit}{plural}", number(amount))
}

/// "1 February 2026"
pub fn date_words(date: jiff::civil::Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// How a field's values are described: "a number", "yes or no", "one of …".
pub fn field_kind(ty: &FieldType) -> String {
    match ty {
        FieldType::Text => "text".to_string(),
        FieldType::Email => "e-mail address".to_string(),
        FieldType::Number => "number".to_string(),
        FieldType::Bool => "yes or no".to_string(),
        FieldType::Date => "date".to_string(),
        FieldType::Time => "date and time".to_string(),
        FieldType::OneOf(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("“{v}”")).collect();
            format!("one of {}", series(&values, "or"))
        }
        FieldType::ListOfText => "list of texts".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each stage criterion of `criteria` (one per line) in words.
    fn rendered(criteria: &str) -> Vec<String> {
        let source = format!(
            r#"policy "P" {{ version "1" party marketing "M" }}
fields {{
  id text key
  email email?
  employees number? "Company size (employees)"
  demo_form bool
  webinar bool?
  title text?
  a bool  b bool  c bool  d bool
}}
list free "Free e-mail providers" = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"]
score engagement {{ +1 if demo_form }}
score fit {{ +1 if a }}
stage MQL "M" {{
{criteria}
}}"#
        );
        let parsed = crate::parse(&source);
        assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
        let checked = crate::check(&parsed.file);
        let policy = checked.policy.expect("checks");
        let stage = policy.stages.first().expect("a stage");
        stage
            .criteria
            .iter()
            .map(|criterion| phrase(&policy, &criterion.condition).line())
            .collect()
    }

    #[test]
    fn conditions_read_as_english() {
        let lines = rendered(
            "requires employees between 200 and 5000
             requires domain(email) in free
             requires engagement + fit >= 60
             requires not (engagement >= 60)
             requires demo_form and not webinar
             requires not demo_form
             requires a or b
             requires not (a or b)
             requires title starts with any [\"VP\", \"Chief\"]
             requires not (employees != 10)
             requires not (title not in [\"CEO\"])
             requires not (employees > 10)",
        );
        assert_eq!(
            lines,
            [
                "Company size (employees) is between 200 and 5,000",
                "the domain of email is one of the Free e-mail providers (gmail.com, yahoo.com, hotmail.com, …)",
                "combined engagement and fit score of at least 60",
                "engagement score of less than 60",
                "demo form is yes and webinar is not yes",
                "demo form is no",
                "either a is yes or b is yes",
                "neither a is yes nor b is yes",
                "title starts with one of “VP”, “Chief”",
                "Company size (employees) is 10, or is not known",
                "title is one of “CEO”, or is not known",
                "Company size (employees) is not more than 10",
            ]
        );
    }

    #[test]
    fn nested_groups_become_lists() {
        let lines = rendered("requires a and (b or c) and d");
        assert_eq!(
            lines,
            ["all of: a is yes; either b is yes or c is yes; d is yes"]
        );
        let source = rendered("requires (a and b) or (c and d and a)");
        assert_eq!(
            source,
            ["any of: a is yes and b is yes; (all of: c is yes; d is yes; a is yes)"]
        );
    }

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(number(5000.0), "5,000");
        assert_eq!(number(200.0), "200");
        assert_eq!(number(-1234567.5), "-1,234,567.5");
        assert_eq!(number(120000.0), "120,000");
        assert_eq!(percent(0.75), "75%");
        assert_eq!(percent(0.333), "33.3%");
    }
}
