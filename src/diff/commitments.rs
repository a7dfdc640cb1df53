//! What the parties commit to: calendars, service levels and targets.

use crate::ir::{Duration, PartyId, Policy, Sla, TargetKind};
use crate::vocabulary::Period;

use super::matching::{by_key, same_condition};
use super::{Aspect, Changes, Item, Kind, Pair, Side, Whole};

/// A target's commitment with its stages and field by name, so that it
/// compares across versions.
#[derive(PartialEq)]
enum Commitment<'p> {
    Volume(f64, &'p str, Period, &'p str),
    Conversion(f64, &'p str, &'p str, Option<Duration>),
}

impl<'p> Pair<'p> {
    pub(super) fn calendars(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.calendars, &self.new.calendars, |c| &c.name);
        for calendar in added {
            out.added(Item::Calendar(&calendar.name), Whole::Calendar(calendar));
        }
        for calendar in removed {
            out.removed(Item::Calendar(&calendar.name), Whole::Calendar(calendar));
        }
        for (a, b) in kept {
            let item = || Item::Calendar(&b.name);
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(item(), Aspect::Description, description, Side::Text);
            let zones = (
                Some(a.timezone_name.as_str()),
                Some(b.timezone_name.as_str()),
            );
            out.changed(item(), Aspect::TimeZone, zones, Side::Text);
            if a.week != b.week {
                out.push(
                    item(),
                    Kind::Changed(Aspect::Hours),
                    Some(Side::Hours(a)),
                    Some(Side::Hours(b)),
                );
            }
            let holiday = |date| Item::Holiday {
                calendar: &b.name,
                date,
            };
            for h in b.holidays.iter().filter(|h| !a.holidays.contains(h)) {
                out.added(holiday(h.date), Whole::Holiday(h));
            }
            for h in a.holidays.iter().filter(|h| !b.holidays.contains(h)) {
                out.removed(holiday(h.date), Whole::Holiday(h));
            }
        }
    }

    pub(super) fn slas(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.slas, &self.new.slas, |s| &s.name);
        for sla in added {
            out.added(Item::Sla(&sla.name), Whole::Sla(sla));
        }
        for sla in removed {
            out.removed(Item::Sla(&sla.name), Whole::Sla(sla));
        }
        for (a, b) in kept {
            let item = || Item::Sla(&b.name);
            let descriptions = [&a.description, &b.description];
            self.description_and_owner(out, item(), descriptions, [a.owner, b.owner]);
            if !self.same_scope(a, b) {
                out.push(
                    item(),
                    Kind::Changed(Aspect::Scope),
                    Some(Side::Scope(a)),
                    Some(Side::Scope(b)),
                );
            }
            out.changed(
                item(),
                Aspect::Within,
                (&a.within, &b.within),
                Side::Duration,
            );
            let calendar = |policy: &'p Policy, sla: &Sla| {
                sla.calendar
                    .and_then(|id| policy.calendars.get(id.0))
                    .map(|calendar| calendar.name.as_str())
            };
            let calendars = (calendar(self.old, a), calendar(self.new, b));
            out.changed(item(), Aspect::Calendar, calendars, Side::Text);
            out.changed(item(), Aspect::Goal, (a.goal, b.goal), Side::Number);
        }
    }

    /// What every commitment (an SLA, a target) says besides its terms: its
    /// description and the party that owns it, old and new.
    fn description_and_owner(
        self,
        out: &mut Changes<'p>,
        item: Item<'p>,
        [old, new]: [&'p Option<String>; 2],
        [old_owner, new_owner]: [Option<PartyId>; 2],
    ) {
        let descriptions = (old.as_deref(), new.as_deref());
        out.changed(item.clone(), Aspect::Description, descriptions, Side::Text);
        let owners = (
            Self::party(self.old, old_owner),
            Self::party(self.new, new_owner),
        );
        out.changed(item, Aspect::Owner, owners, Side::Someone);
    }

    /// Whether two SLAs measure the same leads between the same fields.
    fn same_scope(self, a: &Sla, b: &Sla) -> bool {
        let fields = |policy: &'p Policy, sla: &Sla| {
            (
                Self::field_name(policy, sla.from),
                Self::field_name(policy, sla.to),
            )
        };
        let leads = match (&a.applies_to, &b.applies_to) {
            (Some(a), Some(b)) => same_condition(self, a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        leads && fields(self.old, a) == fields(self.new, b)
    }

    pub(super) fn targets(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.targets, &self.new.targets, |t| &t.name);
        for target in added {
            out.added(Item::Target(&target.name), Whole::Target(target));
        }
        for target in removed {
            out.removed(Item::Target(&target.name), Whole::Target(target));
        }
        for (a, b) in kept {
            let item = || Item::Target(&b.name);
            let descriptions = [&a.description, &b.description];
            self.description_and_owner(out, item(), descriptions, [a.owner, b.owner]);
            if Self::commitment(self.old, &a.kind) != Self::commitment(self.new, &b.kind) {
                out.push(
                    item(),
                    Kind::Changed(Aspect::Commitment),
                    Some(Side::Commitment(&a.kind)),
                    Some(Side::Commitment(&b.kind)),
                );
            }
        }
    }

    fn commitment(policy: &'p Policy, kind: &TargetKind) -> Commitment<'p> {
        let stage = |id| Self::stage_name(policy, id);
        match *kind {
            TargetKind::Volume {
                count,
                stage: id,
                period,
                by,
            } => Commitment::Volume(count, stage(id), period, Self::field_name(policy, by)),
            TargetKind::Conversion {
                share,
                from,
                to,
                within,
            } => Commitment::Conversion(share, stage(from), stage(to), within),
        }
    }
}
