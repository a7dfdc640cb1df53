//! Evaluation: a checked policy, a typed record and the instant `now`
//! give an outcome — the stage, every stage reached, the undesirables that
//! matched, the scores, and what the next stage still needs. Meaning as in
//! docs/language.md ("Meaning"); no I/O here.

mod compile;

use std::cell::Cell as Memo;

use jiff::Timestamp;

use crate::ir::{Policy, ScoreRuleKind, StageId};
use crate::records::{Cell, Record};
use compile::{Compiler, Num, Tables, Test};

/// A policy compiled for evaluation; shared by all threads.
pub struct Program {
    pub policy: Policy,
    tables: Tables,
    undesirables: Vec<CompiledUndesirable>,
    scores: Vec<CompiledScore>,
    stages: Vec<CompiledStage>,
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
        quantity: Num,
        up_to: Option<f64>,
    },
}

struct CompiledStage {
    after: Vec<usize>,
    criteria: Vec<Test>,
}

impl Program {
    pub fn compile(policy: Policy) -> Program {
        let mut compiler = Compiler {
            policy: &policy,
            tables: Tables::default(),
        };
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
            .map(|stage| CompiledStage {
                after: stage.after.iter().map(|id| id.0).collect(),
                criteria: stage
                    .criteria
                    .iter()
                    .map(|criterion| compiler.test(&criterion.condition))
                    .collect(),
            })
            .collect();
        let tables = compiler.tables;
        Program {
            policy,
            tables,
            undesirables,
            scores,
            stages,
        }
    }

    /// Evaluates one valid record.
    pub fn evaluate(&self, record: &Record, now: Timestamp, scratch: &mut Scratch) -> Outcome {
        scratch.reset(self);
        let ctx = Ctx {
            record,
            program: self,
            now,
            scores: &scratch.scores,
            stages: &scratch.stages,
            disqualified: Memo::new(false),
            blocked: &scratch.blocked,
        };
        let mut undesirable = Vec::new();
        for (index, rule) in self.undesirables.iter().enumerate() {
            if (rule.condition)(&ctx) {
                undesirable.push(index);
                if rule.blocks.is_empty() {
                    ctx.disqualified.set(true);
                }
                for stage in &rule.blocks {
                    if let Some(blocked) = scratch.blocked.get(*stage) {
                        blocked.set(true);
                    }
                }
            }
        }
        let scores: Vec<f64> = (0..self.scores.len())
            .map(|score| ctx.score(score))
            .collect();
        let reached: Vec<usize> = (0..self.stages.len())
            .filter(|stage| ctx.reached(*stage))
            .collect();
        let stage = if ctx.disqualified.get() {
            StageOutcome::Disqualified
        } else {
            reached.last().map_or(StageOutcome::None, |stage| {
                StageOutcome::Stage(StageId(*stage))
            })
        };
        let next = if ctx.disqualified.get() {
            None
        } else {
            self.next_stage(&ctx, &reached)
        };
        Outcome {
            stage,
            reached: reached.into_iter().map(StageId).collect(),
            undesirable,
            scores,
            next,
        }
    }

    /// The next stage not reached, and the criteria it fails: among the
    /// stages after the current one, the first that follows (`after`) a
    /// stage reached; for a lead with no stage, the first stage that has
    /// no prerequisite.
    fn next_stage(&self, ctx: &Ctx<'_>, reached: &[usize]) -> Option<NextStage> {
        let current = reached.last().copied();
        let candidate = self.stages.iter().enumerate().find(|(index, stage)| {
            !reached.contains(index)
                && match current {
                    Some(current) => {
                        *index > current && stage.after.iter().any(|after| reached.contains(after))
                    }
                    None => stage.after.is_empty(),
                }
        })?;
        let (index, stage) = candidate;
        let failed = stage
            .criteria
            .iter()
            .enumerate()
            .filter(|(_, criterion)| !criterion(ctx))
            .map(|(criterion, _)| criterion)
            .collect();
        Some(NextStage {
            stage: StageId(index),
            failed,
            blocked: ctx.blocked.get(index).is_some_and(Memo::get),
        })
    }
}

/// Where a lead ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageOutcome {
    Stage(StageId),
    None,
    Disqualified,
}

/// The result of evaluating one valid record.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub stage: StageOutcome,
    /// Every stage reached, in declaration order.
    pub reached: Vec<StageId>,
    /// The undesirables that matched (index into the policy's), scoped or not.
    pub undesirable: Vec<usize>,
    /// Each score's value, in declaration order.
    pub scores: Vec<f64>,
    pub next: Option<NextStage>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NextStage {
    pub stage: StageId,
    /// Indexes of the criteria that do not hold.
    pub failed: Vec<usize>,
    /// A scoped undesirable blocks the stage.
    pub blocked: bool,
}

/// Per-thread memory reused from record to record.
#[derive(Default)]
pub struct Scratch {
    scores: Vec<Memo<Option<f64>>>,
    stages: Vec<Memo<Option<bool>>>,
    blocked: Vec<Memo<bool>>,
}

impl Scratch {
    fn reset(&mut self, program: &Program) {
        self.scores.clear();
        self.scores
            .resize_with(program.scores.len(), || Memo::new(None));
        self.stages.clear();
        self.stages
            .resize_with(program.stages.len(), || Memo::new(None));
        self.blocked.clear();
        self.blocked
            .resize_with(program.stages.len(), || Memo::new(false));
    }
}

/// What a compiled condition sees: the record, `now`, and the scores and
/// stages worked out so far (each at most once per record).
pub(crate) struct Ctx<'r> {
    record: &'r Record,
    program: &'r Program,
    now: Timestamp,
    scores: &'r [Memo<Option<f64>>],
    stages: &'r [Memo<Option<bool>>],
    disqualified: Memo<bool>,
    blocked: &'r [Memo<bool>],
}

impl<'r> Ctx<'r> {
    fn cell(&self, slot: usize) -> Cell {
        self.record
            .cells
            .get(slot)
            .copied()
            .unwrap_or(Cell::Missing)
    }

    fn tables(&self) -> &'r Tables {
        &self.program.tables
    }

    /// The entries of a `list of text` field.
    fn list_entries(&self, slot: usize) -> impl Iterator<Item = &'r str> {
        let text = match self.cell(slot) {
            Cell::List(start, end) => self.record.text_of(start, end),
            _ => "",
        };
        text.split('\u{1f}').filter(|entry| !entry.is_empty())
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
                    let Some(units) = quantity(self) else {
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
        let value = !self.disqualified.get()
            && !self.blocked.get(index).is_some_and(Memo::get)
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
        Some(most) if points >= 0.0 && earned > most => (most, true),
        Some(most) if points < 0.0 && earned < -most => (-most, true),
        _ => (earned, false),
    }
}

/// A number as results print it: no `.0` when whole.
pub fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
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
        let ctx = Ctx {
            record,
            program: self,
            now,
            scores: &scratch.scores,
            stages: &scratch.stages,
            disqualified: Memo::new(matches!(outcome.stage, StageOutcome::Disqualified)),
            blocked: &scratch.blocked,
        };
        let stages = self
            .stages
            .iter()
            .enumerate()
            .map(|(index, stage)| StageExplanation {
                prerequisites_met: stage.after.is_empty()
                    || stage.after.iter().any(|after| ctx.reached(*after)),
                blocked: ctx.blocked.get(index).is_some_and(Memo::get),
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
                        } => quantity(&ctx)
                            .map_or((0.0, false), |units| per_rule(*points, units, *up_to)),
                    })
                    .collect();
                let total: f64 = rules.iter().map(|(points, _)| points).sum();
                ScoreExplanation {
                    capped_from: score.cap.filter(|cap| total > *cap).map(|_| total),
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
