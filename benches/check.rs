//! `cargo bench --bench check`: what `qualify check` does, on a generated policy of
//! about 2,000 lines, the size of a large real agreement. The figure and
//! the command are recorded in docs/performance.md.

use std::fmt::Write;
use std::time::{Duration, Instant};

/// A policy of roughly `fields * 8` lines with every kind of item.
fn generated_policy(fields: usize) -> String {
    let mut p = String::new();
    p.push_str("policy \"Generated\" {\n  version \"1\"\n  effective 2026-01-01\n  party marketing \"M\"\n  party sales \"S\"\n}\n\nfields {\n  id text \"CRM id\" key\n");
    for i in 0..fields {
        let _ = writeln!(p, "  n{i} number? \"Number field {i}\"");
        let _ = writeln!(p, "  t{i} text? \"Text field {i}\"");
    }
    p.push_str("  source one of [\"inbound\", \"event\", \"outbound\"]\n  created_at time\n  mql_at time?\n  touched_at time? set by sales\n}\n\n");
    let _ = writeln!(
        p,
        "list domains \"Free mail\" = [\"gmail.com\", \"yahoo.com\", \"hotmail.com\"]"
    );
    for i in 0..fields {
        let _ = writeln!(
            p,
            "define d{i} \"Rule {i}\" =\n  n{i} between 10 and 5000 and (t{i} contains any [\"vp\", \"head of\"] or t{i} is missing)"
        );
    }
    p.push_str("\nscore engagement \"Engagement\" up to 500 {\n");
    for i in 0..fields {
        let _ = writeln!(p, "  +{} if d{i} \"Because of rule {i}\"", i % 7 + 1);
        let _ = writeln!(p, "  +1 per n{i} up to 5");
    }
    p.push_str("}\n\n");
    for (i, stage) in ["MQL", "SAL", "SQL"].iter().enumerate() {
        let _ = writeln!(p, "stage {stage} \"Stage {stage}\" {{");
        if i > 0 {
            let _ = writeln!(p, "  after {}", ["MQL", "SAL"][i - 1]);
        }
        let _ = writeln!(
            p,
            "  requires engagement >= {} \"Score of at least {}\"",
            50 * (i + 1),
            50 * (i + 1)
        );
        let _ = writeln!(
            p,
            "  requires source in [\"inbound\", \"event\"] and created_at within 90 days\n}}\n"
        );
    }
    p.push_str("undesirable \"Personal e-mail\" if t0 in domains\n");
    p.push_str("calendar office { timezone \"Europe/Berlin\" hours mon-fri 09:00-17:00 holiday 2026-12-25 \"Christmas\" }\n");
    p.push_str("sla \"Follow-up\" { owner sales applies to MQL from mql_at to touched_at within 4 business hours on office }\n");
    p.push_str("target \"Volume\" { owner marketing at least 100 MQL per month by mql_at }\n");
    p
}

fn main() {
    let source = generated_policy(330);
    let lines = source.lines().count();
    // Everything `qualify check` does for a file: parse, check, lint,
    // run the examples, apply lint levels.
    let file = qualify::diagnostic::SourceFile::new("generated.qual", source.clone());
    let levels = qualify::lint::levels::Levels::default();
    let run = || {
        let (parsed, diagnostics) =
            qualify::diagnose(&file, &levels, jiff::Timestamp::UNIX_EPOCH, false);
        assert!(
            parsed && diagnostics.is_empty(),
            "{:?}",
            diagnostics.first()
        );
        diagnostics.len()
    };
    let warnings = run();
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "check of a generated {lines}-line policy ({} bytes, {warnings} warnings): median {:.1} ms, min {:.1} ms over {} runs",
        source.len(),
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times.len()
    );
}
