//! The report page in a real browser: headless Chromium loads `index.html` from a bundle, the
//! test checks the highlights and charts are in the rendered DOM, and saves a screenshot to
//! `browser/index.png` under the cargo target folder (`CARGO_TARGET_DIR` when set). Skips with a message when Chromium is not installed (`.ci/run`
//! installs Debian's `chromium`).

mod common;

use assert_cmd::Command;
use std::path::PathBuf;

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn browser(args: &[&str], url: &str) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    std::process::Command::new(chromium().unwrap())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("run chromium")
}

#[test]
fn the_page_renders_with_highlights_and_charts() {
    if chromium().is_none() {
        eprintln!("skipped: Chromium is not installed (apt-get install chromium)");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(common::crate_root())
        .args(["run", "-q", "--name", "page", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let page = out.path().join("page/index.html");
    let url = format!("file://{}", page.display());
    let dom = browser(&["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("<section"),
        "no article sections in the rendered DOM"
    );
    assert!(
        dom.matches("class=\"hit ").count() >= 100,
        "loaded-term highlights missing"
    );
    assert!(dom.contains("class=\"q "), "quotation spans missing");
    assert!(dom.contains("class=\"cas"), "casualty underlines missing");
    for chart in [
        "loaded_density",
        "voice_split",
        "quote_groups",
        "casualty_emphasis",
        "heatmap",
    ] {
        assert!(
            dom.contains(&format!("charts/{chart}.png")),
            "chart {chart} not on the page"
        );
        assert!(out.path().join(format!("page/charts/{chart}.png")).exists());
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| common::crate_root().join("target"));
    let shots = target.join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("index.png");
    let _ = std::fs::remove_file(&shot);
    browser(
        &[
            "--window-size=1400,2400",
            &format!("--screenshot={}", shot.display()),
        ],
        &url,
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "screenshot looks empty"
    );
}
