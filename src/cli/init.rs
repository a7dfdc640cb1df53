//! `qualify init [DIR]`: a starter agreement and a commented qualify.toml.

use std::path::{Path, PathBuf};

use super::{Outcome as Exit, could_not_run};

/// The starter follows the classic framework: profile, channel, actions and
/// undesirables feeding the scores and the MQL; SAL; SQL; PQL; an SLA on a
/// calendar; targets; examples covering every rule. It is the framework
/// policy shipped in policies/, without its sign-offs.
const STARTER_POLICY: &str = include_str!("../../policies/framework.qual");
const STARTER_CONFIG: &str = include_str!("qualify.toml.starter");
const POLICY_PATH: &str = "policies/lead-qualification.qual";

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the files (default: the current folder).
    dir: Option<PathBuf>,
}

pub fn run(args: &InitArgs) -> Exit {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    match write(&dir) {
        Ok(written) => {
            for path in written {
                println!("wrote {}", path.display());
            }
            println!(
                "next: edit the policy with both teams, then run `qualify check` and `qualify test --coverage`"
            );
            Exit::Clean
        }
        Err(message) => could_not_run(&message),
    }
}

fn write(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let policy = dir.join(POLICY_PATH);
    let config = dir.join(crate::config::FILE_NAME);
    if let Some(existing) = [&policy, &config].into_iter().find(|path| path.exists()) {
        return Err(format!(
            "{} already exists; qualify init never overwrites a file",
            existing.display()
        ));
    }
    if let Some(folder) = policy.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot create {}: {error}", folder.display()))?;
    }
    std::fs::write(&policy, crate::signoff::unsigned(STARTER_POLICY))
        .map_err(|error| format!("cannot write {}: {error}", policy.display()))?;
    std::fs::write(&config, STARTER_CONFIG)
        .map_err(|error| format!("cannot write {}: {error}", config.display()))?;
    Ok(vec![policy, config])
}
