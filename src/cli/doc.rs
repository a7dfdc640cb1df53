//! `qualify doc POLICY`: the agreement for people, as Markdown or HTML.

use std::path::PathBuf;

use super::Outcome as Exit;
use super::eval::load_policy;
use crate::diagnostic::SourceFile;
use crate::ir::{Policy, Signoff};
use crate::render::doc::{self, SignoffState};
use crate::render::doc_html;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DocFormat {
    /// Markdown, for a wiki or a pull request.
    Md,
    /// One self-contained page to print, sign or share.
    Html,
}

#[derive(Debug, clap::Args)]
pub struct DocArgs {
    /// The policy to render.
    policy: PathBuf,
    #[arg(long, value_enum, default_value = "md")]
    format: DocFormat,
    /// Write the document to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: &DocArgs) -> Exit {
    match render(args) {
        Ok(()) => Exit::Clean,
        Err(message) => {
            eprintln!("error: {message}");
            Exit::CouldNotRun
        }
    }
}

fn render(args: &DocArgs) -> Result<(), String> {
    let (file, program) = load_policy(&args.policy)?;
    let states = signoff_states(&program.policy, &file);
    let document = doc::document(&program.policy, &states);
    let text = match args.format {
        DocFormat::Md => doc::markdown(&document),
        DocFormat::Html => doc_html::html(&document),
    };
    match &args.out {
        Some(path) => std::fs::write(path, text)
            .map_err(|error| format!("cannot write {}: {error}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Each party's state, in the order of `policy.parties`: missing without
/// a `signoff` line, else as its latest line says.
pub(super) fn signoff_states(policy: &Policy, file: &SourceFile) -> Vec<SignoffState> {
    (0..policy.parties.len())
        .map(|party| {
            policy
                .signoffs
                .iter()
                .rev()
                .find(|signoff| signoff.party.0 == party)
                .map_or(SignoffState::Missing, |signoff| {
                    signoff_state(file, signoff)
                })
        })
        .collect()
}

/// Whether a recorded sign-off still covers the policy in `file`.
fn signoff_state(file: &SourceFile, signoff: &Signoff) -> SignoffState {
    // TODO(lead): compare with signoff::digest — `Current` when
    // `signoff.digest` equals the digest of `file.text`. Until then no
    // approval can be confirmed, so a recorded one is shown as stale.
    let _ = (file, signoff);
    SignoffState::Stale
}
