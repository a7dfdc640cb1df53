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
use crate::syntax::ast::PolicyFile;

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
