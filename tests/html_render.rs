//! The HTML pages qualify writes (the compliance report, the agreement)
//! opened in headless Chromium: they render, draw their charts, and are
//! not blank. `.ci/run` installs Chromium;
//! elsewhere the test needs it on the PATH (or in QUALIFY_CHROMIUM).

use std::path::PathBuf;
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("QUALIFY_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|path| path.exists())
}

fn headless(chromium: &PathBuf, profile: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

/// Chromium, or `None` when the test should be skipped (never under CI).
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide Chromium (.ci/run installs it)"
        );
        eprintln!("skipped: no Chromium here (install the `chromium` package to run this test)");
    }
    found
}

/// Writes a page with `qualify ARGS --out FILE`, then returns the DOM as
/// Chromium builds it and the size of a screenshot of it.
fn open_in_browser(chromium: &PathBuf, name: &str, args: &[&str]) -> (String, usize) {
    let dir = std::env::temp_dir().join(format!("qualify-html-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join(format!("{name}.html"));
    let status = Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .arg("--out")
        .arg(&page)
        .status()
        .expect("run qualify");
    assert!(status.success());
    let url = format!("file://{}", page.display());

    let dom = headless(chromium, &dir.join("profile"), &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();

    let png = dir.join(format!("{name}.png"));
    headless(
        chromium,
        &dir.join("profile"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1000,1400",
            &url,
        ],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    let _ = std::fs::remove_dir_all(dir);
    (dom, bytes.len())
}

/// A blank page compresses to a few kilobytes; a page of text and charts
/// to far more.
const NOT_BLANK: usize = 30_000;

#[test]
fn the_html_report_renders_in_a_browser() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let (dom, png) = open_in_browser(
        &chromium,
        "report",
        &[
            "report",
            "policies/acme.qual",
            "examples/leads.csv",
            "--as-of",
            "2026-06-01T12:00:00Z",
            "--format",
            "html",
        ],
    );
    // Two SLAs with two charts each, and the funnel.
    assert_eq!(dom.matches("<svg").count(), 5, "{dom}");
    assert!(
        dom.contains("Monthly MQL volume") && dom.contains("MQL follow-up"),
        "{dom}"
    );
    assert!(png > NOT_BLANK, "the screenshot looks blank ({png} bytes)");
}

#[test]
fn the_agreement_renders_in_a_browser() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    for policy in ["policies/acme.qual", "policies/framework.qual"] {
        let (dom, png) = open_in_browser(&chromium, "doc", &["doc", policy, "--format", "html"]);
        // Eight numbered sections, each on its own page when printed.
        let sections = [
            "1. Definitions",
            "2. Undesirable leads",
            "3. Scores",
            "4. Stages",
            "5. Service levels",
            "6. Targets",
            "7. Calendars",
            "8. Examples",
        ];
        for section in sections {
            assert!(
                dom.contains(&format!("<h2>{section}</h2>")),
                "{section}: {dom}"
            );
        }
        assert_eq!(dom.matches("<section class=\"part\">").count(), 8, "{dom}");
        // A signature block for each of the two parties.
        assert_eq!(dom.matches("<div class=\"signature\">").count(), 2, "{dom}");
        assert!(dom.contains("<h3>marketing</h3>") && dom.contains("<h3>sales</h3>"));
        // The funnel: one band per stage (MQL, PQL, SAL, SQL).
        assert_eq!(dom.matches("<svg").count(), 1, "{dom}");
        assert_eq!(dom.matches("<polygon").count(), 4, "{dom}");
        assert!(!dom.contains("<script"), "{dom}");
        assert!(
            png > NOT_BLANK,
            "{policy}: the screenshot looks blank ({png} bytes)"
        );
    }
}
