//! What changed in meaning between two versions of a policy (`qualify
//! diff`), item by item, as data: `render::diff` words it for people and
//! writes it as JSON for programs.
//!
//! Both versions are compared as checked policies, so layout and comments
//! never count. Items are matched by kind and name (a stage by its name,
//! an undesirable by its reason, an SLA or target by its name); score
//! rules and stage criteria by their description, else by their
//! condition, else by a condition of the same shape whose numbers
//! changed (a threshold raised from 60 to 70). Expressions are compared
//! by what they name, never by the position of a declaration.
//!
//! A change carries pieces of the policies (a condition, a field's type,
//! a whole rule), never words: the document and the diff are worded by
//! the same renderer, so they cannot drift apart.

mod commitments;
mod definitions;
mod examples;
mod matching;
mod moves;
mod rules;

use jiff::civil::Date;

use crate::ir::{
    Calendar, Criterion, Define, Example, Expectation, Expr, Field, FieldType, Holiday, List,
    Party, PartyId, Policy, Score, ScoreRule, Sla, Stage, StageId, Target, TargetKind, Undesirable,
    Value,
};
use crate::span::Span;

pub use moves::{LeadResult, Moves, Reach};

/// The changes between two versions. Pieces come from the new version,
/// or from the old one for what it alone has (what was removed, and the
/// `before` side of a change).
#[derive(Debug, Clone, PartialEq)]
pub struct Diff<'p> {
    pub old: &'p Policy,
    pub new: &'p Policy,
    /// Changes in meaning, in the order of the policy's sections.
    pub changes: Vec<Change<'p>>,
    /// Sign-offs added or removed: they record approval, not meaning.
    pub signoffs: Vec<Change<'p>>,
}

/// One change to one item.
#[derive(Debug, Clone, PartialEq)]
pub struct Change<'p> {
    pub item: Item<'p>,
    pub kind: Kind,
    /// The old version's side: `None` for an added item.
    pub before: Option<Side<'p>>,
    /// The new version's side: `None` for a removed item.
    pub after: Option<Side<'p>>,
    /// The parties the item binds (its owner, who fills a field in, who
    /// signed), under either version.
    pub parties: Vec<&'p str>,
}

/// What changed, named as the policy names it.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<'p> {
    /// The policy's header, and the order of its stages.
    Policy,
    Party(&'p str),
    Field(&'p str),
    List(&'p List),
    Term(&'p Define),
    Undesirable(&'p str),
    Score(&'p str),
    Rule {
        score: &'p str,
        rule: &'p ScoreRule,
    },
    Stage(&'p str),
    Criterion {
        stage: &'p str,
        /// The description both versions give it, if any.
        description: Option<&'p str>,
        condition: &'p Expr,
    },
    Calendar(&'p str),
    Holiday {
        calendar: &'p str,
        date: Date,
    },
    Sla(&'p str),
    Target(&'p str),
    Example(&'p str),
    /// A sign-off, by the party that signed.
    Signoff(&'p str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Added,
    Removed,
    /// An undesirable under a new reason, with the same condition and effect.
    Renamed,
    Changed(Aspect),
}

/// Which property of an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aspect {
    Title,
    Version,
    Effective,
    Summary,
    StageOrder,
    Who,
    Type,
    Optional,
    Description,
    Key,
    FilledInBy,
    /// A list's values: `before` holds those only the old version has,
    /// `after` those only the new one has.
    Values,
    Condition,
    /// A condition changed in one number only.
    Threshold,
    /// As `Threshold`, in a condition that reads a score.
    ScoreThreshold,
    /// What an undesirable does: the stages it keeps the lead out of.
    Effect,
    Cap,
    Points,
    UpTo,
    LongName,
    Owner,
    /// The stages a stage comes after.
    After,
    TimeZone,
    Hours,
    /// Which leads an SLA measures, and from when to when.
    Scope,
    Within,
    Calendar,
    Goal,
    Commitment,
    /// An example's lead or its evaluation instant; no sides.
    Lead,
    Expectations,
}

/// One side of a change: a whole item, for what was added or removed, or
/// the value of the aspect that changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Side<'p> {
    Item(Whole<'p>),
    /// A text, or none (no version, no description).
    Text(Option<&'p str>),
    Date(Option<Date>),
    Flag(bool),
    Number(Option<f64>),
    Type(&'p FieldType),
    /// A party by name, or nobody.
    Someone(Option<&'p str>),
    Condition(&'p Expr),
    Stages(Vec<&'p str>),
    Values(Vec<&'p Value>),
    Hours(&'p Calendar),
    Scope(&'p Sla),
    Duration(&'p crate::ir::Duration),
    Commitment(&'p TargetKind),
    Expectations(&'p [(Expectation, Span)]),
}

/// A whole item of one version.
#[derive(Debug, Clone, PartialEq)]
pub enum Whole<'p> {
    Party(&'p Party),
    Field(&'p Field),
    List(&'p List),
    Term(&'p Define),
    Undesirable(&'p Undesirable),
    Score(&'p Score),
    Rule(&'p ScoreRule),
    Stage(&'p Stage),
    Criterion(&'p Criterion),
    Calendar(&'p Calendar),
    Holiday(&'p Holiday),
    Sla(&'p Sla),
    Target(&'p Target),
    Example(&'p Example),
    Signoff(&'p crate::ir::Signoff),
}

pub fn compare<'p>(old: &'p Policy, new: &'p Policy) -> Diff<'p> {
    let pair = Pair { old, new };
    let mut out = Changes::default();
    pair.header(&mut out);
    pair.fields(&mut out);
    pair.lists(&mut out);
    pair.defines(&mut out);
    pair.undesirables(&mut out);
    pair.scores(&mut out);
    pair.stages(&mut out);
    pair.calendars(&mut out);
    pair.slas(&mut out);
    pair.targets(&mut out);
    pair.examples(&mut out);
    let mut signoffs = Changes::default();
    pair.signoffs(&mut signoffs);
    Diff {
        old,
        new,
        changes: pair.with_parties(out.0),
        signoffs: pair.with_parties(signoffs.0),
    }
}

#[derive(Clone, Copy)]
struct Pair<'p> {
    old: &'p Policy,
    new: &'p Policy,
}

/// The changes found so far; their parties are filled in at the end.
#[derive(Default)]
struct Changes<'p>(Vec<Change<'p>>);

impl<'p> Changes<'p> {
    fn push(
        &mut self,
        item: Item<'p>,
        kind: Kind,
        before: Option<Side<'p>>,
        after: Option<Side<'p>>,
    ) {
        self.0.push(Change {
            item,
            kind,
            before,
            after,
            parties: Vec::new(),
        });
    }

    fn added(&mut self, item: Item<'p>, after: Whole<'p>) {
        self.push(item, Kind::Added, None, Some(Side::Item(after)));
    }

    fn removed(&mut self, item: Item<'p>, before: Whole<'p>) {
        self.push(item, Kind::Removed, Some(Side::Item(before)), None);
    }

    /// `aspect` of `item` when `old` and `new` differ.
    fn changed<T: PartialEq>(
        &mut self,
        item: Item<'p>,
        aspect: Aspect,
        (old, new): (T, T),
        side: impl Fn(T) -> Side<'p>,
    ) {
        if old != new {
            self.push(
                item,
                Kind::Changed(aspect),
                Some(side(old)),
                Some(side(new)),
            );
        }
    }
}

impl<'p> Pair<'p> {
    fn party(policy: &'p Policy, id: Option<PartyId>) -> Option<&'p str> {
        id.and_then(|id| policy.parties.get(id.0))
            .map(|party| party.name.as_str())
    }

    fn stage_name(policy: &'p Policy, id: StageId) -> &'p str {
        policy
            .stages
            .get(id.0)
            .map_or("?", |stage| stage.name.as_str())
    }

    fn stage_names(policy: &'p Policy, ids: &[StageId]) -> Vec<&'p str> {
        ids.iter().map(|id| Self::stage_name(policy, *id)).collect()
    }

    fn field_name(policy: &'p Policy, id: crate::ir::FieldId) -> &'p str {
        policy
            .fields
            .get(id.0)
            .map_or("?", |field| field.name.as_str())
    }

    /// The parties each change's item binds, under either version.
    fn with_parties(self, mut changes: Vec<Change<'p>>) -> Vec<Change<'p>> {
        for change in &mut changes {
            change.parties = self.parties(&change.item);
        }
        changes
    }

    fn parties(self, item: &Item<'p>) -> Vec<&'p str> {
        let owners = |owner: fn(&'p Policy, &str) -> Option<PartyId>, name: &str| {
            let mut names: Vec<&'p str> = [self.old, self.new]
                .into_iter()
                .filter_map(|policy| Self::party(policy, owner(policy, name)))
                .collect();
            names.dedup();
            names
        };
        match item {
            Item::Party(name) | Item::Signoff(name) => vec![*name],
            Item::Field(name) => owners(
                |p, name| p.fields.iter().find(|f| f.name == name)?.set_by,
                name,
            ),
            Item::Stage(name) | Item::Criterion { stage: name, .. } => owners(
                |p, name| p.stages.iter().find(|s| s.name == name)?.owner,
                name,
            ),
            Item::Sla(name) => owners(
                |p, name| p.slas.iter().find(|s| s.name == name)?.owner,
                name,
            ),
            Item::Target(name) => owners(
                |p, name| p.targets.iter().find(|t| t.name == name)?.owner,
                name,
            ),
            _ => Vec::new(),
        }
    }
}
