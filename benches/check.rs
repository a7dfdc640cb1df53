//! `cargo bench --bench check`: what `qualify check` does, on a generated
//! policy of about 2,000 lines (the size of a large real agreement), on one
//! of about 5 MB, and on policies built deep on purpose (100,000 chained
//! defines, 60 defines each built twice on the last, 30,000 stages each
//! after the last, 30,000 scores each built on the next). For each it gives the
//! time and the most memory held at once (counted by this benchmark's own
//! allocator), against the file's size. The figures and the command are
//! recorded in docs/performance.md and docs/reliability.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "../tests/generated/deep.rs"]
mod deep;

/// The system allocator, counting the bytes held now and at most.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; the
// counters only add up the sizes asked for.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let held = HELD.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(held, Ordering::Relaxed);
        // SAFETY: as the caller promised for `layout`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller promised for `ptr` and `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

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

/// Times `qualify check`'s work on `source` (`runs` times) and counts the
/// memory it holds at most, beyond what was held before; with a `bound`,
/// fails when that is more than `bound` times the file's size.
fn measure(name: &str, source: String, runs: usize, bound: Option<usize>) {
    let lines = source.lines().count();
    let bytes = source.len();
    // Everything `qualify check` does for a file: parse, check, lint,
    // run the examples, apply lint levels.
    let file = qualify::diagnostic::SourceFile::new("generated.qual", source);
    let levels = qualify::lint::levels::Levels::default();
    let run = || {
        let (parsed, diagnostics) =
            qualify::diagnose(&file, &levels, jiff::Timestamp::UNIX_EPOCH, false);
        assert!(
            parsed && diagnostics.is_empty(),
            "{:?}",
            diagnostics.first()
        );
    };
    let before = HELD.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    run();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "check of {name}: {lines} lines, {bytes} bytes: median {:.1} ms, min {:.1} ms over {runs} runs; \
         memory held at most {:.1} MB ({:.1}x the file)",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        peak as f64 / 1e6,
        peak as f64 / bytes as f64,
    );
    if let Some(bound) = bound {
        assert!(
            peak <= bound * bytes,
            "{name}: memory held at most is over {bound} times the file"
        );
    }
}

fn main() {
    // Memory linear in the policy's size, at most 20 times it
    // (docs/reliability.md); the policies built deep on purpose are only
    // measured. The 2,021-line policy is still at 55 times (issue "No input
    // crashes…", point 6, open): measured, and bounded once that is fixed.
    measure("a generated policy", generated_policy(330), 30, None);
    measure(
        "a 5 MB generated policy",
        generated_policy(22_000),
        5,
        Some(20),
    );
    measure(
        "100,000 chained defines",
        deep::define_chain(100_000),
        5,
        None,
    );
    measure("60 doubling defines", deep::doubling_defines(60), 30, None);
    measure("30,000 chained stages", deep::stage_chain(30_000), 5, None);
    measure("30,000 chained scores", deep::score_chain(30_000), 5, None);
}
