//! Sign-off: approvals bound to the exact agreed content (docs/language.md,
//! "Sign-off"; docs/approval.md).

mod common;

use common::{TempDir, exited, succeeded};

use sha2::{Digest, Sha256};

/// A signed-off agreement, written untidily, with comments.
const AGREEMENT: &str = r#"# Northwind's agreement.
policy "Northwind" { version "4"  party marketing "Priya Natarajan <priya@northwind.example>"
  party sales "Tom Becker" }
fields { id text key   employees number?   # from enrichment
}
stage MQL "Marketing qualified lead" { requires employees >= 200 "Big enough" }
"#;

/// AGREEMENT's content in canonical layout without comments, written out by
/// hand from docs/language.md ("Layout"): what the digest fingerprints.
const CONTENT: &str = r#"policy "Northwind" {
  version "4"
  party marketing "Priya Natarajan <priya@northwind.example>"
  party sales "Tom Becker"
}

fields {
  id        text key
  employees number?
}

stage MQL "Marketing qualified lead" {
  requires employees >= 200 "Big enough"
}
"#;

fn sha256(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

fn digest_of(source: &str) -> String {
    qualify::signoff::digest(&qualify::parse(source).file)
}

#[test]
fn the_digest_is_sha256_of_the_canonical_content_without_comments_or_signoffs() {
    assert_eq!(digest_of(AGREEMENT), sha256(CONTENT));
    let signed =
        format!("{AGREEMENT}\nsignoff sales \"Tom Becker\" on 2026-01-30 digest \"sha256:00\"\n");
    assert_eq!(digest_of(&signed), sha256(CONTENT));
    assert_eq!(digest_of(CONTENT), sha256(CONTENT));
}

#[test]
fn layout_and_comments_keep_the_digest_and_meaning_changes_it() {
    let same = [
        AGREEMENT.replace("# from enrichment", "# from the enrichment vendor"),
        AGREEMENT.replace("# Northwind's agreement.\n", ""),
        AGREEMENT.replace("employees >= 200", "employees>=200"),
        AGREEMENT.replace("200", "2_00"),
    ];
    for text in &same {
        assert_eq!(digest_of(text), sha256(CONTENT), "{text}");
    }
    let different = [
        AGREEMENT.replace("200", "250"),
        AGREEMENT.replace("Big enough", "Large enough"),
        AGREEMENT.replace("version \"4\"", "version \"5\""),
        AGREEMENT.replace("employees number?", "employees number"),
    ];
    for text in &different {
        assert_ne!(digest_of(text), sha256(CONTENT), "{text}");
    }
}

/// A folder with AGREEMENT as `p.qual` and two leads.
fn workspace(name: &str) -> TempDir {
    let dir = TempDir::new(&format!("signoff-{name}"));
    dir.write("p.qual", AGREEMENT);
    dir.write("leads.csv", "id,employees\nL-1,500\nL-2,\n");
    dir
}

fn sign_both(dir: &TempDir) {
    for (party, name, date) in [
        ("marketing", "Priya Natarajan", "2026-01-28"),
        ("sales", "Tom Becker", "2026-01-30"),
    ] {
        succeeded(&dir.qualify(&[
            "sign", "p.qual", "--party", party, "--name", name, "--date", date,
        ]));
    }
}

#[test]
fn sign_writes_each_partys_line_and_the_policy_then_passes_require_signoff() {
    let dir = workspace("sign");
    let (unsigned, _) = exited(&dir.qualify(&["check", "--require-signoff", "p.qual"]), 1);
    assert!(
        unsigned.contains("marketing has not signed off this policy"),
        "{unsigned}"
    );
    sign_both(&dir);
    let digest = sha256(CONTENT);
    let expected = format!(
        "{AGREEMENT}\nsignoff marketing \"Priya Natarajan\" on 2026-01-28 digest \"{digest}\"\n\
         signoff sales \"Tom Becker\" on 2026-01-30 digest \"{digest}\"\n"
    );
    assert_eq!(dir.read("p.qual"), expected);
    succeeded(&dir.qualify(&["check", "--require-signoff", "p.qual"]));
}

#[test]
fn signing_again_replaces_the_partys_line() {
    let dir = workspace("again");
    sign_both(&dir);
    let output = dir.qualify(&[
        "sign",
        "p.qual",
        "--party",
        "sales",
        "--name",
        "Ann Lee",
        "--date",
        "2026-03-01",
    ]);
    succeeded(&output);
    let policy = dir.read("p.qual");
    assert_eq!(policy.matches("signoff sales").count(), 1, "{policy}");
    assert!(policy.ends_with(&format!(
        "signoff sales \"Ann Lee\" on 2026-03-01 digest \"{}\"\n",
        sha256(CONTENT)
    )));
}

#[test]
fn a_change_in_meaning_makes_signoffs_stale() {
    let dir = workspace("stale");
    sign_both(&dir);
    dir.write("p.qual", &dir.read("p.qual").replace(">= 200", ">= 150"));
    // A stale sign-off is a warning.
    let text = succeeded(&dir.qualify(&["check", "p.qual"]));
    assert!(
        text.contains(
            "sales (Tom Becker) approved an earlier version on 2026-01-30; ask for a new sign-off"
        ),
        "{text}"
    );
    assert!(text.contains("marketing (Priya Natarajan) approved an earlier version on 2026-01-28"));
    let (required, _) = exited(&dir.qualify(&["check", "--require-signoff", "p.qual"]), 1);
    assert!(required.contains("2 errors"), "{required}");
}

#[test]
fn formatting_and_comments_keep_signoffs_current() {
    let dir = workspace("fmt");
    sign_both(&dir);
    succeeded(&dir.qualify(&["fmt", "p.qual"]));
    assert_ne!(
        dir.read("p.qual"),
        AGREEMENT,
        "fmt should have changed the layout"
    );
    dir.write(
        "p.qual",
        &dir.read("p.qual")
            .replace("# from enrichment", "# from enrichment (Clearbit)"),
    );
    succeeded(&dir.qualify(&["check", "--require-signoff", "p.qual"]));
}

#[test]
fn an_unknown_party_is_refused_naming_the_declared_ones() {
    let dir = workspace("unknown");
    let sign = ["sign", "p.qual", "--party", "finance", "--name", "Kim"];
    let (_, errors) = exited(&dir.qualify(&sign), 2);
    assert!(
        errors.contains("p.qual declares no party `finance`; the parties are: marketing, sales"),
        "{errors}"
    );
    assert_eq!(dir.read("p.qual"), AGREEMENT);
}

#[test]
fn eval_with_require_signoff_refuses_a_stale_policy_and_records_the_digest() {
    let dir = workspace("eval");
    let args = [
        "eval",
        "p.qual",
        "leads.csv",
        "--as-of",
        "2026-06-01T00:00:00Z",
        "--require-signoff",
    ];
    let (results, errors) = exited(&dir.qualify(&args), 1);
    assert!(
        errors.contains("no current sign-off from marketing, sales"),
        "{errors}"
    );
    assert_eq!(results, "", "nothing is evaluated");

    sign_both(&dir);
    let (results, summary) = exited(&dir.qualify(&args), 0);
    let digest = sha256(CONTENT);
    assert!(summary.contains(&format!(
        "policy digest {digest} (signed off by every party)"
    )));
    for line in results.lines() {
        let result: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        assert_eq!(result["policy"]["version"], "4");
        assert_eq!(result["policy"]["digest"], digest.as_str());
    }

    dir.write(
        "p.qual",
        &dir.read("p.qual").replace("Big enough", "Large enough"),
    );
    let (_, errors) = exited(&dir.qualify(&args), 1);
    assert!(errors.contains("no current sign-off from marketing, sales"));
}
