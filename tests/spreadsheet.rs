//! The tables as spreadsheet users get them: LibreOffice (headless) converts each CSV of a
//! bundle to .xlsx and back, and every value survives — curly quotes, accents, a cell that
//! starts with "=", a sentence with a line break. Skips with a message when LibreOffice is
//! not installed (`.ci/run` installs Debian's `libreoffice-calc`).

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn soffice() -> Option<PathBuf> {
    [
        "/usr/bin/soffice",
        "/usr/bin/libreoffice",
        "/usr/lib/libreoffice/program/soffice",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn convert(
    bin: &Path,
    file: &Path,
    to: &str,
    infilter: Option<&str>,
    outdir: &Path,
    profile: &Path,
) {
    let mut c = std::process::Command::new(bin);
    c.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args(["--headless", "--norestore", "--convert-to", to]);
    if let Some(f) = infilter {
        c.arg(format!("--infilter={f}"));
    }
    let out = c
        .arg("--outdir")
        .arg(outdir)
        .arg(file)
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn records(p: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(p).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    let text = text.trim_start_matches('\u{FEFF}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(|s| s.replace("\r\n", "\n")).collect())
        .collect()
}

fn same(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // A spreadsheet reads true/false as booleans and writes them back as TRUE/FALSE.
    if matches!(a, "true" | "false") && a.eq_ignore_ascii_case(b) {
        return true;
    }
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => (x - y).abs() < 1e-9,
        _ => false,
    }
}

#[test]
fn csv_values_survive_a_round_trip_through_xlsx() {
    let Some(bin) = soffice() else {
        eprintln!("skipped: LibreOffice is not installed (apt-get install libreoffice-calc)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let text = "Café owners said the “blatant” militia attack was an aggression.\n\nRasool said \"=HYPERLINK(\\\"x\\\") is not a formula\" today.";
    std::fs::write(
        &corpus,
        format!(
            "{}\n",
            serde_json::json!({"id": "=cmd|' /C calc'!A0", "outlet": "Élysée Times", "title": "Über “quotes”", "text": text})
        ),
    )
    .unwrap();
    let out = dir.path().join("r");
    Command::cargo_bin("slant")
        .unwrap()
        .current_dir(common::crate_root())
        .args(["run", "-q", "--name", "x", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let profile = dir.path().join("lo-profile");
    let xlsx = dir.path().join("xlsx");
    let back = dir.path().join("back");
    std::fs::create_dir_all(&xlsx).unwrap();
    std::fs::create_dir_all(&back).unwrap();
    for name in ["articles", "loaded_terms", "quotes", "dropped"] {
        let csv_path = out.join(format!("x/{name}.csv"));
        convert(
            &bin,
            &csv_path,
            "xlsx",
            Some("CSV:44,34,76,1"),
            &xlsx,
            &profile,
        );
        convert(
            &bin,
            &xlsx.join(format!("{name}.xlsx")),
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            None,
            &back,
            &profile,
        );
        let a = records(&csv_path);
        let b = records(&back.join(format!("{name}.csv")));
        assert_eq!(a.len(), b.len(), "{name}: row count changed");
        for (ra, rb) in a.iter().zip(&b) {
            for (i, (x, y)) in ra.iter().zip(rb).enumerate() {
                assert!(same(x, y), "{name}: column {i}: `{x}` became `{y}`");
            }
        }
        if name == "articles" {
            let row = &b[1];
            assert!(row.iter().any(|c| c == "Élysée Times"));
            assert!(row.iter().any(|c| c == "Über “quotes”"));
            assert!(
                row.iter().any(|c| c.starts_with("'=cmd")),
                "the id must stay text"
            );
        }
        if name == "loaded_terms" {
            assert!(b
                .iter()
                .any(|r| r.iter().any(|c| c.contains("Café owners"))));
        }
    }
}
