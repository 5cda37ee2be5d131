//! `slant explain ARTICLE` / `slant explain --term ID`: why an article scored what it did.
//!
//! ARTICLE is an article id in the corpus (`--corpus`, default `corpus/`) or the path of a
//! `.txt`/`.md` file. The article is printed line by line with its zones: loaded-term hits in
//! their category's colour (`[brackets]` without colour) and listed under their line with term,
//! category and voice; quotations followed by `[speaker · group]`; casualty harm words
//! underlined (`_underscores_`) with harm class and victim group; dropped lines dimmed with
//! the layout rule that dropped them; then a legend.
//!
//! `--term ID` shows a lexicon term: category, weight, case mode, patterns and the variants the
//! matcher really searches, `unless` phrases, examples with PASS/FAIL, and every hit of it in
//! the corpus with article, voice, zone and sentence.
//!
//! Colour: `--color auto` (default) colours only when standard output is a terminal and
//! `NO_COLOR` is unset or empty; `always` and `never` force it.
//!
//! Exit codes: 0 shown; 2 an unknown article or term id, or an unreadable ARTICLE file (the
//! message names close candidates); 78 an invalid lexicon; 1 the corpus could not be read.

use clap::{Args, ValueEnum};
use slant::corpus::{CorpusReader, Item, ReadOptions};
use slant::pipeline::{self, Context};
use slant::report::explain::{self as render, ColorChoice};
use slant::text::Document;
use std::path::{Path, PathBuf};

/// `--color`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorArg {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorArg {
    /// Decide, from the terminal and NO_COLOR.
    pub fn enabled(self) -> bool {
        use std::io::IsTerminal;
        let choice = match self {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        let no_color = std::env::var("NO_COLOR").ok();
        render::color_enabled(choice, std::io::stdout().is_terminal(), no_color.as_deref())
    }
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// An article id in the corpus, or the path of a .txt/.md article file.
    #[arg(required_unless_present = "term", conflicts_with = "term")]
    pub article: Option<String>,
    /// Show a lexicon term instead: patterns, variants, examples, every hit in the corpus.
    #[arg(long, value_name = "ID")]
    pub term: Option<String>,
    /// Corpus: a folder of .txt/.md files, or a .jsonl/.csv file (optionally .gz).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder holding the lexicons (and layout.toml).
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Exit status for an unknown id or unreadable ARTICLE.
const EXIT_USAGE: u8 = 2;

pub fn run(a: ExplainArgs) -> anyhow::Result<u8> {
    let ctx = match Context::load(&a.lexicons, None) {
        Ok(c) => c,
        Err(diags) => return Ok(super::lexicon::report_invalid(&diags)),
    };
    let color = a.color.enabled();
    match (&a.term, &a.article) {
        (Some(t), _) => term(&a, &ctx, t, color),
        (None, Some(id)) => article(&a, &ctx, id, color),
        (None, None) => unreachable!("clap requires ARTICLE or --term"),
    }
}

fn print(s: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn candidates_line(c: &[String]) -> String {
    if c.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", c.join(", "))
    }
}

fn is_article_file(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md")
}

fn article(a: &ExplainArgs, ctx: &Context, id: &str, color: bool) -> anyhow::Result<u8> {
    let path = Path::new(id);
    let (source, want): (&Path, Option<&str>) = if path.is_file() {
        if !is_article_file(id) {
            eprintln!(
                "error: {id}: explain reads one article from a .txt or .md file; for a .jsonl or .csv corpus give --corpus {id} and an article id"
            );
            return Ok(EXIT_USAGE);
        }
        (path, None)
    } else {
        if is_article_file(id) && (id.contains('/') || id.contains('\\')) {
            eprintln!("error: {id}: no such file");
            return Ok(EXIT_USAGE);
        }
        if let Some(msg) = super::unreadable_corpus(&a.corpus, "") {
            eprintln!("error: {msg}");
            return Ok(1);
        }
        (a.corpus.as_path(), Some(id))
    };
    let mut seen: Vec<String> = Vec::new();
    let mut found = None;
    let mut problems = Vec::new();
    for item in CorpusReader::open(source, ReadOptions::for_layout(&ctx.layout)) {
        match item {
            Item::Article(art, warnings) => {
                if want.is_none_or(|w| w == art.id) {
                    problems.extend(warnings);
                    found = Some(*art);
                    break;
                }
                seen.push(art.id.clone());
            }
            Item::Problem(p) => problems.push(p),
        }
    }
    let Some(art) = found else {
        if want.is_none() {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("error: {id}: no article could be read from this file");
            return Ok(EXIT_USAGE);
        }
        if seen.is_empty() {
            for p in &problems {
                eprintln!("{p}");
            }
            anyhow::bail!("no article could be read from {}", a.corpus.display());
        }
        let close = render::close_matches(id, seen.iter().map(String::as_str));
        eprintln!(
            "error: no article `{id}` in {} ({} article(s) read){}",
            a.corpus.display(),
            seen.len(),
            candidates_line(&close)
        );
        if close.is_empty() {
            eprintln!("  ids: {}", seen.join(", "));
        }
        return Ok(EXIT_USAGE);
    };
    for p in problems.iter().filter(|p| p.origin == art.origin) {
        eprintln!("{p}");
    }
    let doc = Document::build(&art, &ctx.layout);
    let analysis = pipeline::analyse(&doc, ctx);
    print(&render::render_article(&art.text, &analysis, ctx, color))?;
    Ok(0)
}

fn term(a: &ExplainArgs, ctx: &Context, id: &str, color: bool) -> anyhow::Result<u8> {
    let lex = &ctx.lexicon;
    let Some(ti) = lex.terms.iter().position(|t| t.id == id) else {
        let close = render::close_matches(id, lex.terms.iter().map(|t| t.id.as_str()));
        let cat = lex.categories.iter().any(|c| c.id == id);
        eprintln!(
            "error: no term `{id}` in {}{}{}",
            a.lexicons.display(),
            if cat { " (that is a category id)" } else { "" },
            candidates_line(&close)
        );
        return Ok(EXIT_USAGE);
    };
    let mut obs = pipeline::Collect::default();
    let mut hits = Vec::new();
    let res = pipeline::for_each_document(
        &a.corpus,
        &ReadOptions::for_layout(&ctx.layout),
        &ctx.layout,
        &mut obs,
        |doc| render::term_hits(doc, &pipeline::analyse(doc, ctx), ti),
        |_, h| {
            hits.extend(h);
            Ok(())
        },
    );
    for p in obs.problems.iter().filter(|p| p.skipped) {
        eprintln!("{p}");
    }
    if let Err(e) = res {
        anyhow::bail!("reading corpus {}: {e}", a.corpus.display());
    }
    print(&render::render_term(ctx, ti, &hits, color))?;
    Ok(0)
}
