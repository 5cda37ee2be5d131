//! The charts of a bundle: five PNG files of the agreed size, drawn with the embedded font,
//! byte-identical from run to run, and still drawn when a corpus has far more outlets than a
//! chart can show.

mod common;

use slant::pipeline::{self, Context};
use slant::report::charts::{self, Selection, FILES, HEIGHT, MAX_OUTLETS, WIDTH};
use slant::report::outlets::{Outlet, Outlets};
use slant::text::Document;
use std::path::Path;

fn context() -> Context {
    Context::load(&common::crate_root().join("lexicons"), None).expect("bundled lexicons are valid")
}

fn seed_outlets(ctx: &Context) -> Outlets {
    let (articles, problems) = slant::corpus::read_all(&common::seed_corpus());
    assert!(problems.iter().all(|p| !p.skipped), "{problems:?}");
    let mut outlets = Outlets::default();
    for a in &articles {
        let doc = Document::build(a, &ctx.layout);
        outlets.add(&pipeline::analyse(&doc, ctx), ctx);
    }
    outlets
}

/// Check the five files in `dir` and return their bytes.
fn check_pngs(dir: &Path, names: &[String]) -> Vec<Vec<u8>> {
    assert_eq!(names, FILES.map(String::from));
    names
        .iter()
        .map(|n| {
            let p = dir.join(n);
            let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "{n}: not a PNG");
            assert_eq!(&b[12..16], b"IHDR", "{n}: no IHDR first");
            let w = u32::from_be_bytes(b[16..20].try_into().unwrap());
            let h = u32::from_be_bytes(b[20..24].try_into().unwrap());
            assert_eq!((w, h), (WIDTH, HEIGHT), "{n}");
            assert_eq!((w, h), (1600, 900), "{n}");
            assert!(b.len() > 20_000, "{n}: only {} bytes", b.len());
            b
        })
        .collect()
}

#[test]
fn seed_corpus_charts_are_written_and_deterministic() {
    let ctx = context();
    let outlets = seed_outlets(&ctx);
    assert_eq!(outlets.map.len(), 5);
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a/charts"), tmp.path().join("b/charts"));
    let first = check_pngs(&a, &charts::write_charts(&a, &outlets, &ctx).unwrap());
    let second = check_pngs(&b, &charts::write_charts(&b, &outlets, &ctx).unwrap());
    for (n, (x, y)) in FILES.iter().zip(first.iter().zip(&second)) {
        assert!(x == y, "{n} differs between two writes");
    }
}

fn synthetic(i: usize, ctx: &Context) -> Outlet {
    let nc = ctx.lexicon.categories.len();
    let ng = ctx.groups.groups.len() + 1;
    let nv = ctx.casualties.groups.len();
    Outlet {
        name: format!("Synthetic outlet number {i:02} with a rather long name"),
        articles: 1 + (i * 7) % 23,
        words: 1000 + 137 * i,
        words_quoted: 100 + 11 * i,
        counts: (0..nc)
            .map(|c| [(i + c) % 5, c % 3, (i * c) % 4, i % 2])
            .collect(),
        headline: vec![0; nc],
        with_headline: 1,
        quotes: (0..ng).map(|g| (i + g) % 3).collect(),
        quote_words: (0..ng).map(|g| ((i + 2 * g) % 7) * 10).collect(),
        emphasis: (0..nv).map(|g| ((i + g) % 4) as f64 * 1.5).collect(),
        casualty_mentions: i % 6,
    }
}

#[test]
fn many_outlets_are_merged_into_other() {
    let ctx = context();
    let mut outlets = Outlets::default();
    for i in 0..30 {
        let o = synthetic(i, &ctx);
        outlets.map.insert(o.name.clone(), o);
    }
    // One outlet with nothing in it: no words, hits, quotes or casualties.
    outlets.map.insert(
        "Empty".into(),
        Outlet {
            name: "Empty".into(),
            articles: 100,
            ..Default::default()
        },
    );

    let sel = Selection::new(&outlets, &ctx);
    assert_eq!(sel.total, 31);
    assert_eq!(sel.slots.len(), MAX_OUTLETS + 1);
    assert_eq!(sel.merged, 31 - MAX_OUTLETS);
    assert_eq!(sel.slots[0].name, "Empty", "largest first");
    let other = sel.slots.last().unwrap();
    assert_eq!(other.name, format!("other ({} outlets)", 31 - MAX_OUTLETS));
    let shown: usize = sel.slots[..MAX_OUTLETS].iter().map(|o| o.articles).sum();
    let all: usize = outlets.map.values().map(|o| o.articles).sum();
    assert_eq!(other.articles, all - shown);
    let words: usize = outlets.map.values().map(|o| o.words).sum::<usize>()
        - sel.slots[..MAX_OUTLETS]
            .iter()
            .map(|o| o.words)
            .sum::<usize>();
    assert_eq!(other.words, words);
    assert!(other.density(0).is_some());

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("charts");
    let names = charts::write_charts(&dir, &outlets, &ctx).unwrap();
    check_pngs(&dir, &names);
}

#[test]
fn thirteen_outlets_are_all_shown() {
    let ctx = context();
    let mut outlets = Outlets::default();
    for i in 0..MAX_OUTLETS + 1 {
        let o = synthetic(i, &ctx);
        outlets.map.insert(o.name.clone(), o);
    }
    let sel = Selection::new(&outlets, &ctx);
    assert_eq!(sel.merged, 0);
    assert_eq!(sel.slots.len(), MAX_OUTLETS + 1);
}

#[test]
fn no_outlets_still_draws() {
    let ctx = context();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("charts");
    let names = charts::write_charts(&dir, &Outlets::default(), &ctx).unwrap();
    assert_eq!(names.len(), 5);
    for n in &names {
        assert!(dir.join(n).is_file());
    }
}
