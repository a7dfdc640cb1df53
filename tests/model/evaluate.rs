//! The reference model: what a lead's outcome is, written straight from
//! the documented rules (docs/language.md, "What a policy means", and the
//! rules of the issue "The language means exactly what the guide says"),
//! by plain recursion over the checked policy. Nothing is remembered and
//! nothing is compiled: clarity over speed. It never calls `qualify::eval`.
//!
//! While it evaluates, the model notes each documented rule that decided
//! something in a way a simpler reading would not (a number equal only to
//! 15 digits, a lower case longer than the text, …). Those notes name the
//! area a mismatch is in; they never change a result.

use std::cell::RefCell;
use std::collections::BTreeSet;

use jiff::Timestamp;
use jiff::civil::Date;
use qualify::ir::{
    ArithOp, CompareOp, Expr, ExprKind, FieldType, Function, Policy, ScoreRuleKind, TextOp, Type,
    Value,
};

use super::generate::Lead;
use super::{Outcome, StageOutcome};

/// A present value. Texts are kept trimmed but as written: comparisons
/// fold case themselves, and `length` and `matches` read them as written.
#[derive(Debug, Clone)]
enum Val {
    Bool(bool),
    Num(f64),
    Text(String),
    Date(Date),
    Time(Timestamp),
    /// Seconds.
    Dur(f64),
    Texts(Vec<String>),
    Nums(Vec<f64>),
}

const DAY_NANOS: i128 = 86_400 * 1_000_000_000;

/// Evaluates one lead: its outcome, and the areas of the documented rules
/// that decided it (see the module comment).
pub fn evaluate(policy: &Policy, lead: &Lead, now: Timestamp) -> (Outcome, BTreeSet<&'static str>) {
    let notes = RefCell::new(BTreeSet::new());
    let Some(cells) = read(policy, lead, &notes) else {
        return (Outcome::invalid(), notes.into_inner());
    };
    let model = Model {
        policy,
        cells,
        now,
        today: jiff::tz::Offset::UTC.to_datetime(now).date(),
        notes,
    };
    let matched: Vec<usize> = (0..policy.undesirables.len())
        .filter(|u| model.test(&policy.undesirables[*u].condition))
        .collect();
    let reached: Vec<usize> = (0..policy.stages.len())
        .filter(|s| model.reached(*s))
        .collect();
    let stage = if model.disqualified() {
        StageOutcome::Disqualified
    } else {
        reached.last().map_or(StageOutcome::None, |s| {
            StageOutcome::Stage(policy.stages[*s].name.clone())
        })
    };
    let outcome = Outcome {
        stage,
        reached: reached
            .iter()
            .map(|s| policy.stages[*s].name.clone())
            .collect(),
        undesirables: (matched.iter())
            .map(|u| policy.undesirables[*u].reason.clone())
            .collect(),
        scores: (0..policy.scores.len())
            .map(|s| (policy.scores[s].name.clone(), model.score(s)))
            .collect(),
    };
    (outcome, model.notes.into_inner())
}

/// Text as comparisons see it: trimmed, fully lower-cased.
fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// Text as a simpler reading would see it (ASCII case only, untrimmed):
/// only used to note where trimming and Unicode case decide.
fn naive_fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// Numbers are equal when they differ by at most 5 × 10⁻¹⁶ of the larger
/// (docs/language.md, "Numbers": about 15 significant digits).
pub const NUMBER_TOLERANCE: f64 = 5e-16;

/// Numbers are equal as the guide defines it.
fn num_eq(a: f64, b: f64, notes: &RefCell<BTreeSet<&'static str>>) -> bool {
    let equal = (a - b).abs() <= NUMBER_TOLERANCE * a.abs().max(b.abs());
    if equal && a != b {
        notes.borrow_mut().insert("numbers: equal to 15 digits");
    }
    equal
}

fn num_compare(op: CompareOp, a: f64, b: f64, notes: &RefCell<BTreeSet<&'static str>>) -> bool {
    let equal = num_eq(a, b, notes);
    match op {
        CompareOp::Eq => equal,
        CompareOp::Ne => !equal,
        CompareOp::Lt => a < b && !equal,
        CompareOp::Le => a < b || equal,
        CompareOp::Gt => a > b && !equal,
        CompareOp::Ge => a > b || equal,
    }
}

/// Each field's value, or `None` when the record is invalid (a value that
/// does not fit its type, or a required value missing).
fn read(
    policy: &Policy,
    lead: &Lead,
    notes: &RefCell<BTreeSet<&'static str>>,
) -> Option<Vec<Option<Val>>> {
    policy
        .fields
        .iter()
        .map(|field| {
            let raw = lead
                .iter()
                .find(|(name, _)| *name == field.name)
                .and_then(|(_, value)| value.as_deref());
            let text = raw.map(str::trim).filter(|text| !text.is_empty());
            if raw.is_some() && text.is_none() {
                notes
                    .borrow_mut()
                    .insert("text: whitespace-only cell is missing");
            }
            let Some(text) = text else {
                return field.optional.then_some(None);
            };
            let value = match &field.ty {
                FieldType::Text | FieldType::Email => Val::Text(text.to_string()),
                FieldType::OneOf(values) => {
                    let folded = fold(text);
                    values
                        .iter()
                        .any(|value| fold(value) == folded)
                        .then(|| Val::Text(text.to_string()))?
                }
                FieldType::Number => Val::Num(text.parse::<f64>().ok().filter(|n| n.is_finite())?),
                FieldType::Bool => match text.to_lowercase().as_str() {
                    "true" | "yes" | "1" => Val::Bool(true),
                    "false" | "no" | "0" => Val::Bool(false),
                    _ => return None,
                },
                FieldType::Date => Val::Date(text.parse().ok()?),
                FieldType::Time => Val::Time(text.parse().ok()?),
                FieldType::ListOfText => {
                    if text.contains(',') {
                        notes
                            .borrow_mut()
                            .insert("lists: split on `,` as well as `;`");
                    }
                    Val::Texts(
                        text.split([';', ','])
                            .map(str::trim)
                            .filter(|entry| !entry.is_empty())
                            .map(String::from)
                            .collect(),
                    )
                }
            };
            Some(Some(value))
        })
        .collect()
}

struct Model<'p> {
    policy: &'p Policy,
    cells: Vec<Option<Val>>,
    now: Timestamp,
    /// The calendar day of `now` in UTC: dates are compared by day.
    today: Date,
    notes: RefCell<BTreeSet<&'static str>>,
}

impl Model<'_> {
    fn note(&self, area: &'static str) {
        self.notes.borrow_mut().insert(area);
    }

    /// Whether two texts are equal ignoring case and surrounding spaces.
    fn same_text(&self, a: &str, b: &str) -> bool {
        let same = fold(a) == fold(b);
        if same != (naive_fold(a) == naive_fold(b)) {
            self.note("text: trimming and full Unicode lower case");
        }
        same
    }

    fn disqualified(&self) -> bool {
        self.policy
            .undesirables
            .iter()
            .any(|u| u.blocks.is_empty() && self.test(&u.condition))
    }

    /// Not disqualified, not blocked, a prerequisite reached (when there
    /// are any), and every criterion holds.
    fn reached(&self, index: usize) -> bool {
        let stage = &self.policy.stages[index];
        let blocked = self
            .policy
            .undesirables
            .iter()
            .any(|u| u.blocks.iter().any(|b| b.0 == index) && self.test(&u.condition));
        let otherwise = !self.disqualified()
            && (stage.after.is_empty() || stage.after.iter().any(|a| self.reached(a.0)))
            && stage.criteria.iter().all(|c| self.test(&c.condition));
        if blocked && otherwise {
            self.note("stages: blocked by a scoped undesirable");
        }
        otherwise && !blocked
    }

    /// The sum of the rules' points, then the score's own cap.
    fn score(&self, index: usize) -> f64 {
        let score = &self.policy.scores[index];
        let mut total = 0.0;
        for rule in &score.rules {
            total += match &rule.kind {
                ScoreRuleKind::If(condition) => {
                    if self.test(condition) {
                        rule.points
                    } else {
                        0.0
                    }
                }
                ScoreRuleKind::Per { quantity, up_to } => match self.number(quantity) {
                    None => 0.0,
                    Some(units) => {
                        let earned = rule.points * units;
                        match up_to {
                            Some(most) if rule.points >= 0.0 => self.at_most(earned, *most),
                            Some(most) => {
                                let limited = -self.at_most(-earned, *most);
                                if limited != earned {
                                    self.note("scores: a negative `per` rule is limited to -M");
                                }
                                limited
                            }
                            None => earned,
                        }
                    }
                },
            };
        }
        if total != round9(total) {
            self.note("numbers: no rounding (score total)");
        }
        match score.cap {
            Some(cap) => {
                if total < 0.0 {
                    self.note("scores: a cap leaves negative totals alone");
                }
                self.at_most(total, cap)
            }
            None => total,
        }
    }

    /// `value`, lowered to `most` when above it.
    fn at_most(&self, value: f64, most: f64) -> f64 {
        if num_compare(CompareOp::Gt, value, most, &self.notes) {
            most
        } else {
            value
        }
    }

    /// A condition: true or false, never missing.
    fn test(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Not(inner) => !self.test(inner),
            ExprKind::And(lhs, rhs) => self.test(lhs) && self.test(rhs),
            ExprKind::Or(lhs, rhs) => self.test(lhs) || self.test(rhs),
            ExprKind::Stage(id) => self.reached(id.0),
            ExprKind::Compare(op, lhs, rhs) => {
                let (Some(a), Some(b)) = (self.value(lhs), self.value(rhs)) else {
                    return false;
                };
                self.compare(*op, &a, &b)
            }
            ExprKind::Between { value, low, high } => {
                let (Some(v), Some(l), Some(h)) =
                    (self.value(value), self.value(low), self.value(high))
                else {
                    return false;
                };
                self.compare(CompareOp::Ge, &v, &l) && self.compare(CompareOp::Le, &v, &h)
            }
            ExprKind::In {
                value,
                list,
                negated,
            } => {
                // A missing value (or list field) is in nothing and not in
                // anything either.
                let (Some(v), Some(l)) = (self.value(value), self.value(list)) else {
                    if *negated {
                        self.note("lists: `not in` with a missing value or list field");
                    }
                    return false;
                };
                self.is_in(&v, &l) != *negated
            }
            ExprKind::Presence { value, present } => self.value(value).is_some() == *present,
            ExprKind::TextTest {
                op,
                value,
                pattern,
                any,
            } => {
                let (Some(v), Some(p)) = (self.value(value), self.value(pattern)) else {
                    return false;
                };
                let pieces = match (&p, any) {
                    (Val::Texts(pieces), true) => pieces.clone(),
                    (Val::Text(piece), false) => vec![piece.clone()],
                    _ => panic!("the checker types a text test's pattern: {p:?}"),
                };
                pieces.iter().any(|piece| self.text_test(*op, &v, piece))
            }
            ExprKind::Matches { value, pattern } => {
                let Some(Val::Text(text)) = self.value(value) else {
                    return false;
                };
                let regex = regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                    .expect("the checker accepted the pattern");
                let as_written = regex.is_match(&text);
                if as_written != regex.is_match(&text.to_lowercase()) {
                    self.note("text: `matches` reads the value as written");
                }
                as_written
            }
            ExprKind::Within { value, duration } => {
                let (Some(v), Some(Val::Dur(limit))) = (self.value(value), self.value(duration))
                else {
                    return false;
                };
                let ago = match v {
                    Val::Time(time) => self.seconds_since(time),
                    Val::Date(date) => {
                        let by_day = self.days_between(self.today, date) * 86_400.0;
                        // Read as midnight UTC instead, the answer may differ.
                        let midnight = self.seconds_since(
                            jiff::tz::Offset::UTC
                                .to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
                                .expect("a day near now is a UTC instant"),
                        );
                        if (0.0..=limit).contains(&by_day) != (0.0..=limit).contains(&midnight) {
                            self.note("time: a date is compared by UTC day");
                        }
                        by_day
                    }
                    other => panic!("the checker types `within`: {other:?}"),
                };
                if ago == 0.0 || ago == limit {
                    self.note("time: `within` includes both ends");
                }
                (0.0..=limit).contains(&ago)
            }
            // A field, define or constant that holds true or false.
            _ => matches!(self.value(expr), Some(Val::Bool(true))),
        }
    }

    fn compare(&self, op: CompareOp, a: &Val, b: &Val) -> bool {
        match (a, b) {
            (Val::Num(a), Val::Num(b)) => num_compare(op, *a, *b, &self.notes),
            (Val::Text(a), Val::Text(b)) => {
                let equal = self.same_text(a, b);
                match op {
                    CompareOp::Eq => equal,
                    CompareOp::Ne => !equal,
                    _ => panic!("the checker orders no texts"),
                }
            }
            (Val::Bool(a), Val::Bool(b)) => op.holds(a, b),
            (Val::Date(a), Val::Date(b)) => op.holds(a, b),
            (Val::Time(a), Val::Time(b)) => op.holds(a, b),
            (Val::Dur(a), Val::Dur(b)) => op.holds(a, b),
            _ => panic!("the checker compares values of one kind: {a:?} {b:?}"),
        }
    }

    /// `value in list`; a `list of text` value is in the list when one of
    /// its entries is.
    fn is_in(&self, value: &Val, list: &Val) -> bool {
        match (value, list) {
            (Val::Num(n), Val::Nums(entries)) => {
                entries.iter().any(|e| num_eq(*n, *e, &self.notes))
            }
            (Val::Text(text), Val::Texts(entries)) => {
                entries.iter().any(|e| self.same_text(text, e))
            }
            (Val::Texts(texts), Val::Texts(_)) => texts
                .iter()
                .any(|text| self.is_in(&Val::Text(text.clone()), list)),
            _ => panic!("the checker types `in`: {value:?} {list:?}"),
        }
    }

    fn text_test(&self, op: TextOp, value: &Val, piece: &str) -> bool {
        if fold(piece).is_empty() {
            self.note("empty piece: every text starts with, ends with and contains \"\"");
        }
        let test = |text: &str, piece: &str| match op {
            TextOp::Contains => text.contains(piece),
            TextOp::StartsWith => text.starts_with(piece),
            TextOp::EndsWith => text.ends_with(piece),
        };
        match value {
            // `contains` on a list: the list has that entry.
            Val::Texts(entries) => entries.iter().any(|e| self.same_text(e, piece)),
            Val::Text(text) => {
                let holds = test(&fold(text), &fold(piece));
                if holds != test(&naive_fold(text), &naive_fold(piece)) {
                    self.note("text: trimming and full Unicode lower case");
                }
                holds
            }
            other => panic!("the checker types text tests: {other:?}"),
        }
    }

    fn seconds_since(&self, time: Timestamp) -> f64 {
        (self.now.as_nanosecond() - time.as_nanosecond()) as f64 / 1e9
    }

    fn days_between(&self, later: Date, earlier: Date) -> f64 {
        let span = later
            .since(earlier)
            .expect("dates near the evaluation day are a span apart");
        f64::from(span.get_days())
    }

    fn number(&self, expr: &Expr) -> Option<f64> {
        match self.value(expr)? {
            Val::Num(n) => Some(n),
            other => panic!("the checker types numbers: {other:?}"),
        }
    }

    /// Any expression's value; `None` when missing.
    fn value(&self, expr: &Expr) -> Option<Val> {
        match &expr.kind {
            ExprKind::Const(value) => Some(constant(value)),
            ExprKind::Field(id) => self.cells[id.0].clone(),
            ExprKind::List(id) => Some(constant(&Value::List(
                self.policy.lists[id.0].values.clone(),
            ))),
            // A define stands for what it names (the generator never asks
            // whether a define of a bool field is missing: see `generate`).
            ExprKind::Define(id) => self.value(&self.policy.defines[id.0].value),
            ExprKind::Score(id) => Some(Val::Num(self.score(id.0))),
            ExprKind::Now => Some(Val::Time(self.now)),
            ExprKind::Negate(inner) => match self.value(inner)? {
                Val::Num(n) => Some(Val::Num(-n)),
                Val::Dur(d) => Some(Val::Dur(-d)),
                other => panic!("the checker negates numbers and durations: {other:?}"),
            },
            ExprKind::Arith(op, lhs, rhs) => {
                let (a, b) = (self.value(lhs)?, self.value(rhs)?);
                self.arithmetic(*op, a, b)
            }
            ExprKind::Call(function, args) => self.call(*function, &args[0]),
            _ if expr.ty == Type::Bool => Some(Val::Bool(self.test(expr))),
            other => panic!("no value for {other:?}"),
        }
    }

    fn arithmetic(&self, op: ArithOp, a: Val, b: Val) -> Option<Val> {
        use ArithOp::{Add, Div, Mul, Sub};
        Some(match (op, a, b) {
            (_, Val::Num(a), Val::Num(b)) => {
                let value = match op {
                    Add => a + b,
                    Sub => a - b,
                    Mul => a * b,
                    Div if b == 0.0 => {
                        self.note("numbers: division by zero is missing");
                        return None;
                    }
                    Div => a / b,
                };
                if value != round9(value) {
                    self.note("numbers: no rounding (arithmetic)");
                }
                Val::Num(value)
            }
            (Sub, Val::Time(a), Val::Time(b)) => {
                Val::Dur((a.as_nanosecond() - b.as_nanosecond()) as f64 / 1e9)
            }
            (Sub, Val::Date(a), Val::Date(b)) => Val::Dur(self.days_between(a, b) * 86_400.0),
            (Add | Sub, Val::Time(t), Val::Dur(d)) => {
                let d = if op == Sub { -d } else { d };
                Val::Time(shift(t, d)?)
            }
            (Add, Val::Dur(d), Val::Time(t)) => Val::Time(shift(t, d)?),
            (Add, Val::Dur(a), Val::Dur(b)) => Val::Dur(a + b),
            (Sub, Val::Dur(a), Val::Dur(b)) => Val::Dur(a - b),
            (Mul, Val::Dur(d), Val::Num(n)) | (Mul, Val::Num(n), Val::Dur(d)) => Val::Dur(d * n),
            (Div, Val::Dur(d), Val::Num(n)) => {
                if n == 0.0 {
                    return None;
                }
                Val::Dur(d / n)
            }
            (op, a, b) => panic!("the checker allows no {op:?} of {a:?} and {b:?}"),
        })
    }

    fn call(&self, function: Function, arg: &Expr) -> Option<Val> {
        let value = self.value(arg)?;
        Some(match (function, value) {
            // Comparisons ignore case anyway: `lower(x)` is x.
            (Function::Lower, text) => text,
            (Function::Domain, Val::Text(email)) => {
                let (_, domain) = email.rsplit_once('@')?;
                if domain.is_empty() {
                    self.note("empty piece: the domain of `x@` is an empty text");
                }
                Val::Text(domain.to_string())
            }
            (Function::Length, Val::Text(text)) => {
                let length = text.chars().count();
                if length != text.to_lowercase().chars().count() {
                    self.note("text: `length` counts the value as written");
                }
                Val::Num(length as f64)
            }
            (Function::Length | Function::Count, Val::Texts(entries)) => {
                Val::Num(entries.len() as f64)
            }
            (Function::Length | Function::Count, Val::Nums(entries)) => {
                Val::Num(entries.len() as f64)
            }
            (Function::DaysSince, Val::Time(time)) => {
                let nanos = self.now.as_nanosecond() - time.as_nanosecond();
                // Rounding toward zero would differ only here.
                if nanos < 0 && nanos % DAY_NANOS != 0 {
                    self.note("time: `days_since` rounds down (future and fractions)");
                }
                Val::Num(nanos.div_euclid(DAY_NANOS) as f64)
            }
            (Function::DaysSince, Val::Date(date)) => Val::Num(self.days_between(self.today, date)),
            (function, value) => panic!("the checker allows no {function:?} of {value:?}"),
        })
    }
}

/// A time moved by a duration in seconds (whole seconds in generated
/// policies); `None` past the range of times.
fn shift(time: Timestamp, seconds: f64) -> Option<Timestamp> {
    Timestamp::from_nanosecond(time.as_nanosecond() + (seconds * 1e9).round() as i128).ok()
}

/// What the product rounded results to before the documented rules (nine
/// decimals); only used to note where "no rounding" decides.
fn round9(value: f64) -> f64 {
    (value * 1e9).round() / 1e9
}

fn constant(value: &Value) -> Val {
    match value {
        Value::Number(n) => Val::Num(*n),
        Value::Text(text) => Val::Text(text.clone()),
        Value::Bool(b) => Val::Bool(*b),
        Value::Date(date) => Val::Date(*date),
        Value::Time(time) => Val::Time(*time),
        Value::Duration(duration) => Val::Dur(duration.seconds),
        Value::List(values) => {
            let texts: Vec<String> = values
                .iter()
                .filter_map(|v| match v {
                    Value::Text(text) => Some(text.clone()),
                    _ => None,
                })
                .collect();
            if texts.len() == values.len() {
                Val::Texts(texts)
            } else {
                Val::Nums(
                    values
                        .iter()
                        .map(|v| match v {
                            Value::Number(n) => *n,
                            other => panic!("a list holds texts or numbers: {other:?}"),
                        })
                        .collect(),
                )
            }
        }
    }
}
