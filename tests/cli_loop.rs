//! The edit-and-rerun loop end to end: `slant explain`, `diff`, `watch` and `init`.
//!
//! Runs are the slow part (a bundle has charts), so the bundles the diff tests compare are made
//! once, by one fixture shared by the tests of this file: a run with the bundled lexicons, a
//! `watch --once` on the same input, and a run with a copy of the lexicons without the term
//! `assassination`.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

fn slant() -> Command {
    let mut c = Command::cargo_bin("slant").unwrap();
    c.current_dir(common::crate_root());
    c.env_remove("NO_COLOR");
    c.timeout(Duration::from_secs(120));
    c
}

fn stdout_of(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

/// The bundled lexicons copied to `dir`, without the term `assassination`.
fn lexicons_without_assassination(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(common::crate_root().join("lexicons")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    remove_term(&dir.join("loaded.toml"), "assassination");
}

/// Remove a `[[term]]` block from a lexicon file.
fn remove_term(file: &Path, id: &str) {
    let s = std::fs::read_to_string(file).unwrap();
    let start = s
        .find(&format!("[[term]]\nid = \"{id}\""))
        .unwrap_or_else(|| panic!("term {id} not found in {}", file.display()));
    let end = s[start + 8..]
        .find("[[term]]")
        .map(|i| start + 8 + i)
        .unwrap_or(s.len());
    std::fs::write(file, format!("{}{}", &s[..start], &s[end..])).unwrap();
}

struct Fixture {
    dir: tempfile::TempDir,
    watch_once: std::process::Output,
}

impl Fixture {
    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }
}

/// Bundles made once: `reports/a` (bundled lexicons), `w/watch` (`watch --once`, same input),
/// `reports/c` (lexicons without `assassination`).
fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        slant()
            .args(["run", "--quiet", "--name", "a", "--out"])
            .arg(&reports)
            .assert()
            .success();
        let watch_once = slant()
            .args(["watch", "--once", "--quiet", "--color", "never", "--out"])
            .arg(dir.path().join("w"))
            .output()
            .unwrap();
        let lex = dir.path().join("lex");
        lexicons_without_assassination(&lex);
        slant()
            .args(["run", "--quiet", "--name", "c", "--lexicons"])
            .arg(&lex)
            .arg("--out")
            .arg(&reports)
            .assert()
            .success();
        Fixture { dir, watch_once }
    })
}

// ------------------------------------------------------------------------------ explain

#[test]
fn explain_article_without_colour() {
    let a = slant()
        .args(["explain", "rudaw", "--color", "never"])
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(!out.contains('\x1b'), "ESC byte with --color never");
    assert!(
        out.starts_with("rudaw · Rudaw"),
        "{}",
        &out[..80.min(out.len())]
    );
    // A hit in brackets, listed under its line with term, category and voice.
    assert!(out.contains("[pro-Iran]"), "{out}");
    assert!(out.contains("↳ pro_iran (militia_proxy_label, "), "{out}");
    // A quotation with its speaker and group.
    assert!(
        out.contains("[U.S. Central Command · us_government]"),
        "{out}"
    );
    // A casualty harm word, and its note.
    assert!(out.contains("_killing_"), "{out}");
    assert!(out.contains("casualty: killed"), "{out}");
    // Reported speech, under the line where it starts, with its cue, speaker, group and
    // words (noticed in session 7: explain did not show how far a span runs, so a reader
    // could not see why a hit was `paraphrase`). "adding" shares the speaker of "said".
    assert!(
        out.contains(
            "↳ reported speech \"adding\" · Halkawt Aziz (media) · 9 word(s): \"that the vehicle \
             has been hit by a drone.\""
        ),
        "{out}"
    );
    // A dropped line with its rule.
    assert!(out.contains("[boilerplate · rule update-stamp]"), "{out}");
    assert!(out.contains("Legend") && out.contains("Voices quoted in this article"));
}

#[test]
fn explain_article_colour_always_and_no_color() {
    let a = slant()
        .args(["explain", "rudaw", "--color", "always"])
        .assert()
        .success();
    assert!(
        stdout_of(&a).contains("\x1b["),
        "no ESC with --color always"
    );
    // NO_COLOR does not override an explicit --color always ...
    let a = slant()
        .args(["explain", "rudaw", "--color", "always"])
        .env("NO_COLOR", "1")
        .assert()
        .success();
    assert!(stdout_of(&a).contains("\x1b["));
    // ... and auto stays plain (not a terminal here, and NO_COLOR set).
    let a = slant()
        .args(["explain", "rudaw"])
        .env("NO_COLOR", "1")
        .assert()
        .success();
    assert!(!stdout_of(&a).contains('\x1b'));
}

#[test]
fn explain_a_file_path() {
    slant()
        .args(["explain", "corpus/04-rudaw.txt", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("rudaw · Rudaw"))
        .stdout(predicate::str::contains("Legend"));
}

#[test]
fn explain_a_term_with_variants_examples_and_hits() {
    let a = slant()
        .args(["explain", "--term", "assassination", "--color", "never"])
        .assert()
        .success();
    let out = stdout_of(&a);
    assert!(out.contains("category violence_framing"), "{out}");
    assert!(
        out.contains("searches \"assassinat\"  (then the rest of the word"),
        "{out}"
    );
    assert!(
        out.contains("character assassination"),
        "unless phrase: {out}"
    );
    assert!(out.contains("PASS match"), "{out}");
    assert!(!out.contains("FAIL"), "{out}");
    assert!(out.contains("hits in the corpus: "), "{out}");
    assert!(out.contains("[assassination]"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("truthout") && l.contains("[Assassination]")),
        "{out}"
    );
    // A hyphenated pattern shows both variants.
    slant()
        .args(["explain", "--term", "iran_backed", "--color", "never"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "searches \"iran-backed\", \"iran backed\"",
        ));
}

#[test]
fn explain_unknown_ids_name_candidates_and_exit_2() {
    slant()
        .args(["explain", "rudow"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no article `rudow`"))
        .stderr(predicate::str::contains("did you mean rudaw"));
    slant()
        .args(["explain", "--term", "asassination"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean assassination"));
    slant()
        .args(["explain", "no/such/file.txt"])
        .assert()
        .code(2);
}

// ------------------------------------------------------------------------------ diff

#[test]
fn diff_of_the_same_input_is_empty() {
    let f = fixture();
    assert!(
        f.watch_once.status.success(),
        "watch --once: {}",
        String::from_utf8_lossy(&f.watch_once.stderr)
    );
    let out = f.path("same.csv");
    slant()
        .arg("diff")
        .arg(f.path("reports/a"))
        .arg(f.path("w/watch"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no changes"));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        csv.trim_end(),
        "kind,article_id,column_or_term,old,new,delta,sentence"
    );
}

#[test]
fn diff_after_removing_a_term() {
    let f = fixture();
    let work = tempfile::tempdir().unwrap();
    let a = slant()
        .current_dir(work.path())
        .args(["diff", "--color", "never"])
        .arg(f.path("reports/a"))
        .arg(f.path("reports/c"))
        .assert()
        .code(1);
    let out = stdout_of(&a);
    assert!(
        out.contains("loaded.toml: term `assassination` removed"),
        "{out}"
    );
    assert!(out.contains("violence_framing_hits"), "{out}");
    assert!(out.contains("lost, 0 gained"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("- truthout") && l.contains("[Assassination]")),
        "lost hit with its sentence: {out}"
    );
    // diff.csv in the current folder.
    let mut r = csv::Reader::from_path(work.path().join("diff.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(rows
        .iter()
        .any(|x| &x[0] == "term_removed" && &x[2] == "assassination"));
    let lost: Vec<_> = rows.iter().filter(|x| &x[0] == "hit_lost").collect();
    assert!(!lost.is_empty());
    assert!(lost
        .iter()
        .all(|x| &x[2] == "assassination" && !x[6].is_empty()));
    let v = rows
        .iter()
        .find(|x| {
            &x[0] == "value_changed" && &x[1] == "truthout" && &x[2] == "violence_framing_hits"
        })
        .expect("violence_framing_hits changed for truthout");
    let (old, new, delta): (i64, i64, i64) = (
        v[3].parse().unwrap(),
        v[4].parse().unwrap(),
        v[5].parse().unwrap(),
    );
    assert_eq!(new - old, delta);
    assert!(delta < 0);
}

#[test]
fn diff_of_a_missing_folder_exits_2() {
    let work = tempfile::tempdir().unwrap();
    slant()
        .current_dir(work.path())
        .args(["diff", "no-such-bundle", "neither"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-bundle: no such folder"));
    assert!(!work.path().join("diff.csv").exists());
}

// ------------------------------------------------------------------------------ watch

#[test]
fn watch_once_writes_a_bundle() {
    let f = fixture();
    assert!(f.watch_once.status.success());
    let out = String::from_utf8_lossy(&f.watch_once.stdout);
    assert!(out.starts_with("run 1: 5 article(s)"), "{out}");
    assert!(!out.contains("watching"), "--once does not watch: {out}");
    for file in ["articles.csv", "loaded_terms.csv", "lexicons/loaded.toml"] {
        assert!(f.path("w/watch").join(file).exists(), "missing {file}");
    }
}

#[test]
fn watch_reruns_when_a_lexicon_changes() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    for e in std::fs::read_dir(common::crate_root().join("lexicons")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, lex.join(p.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    // Once the first bundle is in place, remove a term.
    let editor = {
        let (out, lex) = (out.clone(), lex.clone());
        std::thread::spawn(move || {
            let manifest = out.join("watch").join("manifest.json");
            let t0 = std::time::Instant::now();
            while !manifest.exists() && t0.elapsed() < Duration::from_secs(100) {
                std::thread::sleep(Duration::from_millis(50));
            }
            remove_term(&lex.join("loaded.toml"), "assassination");
        })
    };
    let a = slant()
        .args([
            "watch",
            "--max-runs",
            "2",
            "--quiet",
            "--color",
            "never",
            "--lexicons",
        ])
        .arg(&lex)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    editor.join().unwrap();
    let s = stdout_of(&a);
    assert!(s.contains("run 1: 5 article(s)"), "{s}");
    assert!(s.contains("changed: ") && s.contains("loaded.toml"), "{s}");
    assert!(s.contains("run 2: 5 article(s)"), "{s}");
    assert!(s.contains("term `assassination` removed"), "{s}");
    assert!(s.contains("violence_framing_hits"), "{s}");
    let copy = std::fs::read_to_string(out.join("watch/lexicons/loaded.toml")).unwrap();
    assert!(
        !copy.contains("id = \"assassination\""),
        "bundle is the rerun's"
    );
}

#[test]
fn watch_keeps_the_last_good_bundle_on_a_broken_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("loaded.toml"),
        "[[term]]\nid = \"x\"\npatern = [\"x\"]\n",
    )
    .unwrap();
    slant()
        .args(["watch", "--once", "--lexicons"])
        .arg(&lex)
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .code(78)
        .stderr(predicate::str::contains("unknown"))
        .stdout(predicate::str::contains(
            "lexicons invalid; no bundle written",
        ));
    assert!(!dir.path().join("out/watch").exists());
}

// ------------------------------------------------------------------------------ init

#[test]
fn init_then_run_inside() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study");
    slant()
        .arg("init")
        .arg(&study)
        .assert()
        .success()
        .stdout(predicate::str::contains("slant run"));
    for f in [
        "README.md",
        "corpus/sample.txt",
        "reports/README.md",
        "lexicons/loaded.toml",
    ] {
        assert!(study.join(f).is_file(), "missing {f}");
    }
    // Every lexicon bundled with the crate is copied (a new bundled file needs adding to init).
    let names = |d: &Path| {
        let mut v: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names(&study.join("lexicons")),
        names(&common::crate_root().join("lexicons"))
    );
    let sample = std::fs::read_to_string(study.join("corpus/sample.txt")).unwrap();
    assert!(sample.contains("SAMPLE") && sample.contains("fictional"));
    let readme = std::fs::read_to_string(study.join("README.md")).unwrap();
    for cmd in ["slant corpus check", "slant lexicon check", "slant run"] {
        assert!(readme.contains(cmd), "README lacks {cmd}");
    }
    let mut run = Command::cargo_bin("slant").unwrap();
    run.current_dir(&study)
        .args(["run", "--quiet"])
        .timeout(Duration::from_secs(120))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("1 article(s)"));
    let bundles: Vec<_> = std::fs::read_dir(study.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("articles.csv").is_file())
        .collect();
    assert_eq!(bundles.len(), 1, "one bundle under reports/");
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    slant()
        .arg("init")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("corpus").exists());
}

/// Regression: `slant diff A B | head -1` panicked ("failed printing to stdout: Broken
/// pipe", exit 101) once `head` had gone. A reader that stops early is not an error: the
/// table is written whole, nothing is said, and the status still tells that the bundles
/// differ (1, as diff(1)).
#[test]
fn diff_into_a_pipe_closed_early_ends_quietly_with_the_table_written() {
    let f = fixture();
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("d.csv");
    // A pipe whose reading end is closed before slant writes a byte.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let o = std::process::Command::new(assert_cmd::cargo::cargo_bin("slant"))
        .args(["diff", "--color", "never"])
        .arg(f.path("reports/a"))
        .arg(f.path("reports/c"))
        .arg("--out")
        .arg(&out)
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(stderr, "");
    assert_eq!(o.status.code(), Some(1));
    let csv = std::fs::read_to_string(&out).unwrap();
    assert!(csv.contains("term_removed,,assassination"), "{csv}");
}
