//! Which rules the examples exercise. A score rule, an undesirable or an
//! SLA is covered when some example makes it apply and some makes it not
//! apply; a criterion when some example sees it true and some sees it false.

use jiff::Timestamp;

use super::Program;
use super::examples;

/// A rule of the policy, by where it is (named in words by
/// `render::coverage`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// Rule `rule` of score `score`.
    Score {
        score: usize,
        rule: usize,
    },
    /// Criterion `criterion` of stage `stage`.
    Criterion {
        stage: usize,
        criterion: usize,
    },
    Undesirable(usize),
    Sla(usize),
}

/// One rule of the policy and what the examples showed of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub rule: Rule,
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
    let unseen = |rule| Item {
        rule,
        yes: false,
        no: false,
    };
    let score_rules = (policy.scores.iter().enumerate())
        .flat_map(|(score, s)| (0..s.rules.len()).map(move |rule| Rule::Score { score, rule }));
    let criteria = (policy.stages.iter().enumerate()).flat_map(|(stage, s)| {
        (0..s.criteria.len()).map(move |criterion| Rule::Criterion { stage, criterion })
    });
    let undesirables = (0..policy.undesirables.len()).map(Rule::Undesirable);
    let slas = (0..policy.slas.len()).map(Rule::Sla);
    // In the order the examples' explanations list them (see below).
    let mut items: Vec<Item> = (score_rules.chain(criteria).chain(undesirables).chain(slas))
        .map(unseen)
        .collect();
    let schema = crate::records::Schema::of(policy);
    for example in &policy.examples {
        let record = examples::record(&schema, example);
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
