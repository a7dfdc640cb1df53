//! The reference model of the issue "The language means exactly what the
//! guide says": random policies and leads (`generate`), a deliberately
//! simple evaluator written from the documented rules (`evaluate`), and
//! the comparison of both with `qualify eval` (through the library: parse,
//! check, `Program::compile`, `qualify::records`, `Program::evaluate`).
//!
//! A mismatch is shrunk to a minimal policy and lead, and labelled with
//! the areas of the documented rules the model noted while deciding it.

pub mod evaluate;
pub mod generate;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::ControlFlow;

use jiff::Timestamp;
use qualify::diagnostic::Severity;
use qualify::eval::stream::Stream;
use qualify::eval::{self, Program};
use qualify::ir;
use qualify::records::{InputFormat, Schema};

use generate::{Lead, Rng};

/// Leads generated for each policy.
const LEADS_PER_POLICY: usize = 8;

/// Where a lead ends up, by stage name.
#[derive(Debug, Clone, PartialEq)]
pub enum StageOutcome {
    Stage(String),
    None,
    Disqualified,
    Invalid,
}

/// What both evaluators are compared on.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub stage: StageOutcome,
    pub reached: Vec<String>,
    /// Reasons of the undesirables that matched, scoped or not.
    pub undesirables: Vec<String>,
    pub scores: Vec<(String, f64)>,
}

impl Outcome {
    pub fn invalid() -> Outcome {
        Outcome {
            stage: StageOutcome::Invalid,
            reached: Vec::new(),
            undesirables: Vec::new(),
            scores: Vec::new(),
        }
    }

    /// The parts in which two outcomes differ. Scores are equal as the
    /// language defines equal numbers (see `evaluate::NUMBER_TOLERANCE`).
    fn differences(&self, other: &Outcome) -> Vec<&'static str> {
        let scores_equal = self.scores.len() == other.scores.len()
            && (self.scores.iter().zip(&other.scores)).all(|((na, a), (nb, b))| {
                na == nb && (a - b).abs() <= evaluate::NUMBER_TOLERANCE * a.abs().max(b.abs())
            });
        [
            ("stage", self.stage == other.stage),
            ("stages reached", self.reached == other.reached),
            ("undesirables", self.undesirables == other.undesirables),
            ("scores", scores_equal),
        ]
        .into_iter()
        .filter(|(_, same)| !same)
        .map(|(part, _)| part)
        .collect()
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let stage = match &self.stage {
            StageOutcome::Stage(name) => name.as_str(),
            StageOutcome::None => "none",
            StageOutcome::Disqualified => "disqualified",
            StageOutcome::Invalid => "invalid",
        };
        let scores: Vec<String> = (self.scores.iter())
            .map(|(name, value)| format!("{name}={value:?}"))
            .collect();
        write!(
            f,
            "stage {stage}; reached {:?}; undesirables {:?}; scores [{}]",
            self.reached,
            self.undesirables,
            scores.join(", ")
        )
    }
}

/// The checked policy, or every error found in the text.
pub fn checked(text: &str) -> Result<ir::Policy, String> {
    let parsed = qualify::parse(text);
    if !parsed.is_ok() {
        let messages: Vec<String> = parsed
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        return Err(messages.join("\n"));
    }
    let checked = qualify::check(&parsed.file);
    let errors: Vec<String> = (checked.diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}: {}", d.code.code, d.message))
        .collect();
    match checked.policy {
        Some(policy) if errors.is_empty() => Ok(policy),
        _ => Err(errors.join("\n")),
    }
}

/// `qualify eval` through the library: each CSV record's outcome.
fn product(policy: &ir::Policy, csv: &str, now: Timestamp) -> Vec<Outcome> {
    let program = Program::compile(policy.clone());
    let schema = Schema::new(policy, &BTreeMap::new()).expect("a schema for the policy's fields");
    let mut outcomes = Vec::new();
    // Two threads, so the parallel stream is what the model checks.
    Stream::new(&program, &schema, now, Some(2))
        .expect("two threads")
        .run(
            csv.as_bytes(),
            InputFormat::Csv,
            Vec::new,
            |record, evaluator, part| {
                part.push(match evaluator.outcome(record) {
                    Some(outcome) => {
                        let name = |id: ir::StageId| policy.stages[id.0].name.clone();
                        Outcome {
                            stage: match outcome.stage {
                                eval::StageOutcome::Stage(id) => StageOutcome::Stage(name(id)),
                                eval::StageOutcome::None => StageOutcome::None,
                                eval::StageOutcome::Disqualified => StageOutcome::Disqualified,
                            },
                            reached: outcome.reached.iter().map(|id| name(*id)).collect(),
                            undesirables: (outcome.reasons(policy).into_iter())
                                .map(String::from)
                                .collect(),
                            scores: (policy.scores.iter().zip(&outcome.scores))
                                .map(|(score, value)| (score.name.clone(), *value))
                                .collect(),
                        }
                    }
                    None => Outcome::invalid(),
                })
            },
            |part| {
                outcomes.extend(part);
                Ok(ControlFlow::Continue(()))
            },
        )
        .expect("generated CSV is readable");
    outcomes
}

/// One lead on which the model and the product disagree.
struct Case {
    policy: generate::Policy,
    lead: Lead,
}

/// The lead as the policy's fields see it (a shrunk policy has fewer).
fn lead_for(policy: &generate::Policy, lead: &Lead) -> Lead {
    let value = |name: &str| {
        lead.iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.clone())
    };
    (policy.fields.iter())
        .map(|field| (field.name.clone(), value(&field.name)))
        .collect()
}

/// How the model and the product see one case, when they differ.
struct Verdict {
    text: String,
    csv: String,
    model: Outcome,
    product: Outcome,
    notes: BTreeSet<&'static str>,
    parts: Vec<&'static str>,
}

/// Both evaluators on one policy and lead; `None` when the policy does
/// not check (a shrink went too far) or both agree.
fn judge(case: &Case, now: Timestamp) -> Option<Verdict> {
    let text = case.policy.render();
    let policy = checked(&text).ok()?;
    let lead = lead_for(&case.policy, &case.lead);
    let csv = generate::csv(std::slice::from_ref(&lead));
    let product = product(&policy, &csv, now).pop()?;
    let (model, notes) = evaluate::evaluate(&policy, &lead, now);
    let parts = model.differences(&product);
    (!parts.is_empty()).then_some(Verdict {
        text,
        csv,
        model,
        product,
        notes,
        parts,
    })
}

/// Greedy shrinking: the first smaller policy, or the lead with one value
/// left out or made simpler, that still differs in the same parts, until
/// none does. Simpler values also drop the notes that merely came along.
fn minimize(mut case: Case, parts: &[&'static str], now: Timestamp) -> Verdict {
    let mut best = judge(&case, now).expect("the case differs");
    'shrink: loop {
        let mut smaller: Vec<Case> = (case.policy.shrinks().into_iter())
            .map(|policy| Case {
                policy,
                lead: case.lead.clone(),
            })
            .collect();
        for field in &case.policy.fields {
            let Some(at) = case.lead.iter().position(|(name, _)| *name == field.name) else {
                continue;
            };
            let Some(value) = case.lead[at].1.clone() else {
                continue;
            };
            let mut values: Vec<Option<String>> = generate::simpler(field, &value)
                .into_iter()
                .map(Some)
                .collect();
            if field.optional {
                values.insert(0, None);
            }
            for value in values {
                let mut lead = case.lead.clone();
                lead[at].1 = value;
                smaller.push(Case {
                    policy: case.policy.clone(),
                    lead,
                });
            }
        }
        for candidate in smaller {
            if let Some(verdict) = judge(&candidate, now).filter(|v| v.parts == parts) {
                best = verdict;
                case = candidate;
                continue 'shrink;
            }
        }
        return best;
    }
}

/// A kind of mismatch: the parts that differ and the areas the model noted
/// on the minimal case, with that case and how many pairs fell in it.
struct Class {
    count: usize,
    example: Verdict,
}

/// What a run found.
pub struct Summary {
    pub pairs: usize,
    pub policies: usize,
    pub with_blocking: usize,
    pub mismatches: usize,
    classes: BTreeMap<(Vec<&'static str>, Vec<&'static str>), Class>,
    /// Mismatches past the shrinking budget, by the parts that differ.
    unshrunk: BTreeMap<Vec<&'static str>, usize>,
}

/// The areas of the documented rules a set of notes names; "none" marks a
/// mismatch outside every area being changed: a real bug.
fn areas(notes: &BTreeSet<&'static str>) -> Vec<&'static str> {
    let areas: BTreeSet<&'static str> = notes
        .iter()
        .map(|note| note.split(':').next().unwrap_or(note))
        .collect();
    if areas.is_empty() {
        vec!["NONE: outside the areas being changed, a real bug"]
    } else {
        areas.into_iter().collect()
    }
}

/// Runs `pairs` policy×lead pairs from `seed`; shrinks at most `shrink`
/// mismatches (each takes many evaluations).
pub fn run(pairs: usize, seed: u64, shrink: usize) -> Summary {
    let now = generate::now();
    let mut summary = Summary {
        pairs: 0,
        policies: 0,
        with_blocking: 0,
        mismatches: 0,
        classes: BTreeMap::new(),
        unshrunk: BTreeMap::new(),
    };
    let mut shrunk = 0;
    while summary.pairs < pairs {
        let mut rng = Rng::new(seed.wrapping_add(summary.policies as u64));
        let policy = generate::policy(&mut rng);
        let text = policy.render();
        let checked = checked(&text).unwrap_or_else(|errors| {
            panic!("a generated policy does not check:\n{text}\n{errors}")
        });
        summary.policies += 1;
        summary.with_blocking += usize::from(policy.has_blocking_undesirable());
        let leads: Vec<Lead> = (0..LEADS_PER_POLICY.min(pairs - summary.pairs))
            .map(|id| generate::lead(&mut rng, &policy, id))
            .collect();
        let products = product(&checked, &generate::csv(&leads), now);
        assert_eq!(products.len(), leads.len(), "one result per lead:\n{text}");
        for (lead, product) in leads.into_iter().zip(products) {
            summary.pairs += 1;
            let (model, _) = evaluate::evaluate(&checked, &lead, now);
            let parts = model.differences(&product);
            if parts.is_empty() {
                continue;
            }
            summary.mismatches += 1;
            if shrunk >= shrink {
                *summary.unshrunk.entry(parts).or_default() += 1;
                continue;
            }
            shrunk += 1;
            let case = Case {
                policy: policy.clone(),
                lead,
            };
            let verdict = minimize(case, &parts, now);
            let key = (parts, areas(&verdict.notes));
            summary
                .classes
                .entry(key)
                .or_insert(Class {
                    count: 0,
                    example: verdict,
                })
                .count += 1;
        }
    }
    summary
}

impl Summary {
    /// Mismatch classes none of whose areas is being changed.
    pub fn real_bugs(&self) -> usize {
        (self.classes.keys())
            .filter(|(_, areas)| areas.iter().any(|area| area.starts_with("NONE")))
            .count()
    }
}

impl Summary {
    /// The counts, in one line.
    pub fn headline(&self) -> String {
        format!(
            "{} policy×lead pairs over {} policies ({} with an undesirable that blocks stages): {} mismatches",
            self.pairs, self.policies, self.with_blocking, self.mismatches
        )
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.headline())?;
        for ((parts, areas), class) in &self.classes {
            let example = &class.example;
            writeln!(
                f,
                "\n══ {} shrunk mismatch(es) differing in {} — area: {}",
                class.count,
                parts.join(", "),
                areas.join(", ")
            )?;
            let notes: Vec<&str> = example.notes.iter().copied().collect();
            writeln!(f, "model noted: {}", notes.join("; "))?;
            writeln!(f, "── minimal policy ──\n{}", example.text)?;
            writeln!(f, "── lead (CSV) ──\n{}", example.csv)?;
            writeln!(f, "model:   {}", example.model)?;
            writeln!(f, "product: {}", example.product)?;
        }
        for (parts, count) in &self.unshrunk {
            writeln!(
                f,
                "\n{count} more mismatch(es) differing in {} (not shrunk)",
                parts.join(", ")
            )?;
        }
        Ok(())
    }
}
