//! The typed syntax tree of a policy file.
//!
//! Every node is wrapped in [`Spanned`], whose span takes no part in
//! equality: two trees that differ only in layout compare equal, which is
//! what the formatter's safety net and the sign-off digest rely on.
//! Clauses are kept in the order written; nothing here is resolved or
//! checked beyond what the grammar guarantees.

use std::ops::Deref;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

use crate::span::Span;
pub use crate::vocabulary::{
    ArithOp, ClockRange, ClockTime, DurationUnit, Period, SlaStatus, TextOp,
};

/// A node and where it was written.
#[derive(Clone, Copy)]
pub struct Spanned<T> {
    pub node: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(node: T, span: Span) -> Self {
        Spanned { node, span }
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
    }
}

/// Compact in snapshots: `12..15 "MQL"`.
impl<T: std::fmt::Debug> std::fmt::Debug for Spanned<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{} ", self.span.start, self.span.end)?;
        self.node.fmt(f)
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.node
    }
}

/// A name as written: a field, list, define, score, stage, calendar or party.
pub type Name = Spanned<String>;
/// A string literal, escapes resolved.
pub type Text = Spanned<String>;

/// A whole `.qual` file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyFile {
    pub items: Vec<Spanned<Item>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Policy(PolicyHeader),
    Fields(Vec<Spanned<Field>>),
    List(ListDef),
    Define(Define),
    Undesirable(Undesirable),
    Score(Score),
    Stage(Stage),
    Calendar(Calendar),
    Sla(Sla),
    Target(Target),
    Example(Example),
    Signoff(Signoff),
}

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyHeader {
    pub title: Text,
    pub entries: Vec<Spanned<HeaderEntry>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderEntry {
    Version(Text),
    Effective(Spanned<Date>),
    Party { name: Name, who: Text },
    Summary(Text),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: Name,
    pub ty: Spanned<FieldType>,
    pub optional: bool,
    pub description: Option<Text>,
    pub key: bool,
    pub set_by: Option<Name>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Text,
    Email,
    Number,
    Bool,
    Date,
    Time,
    OneOf(Vec<Spanned<Literal>>),
    ListOfText,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListDef {
    pub name: Name,
    pub description: Option<Text>,
    pub values: Vec<Spanned<Literal>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Define {
    pub name: Name,
    pub description: Option<Text>,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Undesirable {
    pub reason: Text,
    /// Empty: the undesirable disqualifies the lead from every stage.
    pub blocks: Vec<Name>,
    pub condition: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub name: Name,
    pub description: Option<Text>,
    pub cap: Option<Spanned<Number>>,
    pub rules: Vec<Spanned<ScoreRule>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRule {
    /// Signed: `-10` subtracts.
    pub points: Spanned<Number>,
    pub kind: ScoreRuleKind,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScoreRuleKind {
    /// `+N if CONDITION`
    If(Expr),
    /// `+N per QUANTITY [up to M]`
    Per {
        quantity: Expr,
        up_to: Option<Spanned<Number>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: Name,
    pub long_name: Text,
    pub clauses: Vec<Spanned<StageClause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StageClause {
    Owner(Name),
    After(Vec<Name>),
    Requires(Criterion),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub condition: Expr,
    pub description: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: Name,
    pub description: Option<Text>,
    pub clauses: Vec<Spanned<CalendarClause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CalendarClause {
    Timezone(Text),
    Hours {
        days: Vec<Spanned<DaySpan>>,
        ranges: Vec<Spanned<ClockRange>>,
    },
    Holiday {
        date: Spanned<Date>,
        description: Option<Text>,
    },
}

/// `mon`, or `mon-fri` (first to last, inclusive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DaySpan {
    pub first: Weekday,
    pub last: Option<Weekday>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sla {
    pub name: Text,
    pub description: Option<Text>,
    pub clauses: Vec<Spanned<SlaClause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SlaClause {
    Owner(Name),
    AppliesTo(Expr),
    FromTo {
        from: Name,
        to: Name,
    },
    Within {
        limit: Spanned<Duration>,
        calendar: Option<Name>,
    },
    Goal(Spanned<Number>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub name: Text,
    pub description: Option<Text>,
    pub clauses: Vec<Spanned<TargetClause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TargetClause {
    Owner(Name),
    /// `at least N STAGE per PERIOD by TIME_FIELD`
    Volume {
        count: Spanned<Number>,
        stage: Name,
        period: Spanned<Period>,
        by: Name,
    },
    /// `at least P% of STAGE reach STAGE [within DURATION]`
    Conversion {
        share: Spanned<Number>,
        from: Name,
        to: Name,
        within: Option<Spanned<Duration>>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub name: Text,
    pub like: Option<Text>,
    pub clauses: Vec<Spanned<ExampleClause>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExampleClause {
    Lead(Vec<Spanned<LeadValue>>),
    AsOf(Spanned<Instant>),
    Expect(Expectation),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadValue {
    pub field: Name,
    pub value: Spanned<Value>,
}

/// A value given to a field in an example lead.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Literal(Literal),
    List(Vec<Spanned<Literal>>),
    /// `missing`: the field has no value (overrides a `like` example's).
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Stage(Name),
    Reached(Name),
    NotReached(Name),
    Score {
        score: Name,
        value: Spanned<Number>,
    },
    Disqualified(Text),
    Undesirable(Text),
    Sla {
        sla: Text,
        status: Spanned<SlaStatus>,
    },
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signoff {
    pub party: Name,
    pub name: Text,
    pub date: Spanned<Date>,
    pub digest: Text,
}

// ── expressions ─────────────────────────────────────────────────────────────

pub type Expr = Spanned<ExprKind>;

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Literal(Literal),
    /// A list written in place: `count(["a", "b"])`.
    List(Vec<Spanned<Literal>>),
    /// A field, list, define, score or stage, resolved by the checker.
    Name(String),
    Now,
    Call {
        function: Name,
        args: Vec<Expr>,
    },
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Logic {
        op: Spanned<LogicOp>,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Arith {
        op: Spanned<ArithOp>,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    Compare {
        op: Spanned<CompareOp>,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `X between A and B`, inclusive.
    Between {
        value: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `X in LIST` / `X not in LIST`
    In {
        value: Box<Expr>,
        list: ListRef,
        negated: bool,
    },
    /// `X is present` / `X is missing` (and their `is not` forms).
    Presence {
        value: Box<Expr>,
        present: bool,
    },
    /// `X contains S`, `X starts with any LIST`, …
    TextTest {
        op: Spanned<TextOp>,
        value: Box<Expr>,
        pattern: TextPattern,
    },
    /// `X matches "regex"`
    Matches {
        value: Box<Expr>,
        pattern: Text,
    },
    /// `T within DURATION`
    Within {
        value: Box<Expr>,
        duration: Box<Expr>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
}

/// `is` and `is not` mean `==` and `!=`; the spelling is kept so the
/// formatter writes back what the author chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Is,
    IsNot,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TextPattern {
    One(Box<Expr>),
    Any(ListRef),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListRef {
    Named(Name),
    Literal(Spanned<Vec<Spanned<Literal>>>),
}

// ── literals ────────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Number(Number),
    Text(String),
    Bool(bool),
    Date(Date),
    Time(Instant),
    Duration(Duration),
}

/// A number as written; `percent` marks `75%`, whose value is 0.75.
#[derive(Clone, Copy, PartialEq)]
pub struct Number {
    pub written: f64,
    pub percent: bool,
}

impl Number {
    pub fn value(&self) -> f64 {
        if self.percent {
            self.written / 100.0
        } else {
            self.written
        }
    }
}

/// An RFC 3339 instant and the offset it was written with.
#[derive(Clone, Copy, PartialEq)]
pub struct Instant {
    pub timestamp: Timestamp,
    pub offset: Offset,
}

#[derive(Clone, Copy, PartialEq)]
pub struct Duration {
    pub amount: f64,
    pub unit: DurationUnit,
    /// `4 business hours`: counts only the open hours of a calendar.
    pub business: bool,
}

// Literals print as written, to keep syntax-tree snapshots readable.

impl std::fmt::Debug for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.written, if self.percent { "%" } else { "" })
    }
}

impl std::fmt::Debug for Instant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.timestamp.display_with_offset(self.offset))
    }
}

impl std::fmt::Debug for Duration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let business = if self.business { "business " } else { "" };
        write!(f, "{} {business}{:?}", self.amount, self.unit)
    }
}

impl ExprKind {
    /// Calls `visit` with every name the expression refers to (fields,
    /// lists, defines, scores, stages), in order.
    pub fn visit_names(&self, visit: &mut impl FnMut(&Name)) {
        let list = |list: &ListRef, visit: &mut dyn FnMut(&Name)| {
            if let ListRef::Named(name) = list {
                visit(name);
            }
        };
        match self {
            ExprKind::Literal(_) | ExprKind::List(_) | ExprKind::Now | ExprKind::Name(_) => {}
            ExprKind::Call { args, .. } => args.iter().for_each(|arg| arg.visit_names(visit)),
            ExprKind::Not(inner) | ExprKind::Negate(inner) => inner.visit_names(visit),
            ExprKind::Logic { lhs, rhs, .. }
            | ExprKind::Arith { lhs, rhs, .. }
            | ExprKind::Compare { lhs, rhs, .. } => {
                lhs.visit_names(visit);
                rhs.visit_names(visit);
            }
            ExprKind::Between { value, low, high } => {
                value.visit_names(visit);
                low.visit_names(visit);
                high.visit_names(visit);
            }
            ExprKind::In {
                value, list: names, ..
            } => {
                value.visit_names(visit);
                list(names, visit);
            }
            ExprKind::Presence { value, .. } | ExprKind::Matches { value, .. } => {
                value.visit_names(visit)
            }
            ExprKind::TextTest { value, pattern, .. } => {
                value.visit_names(visit);
                match pattern {
                    TextPattern::One(pattern) => pattern.visit_names(visit),
                    TextPattern::Any(names) => list(names, visit),
                }
            }
            ExprKind::Within { value, duration } => {
                value.visit_names(visit);
                duration.visit_names(visit);
            }
        }
    }
}

impl Spanned<ExprKind> {
    /// Every name the expression refers to, itself included when it is one.
    pub fn visit_names(&self, visit: &mut impl FnMut(&Name)) {
        if let ExprKind::Name(name) = &self.node {
            visit(&Spanned::new(name.clone(), self.span));
        }
        self.node.visit_names(visit);
    }
}
