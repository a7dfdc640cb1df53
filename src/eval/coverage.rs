//! Which rules the examples exercise. A score rule, an undesirable or an
//! SLA is covered when some example makes it apply and some makes it not
//! apply; a criterion when some example sees it true and some sees it false.

use jiff::Timestamp;

use super::Program;
use super::examples;

/// One rule of the policy and what the examples showed of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// "score engagement: Visited the pricing page"
    pub name: String,
    /// Seen applying / holding.
    pub yes: bool,
    /// Seen not applying / not holding.
    pub no: bool,
}

impl Item {
    pub fn covered(&self) -> bool {
        self.yes && self.no
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub items: Vec<Item>,
}

impl Coverage {
    /// The share of items covered, in percent (100 when there is nothing to cover).
    pub fn percent(&self) -> f64 {
        if self.items.is_empty() {
            return 100.0;
        }
        let covered = self.items.iter().filter(|item| item.covered()).count();
        covered as f64 * 100.0 / self.items.len() as f64
    }
}

/// Runs every example and records what each rule did.
pub fn measure(program: &Program, default_now: Timestamp) -> Coverage {
    let policy = &program.policy;
    let mut items: Vec<Item> = Vec::new();
    let describe =
        |description: &Option<String>, written: String| description.clone().unwrap_or(written);
    for score in &policy.scores {
        for rule in &score.rules {
            let written = match &rule.kind {
                crate::ir::ScoreRuleKind::If(condition) => {
                    crate::render::condition(policy, condition)
                }
                crate::ir::ScoreRuleKind::Per { quantity, .. } => {
                    format!("per {}", crate::render::condition(policy, quantity))
                }
            };
            items.push(Item {
                name: format!(
                    "score {}: {}",
                    score.name,
                    describe(&rule.description, written)
                ),
                yes: false,
                no: false,
            });
        }
    }
    for stage in &policy.stages {
        for criterion in &stage.criteria {
            let written = crate::render::condition(policy, &criterion.condition);
            items.push(Item {
                name: format!(
                    "stage {}: {}",
                    stage.name,
                    describe(&criterion.description, written)
                ),
                yes: false,
                no: false,
            });
        }
    }
    for undesirable in &policy.undesirables {
        items.push(Item {
            name: format!("undesirable \"{}\"", undesirable.reason),
            yes: false,
            no: false,
        });
    }
    for sla in &policy.slas {
        items.push(Item {
            name: format!("SLA \"{}\"", sla.name),
            yes: false,
            no: false,
        });
    }
    for example in &policy.examples {
        let record = examples::record(program, example);
        if !record.is_valid() {
            continue;
        }
        let explained = program.explain(&record, examples::instant(example, default_now));
        let rules = explained
            .scores
            .iter()
            .flat_map(|score| score.rules.iter().map(|(points, _)| *points != 0.0));
        let criteria = explained
            .stages
            .iter()
            .flat_map(|stage| stage.criteria.iter().copied());
        let undesirables = (0..policy.undesirables.len())
            .map(|index| explained.outcome.undesirable.contains(&index));
        let slas = explained
            .outcome
            .slas
            .iter()
            .map(|sla| sla.status != super::SlaStatus::NotApplicable);
        for (item, seen) in items
            .iter_mut()
            .zip(rules.chain(criteria).chain(undesirables).chain(slas))
        {
            if seen {
                item.yes = true;
            } else {
                item.no = true;
            }
        }
    }
    Coverage { items }
}
