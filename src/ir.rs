//! The checked policy: every name resolved to what it denotes, every
//! expression typed. Later stages (evaluation, rendering, SQL) consume this
//! and never the syntax tree.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::span::Span;
use crate::vocabulary::{ClockRange, DurationUnit, Period, SlaStatus};

mod dependencies;
pub use dependencies::{Item, Reads};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub usize);
    )*};
}

/// The name of the `time` field that records when a lead reached a stage:
/// `mql_at` for MQL.
pub fn stage_time_field(stage: &str) -> String {
    format!("{}_at", stage.to_lowercase())
}

/// How evaluation reads a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Its value is compared, computed with or counted.
    Value,
    /// Only whether it is present.
    Presence,
}

ids!(
    /// A field of the lead record, by declaration order.
    FieldId,
    ListId,
    DefineId,
    ScoreId,
    /// A stage, by declaration order (which is evaluation order).
    StageId,
    CalendarId,
    PartyId,
);

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub title: String,
    pub version: Option<String>,
    pub effective: Option<Date>,
    pub summary: Option<String>,
    pub parties: Vec<Party>,
    pub fields: Vec<Field>,
    pub lists: Vec<List>,
    pub defines: Vec<Define>,
    pub undesirables: Vec<Undesirable>,
    pub scores: Vec<Score>,
    pub stages: Vec<Stage>,
    pub calendars: Vec<Calendar>,
    pub slas: Vec<Sla>,
    pub targets: Vec<Target>,
    pub examples: Vec<Example>,
    pub signoffs: Vec<Signoff>,
    /// The content's digest, `sha256:…` (see [`crate::signoff`]).
    pub digest: String,
}

impl Policy {
    /// The field results are reported by, if one is marked `key`.
    pub fn key(&self) -> Option<FieldId> {
        self.fields.iter().position(|field| field.key).map(FieldId)
    }

    pub fn field(&self, id: FieldId) -> &Field {
        &self.fields[id.0]
    }

    /// The time a lead reached a stage, when the policy records it: the
    /// `time` field named after the stage, as `mql_at` for MQL.
    pub fn stage_time(&self, stage: StageId) -> Option<FieldId> {
        let name = stage_time_field(&self.stages.get(stage.0)?.name);
        let field = self
            .fields
            .iter()
            .position(|field| field.name == name && field.ty == FieldType::Time)?;
        Some(FieldId(field))
    }

    /// How each field mentioned anywhere is read: for its value, or only
    /// to see whether it is present (`is present` / `is missing`).
    pub fn field_reads(&self) -> std::collections::HashMap<FieldId, Reading> {
        use std::collections::HashMap;
        fn visit(expr: &Expr, out: &mut HashMap<FieldId, Reading>) {
            match &expr.kind {
                ExprKind::Field(id) => {
                    out.insert(*id, Reading::Value);
                }
                ExprKind::Presence { value, .. } if matches!(value.kind, ExprKind::Field(_)) => {
                    if let ExprKind::Field(id) = value.kind {
                        out.entry(id).or_insert(Reading::Presence);
                    }
                }
                kind => kind.for_each_child(|child| visit(child, out)),
            }
        }
        let mut reads = HashMap::new();
        let exprs = self.conditions();
        for expr in exprs {
            visit(expr, &mut reads);
        }
        let timed = self.slas.iter().flat_map(|sla| [sla.from, sla.to]).chain(
            self.targets.iter().filter_map(|target| match target.kind {
                TargetKind::Volume { by, .. } => Some(by),
                TargetKind::Conversion { .. } => None,
            }),
        );
        let stage_times = self.targets.iter().flat_map(|target| match target.kind {
            TargetKind::Conversion { from, to, .. } => [self.stage_time(from), self.stage_time(to)],
            TargetKind::Volume { .. } => [None, None],
        });
        for field in timed.chain(stage_times.flatten()) {
            reads.insert(field, Reading::Value);
        }
        reads
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub name: String,
    pub who: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub span: Span,
    pub ty: FieldType,
    pub optional: bool,
    pub description: Option<String>,
    pub key: bool,
    pub set_by: Option<PartyId>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    Text,
    Email,
    Number,
    Bool,
    Date,
    Time,
    /// Text restricted to these values (compared ignoring case).
    OneOf(Vec<String>),
    ListOfText,
}

impl FieldType {
    /// The type of the field's value in expressions.
    pub fn value_type(&self) -> Type {
        match self {
            FieldType::Text | FieldType::OneOf(_) => Type::Text,
            FieldType::Email => Type::Email,
            FieldType::Number => Type::Number,
            FieldType::Bool => Type::Bool,
            FieldType::Date => Type::Date,
            FieldType::Time => Type::Time,
            FieldType::ListOfText => Type::TextList,
        }
    }
}

/// The type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Bool,
    Number,
    Text,
    /// Text that is an e-mail address (`domain(…)` applies).
    Email,
    Date,
    Time,
    Duration,
    TextList,
    NumberList,
}

impl Type {
    /// How the type is named to a policy author.
    pub fn describe(self) -> &'static str {
        match self {
            Type::Bool => "a yes/no condition",
            Type::Number => "a number",
            Type::Text => "a text",
            Type::Email => "an e-mail address",
            Type::Date => "a date",
            Type::Time => "a time",
            Type::Duration => "a duration",
            Type::TextList => "a list of texts",
            Type::NumberList => "a list of numbers",
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, Type::Text | Type::Email)
    }

    pub fn is_list(self) -> bool {
        matches!(self, Type::TextList | Type::NumberList)
    }

    /// The type of the entries of a list type.
    pub fn element(self) -> Option<Type> {
        match self {
            Type::TextList => Some(Type::Text),
            Type::NumberList => Some(Type::Number),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct List {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub values: Vec<Value>,
    /// The type of the entries (text when the list is empty).
    pub element: Type,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Define {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Undesirable {
    pub reason: String,
    pub span: Span,
    /// Empty: disqualifies from every stage.
    pub blocks: Vec<StageId>,
    pub condition: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub cap: Option<f64>,
    pub rules: Vec<ScoreRule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRule {
    /// Signed points: per condition met, or per unit.
    pub points: f64,
    pub kind: ScoreRuleKind,
    pub description: Option<String>,
    pub span: Span,
}

impl ScoreRule {
    /// The condition or quantity the rule reads.
    pub fn reads(&self) -> &Expr {
        match &self.kind {
            ScoreRuleKind::If(condition) => condition,
            ScoreRuleKind::Per { quantity, .. } => quantity,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScoreRuleKind {
    If(Expr),
    /// `points` per unit of `quantity`, at most `up_to` points in total
    /// (in absolute value).
    Per {
        quantity: Expr,
        up_to: Option<f64>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub name: String,
    pub long_name: String,
    pub span: Span,
    pub owner: Option<PartyId>,
    /// Any one of these stages reached (none given: no prerequisite).
    pub after: Vec<StageId>,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Criterion {
    pub condition: Expr,
    pub description: Option<String>,
    pub span: Span,
}

/// The days of the week by their index in [`Calendar::week`], Monday first.
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub timezone: jiff::tz::TimeZone,
    pub timezone_name: String,
    /// Opening hours per weekday, Monday first; ranges sorted, not overlapping.
    pub week: [Vec<ClockRange>; 7],
    pub holidays: Vec<Holiday>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holiday {
    pub date: Date,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sla {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub owner: Option<PartyId>,
    pub applies_to: Option<Expr>,
    pub from: FieldId,
    pub to: FieldId,
    pub within: Duration,
    pub calendar: Option<CalendarId>,
    /// Compliance goal, as a share from 0 to 1.
    pub goal: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub name: String,
    pub span: Span,
    pub description: Option<String>,
    pub owner: Option<PartyId>,
    pub kind: TargetKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    Volume {
        count: f64,
        stage: StageId,
        period: Period,
        by: FieldId,
    },
    /// `share` (0 to 1) of the leads reaching `from` also reach `to`.
    Conversion {
        share: f64,
        from: StageId,
        to: StageId,
        within: Option<Duration>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub name: String,
    pub span: Span,
    /// The lead, with `like` already applied: one entry per field given.
    pub lead: Vec<(FieldId, Option<Value>)>,
    pub as_of: Option<Timestamp>,
    pub expectations: Vec<(Expectation, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Stage(StageOutcome),
    Reached(StageId),
    NotReached(StageId),
    Score(ScoreId, f64),
    Disqualified(String),
    Undesirable(String),
    Sla(usize, SlaStatus),
    Invalid,
}

/// Where a lead ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageOutcome {
    Stage(StageId),
    None,
    Disqualified,
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signoff {
    pub party: PartyId,
    pub name: String,
    pub date: Date,
    pub digest: String,
    pub span: Span,
}

/// A duration; business durations count only a calendar's open hours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub seconds: f64,
    pub business: bool,
    /// `N business days`: due at the same local time N open days later,
    /// rather than after N × 24 open hours.
    pub business_days: Option<f64>,
}

impl Duration {
    pub fn new(amount: f64, unit: DurationUnit, business: bool) -> Self {
        let unit_seconds = match unit {
            DurationUnit::Minutes => 60.0,
            DurationUnit::Hours => 3_600.0,
            DurationUnit::Days => 86_400.0,
            DurationUnit::Weeks => 604_800.0,
        };
        Duration {
            seconds: amount * unit_seconds,
            business,
            business_days: (business && unit == DurationUnit::Days).then_some(amount),
        }
    }
}

/// A constant value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    Date(Date),
    Time(Timestamp),
    Duration(Duration),
    List(Vec<Value>),
}

// ── expressions ─────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Const(Value),
    Field(FieldId),
    List(ListId),
    Define(DefineId),
    /// The score's value (a number).
    Score(ScoreId),
    /// Whether the lead reached the stage.
    Stage(StageId),
    Now,
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Negate(Box<Expr>),
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    Compare(CompareOp, Box<Expr>, Box<Expr>),
    Between {
        value: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `value in list`; `list` has a list type.
    In {
        value: Box<Expr>,
        list: Box<Expr>,
        negated: bool,
    },
    Presence {
        value: Box<Expr>,
        present: bool,
    },
    TextTest {
        op: TextOp,
        value: Box<Expr>,
        pattern: Box<Expr>,
        /// `any`: `pattern` is a list, any entry may match.
        any: bool,
    },
    Matches {
        value: Box<Expr>,
        pattern: String,
    },
    Within {
        value: Box<Expr>,
        duration: Box<Expr>,
    },
    Call(Function, Vec<Expr>),
}

pub use crate::vocabulary::{ArithOp, TextOp};

pub use crate::vocabulary::CompareOp;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// The part of an e-mail address after the last `@`.
    Domain,
    Lower,
    /// Characters of a text, or entries of a list.
    Length,
    /// Whole days from a time to `now`.
    DaysSince,
    Count,
}

impl Function {
    pub const ALL: [(&'static str, Function); 5] = [
        ("domain", Function::Domain),
        ("lower", Function::Lower),
        ("length", Function::Length),
        ("days_since", Function::DaysSince),
        ("count", Function::Count),
    ];
}

impl ExprKind {
    /// Calls `visit` with each direct sub-expression.
    pub fn for_each_child<'e>(&'e self, mut visit: impl FnMut(&'e Expr)) {
        match self {
            ExprKind::Const(_)
            | ExprKind::Field(_)
            | ExprKind::List(_)
            | ExprKind::Define(_)
            | ExprKind::Score(_)
            | ExprKind::Stage(_)
            | ExprKind::Now => {}
            ExprKind::Not(inner) | ExprKind::Negate(inner) => visit(inner),
            ExprKind::And(lhs, rhs)
            | ExprKind::Or(lhs, rhs)
            | ExprKind::Arith(_, lhs, rhs)
            | ExprKind::Compare(_, lhs, rhs) => {
                visit(lhs);
                visit(rhs);
            }
            ExprKind::Between { value, low, high } => {
                visit(value);
                visit(low);
                visit(high);
            }
            ExprKind::In { value, list, .. } => {
                visit(value);
                visit(list);
            }
            ExprKind::Presence { value, .. } | ExprKind::Matches { value, .. } => visit(value),
            ExprKind::TextTest { value, pattern, .. } => {
                visit(value);
                visit(pattern);
            }
            ExprKind::Within { value, duration } => {
                visit(value);
                visit(duration);
            }
            ExprKind::Call(_, args) => args.iter().for_each(visit),
        }
    }
}
