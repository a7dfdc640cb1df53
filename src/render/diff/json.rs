//! `qualify diff --format json`: the changes for programs (a bot that
//! comments on pull requests, a dashboard). Each side of a change is in
//! the same words as the text, so a reader need not know the IR.

use serde_json::{Value, json};

use super::change::{line, words};
use crate::diff::{Aspect, Change, Diff, Item, Kind, Moves, Side};
use crate::ir::Policy;
use crate::render::doc::rule_words;
use crate::render::plain;

pub fn json(diff: &Diff, moves: Option<&Moves>, old: &str, new: &str) -> Value {
    let changes = |list: &[Change]| -> Vec<Value> {
        list.iter()
            .map(|change| self::change(diff, change))
            .collect()
    };
    let mut out = json!({
        "old": old,
        "new": new,
        "changes": changes(&diff.changes),
        "signoffs": changes(&diff.signoffs),
    });
    if let (Some(moves), Some(object)) = (moves, out.as_object_mut()) {
        object.insert("leads".into(), leads(moves));
    }
    out
}

fn change(diff: &Diff, change: &Change) -> Value {
    let side = |policy, side: &Option<Side>| match side {
        Some(Side::Values(values)) if values.is_empty() => Value::Null,
        Some(side) => Value::String(words(policy, change, side)),
        None => Value::Null,
    };
    let (kind, aspect) = match change.kind {
        Kind::Added => ("added", Value::Null),
        Kind::Removed => ("removed", Value::Null),
        Kind::Renamed => ("renamed", Value::Null),
        Kind::Changed(aspect) => ("changed", aspect_name(aspect).into()),
    };
    let policy = if change.kind == Kind::Removed {
        diff.old
    } else {
        diff.new
    };
    json!({
        "item": item(policy, &change.item),
        "kind": kind,
        "aspect": aspect,
        "before": side(diff.old, &change.before),
        "after": side(diff.new, &change.after),
        "parties": change.parties,
        "text": line(diff, change),
    })
}

/// `{"kind": "rule", "name": "Visited the pricing page", "score": "engagement"}`:
/// a rule, criterion or holiday also names what it belongs to.
fn item(policy: &Policy, item: &Item) -> Value {
    let (kind, name) = match item {
        Item::Policy => return json!({ "kind": "policy" }),
        Item::Party(name) => ("party", name.to_string()),
        Item::Field(name) => ("field", name.to_string()),
        Item::List(list) => ("list", list.name.clone()),
        Item::Term(define) => ("term", define.name.clone()),
        Item::Undesirable(reason) => ("undesirable", reason.to_string()),
        Item::Score(name) => ("score", name.to_string()),
        Item::Rule { score, rule } => {
            let name = rule
                .description
                .clone()
                .unwrap_or_else(|| rule_words(policy, rule));
            return json!({ "kind": "rule", "name": name, "score": score });
        }
        Item::Stage(name) => ("stage", name.to_string()),
        Item::Criterion {
            stage,
            description,
            condition,
        } => {
            let name =
                description.map_or_else(|| plain::condition(policy, condition), str::to_string);
            return json!({ "kind": "criterion", "name": name, "stage": stage });
        }
        Item::Calendar(name) => ("calendar", name.to_string()),
        Item::Holiday { calendar, date } => {
            return json!({ "kind": "holiday", "name": date.to_string(), "calendar": calendar });
        }
        Item::Sla(name) => ("sla", name.to_string()),
        Item::Target(name) => ("target", name.to_string()),
        Item::Example(name) => ("example", name.to_string()),
        Item::Signoff(party) => ("sign-off", party.to_string()),
    };
    json!({ "kind": kind, "name": name })
}

fn aspect_name(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Title => "title",
        Aspect::Version => "version",
        Aspect::Effective => "effective",
        Aspect::Summary => "summary",
        Aspect::StageOrder => "stage-order",
        Aspect::Who => "who",
        Aspect::Type => "type",
        Aspect::Optional => "optional",
        Aspect::Description => "description",
        Aspect::Key => "key",
        Aspect::FilledInBy => "filled-in-by",
        Aspect::Values => "values",
        Aspect::Condition => "condition",
        Aspect::Threshold => "threshold",
        Aspect::ScoreThreshold => "score-threshold",
        Aspect::Effect => "effect",
        Aspect::Cap => "cap",
        Aspect::Points => "points",
        Aspect::UpTo => "up-to",
        Aspect::LongName => "long-name",
        Aspect::Owner => "owner",
        Aspect::After => "after",
        Aspect::TimeZone => "time-zone",
        Aspect::Hours => "hours",
        Aspect::Scope => "scope",
        Aspect::Within => "within",
        Aspect::Calendar => "calendar",
        Aspect::Goal => "goal",
        Aspect::Commitment => "commitment",
        Aspect::Lead => "lead",
        Aspect::Expectations => "expectations",
    }
}

/// The moves between stages (largest first, with up to five lead ids),
/// the leads that stayed, and each stage's reach before and after.
fn leads(moves: &Moves) -> Value {
    let name = |index: &usize| moves.stages.get(*index).map_or("?", String::as_str);
    let moved: Vec<Value> = moves
        .changes()
        .into_iter()
        .map(|(from, to, count, ids)| {
            json!({ "from": from, "to": to, "leads": count, "examples": ids })
        })
        .collect();
    let stayed: Vec<Value> = moves
        .cells
        .iter()
        .filter(|((from, to), (count, _))| from == to && *count > 0)
        .map(|((stage, _), (count, _))| json!({ "stage": name(stage), "leads": count }))
        .collect();
    let reached: Vec<Value> = moves
        .reached
        .iter()
        .map(|reach| {
            json!({
                "stage": reach.stage,
                "before": reach.before,
                "after": reach.after,
                "gained": reach.gained,
                "lost": reach.lost,
            })
        })
        .collect();
    json!({
        "count": moves.leads,
        "moves": moved,
        "stayed": stayed,
        "reached": reached,
    })
}
