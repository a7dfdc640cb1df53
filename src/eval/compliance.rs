//! Service levels and targets over a set of leads: per SLA the statuses,
//! compliance and response times; per target its value against the
//! commitment, period by period; the funnel. Leads are added one at a time,
//! so a report streams like an evaluation.

use std::borrow::Cow;
use std::collections::BTreeMap;

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Outcome, SlaStatus};
use crate::ir::{FieldId, Policy, TargetKind};
use crate::records::{Cell, Record};
use crate::vocabulary::Period;

/// Which leads count: SLAs by their start instant, volume targets by their
/// period's first day, both from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Window {
    fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date < to)
    }
}

/// Everything counted for one group of leads.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub leads: u64,
    pub invalid: u64,
    /// Leads that reached each stage.
    pub reached: Vec<u64>,
    /// Leads that reached one of each stage's `after` stages (its funnel entry).
    pub entered: Vec<u64>,
    pub slas: Vec<SlaTally>,
    /// Per volume target: leads per period key ("2026-03", "2026-W10", "2026-Q1").
    pub volumes: Vec<BTreeMap<String, u64>>,
    /// Per conversion target, per month the first stage was reached (or
    /// "all"): (leads reaching `from`, of those reaching `to` in time).
    pub conversions: Vec<BTreeMap<String, (u64, u64)>>,
}

#[derive(Debug, Clone, Default)]
pub struct SlaTally {
    pub met: u64,
    pub breached: u64,
    pub pending: u64,
    pub not_applicable: u64,
    /// Seconds taken by the leads whose end time is known (open time for
    /// business limits), for statistics.
    pub response_times: Vec<f64>,
    /// (met, breached) by the month the SLA started in ("2026-03").
    pub per_month: BTreeMap<String, (u64, u64)>,
}

impl SlaTally {
    /// Met among those decided (met or breached), in percent.
    pub fn compliance(&self) -> Option<f64> {
        let decided = self.met + self.breached;
        (decided > 0).then(|| self.met as f64 * 100.0 / decided as f64)
    }

    /// The `share` (0–1) quantile of the response times, interpolated
    /// between neighbours (so the median of an even count is the mean of
    /// the middle two).
    pub fn quantile(&self, share: f64) -> Option<f64> {
        let mut times = self.response_times.clone();
        times.sort_by(f64::total_cmp);
        let position = (times.len().checked_sub(1)? as f64) * share;
        let (below, above) = (position.floor() as usize, position.ceil() as usize);
        let (low, high) = (*times.get(below)?, *times.get(above)?);
        Some(low + (high - low) * (position - below as f64))
    }
}

impl Tally {
    pub fn new(policy: &Policy) -> Tally {
        Tally {
            reached: vec![0; policy.stages.len()],
            entered: vec![0; policy.stages.len()],
            slas: vec![SlaTally::default(); policy.slas.len()],
            volumes: vec![BTreeMap::new(); policy.targets.len()],
            conversions: vec![BTreeMap::new(); policy.targets.len()],
            ..Tally::default()
        }
    }

    /// Counts one lead (`outcome` is `None` for an invalid record).
    pub fn add(
        &mut self,
        policy: &Policy,
        record: &Record,
        outcome: Option<&Outcome>,
        window: Window,
    ) {
        self.leads += 1;
        let Some(outcome) = outcome else {
            self.invalid += 1;
            return;
        };
        for stage in &outcome.reached {
            if let Some(count) = self.reached.get_mut(stage.0) {
                *count += 1;
            }
        }
        let time = |field: usize| match record.cell(field) {
            Cell::Time(time) => Some(time),
            _ => None,
        };
        for ((sla, result), tally) in policy.slas.iter().zip(&outcome.slas).zip(&mut self.slas) {
            let started = time(sla.from.0).map(utc_date);
            if started.is_some_and(|date| !window.contains(date)) {
                continue;
            }
            let month = started.map(|date| period_of(Period::Month, date).0);
            let decided = |tally: &mut SlaTally, met: bool| {
                if let Some(month) = month.clone() {
                    let counts = tally.per_month.entry(month).or_insert((0, 0));
                    if met {
                        counts.0 += 1;
                    } else {
                        counts.1 += 1;
                    }
                }
            };
            match result.status {
                SlaStatus::Met => {
                    tally.met += 1;
                    decided(tally, true);
                }
                SlaStatus::Breached => {
                    tally.breached += 1;
                    decided(tally, false);
                }
                SlaStatus::Pending => tally.pending += 1,
                SlaStatus::NotApplicable => tally.not_applicable += 1,
            }
            if time(sla.to.0).is_some() && result.status != SlaStatus::NotApplicable {
                tally
                    .response_times
                    .extend(result.elapsed.map(|elapsed| elapsed.as_secs_f64()));
            }
        }
        let reached = |stage: usize| outcome.reached.iter().any(|id| id.0 == stage);
        for (stage, entered) in policy.stages.iter().zip(&mut self.entered) {
            if stage.after.iter().any(|after| reached(after.0)) {
                *entered += 1;
            }
        }
        for (index, target) in policy.targets.iter().enumerate() {
            match &target.kind {
                TargetKind::Volume {
                    stage, period, by, ..
                } => {
                    let Some(at) = time(by.0).filter(|_| reached(stage.0)) else {
                        continue;
                    };
                    let (key, first_day) = period_of(*period, utc_date(at));
                    if window.contains(first_day)
                        && let Some(volume) = self.volumes.get_mut(index)
                    {
                        *volume.entry(key).or_insert(0) += 1;
                    }
                }
                TargetKind::Conversion {
                    from, to, within, ..
                } => {
                    if !reached(from.0) {
                        continue;
                    }
                    let (entered_at, converted_at) = (
                        policy.stage_time(*from).and_then(|field| time(field.0)),
                        policy.stage_time(*to).and_then(|field| time(field.0)),
                    );
                    let key = entered_at.map_or("all".to_string(), |at| {
                        period_of(Period::Month, utc_date(at)).0
                    });
                    // In time: with both stage times, within the limit; without them, the limit cannot be checked.
                    let in_time = match (within, entered_at, converted_at) {
                        (Some(limit), Some(start), Some(end)) => {
                            (end.as_nanosecond() - start.as_nanosecond()) as f64 / 1e9
                                <= limit.seconds
                        }
                        _ => true,
                    };
                    if let Some(periods) = self.conversions.get_mut(index) {
                        let counts = periods.entry(key).or_insert((0, 0));
                        counts.0 += 1;
                        if reached(to.0) && in_time {
                            counts.1 += 1;
                        }
                    }
                }
            }
        }
    }
}

impl Tally {
    /// Adds the tally of leads that come after these (a report is counted
    /// a slice of leads at a time, in parallel).
    pub fn merge(&mut self, later: Tally) {
        self.leads += later.leads;
        self.invalid += later.invalid;
        add_counts(&mut self.reached, &later.reached);
        add_counts(&mut self.entered, &later.entered);
        for (sla, more) in self.slas.iter_mut().zip(later.slas) {
            sla.met += more.met;
            sla.breached += more.breached;
            sla.pending += more.pending;
            sla.not_applicable += more.not_applicable;
            sla.response_times.extend(more.response_times);
            add_pairs(&mut sla.per_month, more.per_month);
        }
        for (volume, more) in self.volumes.iter_mut().zip(later.volumes) {
            for (key, count) in more {
                *volume.entry(key).or_insert(0) += count;
            }
        }
        for (periods, more) in self.conversions.iter_mut().zip(later.conversions) {
            add_pairs(periods, more);
        }
    }

    /// Per target, its value per period against the commitment:
    /// (period, value, met). A conversion target is counted by the month its
    /// first stage was reached (see `Policy::stage_time`), else as one period, "all".
    pub fn targets(&self, policy: &Policy) -> Vec<Vec<(String, f64, bool)>> {
        policy
            .targets
            .iter()
            .enumerate()
            .map(|(index, target)| match &target.kind {
                TargetKind::Volume { count, .. } => self
                    .volumes
                    .get(index)
                    .map(|periods| {
                        periods
                            .iter()
                            .map(|(period, n)| (period.clone(), *n as f64, *n as f64 >= *count))
                            .collect()
                    })
                    .unwrap_or_default(),
                TargetKind::Conversion { share, .. } => self
                    .conversions
                    .get(index)
                    .map(|periods| {
                        let rows = periods.iter().filter(|(_, (entered, _))| *entered > 0);
                        rows.map(|(period, (entered, converted))| {
                            let value = *converted as f64 / *entered as f64;
                            (period.clone(), value, value >= *share)
                        })
                        .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// Whether a target period or an SLA goal was missed.
    pub fn missed(&self, policy: &Policy) -> bool {
        let targets = self
            .targets(policy)
            .iter()
            .flatten()
            .any(|(_, _, met)| !met);
        let slas = policy.slas.iter().zip(&self.slas).any(|(sla, counts)| {
            matches!((sla.goal, counts.compliance()), (Some(goal), Some(compliance)) if compliance < goal * 100.0)
        });
        targets || slas
    }
}

fn add_counts(counts: &mut [u64], more: &[u64]) {
    for (count, more) in counts.iter_mut().zip(more) {
        *count += more;
    }
}

fn add_pairs(pairs: &mut BTreeMap<String, (u64, u64)>, more: BTreeMap<String, (u64, u64)>) {
    for (key, (first, second)) in more {
        let pair = pairs.entry(key).or_insert((0, 0));
        pair.0 += first;
        pair.1 += second;
    }
}

/// The tally of all leads and, with `by`, one per value of that field
/// (per rep, segment or source).
#[derive(Debug, Clone)]
pub struct Tallies {
    pub total: Tally,
    /// By the field's value as compared (case ignored): the value as the
    /// export first wrote it, to show, and the group's tally. "(missing)"
    /// for none.
    pub groups: BTreeMap<String, (String, Tally)>,
    by: Option<usize>,
}

impl Tallies {
    pub fn new(policy: &Policy, by: Option<FieldId>) -> Tallies {
        Tallies {
            total: Tally::new(policy),
            groups: BTreeMap::new(),
            by: by.map(|field| field.0),
        }
    }

    /// Counts one lead (`outcome` is `None` for an invalid record).
    pub fn add(
        &mut self,
        policy: &Policy,
        record: &Record,
        outcome: Option<&Outcome>,
        window: Window,
    ) {
        self.total.add(policy, record, outcome, window);
        if let Some(field) = self.by {
            // Looked up by the value as it lies in the record: a text
            // value allocates only for a group not seen before.
            let compared = group(record, field);
            if !self.groups.contains_key(compared.as_ref()) {
                let shown =
                    (record.written(field)).map_or_else(|| compared.to_string(), str::to_string);
                let group = (shown, Tally::new(policy));
                self.groups.insert(compared.to_string(), group);
            }
            if let Some((_, tally)) = self.groups.get_mut(compared.as_ref()) {
                tally.add(policy, record, outcome, window);
            }
        }
    }

    /// Adds the tallies of leads that come after these.
    pub fn merge(&mut self, later: Tallies) {
        self.total.merge(later.total);
        for (key, (shown, tally)) in later.groups {
            match self.groups.get_mut(&key) {
                Some(group) => group.1.merge(tally),
                None => {
                    self.groups.insert(key, (shown, tally));
                }
            }
        }
    }
}

/// The group a lead belongs to: field `index`'s value as compared (a text
/// ignoring case; shown as the export first wrote it).
fn group(record: &Record, index: usize) -> Cow<'_, str> {
    Cow::Owned(match record.cell(index) {
        Cell::Text(text) => return Cow::Borrowed(text),
        Cell::Number(n) => crate::number::digits(n),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(date) => date.to_string(),
        Cell::Time(time) => time.to_string(),
        Cell::List(entries) => entries.join(";"),
        Cell::Missing => "(missing)".to_string(),
        // Not kept: `Schema::keep` was not asked for this field.
        Cell::Present => "(given)".to_string(),
    })
}

fn utc_date(time: Timestamp) -> Date {
    jiff::tz::Offset::UTC.to_datetime(time).date()
}

/// The period a date falls in (UTC): its key and first day.
pub fn period_of(period: Period, date: Date) -> (String, Date) {
    match period {
        Period::Month => (
            format!("{:04}-{:02}", date.year(), date.month()),
            date.first_of_month(),
        ),
        Period::Quarter => {
            let quarter = (date.month() - 1) / 3;
            let first = jiff::civil::date(date.year(), quarter * 3 + 1, 1);
            (format!("{:04}-Q{}", date.year(), quarter + 1), first)
        }
        Period::Week => {
            let week = date.iso_week_date();
            let monday = date
                .checked_sub(
                    jiff::Span::new().days(i64::from(date.weekday().to_monday_zero_offset())),
                )
                .unwrap_or(date);
            (format!("{:04}-W{:02}", week.year(), week.week()), monday)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_named_and_start_where_expected() {
        let day = jiff::civil::date(2026, 3, 4); // a Wednesday
        assert_eq!(
            period_of(Period::Month, day),
            ("2026-03".to_string(), jiff::civil::date(2026, 3, 1))
        );
        assert_eq!(
            period_of(Period::Quarter, day),
            ("2026-Q1".to_string(), jiff::civil::date(2026, 1, 1))
        );
        assert_eq!(
            period_of(Period::Week, day),
            ("2026-W10".to_string(), jiff::civil::date(2026, 3, 2))
        );
        // ISO weeks belong to the year of their Thursday.
        assert_eq!(
            period_of(Period::Week, jiff::civil::date(2027, 1, 1)).0,
            "2026-W53"
        );
    }

    #[test]
    fn compliance_and_quantiles() {
        let tally = SlaTally {
            met: 3,
            breached: 1,
            pending: 5,
            not_applicable: 2,
            response_times: vec![60.0, 7200.0, 600.0, 3600.0],
            per_month: BTreeMap::new(),
        };
        assert_eq!(tally.compliance(), Some(75.0));
        // Sorted: 60, 600, 3600, 7200.
        assert_eq!(tally.quantile(0.5), Some(2100.0));
        assert_eq!(tally.quantile(0.9), Some(3600.0 + 0.7 * 3600.0));
        assert_eq!(tally.quantile(0.0), Some(60.0));
        assert_eq!(SlaTally::default().compliance(), None);
    }
}
