//! The HTML compliance report opened in headless Chromium: it renders,
//! draws its charts, and is not a blank page. `.ci/run` installs Chromium;
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

#[test]
fn the_html_report_renders_in_a_browser() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must provide Chromium (.ci/run installs it)"
        );
        eprintln!("skipped: no Chromium here (install the `chromium` package to run this test)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("qualify-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let report = dir.join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args([
            "report",
            "policies/acme.qual",
            "examples/leads.csv",
            "--as-of",
            "2026-06-01T12:00:00Z",
            "--format",
            "html",
            "--out",
        ])
        .arg(&report)
        .status()
        .expect("run qualify");
    assert!(status.success());
    let url = format!("file://{}", report.display());

    let dom = headless(&chromium, &dir.join("profile"), &["--dump-dom", &url]);
    let dom = String::from_utf8_lossy(&dom.stdout);
    // Two SLAs with two charts each, and the funnel.
    assert_eq!(dom.matches("<svg").count(), 5, "{dom}");
    assert!(
        dom.contains("Monthly MQL volume") && dom.contains("MQL follow-up"),
        "{dom}"
    );

    let png = dir.join("report.png");
    headless(
        &chromium,
        &dir.join("profile"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1000,1400",
            &url,
        ],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
    // A blank page compresses to a few kilobytes; this one has text and charts.
    assert!(
        bytes.len() > 30_000,
        "the screenshot looks blank ({} bytes)",
        bytes.len()
    );
    let _ = std::fs::remove_dir_all(dir);
}
