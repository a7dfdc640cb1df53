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

/// `--max-invalid`: how many invalid records an export may hold before
/// `qualify eval` fails (exit 1): a count (`25`) or a share (`2%`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InvalidLimit {
    Count(u64),
    Percent(f64),
}

impl std::str::FromStr for InvalidLimit {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let refused = || format!("`{text}` is not a number of records (25) or a share (2%)");
        match text.strip_suffix('%') {
            Some(share) => match share.trim().parse::<f64>() {
                Ok(share) if (0.0..=100.0).contains(&share) => Ok(InvalidLimit::Percent(share)),
                _ => Err(refused()),
            },
            None => text.parse().map(InvalidLimit::Count).map_err(|_| refused()),
        }
    }
}

impl Counts {
    /// Whether the invalid records are more than `limit` allows; with no
    /// limit, whether every record is invalid (an export read wrongly as
    /// a whole, not a few bad rows).
    pub fn too_many_invalid(&self, limit: Option<InvalidLimit>) -> bool {
        match limit {
            None => self.records > 0 && self.invalid == self.records,
            Some(InvalidLimit::Count(most)) => self.invalid > most,
            Some(InvalidLimit::Percent(share)) => {
                self.invalid as f64 > self.records as f64 * share / 100.0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(records: u64, invalid: u64) -> Counts {
        Counts {
            records,
            invalid,
            ..Counts::default()
        }
    }

    #[test]
    fn limits_read_as_counts_or_shares() {
        assert_eq!("25".parse(), Ok(InvalidLimit::Count(25)));
        assert_eq!(" 2.5% ".parse(), Ok(InvalidLimit::Percent(2.5)));
        assert!("-1".parse::<InvalidLimit>().is_err());
        assert!("150%".parse::<InvalidLimit>().is_err());
        assert!("a few".parse::<InvalidLimit>().is_err());
    }

    #[test]
    fn too_many_invalid_records() {
        // Without a limit only an export with every record invalid fails.
        assert!(counts(8000, 8000).too_many_invalid(None));
        assert!(!counts(8000, 7999).too_many_invalid(None));
        assert!(!counts(0, 0).too_many_invalid(None));
        // A count: more than it, not as many.
        assert!(!counts(100, 3).too_many_invalid(Some(InvalidLimit::Count(3))));
        assert!(counts(100, 4).too_many_invalid(Some(InvalidLimit::Count(3))));
        // A share: 2% of 150 is 3 records.
        let two_percent = Some(InvalidLimit::Percent(2.0));
        assert!(!counts(150, 3).too_many_invalid(two_percent));
        assert!(counts(150, 4).too_many_invalid(two_percent));
    }
}
