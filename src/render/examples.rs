//! The report of `qualify test`: each policy's examples run, as text for
//! people or as JUnit XML for CI.

use std::fmt::Write as _;

use jiff::Timestamp;

use super::escape::xml;
use crate::eval::examples::{self, Suite};

/// A line per example, `ok` or `FAILED` with what was expected, what the
/// lead got and the whole explanation of its outcome.
pub fn human(suites: &[Suite], now: Timestamp) -> String {
    let mut out = String::new();
    for suite in suites {
        let _ = writeln!(out, "{}", suite.file);
        for (example, run) in suite.program.policy.examples.iter().zip(&suite.runs) {
            if run.failures.is_empty() {
                let _ = writeln!(out, "  ok      {}", example.name);
                continue;
            }
            let (line, _) = suite.source.line_col(example.span.start);
            let _ = writeln!(out, "  FAILED  {} ({}:{line})", example.name, suite.file);
            for failure in &run.failures {
                let _ = writeln!(out, "          expected {}", failure.expected);
                let _ = writeln!(out, "          got      {}", failure.actual);
            }
            let at = examples::instant(example, now);
            let explanation = match &run.outcome {
                Some(_) => {
                    let explained = suite.program.explain(&run.record, at);
                    super::explain::explain(&suite.program, &run.record, &explained, at)
                }
                None => {
                    let mut problems = String::new();
                    super::explain::problems(&mut problems, &run.record, "");
                    problems
                }
            };
            for line in explanation.lines() {
                let _ = writeln!(out, "          │ {line}");
            }
        }
    }
    out
}

/// One `testsuite` per policy, one `testcase` per example.
pub fn junit(suites: &[Suite]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"qualify examples\">\n",
    );
    for suite in suites {
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\">",
            xml(&suite.file),
            suite.runs.len(),
            suite.failed()
        );
        for (example, run) in suite.program.policy.examples.iter().zip(&suite.runs) {
            let _ = write!(
                out,
                "    <testcase name=\"{}\" classname=\"{}\"",
                xml(&example.name),
                xml(&suite.program.policy.title)
            );
            if run.failures.is_empty() {
                out.push_str("/>\n");
                continue;
            }
            out.push_str(">\n");
            let message: Vec<String> = run
                .failures
                .iter()
                .map(|f| format!("expected {}, got {}", f.expected, f.actual))
                .collect();
            let _ = writeln!(
                out,
                "      <failure message=\"{}\">{}</failure>",
                xml(&message.join("; ")),
                xml(&message.join("\n"))
            );
            out.push_str("    </testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// The closing line: "3 passed, 1 failed".
pub fn summary(suites: &[Suite]) -> String {
    let runs: usize = suites.iter().map(|suite| suite.runs.len()).sum();
    let failed: usize = suites.iter().map(Suite::failed).sum();
    format!("{} passed, {failed} failed", runs - failed)
}
