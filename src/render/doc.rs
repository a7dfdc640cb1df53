//! The agreement for people (`qualify doc`): what the policy says, in
//! numbered sections and plain English, never in the policy's syntax.
//! The content is built once as a [`Document`]; Markdown (here) and HTML
//! (`doc_html`) only lay it out.

use std::fmt::Write as _;

use super::escape::markdown as md;
use super::plain::{self, Phrase};
use crate::eval::examples::sla_status_name;
use crate::ir::{
    Expectation, Policy, ScoreRule, ScoreRuleKind, Stage, StageId, StageOutcome, TargetKind,
};
use crate::signoff::{self, Standing};
use crate::vocabulary::Period;

/// Whether a party's recorded sign-off covers the policy as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignoffState {
    /// Signed, and the meaning has not changed since.
    Current,
    /// Signed, but the policy has changed in meaning since: the party must
    /// approve again.
    Stale,
    /// The party has not signed.
    Missing,
}

/// A signing party as the document shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    pub name: String,
    pub who: String,
    pub state: SignoffState,
    /// Who signed and when, when a sign-off is recorded.
    pub signed: Option<String>,
}

impl Party {
    /// "current: signed by Dana Kim on 28 January 2026"
    pub fn state_text(&self) -> String {
        let signed = self.signed.as_deref().unwrap_or("");
        match self.state {
            SignoffState::Current => format!("current: signed by {signed}"),
            SignoffState::Stale => {
                format!("stale: signed by {signed}, but the agreement changed since; sign again")
            }
            SignoffState::Missing => "missing: not signed yet".to_string(),
        }
    }
}

pub struct Document {
    pub title: String,
    pub summary: Option<String>,
    /// "Version 2026.2, effective 1 February 2026."
    pub version: String,
    pub parties: Vec<Party>,
    pub sections: Vec<Section>,
}

/// A numbered section: "1. Definitions".
pub struct Section {
    pub title: &'static str,
    pub blocks: Vec<Block>,
}

pub enum Block {
    /// A numbered subsection heading: "3.1 engagement score".
    Heading(String),
    Paragraph(String),
    /// "Decided by: marketing".
    Fact(&'static str, String),
    Table {
        head: Vec<&'static str>,
        rows: Vec<Vec<String>>,
    },
    /// Bullets, or boxes to tick (a stage's checklist).
    Items {
        checklist: bool,
        items: Vec<Item>,
    },
    /// The stages in funnel order, level by level (see [`levels`]): each
    /// stage's name and long name.
    Funnel(Vec<Vec<(String, String)>>),
}

/// "**Lead** — words", where the words may be an outline of groups.
pub struct Item {
    pub lead: Option<String>,
    pub phrase: Option<Phrase>,
}

impl Item {
    fn new(lead: Option<String>, phrase: Option<Phrase>) -> Self {
        Item { lead, phrase }
    }
}

/// The agreement as a document, each party with where its sign-off stands.
pub fn document(policy: &Policy) -> Document {
    let parties = signoff::standings(policy)
        .into_iter()
        .map(|(party, standing)| {
            let (state, signoff) = match standing {
                Standing::Current(signoff) => (SignoffState::Current, Some(signoff)),
                Standing::Stale(signoff) => (SignoffState::Stale, Some(signoff)),
                Standing::Missing => (SignoffState::Missing, None),
            };
            Party {
                name: party.name.clone(),
                who: party.who.clone(),
                state,
                signed: signoff.map(|signoff| {
                    format!("{} on {}", signoff.name, plain::date_words(signoff.date))
                }),
            }
        })
        .collect();
    let mut version = format!("Version {}", policy.version.as_deref().unwrap_or("?"));
    if let Some(date) = policy.effective {
        let _ = write!(version, ", effective {}", plain::date_words(date));
    }
    version.push('.');
    Document {
        title: policy.title.clone(),
        summary: policy.summary.clone(),
        version,
        parties,
        sections: vec![
            definitions(policy),
            undesirables(policy),
            scores(policy),
            stages(policy),
            service_levels(policy),
            targets(policy),
            calendars(policy),
            examples(policy),
        ],
    }
}

/// A section; one with nothing in it says so, as "This agreement sets no …".
fn section(title: &'static str, what: &str, mut blocks: Vec<Block>) -> Section {
    if blocks.is_empty() {
        blocks.push(Block::Paragraph(format!("This agreement sets no {what}.")));
    }
    Section { title, blocks }
}

fn definitions(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    let reads = policy.field_reads();
    let key = policy.key();
    let fields: Vec<_> = policy
        .fields
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            reads.contains_key(&crate::ir::FieldId(*index)) || key.is_some_and(|k| k.0 == *index)
        })
        .collect();
    blocks.push(Block::Heading(
        "1.1 The lead fields the rules use".to_string(),
    ));
    blocks.push(Block::Table {
        head: vec!["Field", "Meaning", "Values", "Filled in by", "Required"],
        rows: fields
            .iter()
            .map(|(index, field)| {
                let party = field
                    .set_by
                    .and_then(|party| policy.parties.get(party.0))
                    .map_or("—".to_string(), |party| party.name.clone());
                let mut meaning = field.description.clone().unwrap_or("—".to_string());
                if key.is_some_and(|k| k.0 == *index) {
                    meaning.push_str(" (identifies the lead)");
                }
                vec![
                    field.name.clone(),
                    meaning,
                    plain::field_kind(&field.ty),
                    party,
                    if field.optional { "no" } else { "yes" }.to_string(),
                ]
            })
            .collect(),
    });
    let unused = policy.fields.len() - fields.len();
    if unused > 0 {
        blocks.push(Block::Paragraph(format!(
            "The lead record has {unused} more field{} that no rule uses.",
            if unused == 1 { "" } else { "s" }
        )));
    }
    if !policy.lists.is_empty() {
        blocks.push(Block::Heading("1.2 Lists".to_string()));
        blocks.push(Block::Table {
            head: vec!["List", "Values"],
            rows: policy
                .lists
                .iter()
                .map(|list| {
                    let values: Vec<String> = list.values.iter().map(plain::list_value).collect();
                    vec![
                        plain::named(&list.description, &list.name),
                        values.join(", "),
                    ]
                })
                .collect(),
        });
    }
    if !policy.defines.is_empty() {
        blocks.push(Block::Heading("1.3 Terms".to_string()));
        blocks.push(Block::Items {
            checklist: false,
            items: policy
                .defines
                .iter()
                .map(|define| {
                    let term = plain::named(&define.description, &define.name);
                    Item::new(
                        Some(format!("“{term}”")),
                        Some(plain::phrase(policy, &define.value)),
                    )
                })
                .collect(),
        });
    }
    Section {
        title: "Definitions",
        blocks,
    }
}

fn stage_names(policy: &Policy, ids: &[StageId], last: &str) -> String {
    let names: Vec<&str> = ids
        .iter()
        .filter_map(|id| policy.stages.get(id.0))
        .map(|stage| stage.name.as_str())
        .collect();
    plain::series(&names, last)
}

fn undesirables(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.undesirables.is_empty() {
        blocks.push(Block::Paragraph(
            "A lead is undesirable for the reasons below, whatever its scores. Unless a stage is \
             named, the lead is disqualified: it reaches no stage."
                .to_string(),
        ));
        blocks.push(Block::Table {
            head: vec!["Reason", "When", "Effect"],
            rows: policy
                .undesirables
                .iter()
                .map(|undesirable| {
                    let effect = if undesirable.blocks.is_empty() {
                        "disqualified from every stage".to_string()
                    } else {
                        format!(
                            "cannot become {}",
                            stage_names(policy, &undesirable.blocks, "or")
                        )
                    };
                    vec![
                        undesirable.reason.clone(),
                        plain::condition(policy, &undesirable.condition),
                        effect,
                    ]
                })
                .collect(),
        });
    }
    section("Undesirable leads", "undesirable leads", blocks)
}

/// "+30", "+2 for each, at most 10 in total".
pub fn rule_points(rule: &ScoreRule) -> String {
    let points = signed(rule.points);
    match &rule.kind {
        ScoreRuleKind::If(_) => points,
        ScoreRuleKind::Per { up_to: None, .. } => format!("{points} for each"),
        ScoreRuleKind::Per {
            up_to: Some(most), ..
        } => format!(
            "{points} for each, at most {} in total",
            plain::number(*most)
        ),
    }
}

/// The rule's condition (or counted quantity) in words.
pub fn rule_words(policy: &Policy, rule: &ScoreRule) -> String {
    match &rule.kind {
        ScoreRuleKind::If(condition) => plain::condition(policy, condition),
        ScoreRuleKind::Per { quantity, .. } => {
            format!("each unit of {}", plain::value(policy, quantity))
        }
    }
}

/// "+15", "−10": points with their sign.
pub fn signed(points: f64) -> String {
    if points > 0.0 {
        format!("+{}", plain::number(points))
    } else {
        plain::number(points).replacen('-', "−", 1)
    }
}

fn scores(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.scores.is_empty() {
        blocks.push(Block::Paragraph(
            "Each score adds up the points of the rules that apply to the lead.".to_string(),
        ));
    }
    for (index, score) in policy.scores.iter().enumerate() {
        let mut heading = format!("3.{} {} score", index + 1, score.name);
        if let Some(description) = &score.description {
            let _ = write!(heading, " — {description}");
        }
        blocks.push(Block::Heading(heading));
        blocks.push(Block::Table {
            head: vec!["Points", "Why", "Rule"],
            rows: score
                .rules
                .iter()
                .map(|rule| {
                    vec![
                        rule_points(rule),
                        rule.description.clone().unwrap_or("—".to_string()),
                        rule_words(policy, rule),
                    ]
                })
                .collect(),
        });
        if let Some(cap) = score.cap {
            blocks.push(Block::Paragraph(format!(
                "The {} score is capped at {} points.",
                score.name,
                plain::number(cap)
            )));
        }
    }
    section("Scores", "scores", blocks)
}

/// The stages by funnel level: those with no prerequisite first, then
/// those that follow them, and so on.
pub fn levels(policy: &Policy) -> Vec<Vec<StageId>> {
    let mut level_of: Vec<usize> = Vec::with_capacity(policy.stages.len());
    for stage in &policy.stages {
        // `after` names earlier stages only, so their levels are known.
        let level = stage
            .after
            .iter()
            .filter_map(|id| level_of.get(id.0))
            .map(|level| level + 1)
            .max()
            .unwrap_or(0);
        level_of.push(level);
    }
    let mut levels: Vec<Vec<StageId>> = Vec::new();
    for (index, level) in level_of.into_iter().enumerate() {
        while levels.len() <= level {
            levels.push(Vec::new());
        }
        if let Some(stages) = levels.get_mut(level) {
            stages.push(StageId(index));
        }
    }
    levels
}

fn stages(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.stages.is_empty() {
        blocks.push(Block::Paragraph(
            "A lead reaches a stage when every item of the stage's checklist holds and no \
             undesirable keeps it out. Its stage is the last one, in this order, it reached."
                .to_string(),
        ));
        let named = levels(policy)
            .iter()
            .map(|level| {
                level
                    .iter()
                    .filter_map(|id| policy.stages.get(id.0))
                    .map(|stage| (stage.name.clone(), stage.long_name.clone()))
                    .collect()
            })
            .collect();
        blocks.push(Block::Funnel(named));
    }
    for (index, stage) in policy.stages.iter().enumerate() {
        blocks.push(Block::Heading(format!(
            "4.{} {} — {}",
            index + 1,
            stage.name,
            stage.long_name
        )));
        if let Some(owner) = stage.owner.and_then(|party| policy.parties.get(party.0)) {
            blocks.push(Block::Fact("Decided by", owner.name.clone()));
        }
        blocks.push(Block::Items {
            checklist: true,
            items: checklist(policy, StageId(index), stage),
        });
    }
    section("Stages", "stages", blocks)
}

fn checklist(policy: &Policy, id: StageId, stage: &Stage) -> Vec<Item> {
    let mut items = Vec::new();
    if !stage.after.is_empty() {
        items.push(Item::new(
            None,
            Some(Phrase::Words(format!(
                "the lead reached {} first",
                stage_names(policy, &stage.after, "or")
            ))),
        ));
    }
    for criterion in &stage.criteria {
        items.push(Item::new(
            criterion.description.clone(),
            Some(plain::phrase(policy, &criterion.condition)),
        ));
    }
    let blockers: Vec<String> = policy
        .undesirables
        .iter()
        .filter(|undesirable| undesirable.blocks.contains(&id))
        .map(|undesirable| format!("“{}”", undesirable.reason))
        .collect();
    if !blockers.is_empty() {
        items.push(Item::new(
            None,
            Some(Phrase::Words(format!(
                "the lead is not undesirable as {}",
                plain::series(&blockers, "or")
            ))),
        ));
    }
    items
}

/// "sales (Raj Patel <raj@acme.example>)"
/// "name: description", or the name alone.
fn titled(name: &str, description: Option<&str>) -> String {
    match description {
        Some(description) => format!("{name}: {description}"),
        None => name.to_string(),
    }
}

fn calendar_name(calendar: &crate::ir::Calendar) -> String {
    plain::named(&calendar.description, &calendar.name)
}

fn party_text(policy: &Policy, party: Option<crate::ir::PartyId>) -> String {
    party
        .and_then(|party| policy.parties.get(party.0))
        .map_or("—".to_string(), |party| {
            format!("{} ({})", party.name, party.who)
        })
}

/// What an SLA measures: "from mql at to first touch at, for leads where …".
pub fn sla_scope(policy: &Policy, sla: &crate::ir::Sla) -> String {
    let field = |id: crate::ir::FieldId| {
        policy
            .fields
            .get(id.0)
            .map_or("?".to_string(), plain::field_noun)
    };
    let mut what = format!("from {} to {}", field(sla.from), field(sla.to));
    if let Some(applies) = &sla.applies_to {
        let _ = write!(
            what,
            ", for every lead where {}",
            plain::condition(policy, applies)
        );
    }
    what
}

/// "within 4 business hours, for at least 90% of leads"
pub fn sla_limit(sla: &crate::ir::Sla) -> String {
    let mut limit = format!("within {}", plain::duration_words(&sla.within));
    if let Some(goal) = sla.goal {
        let _ = write!(limit, ", for at least {} of leads", plain::percent(goal));
    }
    limit
}

fn service_levels(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.slas.is_empty() {
        blocks.push(Block::Table {
            head: vec!["Service level", "Who", "What", "How fast", "Calendar"],
            rows: policy
                .slas
                .iter()
                .map(|sla| {
                    let calendar = sla
                        .calendar
                        .and_then(|id| policy.calendars.get(id.0))
                        .map_or("every hour of every day".to_string(), calendar_name);
                    vec![
                        titled(&sla.name, sla.description.as_deref()),
                        party_text(policy, sla.owner),
                        sla_scope(policy, sla),
                        sla_limit(sla),
                        calendar,
                    ]
                })
                .collect(),
        });
    }
    section("Service levels", "service levels", blocks)
}

/// "at least 200 MQL per month, counted by mql at"
pub fn target_commitment(policy: &Policy, kind: &TargetKind) -> String {
    let stage = |id: StageId| policy.stages.get(id.0).map_or("?", |s| s.name.as_str());
    match kind {
        TargetKind::Volume {
            count,
            stage: id,
            period,
            by,
        } => {
            let period = match period {
                Period::Week => "week",
                Period::Month => "month",
                Period::Quarter => "quarter",
            };
            let by = policy
                .fields
                .get(by.0)
                .map_or("?".to_string(), plain::field_noun);
            format!(
                "at least {} {} per {period}, counted by {by}",
                plain::number(*count),
                stage(*id)
            )
        }
        TargetKind::Conversion {
            share,
            from,
            to,
            within,
        } => {
            let within = within
                .map(|limit| format!(" within {}", plain::duration_words(&limit)))
                .unwrap_or_default();
            format!(
                "at least {} of the leads that reach {} also reach {}{within}",
                plain::percent(*share),
                stage(*from),
                stage(*to)
            )
        }
    }
}

fn targets(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.targets.is_empty() {
        blocks.push(Block::Table {
            head: vec!["Target", "Who", "Commitment"],
            rows: policy
                .targets
                .iter()
                .map(|target| {
                    vec![
                        titled(&target.name, target.description.as_deref()),
                        party_text(policy, target.owner),
                        target_commitment(policy, &target.kind),
                    ]
                })
                .collect(),
        });
    }
    section("Targets", "targets", blocks)
}

/// "Monday to Friday 09:00–18:00; Saturday 10:00–14:00"
pub fn opening_hours(calendar: &crate::ir::Calendar) -> String {
    let hours = |day: &[crate::vocabulary::ClockRange]| {
        let ranges: Vec<String> = day
            .iter()
            .map(|range| {
                format!(
                    "{:02}:{:02}–{:02}:{:02}",
                    range.start.hour, range.start.minute, range.end.hour, range.end.minute
                )
            })
            .collect();
        ranges.join(", ")
    };
    let mut runs: Vec<(usize, usize, String)> = Vec::new();
    for (day, ranges) in calendar.week.iter().enumerate() {
        if ranges.is_empty() {
            continue;
        }
        let text = hours(ranges);
        match runs.last_mut() {
            Some((_, last, previous)) if *last + 1 == day && *previous == text => *last = day,
            _ => runs.push((day, day, text)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(first, last, text)| {
            let name = |day: &usize| crate::ir::DAY_NAMES.get(*day).copied().unwrap_or("?");
            if first == last {
                format!("{} {text}", name(first))
            } else {
                format!("{} to {} {text}", name(first), name(last))
            }
        })
        .collect();
    parts.join("; ")
}

fn calendars(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    for (index, calendar) in policy.calendars.iter().enumerate() {
        let name = calendar_name(calendar);
        blocks.push(Block::Heading(format!("7.{} {name}", index + 1)));
        blocks.push(Block::Fact("Time zone", calendar.timezone_name.clone()));
        blocks.push(Block::Fact("Open", opening_hours(calendar)));
        if !calendar.holidays.is_empty() {
            blocks.push(Block::Table {
                head: vec!["Holiday", "Date"],
                rows: calendar
                    .holidays
                    .iter()
                    .map(|holiday| {
                        vec![
                            holiday.description.clone().unwrap_or("—".to_string()),
                            plain::date_words(holiday.date),
                        ]
                    })
                    .collect(),
            });
        }
    }
    if !blocks.is_empty() {
        blocks.insert(
            0,
            Block::Paragraph(
                "Business hours and business days in service levels count only the open hours \
                 of their calendar."
                    .to_string(),
            ),
        );
    }
    section("Calendars", "calendars", blocks)
}

/// "ends at MQL", "engagement score 80", "MQL follow-up: met".
pub fn expectation_words(policy: &Policy, expectation: &Expectation) -> String {
    let stage = |id: StageId| policy.stages.get(id.0).map_or("?", |s| s.name.as_str());
    match expectation {
        Expectation::Stage(StageOutcome::Stage(id)) => format!("ends at {}", stage(*id)),
        Expectation::Stage(StageOutcome::None) => "reaches no stage".to_string(),
        Expectation::Stage(StageOutcome::Disqualified) => "disqualified".to_string(),
        Expectation::Stage(StageOutcome::Invalid) | Expectation::Invalid => {
            "the record is invalid".to_string()
        }
        Expectation::Reached(id) => format!("reaches {}", stage(*id)),
        Expectation::NotReached(id) => format!("does not reach {}", stage(*id)),
        Expectation::Score(id, value) => format!(
            "{} score {}",
            policy.scores.get(id.0).map_or("?", |s| s.name.as_str()),
            plain::number(*value)
        ),
        Expectation::Disqualified(reason) => format!("disqualified as “{reason}”"),
        Expectation::Undesirable(reason) => format!("undesirable as “{reason}”"),
        Expectation::Sla(index, status) => format!(
            "{}: {}",
            policy.slas.get(*index).map_or("?", |sla| sla.name.as_str()),
            sla_status_name(*status)
        ),
    }
}

fn examples(policy: &Policy) -> Section {
    let mut blocks = Vec::new();
    if !policy.examples.is_empty() {
        blocks.push(Block::Paragraph(
            "Example leads and the outcome both teams expect for each; the policy's tests check \
             every one of them."
                .to_string(),
        ));
        let key = policy.key();
        blocks.push(Block::Table {
            head: vec!["Example", "Lead", "Expected"],
            rows: policy
                .examples
                .iter()
                .map(|example| {
                    let mut lead = example
                        .lead
                        .iter()
                        .find(|(field, _)| Some(*field) == key)
                        .and_then(|(_, value)| value.as_ref())
                        .map_or("—".to_string(), plain::list_value);
                    if let Some(as_of) = example.as_of {
                        let _ = write!(lead, ", as of {as_of}");
                    }
                    let expected: Vec<String> = example
                        .expectations
                        .iter()
                        .map(|(expectation, _)| expectation_words(policy, expectation))
                        .collect();
                    vec![example.name.clone(), lead, expected.join("; ")]
                })
                .collect(),
        });
    }
    section("Examples", "examples", blocks)
}

/// The agreement as Markdown.
pub fn markdown(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&document.title));
    if let Some(summary) = &document.summary {
        let _ = writeln!(out, "{}\n", md(summary));
    }
    let _ = writeln!(out, "{}\n", md(&document.version));
    out.push_str("| Party | Who | Sign-off |\n|---|---|---|\n");
    for party in &document.parties {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            md(&party.name),
            md(&party.who),
            md(&party.state_text())
        );
    }
    for (number, section) in document.sections.iter().enumerate() {
        let _ = writeln!(out, "\n## {}. {}", number + 1, section.title);
        for block in &section.blocks {
            out.push('\n');
            markdown_block(block, &mut out);
        }
    }
    out
}

fn markdown_block(block: &Block, out: &mut String) {
    match block {
        Block::Heading(text) => {
            let _ = writeln!(out, "### {}", md(text));
        }
        Block::Paragraph(text) => {
            let _ = writeln!(out, "{}", md(text));
        }
        Block::Fact(label, text) => {
            let _ = writeln!(out, "**{label}:** {}", md(text));
        }
        Block::Table { head, rows } => {
            let _ = writeln!(out, "| {} |", head.join(" | "));
            let _ = writeln!(out, "|{}", "---|".repeat(head.len()));
            for row in rows {
                let cells: Vec<String> = row.iter().map(|cell| md(cell)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Block::Items { checklist, items } => {
            let bullet = if *checklist { "- [ ] " } else { "- " };
            for item in items {
                let outline = item
                    .phrase
                    .as_ref()
                    .map(Phrase::outline)
                    .unwrap_or_default();
                let mut lines = outline.iter();
                out.push_str(bullet);
                if let Some(lead) = &item.lead {
                    let _ = write!(out, "**{}**", md(lead));
                    if !outline.is_empty() {
                        out.push_str(" — ");
                    }
                }
                if let Some((_, first)) = lines.next() {
                    out.push_str(&md(first));
                }
                out.push('\n');
                for (depth, line) in lines {
                    let _ = writeln!(out, "{}- {}", "  ".repeat(*depth + 1), md(line));
                }
            }
        }
        Block::Funnel(levels) => {
            let _ = writeln!(out, "The funnel: {}.", funnel_words(levels));
        }
    }
}

/// "MQL or PQL → SAL → SQL"
fn funnel_words(levels: &[Vec<(String, String)>]) -> String {
    let parts: Vec<String> = levels
        .iter()
        .map(|level| {
            let names: Vec<&str> = level.iter().map(|(name, _)| name.as_str()).collect();
            names.join(" or ")
        })
        .collect();
    parts.join(" → ")
}
