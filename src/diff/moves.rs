//! How leads move between the two versions' stages (`qualify diff
//! --leads`): each lead evaluated under both, counted by stage name.

use std::collections::BTreeMap;

use crate::eval::StageOutcome;
use crate::ir::Policy;

use super::Pair;

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
                stage: match outcome.stage {
                    StageOutcome::Stage(id) => Pair::stage_name(policy, id),
                    StageOutcome::None => "none",
                    StageOutcome::Disqualified => "disqualified",
                }
                .to_string(),
                reached: outcome
                    .reached
                    .iter()
                    .map(|id| Pair::stage_name(policy, *id).to_string())
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
