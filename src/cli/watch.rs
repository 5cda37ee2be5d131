//! `slant watch`: rerun whenever a lexicon or an article changes.
//!
//! Runs once, like `slant run` (same `--corpus`, `--lexicons`, `--out`), into the bundle
//! `<out>/watch`, which every run replaces. Then it looks at the modification times and sizes
//! of the lexicon folder's `.toml` files and of the corpus files every second, and reruns when
//! one changes (or a file appears or goes). After each run it prints what changed since the
//! previous bundle, compactly: lexicon edits, scores, loaded-term hits lost and gained (the
//! logic of `slant diff`).
//!
//! A lexicon with errors prints its diagnostics, and the last good bundle stays as it was;
//! fix the file and save, and the next run goes ahead. Ctrl-C ends it (a run interrupted
//! half-way leaves no half bundle). `--once` stops after the first run, `--max-runs N` after N.
//!
//! Exit status: that of the last run (0; 3 inputs skipped; 78 invalid lexicon; 1 failed).

use super::explain::ColorArg;
use clap::Args;
use slant::corpus::ReadOptions;
use slant::pipeline::Context;
use slant::report::csv::CsvOptions;
use slant::report::diff::{compare, BundleData};
use slant::report::RunOptions;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The bundle name `slant watch` writes (and replaces).
pub const BUNDLE: &str = "watch";

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Corpus: a folder of .txt/.md files, or a .jsonl/.csv file (optionally .gz).
    #[arg(long, default_value = "corpus")]
    pub corpus: PathBuf,
    /// Folder holding the lexicons (and layout.toml).
    #[arg(long, default_value = "lexicons")]
    pub lexicons: PathBuf,
    /// Folder the `watch` bundle is written under.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Stop after the first run.
    #[arg(long)]
    pub once: bool,
    /// Stop after N runs (the first included).
    #[arg(long, value_name = "N")]
    pub max_runs: Option<usize>,
    /// No progress bar or warnings, only errors and the changes.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

fn add_files(dir_or_file: &Path, only_toml: bool, snap: &mut Snapshot) {
    let stamp = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| (m.modified().ok(), m.len()))
            .unwrap_or((None, 0))
    };
    if dir_or_file.is_file() {
        snap.insert(dir_or_file.to_owned(), stamp(dir_or_file));
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir_or_file) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !p.is_file() {
            continue;
        }
        if only_toml && p.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        snap.insert(p.clone(), stamp(&p));
    }
}

/// Modification time and size of every file a run reads.
fn snapshot(a: &WatchArgs) -> Snapshot {
    let mut s = Snapshot::new();
    add_files(&a.lexicons, true, &mut s);
    add_files(&a.corpus, false, &mut s);
    s
}

fn changed(old: &Snapshot, new: &Snapshot) -> Vec<String> {
    let mut v: Vec<String> = new
        .iter()
        .filter(|(p, s)| old.get(*p) != Some(*s))
        .map(|(p, _)| p.display().to_string())
        .collect();
    v.extend(
        old.keys()
            .filter(|p| !new.contains_key(*p))
            .map(|p| format!("{} (removed)", p.display())),
    );
    v
}

/// One run; its exit status.
/// What a failed run says about the bundle: left as it was, or that there is none yet.
fn failed_line(n: usize, out: &std::path::Path) -> String {
    if out.join(BUNDLE).exists() {
        format!("run {n}: failed; the last bundle is left as it was")
    } else {
        format!("run {n}: failed; no bundle written")
    }
}

fn run_once(a: &WatchArgs, n: usize, color: bool) -> u8 {
    let ctx = match Context::load(&a.lexicons, None) {
        Ok(c) => c,
        Err(diags) => {
            let code = super::lexicon::report_invalid(&diags);
            let target = a.out.join(BUNDLE);
            if target.exists() {
                println!(
                    "run {n}: lexicons invalid; {} is left as it was",
                    target.display()
                );
            } else {
                println!("run {n}: lexicons invalid; no bundle written");
            }
            return code;
        }
    };
    let previous = BundleData::load(&a.out.join(BUNDLE)).ok();
    let opts = RunOptions {
        corpus: a.corpus.clone(),
        lexicon_files: ctx.files(&a.lexicons),
        out: a.out.clone(),
        name: BUNDLE.into(),
        force: true,
        csv: CsvOptions::default(),
        read: ReadOptions::for_layout(&ctx.layout),
        command_line: std::env::args().collect(),
    };
    if let Some(msg) = super::unreadable_corpus(&a.corpus, "") {
        eprintln!("error: {msg}");
        println!("{}", failed_line(n, &a.out));
        return 1;
    }
    let mut obs = super::StderrObserver::new(a.quiet);
    let out = match slant::report::run(&opts, &ctx, &mut obs) {
        Ok(o) => o,
        Err(e) => {
            obs.bar.finish_and_clear();
            eprintln!("error: slant run on {}: {e}", a.corpus.display());
            println!("{}", failed_line(n, &a.out));
            return 1;
        }
    };
    obs.bar.finish_and_clear();
    println!(
        "run {n}: {} article(s), {} loaded-term hit(s), {} skipped; bundle {}",
        out.counts.articles,
        out.hits,
        out.counts.skipped,
        out.bundle.display()
    );
    if let Some(prev) = previous {
        match BundleData::load(&out.bundle) {
            Ok(new) => print!("{}", compare(&prev, &new).render(color, true)),
            Err(e) => eprintln!("warning: cannot compare with the previous bundle: {e}"),
        }
    }
    if out.counts.skipped > 0 {
        super::EXIT_SKIPPED
    } else {
        0
    }
}

pub fn run(a: WatchArgs) -> anyhow::Result<u8> {
    use std::io::Write;
    let max = if a.once {
        1
    } else {
        a.max_runs.unwrap_or(usize::MAX).max(1)
    };
    let color = a.color.enabled();
    let mut snap = snapshot(&a);
    let mut code = run_once(&a, 1, color);
    let mut runs = 1;
    if runs < max {
        println!(
            "watching {} and {} (Ctrl-C to stop)",
            a.lexicons.display(),
            a.corpus.display()
        );
    }
    std::io::stdout().flush()?;
    while runs < max {
        std::thread::sleep(Duration::from_secs(1));
        let now = snapshot(&a);
        if now == snap {
            continue;
        }
        // Let an editor finish writing (some save in two steps).
        std::thread::sleep(Duration::from_millis(150));
        let now = snapshot(&a);
        let what = changed(&snap, &now);
        snap = now;
        if what.is_empty() {
            continue;
        }
        runs += 1;
        println!("\nchanged: {}", what.join(", "));
        code = run_once(&a, runs, color);
        std::io::stdout().flush()?;
    }
    Ok(code)
}
