//! The header, parties and what the rules are made of: fields, lists and
//! terms.

use super::matching::{by_key, condition_change};
use super::{Aspect, Changes, Item, Kind, Pair, Side, Whole};

impl<'p> Pair<'p> {
    pub(super) fn header(self, out: &mut Changes<'p>) {
        let (old, new) = (self.old, self.new);
        let text = |text: Option<&'p String>| Side::Text(text.map(String::as_str));
        out.changed(
            Item::Policy,
            Aspect::Title,
            (Some(&old.title), Some(&new.title)),
            text,
        );
        let version = (old.version.as_ref(), new.version.as_ref());
        out.changed(Item::Policy, Aspect::Version, version, text);
        let effective = (old.effective, new.effective);
        out.changed(Item::Policy, Aspect::Effective, effective, Side::Date);
        let summary = (old.summary.as_ref(), new.summary.as_ref());
        out.changed(Item::Policy, Aspect::Summary, summary, text);
        let (removed, kept, added) = by_key(&old.parties, &new.parties, |p| &p.name);
        for party in added {
            out.added(Item::Party(&party.name), Whole::Party(party));
        }
        for party in removed {
            out.removed(Item::Party(&party.name), Whole::Party(party));
        }
        for (a, b) in kept {
            let who = (Some(a.who.as_str()), Some(b.who.as_str()));
            out.changed(Item::Party(&a.name), Aspect::Who, who, Side::Text);
        }
    }

    pub(super) fn fields(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.fields, &self.new.fields, |f| &f.name);
        for field in added {
            out.added(Item::Field(&field.name), Whole::Field(field));
        }
        for field in removed {
            out.removed(Item::Field(&field.name), Whole::Field(field));
        }
        for (a, b) in kept {
            let item = || Item::Field(&b.name);
            out.changed(item(), Aspect::Type, (&a.ty, &b.ty), Side::Type);
            out.changed(
                item(),
                Aspect::Optional,
                (a.optional, b.optional),
                Side::Flag,
            );
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(item(), Aspect::Description, description, Side::Text);
            out.changed(item(), Aspect::Key, (a.key, b.key), Side::Flag);
            let set_by = (
                Self::party(self.old, a.set_by),
                Self::party(self.new, b.set_by),
            );
            out.changed(item(), Aspect::FilledInBy, set_by, Side::Someone);
        }
    }

    pub(super) fn lists(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.lists, &self.new.lists, |l| &l.name);
        for list in added {
            out.added(Item::List(list), Whole::List(list));
        }
        for list in removed {
            out.removed(Item::List(list), Whole::List(list));
        }
        for (a, b) in kept {
            let lost: Vec<_> = a.values.iter().filter(|v| !b.values.contains(v)).collect();
            let gained: Vec<_> = b.values.iter().filter(|v| !a.values.contains(v)).collect();
            if !lost.is_empty() || !gained.is_empty() {
                out.push(
                    Item::List(b),
                    Kind::Changed(Aspect::Values),
                    Some(Side::Values(lost)),
                    Some(Side::Values(gained)),
                );
            }
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(Item::List(b), Aspect::Description, description, Side::Text);
        }
    }

    pub(super) fn defines(self, out: &mut Changes<'p>) {
        let (removed, kept, added) = by_key(&self.old.defines, &self.new.defines, |d| &d.name);
        for define in added {
            out.added(Item::Term(define), Whole::Term(define));
        }
        for define in removed {
            out.removed(Item::Term(define), Whole::Term(define));
        }
        for (a, b) in kept {
            condition_change(self, out, Item::Term(b), &a.value, &b.value);
            let description = (a.description.as_deref(), b.description.as_deref());
            out.changed(Item::Term(b), Aspect::Description, description, Side::Text);
        }
    }
}
