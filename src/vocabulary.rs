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
