//! One change in words, as `qualify diff` lists it ("MQL: score threshold
//! raised from 60 to 65"), in the document's phrases: conditions, rules,
//! SLAs and targets are worded by `plain` and `doc`, as in `qualify doc`.

use crate::diff::{Aspect, Change, Diff, Item, Kind, Side, Whole};
use crate::ir::{Policy, ScoreRule};

use super::super::doc::{
    expectation_words, opening_hours, rule_points, rule_words, signed, sla_limit, sla_scope,
    target_commitment,
};
use super::super::plain::{
    self, date_words, duration_words, field_kind, list_value, named, number, percent, series,
};

/// The change as one line.
pub fn line(diff: &Diff, change: &Change) -> String {
    let (old, new) = (diff.old, diff.new);
    let side = |policy, side: &Option<Side>| {
        side.as_ref()
            .map(|side| words(policy, change, side))
            .unwrap_or_default()
    };
    let (before, after) = (side(old, &change.before), side(new, &change.after));
    match change.kind {
        Kind::Added => added(&change.item, &after),
        Kind::Removed => removed(old, &change.item, &before),
        Kind::Renamed => format!("undesirable renamed: {before} → {after}"),
        Kind::Changed(aspect) => changed(new, change, aspect, &before, &after),
    }
}

/// One side of a change in words: a whole item as `qualify diff` lists
/// it when it is new, or the value of the aspect that changed.
pub fn words(policy: &Policy, change: &Change, side: &Side) -> String {
    match (side, change.kind) {
        (Side::Item(item), _) => whole(policy, item),
        (side, Kind::Changed(aspect)) => value_words(policy, change, aspect, side),
        // A renamed undesirable's sides are its reasons.
        (Side::Text(text), _) => text.unwrap_or_default().to_string(),
        // The model gives no other kind of change a value.
        _ => String::new(),
    }
}

/// The value of the aspect that changed, in words.
fn value_words(policy: &Policy, change: &Change, aspect: Aspect, side: &Side) -> String {
    match side {
        Side::Item(item) => whole(policy, item),
        Side::Text(text) => text_words(aspect, *text),
        Side::Date(date) => date.map_or("(none)".into(), date_words),
        Side::Flag(flag) => match (aspect, flag) {
            (Aspect::Key, true) => "identifies the lead".into(),
            (Aspect::Key, false) => "not the key".into(),
            (_, true) => "optional".into(),
            (_, false) => "required".into(),
        },
        Side::Number(value) => number_words(aspect, *value),
        Side::Type(ty) => field_kind(ty),
        Side::Someone(party) => {
            let verb = match (aspect, &change.item) {
                (Aspect::FilledInBy, _) => "filled in by",
                (_, Item::Stage(_)) => "decided by",
                _ => "owned by",
            };
            format!("{verb} {}", party.unwrap_or("(nobody)"))
        }
        Side::Condition(condition) => plain::condition(policy, condition),
        Side::Stages(stages) => match aspect {
            Aspect::Effect if stages.is_empty() => "disqualifies the lead".into(),
            Aspect::Effect => format!("keeps the lead out of {}", series(stages, "or")),
            Aspect::After if stages.is_empty() => "no prerequisite".into(),
            Aspect::After => format!("after {}", series(stages, "or")),
            _ => stages.join(", "),
        },
        Side::Values(values) => {
            let shown: Vec<String> = values.iter().map(|value| list_value(value)).collect();
            shown.join(", ")
        }
        Side::Hours(calendar) => format!("open {}", opening_hours(calendar)),
        Side::Scope(sla) => sla_scope(policy, sla),
        Side::Duration(duration) => duration_words(duration),
        Side::Commitment(kind) => target_commitment(policy, kind),
        Side::Expectations(expectations) => {
            let all: Vec<String> = expectations
                .iter()
                .map(|(expectation, _)| expectation_words(policy, expectation))
                .collect();
            format!("expects {}", all.join("; "))
        }
    }
}

fn text_words(aspect: Aspect, text: Option<&str>) -> String {
    match (aspect, text) {
        (Aspect::Title | Aspect::LongName | Aspect::Summary | Aspect::Description, Some(text)) => {
            format!("“{text}”")
        }
        (Aspect::Summary | Aspect::Description, None) => "no description".into(),
        (Aspect::Calendar, Some(calendar)) => format!("on {calendar}"),
        (Aspect::Calendar, None) => "no calendar".into(),
        (_, Some(text)) => text.into(),
        (_, None) => "(none)".into(),
    }
}

fn number_words(aspect: Aspect, value: Option<f64>) -> String {
    match (aspect, value) {
        (Aspect::Cap, Some(cap)) => format!("capped at {}", number(cap)),
        (Aspect::Cap, None) => "no cap".into(),
        (Aspect::UpTo, Some(most)) => format!("at most {} in total", number(most)),
        (Aspect::UpTo, None) => "no limit".into(),
        (Aspect::Goal, Some(goal)) => format!("for at least {} of leads", percent(goal)),
        (Aspect::Goal, None) => "no goal".into(),
        (Aspect::Points, Some(points)) => signed(points),
        (_, Some(value)) => number(value),
        (_, None) => "(none)".into(),
    }
}

/// A whole item, as the line that says it is new shows it.
fn whole(policy: &Policy, item: &Whole) -> String {
    match item {
        Whole::Party(party) => format!("{} ({})", party.name, party.who),
        Whole::Field(field) => format!(
            "{} ({}{})",
            field.name,
            field_kind(&field.ty),
            if field.optional { ", optional" } else { "" }
        ),
        Whole::List(list) => {
            let values: Vec<String> = list.values.iter().map(list_value).collect();
            let name = named(&list.description, &list.name);
            format!("{name} ({})", values.join(", "))
        }
        Whole::Term(define) => format!(
            "{}: {}",
            plain::term(define),
            plain::condition(policy, &define.value)
        ),
        Whole::Undesirable(undesirable) => {
            let blocks: Vec<&str> = undesirable
                .blocks
                .iter()
                .map(|id| policy.stages.get(id.0).map_or("?", |s| s.name.as_str()))
                .collect();
            let effect = if blocks.is_empty() {
                "disqualifies the lead".to_string()
            } else {
                format!("keeps the lead out of {}", series(&blocks, "or"))
            };
            let condition = plain::condition(policy, &undesirable.condition);
            format!("{} (when {condition}; {effect})", undesirable.reason)
        }
        Whole::Rule(rule) => format!(
            "{} {} ({})",
            rule_name(policy, rule),
            rule_points(rule),
            rule_words(policy, rule)
        ),
        Whole::Stage(stage) => format!("{} ({})", stage.name, stage.long_name),
        Whole::Criterion(criterion) => {
            let condition = plain::condition(policy, &criterion.condition);
            match &criterion.description {
                Some(description) => format!("{description} ({condition})"),
                None => condition,
            }
        }
        Whole::Holiday(holiday) => match &holiday.description {
            Some(description) => format!("{} ({description})", date_words(holiday.date)),
            None => date_words(holiday.date),
        },
        Whole::Sla(sla) => format!(
            "{}: {}, {}",
            sla.name,
            sla_scope(policy, sla),
            sla_limit(sla)
        ),
        Whole::Target(target) => format!(
            "{}: {}",
            target.name,
            target_commitment(policy, &target.kind)
        ),
        Whole::Signoff(signoff) => format!(
            "{} ({}) on {}",
            policy
                .parties
                .get(signoff.party.0)
                .map_or("?", |p| p.name.as_str()),
            signoff.name,
            date_words(signoff.date)
        ),
        Whole::Score(score) => score.name.clone(),
        Whole::Calendar(calendar) => calendar.name.clone(),
        Whole::Example(example) => example.name.clone(),
    }
}

/// "'Visited the pricing page'", else the rule's condition in words.
fn rule_name(policy: &Policy, rule: &ScoreRule) -> String {
    match &rule.description {
        Some(description) => format!("'{description}'"),
        None => format!("'{}'", rule_words(policy, rule)),
    }
}

fn added(item: &Item, words: &str) -> String {
    match item {
        Item::Term(_) => format!("new term {words}"),
        Item::Rule { score, .. } => format!("score {score}: new rule {words}"),
        Item::Criterion { stage, .. } => format!("{stage}: new criterion: {words}"),
        Item::Holiday { calendar, .. } => format!("calendar {calendar}: new holiday {words}"),
        Item::Sla(_) => format!("new SLA {words}"),
        Item::Target(_) => format!("new target {words}"),
        Item::Signoff(_) => format!("sign-off added: {words}"),
        item => format!("new {}: {words}", noun(item)),
    }
}

/// What was removed is named, not described, but for the items whose
/// name says little (a party, a stage, a criterion, a holiday).
fn removed(old: &Policy, item: &Item, words: &str) -> String {
    match item {
        Item::Field(name) | Item::Undesirable(name) | Item::Sla(name) | Item::Target(name) => {
            format!("{} removed: {name}", noun(item))
        }
        Item::List(list) => format!("list removed: {}", named(&list.description, &list.name)),
        Item::Term(define) => format!("term removed: {}", plain::term(define)),
        Item::Rule { score, rule } => format!(
            "score {score}: rule {} ({}) removed",
            rule_name(old, rule),
            rule_points(rule)
        ),
        Item::Criterion { stage, .. } => format!("{stage}: criterion removed: {words}"),
        Item::Holiday { calendar, .. } => format!("calendar {calendar}: holiday removed: {words}"),
        Item::Signoff(_) => format!("sign-off removed: {words}"),
        item => format!("{} removed: {words}", noun(item)),
    }
}

/// What an item is called in a line.
fn noun(item: &Item) -> &'static str {
    match item {
        Item::Policy => "policy",
        Item::Party(_) => "party",
        Item::Field(_) => "field",
        Item::List(_) => "list",
        Item::Term(_) => "term",
        Item::Undesirable(_) => "undesirable",
        Item::Score(_) => "score",
        Item::Rule { .. } => "rule",
        Item::Stage(_) => "stage",
        Item::Criterion { .. } => "criterion",
        Item::Calendar(_) => "calendar",
        Item::Holiday { .. } => "holiday",
        Item::Sla(_) => "SLA",
        Item::Target(_) => "target",
        Item::Example(_) => "example",
        Item::Signoff(_) => "sign-off",
    }
}

fn changed(new: &Policy, change: &Change, aspect: Aspect, before: &str, after: &str) -> String {
    let item = &change.item;
    let what = what(new, item, aspect);
    match (aspect, item) {
        (Aspect::Values, _) => {
            let mut parts = Vec::new();
            if !after.is_empty() {
                parts.push(format!("added {after}"));
            }
            if !before.is_empty() {
                parts.push(format!("removed {before}"));
            }
            format!("{what}: {}", parts.join("; "))
        }
        (Aspect::Condition | Aspect::Threshold | Aspect::ScoreThreshold | Aspect::Points, _) => {
            // "score engagement: rule 'Demo' now +20", "MQL: 'Combined
            // score' score threshold raised…", "MQL: now …".
            let joined = match item {
                Item::Rule { .. }
                | Item::Criterion {
                    description: Some(_),
                    ..
                } => " ",
                _ => ": ",
            };
            format!("{what}{joined}{}", moved(change, aspect, before, after))
        }
        (Aspect::Description, Item::Rule { score, rule }) => format!(
            "score {score}: rule '{}' {}",
            rule_words(new, rule),
            described(change, before, after)
        ),
        (
            Aspect::Description,
            Item::Criterion {
                stage, condition, ..
            },
        ) => format!(
            "{stage}: criterion '{}' {}",
            plain::condition(new, condition),
            described(change, before, after)
        ),
        (Aspect::Lead, _) => format!("{what}: the lead changed"),
        _ => format!("{what}: {before} → {after}"),
    }
}

/// "threshold raised from 60 to 65", "now +20 (was +15)".
fn moved(change: &Change, aspect: Aspect, before: &str, after: &str) -> String {
    let threshold = match aspect {
        Aspect::Threshold => "threshold",
        Aspect::ScoreThreshold => "score threshold",
        _ => return format!("now {after} (was {before})"),
    };
    let raised = matches!(
        (&change.before, &change.after),
        (Some(Side::Number(Some(old))), Some(Side::Number(Some(new)))) if new > old
    );
    let direction = if raised { "raised" } else { "lowered" };
    format!("{threshold} {direction} from {before} to {after}")
}

/// "now described as “b” (was “a”)", for a rule or criterion.
fn described(change: &Change, before: &str, after: &str) -> String {
    match change.after {
        Some(Side::Text(None)) => format!("no longer described (was {before})"),
        _ => format!("now described as {after} (was {before})"),
    }
}

/// How a line names the item changed.
fn what(new: &Policy, item: &Item, aspect: Aspect) -> String {
    match item {
        Item::Policy => match aspect {
            Aspect::Title => "title",
            Aspect::Version => "version",
            Aspect::Effective => "effective",
            Aspect::StageOrder => "stage order",
            _ => "summary",
        }
        .into(),
        Item::List(list) if aspect == Aspect::Values => {
            format!("list {}", named(&list.description, &list.name))
        }
        Item::List(list) => format!("list {}", list.name),
        Item::Term(define) if aspect == Aspect::Description => format!("term {}", define.name),
        Item::Term(define) => format!("term {}", plain::term(define)),
        Item::Rule { score, rule } => format!("score {score}: rule {}", rule_name(new, rule)),
        Item::Stage(stage) => stage.to_string(),
        Item::Criterion {
            stage,
            description: Some(description),
            ..
        } => format!("{stage}: '{description}'"),
        Item::Criterion { stage, .. } => stage.to_string(),
        Item::Party(name)
        | Item::Field(name)
        | Item::Undesirable(name)
        | Item::Score(name)
        | Item::Calendar(name)
        | Item::Sla(name)
        | Item::Target(name)
        | Item::Example(name)
        | Item::Signoff(name) => format!("{} {name}", noun(item)),
        Item::Holiday { calendar, .. } => format!("calendar {calendar}"),
    }
}
