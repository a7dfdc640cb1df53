//! `qualify diff`: the changes in meaning as a list, and how the leads
//! move, for a terminal, as Markdown for a pull request, or as JSON.

mod change;
mod json;

use std::fmt::Write as _;

pub use change::line;
pub use json::json;

use super::escape::markdown as md;
use crate::diff::{Diff, Moves};

const NO_CHANGE: &str = "No change in meaning.";

/// For a terminal.
pub fn text(diff: &Diff, moves: Option<&Moves>, old: &str, new: &str) -> String {
    let mut out = format!("{old} → {new}\n\n");
    if diff.changes.is_empty() {
        let _ = writeln!(out, "{NO_CHANGE}");
    } else {
        out.push_str("Changes in meaning:\n");
        for change in &diff.changes {
            let _ = writeln!(out, "  - {}", line(diff, change));
        }
    }
    if !diff.signoffs.is_empty() {
        out.push_str("\nSign-off (not a change in meaning):\n");
        for signoff in &diff.signoffs {
            let _ = writeln!(out, "  - {}", line(diff, signoff));
        }
    }
    if let Some(moves) = moves {
        let _ = writeln!(out, "\nHow the {} leads move:", moves.leads);
        text_matrix(moves, &mut out);
        out.push_str("\n  Stage reached   before   after  gained    lost\n");
        for reach in &moves.reached {
            let _ = writeln!(
                out,
                "  {:<14} {:>7} {:>7} {:>7} {:>7}",
                reach.stage, reach.before, reach.after, reach.gained, reach.lost
            );
        }
        out.push('\n');
        moved_lines(moves, "  ", &mut out);
    }
    out
}

/// Rows: the stage under the old version; columns: under the new one.
/// Stages no lead is in under either version are left out.
fn text_matrix(moves: &Moves, out: &mut String) {
    let shown = shown_stages(moves);
    let width = shown
        .iter()
        .map(|(_, name)| name.chars().count())
        .max()
        .unwrap_or(4)
        .max("before \\ after".len());
    let _ = write!(out, "  {:<width$}", "before \\ after");
    for (_, name) in &shown {
        let _ = write!(out, " {name:>w$}", w = name.chars().count().max(5));
    }
    out.push('\n');
    for (from, from_name) in &shown {
        let _ = write!(out, "  {from_name:<width$}");
        for (to, name) in &shown {
            let count = moves.cells.get(&(*from, *to)).map_or(0, |cell| cell.0);
            let _ = write!(out, " {count:>w$}", w = name.chars().count().max(5));
        }
        out.push('\n');
    }
}

fn shown_stages(moves: &Moves) -> Vec<(usize, &str)> {
    moves
        .stages
        .iter()
        .enumerate()
        .filter(|(index, _)| {
            moves
                .cells
                .iter()
                .any(|((from, to), (count, _))| (from == index || to == index) && *count > 0)
        })
        .map(|(index, name)| (index, name.as_str()))
        .collect()
}

/// "MQL → none: 5 leads (LD-1, LD-2, …)"
fn moved_lines(moves: &Moves, indent: &str, out: &mut String) {
    let changes = moves.changes();
    if changes.is_empty() {
        let _ = writeln!(out, "{indent}No lead changes stage.");
        return;
    }
    for (from, to, count, ids) in changes {
        let more = if count as usize > ids.len() {
            ", …"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{indent}{from} → {to}: {count} lead{} ({}{more})",
            if count == 1 { "" } else { "s" },
            ids.join(", ")
        );
    }
}

/// For a pull-request comment.
pub fn markdown(diff: &Diff, moves: Option<&Moves>, old: &str, new: &str) -> String {
    let mut out = format!("### `{old}` → `{new}`\n\n");
    if diff.changes.is_empty() {
        let _ = writeln!(out, "{NO_CHANGE}");
    } else {
        out.push_str("**Changes in meaning**\n\n");
        for change in &diff.changes {
            let _ = writeln!(out, "- {}", md(&line(diff, change)));
        }
    }
    if !diff.signoffs.is_empty() {
        out.push_str("\n**Sign-off** (not a change in meaning)\n\n");
        for signoff in &diff.signoffs {
            let _ = writeln!(out, "- {}", md(&line(diff, signoff)));
        }
    }
    if let Some(moves) = moves {
        let _ = writeln!(out, "\n**How the {} leads move**\n", moves.leads);
        let shown = shown_stages(moves);
        out.push_str("| before \\ after |");
        for (_, name) in &shown {
            let _ = write!(out, " {name} |");
        }
        let _ = writeln!(out, "\n|---|{}", "---:|".repeat(shown.len()));
        for (from, from_name) in &shown {
            let _ = write!(out, "| **{from_name}** |");
            for (to, _) in &shown {
                let count = moves.cells.get(&(*from, *to)).map_or(0, |cell| cell.0);
                let _ = write!(out, " {count} |");
            }
            out.push('\n');
        }
        out.push_str(
            "\n| Stage reached | before | after | gained | lost |\n|---|---:|---:|---:|---:|\n",
        );
        for reach in &moves.reached {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                reach.stage, reach.before, reach.after, reach.gained, reach.lost
            );
        }
        out.push('\n');
        let mut lines = String::new();
        moved_lines(moves, "- ", &mut lines);
        // Line by line: the escaper makes a line break inside a text a space.
        for line in lines.lines() {
            let _ = writeln!(out, "{}", md(line));
        }
    }
    out
}
