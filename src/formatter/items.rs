//! Items and their clauses in canonical layout: one blank line between
//! items, two spaces per block level, descriptions aligned in a column.

use super::expr::{
    condition, duration_text, instant_text, list, literal, measure, number_literal, string,
};
use super::writer::Writer;
use crate::syntax::ast::{
    CalendarClause, ClockTime, DaySpan, Define, ExampleClause, Expectation, Expr, Field, FieldType,
    HeaderEntry, Item, LeadValue, ListDef, Period, PolicyFile, Score, ScoreRule, ScoreRuleKind,
    SlaClause, SlaStatus, Spanned, Stage, StageClause, TargetClause, Text, Undesirable, Value,
    Weekday,
};

/// Cells wider than this do not push a column to the right: the text after
/// them follows one space later, or on the next line for descriptions.
const ALIGN_LIMIT: usize = 40;

/// Writes every item, in the order written; `signoffs: false` leaves the
/// `signoff` lines out (the content a sign-off approves).
pub fn file(w: &mut Writer, file: &PolicyFile, signoffs: bool) {
    let mut previous: Option<&Item> = None;
    for item in &file.items {
        if !signoffs && matches!(item.node, Item::Signoff(_)) {
            continue;
        }
        match previous {
            Some(before) if one_liners(before, &item.node) => w.sibling(),
            Some(_) => w.blank(),
            None => {}
        }
        self::item(w, item);
        previous = Some(&item.node);
    }
}

/// Short items of one kind in a row (lists, defines, undesirables,
/// sign-offs) may stand together without blank lines, as the author chose.
fn one_liners(before: &Item, item: &Item) -> bool {
    matches!(
        (before, item),
        (Item::List(_), Item::List(_))
            | (Item::Define(_), Item::Define(_))
            | (Item::Undesirable(_), Item::Undesirable(_))
            | (Item::Signoff(_), Item::Signoff(_))
    )
}

fn item(w: &mut Writer, item: &Spanned<Item>) {
    let at = item.span.start;
    let close = item.span.end.saturating_sub(1);
    match &item.node {
        Item::Policy(header) => {
            w.piece(at, "policy");
            text(w, &header.title);
            clauses(w, close, &header.entries, header_entry);
        }
        Item::Fields(fields) => {
            w.piece(at, "fields");
            w.block(close, |w| self::fields(w, fields));
        }
        Item::List(def) => list_item(w, at, def),
        Item::Define(def) => define_item(w, at, def),
        Item::Undesirable(undesirable) => undesirable_item(w, at, undesirable),
        Item::Score(score) => score_item(w, at, close, score),
        Item::Stage(stage) => stage_item(w, at, close, stage),
        Item::Calendar(calendar) => {
            w.piece(at, "calendar");
            name(w, &calendar.name);
            optional_text(w, &calendar.description);
            clauses(w, close, &calendar.clauses, calendar_clause);
        }
        Item::Sla(sla) => {
            w.piece(at, "sla");
            text(w, &sla.name);
            optional_text(w, &sla.description);
            clauses(w, close, &sla.clauses, sla_clause);
        }
        Item::Target(target) => {
            w.piece(at, "target");
            text(w, &target.name);
            optional_text(w, &target.description);
            clauses(w, close, &target.clauses, target_clause);
        }
        Item::Example(example) => {
            w.piece(at, "example");
            text(w, &example.name);
            if let Some(like) = &example.like {
                w.word("like");
                text(w, like);
            }
            clauses(w, close, &example.clauses, example_clause);
        }
        Item::Signoff(signoff) => {
            keyword_name(w, at, "signoff", &signoff.party);
            text(w, &signoff.name);
            w.word("on");
            w.space();
            w.piece(signoff.date.span.start, &signoff.date.to_string());
            w.word("digest");
            text(w, &signoff.digest);
        }
    }
}

/// `list NAME ["…"] = [ … ]`, the values on the next line when long.
fn list_item(w: &mut Writer, at: usize, def: &ListDef) {
    let head = |w: &mut Writer| {
        w.piece(at, "list");
        name(w, &def.name);
        optional_text(w, &def.description);
        w.word("=");
    };
    let values_at = def
        .values
        .first()
        .map_or(def.name.span.end, |value| value.span.start);
    let values = |w: &mut Writer| list(w, values_at, &def.values);
    head_then_rest(w, head, values);
}

/// `define NAME ["…"] = CONDITION`.
fn define_item(w: &mut Writer, at: usize, def: &Define) {
    let head = |w: &mut Writer| {
        w.piece(at, "define");
        name(w, &def.name);
        optional_text(w, &def.description);
        w.word("=");
    };
    head_then_rest(w, head, |w| condition(w, &def.value));
}

/// `undesirable "REASON" [blocks STAGE, …] if CONDITION`.
fn undesirable_item(w: &mut Writer, at: usize, undesirable: &Undesirable) {
    let head = |w: &mut Writer| {
        w.piece(at, "undesirable");
        text(w, &undesirable.reason);
        if !undesirable.blocks.is_empty() {
            w.word("blocks");
            for (index, stage) in undesirable.blocks.iter().enumerate() {
                if index > 0 {
                    w.glue(",");
                }
                name(w, stage);
            }
        }
    };
    let rest = |w: &mut Writer| {
        w.piece(undesirable.condition.span.start, "if");
        w.space();
        condition(w, &undesirable.condition);
    };
    head_then_rest(w, head, rest);
}

/// A score and its rules, their descriptions aligned in one column.
fn score_item(w: &mut Writer, at: usize, close: usize, score: &Score) {
    w.piece(at, "score");
    name(w, &score.name);
    optional_text(w, &score.description);
    if let Some(cap) = &score.cap {
        w.word("up to");
        w.space();
        w.piece(cap.span.start, &number_literal(cap));
    }
    w.block(close, |w| {
        let described = score
            .rules
            .iter()
            .filter(|rule| rule.description.is_some())
            .map(|rule| measure(|m| score_rule(m, rule)));
        let column = w.indent() + description_column(described);
        for rule in &score.rules {
            w.sibling();
            score_rule(w, rule);
            described_at(w, column, &rule.description);
        }
    });
}

/// A stage and its clauses, the descriptions of its criteria aligned in
/// one column.
fn stage_item(w: &mut Writer, at: usize, close: usize, stage: &Stage) {
    w.piece(at, "stage");
    name(w, &stage.name);
    text(w, &stage.long_name);
    w.block(close, |w| {
        let described = stage
            .clauses
            .iter()
            .filter_map(|clause| match &clause.node {
                StageClause::Requires(criterion) if criterion.description.is_some() => {
                    Some(measure(|m| {
                        requires(m, clause.span.start, &criterion.condition)
                    }))
                }
                _ => None,
            });
        let column = w.indent() + description_column(described);
        for clause in &stage.clauses {
            w.sibling();
            stage_clause(w, column, clause);
        }
    });
}

/// One clause of a stage; a criterion's description goes in `column`.
fn stage_clause(w: &mut Writer, column: usize, clause: &Spanned<StageClause>) {
    let at = clause.span.start;
    match &clause.node {
        StageClause::Owner(party) => keyword_name(w, at, "owner", party),
        StageClause::After(stages) => {
            w.piece(at, "after");
            for (index, stage) in stages.iter().enumerate() {
                if index > 0 {
                    w.word("or");
                }
                name(w, stage);
            }
        }
        StageClause::Requires(criterion) => {
            requires(w, at, &criterion.condition);
            described_at(w, column, &criterion.description);
        }
    }
}

/// A block of clauses, one per line, up to its `}` at `close`.
fn clauses<C>(
    w: &mut Writer,
    close: usize,
    clauses: &[Spanned<C>],
    clause: fn(&mut Writer, &Spanned<C>),
) {
    w.block(close, |w| {
        for each in clauses {
            w.sibling();
            clause(w, each);
        }
    });
}

/// `list …  = VALUES`, `define … = CONDITION`, `undesirable … if
/// CONDITION`: on one line when it fits, else the rest on the lines below,
/// indented.
fn head_then_rest(w: &mut Writer, head: impl Fn(&mut Writer), value: impl Fn(&mut Writer)) {
    let wide = measure(|m| {
        head(m);
        m.space();
        value(m);
    });
    let fits = w.fits(wide);
    head(w);
    w.nested(|w| {
        if fits {
            w.space();
        } else {
            w.line();
        }
        value(w);
    });
}

fn header_entry(w: &mut Writer, entry: &Spanned<HeaderEntry>) {
    let at = entry.span.start;
    match &entry.node {
        HeaderEntry::Version(version) => {
            w.piece(at, "version");
            text(w, version);
        }
        HeaderEntry::Effective(date) => {
            w.piece(at, "effective");
            w.space();
            w.piece(date.span.start, &date.to_string());
        }
        HeaderEntry::Party { name: party, who } => {
            keyword_name(w, at, "party", party);
            text(w, who);
        }
        HeaderEntry::Summary(summary) => {
            w.piece(at, "summary");
            text(w, summary);
        }
    }
}

/// Field names, then types, then the rest, each in a column.
fn fields(w: &mut Writer, fields: &[Spanned<Field>]) {
    let name_column = fields
        .iter()
        .map(|field| field.name.len())
        .max()
        .unwrap_or(0)
        + 1;
    let type_column = fields
        .iter()
        .filter(|field| field.description.is_some() || field.key || field.set_by.is_some())
        .map(|field| measure(|m| field_type(m, field)))
        .filter(|&wide| wide <= ALIGN_LIMIT / 2)
        .max()
        .unwrap_or(0)
        + 1;
    for field in fields {
        w.sibling();
        w.piece(field.span.start, &field.name);
        let line_start = w.column() - field.name.len();
        w.align(line_start + name_column);
        field_type(w, field);
        let column = line_start + name_column + type_column;
        let mut first = true;
        let mut next = |w: &mut Writer| {
            if std::mem::take(&mut first) && w.column() < column {
                w.align(column);
            } else {
                w.space();
            }
        };
        if let Some(description) = &field.description {
            next(w);
            w.piece(description.span.start, &string(description));
        }
        if field.key {
            next(w);
            w.glue("key");
        }
        if let Some(party) = &field.set_by {
            next(w);
            w.glue("set by");
            name(w, party);
        }
    }
}

fn field_type(w: &mut Writer, field: &Field) {
    let at = field.ty.span.start;
    match &field.ty.node {
        FieldType::Text => w.piece(at, "text"),
        FieldType::Email => w.piece(at, "email"),
        FieldType::Number => w.piece(at, "number"),
        FieldType::Bool => w.piece(at, "bool"),
        FieldType::Date => w.piece(at, "date"),
        FieldType::Time => w.piece(at, "time"),
        FieldType::ListOfText => w.piece(at, "list of text"),
        FieldType::OneOf(values) => {
            w.piece(at, "one of");
            w.space();
            let values_at = values.first().map_or(at, |value| value.span.start);
            list(w, values_at, values);
        }
    }
    if field.optional {
        w.glue("?");
    }
}

/// The column descriptions start at, relative to the block's indentation:
/// one space after the widest described line that is not too wide. When
/// every described line is too wide, descriptions go on the line below,
/// indented like a continuation.
fn description_column(widths: impl Iterator<Item = usize>) -> usize {
    widths
        .filter(|&wide| wide <= ALIGN_LIMIT)
        .max()
        .map_or(2, |wide| wide + 1)
}

fn described_at(w: &mut Writer, column: usize, description: &Option<Text>) {
    if let Some(description) = description {
        w.align(column);
        w.piece(description.span.start, &string(description));
    }
}

fn score_rule(w: &mut Writer, rule: &Spanned<ScoreRule>) {
    let points = &rule.points;
    let sign = if points.written.is_sign_negative() && points.written != 0.0 {
        ""
    } else {
        "+"
    };
    w.piece(
        rule.span.start,
        &format!("{sign}{}", number_literal(points)),
    );
    w.nested(|w| match &rule.kind {
        ScoreRuleKind::If(expr) => {
            w.space();
            w.piece(expr.span.start, "if");
            w.space();
            condition(w, expr);
        }
        ScoreRuleKind::Per { quantity, up_to } => {
            w.space();
            w.piece(quantity.span.start, "per");
            w.space();
            condition(w, quantity);
            if let Some(cap) = up_to {
                w.word("up to");
                w.space();
                w.piece(cap.span.start, &number_literal(cap));
            }
        }
    });
}

fn requires(w: &mut Writer, at: usize, expr: &Expr) {
    w.piece(at, "requires");
    w.nested(|w| {
        w.space();
        condition(w, expr);
    });
}

fn calendar_clause(w: &mut Writer, clause: &Spanned<CalendarClause>) {
    let at = clause.span.start;
    match &clause.node {
        CalendarClause::Timezone(zone) => {
            w.piece(at, "timezone");
            text(w, zone);
        }
        CalendarClause::Hours { days, ranges } => {
            w.piece(at, "hours");
            for (index, span) in days.iter().enumerate() {
                if index == 0 {
                    w.space();
                } else {
                    w.glue(",");
                }
                w.piece(span.span.start, &day_span(span));
            }
            for (index, range) in ranges.iter().enumerate() {
                if index > 0 {
                    w.glue(",");
                }
                w.space();
                let text = format!("{}-{}", clock(range.start), clock(range.end));
                w.piece(range.span.start, &text);
            }
        }
        CalendarClause::Holiday { date, description } => {
            w.piece(at, "holiday");
            w.space();
            w.piece(date.span.start, &date.to_string());
            optional_text(w, description);
        }
    }
}

fn day_span(span: &DaySpan) -> String {
    match span.last {
        Some(last) => format!("{}-{}", weekday(span.first), weekday(last)),
        None => weekday(span.first).to_string(),
    }
}

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

fn clock(time: ClockTime) -> String {
    format!("{:02}:{:02}", time.hour, time.minute)
}

fn sla_clause(w: &mut Writer, clause: &Spanned<SlaClause>) {
    let at = clause.span.start;
    match &clause.node {
        SlaClause::Owner(party) => keyword_name(w, at, "owner", party),
        SlaClause::AppliesTo(expr) => {
            w.piece(at, "applies to");
            w.nested(|w| {
                w.space();
                condition(w, expr);
            });
        }
        SlaClause::FromTo { from, to } => {
            keyword_name(w, at, "from", from);
            w.word("to");
            name(w, to);
        }
        SlaClause::Within { limit, calendar } => {
            w.piece(at, "within");
            w.space();
            w.piece(limit.span.start, &duration_text(limit));
            if let Some(calendar) = calendar {
                w.word("on");
                name(w, calendar);
            }
        }
        SlaClause::Goal(share) => {
            w.piece(at, "for at least");
            w.space();
            w.piece(share.span.start, &number_literal(share));
            w.word("of leads");
        }
    }
}

fn target_clause(w: &mut Writer, clause: &Spanned<TargetClause>) {
    let at = clause.span.start;
    match &clause.node {
        TargetClause::Owner(party) => keyword_name(w, at, "owner", party),
        TargetClause::Volume {
            count,
            stage,
            period,
            by,
        } => {
            w.piece(at, "at least");
            w.space();
            w.piece(count.span.start, &number_literal(count));
            name(w, stage);
            w.word("per");
            w.space();
            w.piece(
                period.span.start,
                match period.node {
                    Period::Week => "week",
                    Period::Month => "month",
                    Period::Quarter => "quarter",
                },
            );
            w.word("by");
            name(w, by);
        }
        TargetClause::Conversion {
            share,
            from,
            to,
            within,
        } => {
            w.piece(at, "at least");
            w.space();
            w.piece(share.span.start, &number_literal(share));
            w.word("of");
            name(w, from);
            w.word("reach");
            name(w, to);
            if let Some(within) = within {
                w.word("within");
                w.space();
                w.piece(within.span.start, &duration_text(within));
            }
        }
    }
}

fn example_clause(w: &mut Writer, clause: &Spanned<ExampleClause>) {
    let at = clause.span.start;
    match &clause.node {
        ExampleClause::Lead(values) => lead(w, clause, values),
        ExampleClause::AsOf(instant) => {
            w.piece(at, "as of");
            w.space();
            w.piece(instant.span.start, &instant_text(instant));
        }
        ExampleClause::Expect(expectation) => {
            w.piece(at, "expect");
            match expectation {
                Expectation::Stage(stage) => {
                    w.word("stage");
                    name(w, stage);
                }
                Expectation::Reached(stage) => {
                    w.word("reached");
                    name(w, stage);
                }
                Expectation::NotReached(stage) => {
                    w.word("not reached");
                    name(w, stage);
                }
                Expectation::Score { score, value } => {
                    w.word("score");
                    name(w, score);
                    w.space();
                    w.piece(value.span.start, &number_literal(value));
                }
                Expectation::Disqualified(reason) => {
                    w.word("disqualified");
                    text(w, reason);
                }
                Expectation::Undesirable(reason) => {
                    w.word("undesirable");
                    text(w, reason);
                }
                Expectation::Sla { sla, status } => {
                    w.word("sla");
                    text(w, sla);
                    w.space();
                    w.piece(
                        status.span.start,
                        match status.node {
                            SlaStatus::Met => "met",
                            SlaStatus::Breached => "breached",
                            SlaStatus::Pending => "pending",
                            SlaStatus::NotApplicable => "n/a",
                        },
                    );
                }
                Expectation::Invalid => {
                    w.word("invalid");
                }
            }
        }
    }
}

/// `lead { … }`: on one line when it fits, else its values filled onto
/// lines inside the block.
fn lead(w: &mut Writer, clause: &Spanned<ExampleClause>, values: &[Spanned<LeadValue>]) {
    let close = clause.span.end.saturating_sub(1);
    let flat = measure(|m| {
        m.glue("lead {");
        for value in values {
            m.space();
            lead_value(m, value);
        }
        m.glue(" }");
    });
    w.piece(clause.span.start, "lead");
    if values.is_empty() {
        w.word("{");
        w.piece(close, "}");
        return;
    }
    if w.fits(flat - "lead".len()) {
        w.word("{");
        for value in values {
            w.space();
            lead_value(w, value);
        }
        w.space();
        w.piece(close, "}");
        return;
    }
    w.block(close, |w| {
        for (index, value) in values.iter().enumerate() {
            if index > 0 && w.fits(measure(|m| lead_value(m, value)) + 1) {
                w.space();
            } else {
                w.line();
            }
            lead_value(w, value);
        }
    });
}

fn lead_value(w: &mut Writer, value: &Spanned<LeadValue>) {
    w.piece(value.span.start, &value.field);
    w.space();
    let at = value.value.span.start;
    match &value.value.node {
        Value::Literal(value) => w.piece(at, &literal(value)),
        Value::List(values) => list(w, at, values),
        Value::Missing => w.piece(at, "missing"),
    }
}

fn keyword_name(w: &mut Writer, at: usize, keyword: &str, value: &Spanned<String>) {
    w.piece(at, keyword);
    name(w, value);
}

fn name(w: &mut Writer, name: &Spanned<String>) {
    w.space();
    w.piece(name.span.start, name);
}

fn text(w: &mut Writer, text: &Text) {
    w.space();
    w.piece(text.span.start, &string(text));
}

fn optional_text(w: &mut Writer, value: &Option<Text>) {
    if let Some(value) = value {
        text(w, value);
    }
}
