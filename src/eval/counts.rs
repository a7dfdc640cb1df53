//! How many leads an evaluation put where: the summary `qualify eval`
//! prints. Counted a slice of records at a time and added up in input
//! order, so the invalid records listed are always the first ones.

use super::{Outcome, StageOutcome};
use crate::ir::Policy;
use crate::records::Record;

/// Invalid records listed by line in the summary.
const SHOWN_INVALID: usize = 5;

#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub records: u64,
    /// Leads whose stage is each stage.
    pub per_stage: Vec<u64>,
    pub none: u64,
    pub disqualified: u64,
    pub invalid: u64,
    /// "line 7 (LD-1): employees: \"many\" is not a number", for the
    /// first few invalid records.
    pub first_invalid: Vec<String>,
}

impl Counts {
    pub fn new(policy: &Policy) -> Counts {
        Counts {
            per_stage: vec![0; policy.stages.len()],
            ..Counts::default()
        }
    }

    /// Counts one record (`outcome` is `None` for an invalid one).
    pub fn add(&mut self, record: &Record, outcome: Option<&Outcome>) {
        self.records += 1;
        match outcome.map(|outcome| outcome.stage) {
            Some(StageOutcome::Stage(id)) => {
                if let Some(count) = self.per_stage.get_mut(id.0) {
                    *count += 1;
                }
            }
            Some(StageOutcome::None) => self.none += 1,
            Some(StageOutcome::Disqualified) => self.disqualified += 1,
            None => {
                self.invalid += 1;
                if self.first_invalid.len() < SHOWN_INVALID {
                    let first = (record.problems().first())
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    self.first_invalid.push(format!(
                        "line {} ({}): {first}",
                        record.line(),
                        record.key()
                    ));
                }
            }
        }
    }

    /// Adds the counts of the records that come after these.
    pub fn merge(&mut self, later: Counts) {
        self.records += later.records;
        for (count, more) in self.per_stage.iter_mut().zip(later.per_stage) {
            *count += more;
        }
        self.none += later.none;
        self.disqualified += later.disqualified;
        self.invalid += later.invalid;
        let room = SHOWN_INVALID.saturating_sub(self.first_invalid.len());
        self.first_invalid
            .extend(later.first_invalid.into_iter().take(room));
    }
}
