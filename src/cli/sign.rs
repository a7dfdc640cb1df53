//! `qualify sign`: record a party's approval of the policy as it is now.

use std::path::PathBuf;

use jiff::civil::Date;

use super::files::load_policy;
use super::{Outcome, could_not_run};
use crate::signoff;

#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The policy file.
    policy: PathBuf,
    /// The party that approves, as declared in the policy header (`party sales "…"`).
    #[arg(long)]
    party: String,
    /// Who approves for that party.
    #[arg(long)]
    name: String,
    /// The day of the approval, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<Date>,
}

pub fn run(args: &SignArgs) -> Outcome {
    match sign(args) {
        Ok(message) => {
            eprintln!("{message}");
            Outcome::Clean
        }
        Err(message) => could_not_run(&message),
    }
}

fn sign(args: &SignArgs) -> Result<String, String> {
    let (file, program) = load_policy(&args.policy)?;
    let policy = &program.policy;
    if !policy.parties.iter().any(|party| party.name == args.party) {
        let declared: Vec<&str> = policy.parties.iter().map(|p| p.name.as_str()).collect();
        return Err(format!(
            "{} declares no party `{}`; the parties are: {}",
            args.policy.display(),
            args.party,
            declared.join(", ")
        ));
    }
    let date = args
        .date
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let line = signoff::line(&args.party, &args.name, date, &policy.digest);
    let Some(text) = crate::pipeline::signed(&file.text, &args.party, &line) else {
        return Err(format!(
            "internal error: the sign-off for {} would not read back as current; nothing was written",
            args.party
        ));
    };
    std::fs::write(&args.policy, text)
        .map_err(|error| format!("cannot write {}: {error}", args.policy.display()))?;
    Ok(format!(
        "{} ({}) signed off {} version {} on {date}\ndigest {}",
        args.party,
        args.name,
        args.policy.display(),
        policy.version.as_deref().unwrap_or("(none)"),
        policy.digest
    ))
}
