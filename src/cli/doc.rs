//! `qualify doc POLICY`: the agreement for people, as Markdown or HTML.

use std::path::PathBuf;

use super::files::{Settings, load_program};
use super::{Outcome as Exit, could_not_run};
use crate::render::doc;
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
        Err(message) => could_not_run(&message),
    }
}

fn render(args: &DocArgs) -> Result<(), String> {
    // Examples without `as of` run at this instant, as `qualify check` runs them.
    let program = load_program(&args.policy, jiff::Timestamp::now(), &Settings::default())?;
    let document = doc::document(&program.policy);
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
