//! The `qualify` binary end to end: output and exit codes (docs/cli.md).

mod common;

use common::{TempDir, UNPARSABLE, UNPARSABLE_AT, exited, qualify, stdout, succeeded, with_input};

#[test]
fn check_passes_the_shipped_policies() {
    let output = qualify(&["check", "policies"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("no problems"));
}

#[test]
fn check_without_files_reads_the_policies_folder() {
    let output = qualify(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let files = std::fs::read_dir("policies").expect("policies/").count();
    assert!(
        stdout(&output).contains(&format!("checked {files} files")),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_policy_that_does_not_parse_exits_2_with_a_located_message() {
    let (text, _) = exited(&qualify(&["check", UNPARSABLE]), 2);
    assert!(text.contains(UNPARSABLE_AT), "{text}");
    assert!(
        text.contains("`=` compares nothing here; use `==` or `is`"),
        "{text}"
    );
    assert!(text.contains("1 error"), "{text}");
}

#[test]
fn every_file_is_checked_even_after_a_bad_one() {
    let output = qualify(&[
        "check",
        "tests/corpus/syntax/invalid/misspelled_requries.qual",
        "tests/corpus/syntax/invalid/score_points_without_sign.qual",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("did you mean `requires`?"), "{text}");
    assert!(text.contains("score points need a sign"), "{text}");
    assert!(text.contains("checked 2 files: 2 errors"), "{text}");
}

#[test]
fn a_missing_file_exits_2_naming_it() {
    let output = qualify(&["check", "no/such/policy.qual"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no/such/policy.qual: no such file"),
        "{stderr}"
    );
}

#[test]
fn a_file_that_is_not_text_exits_2() {
    let dir = std::env::temp_dir().join(format!("qualify-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("binary.qual");
    std::fs::write(&path, [0x66, 0x6f, 0xff, 0xfe]).expect("write");
    let output = qualify(&["check", path.to_str().expect("utf-8 path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("is not UTF-8 text (invalid byte at offset 2)")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn unknown_arguments_exit_2() {
    assert_eq!(qualify(&["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(qualify(&["frobnicate"]).status.code(), Some(2));
}

/// `qualify eval p.qual leads.csv` as CSV, as of a fixed instant; it must succeed.
fn eval_csv(dir: &TempDir) -> String {
    succeeded(&dir.qualify(&[
        "eval",
        "p.qual",
        "leads.csv",
        "--format",
        "csv",
        "--as-of",
        "2026-06-01T00:00:00Z",
    ]))
}

const UNUSED_FIELD_POLICY: &str = r#"policy "Levels" { version "1" party marketing "M" party sales "S" }
fields {
  id text key
  country text?
}
"#;

#[test]
fn warnings_pass_unless_denied() {
    let dir = TempDir::new("deny");
    dir.write("p.qual", UNUSED_FIELD_POLICY);
    let output = dir.qualify(&["check", "p.qual"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("field `country` is never used"));
    assert!(stdout(&output).contains("checked 1 file: 1 warning"));
    assert_eq!(
        dir.qualify(&["check", "p.qual", "--deny-warnings"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn qualify_toml_sets_lint_levels_by_name_or_code() {
    let dir = TempDir::new("levels");
    dir.write("p.qual", UNUSED_FIELD_POLICY);
    dir.write("qualify.toml", "[lint]\nunused-field = \"deny\"\n");
    let denied = dir.qualify(&["check", "p.qual"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(stdout(&denied).contains("1 error"), "{}", stdout(&denied));

    dir.write("qualify.toml", "[lint]\nQ0704 = \"allow\"\n");
    let allowed = dir.qualify(&["check", "p.qual"]);
    assert_eq!(allowed.status.code(), Some(0));
    assert!(
        stdout(&allowed).contains("no problems"),
        "{}",
        stdout(&allowed)
    );
}

#[test]
fn qualify_toml_mistakes_stop_the_run() {
    let dir = TempDir::new("badtoml");
    dir.write("p.qual", UNUSED_FIELD_POLICY);
    dir.write("qualify.toml", "[lint]\nunused-feild = \"allow\"\n");
    let output = dir.qualify(&["check", "p.qual"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`unused-feild` is not a lint; did you mean `unused-field`?"),
        "{stderr}"
    );

    dir.write("qualify.toml", "[lint]\nunknown-name = \"allow\"\n");
    let stderr = String::from_utf8_lossy(&dir.qualify(&["check", "p.qual"]).stderr).into_owned();
    assert!(
        stderr
            .contains("`unknown-name` (Q0101) is always an error and cannot be allowed or changed"),
        "{stderr}"
    );

    dir.write("qualify.toml", "[lint]\nunused-field = \"sometimes\"\n");
    assert_eq!(dir.qualify(&["check", "p.qual"]).status.code(), Some(2));
}

#[test]
fn a_comment_with_a_reason_allows_one_finding() {
    let dir = TempDir::new("suppress");
    let policy = UNUSED_FIELD_POLICY.replace(
        "  country text?",
        "  # qualify: allow(unused-field) — the export needs this column\n  country text?",
    );
    dir.write("p.qual", &policy);
    let output = dir.qualify(&["check", "p.qual"]);
    assert!(
        stdout(&output).contains("no problems"),
        "{}",
        stdout(&output)
    );

    dir.write(
        "p.qual",
        &UNUSED_FIELD_POLICY.replace(
            "  country text?",
            "  # qualify: allow(unused-field)\n  country text?",
        ),
    );
    let output = dir.qualify(&["check", "p.qual"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("this `allow` gives no reason"),
        "{}",
        stdout(&output)
    );
}

fn mixed_findings(dir: &TempDir) -> std::path::PathBuf {
    dir.write(
        "mixed.qual",
        r#"policy "Mixed, with: punctuation" { version "1" party marketing "M" party sales "S" }
fields {
  id text key
  country text?
  employees number?
}
stage MQL "Marketing qualified lead" {
  requires emplyees > 10
}
"#,
    )
}

#[test]
fn json_gives_one_object_per_diagnostic() {
    let dir = TempDir::new("json");
    mixed_findings(&dir);
    let output = dir.qualify(&["check", "mixed.qual", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let objects: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(objects.len(), 3, "{objects:?}");
    let unknown = objects
        .iter()
        .find(|o| o["name"] == "unknown-name")
        .expect("unknown-name");
    assert_eq!(unknown["code"], "Q0101");
    assert_eq!(unknown["severity"], "error");
    assert_eq!(unknown["file"], "mixed.qual");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(8), Some(12))
    );
    assert!(
        unknown["help"]
            .as_str()
            .is_some_and(|help| help.contains("employees"))
    );
    assert!(objects.iter().all(|o| o["message"].is_string()));
}

#[test]
fn github_format_writes_workflow_commands() {
    let dir = TempDir::new("github");
    mixed_findings(&dir);
    let output = dir.qualify(&["check", "mixed.qual", "--format", "github"]);
    let text = stdout(&output);
    let error = text
        .lines()
        .find(|line| line.starts_with("::error "))
        .expect("an error line");
    assert!(
        error.starts_with("::error file=mixed.qual,line=8,col=12,endLine=8,endColumn=20,title=Q0101 unknown-name::unknown name `emplyees`"),
        "{error}"
    );
    assert!(
        error.contains("%0A"),
        "multi-line messages are escaped: {error}"
    );
    assert!(
        text.lines()
            .any(|line| line.starts_with("::warning file=mixed.qual,line=4,")),
        "{text}"
    );
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/sarif/sarif-schema-2.1.0.json").expect("schema"),
    )
    .expect("schema JSON");
    // The official schema's `language` patterns have a stray `]` that only
    // lenient (browser) regex engines accept as a literal; escape it so the
    // schema compiles, with the same meaning.
    for definition in ["run", "toolComponent"] {
        let pattern = &mut schema["definitions"][definition]["properties"]["language"]["pattern"];
        assert_eq!(pattern, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *pattern = serde_json::json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$");
    }
    let validator = jsonschema::validator_for(&schema).expect("a usable schema");
    let dir = TempDir::new("sarif");
    mixed_findings(&dir);
    let output = dir.qualify(&["check", "mixed.qual", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&output.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(
        !validator.is_valid(&broken),
        "the schema must catch a bad level"
    );
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    // An empty run is valid too.
    dir.write(
        "clean.qual",
        "policy \"C\" { version \"1\" party marketing \"M\" }\nfields { id text key }\n",
    );
    let clean: serde_json::Value = serde_json::from_slice(
        &dir.qualify(&["check", "clean.qual", "--format", "sarif"])
            .stdout,
    )
    .expect("JSON");
    assert!(validator.is_valid(&clean));
    assert_eq!(
        clean["runs"][0]["results"].as_array().map(Vec::len),
        Some(0)
    );
}

const SMALL_POLICY: &str = r#"policy "Small" { version "1" party marketing "M" party sales "S" }
fields {
  id text key
  title text?
  employees number
}
stage MQL "Marketing qualified lead" {
  requires employees >= 200
  requires title contains "vp"
}
"#;

#[test]
fn eval_reads_json_lines_from_standard_input() {
    let dir = TempDir::new("stdin");
    dir.write("p.qual", SMALL_POLICY);
    let input = "{\"id\":\"A\",\"title\":\" VP Sales \",\"employees\":250}\n\n{\"id\":\"B\",\"employees\":null}\n";
    let output = with_input(
        &dir,
        &[
            "eval",
            "p.qual",
            "-",
            "--input",
            "jsonl",
            "--as-of",
            "2026-06-01T00:00:00Z",
        ],
        input,
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["stage"], "MQL");
    assert_eq!(lines[1]["stage"], "invalid");
    assert_eq!(
        lines[1]["errors"][0],
        "line 3: employees is required but missing"
    );
    let without_format = with_input(&dir, &["eval", "p.qual", "-"], input);
    assert_eq!(without_format.status.code(), Some(2));
}

#[test]
fn qualify_toml_maps_export_columns() {
    let dir = TempDir::new("columns");
    dir.write("p.qual", SMALL_POLICY);
    dir.write(
        "leads.csv",
        "Lead ID,Job Title,Number of Employees,Notes\nA,VP Sales,250,x\n",
    );
    let missing = dir.qualify(&["eval", "p.qual", "leads.csv"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr).into_owned();
    assert!(
        stderr.contains("no column for the required fields `id`, `employees`"),
        "{stderr}"
    );

    dir.write(
        "qualify.toml",
        "[columns]\nid = \"Lead ID\"\ntitle = \"Job Title\"\nemployees = \"Number of Employees\"\n",
    );
    assert_eq!(
        eval_csv(&dir),
        "id,stage,reached,undesirable,errors\nA,MQL,MQL,,\n"
    );

    dir.write("qualify.toml", "[columns]\ntitel = \"Job Title\"\n");
    let typo = dir.qualify(&["eval", "p.qual", "leads.csv"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("did you mean `title`?"));
}

#[test]
fn eval_refuses_a_policy_with_errors() {
    let dir = TempDir::new("badpolicy");
    dir.write(
        "p.qual",
        &SMALL_POLICY.replace("employees >= 200", "emploees >= 200"),
    );
    dir.write("leads.csv", "id,title,employees\nA,VP,300\n");
    let output = dir.qualify(&["eval", "p.qual", "leads.csv"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown name `emploees`"), "{stderr}");
    assert!(stdout(&output).is_empty());
}

#[test]
fn eval_reads_csv_with_a_byte_order_mark_and_quoted_fields() {
    let dir = TempDir::new("bom");
    dir.write("p.qual", SMALL_POLICY);
    dir.write("leads.csv", "\u{feff}id,title,employees\nA,\"VP, Sales \"\"EMEA\"\"\",250\n\"B\",\"Head of\nSales\",10\n");
    assert_eq!(
        eval_csv(&dir),
        "id,stage,reached,undesirable,errors\nA,MQL,MQL,,\nB,none,,,\n"
    );
}

#[test]
fn test_runs_the_examples_and_reports_failures() {
    let passing = qualify(&["test", "policies"]);
    assert_eq!(passing.status.code(), Some(0), "{}", stdout(&passing));
    assert!(
        stdout(&passing).trim_end().ends_with(" passed, 0 failed"),
        "{}",
        stdout(&passing)
    );

    let failing = qualify(&["test", "tests/corpus/check/failing_example.qual"]);
    assert_eq!(failing.status.code(), Some(1));
    let text = stdout(&failing);
    assert!(
        text.contains("FAILED  Demo request with pricing visit"),
        "{text}"
    );
    assert!(text.contains("expected score engagement 50"), "{text}");
    assert!(text.contains("got      score engagement 45"), "{text}");
    assert!(
        text.contains("+15  Visited the pricing page"),
        "the explanation is shown: {text}"
    );
    assert!(text.trim_end().ends_with("0 passed, 1 failed"), "{text}");

    let junit = qualify(&[
        "test",
        "tests/corpus/check/failing_example.qual",
        "--format",
        "junit",
    ]);
    let xml = stdout(&junit);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(
        xml.contains(
            "<testsuite name=\"tests/corpus/check/failing_example.qual\" tests=\"1\" failures=\"1\""
        ),
        "{xml}"
    );
    assert!(
        xml.contains("<failure message=\"expected score engagement 50, got score engagement 45\">"),
        "{xml}"
    );
}

#[test]
fn coverage_lists_what_no_example_exercises() {
    let full = qualify(&["test", "policies", "--min-coverage", "100"]);
    assert_eq!(
        full.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&full.stderr)
    );
    let report = String::from_utf8_lossy(&full.stderr).into_owned();
    assert!(
        report.contains("policies/acme.qual: coverage 100% (28 of 28)"),
        "{report}"
    );

    // One example that makes both rules apply leaves their "not apply" side,
    // and the criterion's false side, unexercised: 0 of 3 covered.
    let partial = qualify(&[
        "test",
        "tests/corpus/check/failing_example.qual",
        "--coverage",
    ]);
    let report = String::from_utf8_lossy(&partial.stderr).into_owned();
    assert!(report.contains("coverage 0% (0 of 3)"), "{report}");
    assert!(
        report.contains("score engagement: Filled in the demo form: no example makes it not apply"),
        "{report}"
    );
    assert!(
        report.contains("stage MQL: Engaged enough to hand over: no example makes it not apply"),
        "{report}"
    );
}

#[test]
fn init_writes_a_starter_that_checks_and_is_fully_covered() {
    let dir = TempDir::new("init");
    let output = dir.qualify(&["init"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.0.join("policies/lead-qualification.qual").exists());
    let config = std::fs::read_to_string(dir.0.join("qualify.toml")).expect("qualify.toml");
    assert!(
        config.contains("[columns]") && config.contains("[lint]"),
        "{config}"
    );

    let check = dir.qualify(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("checked 1 file: no problems"),
        "{}",
        stdout(&check)
    );
    let test = dir.qualify(&["test", "--min-coverage", "100"]);
    assert_eq!(
        test.status.code(),
        Some(0),
        "{}{}",
        stdout(&test),
        String::from_utf8_lossy(&test.stderr)
    );

    let again = dir.qualify(&["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
}

#[test]
fn report_counts_slas_targets_and_the_funnel() {
    let dir = TempDir::new("report");
    dir.write(
        "p.qual",
        r#"policy "Report" { version "1" party marketing "M" party sales "S" }
fields {
  id text key
  score_points number
  qualified bool
  mql_at time?
  sal_at time?
  touched_at time?
}
score interest { +1 per score_points }
stage MQL "Marketing qualified lead" { requires interest >= 10 }
stage SAL "Sales accepted lead" { after MQL requires qualified }
sla "Follow-up" {
  owner sales
  applies to MQL
  from mql_at to touched_at
  within 4 hours
  for at least 50% of leads
}
target "Monthly MQLs" { owner marketing at least 2 MQL per month by mql_at }
target "Acceptance" { owner sales at least 60% of MQL reach SAL }
target "Fast acceptance" { owner sales at least 50% of MQL reach SAL within 1 day }
"#,
    );
    // Conversions are counted by the month of `mql_at` (the MQL's time).
    // A: MQL in March, touched after 1 h (met), accepted 2 h after the MQL.
    // B: MQL in March, touched after 6 h (breached), not accepted.
    // C: MQL in April, not touched; as of 2 April 12:00, 2 h after: pending.
    // D: not an MQL (interest 3): SLA n/a.
    // E: MQL in March, touched after 1 h (met), accepted 3 days later.
    dir.write(
        "leads.csv",
        "id,score_points,qualified,mql_at,sal_at,touched_at\n\
         A,12,true,2026-03-02T09:00:00Z,2026-03-02T11:00:00Z,2026-03-02T10:00:00Z\n\
         B,15,false,2026-03-05T09:00:00Z,,2026-03-05T15:00:00Z\n\
         C,20,false,2026-04-02T10:00:00Z,,\n\
         D,3,true,,,\n\
         E,11,true,2026-03-10T09:00:00Z,2026-03-13T09:00:00Z,2026-03-10T10:00:00Z\n",
    );
    let output = dir.qualify(&[
        "report",
        "p.qual",
        "leads.csv",
        "--as-of",
        "2026-04-02T12:00:00Z",
        "--format",
        "json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let all = &report["groups"][0];
    assert_eq!(all["leads"], 5);
    let sla = &all["slas"][0];
    let statuses = (
        sla["met"].as_u64(),
        sla["breached"].as_u64(),
        sla["pending"].as_u64(),
    );
    assert_eq!(statuses, (Some(2), Some(1), Some(1)));
    assert_eq!(sla["not_applicable"], 1);
    // 2 met of 3 decided; response times 1 h, 1 h, 6 h.
    assert!((sla["compliance"].as_f64().unwrap_or(0.0) - 200.0 / 3.0).abs() < 1e-9);
    assert_eq!(sla["median_seconds"], 3600.0);
    let monthly = &all["targets"][0]["periods"];
    assert_eq!(
        monthly[0],
        serde_json::json!({"period": "2026-03", "value": 3.0, "met": true})
    );
    assert_eq!(
        monthly[1],
        serde_json::json!({"period": "2026-04", "value": 1.0, "met": false})
    );
    // March: A and E accepted, B not (2 of 3 >= 60%); April: C not (0 of 1).
    let acceptance = &all["targets"][1]["periods"];
    assert!((acceptance[0]["value"].as_f64().unwrap_or(0.0) - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(acceptance[0]["met"], true);
    assert_eq!(
        acceptance[1],
        serde_json::json!({"period": "2026-04", "value": 0.0, "met": false})
    );
    // Within a day: only A (2 h); E took 3 days. March is 1 of 3 < 50%.
    let fast = &all["targets"][2]["periods"];
    assert!((fast[0]["value"].as_f64().unwrap_or(0.0) - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(fast[0]["met"], false);
    assert_eq!(
        all["funnel"][0],
        serde_json::json!({"stage": "MQL", "reached": 4, "entered": 0})
    );
    assert_eq!(
        all["funnel"][1],
        serde_json::json!({"stage": "SAL", "reached": 2, "entered": 4})
    );

    let failing = dir.qualify(&[
        "report",
        "p.qual",
        "leads.csv",
        "--as-of",
        "2026-04-02T12:00:00Z",
        "--fail-on-breach",
    ]);
    assert_eq!(
        failing.status.code(),
        Some(1),
        "April misses the volume target"
    );
    assert!(
        stdout(&failing).contains("2026-04           1 (at least 2) MISSED"),
        "{}",
        stdout(&failing)
    );
}

const MESSY_POLICY: &str = "policy \"Messy\"{version \"1\" party marketing \"M\" party sales \"S\"}\n\
fields{id text key   employees number?}\n\
stage MQL \"Marketing qualified lead\"{requires employees>=200 # agreed in May\n}\n";

#[test]
fn fmt_check_prints_a_diff_and_changes_nothing() {
    let dir = TempDir::new("fmt-check");
    let path = dir.write("messy.qual", MESSY_POLICY);
    let output = dir.qualify(&["fmt", "--check", "messy.qual"]);
    assert_eq!(output.status.code(), Some(1));
    let diff = stdout(&output);
    assert!(
        diff.starts_with("--- messy.qual\n+++ messy.qual (formatted)\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-fields{id text key   employees number?}\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n+  requires employees >= 200  # agreed in May\n"),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), MESSY_POLICY);
}

#[test]
fn fmt_rewrites_in_place_and_then_has_nothing_to_do() {
    let dir = TempDir::new("fmt-write");
    let path = dir.write("messy.qual", MESSY_POLICY);
    let (_, summary) = exited(&dir.qualify(&["fmt", "messy.qual"]), 0);
    assert!(summary.contains("reformatted 1 of 1 file"), "{summary}");
    let formatted = std::fs::read_to_string(&path).expect("read");
    assert!(
        formatted.starts_with("policy \"Messy\" {\n  version \"1\"\n"),
        "{formatted}"
    );
    assert_eq!(
        succeeded(&dir.qualify(&["fmt", "--check", "messy.qual"])),
        ""
    );
}

#[test]
fn fmt_reads_standard_input_and_writes_standard_output() {
    let dir = TempDir::new("fmt-stdin");
    let formatted = succeeded(&with_input(&dir, &["fmt", "-"], MESSY_POLICY));
    assert!(
        formatted.contains("\nfields {\n  id        text key\n  employees number?\n}\n"),
        "{formatted}"
    );
    succeeded(&with_input(&dir, &["fmt", "--check", "-"], &formatted));
}

#[test]
fn fmt_leaves_a_policy_that_does_not_parse_alone() {
    let dir = TempDir::new("fmt-broken");
    let broken =
        "policy \"Broken\" { version \"1\" }\nstage MQL \"M\" { requires employees = 3 }\n";
    let path = dir.write("broken.qual", broken);
    let (_, errors) = exited(&dir.qualify(&["fmt", "broken.qual"]), 2);
    assert!(errors.contains("broken.qual:2:"), "{errors}");
    assert!(
        errors.contains("does not parse, so it was not formatted"),
        "{errors}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
}

#[test]
fn the_shipped_policies_are_formatted() {
    succeeded(&qualify(&["fmt", "--check", "policies"]));
}

/// An example without `as of` that requires a lead created within 30 days
/// of "now" (2026-03-02): `--as-of` fixes "now" for `check` and `test`
/// alike, and the lint names the example either way.
#[test]
fn check_and_test_run_examples_as_of_a_given_time() {
    const POLICY: &str = "tests/corpus/check/example_depends_on_now__within.qual";
    // 8 days after creation: both examples pass; only the warning remains.
    let march = ["--as-of", "2026-03-10T12:00:00Z"];
    let (text, _) = exited(&qualify(&[&["check", POLICY][..], &march].concat()), 0);
    assert!(text.contains("example-depends-on-now"), "{text}");
    assert!(!text.contains("failing-example"), "{text}");
    let (text, _) = exited(&qualify(&[&["test", POLICY][..], &march].concat()), 0);
    assert!(text.trim_end().ends_with("2 passed, 0 failed"), "{text}");
    // Two months on, the example without `as of` fails; the one with
    // `as of` 2026-03-10 still passes.
    let may = ["--as-of", "2026-05-01T00:00:00Z"];
    let (text, _) = exited(&qualify(&[&["check", POLICY][..], &may].concat()), 1);
    assert!(text.contains("failing-example"), "{text}");
    let (text, _) = exited(&qualify(&[&["test", POLICY][..], &may].concat()), 1);
    assert!(text.trim_end().ends_with("1 passed, 1 failed"), "{text}");
}

/// `[export]`: an export in Windows-1252, or UTF-16 with its byte order
/// mark, reads right; a delimiter set wrong, an empty file and a setting
/// qualify does not know stop the run, saying why.
#[test]
fn qualify_toml_sets_how_exports_are_encoded_and_separated() {
    let dir = TempDir::new("export-format");
    let corpus = std::path::Path::new("tests/corpus/eval/csv_not_utf8_says_which_encoding");
    let copy =
        |from: &std::path::Path, to: &str| std::fs::copy(from, dir.0.join(to)).expect("copy");
    copy(&corpus.with_extension("qual"), "p.qual");
    copy(&corpus.with_extension("csv"), "leads.csv");
    let unset = eval_csv(&dir);
    assert!(
        unset.contains("if it was exported as Windows-1252 (Excel on Windows)"),
        "{unset}"
    );
    dir.write("qualify.toml", "[export]\nencoding = \"windows-1252\"\n");
    assert_eq!(
        eval_csv(&dir),
        "id,stage,reached,undesirable,errors\nA,MQL,MQL,,\nB,MQL,MQL,,\nC,none,,,\n"
    );

    dir.write("p.qual", SMALL_POLICY);
    let write = |bytes: &[u8]| std::fs::write(dir.0.join("leads.csv"), bytes).expect("write");
    let text = "id,title,employees\r\nÅsa,VP Sales,300\r\n";
    let utf16: Vec<u8> = (std::iter::once(0xfeff).chain(text.encode_utf16()))
        .flat_map(u16::to_le_bytes)
        .collect();
    write(&utf16);
    let results = "id,stage,reached,undesirable,errors\nÅsa,MQL,MQL,,\n";
    assert_eq!(eval_csv(&dir), results);

    write("id;title;employees\nÅsa;VP Sales;300\n".as_bytes());
    dir.write("qualify.toml", "[export]\ndelimiter = \",\"\n");
    let (_, stderr) = exited(&dir.qualify(&["eval", "p.qual", "leads.csv"]), 2);
    assert!(
        stderr.contains(
            "The header looks separated by semicolons, but qualify.toml sets `delimiter = \",\"`"
        ),
        "{stderr}"
    );
    dir.write("qualify.toml", "");
    assert_eq!(eval_csv(&dir), results);

    for empty in [&b""[..], b"\r\n\n"] {
        write(empty);
        let (_, stderr) = exited(&dir.qualify(&["eval", "p.qual", "leads.csv"]), 2);
        assert!(
            stderr.contains("leads.csv: the file is empty: no header and no leads"),
            "{stderr}"
        );
    }
    dir.write("qualify.toml", "[export]\nencoding = \"utf-7\"\n");
    let (_, stderr) = exited(&dir.qualify(&["eval", "p.qual", "leads.csv"]), 2);
    assert!(stderr.contains("is not one qualify reads"), "{stderr}");
    // `check` refuses the same settings, so CI catches them first.
    let (_, stderr) = exited(&dir.qualify(&["check", "p.qual"]), 2);
    assert!(stderr.contains("is not one qualify reads"), "{stderr}");
}
