//! Fuzz harnesses for slant: one function per cargo-fuzz target, each taking raw bytes and
//! driving slant's public library API the way the command-line tool does.
//!
//! The targets in `fuzz_targets/` are one-line wrappers around these functions. The main
//! crate's `tests/fuzz_regressions.rs` includes this same file (`#[path]`), so the seeds in
//! `seeds/` and every saved crash input are replayed by `cargo test` through exactly the code
//! the fuzzer ran, and the harness cannot drift from the API unnoticed.
//!
//! A function panics, which libFuzzer reports as a crash, when slant panics or when a
//! property slant promises does not hold: every offset on a character boundary and inside the
//! text, sentences inside their paragraph, quotation marks around their content, every index
//! in range, a reader's article equal to what the in-memory parser makes of the same bytes.
//!
//! Only slant and the standard library are used here (no libFuzzer types).

use slant::corpus::{self, Article, CorpusReader, Item, Origin, ReadOptions};
use slant::diag::Diagnostic;
use slant::lexicon::casualties::CasualtyLexicon;
use slant::lexicon::scan::Scanner;
use slant::lexicon::sources::{GroupsLexicon, SpeechLexicon};
use slant::lexicon::{self, Hit, Lexicon, Matcher};
use slant::metrics::quotes::SourceMatcher;
use slant::pipeline::{self, Analysis, Context};
use slant::text::normalize::normalize_str;
use slant::text::{Document, Layout};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Article size limit the record readers are fuzzed with: small, so that both sides of the
/// limit are reachable with inputs of a few kilobytes.
pub const MAX_ARTICLE_BYTES: usize = 2048;

/// A hand-written article (fiction, in the shape of the corpus: front matter, page debris,
/// quotations, reported speech, casualty counts) that fuzzed rule files are run against.
pub const SAMPLE_ARTICLE: &str = "+++
id = \"sample\"
outlet = \"Sample Wire\"
title = \"Drone strike kills two militia commanders near river port\"
date = 2024-03-01
+++
Skip to content
Drone strike kills two militia commanders near river port
Officials say the attack was a response to rocket fire on a base last week.
By A. Reporter | 1 March 2024
Photo: smoke rises over the port (Sample Wire)
A US drone strike killed two commanders of an Iran-backed militia and wounded three civilians on Thursday night, according to local police.
\u{201C}This was a blatant assassination,\u{201D} said Yehia Rasool, a spokesperson for the Iraqi military. \u{201C}It violates our sovereignty.\u{201D}
The Pentagon said the strike was \u{2018}necessary\u{2019} and that no US troops were hurt. Kirby told reporters the so-called resistance had \"no regard for civilian lives\".
What happens next
Residents said at least 4 people died. The militia vowed retaliation, Iraqi News Agency reported.
Support independent journalism: donate today.
";

/// Run a loaded-term, speech, groups or casualty lexicon text through the parsers
/// (`slant lexicon check` and the start of `slant run`). Every input is tried as all four
/// kinds, so one corpus serves them all. A text that parses is compiled and, with built-in
/// defaults for the other rule files, run over [`SAMPLE_ARTICLE`].
pub fn lexicon(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    let path = Path::new("lexicons/fuzz.toml");

    match lexicon::load_sources(&[(path.to_owned(), src.to_string())]) {
        Ok(lex) => {
            let m = Matcher::new(&lex);
            let _ = lexicon::check_examples(&lex, &m);
            for t in &lex.terms {
                assert!(t.category < lex.categories.len(), "term category in range");
                for s in t.examples_match.iter().chain(&t.examples_no_match) {
                    check_hits(s, &m.find_in_text(s), &lex);
                }
            }
            let mut ctx = default_context();
            ctx.lexicon = lex;
            ctx.recompile();
            run_sample(&ctx);
        }
        Err(d) => check_diagnostics(&src, &d),
    }
    match SpeechLexicon::parse(path, &src) {
        Ok(speech) => {
            let mut ctx = default_context();
            ctx.speech = speech;
            ctx.recompile();
            run_sample(&ctx);
        }
        Err(d) => check_diagnostics(&src, &d),
    }
    match GroupsLexicon::parse(path, &src) {
        Ok(groups) => {
            let n = groups.groups.len();
            for g in groups
                .side_groups
                .iter()
                .chain(&groups.dyad_a)
                .chain(&groups.dyad_b)
            {
                assert!(*g < n, "settings name a group in range");
            }
            for (_, g) in &groups.roles {
                assert!(*g < n, "role group in range");
            }
            for (_, s) in &groups.aliases {
                assert!(*s < groups.speakers.len(), "alias speaker in range");
            }
            let mut ctx = default_context();
            ctx.groups = groups;
            ctx.recompile();
            run_sample(&ctx);
        }
        Err(d) => check_diagnostics(&src, &d),
    }
    match CasualtyLexicon::parse(path, &src) {
        Ok(cas) => {
            for v in &cas.victims {
                assert!(v.group < cas.groups.len(), "victim group in range");
            }
            let mut ctx = default_context();
            ctx.casualties = cas;
            ctx.recompile();
            run_sample(&ctx);
        }
        Err(d) => check_diagnostics(&src, &d),
    }
}

/// Parse layout rules (`layout.toml`) and, when they compile, zone [`SAMPLE_ARTICLE`] and build
/// its text model with them.
pub fn layout(data: &[u8]) {
    let src = String::from_utf8_lossy(data);
    match Layout::parse(Path::new("lexicons/layout.toml"), &src) {
        Ok(layout) => {
            let article = sample_article();
            let doc = Document::build(article, &layout);
            check_document(&doc);
        }
        Err(d) => check_diagnostics(&src, &d),
    }
}

/// A `.txt` article with optional TOML front matter: the in-memory parser
/// ([`corpus::parse_text_file`]) on the decoded bytes, and the corpus reader on the same bytes
/// written to a file; both must agree.
pub fn textfile(data: &[u8]) {
    let name = if data.starts_with(&[0x1f, 0x8b]) {
        "article.txt.gz"
    } else {
        "article.txt"
    };
    let file = Scratch::new(name, data);
    // What the reader does before parsing: drop a UTF-8 byte-order mark, decode lossily.
    let body = data.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(data);
    let content = String::from_utf8_lossy(body);
    let parsed = corpus::parse_text_file(&file.path, &content);
    if let Ok((a, warnings)) = &parsed {
        assert!(
            content.ends_with(a.text.as_str()),
            "article text is the file's text after the front matter"
        );
        check_article(a);
        for w in warnings {
            let _ = w.to_string();
        }
    }
    let items: Vec<Item> = CorpusReader::open(&file.path, ReadOptions::default()).collect();
    assert_eq!(items.len(), 1, "one text file, one item");
    for item in &items {
        match item {
            Item::Article(a, warnings) => {
                check_article(a);
                assert!(!a.text.trim().is_empty(), "article with no text loaded");
                for w in warnings {
                    let _ = w.to_string();
                }
                if name.ends_with(".txt") {
                    let Ok((p, _)) = &parsed else {
                        panic!("the reader loaded an article the parser rejects");
                    };
                    assert_eq!(**a, *p, "reader and parser agree");
                }
            }
            Item::Problem(p) => {
                assert_eq!(p.origin.file, file.path);
                let _ = p.to_string();
            }
        }
    }
}

/// A JSON Lines corpus file, through the streaming reader.
pub fn jsonl(data: &[u8]) {
    records(data, "fuzz.jsonl");
}

/// A CSV corpus file, through the streaming reader.
pub fn csv(data: &[u8]) {
    records(data, "fuzz.csv");
}

/// An article through the whole analysis: read as a `.txt` file (front matter if it parses,
/// else the bytes as a record), zoned with the bundled layout, split into paragraphs and
/// sentences, quotations found, then every metric run as `slant run` does
/// ([`pipeline::analyse`]) with the bundled lexicons.
pub fn text_model(data: &[u8]) {
    let content = String::from_utf8_lossy(data);
    let article = match corpus::parse_text_file(Path::new("corpus/fuzz.txt"), &content) {
        Ok((a, _)) => a,
        Err(_) => Article::from_record(
            "fuzz".into(),
            "Fuzz Outlet".into(),
            None,
            content.into_owned(),
            Origin {
                file: PathBuf::from("corpus/fuzz.jsonl"),
                line: Some(1),
            },
        ),
    };
    let ctx = bundled_context();
    let doc = Document::build(&article, &ctx.layout);
    check_document(&doc);
    let analysis = pipeline::analyse(&doc, ctx);
    check_analysis(&doc, ctx, &analysis);
}

// ------------------------------------------------------------------------------------------

/// Read a JSONL or CSV file (gzip when the bytes start with its magic) and check every item.
fn records(data: &[u8], name: &str) {
    let name = if data.starts_with(&[0x1f, 0x8b]) {
        format!("{name}.gz")
    } else {
        name.to_owned()
    };
    let file = Scratch::new(&name, data);
    let opts = ReadOptions {
        max_article_bytes: MAX_ARTICLE_BYTES,
        ..ReadOptions::default()
    };
    let mut ids = HashSet::new();
    for item in CorpusReader::open(&file.path, opts) {
        match item {
            Item::Article(a, warnings) => {
                check_article(&a);
                assert!(!a.text.trim().is_empty(), "article with no text loaded");
                assert!(a.origin.line.is_some(), "a record names its line");
                assert_eq!(a.origin.file, file.path);
                let title_len = a.title.as_deref().map_or(0, |t| t.len() + 2);
                assert!(
                    a.text.len() <= MAX_ARTICLE_BYTES + title_len,
                    "article over the size limit was loaded"
                );
                assert!(ids.insert(a.id.clone()), "duplicate id `{}` loaded", a.id);
                for w in &warnings {
                    assert!(!w.skipped, "a warning does not skip");
                    let _ = w.to_string();
                }
            }
            Item::Problem(p) => {
                assert_eq!(p.origin.file, file.path);
                let _ = p.to_string();
            }
        }
    }
}

/// Properties of any article a reader loaded (and of what the text parser makes).
fn check_article(a: &Article) {
    if let Some(t) = &a.title {
        assert!(!t.trim().is_empty(), "blank title kept");
        if a.origin.line.is_some() {
            // A record's title is prepended unless one of the text's first paragraphs (as the
            // layout cuts them) is the title, so either way the text holds it near the top (a
            // title spanning lines is prepended whole, as the text's start).
            let prepended = a.text.starts_with(t.trim());
            let t = normalize_str(t.trim());
            let top = slant::text::layout::Settings::default().top_paragraphs;
            let (ps, _) = slant::text::segment::paragraphs_with_title(&a.text, Some(&t), top);
            let holds = ps
                .iter()
                .take(top)
                .any(|&(s, e)| normalize_str(&a.text[s..e]) == t);
            assert!(
                holds || prepended,
                "record text does not hold its title near the top"
            );
        }
    }
    let _ = a.origin.to_string();
}

/// Every diagnostic points inside the file and renders.
fn check_diagnostics(src: &str, diags: &[Diagnostic]) {
    assert!(!diags.is_empty(), "a rejected file has a diagnostic");
    let lines = src.matches('\n').count() + 1;
    for d in diags {
        let _ = d.to_string();
        if d.line > 0 {
            assert!(d.line <= lines, "diagnostic line {} of {lines}", d.line);
            assert!(d.col >= 1, "diagnostic column is 1-based");
        } else {
            assert!(
                d.source_line.is_none(),
                "a whole-file diagnostic shows no line"
            );
        }
    }
}

/// Hits of a free-standing text lie on its character boundaries.
fn check_hits(s: &str, hits: &[Hit], lex: &Lexicon) {
    for h in hits {
        assert!(h.start <= h.end && h.end <= s.len(), "hit inside the text");
        assert!(s.is_char_boundary(h.start) && s.is_char_boundary(h.end));
        assert!(h.term < lex.terms.len() && h.category < lex.categories.len());
    }
}

/// Character offset of every byte offset, counted the slow and obvious way.
fn char_offsets(text: &str) -> Vec<usize> {
    let mut out = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, b) in text.bytes().enumerate() {
        out[i] = n;
        if (b & 0xC0) != 0x80 {
            n += 1;
        }
    }
    out[text.len()] = n;
    out
}

/// A span `[a, b)` of `text`: ordered, inside, on character boundaries.
fn check_span(text: &str, a: usize, b: usize, what: &str) {
    assert!(a <= b, "{what}: start {a} after end {b}");
    assert!(
        b <= text.len(),
        "{what}: end {b} past the text ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(a) && text.is_char_boundary(b),
        "{what}: [{a}, {b}) not on character boundaries"
    );
}

/// Properties of the text model.
fn check_document(doc: &Document) {
    let text = doc.text();
    let chars = char_offsets(text);
    let mut prev_end = 0;
    let mut words = 0;
    assert_eq!(doc.norms.len(), doc.paragraphs.len());
    for p in &doc.paragraphs {
        check_span(text, p.start, p.end, "paragraph");
        assert!(p.start >= prev_end, "paragraphs overlap");
        prev_end = p.end;
        if p.zone.counted() {
            words += p.words;
        }
        assert_eq!(doc.char_offset(p.start), chars[p.start], "char offset");
        assert_eq!(doc.char_offset(p.end), chars[p.end], "char offset");
    }
    assert_eq!(doc.words, words, "document words = counted paragraph words");
    let mut prev = 0;
    for s in &doc.sentences {
        check_span(text, s.start, s.end, "sentence");
        assert!(s.start >= prev, "sentences out of order");
        prev = s.start;
        let p = &doc.paragraphs[s.paragraph];
        assert!(
            p.start <= s.start && s.end <= p.end,
            "sentence outside its paragraph"
        );
    }
    for q in &doc.quotes {
        check_span(text, q.start, q.end, "quotation");
        check_span(text, q.content_start, q.content_end, "quotation content");
        assert!(q.start <= q.content_start && q.content_end <= q.end);
        assert!(
            doc.paragraphs[q.paragraph].zone.counted(),
            "quotation in debris"
        );
        assert_eq!(doc.char_offset(q.end), chars[q.end], "char offset");
    }
    for m in &doc.malformed {
        assert!(m.offset < text.len() && text.is_char_boundary(m.offset));
    }
    if let Some((a, b)) = doc.body_span() {
        check_span(text, a, b, "body");
    }
}

/// Properties of a full analysis.
fn check_analysis(doc: &Document, ctx: &Context, an: &Analysis) {
    let text = doc.text();
    let n_chars = text.chars().count();
    let n_para = doc.paragraphs.len();
    let n_sent = doc.sentences.len();
    for h in &an.loaded.hits {
        check_span(text, h.start, h.end, "loaded-term hit");
        assert!(h.term < ctx.lexicon.terms.len() && h.category < ctx.lexicon.categories.len());
        assert!(h.paragraph < n_para && h.sentence < n_sent);
        assert!(h.quote.is_none_or(|q| q < doc.quotes.len()));
    }
    for r in &an.hits {
        assert!(r.char_start <= r.char_end && r.char_end <= n_chars);
        assert!((1..=n_para).contains(&r.paragraph) && (1..=n_sent).contains(&r.sentence));
    }
    for q in &an.quotes {
        assert!((1..=doc.quotes.len()).contains(&q.id));
        assert!(q.char_start <= q.char_end && q.char_end <= n_chars);
        assert!(q.group.is_none_or(|g| g < ctx.groups.groups.len()));
    }
    for c in &an.casualties {
        check_span(text, c.m.start, c.m.end, "casualty trigger");
        assert!(c.char_start <= c.char_end && c.char_end <= n_chars);
        assert!(c.m.group < ctx.casualties.groups.len());
        assert!(c.m.sentence < n_sent && c.m.paragraph < n_para);
    }
    for r in &an.reported {
        assert!(r.char_start <= r.char_end && r.char_end <= n_chars);
        assert!((1..=n_para).contains(&r.paragraph));
        assert!(r.group.is_none_or(|g| g < ctx.groups.groups.len()));
    }
    assert_eq!(an.summary.words, doc.words);
}

/// [`SAMPLE_ARTICLE`] as read from a `.txt` file.
fn sample_article() -> &'static Article {
    static ARTICLE: OnceLock<Article> = OnceLock::new();
    ARTICLE.get_or_init(|| {
        corpus::parse_text_file(Path::new("corpus/sample.txt"), SAMPLE_ARTICLE)
            .expect("the sample article parses")
            .0
    })
}

/// A context with every built-in default and no loaded terms: what a fuzzed rule file is
/// slotted into.
fn default_context() -> Context {
    let lexicon = Lexicon::default();
    let groups = GroupsLexicon::builtin();
    let speech = SpeechLexicon::builtin();
    let matcher = Matcher::new(&lexicon);
    let casualties = CasualtyLexicon::empty();
    Context {
        layout: Layout::empty(),
        scanner: Scanner::new(&matcher, &groups, &speech, &casualties),
        matcher,
        lexicon,
        speech,
        sources: SourceMatcher::new(&groups),
        groups,
        casualties,
        texts: Vec::new(),
    }
}

/// Build [`SAMPLE_ARTICLE`] with the context's layout and run every metric.
fn run_sample(ctx: &Context) {
    let article = sample_article();
    let doc = Document::build(article, &ctx.layout);
    check_document(&doc);
    let analysis = pipeline::analyse(&doc, ctx);
    check_analysis(&doc, ctx, &analysis);
}

/// The repository's bundled lexicons (`lexicons/`), loaded once.
fn bundled_context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        // This file is compiled from fuzz/ (the fuzz crate) and from the repository root (the
        // regression test): the lexicons are in one of the two.
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = [here.join("lexicons"), here.join("../lexicons")]
            .into_iter()
            .find(|d| d.join("layout.toml").is_file())
            .expect("the bundled lexicons folder");
        match Context::load(&dir, None) {
            Ok(ctx) => ctx,
            Err(d) => panic!("bundled lexicons do not load: {d:?}"),
        }
    })
}

/// A file in a fresh temporary folder, removed on drop: the record readers and the text-file
/// reader only read from paths, and the file name decides the format.
struct Scratch {
    dir: PathBuf,
    path: PathBuf,
}

impl Scratch {
    fn new(name: &str, data: &[u8]) -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "slant-fuzz-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create a scratch folder");
        let path = dir.join(name);
        std::fs::write(&path, data).expect("write the scratch file");
        Scratch { dir, path }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
