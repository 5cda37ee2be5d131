//! The bundled seed corpus (`corpus/`) held against the gold files written by reading the
//! articles: `tests/gold/zones.toml` and `tests/gold/quotes.toml`.
//!
//! Matching rule (from the gold files' headers): curly quotes and apostrophes fold to straight
//! ones and NBSP to a space before comparing (`slant::text::normalize::fold`, no lower-casing).
//! The gold files are the reference: when they disagree with the program, the program is wrong
//! (or the disagreement must be discussed), never the gold.

mod common;

use common::{clip, layout_path, seed_corpus, Folded};
use serde::Deserialize;
use slant::corpus::{read_all, Article};
use slant::text::normalize::fold;
use slant::text::{Document, Layout, Zone};
use std::collections::BTreeSet;

// ------------------------------------------------------------------------------ gold files

#[derive(Debug, Deserialize)]
struct ZonesGold {
    line: Vec<GoldLine>,
}

#[derive(Debug, Deserialize)]
struct GoldLine {
    article: String,
    starts: String,
    zone: Zone,
    #[serde(default)]
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct QuotesGold {
    #[serde(default)]
    quote: Vec<GoldQuote>,
    #[serde(default)]
    malformed: Vec<GoldMalformed>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct GoldQuote {
    article: String,
    starts: String,
    ends: String,
    kind: String,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    attribution: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct GoldMalformed {
    article: String,
    context: String,
    #[serde(default)]
    note: Option<String>,
}

fn gold_path(name: &str) -> std::path::PathBuf {
    common::crate_root().join("tests").join("gold").join(name)
}

fn load_toml<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let path = gold_path(name);
    let src = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    toml::from_str(&src).unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()))
}

// ------------------------------------------------------------------------------ the seeds

struct Seeds {
    articles: Vec<Article>,
    layout: Layout,
}

impl Seeds {
    fn load() -> Seeds {
        let (articles, problems) = read_all(&seed_corpus());
        let errors: Vec<String> = problems
            .iter()
            .filter(|p| p.skipped)
            .map(|p| p.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "seed corpus problems:\n{}",
            errors.join("\n")
        );
        assert_eq!(articles.len(), 5, "the seed corpus holds five articles");
        let layout = Layout::load(&layout_path()).unwrap_or_else(|diags| {
            panic!(
                "invalid layout rules:\n{}",
                diags
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        Seeds { articles, layout }
    }

    fn article(&self, id: &str) -> &Article {
        self.articles
            .iter()
            .find(|a| a.id == id)
            .unwrap_or_else(|| panic!("gold names article `{id}`, which is not in the seed corpus"))
    }

    fn ids(&self) -> BTreeSet<&str> {
        self.articles.iter().map(|a| a.id.as_str()).collect()
    }
}

/// Article ids in order of first appearance, with the items of each.
fn group_by_article<T>(items: &[T], article: impl Fn(&T) -> &str) -> Vec<(String, Vec<&T>)> {
    let mut out: Vec<(String, Vec<&T>)> = Vec::new();
    for it in items {
        let id = article(it);
        match out.iter_mut().find(|(a, _)| a == id) {
            Some((_, v)) => v.push(it),
            None => out.push((id.to_owned(), vec![it])),
        }
    }
    out
}

// ------------------------------------------------------------------------------ zones

#[test]
fn gold_zones_cover_every_seed_article() {
    let seeds = Seeds::load();
    let gold: ZonesGold = load_toml("zones.toml");
    let in_gold: BTreeSet<&str> = gold.line.iter().map(|l| l.article.as_str()).collect();
    assert_eq!(in_gold, seeds.ids());
}

#[test]
fn zones_match_gold() {
    let seeds = Seeds::load();
    let gold: ZonesGold = load_toml("zones.toml");
    let mut report: Vec<String> = Vec::new();
    let mut total = 0usize;
    let mut agree = 0usize;
    for (id, lines) in group_by_article(&gold.line, |l| &l.article) {
        let article = seeds.article(&id);
        let doc = Document::build(article, &seeds.layout);
        let text = article.text.as_str();
        let paras = &doc.paragraphs;
        let folded: Vec<String> = paras.iter().map(|p| fold(&text[p.start..p.end])).collect();
        let mut problems: Vec<String> = Vec::new();
        if paras.len() != lines.len() {
            problems.push(format!(
                "  paragraph count: gold {}, program {}",
                lines.len(),
                paras.len()
            ));
        }
        // Align gold lines with paragraphs in order: each gold line takes the next paragraph
        // that starts with its prefix; paragraphs passed over are extra in the program.
        let mut cursor = 0usize;
        for g in &lines {
            total += 1;
            let want = fold(&g.starts);
            match (cursor..paras.len()).find(|&i| folded[i].starts_with(&want)) {
                Some(i) => {
                    for (j, p) in paras.iter().enumerate().take(i).skip(cursor) {
                        problems.push(format!(
                            "  + program paragraph {} (line {}, {} by `{}`) not in gold: {:?}",
                            j + 1,
                            p.line,
                            p.zone,
                            p.rule,
                            clip(&text[p.start..p.end], 70)
                        ));
                    }
                    let p = &paras[i];
                    if p.zone == g.zone {
                        agree += 1;
                    } else {
                        problems.push(format!(
                            "  ~ paragraph {} (line {}) {:?}: gold {}, program {} (rule `{}`)",
                            i + 1,
                            p.line,
                            clip(&g.starts, 50),
                            g.zone,
                            p.zone,
                            p.rule
                        ));
                    }
                    cursor = i + 1;
                }
                None => problems.push(format!(
                    "  - gold line {:?} ({}) not found among the program's paragraphs from {} on",
                    clip(&g.starts, 50),
                    g.zone,
                    cursor + 1
                )),
            }
        }
        for (j, p) in paras.iter().enumerate().skip(cursor) {
            problems.push(format!(
                "  + program paragraph {} (line {}, {} by `{}`) not in gold: {:?}",
                j + 1,
                p.line,
                p.zone,
                p.rule,
                clip(&text[p.start..p.end], 70)
            ));
        }
        if !problems.is_empty() {
            report.push(format!("{id}:"));
            report.extend(problems);
        }
    }
    assert!(
        report.is_empty(),
        "zones disagree with tests/gold/zones.toml ({agree} of {total} gold lines agree):\n{}",
        report.join("\n")
    );
}

// ------------------------------------------------------------------------------ quotations

/// The outcome of matching gold quotations against the program's.
struct QuoteMatch {
    total: usize,
    found: usize,
    kind_ok: usize,
    missing: Vec<String>,
    kind_mismatches: Vec<String>,
    extras: Vec<String>,
}

fn match_quotes(seeds: &Seeds, gold: &QuotesGold) -> QuoteMatch {
    let mut m = QuoteMatch {
        total: 0,
        found: 0,
        kind_ok: 0,
        missing: Vec::new(),
        kind_mismatches: Vec::new(),
        extras: Vec::new(),
    };
    let by_article = group_by_article(&gold.quote, |q| &q.article);
    // Every seed article is checked for extras, including one with no gold quotation.
    let mut ids: Vec<String> = by_article.iter().map(|(a, _)| a.clone()).collect();
    for a in &seeds.articles {
        if !ids.contains(&a.id) {
            ids.push(a.id.clone());
        }
    }
    for id in ids {
        let golds: Vec<&GoldQuote> = by_article
            .iter()
            .find(|(a, _)| *a == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let article = seeds.article(&id);
        let doc = Document::build(article, &seeds.layout);
        let text = article.text.as_str();
        let contents: Vec<String> = doc
            .quotes
            .iter()
            .map(|q| fold(&text[q.content_start..q.content_end]))
            .collect();
        let mut used = vec![false; doc.quotes.len()];
        for g in golds {
            m.total += 1;
            let (s, e) = (fold(&g.starts), fold(&g.ends));
            let hit = (0..doc.quotes.len())
                .find(|&i| !used[i] && contents[i].starts_with(&s) && contents[i].ends_with(&e));
            match hit {
                Some(i) => {
                    used[i] = true;
                    m.found += 1;
                    let kind = doc.quotes[i].kind.as_str();
                    if kind == g.kind {
                        m.kind_ok += 1;
                    } else {
                        m.kind_mismatches.push(format!(
                            "  {id}: {:?} … {:?}: gold {}, program {} ({} words)",
                            clip(&g.starts, 40),
                            clip(&g.ends, 40),
                            g.kind,
                            kind,
                            doc.quotes[i].words
                        ));
                    }
                }
                None => m.missing.push(format!(
                    "  {id}: {:?} … {:?} ({})",
                    clip(&g.starts, 50),
                    clip(&g.ends, 50),
                    g.kind
                )),
            }
        }
        for (i, q) in doc.quotes.iter().enumerate() {
            if !used[i] {
                let p = &doc.paragraphs[q.paragraph];
                m.extras.push(format!(
                    "  {id}: line {} char {}, {}: {:?}",
                    p.line,
                    doc.char_offset(q.start),
                    q.kind.as_str(),
                    clip(&text[q.content_start..q.content_end], 90)
                ));
            }
        }
    }
    m
}

#[test]
fn every_gold_quotation_is_found() {
    let seeds = Seeds::load();
    let gold: QuotesGold = load_toml("quotes.toml");
    let m = match_quotes(&seeds, &gold);
    assert!(m.total > 0, "no quotations in gold");
    assert!(
        m.missing.is_empty(),
        "{} of {} gold quotations not found (a program quotation whose folded content starts \
         with `starts` and ends with `ends`):\n{}",
        m.missing.len(),
        m.total,
        m.missing.join("\n")
    );
}

#[test]
fn quotation_kinds_match_gold() {
    let seeds = Seeds::load();
    let gold: QuotesGold = load_toml("quotes.toml");
    let m = match_quotes(&seeds, &gold);
    let accuracy = if m.found == 0 {
        0.0
    } else {
        m.kind_ok as f64 / m.found as f64
    };
    eprintln!(
        "quotation kind accuracy: {}/{} = {:.1}% (of the {} found; {} gold quotations)",
        m.kind_ok,
        m.found,
        accuracy * 100.0,
        m.found,
        m.total
    );
    if !m.kind_mismatches.is_empty() {
        eprintln!("kind mismatches:\n{}", m.kind_mismatches.join("\n"));
    }
    assert!(
        accuracy >= 0.90,
        "quotation kind accuracy {:.1}% is under 90% ({}/{}):\n{}",
        accuracy * 100.0,
        m.kind_ok,
        m.found,
        m.kind_mismatches.join("\n")
    );
}

#[test]
fn no_quotation_outside_gold() {
    let seeds = Seeds::load();
    let gold: QuotesGold = load_toml("quotes.toml");
    let m = match_quotes(&seeds, &gold);
    assert!(
        m.extras.is_empty(),
        "{} program quotation(s) not in gold (precision):\n{}",
        m.extras.len(),
        m.extras.join("\n")
    );
}

#[test]
fn malformed_marks_match_gold() {
    let seeds = Seeds::load();
    let gold: QuotesGold = load_toml("quotes.toml");
    let mut report: Vec<String> = Vec::new();
    for article in &seeds.articles {
        let doc = Document::build(article, &seeds.layout);
        let text = article.text.as_str();
        let folded = Folded::new(text);
        let mut covered = vec![false; doc.malformed.len()];
        for g in gold.malformed.iter().filter(|g| g.article == article.id) {
            let Some((a, b)) = folded.locate(&g.context) else {
                report.push(format!(
                    "  {}: gold context {:?} does not occur in the text",
                    article.id, g.context
                ));
                continue;
            };
            let mut hit = false;
            for (i, mk) in doc.malformed.iter().enumerate() {
                if a <= mk.offset && mk.offset < b {
                    covered[i] = true;
                    hit = true;
                }
            }
            if !hit {
                report.push(format!(
                    "  {}: gold malformed mark in {:?} (chars {}..{}) not flagged",
                    article.id,
                    g.context,
                    doc.char_offset(a),
                    doc.char_offset(b)
                ));
            }
        }
        for (i, mk) in doc.malformed.iter().enumerate() {
            if !covered[i] {
                let mut from = mk.offset.saturating_sub(40);
                while !text.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = (mk.offset + 40).min(text.len());
                while !text.is_char_boundary(to) {
                    to += 1;
                }
                report.push(format!(
                    "  {}: flagged mark {} at char {} ({}) not in gold: {:?}",
                    article.id,
                    mk.mark,
                    doc.char_offset(mk.offset),
                    mk.reason,
                    clip(&text[from..to], 90)
                ));
            }
        }
    }
    assert!(
        report.is_empty(),
        "malformed marks disagree with tests/gold/quotes.toml:\n{}",
        report.join("\n")
    );
}
