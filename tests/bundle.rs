//! The report bundle as users get it: `slant run` end to end.

mod common;

use assert_cmd::Command;
use std::path::Path;

fn slant() -> Command {
    let mut c = Command::cargo_bin("slant").unwrap();
    c.current_dir(common::crate_root());
    c
}

/// Every file of a bundle (relative path → bytes), the manifest aside (it holds times).
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut all = common::tree(dir);
    all.remove("manifest.json");
    all
}

#[test]
fn same_bytes_at_one_and_two_threads() {
    let out = tempfile::tempdir().unwrap();
    for (name, j) in [("one", "1"), ("two", "2")] {
        slant()
            .args(["run", "--quiet", "--name", name, "-j", j, "--out"])
            .arg(out.path())
            .assert()
            .success();
    }
    let a = files(&out.path().join("one"));
    let b = files(&out.path().join("two"));
    assert!(a.contains_key("articles.csv") && a.contains_key("loaded_terms.csv"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between -j 1 and -j 2");
    }
    // The manifest's corpus checksums are taken at the end with one thread and alongside the
    // run with two: either way, each file's SHA-256.
    use sha2::Digest;
    for name in ["one", "two"] {
        let m: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join(name).join("manifest.json")).unwrap(),
        )
        .unwrap();
        let files = m["corpus"]["files"].as_array().unwrap();
        assert_eq!(files.len(), 5, "{name}");
        for f in files {
            let path = common::crate_root().join(f["path"].as_str().unwrap());
            let want = format!("{:x}", sha2::Sha256::digest(std::fs::read(&path).unwrap()));
            assert_eq!(f["sha256"], want.as_str(), "{name}: {}", path.display());
        }
    }
}

#[test]
fn bundle_has_every_table_and_a_manifest() {
    let out = tempfile::tempdir().unwrap();
    slant()
        .args(["run", "--quiet", "--name", "b", "--out"])
        .arg(out.path())
        .assert()
        .success()
        .stderr(predicates::str::contains("5 article(s)"));
    let b = out.path().join("b");
    for f in [
        "articles.csv",
        "outlets.csv",
        "loaded_terms.csv",
        "quotes.csv",
        "casualties.csv",
        "speech.csv",
        "dropped.csv",
        "columns.csv",
        "manifest.json",
        "lexicons/loaded.toml",
        "lexicons/layout.toml",
    ] {
        assert!(b.join(f).exists(), "missing {f}");
    }
    // Every link of the page leads to something in the bundle (a fragment aside).
    let page = std::fs::read_to_string(b.join("index.html")).unwrap();
    let links: Vec<&str> = page
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert!(links.contains(&"lexicons/"), "{links:?}");
    for h in &links {
        assert!(
            b.join(h).exists(),
            "index.html links to {h}, which is not in the bundle"
        );
    }
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(b.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["counts"]["articles"], 5);
    assert_eq!(m["csv"]["formula_guard"], true);
    assert_eq!(m["lexicons"].as_array().unwrap().len(), 5);
    // The copies are the texts the run parsed: here, the files as they are.
    for f in [
        "loaded.toml",
        "layout.toml",
        "speech.toml",
        "groups.toml",
        "casualties.toml",
    ] {
        assert_eq!(
            std::fs::read(b.join("lexicons").join(f)).unwrap(),
            std::fs::read(common::crate_root().join("lexicons").join(f)).unwrap(),
            "{f}"
        );
    }
    // articles.csv: a row per article, every column documented in columns.csv.
    let mut rdr = csv::Reader::from_path(b.join("articles.csv")).unwrap();
    let header: Vec<String> = rdr.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(rdr.records().count(), 5);
    let cols = std::fs::read_to_string(b.join("columns.csv")).unwrap();
    for h in &header {
        assert!(
            cols.contains(&format!("articles.csv,{h},")),
            "column {h} undocumented"
        );
    }
}

#[test]
fn an_existing_bundle_is_kept_without_force() {
    let out = tempfile::tempdir().unwrap();
    slant()
        .args(["run", "-q", "--name", "x", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let before = files(&out.path().join("x"));
    slant()
        .args(["run", "-q", "--name", "x", "--out"])
        .arg(out.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "already exists: choose another --name, or pass --force",
        ));
    assert_eq!(before, files(&out.path().join("x")));
    slant()
        .args(["run", "-q", "--force", "--name", "x", "--out"])
        .arg(out.path())
        .assert()
        .success();
    // no temporary folders left behind
    let names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["x".to_string()]);
}

#[test]
fn an_invalid_lexicon_stops_the_run_before_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let lex = dir.path().join("lexicons");
    std::fs::create_dir(&lex).unwrap();
    std::fs::write(
        lex.join("mine.toml"),
        "[[category]]\nid = \"x\"\n\n[[term]]\nid = \"t\"\ncategory = \"x\"\npaterns = [\"a\"]\n",
    )
    .unwrap();
    let out = dir.path().join("reports");
    slant()
        .args(["run", "--lexicons"])
        .arg(&lex)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(78)
        .stderr(predicates::str::contains(
            "mine.toml:7:1: unknown key `paterns`",
        ));
    assert!(!out.exists(), "nothing may be written");
}

#[test]
fn formula_cells_are_guarded_and_raw_csv_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\":\"=HYPERLINK(\\\"x\\\")\",\"outlet\":\"@evil\",\"title\":\"T\",\"text\":\"He said \\\"=HYPERLINK(1) is a militia\\\" today.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("r");
    slant()
        .args(["run", "-q", "--name", "g", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let arts = std::fs::read_to_string(out.join("g/articles.csv")).unwrap();
    assert!(arts.contains("'=HYPERLINK"), "{arts}");
    assert!(arts.contains("'@evil"));
    let quotes = std::fs::read_to_string(out.join("g/quotes.csv")).unwrap();
    assert!(quotes.contains("'=HYPERLINK(1)"), "{quotes}");
    slant()
        .args(["run", "-q", "--raw-csv", "--name", "raw", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let raw = std::fs::read_to_string(out.join("raw/articles.csv")).unwrap();
    assert!(raw.contains("\"=HYPERLINK(\"\"x\"\")\""), "{raw}");
}

#[test]
fn excel_and_delimiter_options() {
    let out = tempfile::tempdir().unwrap();
    slant()
        .args([
            "run",
            "-q",
            "--excel",
            "--delimiter",
            ";",
            "--name",
            "e",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let bytes = std::fs::read(out.path().join("e/articles.csv")).unwrap();
    assert!(bytes.starts_with("\u{FEFF}article_id;outlet;".as_bytes()));
}

#[test]
fn hostile_ids_and_outlets_write_nothing_outside_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c.jsonl");
    let mut lines = String::new();
    for (i, id) in [
        "../../x",
        "/etc/passwd",
        "CON",
        "a/../../b",
        "<script>alert(1)</script>",
    ]
    .iter()
    .enumerate()
    {
        lines.push_str(
            &serde_json::json!({"id": id, "outlet": format!("../../outlet{i}"), "title": "<b>T</b>", "text": "A militia said \"=HYPERLINK(1) here\" today."})
                .to_string(),
        );
        lines.push('\n');
    }
    std::fs::write(&corpus, lines).unwrap();
    let out = dir.path().join("reports");
    slant()
        .args(["run", "-q", "--name", "h", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    // Only the corpus file and the one bundle exist in the temp folder.
    let mut top: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, vec!["c.jsonl".to_string(), "reports".to_string()]);
    let inside: Vec<String> = files(&out.join("h")).into_keys().collect();
    for f in &inside {
        assert!(
            !f.contains("..") && !f.contains("passwd") && !f.contains("CON"),
            "unexpected file {f}"
        );
    }
    let page = std::fs::read_to_string(out.join("h/index.html")).unwrap();
    assert!(!page.contains("<script>alert"), "script must be escaped");
    assert!(
        !page.contains("<b>T</b>"),
        "markup in titles must be escaped"
    );
    // A bundle name cannot climb out either: a usage error, before anything is read.
    slant()
        .args(["run", "-q", "--name", "../escape", "--corpus"])
        .arg(&corpus)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid bundle name `../escape`"));
}

/// `--context N` keeps N characters either side of each hit (keyword in context), and every
/// other column is as in a full run.
#[test]
fn context_width_cuts_sentences_around_the_hit() {
    let out = tempfile::tempdir().unwrap();
    for (name, extra) in [("full", None), ("kwic", Some("12"))] {
        let mut c = slant();
        c.args(["run", "--quiet", "--name", name, "--out"])
            .arg(out.path());
        if let Some(n) = extra {
            c.args(["--context", n]);
        }
        c.assert().success();
    }
    let read = |name: &str| {
        let mut r = csv::Reader::from_path(out.path().join(name).join("loaded_terms.csv")).unwrap();
        let head = r.headers().unwrap().clone();
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        (head, rows)
    };
    let (head, full) = read("full");
    let (_, kwic) = read("kwic");
    assert_eq!(full.len(), kwic.len());
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let (m, st) = (col("matched_text"), col("sentence_text"));
    let mut cut = 0;
    for (f, k) in full.iter().zip(&kwic) {
        for i in 0..head.len() {
            if i != st {
                assert_eq!(f.get(i), k.get(i), "column {} changed", &head[i]);
            }
        }
        let (matched, sent, short) = (&f[m], &f[st], &k[st]);
        assert!(
            short.contains(matched),
            "{short:?} lost the hit {matched:?}"
        );
        let core = short
            .trim_start_matches('\u{2026}')
            .trim_end_matches('\u{2026}');
        assert!(sent.contains(core), "{core:?} is not a piece of {sent:?}");
        assert!(short.chars().count() <= matched.chars().count() + 2 * 12 + 2);
        if short != sent {
            cut += 1;
        }
    }
    assert!(cut > 0, "no sentence was long enough to cut");
    // The manifest records the width, as a number, and its absence as null.
    let context = |name: &str| {
        let m: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(out.path().join(name).join("manifest.json")).unwrap(),
        )
        .unwrap();
        m["csv"]["context"].clone()
    };
    assert_eq!(context("kwic"), serde_json::json!(12));
    assert_eq!(context("full"), serde_json::Value::Null);
}
