//! Conditions and values: names resolved, types checked (see "Expressions"
//! in docs/language.md). A broken sub-expression is reported once and
//! makes its parents `None`, so one mistake gives one message.

use super::Checker;
use super::scope::{Scope, Symbol};
use crate::diagnostic::{Code, Diagnostic, catalog, did_you_mean};
use crate::ir::{self, CompareOp, Expr, ExprKind, FieldType, Function, Type, Value};
use crate::span::Span;
use crate::syntax::ast::{self, ArithOp, ListRef, Literal, LogicOp, TextPattern};
use crate::vocabulary::strings;

impl Checker<'_, '_> {
    /// A condition: an expression that must be yes or no. `role` says
    /// where it stands, for the message ("a `requires` criterion").
    pub(super) fn condition(&mut self, expr: &ast::Expr, role: &str) -> Option<Expr> {
        let checked = self.expr(expr)?;
        self.expect_condition(checked, role)
    }

    fn expect_condition(&mut self, checked: Expr, role: &str) -> Option<Expr> {
        if checked.ty == Type::Bool {
            return Some(checked);
        }
        let help = match checked.ty {
            Type::Number => "compare it with something, as in `employees > 200`",
            Type::Text | Type::Email => {
                "compare it with a value, as in `lead_source is \"inbound\"`, or test `is present`"
            }
            _ => "write a test that is true or false, such as `… is present` or a comparison",
        };
        let message = format!(
            "{role} must be a yes/no condition, not {}",
            checked.ty.describe()
        );
        self.wrong(&catalog::NOT_A_CONDITION, &checked, &message, help)
    }

    pub(super) fn expr(&mut self, expr: &ast::Expr) -> Option<Expr> {
        let span = expr.span;
        match &expr.node {
            ast::ExprKind::Literal(literal) => {
                let (value, ty) = constant(literal);
                typed(ExprKind::Const(value), ty, span)
            }
            ast::ExprKind::List(entries) => {
                let (values, element) = self.list_values(entries)?;
                typed(
                    ExprKind::Const(Value::List(values)),
                    list_type(element),
                    span,
                )
            }
            ast::ExprKind::Name(name) => self.name(&ast::Spanned::new(name.clone(), span)),
            ast::ExprKind::Now => typed(ExprKind::Now, Type::Time, span),
            ast::ExprKind::Call { function, args } => self.call(function, args, span),
            ast::ExprKind::Not(inner) => {
                let inner = self.condition(inner, "the part after `not`")?;
                typed(ExprKind::Not(Box::new(inner)), Type::Bool, span)
            }
            ast::ExprKind::Negate(inner) => self.negation(inner, span),
            ast::ExprKind::Logic { op, lhs, rhs } => self.logic(op.node, lhs, rhs, span),
            ast::ExprKind::Arith { op, lhs, rhs } => {
                let (lhs, rhs) = (self.expr(lhs), self.expr(rhs));
                self.arithmetic(op.node, lhs?, rhs?, span)
            }
            ast::ExprKind::Compare { op, lhs, rhs } => {
                let (lhs, rhs) = (self.expr(lhs), self.expr(rhs));
                self.comparison(op.node, lhs?, rhs?, span)
            }
            ast::ExprKind::Between { value, low, high } => self.between(value, low, high, span),
            ast::ExprKind::In {
                value,
                list,
                negated,
            } => self.in_list(value, list, *negated, span),
            ast::ExprKind::Presence { value, present } => {
                let value = self.expr(value)?;
                let kind = ExprKind::Presence {
                    value: Box::new(value),
                    present: *present,
                };
                typed(kind, Type::Bool, span)
            }
            ast::ExprKind::TextTest { op, value, pattern } => {
                self.text_test(op.node, value, pattern, span)
            }
            ast::ExprKind::Matches { value, pattern } => self.pattern_match(value, pattern, span),
            ast::ExprKind::Within { value, duration } => self.within(value, duration, span),
        }
    }

    /// `-X`: only numbers and durations have a negative.
    fn negation(&mut self, inner: &ast::Expr, span: Span) -> Option<Expr> {
        let inner = self.expr(inner)?;
        if !matches!(inner.ty, Type::Number | Type::Duration) {
            return self.wrong(
                &catalog::NOT_A_NUMBER,
                &inner,
                "`-` needs a number",
                "only numbers and durations can be negative",
            );
        }
        let ty = inner.ty;
        typed(ExprKind::Negate(Box::new(inner)), ty, span)
    }

    /// `A and B`, `A or B`: both sides are checked, so both report.
    fn logic(&mut self, op: LogicOp, lhs: &ast::Expr, rhs: &ast::Expr, span: Span) -> Option<Expr> {
        let word = if op == LogicOp::And { "and" } else { "or" };
        let lhs = self.condition(lhs, &format!("each side of `{word}`"));
        let rhs = self.condition(rhs, &format!("each side of `{word}`"));
        let (lhs, rhs) = (Box::new(lhs?), Box::new(rhs?));
        let kind = if op == LogicOp::And {
            ExprKind::And(lhs, rhs)
        } else {
            ExprKind::Or(lhs, rhs)
        };
        typed(kind, Type::Bool, span)
    }

    /// `X between A and B`: an orderable value and two bounds of its kind.
    fn between(
        &mut self,
        value: &ast::Expr,
        low: &ast::Expr,
        high: &ast::Expr,
        span: Span,
    ) -> Option<Expr> {
        let (value, low, high) = (self.expr(value), self.expr(low), self.expr(high));
        let (value, low, high) = (value?, low?, high?);
        if !orderable(value.ty) {
            return self.wrong(
                &catalog::NOT_A_NUMBER,
                &value,
                "`between` needs a number, date, time or duration",
                "use `between` on numbers, as in `employees between 200 and 5000`",
            );
        }
        for bound in [&low, &high] {
            if bound.ty != value.ty {
                return self.mismatch(&value, bound, "`between` compares values of one kind");
            }
        }
        let kind = ExprKind::Between {
            value: Box::new(value),
            low: Box::new(low),
            high: Box::new(high),
        };
        typed(kind, Type::Bool, span)
    }

    /// `X in LIST` and `X not in LIST`.
    fn in_list(
        &mut self,
        value: &ast::Expr,
        list: &ListRef,
        negated: bool,
        span: Span,
    ) -> Option<Expr> {
        let value = self.expr(value);
        let list = self.list_ref(list);
        let (value, list) = (value?, list?);
        self.membership(&value, &list, "`in`")?;
        let kind = ExprKind::In {
            value: Box::new(value),
            list: Box::new(list),
            negated,
        };
        typed(kind, Type::Bool, span)
    }

    /// `X contains S`, `X starts with any LIST`, …: a text (or, for
    /// `contains`, a list of texts) and one text or a list of them.
    fn text_test(
        &mut self,
        op: ast::TextOp,
        value: &ast::Expr,
        pattern: &TextPattern,
        span: Span,
    ) -> Option<Expr> {
        let value = self.expr(value);
        let (pattern, any) = match pattern {
            TextPattern::One(pattern) => (self.expr(pattern), false),
            TextPattern::Any(list) => (self.list_ref(list), true),
        };
        let (value, pattern) = (value?, pattern?);
        let word = match op {
            ast::TextOp::Contains => "contains",
            ast::TextOp::StartsWith => "starts with",
            ast::TextOp::EndsWith => "ends with",
        };
        let list_contains = value.ty == Type::TextList && op == ast::TextOp::Contains;
        if !value.ty.is_text() && !list_contains {
            return self.wrong(
                &catalog::NOT_TEXT,
                &value,
                &format!("`{word}` needs a text"),
                "text tests apply to text fields, such as `title contains \"VP\"`",
            );
        }
        if any {
            if pattern.ty != Type::TextList {
                return self.wrong(
                    &catalog::NOT_A_LIST,
                    &pattern,
                    "`any` needs a list of texts",
                    "write a list such as `[\"VP\", \"Director\"]` or the name of a `list`",
                );
            }
        } else if !pattern.ty.is_text() {
            return self.wrong(
                &catalog::NOT_TEXT,
                &pattern,
                &format!("`{word}` looks for a text"),
                "put the text to look for in quotes, as in `title contains \"VP\"`",
            );
        }
        let kind = ExprKind::TextTest {
            op,
            value: Box::new(value),
            pattern: Box::new(pattern),
            any,
        };
        typed(kind, Type::Bool, span)
    }

    /// `X matches "regex"`: a text and a pattern that compiles.
    fn pattern_match(
        &mut self,
        value: &ast::Expr,
        pattern: &ast::Text,
        span: Span,
    ) -> Option<Expr> {
        let value = self.expr(value)?;
        if !value.ty.is_text() {
            return self.wrong(
                &catalog::NOT_TEXT,
                &value,
                "`matches` needs a text",
                "use `matches` on text fields, as in `email matches \"^test\"`",
            );
        }
        self.regular_expression(pattern)?;
        let kind = ExprKind::Matches {
            value: Box::new(value),
            pattern: pattern.node.clone(),
        };
        typed(kind, Type::Bool, span)
    }

    /// The pattern compiles as evaluation will compile it; otherwise the
    /// regex crate's last line of explanation becomes the label.
    fn regular_expression(&mut self, pattern: &ast::Text) -> Option<()> {
        let Err(error) = regex::RegexBuilder::new(&pattern.node)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
        else {
            return Some(());
        };
        let reason = error.to_string();
        let last = reason
            .lines()
            .rev()
            .find(|line| !line.trim().is_empty())
            .unwrap_or_default()
            .trim()
            .to_string();
        self.report(
            Diagnostic::new(
                &catalog::INVALID_REGEX,
                pattern.span,
                "this pattern is not a valid regular expression",
            )
            .with_label(last)
            .with_help(
                "check the brackets and special characters; write `\\\\.` for a literal dot",
            ),
        );
        None
    }

    /// `T within DURATION`: a time or date and a calendar duration.
    fn within(&mut self, value: &ast::Expr, duration: &ast::Expr, span: Span) -> Option<Expr> {
        let value = self.expr(value);
        let duration = self.expr(duration);
        let (value, duration) = (value?, duration?);
        if !matches!(value.ty, Type::Time | Type::Date) {
            return self.wrong(
                &catalog::NOT_A_TIME,
                &value,
                "`within` needs a time",
                "use `within` on a time field, as in `created_at within 30 days`",
            );
        }
        if duration.ty != Type::Duration {
            return self.wrong(
                &catalog::TYPE_MISMATCH,
                &duration,
                "`within` needs a duration",
                "write a duration such as `30 days` or `4 hours`",
            );
        }
        self.no_business_time(&duration)?;
        let kind = ExprKind::Within {
            value: Box::new(value),
            duration: Box::new(duration),
        };
        typed(kind, Type::Bool, span)
    }

    fn name(&mut self, name: &ast::Name) -> Option<Expr> {
        let Some(&symbol) = self.scope.names.get(name.as_str()) else {
            let known = self.scope.names_of("");
            self.report(Scope::unknown(&catalog::UNKNOWN_NAME, "name", name, &known));
            return None;
        };
        self.usage.symbols.insert(symbol);
        let (kind, ty) = match symbol {
            Symbol::Field(id) => (ExprKind::Field(id), self.fields.get(id.0)?.ty.value_type()),
            Symbol::List(id) => (
                ExprKind::List(id),
                list_type(self.lists.get(id.0)?.as_ref()?.element),
            ),
            Symbol::Define(id) => (
                ExprKind::Define(id),
                self.define_exprs.get(id.0)?.as_ref()?.ty,
            ),
            Symbol::Score(id) => (ExprKind::Score(id), Type::Number),
            Symbol::Stage(id) => (ExprKind::Stage(id), Type::Bool),
        };
        Some(Expr {
            kind,
            ty,
            span: name.span,
        })
    }

    fn list_ref(&mut self, list: &ListRef) -> Option<Expr> {
        match list {
            ListRef::Named(name) => {
                let resolved = self.name(name)?;
                if !resolved.ty.is_list() {
                    return self.wrong(
                        &catalog::NOT_A_LIST,
                        &resolved,
                        &format!("`{}` is not a list", name.node),
                        "name a `list`, or write one in brackets such as `[\"CTO\", \"CFO\"]`",
                    );
                }
                Some(resolved)
            }
            ListRef::Literal(entries) => {
                let (values, element) = self.list_values(&entries.node)?;
                Some(Expr {
                    kind: ExprKind::Const(Value::List(values)),
                    ty: list_type(element),
                    span: entries.span,
                })
            }
        }
    }

    /// Constants of a literal list and the type of their entries.
    pub(super) fn list_values(
        &mut self,
        entries: &[ast::Spanned<Literal>],
    ) -> Option<(Vec<Value>, Type)> {
        let element = list_element(entries)
            .map_err(|problem| self.report(*problem))
            .ok()?;
        let values = entries
            .iter()
            .map(|entry| constant(&entry.node).0)
            .collect();
        Some((values, element))
    }
}

/// A literal as a constant value and its type.
pub(super) fn constant(literal: &Literal) -> (Value, Type) {
    match literal {
        Literal::Number(number) => (Value::Number(number.value()), Type::Number),
        Literal::Text(text) => (Value::Text(text.clone()), Type::Text),
        Literal::Bool(value) => (Value::Bool(*value), Type::Bool),
        Literal::Date(date) => (Value::Date(*date), Type::Date),
        Literal::Time(instant) => (Value::Time(instant.timestamp), Type::Time),
        Literal::Duration(duration) => (
            Value::Duration(ir::Duration::new(
                duration.amount,
                duration.unit,
                duration.business,
            )),
            Type::Duration,
        ),
    }
}

impl Checker<'_, '_> {
    fn call(&mut self, function: &ast::Name, args: &[ast::Expr], span: Span) -> Option<Expr> {
        let Some(&(_, which)) = Function::ALL
            .iter()
            .find(|(name, _)| *name == function.as_str())
        else {
            let names = Function::ALL.map(|(name, _)| name);
            let suggestion = did_you_mean(&function.node, names.iter().copied());
            let message = match suggestion {
                Some(suggestion) => format!(
                    "there is no function `{}`; did you mean `{suggestion}`?",
                    function.node
                ),
                None => format!("there is no function `{}`", function.node),
            };
            self.report(
                Diagnostic::new(&catalog::UNKNOWN_FUNCTION, function.span, message)
                    .with_label("unknown function")
                    .with_help("the functions are domain(email), lower(text), length(text or list), days_since(time) and count(list)"),
            );
            return None;
        };
        let args: Vec<Option<Expr>> = args.iter().map(|arg| self.expr(arg)).collect();
        let args: Vec<Expr> = args.into_iter().collect::<Option<_>>()?;
        let (accepts, wanted, result): (fn(Type) -> bool, &str, Type) = match which {
            Function::Domain => (|ty| ty == Type::Email, "an e-mail field", Type::Text),
            Function::Lower => (Type::is_text, "a text", Type::Text),
            Function::Length => (
                |ty| ty.is_text() || ty.is_list(),
                "a text or a list",
                Type::Number,
            ),
            Function::DaysSince => (
                |ty| matches!(ty, Type::Time | Type::Date),
                "a time or a date",
                Type::Number,
            ),
            Function::Count => (Type::is_list, "a list", Type::Number),
        };
        let name = &function.node;
        match args.as_slice() {
            [arg] if accepts(arg.ty) => Some(Expr {
                kind: ExprKind::Call(which, args),
                ty: result,
                span,
            }),
            [arg] => {
                let code = match which {
                    Function::Domain => &catalog::NOT_AN_EMAIL,
                    Function::DaysSince => &catalog::NOT_A_TIME,
                    _ => &catalog::WRONG_ARGUMENTS,
                };
                let help = match which {
                    Function::Domain => "`domain(…)` works on fields declared `email`; declare the field as `email email?`".to_string(),
                    _ => format!("give `{name}` {wanted}"),
                };
                self.wrong(
                    code,
                    arg,
                    &format!("`{name}(…)` needs {wanted}, not {}", arg.ty.describe()),
                    &help,
                )
            }
            _ => {
                self.report(
                    Diagnostic::new(
                        &catalog::WRONG_ARGUMENTS,
                        span,
                        format!("`{name}` takes one value, not {}", args.len()),
                    )
                    .with_label("wrong number of values")
                    .with_help(format!("write `{name}(…)` with {wanted} inside")),
                );
                None
            }
        }
    }

    fn arithmetic(&mut self, op: ArithOp, lhs: Expr, rhs: Expr, span: Span) -> Option<Expr> {
        use Type::{Date, Duration, Number, Time};
        let ty = match (op, lhs.ty, rhs.ty) {
            (_, Number, Number) => Number,
            (ArithOp::Sub, Time, Time) | (ArithOp::Sub, Date, Date) => Duration,
            (ArithOp::Add | ArithOp::Sub, Time, Duration) => Time,
            (ArithOp::Add, Duration, Time) => Time,
            (ArithOp::Add | ArithOp::Sub, Duration, Duration) => Duration,
            (ArithOp::Mul, Duration, Number)
            | (ArithOp::Mul, Number, Duration)
            | (ArithOp::Div, Duration, Number) => Duration,
            _ => {
                let symbol = match op {
                    ArithOp::Add => "+",
                    ArithOp::Sub => "-",
                    ArithOp::Mul => "*",
                    ArithOp::Div => "/",
                };
                let offender = if matches!(lhs.ty, Number | Duration | Time | Date) {
                    &rhs
                } else {
                    &lhs
                };
                return self.wrong(
                    &catalog::NOT_A_NUMBER,
                    offender,
                    &format!("`{symbol}` cannot combine {} and {}", lhs.ty.describe(), rhs.ty.describe()),
                    "arithmetic works on numbers; times can be subtracted (`first_touch_at - mql_at`) and moved by durations",
                );
            }
        };
        self.no_business_time(&lhs)?;
        self.no_business_time(&rhs)?;
        Some(Expr {
            kind: ExprKind::Arith(op, Box::new(lhs), Box::new(rhs)),
            ty,
            span,
        })
    }

    fn comparison(&mut self, op: ast::CompareOp, lhs: Expr, rhs: Expr, span: Span) -> Option<Expr> {
        let op = match op {
            ast::CompareOp::Eq | ast::CompareOp::Is => CompareOp::Eq,
            ast::CompareOp::Ne | ast::CompareOp::IsNot => CompareOp::Ne,
            ast::CompareOp::Lt => CompareOp::Lt,
            ast::CompareOp::Le => CompareOp::Le,
            ast::CompareOp::Gt => CompareOp::Gt,
            ast::CompareOp::Ge => CompareOp::Ge,
        };
        if !comparable(lhs.ty, rhs.ty) {
            return self.mismatch(&lhs, &rhs, "only values of the same kind can be compared");
        }
        if !matches!(op, CompareOp::Eq | CompareOp::Ne) && !orderable(lhs.ty) {
            return self.wrong(
                &catalog::TYPE_MISMATCH,
                &lhs,
                &format!("{} cannot be larger or smaller", lhs.ty.describe()),
                "`<`, `<=`, `>` and `>=` compare numbers, dates, times and durations; use `is` or `in` for texts",
            );
        }
        self.allowed_value(&lhs, &rhs)?;
        self.allowed_value(&rhs, &lhs)?;
        self.no_business_time(&lhs)?;
        self.no_business_time(&rhs)?;
        Some(Expr {
            kind: ExprKind::Compare(op, Box::new(lhs), Box::new(rhs)),
            ty: Type::Bool,
            span,
        })
    }

    /// `value in list`: the list holds values of the value's kind, and a
    /// `one of` field is only compared with values it can take.
    fn membership(&mut self, value: &Expr, list: &Expr, word: &str) -> Option<()> {
        let Some(element) = list.ty.element() else {
            return self.wrong(
                &catalog::NOT_A_LIST,
                list,
                &format!("{word} needs a list"),
                "write a list such as `[\"CTO\", \"CFO\"]` or the name of a `list`",
            );
        };
        // A `list of text` field is in a list when any of its entries is.
        let fits =
            comparable(value.ty, element) || (value.ty == Type::TextList && element == Type::Text);
        if !fits {
            return self.mismatch(
                value,
                list,
                &format!(
                    "{word} looks for {} in {}",
                    value.ty.describe(),
                    list.ty.describe()
                ),
            );
        }
        self.allowed_value(value, list)
    }

    /// When `field` is a `one of` field, every constant text in `other`
    /// must be one of its values.
    fn allowed_value(&mut self, field: &Expr, other: &Expr) -> Option<()> {
        let ExprKind::Field(id) = field.kind else {
            return Some(());
        };
        let Some(FieldType::OneOf(allowed)) = self.fields.get(id.0).map(|field| field.ty.clone())
        else {
            return Some(());
        };
        let texts: Vec<&str> = match &other.kind {
            ExprKind::Const(Value::Text(text)) => vec![text.as_str()],
            ExprKind::Const(Value::List(values)) => values
                .iter()
                .filter_map(|v| {
                    if let Value::Text(t) = v {
                        Some(t.as_str())
                    } else {
                        None
                    }
                })
                .collect(),
            _ => return Some(()),
        };
        let outside = texts.iter().find(|text| {
            !allowed
                .iter()
                .any(|value| value.eq_ignore_ascii_case(text.trim()))
        });
        let Some(outside) = outside else {
            return Some(());
        };
        let field_name = self
            .fields
            .get(id.0)
            .map(|field| field.name.clone())
            .unwrap_or_default();
        let suggestion = did_you_mean(outside, allowed.iter().map(String::as_str))
            .map(|s| format!("did you mean `\"{s}\"`? "))
            .unwrap_or_default();
        self.report(
            Diagnostic::new(
                &catalog::VALUE_NOT_ALLOWED,
                other.span,
                format!("`{field_name}` is never \"{outside}\""),
            )
            .with_label(format!("not one of the values of `{field_name}`"))
            .with_help(format!(
                "{suggestion}`{field_name}` is one of {}",
                strings(allowed)
            )),
        );
        None
    }

    /// Business time needs a calendar, which only an SLA has.
    fn no_business_time(&mut self, expr: &Expr) -> Option<()> {
        if let ExprKind::Const(Value::Duration(duration)) = expr.kind
            && duration.business
        {
            self.report(
                Diagnostic::new(&catalog::BUSINESS_TIME_WITHOUT_CALENDAR, expr.span, "business time needs a calendar, and a condition has none")
                    .with_label("business time here")
                    .with_help("in a condition use calendar time (`2 days`); business hours belong in an `sla` with `on CALENDAR`"),
            );
            return None;
        }
        Some(())
    }

    /// The value at `at` is of the wrong kind: the family of type errors,
    /// each labelled with the kind it is.
    pub(super) fn wrong<T>(
        &mut self,
        code: &'static Code,
        at: &Expr,
        message: &str,
        help: &str,
    ) -> Option<T> {
        self.report(
            Diagnostic::new(code, at.span, message.to_string())
                .with_label(format!("this is {}", at.ty.describe()))
                .with_help(help.to_string()),
        );
        None
    }

    fn mismatch<T>(&mut self, lhs: &Expr, rhs: &Expr, help: &str) -> Option<T> {
        self.report(
            Diagnostic::new(
                &catalog::TYPE_MISMATCH,
                rhs.span,
                format!(
                    "{} is compared with {}",
                    lhs.ty.describe(),
                    rhs.ty.describe()
                ),
            )
            .with_label(format!("this is {}", rhs.ty.describe()))
            .with_note(lhs.span, format!("this is {}", lhs.ty.describe()))
            .with_help(help.to_string()),
        );
        None
    }
}

/// A checked expression of `kind` and `ty` over `span`.
fn typed(kind: ExprKind, ty: Type, span: Span) -> Option<Expr> {
    Some(Expr { kind, ty, span })
}

pub(super) fn list_type(element: Type) -> Type {
    if element == Type::Number {
        Type::NumberList
    } else {
        Type::TextList
    }
}

/// The one type of a list's entries: texts or numbers, not mixed.
fn list_element(entries: &[ast::Spanned<Literal>]) -> Result<Type, Box<Diagnostic>> {
    let kind = |literal: &Literal| match literal {
        Literal::Text(_) => Some(Type::Text),
        Literal::Number(_) => Some(Type::Number),
        _ => None,
    };
    let mut element = None;
    for entry in entries {
        let Some(found) = kind(&entry.node) else {
            return Err(Box::new(
                Diagnostic::new(
                    &catalog::MIXED_LIST,
                    entry.span,
                    "a list holds texts or numbers",
                )
                .with_label("neither a text nor a number")
                .with_help("write the entries as texts in quotes or as numbers"),
            ));
        };
        let expected = *element.get_or_insert(found);
        if expected != found {
            let among = if expected == Type::Text {
                "texts"
            } else {
                "numbers"
            };
            return Err(Box::new(
                Diagnostic::new(&catalog::MIXED_LIST, entry.span, format!("this list mixes {} and {}", expected.describe(), found.describe()))
                    .with_label(format!("{} among {among}", found.describe()))
                    .with_help("keep one kind of value per list; put numbers without quotes and texts in quotes"),
            ));
        }
    }
    Ok(element.unwrap_or(Type::Text))
}

fn comparable(a: Type, b: Type) -> bool {
    a == b || (a.is_text() && b.is_text())
}

fn orderable(ty: Type) -> bool {
    matches!(ty, Type::Number | Type::Date | Type::Time | Type::Duration)
}
