//! `slant diff OLD NEW`: what changed between two report bundles.
//!
//! Compares the lexicon copies inside the bundles (terms, patterns, categories, rules, settings
//! added, removed or changed), `articles.csv` (articles added or removed; every value that
//! changed, with old, new and for numbers the delta) and `loaded_terms.csv` (hits gained and
//! lost, with their sentences). The manifest's times never count as changes.
//!
//! Prints a summary and writes every change to `diff.csv` (columns kind, article_id,
//! column_or_term, old, new, delta, sentence) in the current folder, or to `--out PATH` (a file,
//! or a folder to write `diff.csv` in).
//!
//! Exit codes, as diff(1): 0 nothing changed; 1 something changed; 2 an error (a folder that
//! is missing or is not a bundle, an unreadable table).

use super::explain::ColorArg;
use clap::Args;
use slant::report::diff;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The older bundle folder (e.g. reports/2024-06-01T10-00-00).
    pub old: PathBuf,
    /// The newer bundle folder.
    pub new: PathBuf,
    /// Where to write diff.csv: a file path, or a folder (default: ./diff.csv).
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

/// Exit status for an error (as diff(1)).
const EXIT_TROUBLE: u8 = 2;

pub fn run(a: DiffArgs) -> anyhow::Result<u8> {
    let d = match diff::diff_bundles(&a.old, &a.new) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_TROUBLE);
        }
    };
    let out = match &a.out {
        // A folder, or a path written as one ("out/"), gets the file inside it.
        Some(p) if p.is_dir() || p.as_os_str().to_string_lossy().ends_with('/') => {
            p.join("diff.csv")
        }
        Some(p) => p.clone(),
        None => PathBuf::from("diff.csv"),
    };
    // The table first: when it cannot be written, no report is printed above the error.
    if let Err(e) = d.write_csv(&out) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return Ok(EXIT_TROUBLE);
    }
    // Written, not printed: a reader that stops early (`| head`) closes the pipe. That is
    // not trouble, and the table is written: the status still says whether anything changed
    // (as diff(1)'s does), not the 0 `main` gives a closed pipe.
    let shown = {
        use std::io::Write;
        let mut so = std::io::stdout().lock();
        so.write_all(d.render(a.color.enabled(), false).as_bytes())
            .and_then(|()| {
                writeln!(
                    so,
                    "{} change(s) written to {}",
                    d.rows.len(),
                    out.display()
                )
            })
            .and_then(|()| so.flush())
    };
    match shown {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(if d.is_empty() { 0 } else { 1 })
}
