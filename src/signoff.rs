//! Sign-off: each party's approval, bound to the exact agreed content.
//!
//! The digest is the SHA-256 of the policy in canonical layout with comments
//! and `signoff` lines left out ([`crate::formatter::content`]). Layout and
//! comments may change freely; any change in meaning, a description's words
//! included, gives a new digest, and every sign-off of the old one is stale.

use jiff::civil::Date;
use sha2::{Digest, Sha256};

use crate::diagnostic::{Diagnostic, Severity, catalog};
use crate::formatter;
use crate::ir::{Party, Policy, Signoff};
use crate::lint::stale_signoff;
use crate::span::Span;
use crate::syntax::{self, ast::Item, ast::PolicyFile};

/// `sha256:` and the hex digest of the policy's content.
pub fn digest(file: &PolicyFile) -> String {
    let hash = Sha256::digest(formatter::content(file).as_bytes());
    let mut text = String::with_capacity(7 + 64);
    text.push_str("sha256:");
    for byte in hash {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// Where one party stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standing<'p> {
    /// A sign-off of exactly this content.
    Current(&'p Signoff),
    /// Only sign-offs of earlier versions; the latest one.
    Stale(&'p Signoff),
    Missing,
}

/// Every declared party, in declaration order, and where it stands.
pub fn standings(policy: &Policy) -> Vec<(&Party, Standing<'_>)> {
    policy
        .parties
        .iter()
        .enumerate()
        .map(|(index, party)| {
            let mut own = policy.signoffs.iter().filter(|s| s.party.0 == index);
            let current = own.clone().rfind(|s| s.digest == policy.digest);
            // The latest approval, the last written on a tie.
            let latest = own
                .by_ref()
                .fold(None, |latest: Option<&Signoff>, s| match latest {
                    Some(l) if l.date > s.date => Some(l),
                    _ => Some(s),
                });
            let standing = match (current, latest) {
                (Some(signoff), _) => Standing::Current(signoff),
                (None, Some(signoff)) => Standing::Stale(signoff),
                (None, None) => Standing::Missing,
            };
            (party, standing)
        })
        .collect()
}

/// The parties whose sign-off is not current, by name.
pub fn not_current(policy: &Policy) -> Vec<&str> {
    standings(policy)
        .into_iter()
        .filter(|(_, standing)| !matches!(standing, Standing::Current(_)))
        .map(|(party, _)| party.name.as_str())
        .collect()
}

/// What `qualify check` says about sign-offs of the policy in `path`: a
/// stale one is a warning; with `require`, a stale or missing one is an
/// error.
pub fn diagnostics(policy: &Policy, path: &str, require: bool) -> Vec<Diagnostic> {
    let sign = |party: &Party, name: &str| {
        format!(
            "once {} agrees with this version, run `qualify sign {path} --party {} --name \"{name}\"`",
            party.name, party.name
        )
    };
    standings(policy)
        .into_iter()
        .filter_map(|(party, standing)| match standing {
            Standing::Current(_) => None,
            Standing::Stale(signoff) => {
                let mut diagnostic =
                    stale_signoff::diagnostic(party, signoff, &sign(party, &signoff.name));
                if require {
                    diagnostic.severity = Severity::Error;
                }
                Some(diagnostic)
            }
            Standing::Missing if require => Some(
                Diagnostic::new(
                    &catalog::MISSING_SIGNOFF,
                    party.span,
                    format!("{} has not signed off this policy", party.name),
                )
                .with_label("no `signoff` line for this party")
                .with_help(sign(party, signer(party))),
            ),
            Standing::Missing => None,
        })
        .collect()
}

/// Who signs for a party, from its declaration: `"Dana Kim <dana@…>"` → `Dana Kim`.
fn signer(party: &Party) -> &str {
    party.who.split('<').next().unwrap_or_default().trim()
}

/// The `signoff` line for a party's approval of content with `digest`.
pub fn line(party: &str, name: &str, date: Date, digest: &str) -> String {
    format!(
        "signoff {party} {} on {date} digest {}",
        formatter::quoted(name),
        formatter::quoted(digest)
    )
}

/// The policy text `source` with `line` (see [`line`]) in place of the
/// party's first `signoff` line and its other ones removed, or, when it
/// has none, added at the end: how `qualify sign` records an approval,
/// leaving the rest of the text as it is written.
pub fn with_signoff(source: &str, party: &str, line: &str) -> String {
    let parsed = syntax::parse(source);
    let spans: Vec<_> = parsed
        .file
        .items
        .iter()
        .filter(|item| matches!(&item.node, Item::Signoff(s) if s.party.node == party))
        .map(|item| item.span)
        .collect();
    if spans.is_empty() {
        let mut text = source.trim_end().to_string();
        let follows_signoff = parsed
            .file
            .items
            .last()
            .is_some_and(|item| matches!(item.node, Item::Signoff(_)));
        text.push_str(if follows_signoff { "\n" } else { "\n\n" });
        text.push_str(line);
        text.push('\n');
        return text;
    }
    edited(source, &spans, Some(line))
}

/// The policy text `source` with every `signoff` line taken out, ending in
/// one newline: the agreement as it reads before anyone approves it
/// (`qualify init` writes the framework policy so).
pub fn unsigned(source: &str) -> String {
    let spans: Vec<Span> = (syntax::parse(source).file.items.iter())
        .filter(|item| matches!(item.node, Item::Signoff(_)))
        .map(|item| item.span)
        .collect();
    edited(source, &spans, None).trim_end().to_string() + "\n"
}

/// `source` without the items at `spans` (in file order), each taking its
/// whole line when it stood alone on it; the first replaced by `first`
/// when one is given.
fn edited(source: &str, spans: &[Span], first: Option<&str>) -> String {
    let mut text = String::with_capacity(source.len() + first.map_or(0, str::len));
    let mut at = 0;
    for (index, span) in spans.iter().enumerate() {
        text.push_str(&source[at..span.start]);
        if let (0, Some(line)) = (index, first) {
            text.push_str(line);
            at = span.end;
            continue;
        }
        let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[span.end..]
            .find('\n')
            .map_or(source.len(), |i| span.end + i + 1);
        let alone = at <= line_start
            && source[line_start..span.start].trim().is_empty()
            && source[span.end..line_end].trim().is_empty();
        if alone {
            text.truncate(text.len() - (span.start - line_start));
            at = line_end;
        } else {
            at = span.end;
        }
    }
    text.push_str(&source[at..]);
    text
}

#[cfg(test)]
mod tests {
    use super::{unsigned, with_signoff};

    const POLICY: &str = "policy \"Tiny\" { version \"1\" party marketing \"M\" party sales \"S\" }\n\
                          fields {\n  id text \"CRM lead id\" key\n}\n";
    const SALES: &str = "signoff sales \"Ann Lee\" on 2026-03-01 digest \"sha256:11\"";

    #[test]
    fn a_first_signoff_is_added_after_a_blank_line() {
        assert_eq!(
            with_signoff(&format!("{POLICY}\n\n"), "sales", SALES),
            format!("{POLICY}\n{SALES}\n")
        );
    }

    #[test]
    fn a_signoff_follows_the_other_partys_directly() {
        let marketing = "signoff marketing \"Priya\" on 2026-01-28 digest \"sha256:00\"";
        let source = format!("{POLICY}\n{marketing}\n");
        assert_eq!(
            with_signoff(&source, "sales", SALES),
            format!("{source}{SALES}\n")
        );
    }

    #[test]
    fn the_partys_first_signoff_is_replaced_and_its_others_removed() {
        let old = "signoff sales \"Tom\" on 2026-01-30 digest \"sha256:00\"";
        let older = "signoff sales \"Tom\" on 2026-01-02 digest \"sha256:99\"";
        let marketing = "signoff marketing \"Priya\" on 2026-01-28 digest \"sha256:00\"";
        let source = format!("{POLICY}\n{old} # kept\n{marketing}\n  {older}\n");
        assert_eq!(
            with_signoff(&source, "sales", SALES),
            format!("{POLICY}\n{SALES} # kept\n{marketing}\n")
        );
    }

    #[test]
    fn unsigned_takes_out_every_signoff_line() {
        let marketing = "signoff marketing \"Priya\" on 2026-01-28 digest \"sha256:00\"";
        let source = format!("{POLICY}\n{marketing}\n{SALES}\n\n");
        assert_eq!(unsigned(&source), POLICY);
    }
}
