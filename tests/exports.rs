//! Real CRM exports (issue #16): where the settings are found, headers
//! matched as CRMs write them, settings checked before any row is read, and
//! the HubSpot, Salesforce and Marketo samples of `examples/exports/`
//! read as docs/exports.md says.

mod common;

use common::{TempDir, exited, qualify, succeeded};

const POLICY: &str = r#"policy "Exports" {
  version "1"
  effective 2026-01-01
  party marketing "Dana Kim <dana@acme.example>"
  party sales "Raj Patel <raj@acme.example>"
}

fields {
  id       text     "CRM lead id" key
  views    number?  "Page views per visit"
  created  time?    "Create Date"
}

score fit "Fit" {
  +1 per views
}

stage SEEN "Seen" {
  requires created is present "Created"
}
"#;

/// `qualify eval --format csv` as of a fixed instant, run in `dir`.
fn eval(dir: &TempDir, args: &[&str]) -> std::process::Output {
    let mut all = vec!["eval", "--as-of", "2026-06-01T12:00:00Z", "--format", "csv"];
    all.extend(args);
    dir.qualify(&all)
}

// Point 1: a mapping that points nowhere is said, and said again in the
// summary, with the nearest header; the run goes on (the field is
// optional). `check` tells a mapping for a field the policy lacks.
#[test]
fn a_mapping_that_points_nowhere_is_told() {
    let dir = TempDir::new("exports-nowhere");
    dir.write("p.qual", POLICY);
    dir.write("leads.csv", "id,Page Views Per Visit\nA,3\n");
    dir.write(
        "qualify.toml",
        "[columns]\nviews = \"Page Views/Visit\"\nemail = \"E-mail\"\n",
    );
    let (results, told) = exited(&eval(&dir, &["p.qual", "leads.csv"]), 0);
    assert_eq!(
        results,
        "id,stage,reached,undesirable,fit,errors\nA,none,,,0,\n"
    );
    assert!(
        told.contains(
            "warning: qualify.toml maps `views` to column `Page Views/Visit`, which the export \
             does not have, so `views` is missing for every lead; did you mean `Page Views Per Visit`?"
        ),
        "{told}"
    );
    let warned = told
        .find("so `views` is missing for every lead")
        .unwrap_or(usize::MAX);
    let summary = told.find("evaluated 1 lead").unwrap_or(0);
    assert!(
        warned < summary,
        "told before the rows, and again in the summary: {told}"
    );
    assert_eq!(told.matches("so `views` is missing").count(), 2, "{told}");
    assert!(
        told.contains("[columns] names `email`, which is not a field of the policy"),
        "{told}"
    );
    let (_, checked) = exited(&dir.qualify(&["check", "p.qual"]), 0);
    assert!(
        checked.contains("warning: qualify.toml: [columns] names `email`"),
        "{checked}"
    );
    exited(&dir.qualify(&["check", "--deny-warnings", "p.qual"]), 1);
}

// Point 2: `Page Views Per Visit` feeds `page_views_per_visit`, told once
// in the summary; two headers alike for one field are an error naming both.
#[test]
fn headers_match_ignoring_case_unless_two_are_alike() {
    let dir = TempDir::new("exports-alike");
    dir.write("p.qual", POLICY);
    dir.write("leads.csv", "ID,Views\nA,3\n");
    let (results, told) = exited(&eval(&dir, &["p.qual", "leads.csv"]), 0);
    assert_eq!(
        results,
        "id,stage,reached,undesirable,fit,errors\nA,none,,,3,\n"
    );
    assert_eq!(
        told.matches("read `id` from column `ID`").count(),
        1,
        "{told}"
    );
    assert_eq!(
        told.matches("read `views` from column `Views`").count(),
        1,
        "{told}"
    );
    // A header of the field's very name is the one meant.
    dir.write("exact.csv", "id,Views,views \nA,3,4\n");
    let (exact, _) = exited(&eval(&dir, &["p.qual", "exact.csv"]), 0);
    assert!(exact.ends_with("A,none,,,4,\n"), "{exact}");
    dir.write("alike.csv", "id,Views,VIEWS\nA,3,4\n");
    let (_, refused) = exited(&eval(&dir, &["p.qual", "alike.csv"]), 2);
    assert!(
        refused.contains("`views` could be read from the columns `Views` and `VIEWS`"),
        "{refused}"
    );
}

// Point 3: the settings are found from the policy's folder up, whatever
// folder the command runs in, or named with `--config`.
#[test]
fn settings_are_found_from_the_policy_up_or_named() {
    let dir = TempDir::new("exports-found");
    std::fs::create_dir_all(dir.0.join("team/policies")).expect("folders");
    std::fs::create_dir_all(dir.0.join("elsewhere")).expect("folders");
    dir.write("team/policies/p.qual", POLICY);
    dir.write("team/qualify.toml", "[columns]\nviews = \"Visits\"\n");
    dir.write("team/leads.csv", "id,Visits\nA,3\n");
    dir.write("other.toml", "[columns]\nviews = \"Sessions\"\n");
    dir.write("team/sessions.csv", "id,Sessions\nA,7\n");
    let run = |args: &[&str]| {
        let mut all = vec!["eval", "--as-of", "2026-06-01T12:00:00Z", "--format", "csv"];
        all.extend(args);
        common::qualify_in(&dir.0.join("elsewhere"), &all)
    };
    let found = succeeded(&run(&["../team/policies/p.qual", "../team/leads.csv"]));
    assert!(found.ends_with("A,none,,,3,\n"), "{found}");
    let named = run(&[
        "--config",
        "../other.toml",
        "../team/policies/p.qual",
        "../team/sessions.csv",
    ]);
    assert!(succeeded(&named).ends_with("A,none,,,7,\n"));
    let (_, missing) = exited(
        &run(&["--config", "none.toml", "../team/policies/p.qual", "x.csv"]),
        2,
    );
    assert!(missing.contains("none.toml: no such file"), "{missing}");
}

// Point 4: a time field's zone-less values need a zone: the policy's one
// calendar gives it; a declared format without one stops before any row.
#[test]
fn zones_come_from_the_settings_or_the_policys_calendar() {
    let dir = TempDir::new("exports-zones");
    let calendar = "calendar office \"Office\" {\n  timezone \"Asia/Tokyo\"\n  hours mon-fri 09:00-18:00\n}\n\
                    sla \"Look\" {\n  owner sales\n  from created to created\n  within 1 business hours on office\n}\n";
    dir.write("p.qual", &format!("{POLICY}\n{calendar}"));
    dir.write("leads.csv", "id,created\nA,2026-03-09 09:00\n");
    let out = dir.qualify(&[
        "eval",
        "--as-of",
        "2026-06-01T12:00:00Z",
        "p.qual",
        "leads.csv",
    ]);
    assert!(succeeded(&out).contains(r#""due":"2026-03-09T01:00:00Z""#));
    dir.write(
        "bad.toml",
        "[export]\ntime_format = \"%d/%m/%Y %H:%M\"\ntime_zone = \"Europe/Berln\"\n",
    );
    let (_, refused) = exited(
        &eval(&dir, &["--config", "bad.toml", "p.qual", "leads.csv"]),
        2,
    );
    assert!(
        refused.contains("bad.toml: [export] time_zone: there is no time zone \"Europe/Berln\"; did you mean \"Europe/Berlin\"?"),
        "{refused}"
    );
    exited(
        &dir.qualify(&["check", "--config", "bad.toml", "p.qual"]),
        2,
    );
    dir.write("p.qual", POLICY);
    dir.write(
        "nozone.toml",
        "[fields.created]\nformat = \"%d/%m/%Y %H:%M\"\n",
    );
    let (results, refused) = exited(
        &eval(&dir, &["--config", "nozone.toml", "p.qual", "leads.csv"]),
        2,
    );
    assert_eq!(results, "", "no row is read");
    assert!(refused.contains("writes no zone"), "{refused}");
}

/// `examples/exports/<crm>/`: a policy, a sample export and the
/// qualify.toml beside them that reads it.
fn sample(crm: &str) -> (String, String) {
    let folder = format!("examples/exports/{crm}");
    exited(
        &qualify(&[
            "eval",
            "--as-of",
            "2026-06-01T12:00:00Z",
            "--format",
            "csv",
            &format!("{folder}/policy.qual"),
            &format!("{folder}/leads.csv"),
        ]),
        0,
    )
}

#[test]
fn hubspot_headers_times_and_dropdowns_read() {
    let (results, told) = sample("hubspot");
    assert_eq!(
        results,
        "id,stage,reached,undesirable,fit,errors\n101,MQL,MQL,,25,\n102,none,,,0,\n103,none,,,15,\n"
    );
    assert!(
        told.contains("read `job_title` from column `Job Title`"),
        "{told}"
    );
}

#[test]
fn salesforce_month_first_times_read_with_their_format() {
    let (results, _) = sample("salesforce");
    assert_eq!(
        results,
        "id,stage,reached,undesirable,fit,errors\n00Q5e00001,MQL,MQL,,10,\n00Q5e00002,MQL,MQL,,10,\n00Q5e00003,none,,,0,\n"
    );
}

#[test]
fn marketo_placeholders_are_missing() {
    let (results, _) = sample("marketo");
    assert_eq!(
        results,
        "id,stage,reached,undesirable,fit,errors\n5001,MQL,MQL,,72,\n5002,none,,,0,\n5003,none,,,35,\n"
    );
}

// The docs' settings snippets are settings qualify reads.
#[test]
fn toml_snippets_in_exports_md_are_settings() {
    let text = std::fs::read_to_string("docs/exports.md").expect("docs/exports.md");
    let mut blocks = 0;
    for block in text.split("```toml\n").skip(1) {
        let toml = block.split("```").next().unwrap_or_default();
        let parsed: Result<qualify::config::Config, _> = toml::from_str(toml);
        assert!(parsed.is_ok(), "{toml}\n{parsed:?}");
        blocks += 1;
    }
    assert!(blocks >= 5, "only {blocks} toml blocks in docs/exports.md");
}
