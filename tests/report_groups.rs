//! `qualify report --by FIELD` counts a slice of leads at a time, in
//! parallel, and adds the slices up in order: the totals and the groups
//! must be those of the whole export, and a group gathers every spelling
//! of one value (comparisons ignore case) under the spelling the export
//! first used.

mod common;

use common::TempDir;

const POLICY: &str = r#"
policy "Groups" { version "1" party marketing "M" party sales "S" }
fields {
  id        text    "CRM lead id" key
  country   text    "Country"
  employees number  "Company size"
}
stage BIG "A big company" {
  requires employees >= 200
}
"#;

#[test]
fn groups_and_totals_are_those_of_the_whole_export() {
    // 1,500 leads, well over one slice (512): lead i is in "DE" (i % 3 == 0),
    // "de" (1) or "Fr" (2), and big when i % 5 == 0; lead 7 is invalid.
    let mut csv = String::from("id,country,employees\n");
    for i in 0..1500 {
        let country = ["DE", "de", "Fr"][i % 3];
        let employees = if i == 7 {
            "many".to_string()
        } else if i % 5 == 0 {
            "300".to_string()
        } else {
            "10".to_string()
        };
        csv.push_str(&format!("L-{i},{country},{employees}\n"));
    }
    let dir = TempDir::new("report-groups");
    dir.write("policy.qual", POLICY);
    dir.write("leads.csv", &csv);
    let output = dir.qualify(&[
        "report",
        "policy.qual",
        "leads.csv",
        "--by",
        "country",
        "--format",
        "json",
        "--as-of",
        "2026-06-01T12:00:00Z",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let groups = report["groups"].as_array().expect("groups");
    let summary: Vec<(String, u64, u64, u64)> = groups
        .iter()
        .map(|group| {
            (
                group["group"].as_str().unwrap_or_default().to_string(),
                group["leads"].as_u64().unwrap_or_default(),
                group["invalid"].as_u64().unwrap_or_default(),
                group["funnel"][0]["reached"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    // By hand: 1,500 leads; "DE" and "de" are 500 each, one group of 1,000
    // named "DE" (lead 0 came first); "Fr" 500, with lead 7 (7 % 3 == 1 is
    // "de": so the DE group holds the invalid one). Big: i % 5 == 0, 300 in
    // all; among i % 3 == 2 (Fr) those with i % 15 == 5: 100; the rest 200.
    assert_eq!(
        summary,
        [
            ("all leads".to_string(), 1500, 1, 300),
            ("country = DE".to_string(), 1000, 1, 200),
            ("country = Fr".to_string(), 500, 0, 100),
        ]
    );
}
