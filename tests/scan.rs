//! The shared scan (one automaton for loaded terms, speaker names and roles, speech cues and
//! casualty words; see `src/lexicon/scan.rs`) must change nothing but speed: each metric fed
//! from it finds exactly what the metric finds scanning with its own automata. Checked on the
//! bundled corpus, on text written to stress the places where the two could part (a name
//! inside a longer name, a verb inside a word, a term across a sentence end, casualty words
//! and risk phrases), and on real articles when the AllSides corpus is present.

mod common;

use common::{crate_root, seed_corpus};
use slant::corpus::{Article, CorpusReader, Item, Origin, ReadOptions};
use slant::metrics::{casualties, loaded, quotes, speech};
use slant::pipeline::Context;
use slant::text::Document;

fn context() -> Context {
    Context::load(&crate_root().join("lexicons"), None).expect("bundled lexicons are valid")
}

/// Every metric that can use the shared scan, both ways, as text to compare.
fn both_ways(doc: &Document, ctx: &Context) -> [String; 2] {
    let scan = ctx
        .scanner
        .scan(doc)
        .expect("the bundled lexicons can share a scan");
    // The shared matches do reach the sentences: every counted sentence's view is a window
    // on its paragraph's (else the metrics would quietly scan for themselves).
    for s in &doc.sentences {
        if doc.paragraphs[s.paragraph].zone.counted() {
            let view = doc.norm_view(s.start, s.end);
            assert!(view.offset_in(&doc.norms[s.paragraph]).is_some());
        }
    }
    [None, Some(&scan)].map(|sc| {
        let sp = speech::find(doc, &ctx.speech, sc);
        let ld = loaded::analyse(doc, &ctx.lexicon, &ctx.matcher, &sp, sc);
        let at = quotes::attribute_all(doc, &ctx.groups, &ctx.sources, &ctx.speech, &sp, sc);
        let cas = casualties::find(doc, &ctx.casualties, sc);
        format!("{sp:?}\n{:?}\n{:?}\n{at:?}\n{cas:?}", ld.hits, ld.counts)
    })
}

fn article(id: &str, text: &str) -> Article {
    let origin = Origin {
        file: format!("{id}.txt").into(),
        line: None,
    };
    Article::from_record(id.into(), "Test".into(), None, text.into(), origin)
}

fn assert_same(articles: &[Article], ctx: &Context) {
    for a in articles {
        let doc = Document::build(a, &ctx.layout);
        let [own, shared] = both_ways(&doc, ctx);
        assert_eq!(own, shared, "article {} ({})", a.id, a.origin);
    }
}

#[test]
fn shared_scan_finds_what_each_metric_finds_alone_in_the_bundled_corpus() {
    let ctx = context();
    let (articles, problems) = slant::corpus::read_all(&seed_corpus());
    assert!(problems.iter().all(|p| !p.skipped), "{problems:?}");
    assert!(!articles.is_empty());
    assert_same(&articles, &ctx);
}

#[test]
fn shared_scan_agrees_where_matches_nest_and_cross_sentences() {
    let ctx = context();
    let texts = [
        // Aliases that nest ("Washington" in "Washington Post", "Trump" in "President
        // Donald Trump"), roles next to names, verbs inside other words ("unsaid",
        // "sayings"), a quotation with a closing cue.
        "President Donald Trump said the strike was justified. \"It was a warning,\" Eric \
         Trump added. \"Washington will respond,\" the Washington Post said. \
         The unsaid part, according to a State Department spokesman, was the sayings of \
         Secretary of State Mike Pompeo, who told reporters the militia was Iran-backed.",
        // A term split by a sentence end, one repeated at once, casualty words and a risk
        // phrase.
        "Two civilians were killed and five wounded; three more were at risk of death. They \
         called it an assassination. Assassination assassination, the Iraqi prime \
         minister said. Kata'ib Hezbollah, an Iran backed militia, vowed revenge; \"resistance\" \
         groups said the \"aggression\" would be answered.",
        // Upper case, curly quotes and dashes, which the normalized view folds.
        "IRAN-BACKED MILITIA LEADER KILLED \u{2014} officials say \u{201c}this is a \
         terrorist act,\u{201d} the U.S. Defense Secretary said.",
    ];
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article(&format!("t{i}"), t))
        .collect();
    assert_same(&articles, &ctx);
}

#[test]
fn shared_scan_agrees_on_real_articles() {
    let Some(path) = common::allsides() else {
        return;
    };
    let ctx = context();
    let articles: Vec<Article> = CorpusReader::open(&path, ReadOptions::default())
        .take(400)
        .filter_map(|i| match i {
            Item::Article(a, _) => Some(*a),
            Item::Problem(_) => None,
        })
        .collect();
    assert!(articles.len() > 300);
    assert_same(&articles, &ctx);
}

/// An empty phrase matches at every position, and each search has its own rule for such
/// matches: the shared scan steps aside and the metrics search with their own automata.
#[test]
fn an_empty_phrase_turns_the_shared_scan_off() {
    let mut ctx = context();
    let (articles, _) = slant::corpus::read_all(&seed_corpus());
    let doc = Document::build(&articles[0], &ctx.layout);
    assert!(ctx.scanner.scan(&doc).is_some());
    ctx.speech.cues.according_to.push(String::new());
    ctx.recompile();
    assert!(ctx.scanner.scan(&doc).is_none());
    // The pipeline still runs, on the metrics' own searches.
    let a = slant::pipeline::analyse(&doc, &ctx);
    assert!(!a.hits.is_empty());
}
