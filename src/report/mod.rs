//! The report bundle: one folder per run, written whole or not at all.
//!
//! A bundle is built in a hidden temporary folder beside its target (`reports/.name.tmp-PID`)
//! and renamed into place only when every file is written. A crash or Ctrl-C leaves at most
//! that temporary folder (cleaned up by the next run), never a half bundle, and never touches
//! an earlier bundle. An existing bundle is replaced only with `force`, and then the old one is
//! moved aside first and removed after the new one is in place.

pub mod charts;
pub mod csv;
pub mod html;

use std::path::{Path, PathBuf};

/// Bundle names are folder names: plain characters only, so a name cannot climb out of the
/// reports folder.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.is_empty()
        || name == "."
        || name == ".."
        || name.starts_with('.')
        || name.len() > 120
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+'))
    {
        return Err(format!(
            "invalid bundle name `{name}`: use letters, digits, '-', '_', '.', '+' (not starting with '.')"
        ));
    }
    Ok(())
}

/// A bundle being written.
#[derive(Debug)]
pub struct Bundle {
    /// Final location.
    pub target: PathBuf,
    /// Temporary folder being filled.
    pub tmp: PathBuf,
    force: bool,
    finished: bool,
    /// The folders this run created to hold the bundle (the output folder and any missing
    /// parents), deepest first: removed again, while empty, if the bundle fails, so a failed
    /// first run leaves nothing behind.
    created: Vec<PathBuf>,
}

impl Bundle {
    /// Start a bundle `root/name`. Fails before writing anything when the target exists and
    /// `force` is false, or when `root` cannot hold it.
    pub fn create(root: &Path, name: &str, force: bool) -> Result<Bundle, String> {
        check_name(name)?;
        if root.exists() && !root.is_dir() {
            return Err(format!(
                "output folder {} exists and is not a folder",
                root.display()
            ));
        }
        let created: Vec<PathBuf> = root
            .ancestors()
            .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
            .map(Path::to_path_buf)
            .collect();
        std::fs::create_dir_all(root).map_err(|e| {
            format!(
                "cannot create output folder {}: {}",
                root.display(),
                crate::corpus::io_reason(&e)
            )
        })?;
        let target = root.join(name);
        if target.exists() && !force {
            return Err(format!(
                "bundle {} already exists: choose another --name, or pass --force to replace it",
                target.display()
            ));
        }
        // Clear leftovers of interrupted runs of the same name.
        if let Ok(rd) = std::fs::read_dir(root) {
            let prefix = format!(".{name}.tmp-");
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let tmp = root.join(format!(".{name}.tmp-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).map_err(|e| {
            format!(
                "cannot write in output folder {}: {}",
                root.display(),
                crate::corpus::io_reason(&e)
            )
        })?;
        Ok(Bundle {
            target,
            tmp,
            force,
            finished: false,
            created,
        })
    }

    /// Path of a file inside the bundle being written.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.tmp.join(rel)
    }

    /// Move the finished bundle into place.
    pub fn finish(mut self) -> Result<PathBuf, String> {
        let err = |e: std::io::Error| {
            format!(
                "cannot put bundle in place at {}: {e}",
                self.target.display()
            )
        };
        if self.target.exists() {
            if !self.force {
                return Err(format!(
                    "bundle {} appeared while this run was writing; not replacing it",
                    self.target.display()
                ));
            }
            let old = self.target.with_file_name(format!(
                ".{}.old-{}",
                self.target.file_name().unwrap().to_string_lossy(),
                std::process::id()
            ));
            std::fs::rename(&self.target, &old).map_err(err)?;
            std::fs::rename(&self.tmp, &self.target).map_err(err)?;
            let _ = std::fs::remove_dir_all(&old);
        } else {
            std::fs::rename(&self.tmp, &self.target).map_err(err)?;
        }
        self.finished = true;
        Ok(self.target.clone())
    }
}

impl Drop for Bundle {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.tmp);
            // remove_dir only succeeds on an empty folder: nothing else is touched.
            for dir in &self.created {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
            }
        }
    }
}

pub mod diff;
pub mod explain;
pub mod outlets;
pub mod tables;

use crate::corpus::ReadOptions;
use crate::pipeline::{self, Context, Observer, RunCounts};
use sha2::{Digest, Sha256};

/// Everything `slant run` is asked to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Corpus path.
    pub corpus: PathBuf,
    /// Lexicon files used (copied into the bundle).
    pub lexicon_files: Vec<PathBuf>,
    /// Folder the bundle goes under.
    pub out: PathBuf,
    /// Bundle name.
    pub name: String,
    /// Replace an existing bundle.
    pub force: bool,
    /// CSV options.
    pub csv: csv::CsvOptions,
    /// Reading options.
    pub read: ReadOptions,
    /// The command line, for the manifest.
    pub command_line: Vec<String>,
}

/// What a finished run reports.
#[derive(Debug, Clone)]
pub struct RunOutcome {
    /// Where the bundle is.
    pub bundle: PathBuf,
    /// Counts.
    pub counts: RunCounts,
    /// Loaded-term hits written.
    pub hits: usize,
}

/// The message for a bundle that could not be written: the bundle as the user named it (not
/// the temporary folder, which is gone by the time they read this), the reason in words, and
/// that nothing was left behind. A full disk is said plainly whichever file hit it; the
/// chart library and the CSV writer report it only inside their own error text.
fn write_failed(target: &Path, what: &str, msg: &str, e: Option<&std::io::Error>) -> String {
    let full = e.is_some_and(|e| e.kind() == std::io::ErrorKind::StorageFull)
        || msg.contains("No space left on device")
        || msg.contains("StorageFull");
    if full {
        format!(
            "cannot write bundle {}: no space left on the device; nothing was written",
            target.display()
        )
    } else {
        let reason = e.map_or_else(|| msg.to_owned(), crate::corpus::io_reason);
        format!(
            "cannot write bundle {}: {what}: {reason}; nothing was written",
            target.display()
        )
    }
}

fn sha256_file(p: &Path) -> std::io::Result<String> {
    sha256_file_unless(p, &std::sync::atomic::AtomicBool::new(false))
}

/// SHA-256 of a file, read in blocks; stops with an error as soon as `stop` is set.
fn sha256_file_unless(p: &Path, stop: &std::sync::atomic::AtomicBool) -> std::io::Result<String> {
    use std::io::Read;
    let mut f = std::fs::File::open(p)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        if stop.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::Interrupted,
                "run stopped",
            ));
        }
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(format!("{:x}", h.finalize()))
}

/// Each corpus file with its SHA-256 (or the error reading it), or the error listing them.
type Hashed = Result<Vec<(PathBuf, std::io::Result<String>)>, crate::corpus::Problem>;

fn hash_corpus(corpus: &Path, stop: &std::sync::atomic::AtomicBool) -> Hashed {
    crate::corpus::corpus_files(corpus).map(|files| {
        files
            .into_iter()
            .map(|f| {
                let sha = sha256_file_unless(&f, stop);
                (f, sha)
            })
            .collect()
    })
}

/// The manifest's corpus checksums: taken on a thread of its own while the run goes on, or at
/// the end when the run has one worker thread (so `-j 1` is one busy thread). A run that
/// returns early stops and joins the thread (on drop), so no hashing outlives the run.
struct CorpusHashes {
    corpus: PathBuf,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<Hashed>>,
}

impl CorpusHashes {
    fn start(corpus: &Path, background: bool) -> CorpusHashes {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let thread = background.then(|| {
            let (corpus, stop) = (corpus.to_owned(), stop.clone());
            std::thread::spawn(move || hash_corpus(&corpus, &stop))
        });
        CorpusHashes {
            corpus: corpus.to_owned(),
            stop,
            thread,
        }
    }

    fn finish(&mut self) -> Result<Hashed, String> {
        match self.thread.take() {
            Some(t) => t
                .join()
                .map_err(|_| "internal error: the corpus checksum thread stopped".to_string()),
            None => Ok(hash_corpus(&self.corpus, &self.stop)),
        }
    }
}

impl Drop for CorpusHashes {
    fn drop(&mut self) {
        if let Some(t) = self.thread.take() {
            self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
            let _ = t.join();
        }
    }
}

/// UTC calendar time of `t`: (year, month, day, hour, minute, second), from days since
/// 1970-01-01 by Howard Hinnant's civil-date algorithm (no date crate needed).
pub fn civil(t: std::time::SystemTime) -> (i64, i64, i64, u64, u64, u64) {
    let secs = t
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = (secs / 86400) as i64;
    let rem = secs % 86400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    (y, m, d, rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// An RFC 3339 UTC timestamp.
pub fn rfc3339(t: std::time::SystemTime) -> String {
    let (y, m, d, h, mi, s) = civil(t);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// The default bundle name: the UTC date and time, `YYYY-MM-DDTHH-MM-SS` (no colons, so it
/// is a valid folder name everywhere).
pub fn timestamp_name(t: std::time::SystemTime) -> String {
    let (y, m, d, h, mi, s) = civil(t);
    format!("{y:04}-{m:02}-{d:02}T{h:02}-{mi:02}-{s:02}")
}

/// Run the whole analysis and write the bundle. Nothing is visible at the target until every
/// file is written.
pub fn run(opts: &RunOptions, ctx: &Context, obs: &mut dyn Observer) -> Result<RunOutcome, String> {
    let started = std::time::SystemTime::now();
    let bundle = Bundle::create(&opts.out, &opts.name, opts.force)?;
    let target = opts.out.join(&opts.name);
    let io = |what: &str, e: std::io::Error| write_failed(&target, what, &e.to_string(), Some(&e));
    let mut tables =
        tables::Tables::create(&bundle.tmp, ctx, opts.csv).map_err(|e| io("tables", e))?;
    let mut page = html::Html::create(&bundle.tmp, ctx).map_err(|e| io(html::FILE_NAME, e))?;
    let mut problems: Vec<String> = Vec::new();
    let mut outlets = outlets::Outlets::default();
    struct Tee<'a> {
        inner: &'a mut dyn Observer,
        seen: &'a mut Vec<String>,
    }
    impl Observer for Tee<'_> {
        fn problem(&mut self, p: &crate::corpus::Problem) {
            self.seen.push(p.to_string());
            self.inner.problem(p);
        }
        fn progress(&mut self, a: usize, b: u64) {
            self.inner.progress(a, b);
        }
        fn input(&mut self, read: u64, total: u64) {
            self.inner.input(read, total);
        }
    }
    let mut tee = Tee {
        inner: obs,
        seen: &mut problems,
    };
    // The corpus files' checksums for the manifest, taken on a thread of their own while the
    // analysis runs when there is more than one worker thread: on a big corpus, hashing it
    // afterwards took about a seventh of a second with every other core idle.
    let mut corpus_hashes = CorpusHashes::start(&opts.corpus, rayon::current_num_threads() > 1);
    let counts = pipeline::for_each_document(
        &opts.corpus,
        &opts.read,
        &ctx.layout,
        &mut tee,
        |doc| pipeline::analyse(doc, ctx),
        |art, a| {
            outlets.add(&a, ctx);
            page.add(art, &a, ctx).map_err(|e| io(html::FILE_NAME, e))?;
            tables.add(&a, ctx).map_err(|e| io("tables", e))
        },
    )?;
    if counts.articles == 0 {
        return Err(format!(
            "no article could be read from {}: nothing written",
            opts.corpus.display()
        ));
    }
    let (_, hits, quotes, casualties, _) = tables.finish().map_err(|e| io("tables", e))?;
    outlets
        .write(&bundle.tmp, ctx, opts.csv)
        .map_err(|e| io("outlets.csv", e))?;
    let chart_files = charts::write_charts(&bundle.path("charts"), &outlets, ctx)
        .map_err(|e| write_failed(&target, "charts", &e, None))?;
    page.finish(&outlets, &chart_files, ctx)
        .map_err(|e| io(html::FILE_NAME, e))?;
    tables::write_columns(&bundle.tmp, ctx, opts.csv).map_err(|e| io("columns.csv", e))?;
    // Lexicons used, copied for reproducibility and diffs.
    let lexdir = bundle.path("lexicons");
    std::fs::create_dir_all(&lexdir).map_err(|e| io("lexicons/", e))?;
    let mut lex_entries = Vec::new();
    for f in &opts.lexicon_files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The text the run parsed, not the file as it is now (it may have been saved again
        // since).
        let sha = match ctx.texts.iter().find(|(p, _)| p == f) {
            Some((_, text)) => {
                std::fs::write(lexdir.join(&name), text).map_err(|e| io(&name, e))?;
                format!("{:x}", Sha256::digest(text.as_bytes()))
            }
            None => {
                std::fs::copy(f, lexdir.join(&name)).map_err(|e| io(&name, e))?;
                sha256_file(f).map_err(|e| io(&name, e))?
            }
        };
        lex_entries.push(serde_json::json!({
            "path": f.display().to_string(),
            "sha256": sha,
        }));
    }
    let mut corpus_entries = Vec::new();
    if let Ok(files) = corpus_hashes.finish()? {
        for (f, sha) in files {
            corpus_entries.push(serde_json::json!({
                "path": f.display().to_string(),
                "sha256": sha.map_err(|e| io("corpus hash", e))?,
            }));
        }
    }
    let manifest = serde_json::json!({
        "tool": "slant",
        "version": crate::VERSION,
        "command_line": opts.command_line,
        "started": rfc3339(started),
        "finished": rfc3339(std::time::SystemTime::now()),
        "corpus": {"path": opts.corpus.display().to_string(), "files": corpus_entries},
        "lexicons": lex_entries,
        "csv": {
            "delimiter": (opts.csv.delimiter as char).to_string(),
            "bom": opts.csv.bom,
            "formula_guard": !opts.csv.raw,
            // --context N: characters kept either side of a hit (null: whole sentences).
            "context": opts.csv.context,
        },
        "counts": {
            "articles": counts.articles,
            "skipped": counts.skipped,
            "warnings": counts.warnings,
            "bytes": counts.bytes,
            "loaded_term_hits": hits,
            "quotations": quotes,
            "casualty_mentions": casualties,
        },
        "charts": chart_files,
        "problems": problems,
    });
    std::fs::write(
        bundle.path("manifest.json"),
        serde_json::to_string_pretty(&manifest).expect("json") + "\n",
    )
    .map_err(|e| io("manifest.json", e))?;
    let target = bundle.finish()?;
    Ok(RunOutcome {
        bundle: target,
        counts,
        hits,
    })
}
