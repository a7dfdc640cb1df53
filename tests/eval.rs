//! The evaluation corpus: each `tests/corpus/eval/<case>.qual` policy is
//! evaluated over `<case>.csv` (or `<case>.jsonl`) as of 2026-06-01T12:00:00Z
//! with `qualify eval` (and `--config <case>.toml` when the case has its
//! own settings); the results are snapshotted beside the inputs.
//! Every case's expected results were worked out by hand (see the comments
//! in each policy).

mod common;

use std::path::Path;

use common::{qualify, succeeded};

/// `qualify eval` as of 2026-06-01T12:00:00Z with extra options; its results.
fn eval(policy: &Path, leads: &Path, options: &[&str]) -> String {
    let (policy, leads) = (policy.display().to_string(), leads.display().to_string());
    let mut args = vec!["eval", "--as-of", "2026-06-01T12:00:00Z"];
    args.extend(options);
    args.extend([policy.as_str(), leads.as_str()]);
    succeeded(&qualify(&args))
}

fn leads_for(policy: &Path) -> std::path::PathBuf {
    ["csv", "jsonl"]
        .iter()
        .map(|ext| policy.with_extension(ext))
        .find(|path| path.exists())
        .unwrap_or_else(|| panic!("{} has no .csv or .jsonl beside it", policy.display()))
}

#[test]
fn each_case_gives_its_results() {
    insta::glob!("corpus/eval/*.qual", |path| {
        let leads = leads_for(path);
        // A case's own settings, `<case>.toml`, as `--config` names them.
        let settings = path.with_extension("toml");
        let named = settings.display().to_string();
        let mut options = vec!["--jobs", "2"];
        if settings.exists() {
            options.extend(["--config", named.as_str()]);
        }
        let results = eval(path, &leads, &options);
        let policy = std::fs::read_to_string(path).expect("policy");
        // Lossy: some inputs hold bytes that are not UTF-8 on purpose.
        let input = String::from_utf8_lossy(&std::fs::read(&leads).expect("leads")).into_owned();
        let inputs = input.lines().filter(|line| !line.trim().is_empty()).count();
        let header = usize::from(leads.extension().is_some_and(|ext| ext == "csv"));
        assert_eq!(
            results.lines().count(),
            inputs - header,
            "one result per input record"
        );
        let settings = match std::fs::read_to_string(&settings) {
            Ok(text) => format!(
                "── {} ──\n{text}\n",
                named.rsplit('/').next().unwrap_or_default()
            ),
            Err(_) => String::new(),
        };
        insta::assert_snapshot!(format!(
            "{policy}\n{settings}── {} ──\n{input}\n── results ──\n{results}",
            leads.file_name().unwrap_or_default().to_string_lossy()
        ));
    });
}

/// Output does not depend on how many threads evaluate.
#[test]
fn results_are_the_same_for_every_job_count() {
    let policy = Path::new("policies/acme.qual");
    let leads = Path::new("examples/leads.csv");
    let run = |jobs: &str| eval(policy, leads, &["--jobs", jobs, "--format", "csv"]);
    let one = run("1");
    assert!(one.len() > 100);
    assert_eq!(one, run("2"));
    assert_eq!(one, run("3"));
}
