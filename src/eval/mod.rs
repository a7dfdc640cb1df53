//! Evaluation: a checked policy, a typed record and the instant `now`
//! give an outcome — the stage, every stage reached, the undesirables that
//! matched, the scores, and what the next stage still needs. Meaning as in
//! docs/language.md ("Meaning"); no I/O here.

pub mod calendar;
mod compile;
pub mod compliance;
pub mod counts;
pub mod coverage;
pub mod examples;
pub mod stream;

use std::cell::Cell as Memo;

use jiff::Timestamp;

use crate::ir::{CompareOp, Item, Policy, ScoreRuleKind, StageId};
use crate::number;
use crate::records::{Cell, Entries, Record};
pub use crate::vocabulary::SlaStatus;
use compile::{Compiler, DefineCode, NumOf, Remembered, Tables, Test};

/// A policy compiled for evaluation; shared by all threads.
pub struct Program {
    pub policy: Policy,
    tables: Tables,
    /// Each define's code, by define; `None` for texts and lists, which
    /// their users read in place.
    defines: Vec<Option<DefineCode>>,
    /// What is worked out before anything else, in dependency order
    /// (built on many levels of others: see `compile::deep_items`).
    deep_items: Vec<Item>,
    undesirables: Vec<CompiledUndesirable>,
    scores: Vec<CompiledScore>,
    stages: Vec<CompiledStage>,
    slas: Vec<CompiledSla>,
}

struct CompiledUndesirable {
    /// Empty: every stage.
    blocks: Vec<usize>,
    condition: Test,
}

struct CompiledScore {
    cap: Option<f64>,
    rules: Vec<CompiledRule>,
}

enum CompiledRule {
    If {
        points: f64,
        condition: Test,
    },
    Per {
        points: f64,
        quantity: NumOf,
        up_to: Option<f64>,
    },
}

struct CompiledSla {
    applies: Option<Test>,
    from: usize,
    to: usize,
    /// Seconds, of open time when `business`.
    limit: f64,
    business: bool,
    business_days: Option<f64>,
    calendar: Option<usize>,
}

struct CompiledStage {
    after: Vec<usize>,
    criteria: Vec<Test>,
    /// The undesirables that block this stage (scoped to it).
    blockers: Vec<usize>,
}

impl Program {
    pub fn compile(policy: Policy) -> Program {
        let mut compiler = Compiler {
            policy: &policy,
            tables: Tables::default(),
        };
        let defines = (policy.defines.iter())
            .map(|define| compiler.define(define))
            .collect();
        let deep_items = compile::deep_items(&policy);
        let undesirables = policy
            .undesirables
            .iter()
            .map(|undesirable| CompiledUndesirable {
                blocks: undesirable.blocks.iter().map(|stage| stage.0).collect(),
                condition: compiler.test(&undesirable.condition),
            })
            .collect();
        let scores = policy
            .scores
            .iter()
            .map(|score| CompiledScore {
                cap: score.cap,
                rules: score
                    .rules
                    .iter()
                    .map(|rule| match &rule.kind {
                        ScoreRuleKind::If(condition) => CompiledRule::If {
                            points: rule.points,
                            condition: compiler.test(condition),
                        },
                        ScoreRuleKind::Per { quantity, up_to } => CompiledRule::Per {
                            points: rule.points,
                            quantity: compiler.number(quantity),
                            up_to: *up_to,
                        },
                    })
                    .collect(),
            })
            .collect();
        let stages = policy
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| CompiledStage {
                blockers: (policy.undesirables.iter().enumerate())
                    .filter(|(_, undesirable)| undesirable.blocks.contains(&StageId(index)))
                    .map(|(u, _)| u)
                    .collect(),
                after: stage.after.iter().map(|id| id.0).collect(),
                criteria: stage
                    .criteria
                    .iter()
                    .map(|criterion| compiler.test(&criterion.condition))
                    .collect(),
            })
            .collect();
        let slas = policy
            .slas
            .iter()
            .map(|sla| CompiledSla {
                applies: sla
                    .applies_to
                    .as_ref()
                    .map(|condition| compiler.test(condition)),
                from: sla.from.0,
                to: sla.to.0,
                limit: sla.within.seconds,
                business: sla.within.business,
                business_days: sla.within.business_days,
                calendar: sla.calendar.map(|id| id.0),
            })
            .collect();
        let tables = compiler.tables;
        Program {
            policy,
            tables,
            defines,
            deep_items,
            undesirables,
            scores,
            stages,
            slas,
        }
    }

    /// Evaluates one valid record.
    pub fn evaluate(&self, record: &Record, now: Timestamp, scratch: &mut Scratch) -> Outcome {
        let mut outcome = Outcome::default();
        self.evaluate_into(record, now, scratch, &mut outcome, true);
        outcome
    }

    /// Evaluates one valid record into `out`, reusing its memory: the form
    /// the hot path uses, so a record costs no allocation once warmed up.
    /// The next stage and the SLAs are worked out only with `details`
    /// (left empty otherwise), for results that do not show them.
    pub fn evaluate_into(
        &self,
        record: &Record,
        now: Timestamp,
        scratch: &mut Scratch,
        out: &mut Outcome,
        details: bool,
    ) {
        scratch.reset(self);
        let mut next = (out.next.take())
            .or_else(|| scratch.spare_next.take())
            .unwrap_or_default();
        let ctx = scratch.ctx(self, record, now);
        for item in &self.deep_items {
            match *item {
                Item::Define(id) => _ = ctx.define(id.0),
                Item::Score(id) => _ = ctx.score(id.0),
                Item::Stage(id) => _ = ctx.reached(id.0),
                Item::Undesirable(index) => _ = ctx.undesirable(index),
            }
        }
        // Every undesirable is looked at (all matching reasons are listed);
        // each is worked out once, whatever asks first.
        out.undesirable.clear();
        out.undesirable
            .extend((0..self.undesirables.len()).filter(|index| ctx.undesirable(*index)));
        out.scores.clear();
        out.scores
            .extend((0..self.scores.len()).map(|score| ctx.score(score)));
        out.reached.clear();
        out.reached.extend(
            (0..self.stages.len())
                .filter(|stage| ctx.reached(*stage))
                .map(StageId),
        );
        let disqualified = ctx.disqualified();
        out.stage = if disqualified {
            StageOutcome::Disqualified
        } else {
            out.reached
                .last()
                .map_or(StageOutcome::None, |stage| StageOutcome::Stage(*stage))
        };
        let has_next = details && !disqualified && self.next_stage(&ctx, &out.reached, &mut next);
        out.slas.clear();
        if details {
            out.slas
                .extend(self.slas.iter().map(|sla| self.sla(sla, &ctx)));
        }
        if has_next {
            out.next = Some(next);
        } else {
            scratch.spare_next = Some(next);
        }
    }

    /// One SLA's status for this lead (meaning in docs/language.md, "SLAs").
    fn sla(&self, sla: &CompiledSla, ctx: &Ctx<'_>) -> SlaResult {
        let time = |slot: usize| {
            if let Cell::Time(time) = ctx.cell(slot) {
                Some(time)
            } else {
                None
            }
        };
        let calendar = sla
            .calendar
            .and_then(|index| self.policy.calendars.get(index));
        let Some(start) =
            time(sla.from).filter(|_| sla.applies.as_ref().is_none_or(|applies| applies(ctx)))
        else {
            return SlaResult {
                status: SlaStatus::NotApplicable,
                elapsed: None,
                due: None,
            };
        };
        let limit = calendar::exact(sla.limit);
        let office = calendar.filter(|_| sla.business);
        let due = match (office, sla.business_days) {
            // Checking refuses a fraction of a business day.
            (Some(calendar), Some(days)) => {
                calendar::business_days_due(calendar, start, days as u32)
            }
            (Some(calendar), None) => {
                limit.and_then(|limit| calendar::business_due(calendar, start, limit))
            }
            (None, _) => limit.and_then(|limit| start.checked_add(limit).ok()),
        };
        // The due is the last instant a reply is in time, so the status
        // read off it agrees with the elapsed time against the limit
        // (docs/language.md, "SLAs").
        let late = |end: Timestamp| due.is_some_and(|due| end > due);
        let (end, status) = match time(sla.to) {
            Some(end) if late(end) => (end, SlaStatus::Breached),
            Some(end) => (end, SlaStatus::Met),
            None if late(ctx.now) => (ctx.now, SlaStatus::Breached),
            None => (ctx.now, SlaStatus::Pending),
        };
        let elapsed = match office {
            Some(calendar) => calendar::business_time(calendar, start, end),
            None => end.duration_since(start).max(jiff::SignedDuration::ZERO),
        };
        SlaResult {
            status,
            elapsed: Some(elapsed),
            due,
        }
    }

    /// The next stage not reached, and the criteria it fails: among the
    /// stages after the current one, the first that follows (`after`) a
    /// stage reached; for a lead with no stage, the first stage that has
    /// no prerequisite. Written into `next`; false when there is none.
    fn next_stage(&self, ctx: &Ctx<'_>, reached: &[StageId], next: &mut NextStage) -> bool {
        let is_reached = |stage: usize| reached.iter().any(|id| id.0 == stage);
        let current = reached.last().map(|id| id.0);
        let candidate = self.stages.iter().enumerate().find(|(index, stage)| {
            !is_reached(*index)
                && match current {
                    Some(current) => {
                        *index > current && stage.after.iter().any(|after| is_reached(*after))
                    }
                    None => stage.after.is_empty(),
                }
        });
        let Some((index, stage)) = candidate else {
            return false;
        };
        next.stage = StageId(index);
        next.failed.clear();
        next.failed.extend(
            stage
                .criteria
                .iter()
                .enumerate()
                .filter(|(_, criterion)| !criterion(ctx))
                .map(|(criterion, _)| criterion),
        );
        next.blocked_by.clear();
        let blockers = self.undesirables.iter().enumerate();
        next.blocked_by.extend(
            blockers
                .filter(|(u, rule)| rule.blocks.contains(&index) && ctx.undesirable(*u))
                .map(|(u, _)| u),
        );
        true
    }
}

/// Where a lead ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StageOutcome {
    Stage(StageId),
    #[default]
    None,
    Disqualified,
}

/// The result of evaluating one valid record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    pub stage: StageOutcome,
    /// Every stage reached, in declaration order.
    pub reached: Vec<StageId>,
    /// The undesirables that matched (index into the policy's), scoped or not.
    pub undesirable: Vec<usize>,
    /// Each score's value, in declaration order.
    pub scores: Vec<f64>,
    pub next: Option<NextStage>,
    /// Each SLA's status, in declaration order.
    pub slas: Vec<SlaResult>,
}

impl Outcome {
    /// The reasons of the undesirables that matched.
    pub fn reasons<'p>(&self, policy: &'p Policy) -> Vec<&'p str> {
        let matched = self
            .undesirable
            .iter()
            .filter_map(|index| policy.undesirables.get(*index));
        matched
            .map(|undesirable| undesirable.reason.as_str())
            .collect()
    }
}

/// Where a lead stands on one SLA.
#[derive(Debug, Clone, PartialEq)]
pub struct SlaResult {
    pub status: SlaStatus,
    /// Time taken (open time for business limits): to the end time, or so
    /// far when it is missing.
    pub elapsed: Option<jiff::SignedDuration>,
    /// When the limit falls (or fell) due.
    pub due: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NextStage {
    pub stage: StageId,
    /// Indexes of the criteria that do not hold.
    pub failed: Vec<usize>,
    /// The scoped undesirables that block the stage (indexes).
    pub blocked_by: Vec<usize>,
}

/// Per-thread memory reused from record to record.
#[derive(Default)]
pub struct Scratch {
    defines: Vec<Memo<Option<Remembered>>>,
    scores: Vec<Memo<Option<f64>>>,
    stages: Vec<Memo<Option<bool>>>,
    undesirables: Vec<Memo<Option<bool>>>,
    /// Asked by every stage: worked out once.
    disqualified: Memo<Option<bool>>,
    /// A next stage's memory kept while a lead has none.
    spare_next: Option<NextStage>,
}

/// `len` memos, all empty, reusing `memos` in place.
fn forget<T>(memos: &mut Vec<Memo<Option<T>>>, len: usize) {
    memos.truncate(len);
    memos.iter().for_each(|memo| memo.set(None));
    memos.resize_with(len, || Memo::new(None));
}

impl Scratch {
    fn reset(&mut self, program: &Program) {
        forget(&mut self.defines, program.defines.len());
        forget(&mut self.scores, program.scores.len());
        forget(&mut self.stages, program.stages.len());
        forget(&mut self.undesirables, program.undesirables.len());
        self.disqualified.set(None);
    }

    fn ctx<'r>(&'r self, program: &'r Program, record: &'r Record, now: Timestamp) -> Ctx<'r> {
        Ctx {
            record,
            program,
            now,
            defines: &self.defines,
            scores: &self.scores,
            stages: &self.stages,
            undesirables: &self.undesirables,
            disqualified: &self.disqualified,
        }
    }
}

/// What a compiled condition sees: the record, `now`, and the defines,
/// scores and stages worked out so far (each at most once per record).
pub(crate) struct Ctx<'r> {
    record: &'r Record,
    program: &'r Program,
    now: Timestamp,
    defines: &'r [Memo<Option<Remembered>>],
    scores: &'r [Memo<Option<f64>>],
    stages: &'r [Memo<Option<bool>>],
    undesirables: &'r [Memo<Option<bool>>],
    disqualified: &'r Memo<Option<bool>>,
}

impl<'r> Ctx<'r> {
    #[inline]
    fn cell(&self, slot: usize) -> Cell<'r> {
        self.record.cell(slot)
    }

    fn tables(&self) -> &'r Tables {
        &self.program.tables
    }

    /// The entries of a `list of text` field.
    fn list_entries(&self, slot: usize) -> impl Iterator<Item = &'r str> {
        let entries = match self.cell(slot) {
            Cell::List(entries) => Some(entries),
            _ => None,
        };
        entries.into_iter().flat_map(Entries::iter)
    }

    /// Define `index`'s value for this lead.
    fn define(&self, index: usize) -> Remembered {
        if let Some(value) = self.defines.get(index).and_then(Memo::get) {
            return value;
        }
        let value = match self.program.defines.get(index) {
            Some(Some(code)) => code(self),
            // Texts and lists are never asked for here.
            _ => Remembered::Bool(false),
        };
        if let Some(memo) = self.defines.get(index) {
            memo.set(Some(value));
        }
        value
    }

    /// Whether undesirable `index` matches this lead.
    fn undesirable(&self, index: usize) -> bool {
        if let Some(value) = self.undesirables.get(index).and_then(Memo::get) {
            return value;
        }
        let value = self
            .program
            .undesirables
            .get(index)
            .is_some_and(|rule| (rule.condition)(self));
        if let Some(memo) = self.undesirables.get(index) {
            memo.set(Some(value));
        }
        value
    }

    /// An undesirable for every stage matches: the lead is disqualified.
    fn disqualified(&self) -> bool {
        if let Some(value) = self.disqualified.get() {
            return value;
        }
        let unscoped = self
            .program
            .undesirables
            .iter()
            .enumerate()
            .filter(|(_, rule)| rule.blocks.is_empty());
        let value = unscoped
            .map(|(index, _)| index)
            .any(|index| self.undesirable(index));
        self.disqualified.set(Some(value));
        value
    }

    /// An undesirable that `blocks` this stage matches.
    fn blocked(&self, stage: usize) -> bool {
        self.program
            .stages
            .get(stage)
            .is_some_and(|stage| stage.blockers.iter().any(|index| self.undesirable(*index)))
    }

    fn score(&self, index: usize) -> f64 {
        if let Some(value) = self.scores.get(index).and_then(Memo::get) {
            return value;
        }
        let Some(score) = self.program.scores.get(index) else {
            return 0.0;
        };
        let mut total = 0.0;
        for rule in &score.rules {
            total += match rule {
                CompiledRule::If { points, condition } => {
                    if condition(self) {
                        *points
                    } else {
                        0.0
                    }
                }
                CompiledRule::Per {
                    points,
                    quantity,
                    up_to,
                } => {
                    let Some(units) = quantity.get(self) else {
                        continue;
                    };
                    per_rule(*points, units, *up_to).0
                }
            };
        }
        let value = score.cap.map_or(total, |cap| total.min(cap));
        if let Some(memo) = self.scores.get(index) {
            memo.set(Some(value));
        }
        value
    }

    /// Whether the lead reached a stage: not disqualified or blocked, a
    /// prerequisite reached (when there are any), every criterion met.
    fn reached(&self, index: usize) -> bool {
        if let Some(value) = self.stages.get(index).and_then(Memo::get) {
            return value;
        }
        let Some(stage) = self.program.stages.get(index) else {
            return false;
        };
        let value = !self.disqualified()
            && !self.blocked(index)
            && (stage.after.is_empty() || stage.after.iter().any(|after| self.reached(*after)))
            && stage.criteria.iter().all(|criterion| criterion(self));
        if let Some(memo) = self.stages.get(index) {
            memo.set(Some(value));
        }
        value
    }
}

/// The points of `points per unit`, limited to `up_to` in total (in the
/// rule's direction), and whether the limit was reached.
fn per_rule(points: f64, units: f64, up_to: Option<f64>) -> (f64, bool) {
    let earned = points * units;
    match up_to {
        Some(most) if points >= 0.0 && number::holds(CompareOp::Gt, earned, most) => (most, true),
        Some(most) if points < 0.0 && number::holds(CompareOp::Lt, earned, -most) => (-most, true),
        _ => (earned, false),
    }
}

/// Everything behind one lead's outcome, for `qualify explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub outcome: Outcome,
    /// Per stage: whether its prerequisites were met, whether a scoped
    /// undesirable blocked it, and each criterion's result.
    pub stages: Vec<StageExplanation>,
    /// Per score: each rule's points, then whether the cap cut the total.
    pub scores: Vec<ScoreExplanation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageExplanation {
    pub prerequisites_met: bool,
    pub blocked: bool,
    pub criteria: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreExplanation {
    /// Points each rule gave, and whether its `up to` limit was reached.
    pub rules: Vec<(f64, bool)>,
    /// The sum before the cap, when the cap lowered it.
    pub capped_from: Option<f64>,
}

impl Program {
    /// Evaluates one valid record and keeps every intermediate result.
    pub fn explain(&self, record: &Record, now: Timestamp) -> Explanation {
        let mut scratch = Scratch::default();
        let outcome = self.evaluate(record, now, &mut scratch);
        let ctx = scratch.ctx(self, record, now);
        let stages = self
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| StageExplanation {
                prerequisites_met: stage.after.is_empty()
                    || stage.after.iter().any(|after| ctx.reached(*after)),
                blocked: ctx.blocked(index),
                criteria: stage
                    .criteria
                    .iter()
                    .map(|criterion| criterion(&ctx))
                    .collect(),
            })
            .collect();
        let scores = self
            .scores
            .iter()
            .map(|score| {
                let rules: Vec<(f64, bool)> = score
                    .rules
                    .iter()
                    .map(|rule| match rule {
                        CompiledRule::If { points, condition } => {
                            (if condition(&ctx) { *points } else { 0.0 }, false)
                        }
                        CompiledRule::Per {
                            points,
                            quantity,
                            up_to,
                        } => quantity
                            .get(&ctx)
                            .map_or((0.0, false), |units| per_rule(*points, units, *up_to)),
                    })
                    .collect();
                let total: f64 = rules.iter().map(|(points, _)| points).sum();
                ScoreExplanation {
                    capped_from: (score.cap)
                        .filter(|cap| number::holds(CompareOp::Gt, total, *cap))
                        .map(|_| total),
                    rules,
                }
            })
            .collect();
        Explanation {
            outcome,
            stages,
            scores,
        }
    }
}
