//! example-depends-on-now: an example without `as of` whose expectation
//! depends on the current time (`now`, `within`, `days_since`, or an SLA
//! whose end the lead leaves out). It passes one day and fails the next,
//! so CI would break with no change to the policy. A reading of the time
//! that the example's lead voids (`days_since(x)` where the lead has no
//! `x`: missing whatever the day) does not count.

use super::{Check, Lint};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::ir::{Example, Expectation, Expr, ExprKind, FieldId, Function, Item, Policy};
use crate::span::Span;

pub const LINT: Lint = Lint {
    code: Code {
        code: "Q0803",
        name: "example-depends-on-now",
        severity: Severity::Warning,
        summary: "an example without `as of` expects something that depends on the current time",
        lint: true,
        docs: r#"
**Severity:** warning (a lint).

**What:** an example without `as of` expects something that depends on the
current time: a condition with `now`, `within` or `days_since`, read
directly or through a define, score or stage, or an SLA the lead has
started but not ended (pending today, breached tomorrow).

**Why it matters:** such an example passes the day it is written and fails
some later day with no change to the policy, so CI breaks for no reason
and both teams learn to ignore failing examples. A reading of the time that
the example's lead makes missing anyway (`days_since(last_activity_at)` for
a lead with no `last_activity_at`) is not reported.

**Example:**

```qual-invalid
policy "Northwind" { version "1" party marketing "Priya" party sales "Tom" }

fields {
  lead_id     text "CRM lead id" key
  created_at  time
}

stage MQL "Marketing qualified lead" {
  requires created_at within 30 days "A fresh lead"
}

example "A lead from this month is an MQL" {
  lead { lead_id "N-1" created_at 2026-03-02T09:00:00Z }
  expect stage MQL
}
```

qualify reports: example "A lead from this month is an MQL" has no `as of`,
but this expectation depends on the current time, and points at the
`within` it depends on.

**How to fix:** give the example the moment it describes with `as of`.
`qualify check --as-of` and `qualify test --as-of` set "now" for examples
without one, which helps to try a date out, but the example itself should
say it.

```qual
example "A lead from this month is an MQL" {
  lead { lead_id "N-1" created_at 2026-03-02T09:00:00Z }
  as of 2026-03-10T12:00:00Z
  expect stage MQL
}
```
"#,
    },
    check: Check::Policy(run),
};

fn run(policy: &Policy, out: &mut Vec<Diagnostic>) {
    if policy
        .examples
        .iter()
        .all(|example| example.as_of.is_some())
    {
        return;
    }
    for example in policy.examples.iter().filter(|e| e.as_of.is_none()) {
        let clock = Clock::of(policy, example);
        for (expectation, at) in &example.expectations {
            let reads_now = match expectation {
                Expectation::Stage(_)
                | Expectation::Disqualified(_)
                | Expectation::Undesirable(_) => clock.outcome(),
                Expectation::Reached(stage) | Expectation::NotReached(stage) => {
                    clock.item(Item::Stage(*stage))
                }
                Expectation::Score(score, _) => clock.item(Item::Score(*score)),
                Expectation::Sla(index, _) => policy.slas.get(*index).and_then(|sla| {
                    // Started but not ended, the SLA is pending or breached
                    // depending on when the example runs.
                    (!clock.missing(sla.from) && clock.missing(sla.to))
                        .then_some(sla.span)
                        .or_else(|| {
                            sla.applies_to
                                .as_ref()
                                .and_then(|applies| clock.expr(applies))
                        })
                }),
                Expectation::Invalid => None,
            };
            let Some(now_at) = reads_now else { continue };
            out.push(
                Diagnostic::new(
                    &LINT.code,
                    *at,
                    format!(
                        "example \"{}\" has no `as of`, but this expectation depends on the current time",
                        example.name
                    ),
                )
                .with_label("may pass today and fail tomorrow")
                .with_note(now_at, "the current time is read here")
                .with_help("add `as of` with a fixed time to the example, such as `as of 2026-03-02T12:00:00Z`"),
            );
        }
    }
}

/// For one example's lead: where each item first reads the current time,
/// directly or through what it depends on, worked out once per item in
/// dependency order.
struct Clock<'p> {
    policy: &'p Policy,
    /// By field: the example's lead has no value for it.
    missing: Vec<bool>,
    items: Vec<Option<Span>>,
}

impl<'p> Clock<'p> {
    fn of(policy: &'p Policy, example: &Example) -> Clock<'p> {
        let mut missing = vec![true; policy.fields.len()];
        for (field, value) in &example.lead {
            if let Some(missing) = missing.get_mut(field.0) {
                *missing = value.is_none();
            }
        }
        let mut clock = Clock {
            policy,
            missing,
            items: Vec::new(),
        };
        let order = policy.in_dependency_order();
        clock.items = vec![None; order.len()];
        let mut depends = Vec::new();
        for item in order {
            let direct = clock
                .item_exprs(item)
                .find_map(|expr| clock.reads_now(expr));
            depends.clear();
            policy.depends_on(item, &mut depends);
            let through = depends.iter().find_map(|dep| clock.item(*dep));
            if let Some(at) = policy.item_index(item) {
                clock.items[at] = direct.or(through);
            }
        }
        clock
    }

    fn missing(&self, field: FieldId) -> bool {
        self.missing.get(field.0).copied().unwrap_or(true)
    }

    fn item(&self, item: Item) -> Option<Span> {
        self.items
            .get(self.policy.item_index(item)?)
            .copied()
            .flatten()
    }

    /// Where any stage or undesirable reads the time: a lead's stage, and
    /// whether it is disqualified, depend on all of them.
    fn outcome(&self) -> Option<Span> {
        let stages = (0..self.policy.stages.len()).map(|i| Item::Stage(crate::ir::StageId(i)));
        let undesirables = (0..self.policy.undesirables.len()).map(Item::Undesirable);
        stages.chain(undesirables).find_map(|item| self.item(item))
    }

    /// Where a condition reads the time, directly or through what it names.
    fn expr(&self, expr: &Expr) -> Option<Span> {
        let mut named = Vec::new();
        expr.items_named(&mut named);
        self.reads_now(expr)
            .or_else(|| named.iter().find_map(|item| self.item(*item)))
    }

    /// The expressions an item is made of (for a stage, its criteria).
    fn item_exprs(&self, item: Item) -> impl Iterator<Item = &'p Expr> {
        let policy = self.policy;
        let (define, score, stage, undesirable) = match item {
            Item::Define(id) => (policy.defines.get(id.0), None, None, None),
            Item::Score(id) => (None, policy.scores.get(id.0), None, None),
            Item::Stage(id) => (None, None, policy.stages.get(id.0), None),
            Item::Undesirable(index) => (None, None, None, policy.undesirables.get(index)),
        };
        (define.map(|d| &d.value).into_iter())
            .chain(
                score
                    .into_iter()
                    .flat_map(|s| s.rules.iter().map(|r| r.reads())),
            )
            .chain(
                stage
                    .into_iter()
                    .flat_map(|s| s.criteria.iter().map(|c| &c.condition)),
            )
            .chain(undesirable.map(|u| &u.condition))
    }

    /// Where an expression itself reads the current time, unless a field
    /// the lead leaves out makes that reading missing whatever the time.
    fn reads_now(&self, expr: &Expr) -> Option<Span> {
        match &expr.kind {
            ExprKind::Now => Some(expr.span),
            ExprKind::Within { value, .. } => (!self.voids(value)).then_some(expr.span),
            ExprKind::Call(Function::DaysSince, args) => {
                (!args.iter().any(|arg| self.voids(arg))).then_some(expr.span)
            }
            ExprKind::Arith(_, lhs, rhs) | ExprKind::Compare(_, lhs, rhs) => {
                let (lhs_now, rhs_now) = (self.reads_now(lhs), self.reads_now(rhs));
                match (lhs_now, rhs_now) {
                    (Some(_), None) if self.voids(rhs) => None,
                    (None, Some(_)) if self.voids(lhs) => None,
                    _ => lhs_now.or(rhs_now),
                }
            }
            kind => {
                let mut found = None;
                kind.for_each_child(|child| {
                    if found.is_none() {
                        found = self.reads_now(child);
                    }
                });
                found
            }
        }
    }

    /// Whether a value is missing for this lead because it is computed
    /// from a field the lead leaves out (arithmetic and functions of a
    /// missing value are missing). Not looked for through defines.
    fn voids(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Field(field) => self.missing(*field),
            ExprKind::Negate(inner) => self.voids(inner),
            ExprKind::Arith(_, lhs, rhs) => self.voids(lhs) || self.voids(rhs),
            ExprKind::Call(_, args) => args.iter().any(|arg| self.voids(arg)),
            _ => false,
        }
    }
}
