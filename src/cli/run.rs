//! `slant run`: analyse a corpus with the lexicons and write a report bundle.
//!
//! Defaults: the corpus in `corpus/`, lexicons in `lexicons/`, the bundle in
//! `reports/<date>T<time>/` (or `reports/<--name>/`). An invalid lexicon or layout file stops
//! the run before anything is written (exit 78); a broken article is reported and skipped and
//! the run goes on (exit 3 at the end); the bundle appears whole or not at all.

use clap::Args;
use slant::corpus::ReadOptions;
use slant::pipeline;
use slant::report::csv::CsvOptions;
use slant::report::RunOptions;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Corpus: a folder of .txt/.md files, or a .jsonl/.csv file (optionally .gz).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder holding the lexicons (and layout.toml).
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// Folder the bundle is written under.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Bundle name (default: the date and time, UTC, with -2, -3, ... added when a bundle of
    /// that name exists, so quick runs in a row each get their own).
    #[arg(long)]
    pub name: Option<String>,
    /// Replace an existing bundle of the same name (given with --name: the default name never
    /// replaces one, it takes -2, -3, ... instead).
    #[arg(long)]
    pub force: bool,
    /// Worker threads, at least 1 (default: all cores).
    #[arg(
        long,
        short = 'j',
        visible_alias = "jobs",
        value_parser = super::parse_threads,
        allow_negative_numbers = true
    )]
    pub threads: Option<usize>,
    /// No progress bar or warnings, only errors and the summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Write CSV with a UTF-8 byte-order mark (Excel on Windows).
    #[arg(long)]
    pub excel: bool,
    /// CSV field delimiter (one ASCII character, e.g. ';').
    #[arg(long, default_value = ",", value_parser = super::parse_delimiter)]
    pub delimiter: u8,
    /// Turn off the formula-injection guard on text cells.
    #[arg(long)]
    pub raw_csv: bool,
    /// Keep at most N characters of context either side of each hit in the `sentence_text`
    /// columns (keyword in context, cut at a word boundary with …) and at most 2N of each
    /// quotation and reported-speech
    /// text; default: whole sentences and texts. On big corpora the text columns are about
    /// half of the bundle's size.
    #[arg(long, value_name = "N", value_parser = super::parse_context, allow_negative_numbers = true)]
    pub context: Option<usize>,
    /// Largest article accepted, in MB.
    #[arg(
        long,
        default_value_t = 16,
        value_parser = super::parse_article_mb,
        allow_negative_numbers = true
    )]
    pub max_article_mb: usize,
}

/// The default bundle name: the date and time, UTC.
pub fn timestamp_name() -> String {
    slant::report::timestamp_name(std::time::SystemTime::now())
}

/// `base`, or `base-2`, `base-3`, ... : the first name no bundle under `out` has yet. Two
/// runs in the same second would otherwise share a default name, and the second would stop
/// with an error about a `--name` the user never gave.
fn free_name(out: &std::path::Path, base: &str) -> String {
    std::iter::once(base.to_owned())
        .chain((2..).map(|k| format!("{base}-{k}")))
        .find(|n| !out.join(n).exists())
        .expect("some suffix is free")
}

pub fn run(a: RunArgs) -> anyhow::Result<u8> {
    // A bad --name is a usage error, found before anything is read.
    let name = match &a.name {
        Some(n) => n.clone(),
        None => free_name(&a.out, &timestamp_name()),
    };
    if let Err(e) = slant::report::check_name(&name) {
        eprintln!("error: {e}");
        return Ok(super::EXIT_USAGE);
    }
    if let Some(t) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build_global()
            .ok();
    }
    // Everything the user wrote is checked before anything is written.
    let ctx = match pipeline::Context::load(&a.lexicons, None) {
        Ok(c) => c,
        Err(diags) => {
            // A corpus that cannot be read either is said now, not on the next try (its
            // hint, if any, is the lexicons' too).
            if let Some(msg) = super::unreadable_corpus(&a.corpus, "") {
                eprintln!("error: {}", msg.lines().next().unwrap_or(""));
            }
            return Ok(super::lexicon::report_invalid(&diags));
        }
    };
    let lexicon_files = ctx.files(&a.lexicons);
    let opts = RunOptions {
        corpus: a.corpus.clone(),
        lexicon_files,
        out: a.out.clone(),
        name,
        force: a.force,
        csv: CsvOptions {
            delimiter: a.delimiter,
            bom: a.excel,
            raw: a.raw_csv,
            context: a.context,
        },
        read: ReadOptions {
            max_article_bytes: a.max_article_mb * 1024 * 1024,
            ..ReadOptions::for_layout(&ctx.layout)
        },
        command_line: std::env::args().collect(),
    };
    if let Some(msg) = super::unreadable_corpus(&a.corpus, "; nothing written") {
        eprintln!("error: {msg}");
        return Ok(1);
    }
    let mut obs = super::StderrObserver::new(a.quiet);
    let out = slant::report::run(&opts, &ctx, &mut obs)
        .map_err(|e| anyhow::Error::msg(format!("slant run on {}: {e}", a.corpus.display())))?;
    obs.bar.finish_and_clear();
    eprintln!(
        "{} article(s), {} loaded-term hit(s), {} skipped; bundle written to {}",
        out.counts.articles,
        out.hits,
        out.counts.skipped,
        out.bundle.display()
    );
    Ok(if out.counts.skipped > 0 {
        super::EXIT_SKIPPED
    } else {
        0
    })
}
