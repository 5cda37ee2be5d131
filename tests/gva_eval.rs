//! Stated killed counts against Gun Violence Archive incidents (../shared/eval/gva), on the
//! first 600 articles so the suite stays fast. Skips with a message when the data is absent.
//! The full figure is `slant eval gva ../shared/eval/gva` (README).

mod common;

#[test]
fn gva_killed_counts_match_incidents() {
    let dir = common::crate_root().join("../shared/eval/gva");
    if !dir.join("articles.jsonl.gz").exists() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let ctx = slant::pipeline::Context::load(&common::crate_root().join("lexicons"), None).unwrap();
    let r = slant::eval::gva::evaluate(&dir, &ctx.layout, &ctx.casualties, Some(600), 5).unwrap();
    eprintln!(
        "GVA (first {} articles): {} with a stated killed count, {} equal the incident's ({:.3}), {} over, {} under",
        r.articles,
        r.stated,
        r.equal,
        r.rate(),
        r.over,
        r.under
    );
    assert!(
        r.stated >= 100,
        "too few articles with a stated count: {}",
        r.stated
    );
    // Each listed disagreement is one: its count is not the incident's, and the sentence
    // shown holds the count as written.
    assert!(!r.errors.is_empty() && r.errors.len() <= 5);
    for e in &r.errors {
        assert_ne!(e.stated, e.incident);
        assert!(e.sentence.contains(&e.count_text), "{e:?}");
    }
    assert!(
        r.rate() >= 0.5,
        "equal-count rate {:.3} under 0.5",
        r.rate()
    );
}
