//! What depends on what in a checked policy: defines, scores, stages and
//! undesirables name each other. Everything here is walked with a stack of
//! its own rather than by recursion, so a chain of 100,000 defines (or
//! stages, or scores) cannot exhaust the program's stack, and each item is
//! opened once, so defines built twice on defines (`d2 = d1 and d1`, …)
//! cost no more than the policy's size.

use super::{DefineId, Expr, ExprKind, FieldId, Policy, ScoreId, ScoreRule, StageId};

/// A part of the policy that others can name or depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    Define(DefineId),
    Score(ScoreId),
    Stage(StageId),
    /// By its index in [`Policy::undesirables`].
    Undesirable(usize),
}

/// What a condition reads: see [`Policy::reads`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reads {
    pub fields: Vec<FieldId>,
    pub scores: Vec<ScoreId>,
}

impl Expr {
    /// The defines, scores and stages this expression names itself (not
    /// those named in turn by what it names).
    pub fn items_named(&self, out: &mut Vec<Item>) {
        match &self.kind {
            ExprKind::Define(id) => out.push(Item::Define(*id)),
            ExprKind::Score(id) => out.push(Item::Score(*id)),
            ExprKind::Stage(id) => out.push(Item::Stage(*id)),
            kind => kind.for_each_child(|child| child.items_named(out)),
        }
    }
}

impl Policy {
    /// The items `item` depends on directly. A stage depends on its
    /// prerequisites, its criteria and the undesirables that block it
    /// (scoped to it, or to every stage).
    pub fn depends_on(&self, item: Item, out: &mut Vec<Item>) {
        match item {
            Item::Define(id) => {
                if let Some(define) = self.defines.get(id.0) {
                    define.value.items_named(out);
                }
            }
            Item::Score(id) => {
                for rule in self.scores.get(id.0).map_or(&[][..], |s| &s.rules) {
                    rule.reads().items_named(out);
                }
            }
            Item::Undesirable(index) => {
                if let Some(undesirable) = self.undesirables.get(index) {
                    undesirable.condition.items_named(out);
                }
            }
            Item::Stage(id) => {
                let Some(stage) = self.stages.get(id.0) else {
                    return;
                };
                out.extend(stage.after.iter().map(|after| Item::Stage(*after)));
                for criterion in &stage.criteria {
                    criterion.condition.items_named(out);
                }
                let blockers = self
                    .undesirables
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.blocks.is_empty() || u.blocks.contains(&id));
                out.extend(blockers.map(|(index, _)| Item::Undesirable(index)));
            }
        }
    }

    /// Every item, each after the items it depends on. A checked policy
    /// has no circle of dependencies; should one appear, the walk still
    /// ends (the item that closes the circle is simply not waited for).
    pub fn in_dependency_order(&self) -> Vec<Item> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let items = self.items();
        let index = |item: Item| self.item_index(item);
        let mut marks = vec![Mark::New; items.len()];
        let mut order = Vec::with_capacity(items.len());
        // `(item, true)`: everything it depends on is in `order` already.
        let mut stack: Vec<(Item, bool)> = Vec::new();
        let mut depends = Vec::new();
        for root in items {
            stack.push((root, false));
            while let Some((item, finished)) = stack.pop() {
                let Some(at) = index(item) else { continue };
                if finished {
                    marks[at] = Mark::Done;
                    order.push(item);
                    continue;
                }
                if marks[at] != Mark::New {
                    continue;
                }
                marks[at] = Mark::Open;
                stack.push((item, true));
                depends.clear();
                self.depends_on(item, &mut depends);
                stack.extend(
                    (depends.iter().rev())
                        .filter(|dep| index(**dep).is_some_and(|at| marks[at] == Mark::New))
                        .map(|dep| (*dep, false)),
                );
            }
        }
        order
    }

    /// Every item, in declaration order kind by kind.
    fn items(&self) -> Vec<Item> {
        let defines = (0..self.defines.len()).map(|i| Item::Define(DefineId(i)));
        let scores = (0..self.scores.len()).map(|i| Item::Score(ScoreId(i)));
        let stages = (0..self.stages.len()).map(|i| Item::Stage(StageId(i)));
        let undesirables = (0..self.undesirables.len()).map(Item::Undesirable);
        (defines.chain(scores).chain(stages).chain(undesirables)).collect()
    }

    /// An item's place in [`Policy::items`]; `None` for one that does not exist.
    pub fn item_index(&self, item: Item) -> Option<usize> {
        let (index, len, before) = match item {
            Item::Define(id) => (id.0, self.defines.len(), 0),
            Item::Score(id) => (id.0, self.scores.len(), self.defines.len()),
            Item::Stage(id) => (
                id.0,
                self.stages.len(),
                self.defines.len() + self.scores.len(),
            ),
            Item::Undesirable(index) => (
                index,
                self.undesirables.len(),
                self.defines.len() + self.scores.len() + self.stages.len(),
            ),
        };
        (index < len).then_some(before + index)
    }

    /// The fields whose text `length` or `matches` reads as written (not
    /// lower-cased), directly or through defines, `lower` and `domain`.
    pub fn fields_read_as_written(&self) -> Vec<FieldId> {
        let mut fields = Vec::new();
        let mut stack: Vec<&Expr> = self.conditions().collect();
        while let Some(expr) = stack.pop() {
            let read = match &expr.kind {
                ExprKind::Call(super::Function::Length, args) => args.first(),
                ExprKind::Matches { value, .. } => Some(&**value),
                _ => None,
            };
            if let Some(field) = read.and_then(|text| self.text_field(text))
                && !fields.contains(&field)
            {
                fields.push(field);
            }
            expr.kind.for_each_child(|child| stack.push(child));
        }
        fields
    }

    /// The field a text expression is read from, through defines, `lower`
    /// and `domain` (at most once round every define, so even a circle of
    /// defines could not hold it up).
    fn text_field<'e>(&'e self, mut expr: &'e Expr) -> Option<FieldId> {
        for _ in 0..=self.defines.len() + crate::vocabulary::MAX_EXPRESSION_DEPTH {
            match &expr.kind {
                ExprKind::Field(id) => return Some(*id),
                ExprKind::Define(id) => expr = &self.defines.get(id.0)?.value,
                ExprKind::Call(_, args) => expr = args.first()?,
                _ => return None,
            }
        }
        None
    }

    /// Every condition and quantity of the policy: defines, undesirables,
    /// score rules, stage criteria and SLAs' `applies to`.
    pub fn conditions(&self) -> impl Iterator<Item = &Expr> {
        (self.defines.iter().map(|define| &define.value))
            .chain(self.undesirables.iter().map(|u| &u.condition))
            .chain(
                self.scores
                    .iter()
                    .flat_map(|s| s.rules.iter().map(ScoreRule::reads)),
            )
            .chain(
                self.stages
                    .iter()
                    .flat_map(|s| s.criteria.iter().map(|c| &c.condition)),
            )
            .chain(self.slas.iter().filter_map(|sla| sla.applies_to.as_ref()))
    }

    /// The fields and scores a condition reads, each once, in the order
    /// they are written, looking through the defines it names (each opened
    /// once) and, with `into_scores`, through the rules of the scores it
    /// reads.
    pub fn reads(&self, expr: &Expr, into_scores: bool) -> Reads {
        let mut reads = Reads::default();
        let mut opened = vec![false; self.defines.len()];
        let mut stack = vec![expr];
        let mut children = Vec::new();
        while let Some(expr) = stack.pop() {
            match &expr.kind {
                ExprKind::Field(id) if !reads.fields.contains(id) => reads.fields.push(*id),
                ExprKind::Score(id) if !reads.scores.contains(id) => {
                    reads.scores.push(*id);
                    if into_scores && let Some(score) = self.scores.get(id.0) {
                        stack.extend(score.rules.iter().rev().map(ScoreRule::reads));
                    }
                }
                ExprKind::Define(id) => {
                    if let (Some(define), Some(opened)) =
                        (self.defines.get(id.0), opened.get_mut(id.0))
                        && !*opened
                    {
                        *opened = true;
                        stack.push(&define.value);
                    }
                }
                kind => {
                    // Pushed last first, so they come off in written order.
                    children.clear();
                    kind.for_each_child(|child| children.push(child));
                    stack.extend(children.drain(..).rev());
                }
            }
        }
        reads
    }
}
