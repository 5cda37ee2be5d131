//! The bundled lexicons on the seed corpus, against `tests/gold/loaded_terms.toml`: every
//! loaded term a reader counted in the five articles, with its category, voice and zone, and
//! the pitfalls a naive word counter falls into. The gold was written by reading the articles.

mod common;

use common::{clip, Folded};
use serde::Deserialize;
use slant::pipeline::{self, Analysis, Context};
use slant::text::Document;

#[derive(Deserialize)]
struct Gold {
    hit: Vec<GoldHit>,
    pitfall: Vec<Pitfall>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct GoldHit {
    article: String,
    text: String,
    category: String,
    voice: String,
    zone: String,
    context: String,
    note: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Pitfall {
    article: String,
    text: String,
    context: String,
    why: String,
}

/// An article's index, its analysis and its hit spans.
type Analysed = (usize, Analysis, Vec<(usize, usize)>);

struct Seeds {
    articles: Vec<slant::corpus::Article>,
    ctx: Context,
}

fn seeds() -> Seeds {
    let (articles, problems) = slant::corpus::read_all(&common::seed_corpus());
    assert!(problems.iter().all(|p| !p.skipped), "{problems:?}");
    let ctx = Context::load(&common::crate_root().join("lexicons"), None)
        .expect("bundled lexicons are valid");
    Seeds { articles, ctx }
}

fn gold() -> Gold {
    let p = common::crate_root().join("tests/gold/loaded_terms.toml");
    toml::from_str(&std::fs::read_to_string(p).unwrap()).expect("gold parses")
}

/// Locate a gold item: the byte span of `text` inside `context` in the article.
fn locate(art: &slant::corpus::Article, context: &str, text: &str) -> (usize, usize) {
    let f = Folded::new(&art.text);
    let (cs, ce) = f
        .locate(context)
        .unwrap_or_else(|| panic!("{}: context not found: {context}", art.id));
    let inner = Folded::new(&art.text[cs..ce]);
    let (s, e) = inner
        .locate(text)
        .unwrap_or_else(|| panic!("{}: `{text}` not inside context `{context}`", art.id));
    (cs + s, cs + e)
}

struct Scored {
    total: usize,
    found: usize,
    voice_right: usize,
    zone_right: usize,
    misses: Vec<String>,
    wrong_voice: Vec<String>,
    pitfall_hits: Vec<String>,
}

fn score() -> Scored {
    let s = seeds();
    let g = gold();
    let analyses: Vec<Analysed> = s
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let doc = Document::build(a, &s.ctx.layout);
            let an = pipeline::analyse(&doc, &s.ctx);
            let spans = an.loaded.hits.iter().map(|h| (h.start, h.end)).collect();
            (i, an, spans)
        })
        .collect();
    let mut sc = Scored {
        total: 0,
        found: 0,
        voice_right: 0,
        zone_right: 0,
        misses: vec![],
        wrong_voice: vec![],
        pitfall_hits: vec![],
    };
    let lex = &s.ctx.lexicon;
    for h in &g.hit {
        let ai = s
            .articles
            .iter()
            .position(|a| a.id == h.article)
            .unwrap_or_else(|| panic!("unknown article {}", h.article));
        let art = &s.articles[ai];
        let (gs, ge) = locate(art, &h.context, &h.text);
        sc.total += 1;
        let an = &analyses[ai].1;
        let found =
            an.loaded.hits.iter().find(|x| {
                x.start < ge && gs < x.end && lex.categories[x.category].id == h.category
            });
        match found {
            None => sc.misses.push(format!(
                "{} [{}] `{}` in: {}",
                h.article,
                h.category,
                h.text,
                clip(&h.context, 70)
            )),
            Some(x) => {
                sc.found += 1;
                if x.voice.as_str() == h.voice {
                    sc.voice_right += 1;
                } else {
                    sc.wrong_voice.push(format!(
                        "{} `{}`: gold {} got {} in: {}",
                        h.article,
                        h.text,
                        h.voice,
                        x.voice.as_str(),
                        clip(&h.context, 60)
                    ));
                }
                if x.zone.as_str() == h.zone {
                    sc.zone_right += 1;
                }
            }
        }
    }
    for p in &g.pitfall {
        let ai = s.articles.iter().position(|a| a.id == p.article).unwrap();
        let art = &s.articles[ai];
        let (gs, ge) = locate(art, &p.context, &p.text);
        for x in &analyses[ai].1.loaded.hits {
            if x.start < ge && gs < x.end {
                sc.pitfall_hits.push(format!(
                    "{} `{}` counted as {} ({}): {}",
                    p.article,
                    &art.text[x.start..x.end],
                    lex.terms[x.term].id,
                    lex.categories[x.category].id,
                    p.why
                ));
            }
        }
    }
    sc
}

#[test]
fn seed_loaded_terms_recall_voice_and_pitfalls() {
    let sc = score();
    let recall = sc.found as f64 / sc.total as f64;
    let voice = sc.voice_right as f64 / sc.found.max(1) as f64;
    let zone = sc.zone_right as f64 / sc.found.max(1) as f64;
    eprintln!(
        "loaded terms on the seeds: recall {}/{} = {recall:.3}, voice {}/{} = {voice:.3}, zone {}/{} = {zone:.3}, pitfall hits {}",
        sc.found,
        sc.total,
        sc.voice_right,
        sc.found,
        sc.zone_right,
        sc.found,
        sc.pitfall_hits.len()
    );
    for m in &sc.misses {
        eprintln!("  missed: {m}");
    }
    for m in &sc.wrong_voice {
        eprintln!("  voice: {m}");
    }
    assert!(
        sc.pitfall_hits.is_empty(),
        "pitfalls counted:\n{}",
        sc.pitfall_hits.join("\n")
    );
    assert!(recall >= 0.95, "recall {recall:.3} below 0.95");
    assert!(voice >= 0.90, "voice accuracy {voice:.3} below 0.90");
    assert!(zone >= 0.95, "zone accuracy {zone:.3} below 0.95");
}

#[test]
fn shipped_lexicon_examples_all_pass() {
    let s = seeds();
    let failures = slant::lexicon::check_examples(&s.ctx.lexicon, &s.ctx.matcher);
    let msgs: Vec<String> = failures
        .iter()
        .map(|f| format!("{} ({}): {}", f.term, f.expected_match, f.sentence))
        .collect();
    assert!(msgs.is_empty(), "failing examples:\n{}", msgs.join("\n"));
}
