//! The checked policy compiled once into closures over record slots:
//! constants lower-cased, lists as hash sets, patterns compiled. Each IR
//! type compiles to its own kind of closure, so evaluation never asks what
//! type a value has.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use jiff::civil::Date;
use memchr::memmem;

use super::Ctx;
use crate::ir::{
    ArithOp, CompareOp, Define, Expr, ExprKind, Function, Item, Policy, TextOp, Type, Value,
};
use crate::number;
use crate::records::Cell;

pub(super) type Test = Box<dyn Fn(&Ctx<'_>) -> bool + Send + Sync>;
pub(super) type Num = Box<dyn Fn(&Ctx<'_>) -> Option<f64> + Send + Sync>;
pub(super) type Text = Box<dyn for<'r> Fn(&Ctx<'r>) -> Option<&'r str> + Send + Sync>;
pub(super) type Time = Box<dyn Fn(&Ctx<'_>) -> Option<Timestamp> + Send + Sync>;
pub(super) type Day = Box<dyn Fn(&Ctx<'_>) -> Option<Date> + Send + Sync>;
/// Seconds; business durations never reach a condition (the checker refuses them).
pub(super) type Span = Box<dyn Fn(&Ctx<'_>) -> Option<f64> + Send + Sync>;
/// A define's value, worked out at most once per lead (see [`Remembered`]).
pub(super) type DefineCode = Box<dyn Fn(&Ctx<'_>) -> Remembered + Send + Sync>;

/// A define's value for the lead at hand. Each define is compiled once and
/// its users refer to it: copying its code into every user would make a
/// policy of defines built on defines (`d2 = d1 and d1`, …) grow
/// exponentially. Texts and lists are not remembered: a text define is a
/// field or constant seen through `lower` or `domain`, which its users read
/// in place, and a list define names a list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Remembered {
    Bool(bool),
    /// A number, or a duration in seconds.
    Number(Option<f64>),
    Time(Option<Timestamp>),
    Day(Option<Date>),
}

impl Remembered {
    fn truth(self) -> bool {
        self == Remembered::Bool(true)
    }

    fn number(self) -> Option<f64> {
        match self {
            Remembered::Number(value) => value,
            _ => None,
        }
    }

    fn time(self) -> Option<Timestamp> {
        match self {
            Remembered::Time(value) => value,
            _ => None,
        }
    }

    fn day(self) -> Option<Date> {
        match self {
            Remembered::Day(value) => value,
            _ => None,
        }
    }
}

/// Defines, scores, stages and undesirables built on more than this many
/// levels of others are worked out for every lead before anything else, in
/// dependency order, so working out any of them never recurses more than
/// this deep (a chain of 100,000 defines, or stages each `after` the last,
/// would otherwise exhaust the stack). Real policies stay far below; for
/// them nothing changes.
const LAZY_DEPTH: usize = 16;

/// The items worked out first for every lead (see [`LAZY_DEPTH`]), in
/// dependency order. Text and list defines are left out: their users read
/// them in place.
pub(super) fn deep_items(policy: &Policy) -> Vec<Item> {
    let order = policy.in_dependency_order();
    let mut levels = vec![0usize; order.len()];
    let mut depends = Vec::new();
    let mut deep = Vec::new();
    for item in order {
        depends.clear();
        policy.depends_on(item, &mut depends);
        let level = (depends.iter())
            .filter_map(|dep| levels.get(policy.item_index(*dep)?))
            .map(|below| below + 1)
            .max()
            .unwrap_or(0);
        if let Some(at) = policy.item_index(item) {
            levels[at] = level;
        }
        let worked_out = match item {
            Item::Define(id) => policy
                .defines
                .get(id.0)
                .is_some_and(|d| remembered(d.value.ty)),
            _ => true,
        };
        if level > LAZY_DEPTH && worked_out {
            deep.push(item);
        }
    }
    deep
}

/// Whether a define of this type is compiled on its own and remembered.
fn remembered(ty: Type) -> bool {
    matches!(
        ty,
        Type::Bool | Type::Number | Type::Time | Type::Date | Type::Duration
    )
}

/// A number: a constant or a field's is read in place (no call), anything
/// else through its closure.
pub(super) enum NumOf {
    Const(f64),
    Field(usize),
    Computed(Num),
}

impl NumOf {
    #[inline]
    pub fn get(&self, ctx: &Ctx<'_>) -> Option<f64> {
        match self {
            NumOf::Const(value) => Some(*value),
            NumOf::Field(slot) => ctx.record.number(*slot),
            NumOf::Computed(number) => number(ctx),
        }
    }
}

/// A text the same way: a field's is read in place.
pub(super) enum TextOf {
    Field(usize),
    Computed(Text),
}

impl TextOf {
    #[inline]
    pub fn get<'r>(&self, ctx: &Ctx<'r>) -> Option<&'r str> {
        match self {
            TextOf::Field(slot) => ctx.record.text(*slot),
            TextOf::Computed(text) => text(ctx),
        }
    }
}

/// What a list expression is at run time.
pub(super) enum ListSource {
    /// Constant entries, lower-cased: index into `Tables::lists`.
    Table(usize),
    /// A `list of text` field.
    Field(usize),
}

/// Data the closures refer to by index, so they can hand out borrows that
/// live as long as the program.
#[derive(Default)]
pub(super) struct Tables {
    pub texts: Vec<String>,
    pub lists: Vec<ListTable>,
    /// Each list's index by its entries and numbers, to share equal lists.
    by_content: HashMap<(Vec<String>, Vec<u64>), usize>,
}

pub(super) struct ListTable {
    pub entries: Vec<String>,
    /// How many values the list holds, texts and numbers alike.
    pub len: usize,
    /// For long lists only: a short one is faster to scan than to hash.
    pub texts: Option<HashSet<String>>,
    /// The entries as substrings to look for in long texts.
    pub finders: Vec<memmem::Finder<'static>>,
    /// Numbers as bit patterns (after normalising -0.0), for `in`.
    pub numbers: HashSet<u64>,
}

/// Lists longer than this are looked up through a hash set.
const SCAN_LIMIT: usize = 16;

/// Texts up to this long are searched byte by byte: a searcher costs
/// more to start than such a scan.
const SHORT_TEXT: usize = 64;

impl ListTable {
    /// Whether an entry occurs in `text` (`contains any`).
    pub fn found_in(&self, text: &str) -> bool {
        let text = text.as_bytes();
        if text.len() > SHORT_TEXT {
            return self
                .finders
                .iter()
                .any(|finder| finder.find(text).is_some());
        }
        self.entries.iter().any(|entry| match entry.as_bytes() {
            [] => true,
            [first, rest @ ..] => text.iter().enumerate().any(|(at, byte)| {
                byte == first && text.get(at + 1..at + 1 + rest.len()) == Some(rest)
            }),
        })
    }

    /// Whether the list has a number the same as `n` (see
    /// `crate::number::same`): an exact match is looked up, a near one
    /// searched for.
    pub fn has_number(&self, n: f64) -> bool {
        self.numbers.contains(&number_key(n))
            || self
                .numbers
                .iter()
                .any(|key| number::same(f64::from_bits(*key), n))
    }

    pub fn contains(&self, text: &str) -> bool {
        match &self.texts {
            Some(set) => set.contains(text),
            None => self.entries.iter().any(|entry| same_text(entry, text)),
        }
    }
}

/// Text equality, with the lengths and first bytes compared first (most
/// values a policy compares differ there), then byte by byte: the values
/// are short, and a call to memcmp costs more than the loop.
fn same_text(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.as_bytes().first() == b.as_bytes().first()
        && a.bytes().zip(b.bytes()).all(|(x, y)| x == y)
}

/// `starts_with` and `ends_with` the same way. Every text starts and
/// ends with the empty text, as every text contains it.
fn has_prefix(text: &str, prefix: &str) -> bool {
    match prefix.as_bytes().first() {
        None => true,
        Some(first) => text.as_bytes().first() == Some(first) && text.starts_with(prefix),
    }
}

fn has_suffix(text: &str, suffix: &str) -> bool {
    match suffix.as_bytes().last() {
        None => true,
        Some(last) => text.as_bytes().last() == Some(last) && text.ends_with(suffix),
    }
}

/// The part of an address after its last `@` (empty for `x@`); none
/// without an `@`. Addresses are short: a plain scan back to the `@` beats
/// a general string search.
fn domain(email: &str) -> Option<&str> {
    let at = email.bytes().rposition(|byte| byte == b'@')?;
    email.get(at + 1..)
}

pub(super) struct Compiler<'p> {
    pub policy: &'p Policy,
    pub tables: Tables,
}

fn number_key(value: f64) -> u64 {
    (if value == 0.0 { 0.0 } else { value }).to_bits()
}

impl<'p> Compiler<'p> {
    /// A define's own code, for the types that are remembered.
    pub fn define(&mut self, define: &Define) -> Option<DefineCode> {
        let value = &define.value;
        Some(match value.ty {
            Type::Bool => {
                let test = self.test(value);
                Box::new(move |ctx| Remembered::Bool(test(ctx)))
            }
            Type::Number => {
                let number = self.number(value);
                Box::new(move |ctx| Remembered::Number(number.get(ctx)))
            }
            Type::Duration => {
                let seconds = self.seconds(value);
                Box::new(move |ctx| Remembered::Number(seconds(ctx)))
            }
            Type::Time => {
                let time = self.time(value);
                Box::new(move |ctx| Remembered::Time(time(ctx)))
            }
            Type::Date => {
                let day = self.day(value);
                Box::new(move |ctx| Remembered::Day(day(ctx)))
            }
            Type::Text | Type::Email | Type::TextList | Type::NumberList => return None,
        })
    }

    /// What a define (or a define of a define …) stands for, followed
    /// without recursion; at most once round every define, so even a
    /// circular define (which the checker refuses) cannot hang it.
    fn through_defines<'e>(&self, mut expr: &'e Expr) -> &'e Expr
    where
        'p: 'e,
    {
        for _ in 0..=self.policy.defines.len() {
            let ExprKind::Define(id) = &expr.kind else {
                break;
            };
            match self.policy.defines.get(id.0) {
                Some(define) => expr = &define.value,
                None => break,
            }
        }
        expr
    }

    fn table(&mut self, values: &[Value]) -> usize {
        let entries: Vec<String> = values
            .iter()
            .filter_map(|value| {
                if let Value::Text(text) = value {
                    Some(text.trim().to_lowercase())
                } else {
                    None
                }
            })
            .collect();
        let numbers = values
            .iter()
            .filter_map(|value| {
                if let Value::Number(n) = value {
                    Some(number_key(*n))
                } else {
                    None
                }
            })
            .collect::<Vec<u64>>();
        // The same constant list written in many conditions (as generated
        // policies do) is one table.
        let content = (entries, numbers);
        if let Some(index) = self.tables.by_content.get(&content) {
            return *index;
        }
        self.tables
            .by_content
            .insert(content.clone(), self.tables.lists.len());
        let (entries, numbers) = content;
        let numbers = numbers.into_iter().collect();
        self.tables.lists.push(ListTable {
            len: values.len(),
            texts: (entries.len() > SCAN_LIMIT).then(|| entries.iter().cloned().collect()),
            finders: entries
                .iter()
                .map(|entry| memmem::Finder::new(entry).into_owned())
                .collect(),
            entries,
            numbers,
        });
        self.tables.lists.len() - 1
    }

    fn list(&mut self, expr: &Expr) -> ListSource {
        let expr = self.through_defines(expr);
        match &expr.kind {
            ExprKind::Const(Value::List(values)) => ListSource::Table(self.table(values)),
            ExprKind::List(id) => {
                let values = self
                    .policy
                    .lists
                    .get(id.0)
                    .map(|list| list.values.clone())
                    .unwrap_or_default();
                ListSource::Table(self.table(&values))
            }
            ExprKind::Field(id) => ListSource::Field(id.0),
            _ => ListSource::Table(self.table(&[])),
        }
    }

    pub fn test(&mut self, expr: &Expr) -> Test {
        match &expr.kind {
            ExprKind::Const(Value::Bool(value)) => {
                let value = *value;
                Box::new(move |_| value)
            }
            ExprKind::Field(id) => {
                let slot = id.0;
                Box::new(move |ctx| matches!(ctx.cell(slot), Cell::Bool(true)))
            }
            ExprKind::Define(id) => {
                let define = id.0;
                Box::new(move |ctx| ctx.define(define).truth())
            }
            ExprKind::Stage(id) => {
                let stage = id.0;
                Box::new(move |ctx| ctx.reached(stage))
            }
            ExprKind::Not(inner) => {
                let inner = self.test(inner);
                Box::new(move |ctx| !inner(ctx))
            }
            ExprKind::And(lhs, rhs) => {
                let (lhs, rhs) = (self.test(lhs), self.test(rhs));
                Box::new(move |ctx| lhs(ctx) && rhs(ctx))
            }
            ExprKind::Or(lhs, rhs) => {
                let (lhs, rhs) = (self.test(lhs), self.test(rhs));
                Box::new(move |ctx| lhs(ctx) || rhs(ctx))
            }
            ExprKind::Compare(op, lhs, rhs) => self.compare(*op, lhs, rhs),
            ExprKind::Between { value, low, high } => {
                let above = self.compare(CompareOp::Ge, value, low);
                let below = self.compare(CompareOp::Le, value, high);
                Box::new(move |ctx| above(ctx) && below(ctx))
            }
            ExprKind::In {
                value,
                list,
                negated,
            } => {
                let membership = self.membership(value, list);
                // `not in` is a predicate of its own: false when the value,
                // or the list field it is looked for in, is missing.
                let value_present = self.presence(value);
                let list_present = self.presence(list);
                let present: Test = Box::new(move |ctx| value_present(ctx) && list_present(ctx));
                if *negated {
                    Box::new(move |ctx| present(ctx) && !membership(ctx))
                } else {
                    membership
                }
            }
            ExprKind::Presence { value, present } => {
                let presence = self.presence(value);
                if *present {
                    presence
                } else {
                    Box::new(move |ctx| !presence(ctx))
                }
            }
            ExprKind::TextTest {
                op,
                value,
                pattern,
                any,
            } => self.text_test(*op, value, pattern, *any),
            ExprKind::Matches { value, pattern } => {
                let value = self.written_text(value);
                match regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                {
                    Ok(regex) => {
                        Box::new(move |ctx| value(ctx).is_some_and(|text| regex.is_match(text)))
                    }
                    Err(_) => Box::new(|_| false),
                }
            }
            ExprKind::Within { value, duration } => {
                let seconds = self.seconds(duration);
                if value.ty == Type::Date {
                    let day = self.day(value);
                    return Box::new(move |ctx| match (day(ctx), seconds(ctx)) {
                        (Some(day), Some(limit)) => {
                            let today = jiff::tz::Offset::UTC.to_datetime(ctx.now).date();
                            let days = today
                                .since(day)
                                .map_or(f64::INFINITY, |span| f64::from(span.get_days()));
                            days >= 0.0 && days * 86_400.0 <= limit
                        }
                        _ => false,
                    });
                }
                let time = self.time(value);
                Box::new(move |ctx| match (time(ctx), seconds(ctx)) {
                    (Some(time), Some(limit)) => {
                        let ago = (ctx.now.as_nanosecond() - time.as_nanosecond()) as f64 / 1e9;
                        (0.0..=limit).contains(&ago)
                    }
                    _ => false,
                })
            }
            _ => Box::new(|_| false),
        }
    }

    /// Whether a value of any type is present.
    fn presence(&mut self, expr: &Expr) -> Test {
        // A field's presence is read from its cell alone (its value may not
        // even be kept: see `Policy::field_reads`).
        if let ExprKind::Field(id) = expr.kind {
            let slot = id.0;
            return Box::new(move |ctx| ctx.record.is_present(slot));
        }
        match expr.ty {
            Type::Bool => Box::new(|_| true),
            Type::Number => {
                let value = self.number(expr);
                Box::new(move |ctx| value.get(ctx).is_some())
            }
            Type::Text | Type::Email => {
                let value = self.text(expr);
                Box::new(move |ctx| value.get(ctx).is_some())
            }
            Type::Time => {
                let value = self.time(expr);
                Box::new(move |ctx| value(ctx).is_some())
            }
            Type::Date => {
                let value = self.day(expr);
                Box::new(move |ctx| value(ctx).is_some())
            }
            Type::Duration => {
                let value = self.seconds(expr);
                Box::new(move |ctx| value(ctx).is_some())
            }
            Type::TextList | Type::NumberList => match self.list(expr) {
                ListSource::Field(slot) => Box::new(move |ctx| ctx.record.is_present(slot)),
                ListSource::Table(_) => Box::new(|_| true),
            },
        }
    }

    fn compare(&mut self, op: CompareOp, lhs: &Expr, rhs: &Expr) -> Test {
        match lhs.ty {
            // Against a constant (most comparisons), the constant is kept
            // in the closure rather than asked of another.
            Type::Number => {
                let a = self.number(lhs);
                if let ExprKind::Const(Value::Number(b)) = rhs.kind {
                    return Box::new(move |ctx| {
                        a.get(ctx).is_some_and(|a| number::holds(op, a, b))
                    });
                }
                let b = self.number(rhs);
                Box::new(
                    move |ctx| matches!((a.get(ctx), b.get(ctx)), (Some(a), Some(b)) if number::holds(op, a, b)),
                )
            }
            Type::Text | Type::Email => {
                let a = self.text(lhs);
                let equal = match op {
                    CompareOp::Eq => Some(true),
                    CompareOp::Ne => Some(false),
                    _ => None,
                };
                if let (Some(equal), ExprKind::Const(Value::Text(b))) = (equal, &rhs.kind) {
                    let b = b.trim().to_lowercase();
                    return Box::new(move |ctx| {
                        a.get(ctx).is_some_and(|a| same_text(a, &b) == equal)
                    });
                }
                let b = self.text(rhs);
                match equal {
                    Some(equal) => Box::new(
                        move |ctx| matches!((a.get(ctx), b.get(ctx)), (Some(a), Some(b)) if same_text(a, b) == equal),
                    ),
                    None => Box::new(
                        move |ctx| matches!((a.get(ctx), b.get(ctx)), (Some(a), Some(b)) if op.holds(a, b)),
                    ),
                }
            }
            Type::Time => {
                let (a, b) = (self.time(lhs), self.time(rhs));
                Box::new(
                    move |ctx| matches!((a(ctx), b(ctx)), (Some(a), Some(b)) if op.holds(a, b)),
                )
            }
            Type::Date => {
                let (a, b) = (self.day(lhs), self.day(rhs));
                Box::new(
                    move |ctx| matches!((a(ctx), b(ctx)), (Some(a), Some(b)) if op.holds(a, b)),
                )
            }
            Type::Duration => {
                let (a, b) = (self.seconds(lhs), self.seconds(rhs));
                Box::new(
                    move |ctx| matches!((a(ctx), b(ctx)), (Some(a), Some(b)) if op.holds(a, b)),
                )
            }
            Type::Bool => {
                let (a_present, b_present) = (self.presence(lhs), self.presence(rhs));
                let (a, b) = (self.test(lhs), self.test(rhs));
                Box::new(move |ctx| a_present(ctx) && b_present(ctx) && op.holds(a(ctx), b(ctx)))
            }
            Type::TextList | Type::NumberList => Box::new(|_| false),
        }
    }

    fn membership(&mut self, value: &Expr, list: &Expr) -> Test {
        let source = self.list(list);
        match (value.ty, source) {
            (Type::Number, ListSource::Table(table)) => {
                let value = self.number(value);
                Box::new(move |ctx| {
                    value
                        .get(ctx)
                        .is_some_and(|n| ctx.tables().lists[table].has_number(n))
                })
            }
            (Type::TextList, ListSource::Table(table)) => {
                let ListSource::Field(slot) = self.list(value) else {
                    return Box::new(|_| false);
                };
                Box::new(move |ctx| {
                    ctx.list_entries(slot)
                        .any(|entry| ctx.tables().lists[table].contains(entry))
                })
            }
            // Two list fields: some entry of one is an entry of the other.
            (Type::TextList, ListSource::Field(other)) => {
                let ListSource::Field(slot) = self.list(value) else {
                    return Box::new(|_| false);
                };
                Box::new(move |ctx| {
                    ctx.list_entries(slot)
                        .any(|entry| ctx.list_entries(other).any(|theirs| theirs == entry))
                })
            }
            (_, ListSource::Table(table)) => {
                let value = self.text(value);
                Box::new(move |ctx| {
                    value
                        .get(ctx)
                        .is_some_and(|text| ctx.tables().lists[table].contains(text))
                })
            }
            (_, ListSource::Field(slot)) => {
                let value = self.text(value);
                Box::new(move |ctx| {
                    value
                        .get(ctx)
                        .is_some_and(|text| ctx.list_entries(slot).any(|entry| entry == text))
                })
            }
        }
    }

    fn text_test(&mut self, op: TextOp, value: &Expr, pattern: &Expr, any: bool) -> Test {
        let matches = move |text: &str, needle: &str| match op {
            TextOp::Contains => text.contains(needle),
            TextOp::StartsWith => has_prefix(text, needle),
            TextOp::EndsWith => has_suffix(text, needle),
        };
        // `contains` on a list of text: the list has that entry.
        if value.ty == Type::TextList {
            let ListSource::Field(slot) = self.list(value) else {
                return Box::new(|_| false);
            };
            if any {
                return match self.list(pattern) {
                    ListSource::Table(table) => Box::new(move |ctx| {
                        ctx.list_entries(slot)
                            .any(|entry| ctx.tables().lists[table].contains(entry))
                    }),
                    ListSource::Field(other) => Box::new(move |ctx| {
                        ctx.list_entries(slot)
                            .any(|entry| ctx.list_entries(other).any(|theirs| theirs == entry))
                    }),
                };
            }
            let needle = self.text(pattern);
            return Box::new(move |ctx| {
                needle
                    .get(ctx)
                    .is_some_and(|needle| ctx.list_entries(slot).any(|entry| entry == needle))
            });
        }
        let text = self.text(value);
        if any {
            return match self.list(pattern) {
                ListSource::Table(table) if op == TextOp::Contains => Box::new(move |ctx| {
                    text.get(ctx)
                        .is_some_and(|text| ctx.tables().lists[table].found_in(text))
                }),
                ListSource::Table(table) => Box::new(move |ctx| {
                    text.get(ctx).is_some_and(|text| {
                        ctx.tables().lists[table]
                            .entries
                            .iter()
                            .any(|needle| matches(text, needle))
                    })
                }),
                ListSource::Field(slot) => Box::new(move |ctx| {
                    text.get(ctx).is_some_and(|text| {
                        ctx.list_entries(slot).any(|needle| matches(text, needle))
                    })
                }),
            };
        }
        let needle = self.text(pattern);
        Box::new(
            move |ctx| matches!((text.get(ctx), needle.get(ctx)), (Some(text), Some(needle)) if matches(text, needle)),
        )
    }

    pub fn number(&mut self, expr: &Expr) -> NumOf {
        match &expr.kind {
            ExprKind::Const(Value::Number(value)) => NumOf::Const(*value),
            ExprKind::Field(id) => NumOf::Field(id.0),
            ExprKind::Define(id) => {
                let define = id.0;
                NumOf::Computed(Box::new(move |ctx| ctx.define(define).number()))
            }
            _ => NumOf::Computed(self.computed_number(expr)),
        }
    }

    fn computed_number(&mut self, expr: &Expr) -> Num {
        match &expr.kind {
            ExprKind::Score(id) => {
                let score = id.0;
                Box::new(move |ctx| Some(ctx.score(score)))
            }
            ExprKind::Negate(inner) => {
                let inner = self.number(inner);
                Box::new(move |ctx| inner.get(ctx).map(|n| -n))
            }
            ExprKind::Arith(op, lhs, rhs) => {
                let (a, b) = (self.number(lhs), self.number(rhs));
                let op = *op;
                Box::new(move |ctx| {
                    let (a, b) = (a.get(ctx)?, b.get(ctx)?);
                    let value = match op {
                        ArithOp::Add => a + b,
                        ArithOp::Sub => a - b,
                        ArithOp::Mul => a * b,
                        ArithOp::Div => a / b,
                    };
                    // Plain double arithmetic, never rounded on the way
                    // (see `crate::number`); a division by zero is missing.
                    value.is_finite().then_some(value)
                })
            }
            ExprKind::Call(function, args) => {
                let Some(arg) = args.first() else {
                    return Box::new(|_| None);
                };
                match function {
                    Function::Length | Function::Count if arg.ty.is_list() => {
                        match self.list(arg) {
                            ListSource::Field(slot) => Box::new(move |ctx| match ctx.cell(slot) {
                                Cell::Missing => None,
                                _ => Some(ctx.list_entries(slot).count() as f64),
                            }),
                            ListSource::Table(table) => {
                                Box::new(move |ctx| Some(ctx.tables().lists[table].len as f64))
                            }
                        }
                    }
                    Function::Length => {
                        let text = self.written_text(arg);
                        Box::new(move |ctx| text(ctx).map(|text| text.chars().count() as f64))
                    }
                    Function::DaysSince if arg.ty == Type::Date => {
                        let day = self.day(arg);
                        Box::new(move |ctx| {
                            let today = jiff::tz::Offset::UTC.to_datetime(ctx.now).date();
                            Some(f64::from(today.since(day(ctx)?).ok()?.get_days()))
                        })
                    }
                    Function::DaysSince => {
                        let time = self.time(arg);
                        // Whole days, rounded down on the exact instants: half
                        // a second from now is already day -1.
                        const DAY: i128 = 86_400 * 1_000_000_000;
                        Box::new(move |ctx| {
                            let nanos = ctx.now.as_nanosecond() - time(ctx)?.as_nanosecond();
                            Some(nanos.div_euclid(DAY) as f64)
                        })
                    }
                    _ => Box::new(|_| None),
                }
            }
            _ => Box::new(|_| None),
        }
    }

    pub fn text(&mut self, expr: &Expr) -> TextOf {
        let expr = self.text_source(expr);
        match &expr.kind {
            ExprKind::Field(id) => TextOf::Field(id.0),
            _ => TextOf::Computed(self.computed_text(expr)),
        }
    }

    /// The text an expression reads, through defines and `lower` (texts
    /// are compared ignoring case anyway), followed without recursion.
    fn text_source<'e>(&self, mut expr: &'e Expr) -> &'e Expr
    where
        'p: 'e,
    {
        loop {
            expr = self.through_defines(expr);
            match &expr.kind {
                ExprKind::Call(Function::Lower, args) if let Some(text) = args.first() => {
                    expr = text;
                }
                _ => return expr,
            }
        }
    }

    fn computed_text(&mut self, expr: &Expr) -> Text {
        match &expr.kind {
            ExprKind::Const(Value::Text(text)) => {
                self.tables.texts.push(text.trim().to_lowercase());
                let index = self.tables.texts.len() - 1;
                Box::new(move |ctx| Some(ctx.tables().texts[index].as_str()))
            }
            ExprKind::Call(Function::Domain, args) if let Some(email) = args.first() => {
                // A domain has no `@`, so the domain of a domain is always
                // missing: said here, a chain of them costs nothing.
                if let ExprKind::Call(Function::Domain, _) = self.text_source(email).kind {
                    return Box::new(|_| None);
                }
                let email = self.text(email);
                Box::new(move |ctx| domain(email.get(ctx)?))
            }
            _ => Box::new(|_| None),
        }
    }

    /// A text as written, trimmed but not lower-cased, for `length` and
    /// `matches` (lower-casing can change a text: `İ` becomes two
    /// characters). `lower` changes nothing here either.
    fn written_text(&mut self, expr: &Expr) -> Text {
        let expr = self.text_source(expr);
        match &expr.kind {
            ExprKind::Field(id) => {
                let slot = id.0;
                Box::new(move |ctx| ctx.record.written(slot))
            }
            ExprKind::Const(Value::Text(text)) => {
                self.tables.texts.push(text.trim().to_string());
                let index = self.tables.texts.len() - 1;
                Box::new(move |ctx| Some(ctx.tables().texts[index].as_str()))
            }
            ExprKind::Call(Function::Domain, args) if let Some(email) = args.first() => {
                if let ExprKind::Call(Function::Domain, _) = self.text_source(email).kind {
                    return Box::new(|_| None);
                }
                let email = self.written_text(email);
                Box::new(move |ctx| domain(email(ctx)?))
            }
            _ => Box::new(|_| None),
        }
    }

    pub fn time(&mut self, expr: &Expr) -> Time {
        match &expr.kind {
            ExprKind::Const(Value::Time(time)) => {
                let time = *time;
                Box::new(move |_| Some(time))
            }
            ExprKind::Now => Box::new(|ctx| Some(ctx.now)),
            ExprKind::Field(id) => {
                let slot = id.0;
                Box::new(move |ctx| {
                    if let Cell::Time(time) = ctx.cell(slot) {
                        Some(time)
                    } else {
                        None
                    }
                })
            }
            ExprKind::Define(id) => {
                let define = id.0;
                Box::new(move |ctx| ctx.define(define).time())
            }
            ExprKind::Arith(op, lhs, rhs) => {
                let (time, duration, sign) = if lhs.ty == Type::Time {
                    (
                        self.time(lhs),
                        self.seconds(rhs),
                        if *op == ArithOp::Sub { -1.0 } else { 1.0 },
                    )
                } else {
                    (self.time(rhs), self.seconds(lhs), 1.0)
                };
                Box::new(move |ctx| {
                    let nanos = time(ctx)?.as_nanosecond() + (sign * duration(ctx)? * 1e9) as i128;
                    Timestamp::from_nanosecond(nanos).ok()
                })
            }
            _ => Box::new(|_| None),
        }
    }

    pub fn day(&mut self, expr: &Expr) -> Day {
        match &expr.kind {
            ExprKind::Const(Value::Date(date)) => {
                let date = *date;
                Box::new(move |_| Some(date))
            }
            ExprKind::Field(id) => {
                let slot = id.0;
                Box::new(move |ctx| {
                    if let Cell::Date(date) = ctx.cell(slot) {
                        Some(date)
                    } else {
                        None
                    }
                })
            }
            ExprKind::Define(id) => {
                let define = id.0;
                Box::new(move |ctx| ctx.define(define).day())
            }
            _ => Box::new(|_| None),
        }
    }

    /// A duration in seconds.
    pub fn seconds(&mut self, expr: &Expr) -> Span {
        match &expr.kind {
            ExprKind::Const(Value::Duration(duration)) => {
                let seconds = duration.seconds;
                Box::new(move |_| Some(seconds))
            }
            ExprKind::Define(id) => {
                let define = id.0;
                Box::new(move |ctx| ctx.define(define).number())
            }
            ExprKind::Negate(inner) => {
                let inner = self.seconds(inner);
                Box::new(move |ctx| inner(ctx).map(|s| -s))
            }
            ExprKind::Arith(op, lhs, rhs) => match (lhs.ty, rhs.ty) {
                (Type::Time, Type::Time) => {
                    let (a, b) = (self.time(lhs), self.time(rhs));
                    Box::new(move |ctx| {
                        Some((a(ctx)?.as_nanosecond() - b(ctx)?.as_nanosecond()) as f64 / 1e9)
                    })
                }
                (Type::Date, Type::Date) => {
                    let (a, b) = (self.day(lhs), self.day(rhs));
                    Box::new(move |ctx| {
                        Some(f64::from(a(ctx)?.since(b(ctx)?).ok()?.get_days()) * 86_400.0)
                    })
                }
                (Type::Duration, Type::Duration) => {
                    let (a, b) = (self.seconds(lhs), self.seconds(rhs));
                    let sign = if *op == ArithOp::Sub { -1.0 } else { 1.0 };
                    Box::new(move |ctx| Some(a(ctx)? + sign * b(ctx)?))
                }
                (Type::Duration, Type::Number) => {
                    let (a, b) = (self.seconds(lhs), self.number(rhs));
                    let divide = *op == ArithOp::Div;
                    Box::new(move |ctx| {
                        let (a, b) = (a(ctx)?, b.get(ctx)?);
                        let value = if divide { a / b } else { a * b };
                        value.is_finite().then_some(value)
                    })
                }
                (Type::Number, Type::Duration) => {
                    let (a, b) = (self.number(lhs), self.seconds(rhs));
                    Box::new(move |ctx| Some(a.get(ctx)? * b(ctx)?))
                }
                _ => Box::new(|_| None),
            },
            _ => Box::new(|_| None),
        }
    }
}
