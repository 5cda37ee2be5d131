//! The bundle's `index.html`: every finding marked where it stands, properly nested, escaped,
//! self-contained and byte-identical from run to run.

mod common;

use regex::Regex;
use slant::corpus::{Article, Origin};
use slant::pipeline::{self, Analysis, Context};
use slant::report::html::{self, Html};
use slant::report::outlets::Outlets;
use slant::text::Document;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn context() -> Context {
    Context::load(&common::crate_root().join("lexicons"), None).expect("bundled lexicons are valid")
}

fn seed_articles() -> Vec<Article> {
    let (articles, problems) = slant::corpus::read_all(&common::seed_corpus());
    assert!(problems.iter().all(|p| !p.skipped), "{problems:?}");
    assert_eq!(articles.len(), 5);
    articles
}

const CHARTS: [&str; 2] = ["loaded_density.png", "quote_groups.png"];

/// Write the page for `articles` into `dir` the way `report::run` does; return it and the
/// analyses.
fn write_page(
    dir: &Path,
    ctx: &Context,
    articles: &[Article],
    limit: usize,
) -> (String, Vec<Analysis>) {
    let mut page = Html::create_with_limit(dir, ctx, limit).unwrap();
    let mut outlets = Outlets::default();
    let mut analyses = Vec::new();
    for art in articles {
        let a = pipeline::analyse(&Document::build(art, &ctx.layout), ctx);
        outlets.add(&a, ctx);
        page.add(art, &a, ctx).unwrap();
        analyses.push(a);
    }
    let charts: Vec<String> = CHARTS.iter().map(|s| s.to_string()).collect();
    page.finish(&outlets, &charts, ctx).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        vec![html::FILE_NAME.to_string()],
        "only index.html is left (no temporary file)"
    );
    let text = std::fs::read_to_string(dir.join(html::FILE_NAME)).unwrap();
    (text, analyses)
}

fn seed_page() -> (String, Vec<Article>, Vec<Analysis>) {
    let ctx = context();
    let articles = seed_articles();
    let dir = tempfile::tempdir().unwrap();
    let (page, analyses) = write_page(dir.path(), &ctx, &articles, html::MAX_FULL_TEXT);
    (page, articles, analyses)
}

fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

const ALLOWED_TAGS: [&str; 35] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "header",
    "nav",
    "section",
    "h1",
    "h2",
    "h3",
    "p",
    "b",
    "i",
    "a",
    "code",
    "div",
    "ul",
    "li",
    "span",
    "mark",
    "figure",
    "img",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "label",
    "input",
];
const VOID: [&str; 3] = ["meta", "img", "input"];

/// One tag of the page: byte offset, name, whether it closes, its full text.
struct Tag<'a> {
    at: usize,
    name: String,
    closing: bool,
    text: &'a str,
}

/// Every tag of the page. Text is escaped everywhere, so a `<` always opens a tag.
fn tags(page: &str) -> Vec<Tag<'_>> {
    let mut v = Vec::new();
    let mut i = 0;
    while let Some(off) = page[i..].find('<') {
        let s = i + off;
        let e = s + page[s..].find('>').expect("a tag is closed");
        let inner = &page[s + 1..e];
        i = e + 1;
        if inner.starts_with('!') {
            continue;
        }
        let (closing, body) = match inner.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, inner),
        };
        let name = body
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap()
            .to_ascii_lowercase();
        v.push(Tag {
            at: s,
            name,
            closing,
            text: &page[s..=e],
        });
    }
    v
}

/// Check that tags nest properly and only known tags occur; return opening counts by name.
fn check_nesting(page: &str) -> BTreeMap<String, usize> {
    let handler = Regex::new(r"(?i)\son[a-z]+\s*=").unwrap();
    let mut stack: Vec<String> = Vec::new();
    let mut opened = BTreeMap::new();
    for t in tags(page) {
        assert!(
            ALLOWED_TAGS.contains(&t.name.as_str()),
            "unexpected tag at byte {}: {}",
            t.at,
            t.text
        );
        assert!(
            !handler.is_match(t.text),
            "event handler in a tag: {}",
            t.text
        );
        if t.closing {
            let top = stack.pop().unwrap_or_else(|| panic!("stray {}", t.text));
            assert_eq!(top, t.name, "misnested {} at byte {}", t.text, t.at);
        } else {
            *opened.entry(t.name.clone()).or_insert(0) += 1;
            if !VOID.contains(&t.name.as_str()) {
                stack.push(t.name);
            }
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    opened
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Text of the element opening at byte `at` (tags stripped, unescaped).
fn element_text(page: &str, at: usize) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    let mut pos = at;
    for t in tags(&page[at..]) {
        let s = at + t.at;
        if depth > 0 {
            out.push_str(&page[pos..s]);
        }
        pos = s + t.text.len();
        if VOID.contains(&t.name.as_str()) {
            continue;
        }
        if t.closing {
            depth -= 1;
            if depth == 0 {
                break;
            }
        } else {
            depth += 1;
        }
    }
    unescape(&out)
}

/// Byte range of article `n`'s section (1-based, corpus order).
fn section(page: &str, n: usize) -> (usize, usize) {
    let open = format!("<section class=\"article\" id=\"a{n}\">");
    let s = page.find(&open).unwrap_or_else(|| panic!("no section {n}"));
    let e = s + page[s..].find("</section>").unwrap();
    (s, e)
}

/// Offsets of the first pieces of elements whose class attribute starts with `class`.
fn starts_of(page: &str, class: &str) -> Vec<usize> {
    page.match_indices(&format!("class=\"{class}"))
        .map(|(i, _)| page[..i].rfind('<').unwrap())
        .collect()
}

#[test]
fn one_section_per_article_and_one_mark_per_row() {
    let (page, articles, analyses) = seed_page();
    let opened = check_nesting(&page);
    assert_eq!(count(&page, "<section class=\"article\""), articles.len());
    for (n, art) in articles.iter().enumerate() {
        let (s, e) = section(&page, n + 1);
        assert!(page[s..e].contains(&html::escape(&art.outlet)));
    }
    let hits: usize = analyses.iter().map(|a| a.hits.len()).sum();
    let quotes: usize = analyses.iter().map(|a| a.quotes.len()).sum();
    let casualties: usize = analyses.iter().map(|a| a.casualties.len()).sum();
    assert!(hits > 50 && quotes > 20 && casualties > 20);
    // First pieces carry the kind first; a span split to nest properly continues as `cont`.
    assert_eq!(count(&page, "class=\"hit "), hits);
    assert_eq!(count(&page, "class=\"q "), quotes);
    // Reported speech (each row once; it was not on the page before session 8).
    let reported: usize = analyses.iter().map(|a| a.reported.len()).sum();
    assert!(reported > 40);
    assert_eq!(count(&page, "class=\"rs\""), reported);
    assert_eq!(
        count(&page, "class=\"cas\"") + count(&page, "class=\"cas neg\""),
        casualties
    );
    // Tag counts: marks are hits only; spans include the quote and casualty pieces.
    let cont = count(&page, "class=\"cont ");
    assert_eq!(opened["mark"], hits + count(&page, "class=\"cont hit "));
    assert!(opened["span"] >= reported + quotes + casualties);
    for tag in ["mark", "span", "p", "section"] {
        let closes = count(&page, &format!("</{tag}>"));
        assert_eq!(opened[tag], closes, "<{tag}> opened and closed");
    }
    assert!(cont <= hits + quotes + casualties + reported);
    // Each article's paragraphs are all there.
    let lines: usize = analyses.iter().map(|a| a.summary.lines.len()).sum();
    assert_eq!(
        count(&page, "<p data-zone=") + count(&page, "<p class=\"dropped\""),
        lines
    );
}

#[test]
fn marks_cover_the_right_characters() {
    // Offsets are code points into texts full of curly quotes and dashes: a wrong byte
    // conversion shows as a mark around the wrong letters.
    let (page, articles, analyses) = seed_page();
    assert!(articles.iter().any(|a| !a.text.is_ascii()));
    for (n, a) in analyses.iter().enumerate() {
        let (s, e) = section(&page, n + 1);
        let sec = &page[s..e];
        let marked: Vec<String> = starts_of(sec, "hit ")
            .into_iter()
            .map(|i| element_text(sec, i))
            .collect();
        let mut rows: Vec<(usize, usize, &str)> = a
            .hits
            .iter()
            .map(|h| (h.char_start, h.char_end, h.matched.as_str()))
            .collect();
        rows.sort_by_key(|r| (r.0, std::cmp::Reverse(r.1)));
        assert_eq!(marked.len(), rows.len());
        for (m, r) in marked.iter().zip(&rows) {
            assert!(
                r.2.starts_with(m.as_str()) && !m.is_empty(),
                "{m:?} vs {r:?}"
            );
        }
        let triggers: Vec<String> = starts_of(sec, "cas")
            .into_iter()
            .map(|i| element_text(sec, i))
            .collect();
        let mut want: Vec<&str> = a.casualties.iter().map(|c| c.m.trigger.as_str()).collect();
        let mut got: Vec<&str> = triggers.iter().map(|s| s.as_str()).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "casualty triggers of article {}", n + 1);
        let quoted: Vec<String> = starts_of(sec, "q ")
            .into_iter()
            .map(|i| element_text(sec, i))
            .collect();
        assert_eq!(quoted.len(), a.quotes.len());
        for (got, q) in quoted.iter().zip(&a.quotes) {
            // The span covers the marks: it opens with the opening mark and holds the words
            // (up to the end of the paragraph when the quotation runs on).
            let words: String = q.text.chars().take(12).collect();
            assert!(got.contains(words.trim()), "{got:?} vs {:?}", q.text);
        }
    }
}

#[test]
fn dropped_lines_are_shown_with_their_rule() {
    let (page, _, analyses) = seed_page();
    let mut dropped = 0;
    for a in &analyses {
        for l in a.summary.lines.iter().filter(|l| !l.zone.counted()) {
            dropped += 1;
            let attr = format!(
                "class=\"dropped\" data-zone=\"{}\" title=\"dropped by rule: {} · zone: {}\">",
                l.zone,
                html::escape(&l.rule),
                l.zone
            );
            let at = page
                .find(&attr)
                .unwrap_or_else(|| panic!("no dropped line for rule {}", l.rule));
            assert!(page[at..].contains(&html::escape(&l.text)));
        }
    }
    assert!(dropped > 5);
    assert_eq!(count(&page, "class=\"dropped\""), dropped);
    assert!(page.contains("dropped by rule: donation-countdown"));
}

#[test]
fn assassination_in_truthout_is_a_hit() {
    let (page, articles, _) = seed_page();
    let n = articles
        .iter()
        .position(|a| a.outlet == "Truthout")
        .unwrap()
        + 1;
    let (s, e) = section(&page, n);
    let body = s + page[s..e].find("<div class=\"text\">").unwrap();
    // Walk the text between tags, keeping the open elements.
    let text = &page[body..e];
    let mut stack: Vec<&str> = Vec::new();
    let mut pos = 0;
    let mut seen = 0;
    for t in tags(text) {
        let segment = &text[pos..t.at];
        if segment.to_lowercase().contains("assassination") {
            let mark = stack
                .iter()
                .find(|o| {
                    o.starts_with("<mark class=\"hit ") || o.starts_with("<mark class=\"cont hit ")
                })
                .unwrap_or_else(|| panic!("`{segment}` is not in a hit mark"));
            assert!(mark.contains("category: Violence framing"), "{mark}");
            seen += 1;
        }
        if t.closing {
            stack.pop();
        } else if !VOID.contains(&t.name.as_str()) {
            stack.push(t.text);
        }
        pos = t.at + t.text.len();
    }
    assert!(seen >= 2, "Truthout says assassination at least twice");
}

#[test]
fn self_contained_no_network() {
    let (page, _, _) = seed_page();
    let attr = Regex::new(r#"\b(src|href|action|data|poster|srcset)\s*=\s*"([^"]*)""#).unwrap();
    let mut imgs = Vec::new();
    for t in tags(&page) {
        assert!(!t.text.contains("http"), "a URL in a tag: {}", t.text);
        assert!(
            !t.text.contains("//"),
            "a network path in a tag: {}",
            t.text
        );
        for c in attr.captures_iter(t.text) {
            let v = &c[2];
            match &c[1] {
                "src" => {
                    assert!(v.starts_with("charts/") && !v.contains(':'), "{v}");
                    imgs.push(v.to_string());
                }
                // A fragment, or a file or folder of the bundle itself (`lexicons/`).
                "href" => assert!(
                    v.starts_with('#')
                        || v.strip_suffix('/')
                            .unwrap_or(v)
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
                    "{v}"
                ),
                other => panic!("unexpected attribute {other}"),
            }
        }
    }
    assert_eq!(
        imgs,
        CHARTS
            .iter()
            .map(|c| format!("charts/{c}"))
            .collect::<Vec<_>>()
    );
    for bad in [
        "<script",
        "<link",
        "@import",
        "url(",
        "@font-face",
        "<iframe",
    ] {
        assert!(!page.contains(bad), "{bad}");
    }
}

#[test]
fn summary_and_legend() {
    let (page, articles, analyses) = seed_page();
    let ctx = context();
    for a in &articles {
        assert!(page.contains(&format!(
            "<tr><td class=\"l\">{}</td>",
            html::escape(&a.outlet)
        )));
    }
    assert!(page.contains("<th class=\"l\">All outlets</th>"));
    let hits: usize = analyses.iter().map(|a| a.hits.len()).sum();
    assert!(page.contains(&format!("<b>{hits}</b> loaded-term hits")));
    for (i, c) in ctx.lexicon.categories.iter().enumerate() {
        assert!(page.contains(&format!(
            "mark.c{i},.sw.c{i},.dot.c{i}{{background-color:{}",
            html::colour(i)
        )));
        assert!(page.contains(&html::escape(&c.label)));
    }
    for (i, g) in slant::report::tables::group_ids(&ctx).iter().enumerate() {
        assert!(page.contains(&format!(
            "span.q.g{i},.sw.g{i}{{border-color:{};",
            html::colour(i)
        )));
        assert!(page.contains(&format!("<code>{g}</code>")));
    }
    assert_eq!(html::colour(0), "#E69F00");
    assert_eq!(html::colour(7), "#000000");
    assert!(page.contains("All 5 articles are shown below"));
}

#[test]
fn written_twice_byte_identical() {
    let ctx = context();
    let articles = seed_articles();
    let d1 = tempfile::tempdir().unwrap();
    let d2 = tempfile::tempdir().unwrap();
    let (p1, _) = write_page(d1.path(), &ctx, &articles, html::MAX_FULL_TEXT);
    let (p2, _) = write_page(d2.path(), &ctx, &articles, html::MAX_FULL_TEXT);
    assert!(p1 == p2, "index.html differs between two writes");
}

#[test]
fn long_corpora_are_cut_and_say_so() {
    let ctx = context();
    let articles = seed_articles();
    let dir = tempfile::tempdir().unwrap();
    let (page, _) = write_page(dir.path(), &ctx, &articles, 2);
    check_nesting(&page);
    assert_eq!(count(&page, "<section class=\"article\""), 2);
    assert!(page.contains("<b>3 more articles are left out</b>"));
    assert!(page.contains("the CSV tables hold every"));
    // The counts and the outlet table still cover all five.
    assert!(page.contains("<b>5</b> articles from <b>5</b> outlets"));
    for a in &articles {
        assert!(page.contains(&format!(
            "<tr><td class=\"l\">{}</td>",
            html::escape(&a.outlet)
        )));
    }
}

const XSS1: &str = "<script>alert(1)</script>";
const XSS2: &str = "\"><img src=x onerror=alert(1)>";

fn hostile() -> Article {
    Article {
        id: format!("evil{XSS1}{XSS2}'"),
        outlet: format!("Evil {XSS1} News {XSS2}"),
        title: Some(format!("Headline {XSS1} {XSS2}")),
        date: Some(format!("2024-02-08{XSS2}")),
        url: Some("javascript:alert(1)".into()),
        language: "en".into(),
        source: None,
        text: format!(
            "Headline {XSS1} {XSS2}\n\n\
             The militia {XSS1} carried out an assassination, the spokesman said.\n\n\
             \u{201c}This aggression {XSS2} killed three civilians\u{a0}in Baghdad,\u{201d} said \
             Yehia Rasool, a spokesperson for the Iraqi military. {XSS1}\n\n\
             Donate now {XSS2}\n"
        ),
        meta: BTreeMap::new(),
        origin: Origin {
            file: PathBuf::from("evil.txt"),
            line: None,
        },
    }
}

#[test]
fn hostile_text_is_inert() {
    let ctx = context();
    let mut articles = seed_articles();
    articles.insert(2, hostile());
    let dir = tempfile::tempdir().unwrap();
    let (page, analyses) = write_page(dir.path(), &ctx, &articles, html::MAX_FULL_TEXT);
    let evil = &analyses[2];
    assert!(!evil.hits.is_empty() && !evil.quotes.is_empty() && !evil.casualties.is_empty());
    check_nesting(&page);
    assert!(!page.to_lowercase().contains("<script"));
    assert!(!page.contains("<img src=x"));
    assert!(!page.contains("href=\"javascript"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
    // In the outlet table, the article list, the section header and the text.
    let esc_outlet = html::escape(&articles[2].outlet);
    assert!(count(&page, &esc_outlet) >= 3);
    assert_eq!(count(&page, "<section class=\"article\""), 6);
    assert_eq!(
        count(&page, "class=\"hit "),
        analyses.iter().map(|a| a.hits.len()).sum::<usize>()
    );
}

#[test]
fn run_writes_the_page_into_the_bundle() {
    let ctx = context();
    let lex = common::crate_root().join("lexicons");
    let out = tempfile::tempdir().unwrap();
    let opts = slant::report::RunOptions {
        corpus: common::seed_corpus(),
        lexicon_files: ctx.files(&lex),
        out: out.path().to_path_buf(),
        name: "page".into(),
        force: false,
        csv: Default::default(),
        read: Default::default(),
        command_line: vec!["slant".into(), "run".into()],
    };
    let mut obs = pipeline::Collect::default();
    let done = slant::report::run(&opts, &ctx, &mut obs).unwrap();
    let page = std::fs::read_to_string(done.bundle.join("index.html")).unwrap();
    check_nesting(&page);
    assert_eq!(count(&page, "<section class=\"article\""), 5);
    assert_eq!(count(&page, "class=\"hit "), done.hits);
    let src = Regex::new(r#"<img src="([^"]+)""#).unwrap();
    let imgs: Vec<String> = src.captures_iter(&page).map(|c| c[1].to_string()).collect();
    assert!(!imgs.is_empty(), "the page shows the charts");
    for i in &imgs {
        assert!(done.bundle.join(i).is_file(), "{i} is in the bundle");
    }
    for e in std::fs::read_dir(&done.bundle).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        assert!(!name.contains("tmp"), "left over: {name}");
    }
}
