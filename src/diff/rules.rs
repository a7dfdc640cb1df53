//! The rules: undesirables, scores and their rules, stages and their
//! criteria.

use crate::ir::{Criterion, Policy, ScoreRule, ScoreRuleKind};

use super::matching::{
    by_key, condition_change, match_by, rule_condition, same_condition, same_shape,
};
use super::{Aspect, Changes, Item, Kind, Pair, Side, Whole};

impl<'p> Pair<'p> {
    pub(super) fn undesirables(self, out: &mut Changes<'p>) {
        let (mut removed, kept, mut added) =
            by_key(&self.old.undesirables, &self.new.undesirables, |u| {
                &u.reason
            });
        // Same condition and effect under a new reason: a rename.
        removed.retain(|old| {
            let renamed = added.iter().position(|new| {
                same_condition(self, &old.condition, &new.condition)
                    && Self::stage_names(self.old, &old.blocks)
                        == Self::stage_names(self.new, &new.blocks)
            });
            match renamed {
                Some(index) => {
                    let new = added.remove(index);
                    out.push(
                        Item::Undesirable(&new.reason),
                        Kind::Renamed,
                        Some(Side::Text(Some(&old.reason))),
                        Some(Side::Text(Some(&new.reason))),
                    );
                    false
                }
                None => true,
            }
        });
        for undesirable in added {
            out.added(
                Item::Undesirable(&undesirable.reason),
                Whole::Undesirable(undesirable),
            );
        }
        for undesirable in removed {
            out.removed(
                Item::Undesirable(&undesirable.reason),
                Whole::Undesirable(undesirable),
            );
        }
        for (a, b) in kept {
            let item = || Item::Undesirable(&b.reason);
            condition_change(self, out, item(), &a.condition, &b.condition);
            let blocks = (
                Self::stage_names(self.old, &a.blocks),
                Self::stage_names(self.new, &b.blocks),
            );
            out.changed(item(), Aspect::Effect, blocks, Side::Stages);
        }
    }

    pub(super) fn scores(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.scores, &self.new.scores, |s| &s.name);
        for score in added {
            out.added(Item::Score(&score.name), Whole::Score(score));
        }
        for score in removed {
            out.removed(Item::Score(&score.name), Whole::Score(score));
        }
        for (a, b) in kept {
            let item = || Item::Score(&b.name);
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(item(), Aspect::Description, description, Side::Text);
            out.changed(item(), Aspect::Cap, (a.cap, b.cap), Side::Number);
            self.rules(&b.name, &a.rules, &b.rules, out);
        }
    }

    fn rules(
        self,
        score: &'p str,
        old: &'p [ScoreRule],
        new: &'p [ScoreRule],
        out: &mut Changes<'p>,
    ) {
        let same = |a: &ScoreRule, b: &ScoreRule, exact: bool| {
            let mut numbers = Vec::new();
            std::mem::discriminant(&a.kind) == std::mem::discriminant(&b.kind)
                && same_shape(self, rule_condition(a), rule_condition(b), &mut numbers)
                && (!exact || numbers.is_empty())
        };
        let (removed, kept, added) = match_by(old, new, |rule| rule.description.as_deref(), same);
        for rule in added {
            out.added(Item::Rule { score, rule }, Whole::Rule(rule));
        }
        for rule in removed {
            out.removed(Item::Rule { score, rule }, Whole::Rule(rule));
        }
        for (a, b) in kept {
            let item = || Item::Rule { score, rule: b };
            let points = (Some(a.points), Some(b.points));
            out.changed(item(), Aspect::Points, points, Side::Number);
            if let (
                ScoreRuleKind::Per { up_to: most_a, .. },
                ScoreRuleKind::Per { up_to: most_b, .. },
            ) = (&a.kind, &b.kind)
            {
                out.changed(item(), Aspect::UpTo, (*most_a, *most_b), Side::Number);
            }
            condition_change(self, out, item(), rule_condition(a), rule_condition(b));
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(item(), Aspect::Description, description, Side::Text);
        }
    }

    pub(super) fn stages(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.stages, &self.new.stages, |s| &s.name);
        for stage in added {
            out.added(Item::Stage(&stage.name), Whole::Stage(stage));
        }
        for stage in removed {
            out.removed(Item::Stage(&stage.name), Whole::Stage(stage));
        }
        // The order of the stages both versions have.
        let order = |policy: &'p Policy| -> Vec<&'p str> {
            policy
                .stages
                .iter()
                .filter(|stage| {
                    self.old.stages.iter().any(|s| s.name == stage.name)
                        && self.new.stages.iter().any(|s| s.name == stage.name)
                })
                .map(|stage| stage.name.as_str())
                .collect()
        };
        let orders = (order(self.old), order(self.new));
        out.changed(Item::Policy, Aspect::StageOrder, orders, Side::Stages);
        for (a, b) in kept {
            let item = || Item::Stage(&b.name);
            let long_names = (Some(a.long_name.as_str()), Some(b.long_name.as_str()));
            out.changed(item(), Aspect::LongName, long_names, Side::Text);
            let owners = (
                Self::party(self.old, a.owner),
                Self::party(self.new, b.owner),
            );
            out.changed(item(), Aspect::Owner, owners, Side::Someone);
            let afters = (
                Self::stage_names(self.old, &a.after),
                Self::stage_names(self.new, &b.after),
            );
            out.changed(item(), Aspect::After, afters, Side::Stages);
            self.criteria(&b.name, &a.criteria, &b.criteria, out);
        }
    }

    fn criteria(
        self,
        stage: &'p str,
        old: &'p [Criterion],
        new: &'p [Criterion],
        out: &mut Changes<'p>,
    ) {
        let same = |a: &Criterion, b: &Criterion, exact: bool| {
            let mut numbers = Vec::new();
            same_shape(self, &a.condition, &b.condition, &mut numbers)
                && (!exact || numbers.is_empty())
        };
        let (removed, kept, added) =
            match_by(old, new, |criterion| criterion.description.as_deref(), same);
        let item = |criterion: &'p Criterion, description: Option<&'p str>| Item::Criterion {
            stage,
            description,
            condition: &criterion.condition,
        };
        for criterion in added {
            let description = criterion.description.as_deref();
            out.added(item(criterion, description), Whole::Criterion(criterion));
        }
        for criterion in removed {
            let description = criterion.description.as_deref();
            out.removed(item(criterion, description), Whole::Criterion(criterion));
        }
        for (a, b) in kept {
            // Named by its description only if both versions give the same.
            let shared = b
                .description
                .as_deref()
                .filter(|_| a.description == b.description);
            condition_change(self, out, item(b, shared), &a.condition, &b.condition);
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(
                item(b, shared),
                Aspect::Description,
                description,
                Side::Text,
            );
        }
    }
}
