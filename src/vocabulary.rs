//! The words the whole pipeline shares: small enums and values that the
//! language names and every later stage (the checked policy, evaluation,
//! rendering, SQL) uses as they are. They live below the syntax tree, so
//! no later stage needs to import the syntax to speak of them.

/// `09:00-18:00`; `24:00` is allowed as an end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockRange {
    pub start: ClockTime,
    pub end: ClockTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Week,
    Month,
    Quarter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaStatus {
    Met,
    Breached,
    Pending,
    NotApplicable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextOp {
    Contains,
    StartsWith,
    EndsWith,
}

impl TextOp {
    /// How the language writes the test.
    pub fn words(self) -> &'static str {
        match self {
            TextOp::Contains => "contains",
            TextOp::StartsWith => "starts with",
            TextOp::EndsWith => "ends with",
        }
    }
}

/// Conditions nested more deeply than this (after parentheses, `not`s and
/// chains of operators) are refused, so later stages can recurse safely.
pub const MAX_EXPRESSION_DEPTH: usize = 96;

/// Comparisons by meaning (`is` is `==`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    /// How the language writes the comparison.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// Whether `a OP b` holds.
    pub fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            CompareOp::Lt => a < b,
            CompareOp::Le => a <= b,
            CompareOp::Gt => a > b,
            CompareOp::Ge => a >= b,
        }
    }
}

/// How tightly each construct of a condition binds, loosest first: the one
/// precedence table. The parser builds its operator layers from it, and the
/// formatter and the plain-English renderer put parentheses where it says
/// an operand binds more loosely than its place needs. The grammar's rule
/// nesting (`condition` › `negation` › `predicate` › `arithmetic` ›
/// `signed_operand` › `atom`) must read the same; the syntax's tests hold
/// the two together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Binding {
    Or,
    And,
    Not,
    /// Comparisons and the other tests (`between`, `in`, `is present`,
    /// `contains`, `matches`, `within`): each takes arithmetic operands.
    Predicate,
    Sum,
    Product,
    Negate,
    /// Literals, names, calls, `now`, lists and anything in parentheses.
    Atom,
}

impl Binding {
    /// The binding an operand needs to stand unbracketed right of a
    /// left-associative operator of this binding, and on either side of a
    /// predicate: one step tighter.
    pub const fn tighter(self) -> Binding {
        match self {
            Binding::Or => Binding::And,
            Binding::And => Binding::Not,
            Binding::Not => Binding::Predicate,
            Binding::Predicate => Binding::Sum,
            Binding::Sum => Binding::Product,
            Binding::Product => Binding::Negate,
            Binding::Negate | Binding::Atom => Binding::Atom,
        }
    }
}

impl ArithOp {
    /// How the language writes the operator.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
        }
    }

    /// Where the operator stands in [`Binding`]: `* /` bind tighter than
    /// `+ -`.
    pub fn binding(self) -> Binding {
        match self {
            ArithOp::Add | ArithOp::Sub => Binding::Sum,
            ArithOp::Mul | ArithOp::Div => Binding::Product,
        }
    }
}

/// A text in double quotes, escaped so the language reads it back the same:
/// only the escapes it knows (`\"`, `\\`, `\n`, `\t`, `\u{…}`).
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Texts in double quotes, as the language writes them, separated by
/// commas: `"inbound", "event"` (for messages that list allowed values or
/// reasons).
pub fn strings<T: AsRef<str>>(texts: impl IntoIterator<Item = T>) -> String {
    let quoted: Vec<String> = (texts.into_iter())
        .map(|text| string(text.as_ref()))
        .collect();
    quoted.join(", ")
}

#[cfg(test)]
mod quoting_tests {
    use super::string;

    #[test]
    fn texts_are_quoted_with_the_languages_escapes() {
        for (text, written) in [
            ("plain", r#""plain""#),
            (r#"say "hi"\"#, r#""say \"hi\"\\""#),
            ("two\nlines\tand tab", r#""two\nlines\tand tab""#),
            (
                "carriage\r return, nul \0",
                r#""carriage\u{d} return, nul \u{0}""#,
            ),
            ("zero\u{200b}width é", "\"zero\u{200b}width é\""),
        ] {
            assert_eq!(string(text), written, "{text:?}");
        }
    }
}
