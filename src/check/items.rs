//! Each item of the policy, checked into its IR form.

use std::collections::HashMap;

use super::Checker;
use super::expr::constant;
use super::graph::Graph;
use super::scope::{Scope, Symbol};
use crate::diagnostic::{Diagnostic, catalog};
use crate::ir::{self, CalendarId, FieldId, PartyId, Policy, StageId, Type, Value};
use crate::span::Span;
use crate::syntax::ast::{
    self, CalendarClause, ExampleClause, HeaderEntry, Literal, ScoreRuleKind, SlaClause, Spanned,
    StageClause, TargetClause,
};
use crate::syntax::written::duration_text;
use crate::vocabulary::strings;

impl<'a> Checker<'_, 'a> {
    pub(super) fn policy(&mut self) -> Policy {
        let scope = self.scope;
        let parties = scope
            .parties
            .iter()
            .map(|(name, who)| ir::Party {
                name: name.node.clone(),
                who: who.node.clone(),
                span: name.span,
            })
            .collect();
        self.fields_and_key();
        self.lists = scope
            .lists
            .iter()
            .map(|(list, _)| self.list(list))
            .collect();
        let graph = Graph::build(scope);
        self.defines_in_order(&graph);
        let undesirables = scope
            .undesirables
            .iter()
            .filter_map(|(u, span)| self.undesirable(u, *span))
            .collect();
        let scores = scope
            .scores
            .iter()
            .filter_map(|(score, _)| self.score(score))
            .collect();
        let stages = scope
            .stages
            .iter()
            .enumerate()
            .filter_map(|(i, (stage, span))| self.stage(i, stage, *span, &graph))
            .collect();
        let calendars = scope
            .calendars
            .iter()
            .filter_map(|(calendar, _)| self.calendar(calendar))
            .collect();
        let slas = scope
            .slas
            .iter()
            .filter_map(|(sla, span)| self.sla(sla, *span))
            .collect();
        let targets = scope
            .targets
            .iter()
            .filter_map(|(target, span)| self.target(target, *span))
            .collect();
        let examples = self.examples();
        let signoffs = scope
            .signoffs
            .iter()
            .filter_map(|(signoff, span)| self.signoff(signoff, *span))
            .collect();
        let defines = self.checked_defines();
        let header = scope.header;
        Policy {
            title: header.map(|h| h.title.node.clone()).unwrap_or_default(),
            version: header_entry(header, |entry| match entry {
                HeaderEntry::Version(v) => Some(v.node.clone()),
                _ => None,
            }),
            effective: header_entry(header, |entry| match entry {
                HeaderEntry::Effective(d) => Some(d.node),
                _ => None,
            }),
            summary: header_entry(header, |entry| match entry {
                HeaderEntry::Summary(s) => Some(s.node.clone()),
                _ => None,
            }),
            parties,
            fields: std::mem::take(&mut self.fields),
            lists: std::mem::take(&mut self.lists)
                .into_iter()
                .flatten()
                .collect(),
            defines,
            undesirables,
            scores,
            stages,
            calendars,
            slas,
            targets,
            examples,
            signoffs,
            digest: String::new(),
        }
    }

    /// The fields, checked, and the one `key` among them.
    fn fields_and_key(&mut self) {
        self.fields = self
            .scope
            .fields
            .iter()
            .map(|field| self.field(field))
            .collect();
        // Results are reported by the key, so it is always in use.
        let keys = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, field)| field.key);
        let keys: Vec<Symbol> = keys
            .map(|(index, _)| Symbol::Field(FieldId(index)))
            .collect();
        self.usage.symbols.extend(keys);
        self.check_keys();
    }

    fn list(&mut self, list: &ast::ListDef) -> Option<ir::List> {
        let (values, element) = self.list_values(&list.values)?;
        Some(ir::List {
            name: list.name.node.clone(),
            span: list.name.span,
            description: text(&list.description),
            values,
            element,
        })
    }

    /// The defines, each checked after those it names (`define_exprs`);
    /// a circular one is reported by the graph and left `None`.
    fn defines_in_order(&mut self, graph: &Graph) {
        let scope = self.scope;
        let define_order = graph.check_cycles(scope, &mut self.diagnostics);
        // A circular define is never checked, but what it names is still used.
        let ordered: std::collections::HashSet<usize> = define_order.iter().copied().collect();
        for (index, (define, _)) in scope.defines.iter().enumerate() {
            if !ordered.contains(&index) {
                define.value.visit_names(&mut |name| {
                    if let Some(symbol) = scope.names.get(name.as_str()) {
                        self.usage.symbols.insert(*symbol);
                    }
                });
            }
        }
        self.define_exprs = vec![None; scope.defines.len()];
        for d in define_order {
            if let Some((define, _)) = scope.defines.get(d) {
                self.define_exprs[d] = self.expr(&define.value);
            }
        }
    }

    /// The defines that checked, for the policy.
    fn checked_defines(&mut self) -> Vec<ir::Define> {
        // Moved, not copied, into the policy: a large policy's expressions
        // would otherwise be held twice.
        self.scope
            .defines
            .iter()
            .zip(std::mem::take(&mut self.define_exprs))
            .filter_map(|((define, _), expr)| {
                Some(ir::Define {
                    name: define.name.node.clone(),
                    span: define.name.span,
                    description: text(&define.description),
                    value: expr?,
                })
            })
            .collect()
    }

    fn party(&mut self, name: &ast::Name) -> Option<PartyId> {
        if let Some(&id) = self.scope.party_names.get(name.as_str()) {
            return Some(id);
        }
        let mut known: Vec<&str> = self.scope.party_names.keys().copied().collect();
        known.sort_unstable();
        self.report(Scope::unknown(
            &catalog::UNKNOWN_PARTY,
            "party",
            name,
            &known,
        ));
        None
    }

    fn stage_id(&mut self, name: &ast::Name) -> Option<StageId> {
        if let Some(Symbol::Stage(id)) = self.scope.names.get(name.as_str()) {
            self.usage.symbols.insert(Symbol::Stage(*id));
            return Some(*id);
        }
        let known = self.scope.names_of("stage");
        self.report(Scope::unknown(
            &catalog::UNKNOWN_STAGE,
            "stage",
            name,
            &known,
        ));
        None
    }

    /// A field named in an SLA, target or example.
    fn field_id(&mut self, name: &ast::Name) -> Option<FieldId> {
        if let Some(Symbol::Field(id)) = self.scope.names.get(name.as_str()) {
            self.usage.symbols.insert(Symbol::Field(*id));
            return Some(*id);
        }
        let known = self.scope.names_of("field");
        self.report(Scope::unknown(
            &catalog::UNKNOWN_FIELD,
            "field",
            name,
            &known,
        ));
        None
    }

    fn field(&mut self, field: &Spanned<ast::Field>) -> ir::Field {
        let ty = match &field.ty.node {
            ast::FieldType::Text => ir::FieldType::Text,
            ast::FieldType::Email => ir::FieldType::Email,
            ast::FieldType::Number => ir::FieldType::Number,
            ast::FieldType::Bool => ir::FieldType::Bool,
            ast::FieldType::Date => ir::FieldType::Date,
            ast::FieldType::Time => ir::FieldType::Time,
            ast::FieldType::ListOfText => ir::FieldType::ListOfText,
            ast::FieldType::OneOf(values) => {
                let mut texts = Vec::new();
                for value in values {
                    match &value.node {
                        Literal::Text(text) => texts.push(text.clone()),
                        _ => self.report(
                            Diagnostic::new(
                                &catalog::MIXED_LIST,
                                value.span,
                                "the values of `one of` are texts",
                            )
                            .with_label("not a text")
                            .with_help(
                                "put each value in quotes, as in `one of [\"inbound\", \"event\"]`",
                            ),
                        ),
                    }
                }
                ir::FieldType::OneOf(texts)
            }
        };
        ir::Field {
            name: field.name.node.clone(),
            span: field.name.span,
            ty,
            optional: field.optional,
            description: text(&field.description),
            key: field.key,
            set_by: field.set_by.as_ref().and_then(|party| self.party(party)),
        }
    }

    fn check_keys(&mut self) {
        let keys: Vec<&Spanned<ast::Field>> = self
            .scope
            .fields
            .iter()
            .copied()
            .filter(|field| field.key)
            .collect();
        if let [first, second, ..] = keys.as_slice() {
            self.report(
                Diagnostic::new(
                    &catalog::MULTIPLE_KEYS,
                    second.name.span,
                    format!("`{}` is a second `key` field", second.name.node),
                )
                .with_label("second key")
                .with_note(first.name.span, "the first key")
                .with_help("results are reported by one field: keep `key` on one of them"),
            );
        }
    }

    fn undesirable(
        &mut self,
        undesirable: &ast::Undesirable,
        span: Span,
    ) -> Option<ir::Undesirable> {
        let blocks: Vec<Option<StageId>> = undesirable
            .blocks
            .iter()
            .map(|name| self.stage_id(name))
            .collect();
        let condition = self.condition(&undesirable.condition, "an undesirable's condition");
        Some(ir::Undesirable {
            reason: undesirable.reason.node.clone(),
            span,
            blocks: blocks.into_iter().collect::<Option<_>>()?,
            condition: condition?,
        })
    }

    fn score(&mut self, score: &ast::Score) -> Option<ir::Score> {
        let rules: Vec<Option<ir::ScoreRule>> = score
            .rules
            .iter()
            .map(|rule| {
                let kind = match &rule.kind {
                    ScoreRuleKind::If(condition) => ir::ScoreRuleKind::If(self.condition(condition, "a score rule's condition")?),
                    ScoreRuleKind::Per { quantity, up_to } => {
                        let quantity = self.expr(quantity)?;
                        if quantity.ty != Type::Number {
                            return self.wrong(
                                &catalog::NOT_A_NUMBER,
                                &quantity,
                                &format!("`per` counts a number, not {}", quantity.ty.describe()),
                                "use `per` with a number field, as in `+2 per email_clicks up to 10`; for a yes/no use `if`",
                            );
                        }
                        ir::ScoreRuleKind::Per {
                            quantity,
                            up_to: up_to.map(|cap| cap.value()),
                        }
                    }
                };
                Some(ir::ScoreRule {
                    points: rule.points.value(),
                    kind,
                    description: text(&rule.description),
                    span: rule.span,
                })
            })
            .collect();
        Some(ir::Score {
            name: score.name.node.clone(),
            span: score.name.span,
            description: text(&score.description),
            cap: score.cap.map(|cap| cap.value()),
            rules: rules.into_iter().collect::<Option<_>>()?,
        })
    }

    fn stage(
        &mut self,
        index: usize,
        stage: &ast::Stage,
        span: Span,
        graph: &Graph,
    ) -> Option<ir::Stage> {
        let mut owner = None;
        let mut after = Vec::new();
        let mut criteria = Vec::new();
        let mut broken = false;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        for clause in &stage.clauses {
            let word = match &clause.node {
                StageClause::Owner(_) => "owner",
                StageClause::After(_) => "after",
                StageClause::Requires(_) => "requires",
            };
            if word != "requires"
                && let Some(first) = seen.insert(word, clause.span)
            {
                self.report(duplicate_clause(
                    word,
                    clause.span,
                    first,
                    &format!("stage `{}`", stage.name.node),
                ));
            }
            match &clause.node {
                StageClause::Owner(party) => owner = self.party(party),
                StageClause::After(names) => {
                    for name in names {
                        match self.stage_id(name) {
                            // `after` itself: a circle, reported as one by the graph.
                            Some(id) if id.0 == index => broken = true,
                            Some(id) if id.0 > index => {
                                self.report(self.later_stage(stage, name, id, name.span));
                                broken = true;
                            }
                            Some(id) => after.push(id),
                            None => broken = true,
                        }
                    }
                }
                StageClause::Requires(criterion) => {
                    match self.condition(&criterion.condition, "a `requires` criterion") {
                        Some(condition) => criteria.push(ir::Criterion {
                            condition,
                            description: text(&criterion.description),
                            span: clause.span,
                        }),
                        None => broken = true,
                    }
                }
            }
        }
        // A stage may use stages decided before it, never itself or a later one.
        let mut reported = Vec::new();
        for (used, at) in graph.stages_used_by(index) {
            let after_clause = stage.clauses.iter().any(|c| matches!(&c.node, StageClause::After(names) if names.iter().any(|n| n.span == at)));
            // A stage using itself is a circle, reported as one.
            if used > index && !after_clause && !reported.contains(&used) {
                reported.push(used);
                let name = Spanned::new(
                    self.scope
                        .stages
                        .get(used)
                        .map(|(s, _)| s.name.node.clone())
                        .unwrap_or_default(),
                    at,
                );
                self.report(self.later_stage(stage, &name, StageId(used), at));
                broken = true;
            }
        }
        if broken {
            return None;
        }
        Some(ir::Stage {
            name: stage.name.node.clone(),
            long_name: stage.long_name.node.clone(),
            span,
            owner,
            after,
            criteria,
        })
    }

    fn later_stage(
        &self,
        stage: &ast::Stage,
        name: &ast::Name,
        used: StageId,
        at: Span,
    ) -> Diagnostic {
        let message = if name.node == stage.name.node {
            format!("stage `{}` depends on itself", stage.name.node)
        } else {
            format!(
                "stage `{}` depends on `{}`, which is decided after it",
                stage.name.node, name.node
            )
        };
        let mut diagnostic = Diagnostic::new(&catalog::AFTER_LATER_STAGE, at, message)
            .with_label("used here")
            .with_help("stages are decided in the order they are written: move this stage below the ones it depends on");
        if let Some((later, _)) = self.scope.stages.get(used.0)
            && later.name.node != stage.name.node
        {
            diagnostic = diagnostic.with_note(later.name.span, "declared here, later");
        }
        diagnostic
    }

    fn calendar(&mut self, calendar: &ast::Calendar) -> Option<ir::Calendar> {
        let mut timezone: Option<(jiff::tz::TimeZone, String)> = None;
        let mut week = Week::default();
        let mut holidays = Vec::new();
        let mut broken = false;
        let mut timezone_span: Option<Span> = None;
        for clause in &calendar.clauses {
            match &clause.node {
                CalendarClause::Timezone(name) => {
                    if let Some(first) = timezone_span.replace(clause.span) {
                        self.report(duplicate_clause(
                            "timezone",
                            clause.span,
                            first,
                            &format!("calendar `{}`", calendar.name.node),
                        ));
                    }
                    match crate::timezones::database().get(&name.node) {
                        Ok(zone) => timezone = Some((zone, name.node.clone())),
                        Err(_) => {
                            broken = true;
                            self.report(unknown_timezone(name));
                        }
                    }
                }
                CalendarClause::Hours { days, ranges } => {
                    if !self.opening_hours(days, ranges, &mut week) {
                        broken = true;
                    }
                }
                CalendarClause::Holiday { date, description } => holidays.push(ir::Holiday {
                    date: date.node,
                    description: text(description),
                }),
            }
        }
        let hours = self.daily_hours(week);
        broken |= hours.is_none();
        let any_hours = hours.iter().flatten().any(|day| !day.is_empty());
        if timezone_span.is_none() || (!any_hours && !broken) {
            broken = true;
            let missing = if timezone_span.is_none() {
                "`timezone`"
            } else {
                "opening `hours`"
            };
            self.report(
                Diagnostic::new(&catalog::INCOMPLETE_CALENDAR, calendar.name.span, format!("calendar `{}` has no {missing}", calendar.name.node))
                    .with_label(format!("needs {missing}"))
                    .with_help("a calendar needs `timezone \"Europe/Berlin\"` and at least one line such as `hours mon-fri 09:00-17:00`"),
            );
        }
        let (timezone, timezone_name) = timezone?;
        if broken {
            return None;
        }
        Some(ir::Calendar {
            name: calendar.name.node.clone(),
            span: calendar.name.span,
            description: text(&calendar.description),
            timezone,
            timezone_name,
            week: hours?,
            holidays,
        })
    }

    /// One `hours` line added to the days of `week` it names; false when
    /// its days or one of its ranges is wrong (reported).
    fn opening_hours(
        &mut self,
        days: &[Spanned<ast::DaySpan>],
        ranges: &[Spanned<ast::ClockRange>],
        week: &mut Week,
    ) -> bool {
        let Some(days) = self.days(days) else {
            return false;
        };
        let mut fine = true;
        for range in ranges {
            let (start, end) = (range.start, range.end);
            if (end.hour, end.minute) <= (start.hour, start.minute) {
                fine = false;
                self.report(
                    Diagnostic::new(&catalog::EMPTY_HOURS, range.span, "these opening hours end before they start")
                        .with_label("empty range")
                        .with_help("write the opening time first, as in `09:00-18:00`; hours past midnight are not supported"),
                );
                continue;
            }
            for day in &days {
                week[*day].push((range.node, range.span));
            }
        }
        fine
    }

    /// Each day's opening hours in order of opening; `None` when two
    /// ranges overlap, reported once per pair naming every day they share.
    fn daily_hours(&mut self, mut week: Week) -> Option<[Vec<ast::ClockRange>; 7]> {
        let mut hours: [Vec<ast::ClockRange>; 7] = Default::default();
        let mut overlaps: Vec<(Span, Span, Vec<&str>)> = Vec::new();
        for (day, ranges) in week.iter_mut().enumerate() {
            ranges.sort_by_key(|(range, _)| (range.start.hour, range.start.minute));
            for pair in ranges.windows(2) {
                if let [(first, first_span), (second, second_span)] = pair
                    && (second.start.hour, second.start.minute) < (first.end.hour, first.end.minute)
                {
                    match overlaps
                        .iter_mut()
                        .find(|(a, b, _)| a == first_span && b == second_span)
                    {
                        Some((_, _, days)) => days.push(ir::DAY_NAMES[day]),
                        None => {
                            overlaps.push((*first_span, *second_span, vec![ir::DAY_NAMES[day]]))
                        }
                    }
                }
            }
            hours[day] = ranges.iter().map(|(range, _)| *range).collect();
        }
        let overlapping = !overlaps.is_empty();
        for (first, second, days) in overlaps {
            let days = match days.as_slice() {
                [one] => one.to_string(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            self.report(
                Diagnostic::new(
                    &catalog::OVERLAPPING_HOURS,
                    second,
                    format!("opening hours overlap on {days}"),
                )
                .with_label("overlaps the other range")
                .with_note(first, "this range")
                .with_help(
                    "give each day ranges that do not overlap, such as `09:00-12:00, 13:00-18:00`",
                ),
            );
        }
        (!overlapping).then_some(hours)
    }

    /// Weekday indexes (Monday 0) of an `hours` line's days.
    fn days(&mut self, spans: &[Spanned<ast::DaySpan>]) -> Option<Vec<usize>> {
        let mut days = Vec::new();
        for span in spans {
            let first = span.first as usize;
            let last = span.last.map_or(first, |last| last as usize);
            if last < first {
                self.report(
                    Diagnostic::new(&catalog::BAD_DAY_RANGE, span.span, "this day range runs backwards")
                        .with_label(format!("{} comes before {}", ir::DAY_NAMES[last], ir::DAY_NAMES[first]))
                        .with_help("write ranges from Monday towards Sunday, as in `mon-fri`; list separate days with commas, as in `fri,sat`"),
                );
                return None;
            }
            for (day, name) in ir::DAY_NAMES.iter().enumerate().take(last + 1).skip(first) {
                if days.contains(&day) {
                    self.report(
                        Diagnostic::new(
                            &catalog::BAD_DAY_RANGE,
                            span.span,
                            format!("{name} is named twice on this line"),
                        )
                        .with_label("named again")
                        .with_help("name each day once per `hours` line"),
                    );
                    return None;
                }
                days.push(day);
            }
        }
        Some(days)
    }

    fn sla(&mut self, sla: &ast::Sla, span: Span) -> Option<ir::Sla> {
        let mut owner = None;
        let mut applies_to = None;
        let mut from_to = None;
        let mut within = None;
        let mut goal = None;
        let mut broken = false;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let place = format!("sla \"{}\"", sla.name.node);
        for clause in &sla.clauses {
            let word = match &clause.node {
                SlaClause::Owner(_) => "owner",
                SlaClause::AppliesTo(_) => "applies to",
                SlaClause::FromTo { .. } => "from",
                SlaClause::Within { .. } => "within",
                SlaClause::Goal(_) => "for at least",
            };
            if let Some(first) = seen.insert(word, clause.span) {
                self.report(duplicate_clause(word, clause.span, first, &place));
            }
            match &clause.node {
                SlaClause::Owner(party) => owner = self.party(party),
                SlaClause::AppliesTo(condition) => {
                    applies_to = self.condition(condition, "`applies to`");
                    broken |= applies_to.is_none();
                }
                SlaClause::FromTo { from, to } => {
                    let from = self.time_field(from, "an SLA starts at");
                    let to = self.time_field(to, "an SLA ends at");
                    match (from, to) {
                        (Some(from), Some(to)) => from_to = Some((from, to)),
                        _ => broken = true,
                    }
                }
                SlaClause::Within { limit, calendar } => {
                    let calendar_id = calendar.as_ref().map(|name| self.calendar_id(name));
                    if let Some(None) = calendar_id {
                        broken = true;
                    }
                    let calendar_id = calendar_id.flatten();
                    if limit.business && calendar.is_none() {
                        broken = true;
                        self.report(
                            Diagnostic::new(&catalog::BUSINESS_TIME_WITHOUT_CALENDAR, limit.span, "business time needs a calendar")
                                .with_label("which hours count?")
                                .with_help("add the calendar whose open hours count, as in `within 4 business hours on office`"),
                        );
                    }
                    if let Some(calendar) = calendar {
                        broken |= !self.sla_limit_on_calendar(&limit.node, limit.span, calendar);
                    }
                    within = Some((
                        ir::Duration::new(limit.amount, limit.unit, limit.business),
                        calendar_id,
                    ));
                }
                SlaClause::Goal(share) => goal = self.share(share),
            }
        }
        for (word, clause) in [
            ("owner", "owner"),
            ("from", "from … to …"),
            ("within", "within"),
        ] {
            if !seen.contains_key(word) {
                broken = true;
                self.report(incomplete(&sla.name, &place, clause));
            }
        }
        if broken {
            return None;
        }
        let (from, to) = from_to?;
        let (within, calendar) = within?;
        Some(ir::Sla {
            name: sla.name.node.clone(),
            span,
            description: text(&sla.description),
            owner,
            applies_to,
            from,
            to,
            within,
            calendar,
            goal,
        })
    }

    /// Whether an SLA's limit can be counted on a calendar: it must be
    /// business time (a calendar would otherwise be silently ignored), and
    /// business days whole (a day's share has no clock time to fall on).
    fn sla_limit_on_calendar(
        &mut self,
        limit: &ast::Duration,
        span: Span,
        calendar: &ast::Name,
    ) -> bool {
        let on = &calendar.node;
        if !limit.business {
            let help = if limit.unit == ast::DurationUnit::Weeks {
                let days = ast::Duration {
                    amount: limit.amount * 5.0,
                    unit: ast::DurationUnit::Days,
                    business: true,
                };
                format!(
                    "business time has no weeks: to count open days, write the limit in days, as in `{} on {on}`; to count every hour, drop `on {on}`",
                    duration_text(&days)
                )
            } else {
                let business = ast::Duration {
                    business: true,
                    ..*limit
                };
                format!(
                    "to count only the open hours of `{on}`, write `{} on {on}`; to count every hour, drop `on {on}`",
                    duration_text(&business)
                )
            };
            self.report(
                Diagnostic::new(
                    &catalog::CALENDAR_WITHOUT_BUSINESS_TIME,
                    span,
                    format!(
                        "`{}` counts every hour, so calendar `{on}` would be ignored",
                        duration_text(limit)
                    ),
                )
                .with_label("every hour, open or not")
                .with_help(help),
            );
            return false;
        }
        if limit.unit == ast::DurationUnit::Days && limit.amount.fract() != 0.0 {
            self.report(
                Diagnostic::new(
                    &catalog::FRACTION_OF_A_BUSINESS_DAY,
                    span,
                    format!("`{}` splits a business day", duration_text(limit)),
                )
                .with_label("part of a day")
                .with_help(
                    "a business day falls due at the same clock time on a later open day, so it cannot be split: write a whole number of business days, or the limit in business hours",
                ),
            );
            return false;
        }
        true
    }

    fn calendar_id(&mut self, name: &ast::Name) -> Option<CalendarId> {
        if let Some(&id) = self.scope.calendar_names.get(name.as_str()) {
            return Some(id);
        }
        let mut known: Vec<&str> = self.scope.calendar_names.keys().copied().collect();
        known.sort_unstable();
        self.report(Scope::unknown(
            &catalog::UNKNOWN_CALENDAR,
            "calendar",
            name,
            &known,
        ));
        None
    }

    /// A field that must hold a time (`from`, `to`, `by`).
    fn time_field(&mut self, name: &ast::Name, role: &str) -> Option<FieldId> {
        let id = self.field_id(name)?;
        let field = self.fields.get(id.0)?;
        if field.ty.value_type() != Type::Time {
            let described = field.ty.value_type().describe();
            self.report(
                Diagnostic::new(
                    &catalog::NOT_A_TIME_FIELD,
                    name.span,
                    format!("{role} a time, but `{}` is {described}", name.node),
                )
                .with_label("not a time field")
                .with_note(field.span, "declared here")
                .with_help("name a field declared `time` (or `time?`), such as `mql_at`"),
            );
            return None;
        }
        Some(id)
    }

    /// A share written as a percentage, checked to lie in 0–100%.
    fn share(&mut self, share: &Spanned<ast::Number>) -> Option<f64> {
        let value = share.value();
        if !share.percent || !(0.0..=1.0).contains(&value) {
            let written = if share.percent {
                format!("{}%", share.written)
            } else {
                share.written.to_string()
            };
            let help = if share.percent {
                "a share lies between 0% and 100%".to_string()
            } else {
                format!(
                    "write the share as a percentage, such as `{}%`",
                    share.written
                )
            };
            self.report(
                Diagnostic::new(
                    &catalog::PERCENTAGE_OUT_OF_RANGE,
                    share.span,
                    format!("`{written}` is not a share between 0% and 100%"),
                )
                .with_label("out of range")
                .with_help(help),
            );
            return None;
        }
        Some(value)
    }

    fn target(&mut self, target: &ast::Target, span: Span) -> Option<ir::Target> {
        let mut owner = None;
        let mut kind = None;
        let mut broken = false;
        let mut seen: HashMap<&str, Span> = HashMap::new();
        let place = format!("target \"{}\"", target.name.node);
        for clause in &target.clauses {
            let word = if matches!(clause.node, TargetClause::Owner(_)) {
                "owner"
            } else {
                "at least"
            };
            if let Some(first) = seen.insert(word, clause.span) {
                self.report(duplicate_clause(word, clause.span, first, &place));
            }
            match &clause.node {
                TargetClause::Owner(party) => owner = self.party(party),
                TargetClause::Volume {
                    count,
                    stage,
                    period,
                    by,
                } => match self.volume(count, stage, period, by) {
                    Some(volume) => kind = Some(volume),
                    None => broken = true,
                },
                TargetClause::Conversion {
                    share,
                    from,
                    to,
                    within,
                } => match self.conversion(share, from, to, *within) {
                    Some(conversion) => kind = Some(conversion),
                    None => broken = true,
                },
            }
        }
        for clause in ["owner", "at least"] {
            if !seen.contains_key(clause) {
                broken = true;
                self.report(incomplete(&target.name, &place, clause));
            }
        }
        if broken {
            return None;
        }
        Some(ir::Target {
            name: target.name.node.clone(),
            span,
            description: text(&target.description),
            owner,
            kind: kind?,
        })
    }

    /// `at least N STAGE per PERIOD by TIME_FIELD`.
    fn volume(
        &mut self,
        count: &Spanned<ast::Number>,
        stage: &ast::Name,
        period: &Spanned<ast::Period>,
        by: &ast::Name,
    ) -> Option<ir::TargetKind> {
        let stage = self.stage_id(stage);
        let by = self.time_field(by, "a volume target counts by");
        Some(ir::TargetKind::Volume {
            count: count.value(),
            stage: stage?,
            period: period.node,
            by: by?,
        })
    }

    /// `at least P% of STAGE reach STAGE [within DURATION]`.
    fn conversion(
        &mut self,
        share: &Spanned<ast::Number>,
        from: &ast::Name,
        to: &ast::Name,
        within: Option<Spanned<ast::Duration>>,
    ) -> Option<ir::TargetKind> {
        // A conversion reads the stages' times (`mql_at` for MQL) when there are such fields.
        for stage in [from, to] {
            let time_field = ir::stage_time_field(&stage.node);
            if let Some(symbol @ Symbol::Field(_)) = self.scope.names.get(time_field.as_str()) {
                self.usage.symbols.insert(*symbol);
            }
        }
        let (share, from, to) = (self.share(share), self.stage_id(from), self.stage_id(to));
        let within = match within {
            Some(limit) if limit.business => {
                self.report(
                    Diagnostic::new(
                        &catalog::BUSINESS_TIME_WITHOUT_CALENDAR,
                        limit.span,
                        "a target has no calendar for business time",
                    )
                    .with_label("business time here")
                    .with_help("use calendar time in targets, such as `within 30 days`"),
                );
                return None;
            }
            Some(limit) => Some(ir::Duration::new(limit.amount, limit.unit, false)),
            None => None,
        };
        Some(ir::TargetKind::Conversion {
            share: share?,
            from: from?,
            to: to?,
            within,
        })
    }

    fn examples(&mut self) -> Vec<ir::Example> {
        let scope = self.scope;
        let names: HashMap<&str, usize> = scope
            .examples
            .iter()
            .enumerate()
            .map(|(i, (e, _))| (e.name.as_str(), i))
            .collect();
        let mut examples = Vec::new();
        for (example, span) in &scope.examples {
            let (chain, complete) = self.like_chain(example, &names);
            // Checked even when the chain is broken, to report its own mistakes.
            let checked = self.example(example, *span, &chain);
            examples.extend(checked.filter(|_| complete));
        }
        examples
    }

    /// The chain of `like`s, `example` first; false when a loop or an
    /// unknown name stopped it (reported).
    fn like_chain(
        &mut self,
        example: &'a ast::Example,
        names: &HashMap<&str, usize>,
    ) -> (Vec<&'a ast::Example>, bool) {
        let scope = self.scope;
        let mut chain = vec![example];
        while let Some(like) = chain.last().and_then(|e| e.like.as_ref()) {
            match names
                .get(like.as_str())
                .and_then(|&i| scope.examples.get(i))
            {
                Some((other, _)) if !chain.iter().any(|seen| std::ptr::eq(*seen, *other)) => {
                    chain.push(other)
                }
                Some((other, _)) => {
                    let start = chain
                        .iter()
                        .position(|seen| std::ptr::eq(*seen, *other))
                        .unwrap_or(0);
                    self.circular_likes(example, chain.get(start..).unwrap_or_default());
                    return (chain, false);
                }
                None => {
                    let mut known: Vec<&str> = names.keys().copied().collect();
                    known.sort_unstable();
                    let name = Spanned::new(like.node.clone(), like.span);
                    self.report(Scope::unknown(
                        &catalog::UNKNOWN_EXAMPLE,
                        "example",
                        &name,
                        &known,
                    ));
                    return (chain, false);
                }
            }
        }
        (chain, true)
    }

    /// Examples that are each `like` the next in a circle: reported once,
    /// for the circle's first-declared example.
    fn circular_likes(&mut self, example: &ast::Example, members: &[&ast::Example]) {
        let first = members.iter().min_by_key(|member| member.name.span.start);
        if first.is_some_and(|first| std::ptr::eq(*first, example))
            && let Some(own) = &example.like
        {
            let names = strings(members.iter().map(|m| &m.name.node));
            self.report(
                Diagnostic::new(
                    &catalog::CIRCULAR_DEFINITION,
                    own.span,
                    format!("examples {names} are each `like` the next, round in a circle"),
                )
                .with_label("the circle starts here")
                .with_help("write the lead of one of these examples in full"),
            );
        }
    }

    /// One example: its lead, built from the `like` chain, and its own
    /// `as of` and expectations.
    fn example(
        &mut self,
        example: &ast::Example,
        span: Span,
        chain: &[&ast::Example],
    ) -> Option<ir::Example> {
        let mut broken = false;
        let mut lead: Vec<(FieldId, Option<Value>)> = Vec::new();
        // Oldest ancestor first, so nearer examples override.
        for source in chain.iter().rev() {
            for clause in &source.clauses {
                let ExampleClause::Lead(values) = &clause.node else {
                    continue;
                };
                for value in values {
                    match self.lead_value(value, std::ptr::eq(*source, example)) {
                        Some((field, value)) => match lead.iter_mut().find(|(f, _)| *f == field) {
                            Some(entry) => entry.1 = value,
                            None => lead.push((field, value)),
                        },
                        None => broken = true,
                    }
                }
            }
        }
        let mut as_of = None;
        let mut expectations = Vec::new();
        for clause in &example.clauses {
            match &clause.node {
                ExampleClause::Lead(_) => {}
                ExampleClause::AsOf(instant) => as_of = Some(instant.timestamp),
                ExampleClause::Expect(expectation) => match self.expectation(expectation) {
                    Some(expectation) => expectations.push((expectation, clause.span)),
                    None => broken = true,
                },
            }
        }
        if broken {
            return None;
        }
        Some(ir::Example {
            name: example.name.node.clone(),
            span,
            lead,
            as_of,
            expectations,
        })
    }

    /// One `field value` of an example lead; problems are reported only for
    /// the example that wrote them (not again for every `like` copy).
    fn lead_value(
        &mut self,
        value: &Spanned<ast::LeadValue>,
        report: bool,
    ) -> Option<(FieldId, Option<Value>)> {
        let field_name = &value.field;
        let Some(Symbol::Field(id)) = self.scope.names.get(field_name.as_str()).copied() else {
            if report {
                let known = self.scope.names_of("field");
                self.report(Scope::unknown(
                    &catalog::UNKNOWN_FIELD,
                    "field",
                    field_name,
                    &known,
                ));
            }
            return None;
        };
        let field = self.fields.get(id.0)?.clone();
        let given = match &value.value.node {
            ast::Value::Missing => return Some((id, None)),
            ast::Value::List(entries) => Value::List(
                entries
                    .iter()
                    .map(|entry| constant(&entry.node).0)
                    .collect(),
            ),
            ast::Value::Literal(literal) => constant(literal).0,
        };
        let fits = match (&field.ty, &given) {
            (ir::FieldType::Text | ir::FieldType::Email, Value::Text(_)) => true,
            (ir::FieldType::OneOf(allowed), Value::Text(text)) => {
                allowed.iter().any(|a| a.eq_ignore_ascii_case(text.trim()))
            }
            (ir::FieldType::Number, Value::Number(_))
            | (ir::FieldType::Bool, Value::Bool(_))
            | (ir::FieldType::Date, Value::Date(_))
            | (ir::FieldType::Time, Value::Time(_)) => true,
            (ir::FieldType::ListOfText, Value::List(items)) => {
                items.iter().all(|item| matches!(item, Value::Text(_)))
            }
            _ => false,
        };
        if !fits {
            if report {
                let wanted = match &field.ty {
                    ir::FieldType::OneOf(allowed) => {
                        format!("one of {}", strings(allowed))
                    }
                    other => other.value_type().describe().to_string(),
                };
                self.report(
                    Diagnostic::new(&catalog::EXAMPLE_VALUE, value.value.span, format!("`{}` takes {wanted}", field.name))
                        .with_label(if matches!(field.ty, ir::FieldType::OneOf(_)) { "not one of the allowed values" } else { "a value of the wrong kind" })
                        .with_note(field.span, "the field is declared here")
                        .with_help("give the example a value like the ones the CRM export holds for this field"),
                );
            }
            return None;
        }
        Some((id, Some(given)))
    }

    fn expectation(&mut self, expectation: &ast::Expectation) -> Option<ir::Expectation> {
        Some(match expectation {
            ast::Expectation::Stage(name) => ir::Expectation::Stage(match name.as_str() {
                "none" => ir::StageOutcome::None,
                "disqualified" => ir::StageOutcome::Disqualified,
                "invalid" => ir::StageOutcome::Invalid,
                _ => ir::StageOutcome::Stage(self.stage_id(name)?),
            }),
            ast::Expectation::Reached(name) => ir::Expectation::Reached(self.stage_id(name)?),
            ast::Expectation::NotReached(name) => ir::Expectation::NotReached(self.stage_id(name)?),
            ast::Expectation::Score { score, value } => {
                let Some(Symbol::Score(id)) = self.scope.names.get(score.as_str()).copied() else {
                    let known = self.scope.names_of("score");
                    self.report(Scope::unknown(
                        &catalog::UNKNOWN_SCORE,
                        "score",
                        score,
                        &known,
                    ));
                    return None;
                };
                ir::Expectation::Score(id, value.value())
            }
            ast::Expectation::Disqualified(reason) | ast::Expectation::Undesirable(reason) => {
                let reasons: Vec<&str> = self
                    .scope
                    .undesirables
                    .iter()
                    .map(|(u, _)| u.reason.as_str())
                    .collect();
                if !reasons.contains(&reason.as_str()) {
                    self.report(unknown_reason(reason, "undesirable", &reasons));
                    return None;
                }
                if matches!(expectation, ast::Expectation::Disqualified(_)) {
                    ir::Expectation::Disqualified(reason.node.clone())
                } else {
                    ir::Expectation::Undesirable(reason.node.clone())
                }
            }
            ast::Expectation::Sla { sla, status } => {
                let names: Vec<&str> = self
                    .scope
                    .slas
                    .iter()
                    .map(|(s, _)| s.name.as_str())
                    .collect();
                let Some(index) = names.iter().position(|name| *name == sla.as_str()) else {
                    self.report(unknown_reason(sla, "sla", &names));
                    return None;
                };
                ir::Expectation::Sla(index, status.node)
            }
            ast::Expectation::Invalid => ir::Expectation::Invalid,
        })
    }

    fn signoff(&mut self, signoff: &ast::Signoff, span: Span) -> Option<ir::Signoff> {
        Some(ir::Signoff {
            party: self.party(&signoff.party)?,
            name: signoff.name.node.clone(),
            date: signoff.date.node,
            digest: signoff.digest.node.clone(),
            span,
        })
    }
}

/// Each weekday's opening ranges (Monday first), with where each was
/// written, while a calendar is checked.
type Week = [Vec<(ast::ClockRange, Span)>; 7];

/// The first header entry `pick` recognises, if the policy has a header.
fn header_entry<T>(
    header: Option<&ast::PolicyHeader>,
    pick: impl Fn(&HeaderEntry) -> Option<T>,
) -> Option<T> {
    header.and_then(|h| h.entries.iter().find_map(|e| pick(&e.node)))
}

fn text(text: &Option<ast::Text>) -> Option<String> {
    text.as_ref().map(|text| text.node.clone())
}

fn duplicate_clause(word: &str, span: Span, first: Span, place: &str) -> Diagnostic {
    Diagnostic::new(
        &catalog::DUPLICATE_CLAUSE,
        span,
        format!("{place} has `{word}` twice"),
    )
    .with_label("second one")
    .with_note(first, "first one")
    .with_help(format!("keep one `{word}` clause"))
}

fn incomplete(name: &ast::Text, place: &str, clause: &str) -> Diagnostic {
    let example = match clause {
        "owner" => "`owner sales`, naming the team that keeps this promise",
        "from … to …" => "`from mql_at to first_touch_at`",
        "within" => "`within 4 business hours on office`",
        _ => "`at least 200 MQL per month by mql_at` or `at least 40% of MQL reach SAL`",
    };
    Diagnostic::new(
        &catalog::INCOMPLETE_SLA,
        name.span,
        format!("{place} has no `{clause}`"),
    )
    .with_label(format!("needs `{clause}`"))
    .with_help(format!("add a line such as {example}"))
}

fn unknown_timezone(name: &ast::Text) -> Diagnostic {
    let zones: Vec<String> = crate::timezones::database()
        .available()
        .map(|zone| zone.as_str().to_string())
        .collect();
    let suggestion = crate::diagnostic::did_you_mean(&name.node, zones.iter().map(String::as_str));
    let help = match suggestion {
        Some(zone) => format!(
            "did you mean \"{zone}\"? Time zones are IANA names such as \"Europe/Berlin\" or \"America/New_York\""
        ),
        None => "use an IANA time zone name, such as \"Europe/Berlin\" or \"America/New_York\""
            .to_string(),
    };
    Diagnostic::new(
        &catalog::UNKNOWN_TIMEZONE,
        name.span,
        format!("there is no time zone \"{}\"", name.node),
    )
    .with_label("unknown time zone")
    .with_help(help)
}

fn unknown_reason(name: &ast::Text, kind: &str, known: &[&str]) -> Diagnostic {
    let name = Spanned::new(name.node.clone(), name.span);
    Scope::unknown(&catalog::UNKNOWN_REASON, kind, &name, known)
}
