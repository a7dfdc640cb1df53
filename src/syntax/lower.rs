//! pest pairs → typed syntax tree. Each `lower_<rule>` reads one grammar
//! rule; [`Parts`] walks a rule's children so no `.next().unwrap()` chains
//! are needed. Values the grammar cannot judge (calendar dates, escapes,
//! number sizes) are checked here and reported as located diagnostics.

use std::cell::RefCell;
use std::iter::Peekable;

use jiff::civil::Date;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};

use super::ast::*;
use super::expected::{Words, describe};
use super::grammar::Rule;
use crate::diagnostic::{Diagnostic, catalog};
use crate::moment::{self, Layout};
use crate::span::Comment;
use crate::span::Span;
use crate::vocabulary::Binding;

pub use crate::vocabulary::MAX_EXPRESSION_DEPTH;

/// The grammar's `and` / `or` rules and where they stand in the shared
/// precedence table.
const LOGIC_OPERATORS: [(Rule, Binding); 2] =
    [(Rule::op_or, Binding::Or), (Rule::op_and, Binding::And)];

/// The grammar's arithmetic operator rules and what each one means.
const ARITHMETIC_OPERATORS: [(Rule, ArithOp); 4] = [
    (Rule::op_add, ArithOp::Add),
    (Rule::op_sub, ArithOp::Sub),
    (Rule::op_mul, ArithOp::Mul),
    (Rule::op_div, ArithOp::Div),
];

/// A Pratt parser whose levels are the operators' places in [`Binding`],
/// so the parser reads precedence from the one table instead of a copy:
/// operators of one binding share a level, all associate to the left.
fn by_binding(operators: &[(Rule, Binding)]) -> PrattParser<Rule> {
    let mut operators = operators.to_vec();
    operators.sort_by_key(|(_, binding)| *binding);
    operators
        .chunk_by(|a, b| a.1 == b.1)
        .fold(PrattParser::new(), |parser, level| {
            let mut ops = level.iter().map(|(rule, _)| Op::infix(*rule, Assoc::Left));
            match ops.next() {
                Some(first) => parser.op(ops.fold(first, |all, op| all | op)),
                None => parser,
            }
        })
}

/// Why an item could not be lowered; the diagnostic is already recorded.
#[derive(Debug)]
pub(crate) struct Skip;

type Lowered<T> = Result<T, Skip>;

pub(crate) struct Lowerer<'c> {
    /// Where the parsed text starts in the whole file (parsing resumes
    /// after an error on a slice of the file).
    offset: usize,
    /// The file's comments, in order: spans never end in one.
    comments: &'c [Comment],
    problems: RefCell<Vec<Diagnostic>>,
    logic: PrattParser<Rule>,
    arithmetic: PrattParser<Rule>,
}

/// The children of one rule, keywords left out.
struct Parts<'i> {
    inner: Peekable<Pairs<'i, Rule>>,
}

impl<'i> Parts<'i> {
    fn of(pair: Pair<'i, Rule>) -> Self {
        Parts {
            inner: pair.into_inner().peekable(),
        }
    }

    fn skip_keywords(&mut self) {
        while self
            .inner
            .next_if(|pair| {
                matches!(
                    describe(pair.as_rule()),
                    Words::Keyword(_) | Words::Punctuation(_)
                )
            })
            .is_some()
        {}
    }

    /// The next child if it is a `rule`.
    fn optional(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        self.skip_keywords();
        self.inner.next_if(|pair| pair.as_rule() == rule)
    }
}

impl<'i> Iterator for Parts<'i> {
    type Item = Pair<'i, Rule>;
    fn next(&mut self) -> Option<Self::Item> {
        self.skip_keywords();
        self.inner.next()
    }
}

impl<'c> Lowerer<'c> {
    pub fn new(offset: usize, comments: &'c [Comment]) -> Self {
        Lowerer {
            offset,
            comments,
            problems: RefCell::new(Vec::new()),
            logic: by_binding(&LOGIC_OPERATORS),
            arithmetic: by_binding(&ARITHMETIC_OPERATORS.map(|(rule, op)| (rule, op.binding()))),
        }
    }

    pub fn into_problems(self) -> Vec<Diagnostic> {
        self.problems.into_inner()
    }

    /// Where a pair was written, without the white space and comments pest
    /// skipped after it (a rule ending in an optional part keeps them).
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let start = pair.as_span().start() + self.offset;
        let mut text = pair.as_str();
        loop {
            text = text.trim_end();
            let end = start + text.len();
            match self
                .comments
                .binary_search_by_key(&end, |comment| comment.span.end)
            {
                Ok(index) if self.comments[index].span.start >= start => {
                    text = &text[..self.comments[index].span.start - start];
                }
                _ => return Span::new(start, end),
            }
        }
    }

    fn report(&self, diagnostic: Diagnostic) {
        self.problems.borrow_mut().push(diagnostic);
    }

    /// A child the grammar guarantees is missing: the grammar and this
    /// file disagree. Reported, never a panic.
    fn missing(&self, parent: Span, what: &str) -> Skip {
        self.report(
            Diagnostic::new(
                &catalog::SYNTAX_ERROR,
                parent,
                format!("qualify could not read this part (internal error: no {what})"),
            )
            .with_label("here")
            .with_help("this is a bug in qualify; please report it with this file"),
        );
        Skip
    }

    fn expect<'i>(
        &self,
        parts: &mut Parts<'i>,
        rule: Rule,
        parent: Span,
    ) -> Lowered<Pair<'i, Rule>> {
        parts
            .optional(rule)
            .ok_or_else(|| self.missing(parent, &format!("{rule:?}")))
    }

    // ── items ───────────────────────────────────────────────────────────

    /// Lowers every item of a `file` pair; an item with a bad value is
    /// left out and its problems reported.
    pub fn file(&self, file: Pair<'_, Rule>) -> Vec<Spanned<Item>> {
        Parts::of(file)
            .filter(|pair| pair.as_rule() != Rule::EOI)
            .filter_map(|pair| {
                let span = self.span(&pair);
                self.item(pair).ok().map(|item| Spanned::new(item, span))
            })
            .collect()
    }

    fn item(&self, pair: Pair<'_, Rule>) -> Lowered<Item> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = Parts::of(pair);
        let parts = &mut parts;
        Ok(match rule {
            Rule::policy_item => Item::Policy(self.policy(parts, span)?),
            Rule::fields_item => Item::Fields(every(
                parts
                    .filter(|pair| pair.as_rule() == Rule::field_decl)
                    .map(|pair| self.field(pair)),
            )?),
            Rule::list_item => Item::List(ListDef {
                name: self.name(self.expect(parts, Rule::name, span)?),
                description: self.description(parts)?,
                values: self
                    .literal_list(self.expect(parts, Rule::literal_list, span)?)?
                    .node,
            }),
            Rule::define_item => Item::Define(Define {
                name: self.name(self.expect(parts, Rule::name, span)?),
                description: self.description(parts)?,
                value: self.condition(self.expect(parts, Rule::condition, span)?)?,
            }),
            Rule::undesirable_item => Item::Undesirable(Undesirable {
                reason: self.string(self.expect(parts, Rule::string, span)?)?,
                blocks: parts
                    .optional(Rule::blocks_clause)
                    .map(|pair| Parts::of(pair).map(|name| self.name(name)).collect())
                    .unwrap_or_default(),
                condition: self.condition(self.expect(parts, Rule::condition, span)?)?,
            }),
            Rule::score_item => Item::Score(Score {
                name: self.name(self.expect(parts, Rule::name, span)?),
                description: self.description(parts)?,
                cap: parts
                    .optional(Rule::score_cap)
                    .map(|cap| self.cap(cap, span))
                    .transpose()?,
                rules: every(
                    parts
                        .filter(|pair| pair.as_rule() == Rule::score_rule)
                        .map(|pair| self.score_rule(pair)),
                )?,
            }),
            Rule::stage_item => Item::Stage(Stage {
                name: self.name(self.expect(parts, Rule::name, span)?),
                long_name: self.string(self.expect(parts, Rule::stage_long_name, span)?)?,
                clauses: self.clauses(parts, |pair| self.stage_clause(pair))?,
            }),
            Rule::calendar_item => Item::Calendar(Calendar {
                name: self.name(self.expect(parts, Rule::name, span)?),
                description: self.description(parts)?,
                clauses: self.clauses(parts, |pair| self.calendar_clause(pair))?,
            }),
            Rule::sla_item => Item::Sla(Sla {
                name: self.string(self.expect(parts, Rule::string, span)?)?,
                description: self.description(parts)?,
                clauses: self.clauses(parts, |pair| self.sla_clause(pair))?,
            }),
            Rule::target_item => Item::Target(Target {
                name: self.string(self.expect(parts, Rule::string, span)?)?,
                description: self.description(parts)?,
                clauses: self.clauses(parts, |pair| self.target_clause(pair))?,
            }),
            Rule::example_item => Item::Example(Example {
                name: self.string(self.expect(parts, Rule::string, span)?)?,
                like: parts
                    .optional(Rule::like_clause)
                    .map(|like| self.inner_string(like))
                    .transpose()?,
                clauses: self.clauses(parts, |pair| self.example_clause(pair))?,
            }),
            Rule::signoff_item => Item::Signoff(Signoff {
                party: self.name(self.expect(parts, Rule::name, span)?),
                name: self.string(self.expect(parts, Rule::string, span)?)?,
                date: self.date(self.expect(parts, Rule::date, span)?)?,
                digest: self.string(self.expect(parts, Rule::string, span)?)?,
            }),
            _ => return Err(self.missing(span, "item")),
        })
    }

    /// The clauses of a block, each lowered by `clause`, in order.
    fn clauses<T>(
        &self,
        parts: &mut Parts<'_>,
        clause: impl Fn(Pair<'_, Rule>) -> Lowered<T>,
    ) -> Lowered<Vec<Spanned<T>>> {
        parts
            .map(|pair| {
                let span = self.span(&pair);
                clause(pair).map(|node| Spanned::new(node, span))
            })
            .collect()
    }

    fn policy(&self, parts: &mut Parts<'_>, span: Span) -> Lowered<PolicyHeader> {
        let title = self.string(self.expect(parts, Rule::string, span)?)?;
        let entries = self.clauses(parts, |pair| {
            let span = self.span(&pair);
            let rule = pair.as_rule();
            let mut parts = Parts::of(pair);
            let value = parts.next().ok_or_else(|| self.missing(span, "value"))?;
            Ok(match rule {
                Rule::version_entry if value.as_rule() == Rule::number => HeaderEntry::Version(
                    Spanned::new(value.as_str().to_string(), self.span(&value)),
                ),
                Rule::version_entry => HeaderEntry::Version(self.string(value)?),
                Rule::effective_entry => HeaderEntry::Effective(self.date(value)?),
                Rule::party_entry => HeaderEntry::Party {
                    name: self.name(value),
                    who: self.string(self.expect(&mut parts, Rule::string, span)?)?,
                },
                Rule::summary_entry => HeaderEntry::Summary(self.string(value)?),
                _ => return Err(self.missing(span, "policy entry")),
            })
        })?;
        Ok(PolicyHeader { title, entries })
    }

    fn field(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Field>> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let name = self.name(self.expect(&mut parts, Rule::name, span)?);
        let type_pair = self.expect(&mut parts, Rule::field_type, span)?;
        let type_span = self.span(&type_pair);
        let mut type_parts = Parts::of(type_pair);
        let kind = type_parts
            .next()
            .ok_or_else(|| self.missing(type_span, "type"))?;
        let ty = match kind.as_rule() {
            Rule::one_of_type => {
                let list = Parts::of(kind)
                    .next()
                    .ok_or_else(|| self.missing(type_span, "values"))?;
                FieldType::OneOf(self.literal_list(list)?.node)
            }
            Rule::list_of_type => FieldType::ListOfText,
            _ => match kind.as_str() {
                "text" => FieldType::Text,
                "email" => FieldType::Email,
                "number" => FieldType::Number,
                "bool" => FieldType::Bool,
                "date" => FieldType::Date,
                "time" => FieldType::Time,
                _ => return Err(self.missing(type_span, "type")),
            },
        };
        let optional = type_parts.optional(Rule::optional_mark).is_some();
        let field = Field {
            name,
            ty: Spanned::new(ty, type_span),
            optional,
            description: self.description(&mut parts)?,
            key: parts.optional(Rule::key_modifier).is_some(),
            set_by: parts
                .optional(Rule::set_by_modifier)
                .and_then(|set_by| Parts::of(set_by).next())
                .map(|party| self.name(party)),
        };
        Ok(Spanned::new(field, span))
    }

    fn score_rule(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<ScoreRule>> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let points_pair = self.expect(&mut parts, Rule::points, span)?;
        let points = Spanned::new(self.number(&points_pair)?, self.span(&points_pair));
        let kind_pair = parts
            .next()
            .ok_or_else(|| self.missing(span, "condition"))?;
        let kind_span = self.span(&kind_pair);
        let kind = match kind_pair.as_rule() {
            Rule::if_rule => {
                let mut inner = Parts::of(kind_pair);
                ScoreRuleKind::If(self.condition(self.expect(
                    &mut inner,
                    Rule::condition,
                    kind_span,
                )?)?)
            }
            _ => {
                let mut inner = Parts::of(kind_pair);
                ScoreRuleKind::Per {
                    quantity: self.arithmetic(self.expect(
                        &mut inner,
                        Rule::arithmetic,
                        kind_span,
                    )?)?,
                    up_to: inner
                        .optional(Rule::score_cap)
                        .map(|cap| self.cap(cap, kind_span))
                        .transpose()?,
                }
            }
        };
        let description = self.description(&mut parts)?;
        Ok(Spanned::new(
            ScoreRule {
                points,
                kind,
                description,
            },
            span,
        ))
    }

    fn cap(&self, pair: Pair<'_, Rule>, parent: Span) -> Lowered<Spanned<Number>> {
        let number = Parts::of(pair)
            .next()
            .ok_or_else(|| self.missing(parent, "number"))?;
        self.spanned_number(number)
    }

    fn stage_clause(&self, pair: Pair<'_, Rule>) -> Lowered<StageClause> {
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::owner_clause => StageClause::Owner(self.owner(pair, span)?),
            Rule::after_clause => {
                StageClause::After(Parts::of(pair).map(|name| self.name(name)).collect())
            }
            Rule::requires_clause => {
                let mut parts = Parts::of(pair);
                StageClause::Requires(Criterion {
                    condition: self.condition(self.expect(&mut parts, Rule::condition, span)?)?,
                    description: self.description(&mut parts)?,
                })
            }
            _ => return Err(self.missing(span, "stage clause")),
        })
    }

    fn owner(&self, pair: Pair<'_, Rule>, span: Span) -> Lowered<Name> {
        Parts::of(pair)
            .next()
            .map(|party| self.name(party))
            .ok_or_else(|| self.missing(span, "party"))
    }

    fn calendar_clause(&self, pair: Pair<'_, Rule>) -> Lowered<CalendarClause> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = Parts::of(pair);
        Ok(match rule {
            Rule::timezone_clause => CalendarClause::Timezone(self.string(self.expect(
                &mut parts,
                Rule::string,
                span,
            )?)?),
            Rule::hours_clause => {
                let days = Parts::of(self.expect(&mut parts, Rule::day_set, span)?)
                    .map(|day_span| self.day_span(day_span))
                    .collect::<Lowered<_>>()?;
                let ranges = parts
                    .map(|range| self.clock_range(range))
                    .collect::<Lowered<_>>()?;
                CalendarClause::Hours { days, ranges }
            }
            Rule::holiday_clause => CalendarClause::Holiday {
                date: self.date(self.expect(&mut parts, Rule::date, span)?)?,
                description: self.description(&mut parts)?,
            },
            _ => return Err(self.missing(span, "calendar clause")),
        })
    }

    fn day_span(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<DaySpan>> {
        let span = self.span(&pair);
        let mut days = Parts::of(pair).map(|day| match day.as_str() {
            "mon" => Ok(Weekday::Mon),
            "tue" => Ok(Weekday::Tue),
            "wed" => Ok(Weekday::Wed),
            "thu" => Ok(Weekday::Thu),
            "fri" => Ok(Weekday::Fri),
            "sat" => Ok(Weekday::Sat),
            "sun" => Ok(Weekday::Sun),
            _ => Err(self.missing(span, "weekday")),
        });
        let first = days.next().ok_or_else(|| self.missing(span, "weekday"))??;
        let last = days.next().transpose()?;
        Ok(Spanned::new(DaySpan { first, last }, span))
    }

    fn clock_range(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<ClockRange>> {
        let span = self.span(&pair);
        let mut clocks = Parts::of(pair).map(|clock| self.clock(clock));
        let start = clocks.next().ok_or_else(|| self.missing(span, "start"))??;
        let end = clocks.next().ok_or_else(|| self.missing(span, "end"))??;
        Ok(Spanned::new(ClockRange { start, end }, span))
    }

    fn clock(&self, pair: Pair<'_, Rule>) -> Lowered<ClockTime> {
        let text = pair.as_str();
        let parsed = text.split_once(':').and_then(|(hour, minute)| {
            Some((hour.parse::<u8>().ok()?, minute.parse::<u8>().ok()?))
        });
        match parsed {
            Some((hour, minute)) if (hour < 24 && minute < 60) || (hour == 24 && minute == 0) => {
                Ok(ClockTime { hour, minute })
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        &catalog::INVALID_CLOCK_TIME,
                        self.span(&pair),
                        format!("`{text}` is not a time of day"),
                    )
                    .with_label("not between 00:00 and 24:00")
                    .with_help("write hours as HH:MM from 00:00 to 23:59; use 24:00 for the end of the day"),
                );
                Err(Skip)
            }
        }
    }

    fn sla_clause(&self, pair: Pair<'_, Rule>) -> Lowered<SlaClause> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        if rule == Rule::owner_clause {
            return Ok(SlaClause::Owner(self.owner(pair, span)?));
        }
        let mut parts = Parts::of(pair);
        Ok(match rule {
            Rule::applies_clause => SlaClause::AppliesTo(self.condition(self.expect(
                &mut parts,
                Rule::condition,
                span,
            )?)?),
            Rule::from_clause => SlaClause::FromTo {
                from: self.name(self.expect(&mut parts, Rule::name, span)?),
                to: self.name(self.expect(&mut parts, Rule::name, span)?),
            },
            Rule::within_clause => SlaClause::Within {
                limit: self.duration(self.expect(&mut parts, Rule::duration, span)?)?,
                calendar: parts.optional(Rule::name).map(|name| self.name(name)),
            },
            Rule::goal_clause => SlaClause::Goal(
                self.spanned_number(parts.next().ok_or_else(|| self.missing(span, "share"))?)?,
            ),
            _ => return Err(self.missing(span, "service level clause")),
        })
    }

    fn target_clause(&self, pair: Pair<'_, Rule>) -> Lowered<TargetClause> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        if rule == Rule::owner_clause {
            return Ok(TargetClause::Owner(self.owner(pair, span)?));
        }
        let mut parts = Parts::of(pair);
        let amount =
            self.spanned_number(parts.next().ok_or_else(|| self.missing(span, "amount"))?)?;
        Ok(match rule {
            Rule::volume_clause => TargetClause::Volume {
                count: amount,
                stage: self.name(self.expect(&mut parts, Rule::name, span)?),
                period: {
                    let period = self.expect(&mut parts, Rule::period, span)?;
                    let node = match period.as_str() {
                        "week" => Period::Week,
                        "quarter" => Period::Quarter,
                        _ => Period::Month,
                    };
                    Spanned::new(node, self.span(&period))
                },
                by: self.name(self.expect(&mut parts, Rule::name, span)?),
            },
            Rule::conversion_clause => TargetClause::Conversion {
                share: amount,
                from: self.name(self.expect(&mut parts, Rule::name, span)?),
                to: self.name(self.expect(&mut parts, Rule::name, span)?),
                within: parts
                    .optional(Rule::duration)
                    .map(|duration| self.duration(duration))
                    .transpose()?,
            },
            _ => return Err(self.missing(span, "target clause")),
        })
    }

    fn example_clause(&self, pair: Pair<'_, Rule>) -> Lowered<ExampleClause> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = Parts::of(pair);
        Ok(match rule {
            Rule::lead_block => ExampleClause::Lead(
                parts
                    .filter(|pair| pair.as_rule() == Rule::lead_value)
                    .map(|pair| self.lead_value(pair))
                    .collect::<Lowered<_>>()?,
            ),
            Rule::as_of_clause => ExampleClause::AsOf(self.instant(self.expect(
                &mut parts,
                Rule::timestamp,
                span,
            )?)?),
            Rule::expectation => {
                let expectation = parts
                    .next()
                    .ok_or_else(|| self.missing(span, "expectation"))?;
                ExampleClause::Expect(self.expectation(expectation)?)
            }
            _ => return Err(self.missing(span, "example clause")),
        })
    }

    fn lead_value(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<LeadValue>> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let field = self.name(self.expect(&mut parts, Rule::name, span)?);
        let value_pair = parts.next().ok_or_else(|| self.missing(span, "value"))?;
        let value = match value_pair.as_rule() {
            Rule::missing_value => Spanned::new(Value::Missing, self.span(&value_pair)),
            Rule::literal_list => {
                let list = self.literal_list(value_pair)?;
                Spanned::new(Value::List(list.node), list.span)
            }
            _ => {
                let literal = self.literal(value_pair)?;
                Spanned::new(Value::Literal(literal.node), literal.span)
            }
        };
        Ok(Spanned::new(LeadValue { field, value }, span))
    }

    fn expectation(&self, pair: Pair<'_, Rule>) -> Lowered<Expectation> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut parts = Parts::of(pair);
        let mut name = || {
            self.expect(&mut parts, Rule::name, span)
                .map(|name| self.name(name))
        };
        Ok(match rule {
            Rule::expect_stage => Expectation::Stage(name()?),
            Rule::expect_reached => Expectation::Reached(name()?),
            Rule::expect_not_reached => Expectation::NotReached(name()?),
            Rule::expect_score => {
                let score = name()?;
                let value =
                    self.spanned_number(self.expect(&mut parts, Rule::signed_number, span)?)?;
                Expectation::Score { score, value }
            }
            Rule::expect_disqualified => Expectation::Disqualified(self.string(self.expect(
                &mut parts,
                Rule::string,
                span,
            )?)?),
            Rule::expect_undesirable => Expectation::Undesirable(self.string(self.expect(
                &mut parts,
                Rule::string,
                span,
            )?)?),
            Rule::expect_sla => {
                let sla = self.string(self.expect(&mut parts, Rule::string, span)?)?;
                let status_pair = self.expect(&mut parts, Rule::sla_status, span)?;
                let status = match status_pair.as_str() {
                    "met" => SlaStatus::Met,
                    "breached" => SlaStatus::Breached,
                    "pending" => SlaStatus::Pending,
                    _ => SlaStatus::NotApplicable,
                };
                Expectation::Sla {
                    sla,
                    status: Spanned::new(status, self.span(&status_pair)),
                }
            }
            Rule::expect_invalid => Expectation::Invalid,
            _ => return Err(self.missing(span, "expectation")),
        })
    }

    // ── expressions ─────────────────────────────────────────────────────

    /// A `condition` pair: `or` / `and` over negated predicates.
    pub(crate) fn condition(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        self.logic
            .map_primary(|pair| self.negation(pair))
            .map_infix(|lhs, op, rhs| {
                let op_node = if op.as_rule() == Rule::op_or {
                    LogicOp::Or
                } else {
                    LogicOp::And
                };
                let op = Spanned::new(op_node, self.span(&op));
                self.combine(lhs?, rhs?, |lhs, rhs| ExprKind::Logic { op, lhs, rhs })
            })
            .parse(pair.into_inner())
    }

    /// Joins two operands under an operator, refusing trees too deep to walk.
    fn combine(
        &self,
        lhs: Expr,
        rhs: Expr,
        node: impl FnOnce(Box<Expr>, Box<Expr>) -> ExprKind,
    ) -> Lowered<Expr> {
        let span = lhs.span.to(rhs.span);
        self.nest(span, depth(&lhs).max(depth(&rhs)))?;
        Ok(Spanned::new(node(Box::new(lhs), Box::new(rhs)), span))
    }

    /// Checks that a node above children `below` levels deep stays in bounds.
    fn nest(&self, span: Span, below: usize) -> Lowered<()> {
        if below < MAX_EXPRESSION_DEPTH {
            return Ok(());
        }
        self.report(
            Diagnostic::new(
                &catalog::NESTING_TOO_DEEP,
                Span::new(span.start, span.start + 1),
                format!("this condition is nested more than {MAX_EXPRESSION_DEPTH} levels deep"),
            )
            .with_label("the condition starting here")
            .with_help("split it into named `define`s and combine those; a condition this long is hard for both teams to read"),
        );
        Err(Skip)
    }

    fn negation(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let mut nots = Vec::new();
        while let Some(not) = parts.optional(Rule::op_not) {
            nots.push(self.span(&not));
        }
        let mut expr = self.predicate(self.expect(&mut parts, Rule::predicate, span)?)?;
        for not in nots.into_iter().rev() {
            self.nest(not, depth(&expr))?;
            expr = Spanned::new(
                ExprKind::Not(Box::new(expr)),
                Span::new(not.start, span.end),
            );
        }
        Ok(expr)
    }

    fn predicate(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let value = self.arithmetic(self.expect(&mut parts, Rule::arithmetic, span)?)?;
        let Some(test) = parts.next() else {
            return Ok(value);
        };
        let test_rule = test.as_rule();
        let mut test_parts = Parts::of(test);
        self.nest(span, depth(&value) + 1)?;
        let value = Box::new(value);
        let node = match test_rule {
            Rule::between_test => ExprKind::Between {
                value,
                low: Box::new(self.arithmetic(self.expect(
                    &mut test_parts,
                    Rule::arithmetic,
                    span,
                )?)?),
                high: Box::new(self.arithmetic(self.expect(
                    &mut test_parts,
                    Rule::arithmetic,
                    span,
                )?)?),
            },
            Rule::membership_test => ExprKind::In {
                value,
                negated: test_parts.optional(Rule::op_not).is_some(),
                list: self.list_ref(self.expect(&mut test_parts, Rule::list_ref, span)?)?,
            },
            Rule::presence_test => {
                let negated = test_parts.optional(Rule::op_not).is_some();
                let word = self.expect(&mut test_parts, Rule::presence, span)?;
                ExprKind::Presence {
                    value,
                    present: (word.as_str() == "present") != negated,
                }
            }
            Rule::text_test => {
                let op_pair = self.expect(&mut test_parts, Rule::text_op, span)?;
                let op_node = match op_pair.as_str().split_whitespace().next() {
                    Some("starts") => TextOp::StartsWith,
                    Some("ends") => TextOp::EndsWith,
                    _ => TextOp::Contains,
                };
                let op = Spanned::new(op_node, self.span(&op_pair));
                let pattern_pair = test_parts
                    .next()
                    .ok_or_else(|| self.missing(span, "text"))?;
                let pattern = if pattern_pair.as_rule() == Rule::any_of {
                    let list = Parts::of(pattern_pair)
                        .next()
                        .ok_or_else(|| self.missing(span, "list"))?;
                    TextPattern::Any(self.list_ref(list)?)
                } else {
                    TextPattern::One(Box::new(self.arithmetic(pattern_pair)?))
                };
                ExprKind::TextTest { op, value, pattern }
            }
            Rule::matches_test => ExprKind::Matches {
                value,
                pattern: self.string(self.expect(&mut test_parts, Rule::string, span)?)?,
            },
            Rule::within_test => ExprKind::Within {
                value,
                duration: Box::new(self.arithmetic(self.expect(
                    &mut test_parts,
                    Rule::arithmetic,
                    span,
                )?)?),
            },
            Rule::comparison => {
                let op_pair = self.expect(&mut test_parts, Rule::compare_op, span)?;
                let words: Vec<&str> = op_pair.as_str().split_whitespace().collect();
                let op_node = match words.as_slice() {
                    ["=="] => CompareOp::Eq,
                    ["!="] => CompareOp::Ne,
                    ["<"] => CompareOp::Lt,
                    ["<="] => CompareOp::Le,
                    [">"] => CompareOp::Gt,
                    [">="] => CompareOp::Ge,
                    ["is", "not"] => CompareOp::IsNot,
                    _ => CompareOp::Is,
                };
                let op = Spanned::new(op_node, self.span(&op_pair));
                let rhs =
                    self.arithmetic(self.expect(&mut test_parts, Rule::arithmetic, span)?)?;
                ExprKind::Compare {
                    op,
                    lhs: value,
                    rhs: Box::new(rhs),
                }
            }
            _ => return Err(self.missing(span, "test")),
        };
        Ok(Spanned::new(node, span))
    }

    fn list_ref(&self, pair: Pair<'_, Rule>) -> Lowered<ListRef> {
        let span = self.span(&pair);
        let inner = Parts::of(pair)
            .next()
            .ok_or_else(|| self.missing(span, "list"))?;
        Ok(if inner.as_rule() == Rule::name {
            ListRef::Named(self.name(inner))
        } else {
            ListRef::Literal(self.literal_list(inner)?)
        })
    }

    /// An `arithmetic` pair: `+ -` below `* /` over signed operands.
    fn arithmetic(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        self.arithmetic
            .map_primary(|pair| self.signed_operand(pair))
            .map_infix(|lhs, op, rhs| {
                let rule = op.as_rule();
                let op_node = ARITHMETIC_OPERATORS
                    .iter()
                    .find(|(operator, _)| *operator == rule)
                    .map_or(ArithOp::Div, |(_, op)| *op);
                let op = Spanned::new(op_node, self.span(&op));
                self.combine(lhs?, rhs?, |lhs, rhs| ExprKind::Arith { op, lhs, rhs })
            })
            .parse(pair.into_inner())
    }

    fn signed_operand(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let mut signs = Vec::new();
        while let Some(sign) = parts.optional(Rule::op_neg) {
            signs.push(self.span(&sign));
        }
        let mut expr = self.atom(parts.next().ok_or_else(|| self.missing(span, "value"))?)?;
        for sign in signs.into_iter().rev() {
            self.nest(sign, depth(&expr))?;
            expr = Spanned::new(
                ExprKind::Negate(Box::new(expr)),
                Span::new(sign.start, span.end),
            );
        }
        Ok(expr)
    }

    fn atom(&self, pair: Pair<'_, Rule>) -> Lowered<Expr> {
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::condition => self.condition(pair)?,
            Rule::call => {
                let mut parts = Parts::of(pair);
                let function = self.name(self.expect(&mut parts, Rule::name, span)?);
                let args = parts
                    .map(|arg| self.condition(arg))
                    .collect::<Lowered<Vec<_>>>()?;
                self.nest(span, args.iter().map(depth).max().unwrap_or(0))?;
                Spanned::new(ExprKind::Call { function, args }, span)
            }
            Rule::literal => {
                let literal = self.literal(pair)?;
                Spanned::new(ExprKind::Literal(literal.node), span)
            }
            Rule::literal_list => Spanned::new(ExprKind::List(self.literal_list(pair)?.node), span),
            Rule::now => Spanned::new(ExprKind::Now, span),
            Rule::name => Spanned::new(ExprKind::Name(pair.as_str().to_string()), span),
            _ => return Err(self.missing(span, "value")),
        })
    }

    // ── literals ────────────────────────────────────────────────────────

    fn name(&self, pair: Pair<'_, Rule>) -> Name {
        Spanned::new(pair.as_str().to_string(), self.span(&pair))
    }

    fn description(&self, parts: &mut Parts<'_>) -> Lowered<Option<Text>> {
        parts
            .optional(Rule::description)
            .map(|pair| self.string(pair))
            .transpose()
    }

    /// The string after a keyword, as in `like "Other example"`.
    fn inner_string(&self, pair: Pair<'_, Rule>) -> Lowered<Text> {
        let span = self.span(&pair);
        let string = Parts::of(pair)
            .next()
            .ok_or_else(|| self.missing(span, "text"))?;
        self.string(string)
    }

    /// A quoted string (`string`, `description`, `stage_long_name`), escapes resolved.
    fn string(&self, pair: Pair<'_, Rule>) -> Lowered<Text> {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let body = raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default();
        let mut text = String::with_capacity(body.len());
        let mut chars = body.char_indices();
        while let Some((at, c)) = chars.next() {
            if c != '\\' {
                text.push(c);
                continue;
            }
            let escaped = match chars.next() {
                Some((_, '"')) => Some('"'),
                Some((_, '\\')) => Some('\\'),
                Some((_, 'n')) => Some('\n'),
                Some((_, 't')) => Some('\t'),
                Some((_, 'u')) => {
                    let rest = chars.as_str();
                    let code = rest
                        .strip_prefix('{')
                        .and_then(|rest| rest.split_once('}'))
                        .filter(|(hex, _)| (1..=6).contains(&hex.len()))
                        .and_then(|(hex, _)| {
                            u32::from_str_radix(hex, 16)
                                .ok()
                                .map(|code| (code, hex.len()))
                        });
                    code.and_then(|(code, len)| {
                        chars.nth(len + 1);
                        char::from_u32(code)
                    })
                }
                _ => None,
            };
            match escaped {
                Some(c) => text.push(c),
                None => {
                    let start = span.start + 1 + at;
                    let shown: String = body[at..].chars().take(2).collect();
                    self.report(
                        Diagnostic::new(
                            &catalog::INVALID_ESCAPE,
                            Span::new(start, start + shown.len()),
                            format!("`{shown}` is not something a text can contain"),
                        )
                        .with_label("unknown escape")
                        .with_help(
                            "a backslash starts an escape: `\\\"` for a quote, `\\\\` for a backslash, `\\n` for a new line, `\\t` for a tab, `\\u{…}` for a Unicode character; in a `matches` pattern write `\\\\d` for `\\d`",
                        ),
                    );
                    return Err(Skip);
                }
            }
        }
        Ok(Spanned::new(text, span))
    }

    fn literal_list(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Vec<Spanned<Literal>>>> {
        let span = self.span(&pair);
        let entries = Parts::of(pair)
            .map(|value| self.literal(value))
            .collect::<Lowered<_>>()?;
        Ok(Spanned::new(entries, span))
    }

    /// A `literal` (in a condition) or a `value` (in a list or a lead).
    fn literal(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Literal>> {
        let span = self.span(&pair);
        let inner = Parts::of(pair)
            .next()
            .ok_or_else(|| self.missing(span, "value"))?;
        let node = match inner.as_rule() {
            Rule::timestamp => Literal::Time(self.instant(inner)?.node),
            Rule::date => Literal::Date(self.date(inner)?.node),
            Rule::duration => Literal::Duration(self.duration(inner)?.node),
            Rule::percentage | Rule::number | Rule::negative_number => {
                Literal::Number(self.number(&inner)?)
            }
            Rule::string => Literal::Text(self.string(inner)?.node),
            Rule::boolean => Literal::Bool(inner.as_str() == "true"),
            _ => return Err(self.missing(span, "value")),
        };
        Ok(Spanned::new(node, span))
    }

    fn spanned_number(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Number>> {
        Ok(Spanned::new(self.number(&pair)?, self.span(&pair)))
    }

    /// A number as written: optional sign, digits with `_`, optional `%`.
    fn number(&self, pair: &Pair<'_, Rule>) -> Lowered<Number> {
        let written = pair.as_str();
        let percent = written.ends_with('%');
        let digits: String = written
            .trim_end_matches('%')
            .chars()
            .filter(|c| *c != '_' && *c != '+')
            .collect();
        match digits.parse::<f64>() {
            Ok(value) if value.is_finite() && value.abs() < 1e15 => Ok(Number {
                written: value,
                percent,
            }),
            _ => {
                self.report(
                    Diagnostic::new(
                        &catalog::INVALID_NUMBER,
                        self.span(pair),
                        format!("`{written}` is too large a number"),
                    )
                    .with_label("too large")
                    .with_help("numbers in a policy must stay below 1,000,000,000,000,000"),
                );
                Err(Skip)
            }
        }
    }

    fn duration(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Duration>> {
        let span = self.span(&pair);
        let mut parts = Parts::of(pair);
        let amount = self.number(&self.expect(&mut parts, Rule::duration_amount, span)?)?;
        let business = parts.optional(Rule::business).is_some();
        let unit_pair = parts.next().ok_or_else(|| self.missing(span, "unit"))?;
        let unit = match unit_pair.as_str().trim_end_matches('s') {
            "minute" => DurationUnit::Minutes,
            "hour" => DurationUnit::Hours,
            "day" => DurationUnit::Days,
            _ => DurationUnit::Weeks,
        };
        Ok(Spanned::new(
            Duration {
                amount: amount.written,
                unit,
                business,
            },
            span,
        ))
    }

    fn date(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Date>> {
        let span = self.span(&pair);
        let text = pair.as_str();
        match moment::date(text.as_bytes()) {
            Ok(date) => Ok(Spanned::new(date, span)),
            Err(reason) => {
                self.report(
                    Diagnostic::new(
                        &catalog::INVALID_DATE,
                        span,
                        format!("`{text}` is not a date on the calendar"),
                    )
                    .with_label(reason.to_string())
                    .with_help("write dates as YYYY-MM-DD, for example 2026-02-01"),
                );
                Err(Skip)
            }
        }
    }

    fn instant(&self, pair: Pair<'_, Rule>) -> Lowered<Spanned<Instant>> {
        let span = self.span(&pair);
        let text = pair.as_str();
        match moment::instant(text.as_bytes(), Layout::Policy) {
            Ok(moment::Instant { timestamp, offset }) => {
                Ok(Spanned::new(Instant { timestamp, offset }, span))
            }
            Err(reason) => {
                self.report(
                    Diagnostic::new(&catalog::INVALID_TIME, span, format!("`{text}` is not a valid time"))
                        .with_label(reason.to_string())
                        .with_help("write times as RFC 3339, for example 2026-03-02T09:00:00Z or 2026-03-02T12:00:00+03:00"),
                );
                Err(Skip)
            }
        }
    }
}

/// How many levels an expression tree has.
/// Every part of a block that can hold thousands (fields, score rules),
/// or the first problem; kept without the spare room a growing list
/// leaves, which the tree would hold as long as it lives.
fn every<T>(parts: impl Iterator<Item = Lowered<T>>) -> Lowered<Vec<T>> {
    let mut all = parts.collect::<Lowered<Vec<T>>>()?;
    all.shrink_to_fit();
    Ok(all)
}

fn depth(expr: &Expr) -> usize {
    // Children were bounded when built, so this recursion is shallow.
    1 + match &expr.node {
        ExprKind::Literal(_) | ExprKind::List(_) | ExprKind::Name(_) | ExprKind::Now => 0,
        ExprKind::Call { args, .. } => args.iter().map(depth).max().unwrap_or(0),
        ExprKind::Not(inner) | ExprKind::Negate(inner) => depth(inner),
        ExprKind::Logic { lhs, rhs, .. }
        | ExprKind::Arith { lhs, rhs, .. }
        | ExprKind::Compare { lhs, rhs, .. } => depth(lhs).max(depth(rhs)),
        ExprKind::Between { value, low, high } => depth(value).max(depth(low)).max(depth(high)),
        ExprKind::In { value, .. }
        | ExprKind::Presence { value, .. }
        | ExprKind::Matches { value, .. } => depth(value),
        ExprKind::TextTest { value, pattern, .. } => match pattern {
            TextPattern::One(pattern) => depth(value).max(depth(pattern)),
            TextPattern::Any(_) => depth(value),
        },
        ExprKind::Within { value, duration } => depth(value).max(depth(duration)),
    }
}

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::*;
    use crate::syntax::grammar::QualifyParser;

    /// A condition read in full, or `None` when the grammar stops early.
    fn read(text: &str) -> Option<Expr> {
        let pair = QualifyParser::parse(Rule::condition, text).ok()?.next()?;
        if pair.as_str() != text {
            return None;
        }
        Lowerer::new(0, &[]).condition(pair).ok()
    }

    /// The tree with every operator's operands in parentheses.
    fn shape(expr: &Expr) -> String {
        let pair =
            |lhs: &Expr, op: &str, rhs: &Expr| format!("({} {op} {})", shape(lhs), shape(rhs));
        match &expr.node {
            ExprKind::Name(name) => name.to_string(),
            ExprKind::Logic { op, lhs, rhs } => {
                pair(lhs, if op.node == LogicOp::Or { "or" } else { "and" }, rhs)
            }
            ExprKind::Arith { op, lhs, rhs } => pair(lhs, op.node.symbol(), rhs),
            ExprKind::Compare { op, lhs, rhs } => {
                pair(lhs, if op.node == CompareOp::Lt { "<" } else { "==" }, rhs)
            }
            ExprKind::Not(inner) => format!("(not {})", shape(inner)),
            ExprKind::Negate(inner) => format!("(- {})", shape(inner)),
            other => format!("{other:?}"),
        }
    }

    const INFIX: [(&str, Binding); 8] = [
        ("or", Binding::Or),
        ("and", Binding::And),
        ("==", Binding::Predicate),
        ("<", Binding::Predicate),
        ("+", Binding::Sum),
        ("-", Binding::Sum),
        ("*", Binding::Product),
        ("/", Binding::Product),
    ];
    const PREFIX: [(&str, Binding); 2] = [("not", Binding::Not), ("-", Binding::Negate)];

    // The grammar's rule nesting and the table in `vocabulary::Binding`
    // must group every pair of operators alike: the formatter and the
    // renderer bracket by the table, so a disagreement would change what a
    // formatted or described condition means.
    #[test]
    fn the_grammar_groups_operators_as_the_precedence_table_says() {
        for (first, outer) in INFIX {
            for (second, inner) in INFIX {
                let text = format!("a {first} b {second} c");
                let expected = if outer == Binding::Predicate && inner == Binding::Predicate {
                    // Tests do not chain: `a == b == c` is not a condition.
                    None
                } else if inner > outer {
                    Some(format!("(a {first} (b {second} c))"))
                } else {
                    Some(format!("((a {first} b) {second} c)"))
                };
                assert_eq!(read(&text).as_ref().map(shape), expected, "{text}");
            }
            for (prefix, binding) in PREFIX {
                let text = format!("{prefix} a {first} b");
                let expected = if outer > binding {
                    format!("({prefix} (a {first} b))")
                } else {
                    format!("(({prefix} a) {first} b)")
                };
                assert_eq!(read(&text).as_ref().map(shape), Some(expected), "{text}");
            }
        }
    }
}
