//! Command-line parsing and dispatch: one module per subcommand, whose doc comment is its help.
//!
//! Exit codes, the same for every subcommand:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | `lexicon check`: examples failed; `diff`: something changed; otherwise a failed run |
//! | 2 | usage error (bad flags or arguments) |
//! | 3 | finished, but some inputs (articles, lines, files) were skipped: see the messages |
//! | 78 | an invalid lexicon or layout file: nothing was written |

mod corpus;
mod diff;
mod eval;
mod explain;
mod init;
mod lexicon;
mod run;
mod watch;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit status when some inputs were skipped.
pub const EXIT_SKIPPED: u8 = 3;
/// Exit status for an invalid lexicon or layout (sysexits CONFIG).
pub const EXIT_CONFIG: u8 = 78;

/// slant: measure how news outlets frame the same event.
///
/// Loaded terms, quotation balance and casualty emphasis, from lexicons you can edit,
/// with every number traceable to the words that made it.
#[derive(Parser, Debug)]
#[command(name = "slant", version, about, long_about = None, after_help = EXIT_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXIT_HELP: &str = "Exit codes: 0 success, 1 failure, 2 usage error, 3 finished with skipped inputs, 78 invalid lexicon or layout.";

#[derive(Subcommand, Debug)]
enum Command {
    /// Work with a corpus: check what slant reads from it.
    #[command(subcommand)]
    Corpus(corpus::CorpusCmd),
    /// Measure slant against annotated corpora.
    #[command(subcommand)]
    Eval(eval::EvalCmd),
    /// Check lexicons: schema, patterns, examples.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCmd),
    /// Analyse a corpus and write a report bundle.
    // (clap's own usage line, shown under a usage error, listed only `--corpus <CORPUS>`, as
    // if it were required: every option of `run` has a default.)
    #[command(override_usage = "slant run [OPTIONS]")]
    Run(run::RunArgs),
    /// Show an article with its hits, quotations and casualties marked, or a term (--term).
    #[command(
        override_usage = "slant explain [OPTIONS] <ARTICLE>\n       slant explain [OPTIONS] --term <ID>"
    )]
    Explain(explain::ExplainArgs),
    /// Compare two report bundles: lexicon edits, scores, hits gained and lost.
    Diff(diff::DiffArgs),
    /// Run, then rerun whenever a lexicon or an article changes.
    Watch(watch::WatchArgs),
    /// Create a new study folder: corpus/, lexicons/, reports/, README.md.
    Init(init::InitArgs),
}

/// Exit status for a usage error (what clap uses for bad flags).
pub const EXIT_USAGE: u8 = 2;

/// Largest `--max-article-mb` (1 TiB): more is no limit at all, and overflows the byte count.
const MAX_ARTICLE_MB: usize = 1 << 20;

/// `--max-article-mb`: a whole number of MB, at least 1.
fn parse_article_mb(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if (1..=MAX_ARTICLE_MB).contains(&n) => Ok(n),
        _ => Err(format!(
            "expected a whole number of MB from 1 to {MAX_ARTICLE_MB}"
        )),
    }
}

/// `--context N`: at least one character. With none, a quotation's text (2N characters) would
/// be a lone `…`.
fn parse_context(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(
            "expected a whole number of characters, at least 1 (leave --context out for \
                  whole sentences and texts)"
                .into(),
        ),
    }
}

/// `--threads`/`-j`: at least one worker thread.
fn parse_threads(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(
            "expected a whole number of threads, at least 1 (leave it out to use every core)"
                .into(),
        ),
    }
}

/// `--delimiter`: one ASCII character that cannot be mistaken for data, so the CSV reads back.
fn parse_delimiter(s: &str) -> Result<u8, String> {
    let mut chars = s.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return Err("must be exactly one character, e.g. ';'".into());
    };
    if !c.is_ascii() {
        return Err("must be an ASCII character, e.g. ';' or a tab".into());
    }
    if c.is_ascii_alphanumeric() || matches!(c, '"' | '\n' | '\r') {
        return Err(
            "cannot be a letter, a digit, a double quote or a line break (the CSV would not read back); use e.g. ';' or a tab"
                .into(),
        );
    }
    Ok(c as u8)
}

/// Entry point.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(mut e) => {
            // `slant run mycorpus`, as `slant corpus check mycorpus` takes it: clap said only
            // "unexpected argument 'mycorpus' found" (new-user trial, session 11).
            use clap::error::{ContextKind, ContextValue, ErrorKind};
            let stray = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::String(s)) if e.kind() == ErrorKind::UnknownArgument => {
                    Some(s.clone())
                }
                _ => None,
            };
            if let Some(s) = stray.filter(|s| !s.starts_with('-')) {
                if std::env::args_os().nth(1).is_some_and(|a| a == "run") {
                    e.insert(
                        ContextKind::Suggested,
                        ContextValue::StyledStrs(vec![format!(
                            "a corpus is given with --corpus: slant run --corpus {s}"
                        )
                        .into()]),
                    );
                }
            }
            e.exit()
        }
    };
    let res = match cli.command {
        Command::Corpus(c) => corpus::run(c),
        Command::Eval(c) => eval::run(c),
        Command::Lexicon(c) => lexicon::run(c),
        Command::Run(a) => run::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Watch(a) => watch::run(a),
        Command::Init(a) => init::run(a),
    };
    match res {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Prints problems to stderr as they come, and a progress line on a terminal.
pub struct StderrObserver {
    /// Suppress warnings and progress (errors are always printed).
    pub quiet: bool,
    /// The progress spinner (hidden when stderr is not a terminal or with --quiet).
    pub bar: indicatif::ProgressBar,
    started: std::time::Instant,
    /// Bytes of the corpus files read and their total, as last told.
    input: (u64, u64),
}

impl StderrObserver {
    /// A new observer.
    pub fn new(quiet: bool) -> StderrObserver {
        use std::io::IsTerminal;
        let bar = if quiet || !std::io::stderr().is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(120));
            b
        };
        StderrObserver {
            quiet,
            bar,
            started: std::time::Instant::now(),
            input: (0, 0),
        }
    }
}

/// Why the corpus at `path` cannot be read at all (missing, an unknown file type, a folder with
/// no articles or that cannot be listed), said once, `then` after it, and the relative-path
/// hint where it applies; `None` when it can be read. Checked before a command reads anything,
/// so that the user gets one message instead of a skipped input followed by "no article could
/// be read" (noticed in session 7).
pub fn unreadable_corpus(path: &std::path::Path, then: &str) -> Option<String> {
    let p = slant::corpus::corpus_files(path).err()?;
    let mut msg = format!("{}: {}{then}", path.display(), p.message);
    if path.is_relative() && !path.exists() {
        msg.push_str("\n = hint: ");
        msg.push_str(&slant::diag::relative_path_hint());
    }
    Some(msg)
}

impl slant::pipeline::Observer for StderrObserver {
    fn problem(&mut self, p: &slant::corpus::Problem) {
        if p.skipped || !self.quiet {
            self.bar.suspend(|| eprintln!("{p}"));
        }
    }

    fn input(&mut self, read: u64, total: u64) {
        self.input = (read, total);
    }

    fn progress(&mut self, articles: usize, bytes: u64) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-6);
        self.bar.set_message(format!(
            "{articles} articles, {:.1} MB of text, {:.1} MB/s{}",
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / secs,
            input_share(self.input, secs)
        ));
    }
}

/// ", 37% of the input, about 12 s left": how far through its files a run has read and the
/// time left at the pace so far; nothing while the total is unknown or nothing is read yet.
/// (Reading runs a chunk ahead of the analysis, so the estimate is a little short.)
fn input_share((read, total): (u64, u64), secs: f64) -> String {
    if total == 0 || read == 0 {
        return String::new();
    }
    let f = (read as f64 / total as f64).min(1.0);
    let left = secs * (1.0 - f) / f;
    let left = if left < 90.0 {
        format!("{left:.0} s")
    } else {
        format!("{:.0} min", left / 60.0)
    };
    format!(", {:.0}% of the input, about {left} left", f * 100.0)
}

impl Drop for StderrObserver {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::input_share;

    #[test]
    fn input_share_says_how_far_and_how_long() {
        assert_eq!(input_share((0, 100), 5.0), "");
        assert_eq!(input_share((10, 0), 5.0), "");
        assert_eq!(
            input_share((25, 100), 10.0),
            ", 25% of the input, about 30 s left"
        );
        assert_eq!(
            input_share((10, 100), 60.0),
            ", 10% of the input, about 9 min left"
        );
        assert_eq!(
            input_share((100, 100), 60.0),
            ", 100% of the input, about 0 s left"
        );
    }
}
