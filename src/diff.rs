//! What changed in meaning between two versions of a policy (`qualify
//! diff`), item by item, in plain language.
//!
//! Both versions are compared as checked policies, so layout and comments
//! never count. Items are matched by kind and name (a stage by its name,
//! an undesirable by its reason, an SLA or target by its name); score
//! rules and stage criteria by their description, else by their
//! condition, else by a condition of the same shape whose numbers
//! changed ("score threshold raised from 60 to 70"). Expressions are
//! compared by what they name, never by the position of a declaration.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::ir::{Criterion, Expr, ExprKind, Policy, ScoreRule, ScoreRuleKind, StageId, Value};
use crate::render::doc::{
    opening_hours, rule_points, rule_words, signed, sla_limit, sla_scope, target_commitment,
};
use crate::render::plain::{self, date_words, field_kind, named, number};

/// The changes, each one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diff {
    /// Changes in meaning, in the order of the policy's sections.
    pub changes: Vec<String>,
    /// Sign-off lines added, removed or renewed: not a change in meaning.
    pub signoffs: Vec<String>,
}

pub fn compare(old: &Policy, new: &Policy) -> Diff {
    let pair = Pair { old, new };
    let mut changes = Vec::new();
    pair.header(&mut changes);
    pair.fields(&mut changes);
    pair.lists(&mut changes);
    pair.defines(&mut changes);
    pair.undesirables(&mut changes);
    pair.scores(&mut changes);
    pair.stages(&mut changes);
    pair.calendars(&mut changes);
    pair.slas(&mut changes);
    pair.targets(&mut changes);
    pair.examples(&mut changes);
    Diff {
        changes,
        signoffs: pair.signoffs(),
    }
}

#[derive(Clone, Copy)]
struct Pair<'p> {
    old: &'p Policy,
    new: &'p Policy,
}

/// Items of both versions matched by a key: (removed, kept, added).
type Matched<'a, T> = (Vec<&'a T>, Vec<(&'a T, &'a T)>, Vec<&'a T>);

fn by_key<'a, T>(old: &'a [T], new: &'a [T], key: impl Fn(&T) -> &str) -> Matched<'a, T> {
    let mut removed = Vec::new();
    let mut kept = Vec::new();
    for item in old {
        match new.iter().find(|other| key(other) == key(item)) {
            Some(other) => kept.push((item, other)),
            None => removed.push(item),
        }
    }
    let added = new
        .iter()
        .filter(|item| !old.iter().any(|other| key(other) == key(item)))
        .collect();
    (removed, kept, added)
}

/// "“a” → “b”" when they differ.
fn changed<T: PartialEq + ?Sized>(
    out: &mut Vec<String>,
    what: impl FnOnce() -> String,
    old: &T,
    new: &T,
    show: impl Fn(&T) -> String,
) {
    if old != new {
        out.push(format!("{}: {} → {}", what(), show(old), show(new)));
    }
}

/// `what: old → new` for values already in words.
fn changed_text(out: &mut Vec<String>, what: impl FnOnce() -> String, old: &str, new: &str) {
    changed(out, what, old, new, str::to_string);
}

fn quoted(text: &Option<String>) -> String {
    text.as_ref()
        .map_or("no description".to_string(), |text| format!("“{text}”"))
}

/// "now described as “b” (was “a”)", for a rule or criterion.
fn description_change(old: &Option<String>, new: &Option<String>) -> String {
    match new {
        Some(_) => format!("now described as {} (was {})", quoted(new), quoted(old)),
        None => format!("no longer described (was {})", quoted(old)),
    }
}

/// What a condition change says: the numbers that moved when only they
/// did, else the condition before and after in words.
fn condition_change(pair: Pair, old: &Expr, new: &Expr, label: &str) -> String {
    let mut numbers = Vec::new();
    if same_shape(pair, old, new, &mut numbers)
        && let [(before, after)] = numbers.as_slice()
    {
        let direction = if after > before { "raised" } else { "lowered" };
        let kind = if reads_score(old) {
            "score threshold"
        } else {
            "threshold"
        };
        return format!(
            "{label}{kind} {direction} from {} to {}",
            number(*before),
            number(*after)
        );
    }
    format!(
        "{label}now {} (was {})",
        plain::condition(pair.new, new),
        plain::condition(pair.old, old)
    )
}

fn reads_score(expr: &Expr) -> bool {
    let mut found = matches!(expr.kind, ExprKind::Score(_));
    expr.kind
        .for_each_child(|child| found = found || reads_score(child));
    found
}

/// Whether two conditions are the same but for their numbers, which are
/// collected as (old, new) pairs where they differ. Names are compared by
/// name, so reordering declarations changes nothing.
fn same_shape(pair: Pair, old: &Expr, new: &Expr, numbers: &mut Vec<(f64, f64)>) -> bool {
    let name = |policy: &Policy, kind: &ExprKind| -> Option<(u8, String)> {
        let named = |list: Option<&str>| list.unwrap_or("?").to_string();
        Some(match kind {
            ExprKind::Field(id) => (0, named(policy.fields.get(id.0).map(|f| f.name.as_str()))),
            ExprKind::List(id) => (1, named(policy.lists.get(id.0).map(|l| l.name.as_str()))),
            ExprKind::Define(id) => (2, named(policy.defines.get(id.0).map(|d| d.name.as_str()))),
            ExprKind::Score(id) => (3, named(policy.scores.get(id.0).map(|s| s.name.as_str()))),
            ExprKind::Stage(id) => (4, named(policy.stages.get(id.0).map(|s| s.name.as_str()))),
            _ => return None,
        })
    };
    if let (Some(a), Some(b)) = (name(pair.old, &old.kind), name(pair.new, &new.kind)) {
        return a == b;
    }
    let mut same = |a: &Expr, b: &Expr| same_shape(pair, a, b, numbers);
    match (&old.kind, &new.kind) {
        (ExprKind::Const(Value::Number(a)), ExprKind::Const(Value::Number(b))) => {
            if a != b {
                numbers.push((*a, *b));
            }
            true
        }
        (ExprKind::Const(a), ExprKind::Const(b)) => a == b,
        (ExprKind::Now, ExprKind::Now) => true,
        (ExprKind::Not(a), ExprKind::Not(b)) | (ExprKind::Negate(a), ExprKind::Negate(b)) => {
            same(a, b)
        }
        (ExprKind::And(a1, a2), ExprKind::And(b1, b2))
        | (ExprKind::Or(a1, a2), ExprKind::Or(b1, b2)) => same(a1, b1) && same(a2, b2),
        (ExprKind::Arith(op_a, a1, a2), ExprKind::Arith(op_b, b1, b2)) => {
            op_a == op_b && same(a1, b1) && same(a2, b2)
        }
        (ExprKind::Compare(op_a, a1, a2), ExprKind::Compare(op_b, b1, b2)) => {
            op_a == op_b && same(a1, b1) && same(a2, b2)
        }
        (
            ExprKind::Between {
                value: a,
                low: a_low,
                high: a_high,
            },
            ExprKind::Between {
                value: b,
                low: b_low,
                high: b_high,
            },
        ) => same(a, b) && same(a_low, b_low) && same(a_high, b_high),
        (
            ExprKind::In {
                value: a,
                list: a_list,
                negated: a_not,
            },
            ExprKind::In {
                value: b,
                list: b_list,
                negated: b_not,
            },
        ) => a_not == b_not && same(a, b) && same(a_list, b_list),
        (
            ExprKind::Presence {
                value: a,
                present: a_present,
            },
            ExprKind::Presence {
                value: b,
                present: b_present,
            },
        ) => a_present == b_present && same(a, b),
        (
            ExprKind::TextTest {
                op: a_op,
                value: a,
                pattern: a_pattern,
                any: a_any,
            },
            ExprKind::TextTest {
                op: b_op,
                value: b,
                pattern: b_pattern,
                any: b_any,
            },
        ) => a_op == b_op && a_any == b_any && same(a, b) && same(a_pattern, b_pattern),
        (
            ExprKind::Matches {
                value: a,
                pattern: a_pattern,
            },
            ExprKind::Matches {
                value: b,
                pattern: b_pattern,
            },
        ) => a_pattern == b_pattern && same(a, b),
        (
            ExprKind::Within {
                value: a,
                duration: a_duration,
            },
            ExprKind::Within {
                value: b,
                duration: b_duration,
            },
        ) => same(a, b) && same(a_duration, b_duration),
        (ExprKind::Call(a_fn, a_args), ExprKind::Call(b_fn, b_args)) => {
            a_fn == b_fn
                && a_args.len() == b_args.len()
                && a_args.iter().zip(b_args).all(|(a, b)| same(a, b))
        }
        _ => false,
    }
}

/// Whether two conditions mean the same.
fn same_condition(pair: Pair, old: &Expr, new: &Expr) -> bool {
    let mut numbers = Vec::new();
    same_shape(pair, old, new, &mut numbers) && numbers.is_empty()
}

/// One way of pairing items, tried on every pair left.
type Pass<'f, T> = &'f dyn Fn(&T, &T) -> bool;

/// Rules or criteria matched across versions: by description, else by
/// an identical condition, else by a condition of the same shape.
fn match_by<'a, T>(
    old: &'a [T],
    new: &'a [T],
    description: impl Fn(&T) -> Option<&str>,
    same: impl Fn(&T, &T, bool) -> bool,
) -> Matched<'a, T> {
    let mut old_left: Vec<&T> = old.iter().collect();
    let mut new_left: Vec<&T> = new.iter().collect();
    let mut kept = Vec::new();
    let passes: [Pass<T>; 3] = [
        &|a, b| description(a).is_some() && description(a) == description(b),
        &|a, b| same(a, b, true),
        &|a, b| same(a, b, false),
    ];
    for pass in passes {
        let mut index = 0;
        while index < old_left.len() {
            let Some(item) = old_left.get(index).copied() else {
                break;
            };
            match new_left.iter().position(|other| pass(item, other)) {
                Some(found) => {
                    kept.push((item, new_left.remove(found)));
                    old_left.remove(index);
                }
                None => index += 1,
            }
        }
    }
    (old_left, kept, new_left)
}

fn rule_condition(rule: &ScoreRule) -> &Expr {
    match &rule.kind {
        ScoreRuleKind::If(condition)
        | ScoreRuleKind::Per {
            quantity: condition,
            ..
        } => condition,
    }
}

impl<'p> Pair<'p> {
    fn header(self, out: &mut Vec<String>) {
        let (old, new) = (self.old, self.new);
        changed(
            out,
            || "title".into(),
            &old.title,
            &new.title,
            |t| format!("“{t}”"),
        );
        changed(
            out,
            || "version".into(),
            &old.version,
            &new.version,
            |v| v.clone().unwrap_or("(none)".into()),
        );
        changed(
            out,
            || "effective".into(),
            &old.effective,
            &new.effective,
            |d| d.map_or("(none)".into(), date_words),
        );
        changed(out, || "summary".into(), &old.summary, &new.summary, quoted);
        let (removed, kept, added) = by_key(&old.parties, &new.parties, |p| &p.name);
        for party in added {
            out.push(format!("new party: {} ({})", party.name, party.who));
        }
        for party in removed {
            out.push(format!("party removed: {} ({})", party.name, party.who));
        }
        for (a, b) in kept {
            changed(
                out,
                || format!("party {}", a.name),
                &a.who,
                &b.who,
                |w| w.to_string(),
            );
        }
    }

    /// "MQL: decided by sales → decided by marketing"
    fn owner(
        self,
        out: &mut Vec<String>,
        what: impl FnOnce() -> String,
        old: Option<crate::ir::PartyId>,
        new: Option<crate::ir::PartyId>,
        verb: &str,
    ) {
        let (old, new) = (Self::party(self.old, old), Self::party(self.new, new));
        changed(out, what, &old, &new, |party| format!("{verb} {party}"));
    }

    fn party(policy: &Policy, id: Option<crate::ir::PartyId>) -> String {
        id.and_then(|id| policy.parties.get(id.0))
            .map_or("(nobody)".into(), |party| party.name.clone())
    }

    fn stage_name(policy: &Policy, id: StageId) -> String {
        policy
            .stages
            .get(id.0)
            .map_or("?".into(), |stage| stage.name.clone())
    }

    fn stage_list(policy: &Policy, ids: &[StageId]) -> String {
        let names: Vec<String> = ids.iter().map(|id| Self::stage_name(policy, *id)).collect();
        plain::series(&names, "or")
    }

    fn fields(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.fields, &self.new.fields, |f| &f.name);
        for field in added {
            out.push(format!(
                "new field: {} ({}{})",
                field.name,
                field_kind(&field.ty),
                if field.optional { ", optional" } else { "" }
            ));
        }
        for field in removed {
            out.push(format!("field removed: {}", field.name));
        }
        for (a, b) in kept {
            let what = || format!("field {}", a.name);
            changed(out, what, &a.ty, &b.ty, field_kind);
            changed(out, what, &a.optional, &b.optional, |optional| {
                if *optional { "optional" } else { "required" }.to_string()
            });
            changed(out, what, &a.description, &b.description, quoted);
            changed(out, what, &a.key, &b.key, |key| {
                if *key {
                    "identifies the lead"
                } else {
                    "not the key"
                }
                .to_string()
            });
            changed(
                out,
                what,
                &Self::party(self.old, a.set_by),
                &Self::party(self.new, b.set_by),
                |party| format!("filled in by {party}"),
            );
        }
    }

    fn lists(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.lists, &self.new.lists, |l| &l.name);
        let values = |values: &[&Value]| {
            let shown: Vec<String> = values.iter().map(|v| plain::list_value(v)).collect();
            shown.join(", ")
        };
        for list in added {
            let all: Vec<&Value> = list.values.iter().collect();
            out.push(format!(
                "new list: {} ({})",
                named(&list.description, &list.name),
                values(&all)
            ));
        }
        for list in removed {
            out.push(format!(
                "list removed: {}",
                named(&list.description, &list.name)
            ));
        }
        for (a, b) in kept {
            let gained: Vec<&Value> = b.values.iter().filter(|v| !a.values.contains(v)).collect();
            let lost: Vec<&Value> = a.values.iter().filter(|v| !b.values.contains(v)).collect();
            let mut parts = Vec::new();
            if !gained.is_empty() {
                parts.push(format!("added {}", values(&gained)));
            }
            if !lost.is_empty() {
                parts.push(format!("removed {}", values(&lost)));
            }
            if !parts.is_empty() {
                out.push(format!(
                    "list {}: {}",
                    named(&b.description, &b.name),
                    parts.join("; ")
                ));
            }
            changed(
                out,
                || format!("list {}", a.name),
                &a.description,
                &b.description,
                quoted,
            );
        }
    }

    fn defines(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.defines, &self.new.defines, |d| &d.name);
        for define in added {
            out.push(format!(
                "new term {}: {}",
                plain::term(define),
                plain::condition(self.new, &define.value)
            ));
        }
        for define in removed {
            out.push(format!("term removed: {}", plain::term(define)));
        }
        for (a, b) in kept {
            if !same_condition(self, &a.value, &b.value) {
                let label = format!("term {}: ", plain::term(b));
                out.push(condition_change(self, &a.value, &b.value, &label));
            }
            changed(
                out,
                || format!("term {}", a.name),
                &a.description,
                &b.description,
                quoted,
            );
        }
    }

    fn undesirables(self, out: &mut Vec<String>) {
        let (mut removed, kept, mut added) =
            by_key(&self.old.undesirables, &self.new.undesirables, |u| {
                &u.reason
            });
        // Same condition under a new reason: a rename.
        removed.retain(|old| {
            let renamed = added.iter().position(|new| {
                same_condition(self, &old.condition, &new.condition)
                    && Self::stage_list(self.old, &old.blocks)
                        == Self::stage_list(self.new, &new.blocks)
            });
            match renamed {
                Some(index) => {
                    let new = added.remove(index);
                    out.push(format!(
                        "undesirable renamed: {} → {}",
                        old.reason, new.reason
                    ));
                    false
                }
                None => true,
            }
        });
        let effect = |policy: &Policy, blocks: &[StageId]| {
            if blocks.is_empty() {
                "disqualifies the lead".to_string()
            } else {
                format!("keeps the lead out of {}", Self::stage_list(policy, blocks))
            }
        };
        for undesirable in added {
            out.push(format!(
                "new undesirable: {} (when {}; {})",
                undesirable.reason,
                plain::condition(self.new, &undesirable.condition),
                effect(self.new, &undesirable.blocks)
            ));
        }
        for undesirable in removed {
            out.push(format!("undesirable removed: {}", undesirable.reason));
        }
        for (a, b) in kept {
            if !same_condition(self, &a.condition, &b.condition) {
                let label = format!("undesirable {}: ", a.reason);
                out.push(condition_change(self, &a.condition, &b.condition, &label));
            }
            changed_text(
                out,
                || format!("undesirable {}", a.reason),
                &effect(self.old, &a.blocks),
                &effect(self.new, &b.blocks),
            );
        }
    }

    fn scores(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.scores, &self.new.scores, |s| &s.name);
        for score in added {
            out.push(format!("new score: {}", score.name));
        }
        for score in removed {
            out.push(format!("score removed: {}", score.name));
        }
        let cap =
            |cap: &Option<f64>| cap.map_or("no cap".into(), |c| format!("capped at {}", number(c)));
        for (a, b) in kept {
            let what = || format!("score {}", a.name);
            changed(out, what, &a.description, &b.description, quoted);
            changed(out, what, &a.cap, &b.cap, cap);
            self.rules(&a.name, &a.rules, &b.rules, out);
        }
    }

    fn rules(self, score: &str, old: &[ScoreRule], new: &[ScoreRule], out: &mut Vec<String>) {
        let same = |a: &ScoreRule, b: &ScoreRule, exact: bool| {
            let mut numbers = Vec::new();
            std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
                && same_shape(self, rule_condition(a), rule_condition(b), &mut numbers)
                && (!exact || numbers.is_empty())
        };
        let (removed, kept, added) = match_by(old, new, |rule| rule.description.as_deref(), same);
        let name = |policy: &Policy, rule: &ScoreRule| match &rule.description {
            Some(description) => format!("'{description}'"),
            None => format!("'{}'", rule_words(policy, rule)),
        };
        for rule in added {
            out.push(format!(
                "score {score}: new rule {} {} ({})",
                name(self.new, rule),
                rule_points(rule),
                rule_words(self.new, rule)
            ));
        }
        for rule in removed {
            out.push(format!(
                "score {score}: rule {} ({}) removed",
                name(self.old, rule),
                rule_points(rule)
            ));
        }
        for (a, b) in kept {
            let label = format!("score {score}: rule {} ", name(self.new, b));
            if a.points != b.points {
                out.push(format!(
                    "{label}now {} (was {})",
                    signed(b.points),
                    signed(a.points)
                ));
            }
            if let (
                ScoreRuleKind::Per { up_to: most_a, .. },
                ScoreRuleKind::Per { up_to: most_b, .. },
            ) = (&a.kind, &b.kind)
            {
                let most = |most: &Option<f64>| {
                    most.map_or("no limit".into(), |m| {
                        format!("at most {} in total", number(m))
                    })
                };
                changed(out, || label.trim_end().to_string(), most_a, most_b, most);
            }
            let (old_condition, new_condition) = (rule_condition(a), rule_condition(b));
            if !same_condition(self, old_condition, new_condition) {
                out.push(condition_change(self, old_condition, new_condition, &label));
            }
            if a.description != b.description {
                out.push(format!(
                    "score {score}: rule '{}' {}",
                    rule_words(self.new, b),
                    description_change(&a.description, &b.description)
                ));
            }
        }
    }

    fn stages(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.stages, &self.new.stages, |s| &s.name);
        for stage in added {
            out.push(format!("new stage: {} ({})", stage.name, stage.long_name));
        }
        for stage in removed {
            out.push(format!(
                "stage removed: {} ({})",
                stage.name, stage.long_name
            ));
        }
        let order = |policy: &Policy| {
            let names: Vec<&str> = policy
                .stages
                .iter()
                .filter(|stage| {
                    self.old.stages.iter().any(|s| s.name == stage.name)
                        && self.new.stages.iter().any(|s| s.name == stage.name)
                })
                .map(|stage| stage.name.as_str())
                .collect();
            names.join(", ")
        };
        changed_text(
            out,
            || "stage order".into(),
            &order(self.old),
            &order(self.new),
        );
        for (a, b) in kept {
            let what = || b.name.clone();
            changed(out, what, &a.long_name, &b.long_name, |n| format!("“{n}”"));
            self.owner(out, what, a.owner, b.owner, "decided by");
            let after = |policy: &Policy, ids: &[StageId]| {
                if ids.is_empty() {
                    "no prerequisite".to_string()
                } else {
                    format!("after {}", Self::stage_list(policy, ids))
                }
            };
            changed_text(
                out,
                what,
                &after(self.old, &a.after),
                &after(self.new, &b.after),
            );
            self.criteria(&b.name, &a.criteria, &b.criteria, out);
        }
    }

    fn criteria(self, stage: &str, old: &[Criterion], new: &[Criterion], out: &mut Vec<String>) {
        let same = |a: &Criterion, b: &Criterion, exact: bool| {
            let mut numbers = Vec::new();
            same_shape(self, &a.condition, &b.condition, &mut numbers)
                && (!exact || numbers.is_empty())
        };
        let (removed, kept, added) =
            match_by(old, new, |criterion| criterion.description.as_deref(), same);
        let words = |policy: &Policy, criterion: &Criterion| {
            let condition = plain::condition(policy, &criterion.condition);
            match &criterion.description {
                Some(description) => format!("{description} ({condition})"),
                None => condition,
            }
        };
        for criterion in added {
            out.push(format!(
                "{stage}: new criterion: {}",
                words(self.new, criterion)
            ));
        }
        for criterion in removed {
            out.push(format!(
                "{stage}: criterion removed: {}",
                words(self.old, criterion)
            ));
        }
        for (a, b) in kept {
            if !same_condition(self, &a.condition, &b.condition) {
                let label = match &b.description {
                    Some(description) if a.description == b.description => {
                        format!("{stage}: '{description}' ")
                    }
                    _ => format!("{stage}: "),
                };
                out.push(condition_change(self, &a.condition, &b.condition, &label));
            }
            if a.description != b.description {
                out.push(format!(
                    "{stage}: criterion '{}' {}",
                    plain::condition(self.new, &b.condition),
                    description_change(&a.description, &b.description)
                ));
            }
        }
    }

    fn calendars(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.calendars, &self.new.calendars, |c| &c.name);
        for calendar in added {
            out.push(format!("new calendar: {}", calendar.name));
        }
        for calendar in removed {
            out.push(format!("calendar removed: {}", calendar.name));
        }
        for (a, b) in kept {
            let what = || format!("calendar {}", a.name);
            changed(out, what, &a.description, &b.description, quoted);
            changed_text(out, what, &a.timezone_name, &b.timezone_name);
            changed(out, what, &opening_hours(a), &opening_hours(b), |h| {
                format!("open {h}")
            });
            let holiday = |h: &crate::ir::Holiday| {
                let mut text = date_words(h.date);
                if let Some(description) = &h.description {
                    let _ = write!(text, " ({description})");
                }
                text
            };
            for h in b.holidays.iter().filter(|h| !a.holidays.contains(h)) {
                out.push(format!("calendar {}: new holiday {}", a.name, holiday(h)));
            }
            for h in a.holidays.iter().filter(|h| !b.holidays.contains(h)) {
                out.push(format!(
                    "calendar {}: holiday removed: {}",
                    a.name,
                    holiday(h)
                ));
            }
        }
    }

    fn slas(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.slas, &self.new.slas, |s| &s.name);
        for sla in added {
            out.push(format!(
                "new SLA {}: {}, {}",
                sla.name,
                sla_scope(self.new, sla),
                sla_limit(sla)
            ));
        }
        for sla in removed {
            out.push(format!("SLA removed: {}", sla.name));
        }
        for (a, b) in kept {
            let what = || format!("SLA {}", a.name);
            changed(out, what, &a.description, &b.description, quoted);
            self.owner(out, what, a.owner, b.owner, "owned by");
            changed_text(out, what, &sla_scope(self.old, a), &sla_scope(self.new, b));
            changed_text(
                out,
                what,
                &plain::duration_words(&a.within),
                &plain::duration_words(&b.within),
            );
            let calendar = |policy: &Policy, sla: &crate::ir::Sla| {
                sla.calendar
                    .and_then(|id| policy.calendars.get(id.0))
                    .map_or("no calendar".into(), |c| format!("on {}", c.name))
            };
            changed_text(out, what, &calendar(self.old, a), &calendar(self.new, b));
            changed(out, what, &a.goal, &b.goal, |goal| {
                goal.map_or("no goal".into(), |g| {
                    format!("for at least {} of leads", plain::percent(g))
                })
            });
        }
    }

    fn targets(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.targets, &self.new.targets, |t| &t.name);
        for target in added {
            out.push(format!(
                "new target {}: {}",
                target.name,
                target_commitment(self.new, &target.kind)
            ));
        }
        for target in removed {
            out.push(format!("target removed: {}", target.name));
        }
        for (a, b) in kept {
            let what = || format!("target {}", a.name);
            changed(out, what, &a.description, &b.description, quoted);
            self.owner(out, what, a.owner, b.owner, "owned by");
            changed_text(
                out,
                what,
                &target_commitment(self.old, &a.kind),
                &target_commitment(self.new, &b.kind),
            );
        }
    }

    fn examples(self, out: &mut Vec<String>) {
        let (removed, kept, added) = by_key(&self.old.examples, &self.new.examples, |e| &e.name);
        for example in added {
            out.push(format!("new example: {}", example.name));
        }
        for example in removed {
            out.push(format!("example removed: {}", example.name));
        }
        // Examples name fields by position in the IR: compare by name.
        let lead = |policy: &Policy, example: &crate::ir::Example| {
            let mut values: BTreeMap<String, Option<Value>> = BTreeMap::new();
            for (field, value) in &example.lead {
                let name = policy.fields.get(field.0).map_or("?", |f| f.name.as_str());
                values.insert(name.to_string(), value.clone());
            }
            values
        };
        let expected = |policy: &Policy, example: &crate::ir::Example| {
            let all: Vec<String> = example
                .expectations
                .iter()
                .map(|(expectation, _)| crate::render::doc::expectation_words(policy, expectation))
                .collect();
            all.join("; ")
        };
        for (a, b) in kept {
            if lead(self.old, a) != lead(self.new, b) || a.as_of != b.as_of {
                out.push(format!("example {}: the lead changed", a.name));
            }
            changed(
                out,
                || format!("example {}", a.name),
                &expected(self.old, a),
                &expected(self.new, b),
                |e| format!("expects {e}"),
            );
        }
    }

    fn signoffs(self) -> Vec<String> {
        let describe = |policy: &Policy, signoff: &crate::ir::Signoff| {
            let party = policy
                .parties
                .get(signoff.party.0)
                .map_or("?", |p| p.name.as_str());
            format!("{party} ({}) on {}", signoff.name, date_words(signoff.date))
        };
        let old: Vec<String> = self
            .old
            .signoffs
            .iter()
            .map(|s| describe(self.old, s))
            .collect();
        let new: Vec<String> = self
            .new
            .signoffs
            .iter()
            .map(|s| describe(self.new, s))
            .collect();
        let mut lines = Vec::new();
        for (signoff, text) in self.new.signoffs.iter().zip(&new) {
            let unchanged = self
                .old
                .signoffs
                .iter()
                .zip(&old)
                .any(|(before, old_text)| old_text == text && before.digest == signoff.digest);
            if !unchanged {
                lines.push(format!("sign-off added: {text}"));
            }
        }
        for (signoff, text) in self.old.signoffs.iter().zip(&old) {
            let kept = self
                .new
                .signoffs
                .iter()
                .zip(&new)
                .any(|(after, new_text)| new_text == text && after.digest == signoff.digest);
            if !kept {
                lines.push(format!("sign-off removed: {text}"));
            }
        }
        lines
    }
}

/// Example lead ids shown per move.
const SHOWN_IDS: usize = 5;

/// One lead's result under one version, by stage name, so that versions
/// with different stages can be compared.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LeadResult {
    /// A stage's name, `none`, `disqualified` or `invalid`.
    pub stage: String,
    pub reached: Vec<String>,
}

impl LeadResult {
    /// `outcome` is `None` for a record invalid under this version.
    pub fn new(policy: &Policy, outcome: Option<&crate::eval::Outcome>) -> Self {
        match outcome {
            None => LeadResult {
                stage: "invalid".to_string(),
                reached: Vec::new(),
            },
            Some(outcome) => LeadResult {
                stage: crate::render::results::stage_name(policy, outcome.stage).to_string(),
                reached: outcome
                    .reached
                    .iter()
                    .map(|id| Pair::stage_name(policy, *id))
                    .collect(),
            },
        }
    }
}

/// How leads move between the two versions.
#[derive(Debug, Clone, PartialEq)]
pub struct Moves {
    pub leads: u64,
    /// The rows and columns of the matrix: the old version's stages, then
    /// the new version's other stages, then none, disqualified, invalid.
    pub stages: Vec<String>,
    /// (from, to) as indexes into `stages` → leads, and the first ids.
    pub cells: BTreeMap<(usize, usize), (u64, Vec<String>)>,
    /// Per stage of either version: the leads that reach it.
    pub reached: Vec<Reach>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reach {
    pub stage: String,
    pub before: u64,
    pub after: u64,
    /// Reach it only under the new version.
    pub gained: u64,
    /// Reached it only under the old version.
    pub lost: u64,
}

impl Moves {
    pub fn new(old: &Policy, new: &Policy) -> Self {
        let mut stages: Vec<String> = old.stages.iter().map(|s| s.name.clone()).collect();
        for stage in &new.stages {
            if !stages.contains(&stage.name) {
                stages.push(stage.name.clone());
            }
        }
        let reached = stages
            .iter()
            .map(|stage| Reach {
                stage: stage.clone(),
                ..Reach::default()
            })
            .collect();
        stages.extend(["none", "disqualified", "invalid"].map(String::from));
        Moves {
            leads: 0,
            stages,
            cells: BTreeMap::new(),
            reached,
        }
    }

    pub fn add(&mut self, key: &str, old: &LeadResult, new: &LeadResult) {
        self.leads += 1;
        let index = |stage: &str| self.stages.iter().position(|s| s == stage);
        if let (Some(from), Some(to)) = (index(&old.stage), index(&new.stage)) {
            let cell = self.cells.entry((from, to)).or_default();
            cell.0 += 1;
            if from != to && cell.1.len() < SHOWN_IDS {
                cell.1.push(key.to_string());
            }
        }
        for reach in &mut self.reached {
            let before = old.reached.contains(&reach.stage);
            let after = new.reached.contains(&reach.stage);
            reach.before += u64::from(before);
            reach.after += u64::from(after);
            reach.gained += u64::from(after && !before);
            reach.lost += u64::from(before && !after);
        }
    }

    /// The moves between different stages, largest first.
    pub fn changes(&self) -> Vec<(&str, &str, u64, &[String])> {
        let mut moves: Vec<(&str, &str, u64, &[String])> = self
            .cells
            .iter()
            .filter(|((from, to), _)| from != to)
            .map(|((from, to), (count, ids))| {
                let name = |i: &usize| self.stages.get(*i).map_or("?", String::as_str);
                (name(from), name(to), *count, ids.as_slice())
            })
            .collect();
        moves.sort_by_key(|(.., count, _)| std::cmp::Reverse(*count));
        moves
    }
}
