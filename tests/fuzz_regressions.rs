//! Fuzz inputs replayed as ordinary tests, through the very harness the cargo-fuzz targets run
//! (`fuzz/src/lib.rs`, included below): the hand-written seeds in `fuzz/seeds/<target>/` and
//! every minimized input a fuzzing run found a crash with, saved in
//! `tests/fuzz_regressions/<target>/`. So the harness stays compiled against the library API
//! on stable Rust, and a crash once found stays fixed. The harness panics on a slant panic and
//! on a broken property (an offset off a character boundary or outside the text, an index out
//! of range, a reader disagreeing with the in-memory parser); see `docs/fuzzing.md`.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use slant::lexicon::casualties::CasualtyLexicon;
use slant::lexicon::sources::{GroupsLexicon, SpeechLexicon};
use slant::text::Layout;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Files of a folder, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// Run every seed and saved regression input of `target` through `run`; report all failures.
fn replay(target: &str, run: fn(&[u8])) {
    let seeds = files(&root().join("fuzz/seeds").join(target));
    assert!(
        !seeds.is_empty(),
        "no seeds in fuzz/seeds/{target}: the fuzz target lost its starting corpus"
    );
    let saved = files(&root().join("tests/fuzz_regressions").join(target));
    let mut failed = Vec::new();
    for path in seeds.iter().chain(&saved) {
        let data = std::fs::read(path).unwrap();
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            failed.push(
                path.strip_prefix(root())
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            );
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs failed (panic messages above): {}",
        failed.len(),
        seeds.len() + saved.len(),
        failed.join(", ")
    );
}

#[test]
fn lexicon_inputs() {
    replay("lexicon", harness::lexicon);
}

#[test]
fn layout_inputs() {
    replay("layout", harness::layout);
}

#[test]
fn textfile_inputs() {
    replay("textfile", harness::textfile);
}

#[test]
fn jsonl_inputs() {
    replay("jsonl", harness::jsonl);
}

#[test]
fn csv_inputs() {
    replay("csv", harness::csv);
}

#[test]
fn text_model_inputs() {
    replay("text_model", harness::text_model);
}

/// The valid seeds must stay valid: a seed the parser rejects only exercises the error path,
/// and the fuzzer would start far from the compile and analysis code.
#[test]
fn valid_rule_file_seeds_parse() {
    let read = |name: &str| {
        let p = root().join("fuzz/seeds").join(name);
        (p.clone(), std::fs::read_to_string(p).unwrap())
    };
    let (p, s) = read("lexicon/loaded_small.toml");
    let lex = slant::lexicon::load_sources(&[(p, s)]).expect("loaded_small.toml");
    assert_eq!(lex.terms.len(), 2);
    let (p, s) = read("lexicon/speech_small.toml");
    SpeechLexicon::parse(&p, &s).expect("speech_small.toml");
    let (p, s) = read("lexicon/groups_small.toml");
    GroupsLexicon::parse(&p, &s).expect("groups_small.toml");
    let (p, s) = read("lexicon/casualties_small.toml");
    CasualtyLexicon::parse(&p, &s).expect("casualties_small.toml");
    for name in ["layout/basic.toml", "layout/positions.toml"] {
        let (p, s) = read(name);
        Layout::parse(&p, &s).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    }
    let (p, s) = read("layout/invalid.toml");
    assert!(
        Layout::parse(&p, &s).is_err(),
        "invalid.toml must stay invalid"
    );
}

/// The article the rule-file targets run against opens with front matter and is zoned with a
/// headline, so fuzzed rules reach every stage.
#[test]
fn sample_article_is_a_full_article() {
    let (a, _) =
        slant::corpus::parse_text_file(Path::new("corpus/sample.txt"), harness::SAMPLE_ARTICLE)
            .unwrap();
    assert_eq!(a.outlet, "Sample Wire");
    let doc = slant::text::Document::build(&a, &Layout::empty());
    assert!(doc.has_headline);
    assert!(!doc.quotes.is_empty());
}

/// Found by the text_model target (saved input `char-offset-text-end-on-256-byte-block`): in a
/// non-ASCII text whose byte length is a multiple of 256, the character offset of the end of
/// the text lost the whole last 256-byte block, so the last paragraph's end offset in every
/// table was wrong.
#[test]
fn char_offset_of_text_end_on_a_block_boundary() {
    for blocks in 1..=3 {
        let text = format!("é{}", "a".repeat(256 * blocks - 2));
        assert_eq!(text.len() % 256, 0);
        let a = slant::corpus::Article::from_record(
            "t".into(),
            "o".into(),
            None,
            text.clone(),
            slant::corpus::Origin {
                file: "t.jsonl".into(),
                line: Some(1),
            },
        );
        let doc = slant::text::Document::build(&a, &Layout::empty());
        assert_eq!(doc.char_offset(text.len()), text.chars().count());
    }
}
