//! The compliance report as one self-contained HTML page: inline CSS, no
//! scripts, charts drawn as inline SVG, print-friendly.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::escape;
use super::results::seconds_text;
use crate::eval::compliance::{SlaTally, Tally};
use crate::ir::{Policy, TargetKind};
use crate::number::digits;

/// The look shared by the pages qualify writes (this report, the agreement).
pub(super) const BASE_STYLE: &str = "body{font-family:Georgia,serif;max-width:52rem;margin:2rem auto;color:#222;line-height:1.4}\
h1{font-size:1.6rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.05rem}\
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #bbb;padding:.25rem .6rem}\
svg{display:block;margin:.5rem 0 1rem}svg text{font-family:sans-serif;font-size:11px}\
section.group{page-break-before:always}section.group:first-of-type{page-break-before:auto}\
@media print{body{margin:0}}";

/// Numbers line up on the right; verdicts stand out.
const STYLE: &str = "td,th{text-align:right}th:first-child,td:first-child{text-align:left}\
.missed{color:#a00;font-weight:bold}.met{color:#060}";

/// Bucket upper bounds (seconds) for the response-time chart, and labels,
/// in hours: of office time, a day of 24 hours would read as a business day.
const BUCKETS: [(f64, &str); 7] = [
    (3_600.0, "< 1 h"),
    (7_200.0, "1–2 h"),
    (14_400.0, "2–4 h"),
    (28_800.0, "4–8 h"),
    (86_400.0, "8–24 h"),
    (259_200.0, "24–72 h"),
    (f64::INFINITY, "> 72 h"),
];

pub fn html(policy: &Policy, sections: &[(String, &Tally)], now: Timestamp) -> String {
    let mut out = String::new();
    let title = format!("Compliance report: {}", policy.title);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{BASE_STYLE}{STYLE}</style></head><body>\n",
        escape::html(&title)
    );
    let _ = writeln!(
        out,
        "<h1>{}</h1><p>Version {}, as of {now}.</p>",
        escape::html(&title),
        escape::html(policy.version.as_deref().unwrap_or("?"))
    );
    for (name, tally) in sections {
        let _ = writeln!(
            out,
            "<section class=\"group\"><h2>{} — {} leads ({} invalid)</h2>",
            escape::html(name),
            tally.leads,
            tally.invalid
        );
        slas(policy, tally, &mut out);
        targets(policy, tally, &mut out);
        funnel(policy, tally, &mut out);
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

fn slas(policy: &Policy, tally: &Tally, out: &mut String) {
    if policy.slas.is_empty() {
        return;
    }
    out.push_str("<h3>Service levels</h3><table><tr><th>SLA</th><th>met</th><th>breached</th><th>pending</th><th>n/a</th><th>compliance</th><th>goal</th><th>median</th><th>90th percentile</th></tr>\n");
    for (sla, counts) in policy.slas.iter().zip(&tally.slas) {
        let compliance = counts.compliance();
        let goal = sla.goal.map(|goal| goal * 100.0);
        let office = sla.within.business;
        let class = match (compliance, goal) {
            (Some(c), Some(g)) if c < g => " class=\"missed\"",
            (Some(_), Some(_)) => " class=\"met\"",
            _ => "",
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td{class}>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape::html(&sla.name),
            counts.met,
            counts.breached,
            counts.pending,
            counts.not_applicable,
            compliance.map_or("—".to_string(), |c| format!("{c:.1}%")),
            goal.map_or("—".to_string(), |g| format!("{}%", digits(g))),
            counts
                .quantile(0.5)
                .map_or("—".to_string(), |s| seconds_text(s, office)),
            counts
                .quantile(0.9)
                .map_or("—".to_string(), |s| seconds_text(s, office)),
        );
    }
    out.push_str("</table>\n");
    for (sla, counts) in policy.slas.iter().zip(&tally.slas) {
        let _ = writeln!(
            out,
            "<p><b>{}</b>: compliance by month, and response times{}</p>",
            escape::html(&sla.name),
            if sla.within.business {
                " in office hours"
            } else {
                ""
            }
        );
        compliance_chart(counts, sla.goal, out);
        response_chart(counts, out);
    }
}

/// Bars of met share per month, with the goal as a line.
fn compliance_chart(counts: &SlaTally, goal: Option<f64>, out: &mut String) {
    let months: Vec<(&String, f64)> = counts
        .per_month
        .iter()
        .filter(|(_, (met, breached))| met + breached > 0)
        .map(|(month, (met, breached))| (month, *met as f64 / (*met + *breached) as f64))
        .collect();
    if months.is_empty() {
        out.push_str("<p>No lead decided yet.</p>\n");
        return;
    }
    let (width, height, bar) = (60.0 * months.len() as f64 + 40.0, 175.0, 40.0);
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"compliance by month\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    for (i, (month, share)) in months.iter().enumerate() {
        let x = 30.0 + 60.0 * i as f64;
        let h = 120.0 * share;
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\" fill=\"#4a7\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{:.0}%</text><text x=\"{}\" y=\"170\" text-anchor=\"middle\">{}</text>",
            145.0 - h,
            x + bar / 2.0,
            140.0 - h,
            share * 100.0,
            x + bar / 2.0,
            escape::html(month)
        );
    }
    if let Some(goal) = goal {
        let y = 145.0 - 120.0 * goal;
        let _ = write!(
            out,
            "<line x1=\"20\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#a00\" stroke-dasharray=\"4 3\"/>",
            width - 5.0
        );
    }
    out.push_str("</svg>\n");
}

/// How many leads were answered within each time band.
fn response_chart(counts: &SlaTally, out: &mut String) {
    if counts.response_times.is_empty() {
        return;
    }
    let mut bands = [0u64; BUCKETS.len()];
    for time in &counts.response_times {
        let band = BUCKETS
            .iter()
            .position(|(limit, _)| time < limit)
            .unwrap_or(BUCKETS.len() - 1);
        if let Some(count) = bands.get_mut(band) {
            *count += 1;
        }
    }
    let most = bands.iter().copied().max().unwrap_or(1).max(1) as f64;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"response times\" width=\"460\" height=\"175\" viewBox=\"0 0 460 175\">"
    );
    for (i, ((_, label), count)) in BUCKETS.iter().zip(bands).enumerate() {
        let x = 20.0 + 62.0 * i as f64;
        let h = 120.0 * count as f64 / most;
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{}\" width=\"44\" height=\"{h}\" fill=\"#57a\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text><text x=\"{}\" y=\"170\" text-anchor=\"middle\">{label}</text>",
            145.0 - h,
            x + 22.0,
            140.0 - h,
            x + 22.0
        );
    }
    out.push_str("</svg>\n");
}

fn targets(policy: &Policy, tally: &Tally, out: &mut String) {
    if policy.targets.is_empty() {
        return;
    }
    out.push_str("<h3>Targets</h3><table><tr><th>target</th><th>period</th><th>value</th><th>commitment</th><th></th></tr>\n");
    for (target, rows) in policy.targets.iter().zip(tally.targets(policy)) {
        if rows.is_empty() {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td colspan=\"4\">no leads to measure</td></tr>",
                escape::html(&target.name)
            );
        }
        for (period, value, met) in rows {
            let (shown, goal) = match &target.kind {
                TargetKind::Volume { count, .. } => (digits(value), digits(*count)),
                TargetKind::Conversion { share, .. } => (
                    format!("{:.1}%", value * 100.0),
                    format!("{}%", digits(share * 100.0)),
                ),
            };
            let (class, verdict) = if met {
                ("met", "met")
            } else {
                ("missed", "missed")
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{shown}</td><td>at least {goal}</td><td class=\"{class}\">{verdict}</td></tr>",
                escape::html(&target.name),
                escape::html(&period)
            );
        }
    }
    out.push_str("</table>\n");
}

/// The funnel: a bar per stage, as wide as its share of the widest.
fn funnel(policy: &Policy, tally: &Tally, out: &mut String) {
    out.push_str("<h3>Funnel</h3>");
    let most = tally.reached.iter().copied().max().unwrap_or(0).max(1) as f64;
    let height = 30.0 * policy.stages.len() as f64 + 10.0;
    let _ = write!(
        out,
        "<svg role=\"img\" aria-label=\"funnel\" width=\"520\" height=\"{height}\" viewBox=\"0 0 520 {height}\">"
    );
    for (i, stage) in policy.stages.iter().enumerate() {
        let reached = tally.reached.get(i).copied().unwrap_or(0);
        let width = 360.0 * reached as f64 / most;
        let y = 5.0 + 30.0 * i as f64;
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\">{}</text><rect x=\"60\" y=\"{y}\" width=\"{width}\" height=\"22\" fill=\"#a74\"/><text x=\"{}\" y=\"{}\">{reached}</text>",
            y + 15.0,
            escape::html(&stage.name),
            66.0 + width,
            y + 15.0
        );
    }
    out.push_str("</svg>\n");
}
