//! The examples, and the sign-offs (which record approval, not meaning).

use std::collections::BTreeMap;

use crate::ir::{Example, Expectation, Policy, Signoff, StageOutcome, Value};
use crate::vocabulary::SlaStatus;

use super::matching::by_key;
use super::{Aspect, Changes, Item, Kind, Pair, Side, Whole};

/// An expectation with its stages, scores and SLAs by name, so that it
/// compares across versions.
#[derive(PartialEq)]
enum Expected<'p> {
    Ends(&'p str),
    NoStage,
    Disqualified,
    Invalid,
    Reaches(&'p str),
    DoesNotReach(&'p str),
    Score(&'p str, f64),
    DisqualifiedAs(&'p str),
    UndesirableAs(&'p str),
    Sla(&'p str, SlaStatus),
}

impl<'p> Pair<'p> {
    pub(super) fn examples(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.examples, &self.new.examples, |e| &e.name);
        for example in added {
            out.added(Item::Example(&example.name), Whole::Example(example));
        }
        for example in removed {
            out.removed(Item::Example(&example.name), Whole::Example(example));
        }
        for (a, b) in kept {
            let item = || Item::Example(&b.name);
            if Self::lead(self.old, a) != Self::lead(self.new, b) || a.as_of != b.as_of {
                out.push(item(), Kind::Changed(Aspect::Lead), None, None);
            }
            if Self::expected(self.old, a) != Self::expected(self.new, b) {
                out.push(
                    item(),
                    Kind::Changed(Aspect::Expectations),
                    Some(Side::Expectations(&a.expectations)),
                    Some(Side::Expectations(&b.expectations)),
                );
            }
        }
    }

    /// An example's lead by field name: examples name fields by position
    /// in the IR.
    fn lead(policy: &'p Policy, example: &'p Example) -> BTreeMap<&'p str, &'p Option<Value>> {
        example
            .lead
            .iter()
            .map(|(field, value)| (Self::field_name(policy, *field), value))
            .collect()
    }

    fn expected(policy: &'p Policy, example: &'p Example) -> Vec<Expected<'p>> {
        let named = |name: Option<&'p String>| name.map_or("?", String::as_str);
        let stage = |id| Self::stage_name(policy, id);
        example
            .expectations
            .iter()
            .map(|(expectation, _)| match expectation {
                Expectation::Stage(StageOutcome::Stage(id)) => Expected::Ends(stage(*id)),
                Expectation::Stage(StageOutcome::None) => Expected::NoStage,
                Expectation::Stage(StageOutcome::Disqualified) => Expected::Disqualified,
                Expectation::Stage(StageOutcome::Invalid) | Expectation::Invalid => {
                    Expected::Invalid
                }
                Expectation::Reached(id) => Expected::Reaches(stage(*id)),
                Expectation::NotReached(id) => Expected::DoesNotReach(stage(*id)),
                Expectation::Score(id, value) => Expected::Score(
                    named(policy.scores.get(id.0).map(|score| &score.name)),
                    *value,
                ),
                Expectation::Disqualified(reason) => Expected::DisqualifiedAs(reason),
                Expectation::Undesirable(reason) => Expected::UndesirableAs(reason),
                Expectation::Sla(index, status) => {
                    Expected::Sla(named(policy.slas.get(*index).map(|sla| &sla.name)), *status)
                }
            })
            .collect()
    }

    /// Sign-offs only one version has; one whose party, signer, date or
    /// digest changed counts as removed and added.
    pub(super) fn signoffs(self, out: &mut Changes<'p>) {
        // `a` from the old version, `b` from the new one.
        let same = |a: &Signoff, b: &Signoff| {
            Self::party(self.old, Some(a.party)) == Self::party(self.new, Some(b.party))
                && a.name == b.name
                && a.date == b.date
                && a.digest == b.digest
        };
        let item = |policy: &'p Policy, signoff: &Signoff| {
            Item::Signoff(Self::party(policy, Some(signoff.party)).unwrap_or("?"))
        };
        for signoff in &self.new.signoffs {
            if !self.old.signoffs.iter().any(|old| same(old, signoff)) {
                out.added(item(self.new, signoff), Whole::Signoff(signoff));
            }
        }
        for signoff in &self.old.signoffs {
            if !self.new.signoffs.iter().any(|new| same(signoff, new)) {
                out.removed(item(self.old, signoff), Whole::Signoff(signoff));
            }
        }
    }
}
