//! Crash safety: a run killed with SIGKILL mid-way leaves the earlier bundle intact and no
//! half bundle under the bundle's name (only a hidden temporary folder, cleared by the next
//! run of that name).

mod common;

use std::io::Write;
use std::time::{Duration, Instant};

#[cfg(unix)]
#[test]
fn sigkill_mid_run_leaves_the_earlier_bundle_intact() {
    let dir = tempfile::tempdir().unwrap();
    // A corpus big enough to take a while: the seed articles many times over.
    let (arts, _) = slant::corpus::read_all(&common::seed_corpus());
    let corpus = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&corpus).unwrap());
    for i in 0..6000 {
        let a = &arts[i % arts.len()];
        let line = serde_json::json!({"id": format!("a{i}"), "outlet": a.outlet, "text": a.text});
        writeln!(f, "{line}").unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let out = dir.path().join("reports");
    let bin = assert_cmd::cargo::cargo_bin("slant");
    // A first, complete bundle.
    let ok = std::process::Command::new(&bin)
        .current_dir(common::crate_root())
        .args(["run", "-q", "--name", "keep", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(ok.success());
    let before = std::fs::read(out.join("keep/articles.csv")).unwrap();
    // Replace it with --force on the big corpus, and kill the run part-way.
    let mut child = std::process::Command::new(&bin)
        .current_dir(common::crate_root())
        .args([
            "run", "-q", "--force", "--name", "keep", "-j", "1", "--corpus",
        ])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .spawn()
        .unwrap();
    // Wait until it has started writing (its temporary folder exists), then kill it.
    let t0 = Instant::now();
    loop {
        let started = std::fs::read_dir(&out)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".keep.tmp-"));
        if started || t0.elapsed() > Duration::from_secs(20) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(150));
    let finished_already = child.try_wait().unwrap().is_some();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    if finished_already {
        eprintln!("skipped: the run finished before it could be killed");
        return;
    }
    // The earlier bundle is untouched, and nothing else carries its name.
    assert_eq!(
        std::fs::read(out.join("keep/articles.csv")).unwrap(),
        before
    );
    let visible: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(visible, vec!["keep".to_string()]);
    // The next run clears the leftover temporary folder.
    let ok = std::process::Command::new(&bin)
        .current_dir(common::crate_root())
        .args(["run", "-q", "--force", "--name", "keep", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(ok.success());
    let all: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        all,
        vec!["keep".to_string()],
        "temporary folder left behind"
    );
}
